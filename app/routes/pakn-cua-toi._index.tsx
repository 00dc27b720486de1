// "PAKN của tôi": ask for a one-time link by e-mail; once a link is used, every PAKN sent with that
// address, each opening as its follow-up page. The request's answer never says whether the address
// sent anything.
import {
  type ActionFunctionArgs,
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ErrorSummary, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { formatDateVi } from '~/domain/dates';
import { myPaknOpenSchema, myPaknRequestSchema } from '~/domain/my-pakn';
import { findPaknOfEmail, listPaknByEmail, requestMyPaknLink } from '~/models/my-pakn.server';
import { grantFollowAccess } from '~/utils/follow-session.server';
import { parseForm, sentIntent } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';
import { clearVerifiedEmail, getVerifiedEmail } from '~/utils/my-pakn-session.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? '' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const email = await getVerifiedEmail(request);
  const items = email
    ? (await listPaknByEmail(email)).map((p) => ({
        id: p.id,
        code: p.code,
        title: p.title,
        receivedOn: formatDateVi(p.receivedAt),
        status: locale === 'en' ? p.publicStatus.en : p.publicStatus.vi,
      }))
    : null;
  return json(
    { email, items, pageTitle: `${t('intake.mine.title')} – ${t('app.shortName')}` },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const form = await request.formData().catch(() => null);
  const posted = form ?? new FormData();
  // the e-mail form sends no intent: it is the page's first form
  const intent = sentIntent(posted, ['open', 'signout', 'request']) ?? 'request';
  if (intent === 'open') {
    const email = await getVerifiedEmail(request);
    if (!email) return redirect('/pakn-cua-toi');
    const open = parseForm(posted, myPaknOpenSchema);
    const pakn = open.status === 'success' ? await findPaknOfEmail({ id: open.value.id, email }) : null;
    if (!pakn) throw json({ message: t('errorPage.notFoundTitle') }, { status: 404 });
    return redirect(`/theo-doi/${pakn.code}`, {
      headers: { 'Set-Cookie': await grantFollowAccess(request, pakn.id) },
    });
  }
  if (intent === 'signout') {
    return redirect('/pakn-cua-toi', { headers: { 'Set-Cookie': await clearVerifiedEmail(request) } });
  }
  const submission = parseForm(posted, myPaknRequestSchema);
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const { email } = submission.value;
  const result = await requestMyPaknLink({ email, ip: clientIp(context), locale });
  if (!result.ok) {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return json(
      submission.reply({ fieldErrors: { email: [`intake.mine.rateLimited|minutes=${minutes}`] } }),
      {
        status: 429,
        headers: { 'Retry-After': String(result.retryAfterSeconds) },
      },
    );
  }
  return json({ sent: true as const, email });
}

export default function MyPakn() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const sent = result && 'sent' in result ? result : null;
  const f = usePaknForm(myPaknRequestSchema, {
    lastResult: result && !('sent' in result) ? result : undefined,
    order: ['email'],
  });
  if (d.email && d.items) {
    return (
      <div className="narrow">
        <h1>{t('intake.mine.title')}</h1>
        <p className="lead-small">{t('intake.mine.listIntro', { email: d.email, count: d.items.length })}</p>
        {d.items.length === 0 ? <p>{t('intake.mine.none')}</p> : null}
        <ul className="result-list">
          {d.items.map((p) => (
            <li key={p.id}>
              <Form method="post">
                <input type="hidden" name="intent" value="open" />
                <input type="hidden" name="id" value={p.id} />
                <button type="submit" className="link-button">
                  {p.code}: {p.title}
                </button>
              </Form>
              <p className="hint">{t('intake.mine.itemMeta', { date: p.receivedOn, status: p.status })}</p>
            </li>
          ))}
        </ul>
        <Form method="post">
          <input type="hidden" name="intent" value="signout" />
          <button type="submit" className="button button-secondary">
            {t('intake.follow.signOut')}
          </button>
        </Form>
      </div>
    );
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={f.summary} />
      <h1>{t('intake.mine.title')}</h1>
      {sent ? (
        <div className="panel-confirmation" role="status">
          <h2>{t('intake.mine.sentTitle')}</h2>
          <p>{t('intake.mine.sent', { email: sent.email })}</p>
        </div>
      ) : null}
      <p className="lead-small">{t('intake.mine.intro')}</p>
      <Form method="post" {...f.formProps}>
        <TextField
          id="email"
          name="email"
          type="email"
          label={t('intake.form.email')}
          hint={t('intake.mine.emailHint')}
          error={f.error('email')}
          defaultValue={f.value('email')}
          autoComplete="email"
          maxLength={254}
        />
        <button type="submit" className="button">
          {t('intake.mine.submit')}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// "Check your answers": the last step before a PAKN is registered. Sending is idempotent per token,
// for the browser that holds the draft (its cookie) only.
import {
  type ActionFunctionArgs,
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { SimilarAnswers } from '~/components/public/similar-answers';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { RECEIPT_MARK } from '~/domain/follow';
import { localName } from '~/domain/local-name';
import { draftSendSchema } from '~/domain/submission-schema';
import { listFields } from '~/models/config.server';
import { hitRateLimit } from '~/models/rate-limit.server';
import { publishedSimilar } from '~/models/similarity.server';
import { confirmDraft, getDraft, listDraftFiles } from '~/models/submission.server';
import { holdsDraft } from '~/utils/draft-cookie.server';
import { grantFollowAccess } from '~/utils/follow-session.server';
import { parseForm } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('t') ?? '';
  // only the browser that started the draft sees it
  const draft = (await holdsDraft(request, token)) ? await getDraft({ token }) : null;
  if (!draft) return redirect('/gop-y?het-han=1');
  if (draft.paknId) return redirect('/theo-doi');
  const locale = getLocale(request);
  const t = getT(locale);
  const field = (await listFields()).find((f) => String(f.id) === draft.data.field);
  return json(
    {
      token,
      data: draft.data,
      fieldName: field ? localName(field, locale) : t('intake.form.fieldUnknown'),
      files: await listDraftFiles({ token }),
      // issue #15: published answers to what looks like the same question (public fields only)
      similar: (await publishedSimilar({ title: draft.data.title, content: draft.data.content })).map(
        ({ code, title, summary }) => ({ code, title, summary }),
      ),
      pageTitle: `${t('intake.form.reviewTitle')} – ${t('app.shortName')}`,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const form = await request.formData().catch(() => null);
  const submission = form ? parseForm(form, draftSendSchema) : null;
  const token = submission?.status === 'success' ? submission.value.t : null;
  // a browser that does not hold the draft can neither send it nor learn its code (double send)
  if (token === null || !(await holdsDraft(request, token)) || !(await getDraft({ token })))
    return redirect('/gop-y?het-han=1');
  const limit = await hitRateLimit({ bucket: 'intake-submit', key: clientIp(context) });
  if (!limit.allowed) {
    throw json(
      { message: t('intake.form.rateLimited', { minutes: Math.ceil(limit.retryAfterSeconds / 60) }) },
      { status: 429, headers: { 'Retry-After': String(limit.retryAfterSeconds) } },
    );
  }
  const result = await confirmDraft({ token });
  if (result.status === 'missing') return redirect('/gop-y?het-han=1');
  return redirect(`/theo-doi/${result.code}?${RECEIPT_MARK}=1`, {
    headers: { 'Set-Cookie': await grantFollowAccess(request, result.paknId) },
  });
}

export default function Review() {
  const { token, data, fieldName, files, similar } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const busy = useNavigation().state === 'submitting';
  const change = (id: string) => `/gop-y?t=${token}#${id}`;
  const rows: Array<[string, string, string]> = [
    ['type', t('intake.form.type'), t(`type.${data.type}`)],
    ['subject', t('intake.form.subject'), t(`subject.${data.subject}`)],
    ['category', t('intake.form.category'), t(`category.${data.category}`)],
    ['title', t('intake.form.titleField'), data.title],
    ['content', t('intake.form.content'), data.content],
    ['regulationRef', t('intake.form.regulationRef'), data.regulationRef || t('notProvided')],
    ['field', t('intake.form.field'), fieldName],
    ['submitterKind', t('intake.form.submitterKind'), t(`submitterKind.${data.submitterKind}`)],
    ...(data.submitterKind === 'organisation'
      ? ([
          ['orgName', t('intake.form.orgName'), data.orgName],
          ['representative', t('intake.form.representative'), data.representative],
        ] as Array<[string, string, string]>)
      : []),
    ['fullName', t('intake.form.fullName'), data.fullName],
    ['address', t('intake.form.address'), data.address],
    ['phone', t('intake.form.phone'), data.phone],
    ['email', t('intake.form.email'), data.email],
    [
      'files',
      t('intake.form.files'),
      files.length ? files.map((f) => f.name).join('\n') : t('intake.form.noFiles'),
    ],
    ['consent', t('intake.form.sectionConsent'), t('intake.form.consentGiven')],
    [
      'showIdentity',
      t('intake.form.showIdentity'),
      data.showIdentity ? t('intake.form.identityShown') : t('intake.form.identityHidden'),
    ],
  ];
  return (
    <div className="narrow">
      <h1>{t('intake.form.reviewTitle')}</h1>
      <p className="lead-small">{t('intake.form.reviewIntro')}</p>
      <dl className="summary-list">
        {rows.map(([id, label, value]) => (
          <div className="summary-row" key={id}>
            <dt>{label}</dt>
            <dd className="pre-line">{value}</dd>
            <dd className="summary-action">
              <a href={change(id)}>
                {t('change')}
                <span className="visually-hidden"> {label}</span>
              </a>
            </dd>
          </div>
        ))}
      </dl>
      <SimilarAnswers items={similar} />
      <p>{t('intake.form.reviewDeclaration')}</p>
      <Form method="post">
        <input type="hidden" name="t" value={token} />
        <button type="submit" className="button" disabled={busy}>
          {t('intake.form.reviewSend')}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

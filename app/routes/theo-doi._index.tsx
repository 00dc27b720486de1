// Follow-up by code + e-mail or phone. Failures are throttled and never say which part was wrong.
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
import { followLookupSchema } from '~/domain/follow';
import { formatPaknCode, normaliseCode, PAKN_CODE_PATTERN } from '~/domain/pakn';
import { getAgency } from '~/models/config.server';
import { followLookupBlocked, recordFollowLookupFailure } from '~/models/follow-limits.server';
import { findPaknForSubmitter } from '~/models/pakn.server';
import { readFlash } from '~/utils/flash.server';
import { grantFollowAccess } from '~/utils/follow-session.server';
import { parseForm } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getT(getLocale(request));
  const flash = await readFlash(request);
  return json(
    {
      example: formatPaknCode((await getAgency()).codePrefix, new Date().getFullYear(), 42),
      flash: flash.message,
      pageTitle: `${t('intake.follow.title')} – ${t('app.shortName')}`,
    },
    { headers: flash.setCookie ? { 'Set-Cookie': flash.setCookie } : {} },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => new FormData());
  const submission = parseForm(form, followLookupSchema);
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const { code: rawCode, contact } = submission.value;
  const ip = clientIp(context);
  const code = normaliseCode(rawCode);
  const minutes = await followLookupBlocked({ ip, code });
  if (minutes !== null)
    return json(submission.reply({ fieldErrors: { code: [`rateLimited|minutes=${minutes}`] } }), {
      status: 429,
    });
  const id = PAKN_CODE_PATTERN.test(code) ? await findPaknForSubmitter({ code, contact }) : null;
  if (id === null) {
    await recordFollowLookupFailure({ ip, code });
    return json(submission.reply({ fieldErrors: { code: ['notFound'] } }), { status: 400 });
  }
  return redirect(`/theo-doi/${code}`, { headers: { 'Set-Cookie': await grantFollowAccess(request, id) } });
}

export default function FollowLookup() {
  const { example, flash } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = usePaknForm(followLookupSchema, {
    lastResult: useActionData<typeof action>(),
    prefix: 'intake.follow.',
    order: ['code', 'contact'],
  });
  return (
    <div className="narrow">
      <ErrorSummary errors={f.summary} />
      <h1>{t('intake.follow.title')}</h1>
      {flash ? <p className="notice">{t(flash)}</p> : null}
      <p className="lead-small">{t('intake.follow.intro')}</p>
      <Form method="post" {...f.formProps}>
        <TextField
          id="code"
          name="code"
          label={t('intake.follow.code')}
          hint={t('intake.follow.codeHint', { example })}
          error={f.error('code')}
          defaultValue={f.value('code')}
          autoComplete="off"
          className="input-20"
        />
        <TextField
          id="contact"
          name="contact"
          label={t('intake.follow.contact')}
          error={f.error('contact')}
          defaultValue={f.value('contact')}
          autoComplete="email"
        />
        <button type="submit" className="button">
          {t('intake.follow.submit')}
        </button>
      </Form>
      <p>
        {t('intake.follow.lostCode')} <a href="/pakn-cua-toi">{t('intake.follow.lostCodeLink')}</a>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

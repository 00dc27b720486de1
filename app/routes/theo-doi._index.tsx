// Follow-up by code + e-mail or phone. Failures are throttled and never say which part was wrong.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, TextField, type FieldError } from '~/components/ui/form';
import { formatPaknCode, normaliseCode, PAKN_CODE_PATTERN } from '~/domain/pakn';
import { getAgency } from '~/models/config.server';
import { followLookupBlocked, recordFollowLookupFailure } from '~/models/follow-limits.server';
import { findPaknForSubmitter } from '~/models/pakn.server';
import { grantFollowAccess } from '~/utils/follow-session.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getT(getLocale(request));
  const url = new URL(request.url);
  return json({
    example: formatPaknCode(getAgency().codePrefix, new Date().getFullYear(), 42),
    linkInvalid: url.searchParams.has('lien-ket-sai'),
    pageTitle: `${t('intake.follow.title')} – ${t('app.shortName')}`,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  const rawCode = String(form?.get('code') ?? '').slice(0, 64);
  const contact = String(form?.get('contact') ?? '').slice(0, 254);
  const values = { code: rawCode, contact };
  const errors: { code?: string; contact?: string } = {};
  if (!rawCode.trim()) errors.code = t('intake.follow.codeRequired');
  if (!contact.trim()) errors.contact = t('intake.follow.contactRequired');
  if (Object.keys(errors).length) return json({ values, errors }, { status: 400 });

  const ip = clientIp(context);
  const code = normaliseCode(rawCode);
  const minutes = followLookupBlocked({ ip, code });
  if (minutes !== null) {
    const message = t('intake.follow.rateLimited', { minutes });
    return json({ values, errors: { code: message } as typeof errors }, { status: 429 });
  }
  const id = PAKN_CODE_PATTERN.test(code) ? findPaknForSubmitter({ code, contact }) : null;
  if (id === null) {
    recordFollowLookupFailure({ ip, code });
    return json({ values, errors: { code: t('intake.follow.notFound') } as typeof errors }, { status: 400 });
  }
  return redirect(`/theo-doi/${code}`, { headers: { 'Set-Cookie': await grantFollowAccess(request, id) } });
}

export default function FollowLookup() {
  const { example, linkInvalid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: { code?: string; contact?: string } = result?.errors ?? {};
  const summary: FieldError[] = Object.entries(errors).map(([id, message]) => ({
    id,
    message: message ?? '',
  }));
  return (
    <div className="narrow">
      <ErrorSummary errors={summary} />
      <h1>{t('intake.follow.title')}</h1>
      {linkInvalid ? <p className="notice">{t('intake.follow.linkInvalid')}</p> : null}
      <p className="lead-small">{t('intake.follow.intro')}</p>
      <Form method="post" noValidate>
        <TextField
          id="code"
          name="code"
          label={t('intake.follow.code')}
          hint={t('intake.follow.codeHint', { example })}
          error={errors.code}
          defaultValue={result?.values.code}
          autoComplete="off"
          className="input-20"
        />
        <TextField
          id="contact"
          name="contact"
          label={t('intake.follow.contact')}
          error={errors.contact}
          defaultValue={result?.values.contact}
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

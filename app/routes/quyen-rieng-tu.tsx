// The privacy notice (spec §8, Luật Bảo vệ dữ liệu cá nhân 91/2025) and the data-subject request form,
// which reaches the coordinators (stored and e-mailed). Works without JavaScript.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { FlashMessage } from '~/components/ui/flash';
import { Choices, ErrorSummary, TextArea, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { localName } from '~/domain/local-name';
import { formatPaknCode } from '~/domain/pakn';
import { PRIVACY_REQUEST_KINDS, privacyRequestSchema } from '~/domain/privacy-request';
import { getAgency } from '~/models/config.server';
import { createPrivacyRequest } from '~/models/privacy-requests.server';
import { hitRateLimit } from '~/models/rate-limit.server';
import { readFlash, redirectWithFlash } from '~/utils/flash.server';
import { parseForm } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

const FIELDS = ['kind', 'code', 'fullName', 'email', 'phone', 'details'] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const agency = await getAgency();
  const flash = await readFlash(request);
  return json(
    {
      agency: {
        name: localName(agency, locale),
        address: agency.address,
        email: agency.email,
        phone: agency.phone,
      },
      example: formatPaknCode(agency.codePrefix, new Date().getFullYear(), 42),
      flash: flash.message,
      pageTitle: `${t('privacy.title')} – ${t('app.shortName')}`,
    },
    { headers: flash.setCookie ? { 'Set-Cookie': flash.setCookie } : {} },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('intake.form.badRequest') }, { status: 400 });
  const submission = parseForm(form, privacyRequestSchema);
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const limit = await hitRateLimit({ bucket: 'privacy-request', key: clientIp(context) });
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    return json(submission.reply({ fieldErrors: { kind: [`!${t('privacy.rateLimited', { minutes })}`] } }), {
      status: 429,
    });
  }
  await createPrivacyRequest({ input: submission.value });
  return redirectWithFlash('/quyen-rieng-tu#yeu-cau', 'privacy.sent');
}

export default function Privacy() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = usePaknForm(privacyRequestSchema, {
    lastResult: useActionData<typeof action>(),
    prefix: 'privacy.errors.',
    order: FIELDS,
  });
  const err = f.error;
  const v = f.value;
  const a = d.agency;
  return (
    <div className="narrow">
      <ErrorSummary errors={f.summary} />
      <h1>{t('privacy.title')}</h1>
      <p className="lead-small">{t('privacy.intro', { agency: a.name })}</p>
      <h2>{t('privacy.controllerTitle')}</h2>
      <p>{t('privacy.controller', { agency: a.name, address: a.address, email: a.email })}</p>
      <h2>{t('privacy.purposeTitle')}</h2>
      <p>{t('privacy.purpose')}</p>
      <h2>{t('privacy.dataTitle')}</h2>
      <p>{t('privacy.data')}</p>
      <h2>{t('privacy.sharingTitle')}</h2>
      <p>{t('privacy.sharing')}</p>
      <h2>{t('privacy.retentionTitle')}</h2>
      <p>{t('privacy.retention')}</p>
      <h2>{t('privacy.rightsTitle')}</h2>
      <p>{t('privacy.rights')}</p>
      <h2>{t('privacy.howTitle')}</h2>
      <p>{t('privacy.how')}</p>
      <h2>{t('privacy.contactTitle')}</h2>
      <p>{t('privacy.contact', { email: a.email, phone: a.phone })}</p>

      <h2 id="yeu-cau">{t('privacy.formTitle')}</h2>
      <FlashMessage message={d.flash} />
      <Form method="post" {...f.formProps}>
        <Choices
          id="kind"
          name="kind"
          legend={t('privacy.form.kind')}
          error={err('kind')}
          defaultValue={v('kind')}
          options={PRIVACY_REQUEST_KINDS.map((k) => ({ value: k, label: t(`privacy.kind.${k}`) }))}
        />
        <TextField
          id="code"
          name="code"
          label={t('privacy.form.code')}
          hint={t('privacy.form.codeHint', { example: d.example })}
          error={err('code')}
          defaultValue={v('code')}
          optional
          autoComplete="off"
          className="input-20"
        />
        <TextField
          id="fullName"
          name="fullName"
          label={t('privacy.form.fullName')}
          error={err('fullName')}
          defaultValue={v('fullName')}
          autoComplete="name"
          maxLength={120}
        />
        <TextField
          id="email"
          name="email"
          type="email"
          label={t('privacy.form.email')}
          hint={t('privacy.form.emailHint')}
          error={err('email')}
          defaultValue={v('email')}
          autoComplete="email"
          maxLength={254}
        />
        <TextField
          id="phone"
          name="phone"
          type="tel"
          label={t('privacy.form.phone')}
          error={err('phone')}
          defaultValue={v('phone')}
          optional
          autoComplete="tel"
          inputMode="tel"
          className="input-20"
        />
        <TextArea
          id="details"
          name="details"
          label={t('privacy.form.details')}
          hint={t('privacy.form.detailsHint')}
          error={err('details')}
          defaultValue={v('details')}
          optional
          maxLength={2000}
          rows={5}
        />
        <button type="submit" className="button">
          {t('privacy.form.submit')}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

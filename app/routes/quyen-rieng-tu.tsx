// The privacy notice (spec §8, Luật Bảo vệ dữ liệu cá nhân 91/2025) and the data-subject request form,
// which reaches the coordinators (stored and e-mailed). Works without JavaScript.
import { parseWithZod } from '@conform-to/zod';
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Choices, ErrorSummary, TextArea, TextField, type FieldError } from '~/components/ui/form';
import { formatPaknCode } from '~/domain/pakn';
import { PRIVACY_REQUEST_KINDS, privacyRequestSchema } from '~/domain/privacy-request';
import { getAgency } from '~/models/config.server';
import { createPrivacyRequest } from '~/models/privacy-requests.server';
import { hitRateLimit } from '~/models/rate-limit.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';
import { localName } from '~/domain/local-name';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

const FIELDS = ['kind', 'code', 'fullName', 'email', 'phone', 'details'] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const agency = getAgency();
  return json({
    agency: {
      name: localName(agency, locale),
      address: agency.address,
      email: agency.email,
      phone: agency.phone,
    },
    example: formatPaknCode(agency.codePrefix, new Date().getFullYear(), 42),
    sent: new URL(request.url).searchParams.has('da-gui'),
    pageTitle: `${t('privacy.title')} – ${t('app.shortName')}`,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('intake.form.badRequest') }, { status: 400 });
  const values = Object.fromEntries(FIELDS.map((k) => [k, String(form.get(k) ?? '').slice(0, 3000)]));
  const submission = parseWithZod(form, { schema: privacyRequestSchema, disableAutoCoercion: true });
  if (submission.status !== 'success') {
    const errors = (submission.reply().error ?? {}) as Record<string, string[] | null>;
    return json({ values, errors }, { status: 400 });
  }
  const limit = hitRateLimit({ bucket: 'privacy-request', key: clientIp(context) });
  if (!limit.allowed) {
    const message = t('privacy.rateLimited', { minutes: Math.ceil(limit.retryAfterSeconds / 60) });
    const errors: Record<string, string[] | null> = { kind: [`!${message}`] };
    return json({ values, errors }, { status: 429 });
  }
  createPrivacyRequest({ input: submission.value });
  return redirect('/quyen-rieng-tu?da-gui=1#yeu-cau');
}

export default function Privacy() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const message = (m: string | undefined) =>
    m === undefined ? undefined : m.startsWith('!') ? m.slice(1) : t(`privacy.errors.${m}`);
  const err = (name: string) => message(result?.errors[name]?.[0]);
  const summary: FieldError[] = FIELDS.flatMap((name) => {
    const m = err(name);
    return m ? [{ id: name, message: m }] : [];
  });
  const v = (name: string) => result?.values[name];
  const a = d.agency;
  return (
    <div className="narrow">
      <ErrorSummary errors={summary} />
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
      {d.sent ? (
        <div className="panel-confirmation" role="status">
          <p>{t('privacy.sent')}</p>
        </div>
      ) : null}
      <Form method="post" noValidate>
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

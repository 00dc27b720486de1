// A coordinator records a PAKN received by post, in person, by phone, by e-mail or on the hotline.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Checkbox, Choices, ErrorSummary, Select, TextArea, TextField } from '~/components/form';
import { toLocalDate } from '~/domain/dates';
import { CATEGORIES, PAKN_TYPES, SUBJECTS, SUBMITTER_KINDS } from '~/domain/pakn';
import { LIMITS } from '~/domain/submission-schema';
import { listFields } from '~/models/config.server';
import { STAFF_CHANNELS } from '~/domain/pakn';
import { parseIntakeForm, recordStaffIntake } from '~/models/intake.server';
import { requirePermission } from '~/utils/auth.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'pakn:intake');
  const locale = getLocale(request);
  const t = getT(locale);
  return json({
    today: toLocalDate(new Date()),
    fields: listFields().map((f) => ({ value: String(f.id), label: locale === 'en' ? f.nameEn : f.name })),
    pageTitle: `${t('staff.intake.title')} – ${t('app.shortName')}`,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'pakn:intake');
  const locale = getLocale(request);
  const t = getT(locale);
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('staff.errors.badRequest') }, { status: 400 });
  const parsed = parseIntakeForm(form);
  if (!parsed.ok) {
    const errors = Object.fromEntries(
      Object.entries(parsed.errors).map(([k, v]) => {
        const [key = 'staff.errors.invalid', param] = v.split('|');
        return [k, t(key, param ? { max: param } : {})];
      }),
    );
    return json({ errors, values: parsed.values }, { status: 400 });
  }
  const { id } = recordStaffIntake({ actor, input: parsed.value, lang: locale, ip: clientIp(context) });
  return redirect(`/can-bo/pakn/${id}?xong=intake`);
}

const ORDER = [
  'channel',
  'receivedDate',
  'type',
  'subject',
  'category',
  'title',
  'content',
  'regulationRef',
  'field',
  'submitterKind',
  'orgName',
  'representative',
  'fullName',
  'phone',
  'address',
  'email',
];

export default function StaffIntake() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const v: Record<string, string> = result?.values ?? {};
  const errors: Record<string, string> = result?.errors ?? {};
  const f = (name: string) => ({ id: name, name, error: errors[name], defaultValue: v[name] });
  const summary = ORDER.filter((k) => errors[k]).map((k) => ({ id: k, message: errors[k]! }));
  return (
    <div className="narrow">
      <ErrorSummary errors={summary} />
      <h1>{t('staff.intake.title')}</h1>
      <p className="lead-small">{t('staff.intake.intro')}</p>
      <Form method="post" noValidate>
        <Select
          {...f('channel')}
          label={t('staff.intake.channel')}
          placeholder=""
          options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
        <TextField
          {...f('receivedDate')}
          defaultValue={v.receivedDate ?? d.today}
          type="date"
          label={t('staff.intake.receivedDate')}
          hint={t('staff.intake.receivedDateHint')}
          className="input-20"
        />
        <Choices
          {...f('type')}
          legend={t('staff.intake.type')}
          options={PAKN_TYPES.map((k) => ({ value: k, label: t(`type.${k}`) }))}
        />
        <Choices
          {...f('subject')}
          legend={t('staff.intake.subject')}
          options={SUBJECTS.map((k) => ({ value: k, label: t(`subject.${k}`) }))}
        />
        <Select
          {...f('category')}
          label={t('intake.form.category')}
          placeholder=""
          options={CATEGORIES.map((c) => ({ value: String(c), label: `${c}. ${t(`category.${c}`)}` }))}
        />
        <TextField {...f('title')} label={t('intake.form.titleField')} maxLength={LIMITS.title} />
        <TextArea {...f('content')} label={t('intake.form.content')} rows={10} />
        <TextField
          {...f('regulationRef')}
          label={t('intake.form.regulationRef')}
          optional
          maxLength={LIMITS.regulationRef}
        />
        <Select
          {...f('field')}
          label={t('intake.form.field')}
          placeholder=""
          options={[...d.fields, { value: 'unknown', label: t('intake.form.fieldUnknown') }]}
        />
        <Choices
          {...f('submitterKind')}
          legend={t('staff.intake.submitterKind')}
          options={SUBMITTER_KINDS.map((k) => ({ value: k, label: t(`submitterKind.${k}`) }))}
        />
        <TextField {...f('orgName')} label={t('intake.form.orgName')} maxLength={LIMITS.orgName} />
        <TextField
          {...f('representative')}
          label={t('intake.form.representative')}
          maxLength={LIMITS.representative}
        />
        <TextField {...f('fullName')} label={t('intake.form.fullName')} maxLength={LIMITS.fullName} />
        <p className="hint">{t('staff.intake.contactHint')}</p>
        <TextField
          {...f('phone')}
          type="tel"
          label={t('intake.form.phone')}
          optional
          inputMode="tel"
          className="input-20"
        />
        <TextField {...f('address')} label={t('intake.form.address')} optional maxLength={LIMITS.address} />
        <TextField
          {...f('email')}
          type="email"
          label={t('intake.form.email')}
          hint={t('staff.intake.emailHint')}
          optional
          maxLength={LIMITS.email}
        />
        <Checkbox
          id="consent"
          name="consent"
          label={t('staff.intake.consent')}
          defaultChecked={v.consent === 'on'}
        />
        <Checkbox
          id="showIdentity"
          name="showIdentity"
          label={t('staff.intake.showIdentity')}
          defaultChecked={v.showIdentity === 'on'}
        />
        <button type="submit" className="button">
          {t('staff.intake.submit')}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// A coordinator records a PAKN received by post, in person, by phone, by e-mail or on the hotline.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { FileInput } from '~/components/ui/file-input';
import { Checkbox, Choices, ErrorSummary, Select, TextArea, TextField } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { toLocalDate } from '~/domain/dates';
import { localName } from '~/domain/local-name';
import { CATEGORIES, PAKN_TYPES, SUBJECTS, SUBMITTER_KINDS } from '~/domain/pakn';
import { STAFF_CHANNELS } from '~/domain/pakn';
import { STAFF_INTAKE_FIELD_ORDER, staffIntakeSchema } from '~/domain/staff-intake';
import { LIMITS } from '~/domain/submission-schema';
import { listFields } from '~/models/config.server';
import { intakeEarliestDate, intakeFieldProblem, recordStaffIntake } from '~/models/intake.server';
import { discardStaffUploads, readStaffUploadForm, staffUploadLimits } from '~/models/staff-files.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { parseForm, submittedValue } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'pakn:intake');
  const locale = getLocale(request);
  const t = getT(locale);
  return json({
    today: toLocalDate(new Date()),
    earliest: await intakeEarliestDate(),
    limits: await staffUploadLimits(),
    fields: (await listFields()).map((f) => ({ value: String(f.id), label: localName(f, locale) })),
    pageTitle: `${t('staff.intake.title')} – ${t('app.shortName')}`,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'pakn:intake');
  const locale = getLocale(request);
  const t = getT(locale);
  // multipart with the scanned letter (or urlencoded without): files are checked while they arrive
  const read = await readStaffUploadForm(request, { t });
  if (!read) throw json({ message: t('staff.errors.badRequest') }, { status: 400 });
  const { form, stored, fileErrors, scannerDown } = read;
  const submission = parseForm(form, staffIntakeSchema(toLocalDate(new Date()), await intakeEarliestDate()));
  const field = await intakeFieldProblem(submittedValue(submission.payload, 'field') ?? '');
  if (submission.status !== 'success' || field || fileErrors.length) {
    // nothing is half-saved: the files of a failed post are not kept, and the page says so
    discardStaffUploads(stored);
    const files = [...fileErrors, ...(stored.length ? [t('staff.intake.filesNotKept')] : [])];
    const reply = submission.reply({
      fieldErrors: {
        ...(field ? { field: [field] } : {}),
        // translated already (they name the files): '!' shows them as they are
        ...(files.length ? { files: [`!${files.join(' ')}`] } : {}),
      },
    });
    return json(reply, { status: scannerDown ? 503 : 400 });
  }
  const { id, code } = await recordStaffIntake({
    actor,
    input: submission.value,
    lang: locale,
    ip: clientIp(context),
    files: stored,
  });
  return redirectWithFlash(`/can-bo/pakn/${id}`, `!${t('staff.intake.done', { code })}`);
}

export default function StaffIntake() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const form = usePaknForm(staffIntakeSchema(d.today, d.earliest), {
    lastResult: useActionData<typeof action>(),
    order: STAFF_INTAKE_FIELD_ORDER,
  });
  const v = form.value;
  const f = (name: string) => ({ id: name, name, error: form.error(name), defaultValue: v(name) });
  return (
    <div className="narrow">
      <ErrorSummary errors={form.summary} />
      <h1>{t('staff.intake.title')}</h1>
      <p className="lead-small">{t('staff.intake.intro')}</p>
      <Form method="post" encType="multipart/form-data" {...form.formProps}>
        <Select
          {...f('channel')}
          label={t('staff.intake.channel')}
          placeholder=""
          options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
        <TextField
          {...f('receivedDate')}
          defaultValue={v('receivedDate') ?? d.today}
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
        <FileInput
          id="files"
          label={t('staff.intake.files')}
          hint={t('staff.intake.filesHint', { count: d.limits.maxFiles, mb: d.limits.maxMb })}
          errors={form.messages('files')}
        />
        <Checkbox
          id="consent"
          name="consent"
          label={t('staff.intake.consent')}
          defaultChecked={v('consent') === 'on'}
        />
        <Checkbox
          id="showIdentity"
          name="showIdentity"
          label={t('staff.intake.showIdentity')}
          defaultChecked={v('showIdentity') === 'on'}
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

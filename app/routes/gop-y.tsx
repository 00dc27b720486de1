// The citizen's form. Works without JavaScript: a multipart POST validated on the server, errors
// next to each field and in a summary, everything typed kept, accepted files kept with the draft.
import { parseWithZod } from '@conform-to/zod';
import {
  type ActionFunctionArgs,
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { SimilarAnswersLive } from '~/components/public/similar-answers';
import {
  Checkbox,
  Choices,
  ErrorSummary,
  type FieldError,
  Select,
  TextArea,
  TextField,
} from '~/components/ui/form';
import { localName } from '~/domain/local-name';
import {
  BEHAVIOUR_CATEGORIES,
  CATEGORIES,
  categoriesForChoice,
  type Category,
  PAKN_TYPES,
  PETITION_ONLY_CATEGORIES,
  SUBJECTS,
  SUBMITTER_KINDS,
} from '~/domain/pakn';
import { LIMITS, submissionSchema } from '~/domain/submission-schema';
import type { Locale } from '~/i18n';
import { getSetting } from '~/models/admin/settings.server';
import { getAgency, listFields } from '~/models/config.server';
import { draftStorageCaps, openDraftUploadBudget } from '~/models/draft-storage.server';
import { hitRateLimit } from '~/models/rate-limit.server';
import {
  DRAFT_TOKEN_PATTERN,
  getDraft,
  listDraftFiles,
  saveDraft,
  updateDraftFiles,
} from '~/models/submission.server';
import { pseudonymise } from '~/utils/crypto.server';
import { holdsDraft, issueDraftToken } from '~/utils/draft-cookie.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';
import {
  type FileProblem,
  parseSubmissionForm,
  removeUploads,
  type StoredUpload,
  type UploadBudget,
} from '~/utils/uploads.server';

type Values = Record<string, string | string[] | undefined>;
type ActionResult = { values: Values; errors: Record<string, string[]>; formError?: string };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

function formLimits() {
  return {
    maxFiles: getSetting('intake.maxAttachments'),
    maxMb: getSetting('intake.maxFileMb'),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const locale = getLocale(request);
  const t = getT(locale);
  // only a draft this browser started is reopened; a token from a link starts a new one
  const given = url.searchParams.get('t') ?? '';
  const held = await holdsDraft(request, given);
  const draft = held ? getDraft({ token: given }) : null;
  // a draft already sent starts a new submission; a fresh or failed one keeps its files
  const issued = held && !draft?.paknId ? undefined : await issueDraftToken(request);
  const token = issued?.token ?? given;
  const agency = getAgency();
  return json(
    {
      token,
      expired: url.searchParams.has('het-han'),
      defaults: (draft && !draft.paknId ? draft.data : {}) as Values,
      files: listDraftFiles({ token }),
      fields: listFields().map((f) => ({ value: String(f.id), label: localName(f, locale) })),
      agencyName: localName(agency, locale),
      limits: formLimits(),
      pageTitle: `${t('intake.form.title')} – ${t('app.shortName')}`,
    },
    {
      headers: {
        'Cache-Control': 'no-store',
        ...(issued ? { 'Set-Cookie': issued.setCookie } : {}),
      },
    },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const token = new URL(request.url).searchParams.get('t') ?? '';
  if (!DRAFT_TOKEN_PATTERN.test(token)) throw json({ message: t('intake.form.badRequest') }, { status: 400 });
  const limit = hitRateLimit({ bucket: 'intake-form', key: clientIp(context) });
  if (!limit.allowed) {
    throw json(
      { message: t('intake.form.rateLimited', { minutes: Math.ceil(limit.retryAfterSeconds / 60) }) },
      { status: 429, headers: { 'Retry-After': String(limit.retryAfterSeconds) } },
    );
  }
  // a draft this browser did not start is never read or changed: the post starts a new draft
  const own = (await holdsDraft(request, token)) && !getDraft({ token })?.paknId;
  // draft files count against a per-address and a total cap while they arrive
  const uploader = pseudonymise(clientIp(context));
  const budget = openDraftUploadBudget({ uploader });
  try {
    return await checkForm({ request, token, own, uploader, budget, locale });
  } finally {
    budget.close();
  }
}

async function checkForm({
  request,
  token,
  own,
  uploader,
  budget,
  locale,
}: {
  request: Request;
  token: string;
  own: boolean;
  uploader: string;
  budget: UploadBudget;
  locale: Locale;
}) {
  const t = getT(locale);
  const { maxFiles, maxMb } = formLimits();
  const contentType = request.headers.get('Content-Type') ?? '';
  let form: FormData;
  let stored: StoredUpload[] = [];
  let problems: FileProblem[] = [];
  let tooManyParts = false;
  try {
    if (contentType.startsWith('multipart/form-data')) {
      ({ form, stored, problems, tooManyParts } = await parseSubmissionForm(request, {
        maxFiles,
        maxBytes: maxMb * 1024 * 1024,
        existingFiles: own ? listDraftFiles({ token }).length : 0,
        budget,
      }));
    } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
      form = await request.formData();
    } else {
      throw json({ message: t('intake.form.badRequest') }, { status: 415 });
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    throw json({ message: t('intake.form.badRequest') }, { status: 400 });
  }
  const removeIds = own ? form.getAll('removeFile').map(Number).filter(Number.isInteger) : [];
  if (own) updateDraftFiles({ token, added: stored, removeIds, uploader });

  const values = Object.fromEntries(
    [...new Set(form.keys())].map((k) => [
      k,
      form.getAll(k).filter((v): v is string => typeof v === 'string'),
    ]),
  ) as Record<string, string[]>;
  const flat: Values = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, v.length > 1 ? v : v[0]]),
  );

  if (form.get('website')) {
    // the honeypot: people never see this field; bots fill it
    if (!own) removeUploads(stored);
    return json<ActionResult>(
      { values: flat, errors: {}, formError: t('intake.form.badRequest') },
      { status: 400 },
    );
  }

  const submission = parseWithZod(form, { schema: submissionSchema, disableAutoCoercion: true });
  const errors: Record<string, string[]> =
    submission.status === 'success' ? {} : { ...(submission.reply().error as Record<string, string[]>) };
  const fieldId = form.get('field');
  if (typeof fieldId === 'string' && /^\d+$/.test(fieldId)) {
    if (!listFields().some((f) => f.id === Number(fieldId))) errors.field = ['field'];
  }
  const caps = draftStorageCaps();
  const fileErrors = problems.map(
    (p) =>
      '!' +
      t(`intake.errors.${p.key}`, {
        name: p.name,
        mb: maxMb,
        count: maxFiles,
        capMb: p.key === 'fileQuotaTotal' ? caps.totalMb : caps.perAddressMb,
      }),
  );
  if (tooManyParts) fileErrors.push('!' + t('intake.errors.tooManyFields'));
  if (fileErrors.length) errors.files = fileErrors;
  delete errors[''];

  if (submission.status !== 'success' || Object.keys(errors).length) {
    // files of a failed post are kept only with a draft this browser holds
    if (!own && stored.length) {
      removeUploads(stored);
      errors.files = [...fileErrors, '!' + t('intake.errors.filesNotKept')];
    }
    const scannerDown = problems.length > 0 && problems.every((p) => p.key === 'fileScanUnavailable');
    return json<ActionResult>({ values: flat, errors }, { status: scannerDown ? 503 : 400 });
  }
  if (own) {
    saveDraft({ token, data: submission.value, lang: locale });
    return redirect(`/gop-y/kiem-tra?t=${token}`);
  }
  const issued = await issueDraftToken(request);
  updateDraftFiles({ token: issued.token, added: stored, removeIds: [], uploader });
  saveDraft({ token: issued.token, data: submission.value, lang: locale });
  return redirect(`/gop-y/kiem-tra?t=${issued.token}`, { headers: { 'Set-Cookie': issued.setCookie } });
}

// the order of the form, so the error summary reads like the page
const FIELD_ORDER = [
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
  'address',
  'phone',
  'email',
  'files',
  'consent',
];

export default function SubmitForm() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const v: Values = result?.values ?? data.defaults;
  const errorText = useErrorTextWithLiterals();
  const err = (name: string) => errorText(result?.errors[name]?.[0]);
  const str = (name: string) => {
    const value = v[name];
    return Array.isArray(value)
      ? value[0]
      : value === undefined || value === null
        ? undefined
        : String(value);
  };
  // one message per field (the first rule it breaks), but every rejected file
  const summary: FieldError[] = FIELD_ORDER.flatMap((name) =>
    (result?.errors[name] ?? [])
      .slice(0, name === 'files' ? undefined : 1)
      .map((m) => ({ id: name, message: errorText(m) ?? '' })),
  );
  if (result?.formError) summary.unshift({ id: 'type', message: result.formError });
  const busy = navigation.state === 'submitting';
  // With JavaScript the categories narrow to the chosen type and subject, and the organisation
  // fields appear only for an organisation; without it everything shows and the server checks.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [chosenType, setChosenType] = useState(str('type'));
  const [chosenSubject, setChosenSubject] = useState(str('subject'));
  const [chosenKind, setChosenKind] = useState(str('submitterKind'));
  const shownCategories = hydrated ? visibleCategories(chosenType, chosenSubject) : CATEGORIES;
  const isOrg = (hydrated ? chosenKind : str('submitterKind')) === 'organisation';
  const hideOrg = hydrated && !isOrg;

  return (
    <div className="narrow">
      <ErrorSummary errors={summary} />
      <h1>{t('intake.form.title')}</h1>
      {data.expired ? <p className="notice">{t('intake.form.reviewExpired')}</p> : null}
      <p className="lead-small">{t('intake.form.intro')}</p>
      <Form method="post" action={`/gop-y?t=${data.token}`} encType="multipart/form-data" noValidate>
        <h2>{t('intake.form.sectionAbout')}</h2>
        <Choices
          id="type"
          name="type"
          legend={t('intake.form.type')}
          hint={t('intake.form.typeHint')}
          error={err('type')}
          defaultValue={str('type')}
          onChange={setChosenType}
          options={PAKN_TYPES.map((k) => ({ value: k, label: t(`type.${k}`) }))}
        />
        <Choices
          id="subject"
          name="subject"
          legend={t('intake.form.subject')}
          error={err('subject')}
          defaultValue={str('subject')}
          onChange={setChosenSubject}
          options={[
            { value: 'regulation', label: t('subject.regulation') },
            { value: 'behaviour', label: t('subject.behaviour') },
          ]}
        />
        <Choices
          id="category"
          name="category"
          legend={t('intake.form.category')}
          hint={`${t('intake.form.categoryHintRegulation')} ${t('intake.form.categoryHintBehaviour')} ${t('intake.form.categoryHintPetition')}`}
          error={err('category')}
          defaultValue={str('category')}
          small
          options={shownCategories.map((c) => ({
            value: String(c),
            label: t(`category.${c}`),
            hint: BEHAVIOUR_CATEGORIES.includes(c)
              ? t('intake.form.categoryGroupBehaviour')
              : PETITION_ONLY_CATEGORIES.includes(c)
                ? t('intake.form.categoryGroupPetition')
                : t('intake.form.categoryGroupRegulation'),
          }))}
        />
        <TextField
          id="title"
          name="title"
          label={t('intake.form.titleField')}
          hint={t('intake.form.titleHint')}
          error={err('title')}
          defaultValue={str('title')}
          maxLength={LIMITS.title}
        />
        <TextArea
          id="content"
          name="content"
          label={t('intake.form.content')}
          hint={`${t('intake.form.contentHint', { max: LIMITS.content.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN') })} ${t('intake.form.contentLanguage')}`}
          error={err('content')}
          defaultValue={str('content')}
          rows={10}
        />
        <SimilarAnswersLive />
        <TextField
          id="regulationRef"
          name="regulationRef"
          label={t('intake.form.regulationRef')}
          hint={t('intake.form.regulationRefHint')}
          error={err('regulationRef')}
          defaultValue={str('regulationRef')}
          optional
          maxLength={LIMITS.regulationRef}
        />
        <Select
          id="field"
          name="field"
          label={t('intake.form.field')}
          error={err('field')}
          defaultValue={str('field')}
          placeholder=""
          options={[...data.fields, { value: 'unknown', label: t('intake.form.fieldUnknown') }]}
        />

        <h2>{t('intake.form.sectionSubmitter')}</h2>
        <Choices
          id="submitterKind"
          name="submitterKind"
          legend={t('intake.form.submitterKind')}
          error={err('submitterKind')}
          defaultValue={str('submitterKind')}
          onChange={setChosenKind}
          options={SUBMITTER_KINDS.map((k) => ({ value: k, label: t(`submitterKind.${k}`) }))}
        />
        <fieldset
          id="org-fields"
          className="fieldset org-fields"
          aria-describedby="org-fields-hint"
          // hidden and disabled together: nothing typed there is sent for an individual
          hidden={hideOrg}
          disabled={hideOrg}
        >
          <legend className="legend-small">{t('intake.form.orgLegend')}</legend>
          <p className="hint" id="org-fields-hint">
            {t('intake.form.orgHint')}
          </p>
          <TextField
            id="orgName"
            name="orgName"
            label={t('intake.form.orgName')}
            error={err('orgName')}
            defaultValue={str('orgName')}
            autoComplete="organization"
            maxLength={LIMITS.orgName}
          />
          <TextField
            id="representative"
            name="representative"
            label={t('intake.form.representative')}
            error={err('representative')}
            defaultValue={str('representative')}
            maxLength={LIMITS.representative}
          />
        </fieldset>
        <TextField
          id="fullName"
          name="fullName"
          label={t('intake.form.fullName')}
          hint={isOrg ? t('intake.form.fullNameHintOrg') : undefined}
          error={err('fullName')}
          defaultValue={str('fullName')}
          autoComplete="name"
          maxLength={LIMITS.fullName}
        />
        <TextField
          id="address"
          name="address"
          label={t('intake.form.address')}
          error={err('address')}
          defaultValue={str('address')}
          autoComplete="street-address"
          maxLength={LIMITS.address}
        />
        <TextField
          id="phone"
          name="phone"
          type="tel"
          label={t('intake.form.phone')}
          hint={t('intake.form.phoneHint')}
          error={err('phone')}
          defaultValue={str('phone')}
          autoComplete="tel"
          inputMode="tel"
          className="input-20"
        />
        <TextField
          id="email"
          name="email"
          type="email"
          label={t('intake.form.email')}
          hint={t('intake.form.emailHint')}
          error={err('email')}
          defaultValue={str('email')}
          autoComplete="email"
          maxLength={LIMITS.email}
        />

        <h2>{t('intake.form.sectionFiles')}</h2>
        <div className={`form-group${err('files') ? ' has-error' : ''}`}>
          <label className="label" htmlFor="files">
            {t('intake.form.files')} <span className="optional">{t('optional')}</span>
          </label>
          <p className="hint" id="files-hint">
            {t('intake.form.filesHint', { count: data.limits.maxFiles, mb: data.limits.maxMb })}
          </p>
          {(result?.errors.files ?? []).map((m) => (
            <p className="field-error" key={m} id="files-error">
              <span className="visually-hidden">{t('errorPrefix')} </span>
              {errorText(m)}
            </p>
          ))}
          {data.files.length ? (
            <fieldset className="fieldset accepted-files">
              <legend className="legend-small">{t('intake.form.filesAccepted')}</legend>
              <ul className="file-list">
                {data.files.map((f) => (
                  <li key={f.id}>
                    <span>
                      {f.name} ({formatSize(f.size)})
                    </span>{' '}
                    <input type="checkbox" name="removeFile" value={f.id} id={`remove-${f.id}`} />{' '}
                    <label htmlFor={`remove-${f.id}`}>{t('intake.form.removeFile', { name: f.name })}</label>
                  </li>
                ))}
              </ul>
            </fieldset>
          ) : null}
          <input
            // a new input after each answer: files already sent are listed above, not sent again
            key={
              data.files.map((f) => f.id).join('-') +
              (result ? JSON.stringify(result.errors.files ?? []) : '')
            }
            className="file-input"
            id="files"
            name="files"
            type="file"
            multiple
            accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx"
            aria-describedby={`files-hint${err('files') ? ' files-error' : ''}`}
          />
        </div>

        <h2>{t('intake.form.sectionConsent')}</h2>
        <Checkbox
          id="consent"
          name="consent"
          label={t('intake.form.consent', { agency: data.agencyName })}
          hint={
            <>
              {t('intake.form.consentHint')} <a href="/quyen-rieng-tu">{t('intake.form.privacyLink')}</a>
            </>
          }
          error={err('consent')}
          defaultChecked={str('consent') === 'on'}
        />
        <Checkbox
          id="showIdentity"
          name="showIdentity"
          label={t('intake.form.showIdentity')}
          hint={t('intake.form.showIdentityHint')}
          defaultChecked={str('showIdentity') === 'on' || String(data.defaults.showIdentity) === 'true'}
        />
        <div className="hp" aria-hidden="true">
          <label htmlFor="website">{t('intake.form.honeypot')}</label>
          <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('intake.form.submit')}
        </button>
      </Form>
    </div>
  );
}

/** Every category that goes with some type and subject still possible (nothing chosen: all). */
function visibleCategories(type: string | undefined, subject: string | undefined): readonly Category[] {
  const types = PAKN_TYPES.filter((k) => !type || k === type);
  const subjects = SUBJECTS.filter((k) => !subject || k === subject);
  const allowed = new Set(types.flatMap((ty) => subjects.flatMap((su) => categoriesForChoice(ty, su))));
  return allowed.size ? CATEGORIES.filter((c) => allowed.has(c)) : CATEGORIES;
}

function formatSize(bytes: number) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Schema keys are translated here; messages the server already translated start with '!'. */
function useErrorTextWithLiterals() {
  const { t } = useTranslation();
  return (message: string | undefined) => {
    if (!message) return undefined;
    if (message.startsWith('!')) return message.slice(1);
    const [key = 'invalid', param] = message.split('|');
    const params = param ? (key === 'tooLong' ? { max: param } : { min: param }) : {};
    return t(`intake.errors.${key}`, params);
  };
}

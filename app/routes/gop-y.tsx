// The citizen's form. Works without JavaScript: a multipart POST validated on the server, errors
// next to each field and in a summary, everything typed kept, accepted files kept with the draft.
import {
  type ActionFunctionArgs,
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { IntakeAbout } from '~/components/public/intake-about';
import { hasChosenFiles, IntakeFiles } from '~/components/public/intake-files';
import { IntakeSubmitter } from '~/components/public/intake-submitter';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { Checkbox, ErrorSummary } from '~/components/ui/form';
import { useHydrated } from '~/components/ui/use-hydrated';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { localName } from '~/domain/local-name';
import { SUBMISSION_FIELD_ORDER, submissionSchema } from '~/domain/submission-schema';
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
import { parseForm } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';
import {
  type ParsedForm,
  parseSubmissionForm,
  removeUploads,
  type UploadBudget,
} from '~/utils/uploads.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

async function formLimits() {
  return {
    maxFiles: await getSetting('intake.maxAttachments'),
    maxMb: await getSetting('intake.maxFileMb'),
  };
}

/** A saved draft as the texts its fields show. */
function draftValues(data: object | null): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(data ?? {}).map(([k, v]: [string, unknown]) => [k, v == null ? undefined : String(v)]),
  );
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const locale = getLocale(request);
  const t = getT(locale);
  // only a draft this browser started is reopened; a token from a link starts a new one
  const given = url.searchParams.get('t') ?? '';
  const held = await holdsDraft(request, given);
  const draft = held ? await getDraft({ token: given }) : null;
  // a draft already sent starts a new submission; a fresh or failed one keeps its files
  const issued = held && !draft?.paknId ? undefined : await issueDraftToken(request);
  const token = issued?.token ?? given;
  const agency = await getAgency();
  return json(
    {
      token,
      expired: url.searchParams.has('het-han'),
      defaults: draftValues(draft && !draft.paknId ? draft.data : null),
      files: await listDraftFiles({ token }),
      fields: (await listFields()).map((f) => ({ value: String(f.id), label: localName(f, locale) })),
      agencyName: localName(agency, locale),
      limits: await formLimits(),
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
  const limit = await hitRateLimit({ bucket: 'intake-form', key: clientIp(context) });
  if (!limit.allowed) {
    throw json(
      { message: t('intake.form.rateLimited', { minutes: Math.ceil(limit.retryAfterSeconds / 60) }) },
      { status: 429, headers: { 'Retry-After': String(limit.retryAfterSeconds) } },
    );
  }
  // a draft this browser did not start is never read or changed: the post starts a new draft
  const own = (await holdsDraft(request, token)) && !(await getDraft({ token }))?.paknId;
  // draft files count against a per-address and a total cap while they arrive
  const uploader = pseudonymise(clientIp(context));
  const budget = await openDraftUploadBudget({ uploader });
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
  const { maxFiles, maxMb } = await formLimits();
  const contentType = request.headers.get('Content-Type') ?? '';
  let parsed: ParsedForm | undefined;
  if (contentType.startsWith('multipart/form-data')) {
    parsed = await parseSubmissionForm(request, {
      maxFiles,
      maxBytes: maxMb * 1024 * 1024,
      existingFiles: own ? (await listDraftFiles({ token })).length : 0,
      budget,
    });
  } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const form = await request.formData().catch(() => undefined);
    parsed = form && { form, stored: [], problems: [], tooManyParts: false };
  } else {
    throw json({ message: t('intake.form.badRequest') }, { status: 415 });
  }
  if (!parsed) throw json({ message: t('intake.form.badRequest') }, { status: 400 });
  const { form, stored, problems, tooManyParts } = parsed;
  const removeIds = own ? form.getAll('removeFile').map(Number).filter(Number.isInteger) : [];
  if (own) await updateDraftFiles({ token, added: stored, removeIds, uploader });

  const submission = parseForm(form, submissionSchema);
  if (form.get('website')) {
    // the honeypot: people never see this field; bots fill it
    if (!own) removeUploads(stored);
    return json(submission.reply({ formErrors: [`!${t('intake.form.badRequest')}`] }), { status: 400 });
  }
  const errors: Record<string, string[]> = {};
  const fieldId = form.get('field');
  if (typeof fieldId === 'string' && /^\d+$/.test(fieldId)) {
    if (!(await listFields()).some((f) => f.id === Number(fieldId))) errors.field = ['field'];
  }
  const caps = await draftStorageCaps();
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

  if (submission.status !== 'success' || Object.keys(errors).length) {
    // files of a failed post are kept only with a draft this browser holds
    if (!own && stored.length) {
      removeUploads(stored);
      errors.files = [...fileErrors, '!' + t('intake.errors.filesNotKept')];
    }
    const scannerDown = problems.length > 0 && problems.every((p) => p.key === 'fileScanUnavailable');
    return json(submission.reply({ fieldErrors: errors }), { status: scannerDown ? 503 : 400 });
  }
  if (own) {
    await saveDraft({ token, data: submission.value, lang: locale });
    return redirect(`/gop-y/kiem-tra?t=${token}`);
  }
  const issued = await issueDraftToken(request);
  await updateDraftFiles({ token: issued.token, added: stored, removeIds: [], uploader });
  await saveDraft({ token: issued.token, data: submission.value, lang: locale });
  return redirect(`/gop-y/kiem-tra?t=${issued.token}`, { headers: { 'Set-Cookie': issued.setCookie } });
}

export default function SubmitForm() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const f = usePaknForm(submissionSchema, {
    lastResult: result,
    prefix: 'intake.errors.',
    order: SUBMISSION_FIELD_ORDER,
    ids: { '': 'type' },
    every: ['files'],
    // the server checks the files by their content and keeps the good ones, even when the rest is wrong
    sendAnyway: hasChosenFiles,
  });
  // after a post, what was sent; before, the draft being reopened
  const str = (name: string) => (result ? f.value(name) : data.defaults[name]);
  const section = { err: f.error, str };

  return (
    <div className="narrow">
      <ErrorSummary errors={f.summary} />
      <h1>{t('intake.form.title')}</h1>
      {data.expired ? <p className="notice">{t('intake.form.reviewExpired')}</p> : null}
      <p className="lead-small">{t('intake.form.intro')}</p>
      <Form
        method="post"
        action={`/gop-y?t=${data.token}`}
        encType="multipart/form-data"
        // set once the browser code runs: the e2e tests fill the form only after that, as a person would
        data-hydrated={hydrated ? 'true' : undefined}
        {...f.formProps}
      >
        <IntakeAbout {...section} fields={data.fields} />
        <IntakeSubmitter {...section} />

        <h2>{t('intake.form.sectionFiles')}</h2>
        <IntakeFiles
          files={data.files}
          limits={data.limits}
          messages={f.messages('files')}
          answered={result}
        />

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
          error={f.error('consent')}
          defaultChecked={str('consent') === 'on'}
        />
        <Checkbox
          id="showIdentity"
          name="showIdentity"
          label={t('intake.form.showIdentity')}
          hint={t('intake.form.showIdentityHint')}
          defaultChecked={str('showIdentity') === 'on' || data.defaults.showIdentity === 'true'}
        />
        <div className="hp" aria-hidden="true">
          <label htmlFor="website">{t('intake.form.honeypot')}</label>
          <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {t('intake.form.submit')}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

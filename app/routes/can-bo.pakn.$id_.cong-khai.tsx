// Publishing an answer: the public texts, the files that go public, the personal-data check with a
// decision per flag, publish and withdraw. Works without JavaScript: every post re-renders what was typed.
// `$id_` keeps this page out of the record page's layout (it is a sibling, not a child).
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { Choices, ErrorSummary, TextArea, TextField, type FieldError } from '~/components/ui/form';
import { PublicationFlags, sourceLabel } from '~/components/publication-flags';
import { formatDateVi } from '~/domain/dates';
import { parseHideAllIntent, redactAllOfKind } from '~/domain/redaction-decisions';
import { getSetting } from '~/models/admin/settings.server';
import {
  addPublicationFile,
  getPublicationPage,
  loadForPublication,
  publishPakn,
  REASON_MAX,
  reviewPublication,
  withdrawPakn,
  type FlagGroup,
  type PublicationInput,
  type Review,
} from '~/models/publication.server';
import { auditDenied } from '~/models/security-audit.server';
import { formValues, WorkflowError, workflowErrorMessage } from '~/models/workflow.server';
import { requirePermission, type StaffUser } from '~/utils/auth.server';
import { clientIp } from '~/utils/http.server';
import { errorMeta } from '~/utils/error-meta';
import { getLocale, getT } from '~/utils/i18n.server';
import { parseSubmissionForm, removeUpload } from '~/utils/uploads.server';

type T = ReturnType<typeof getT>;
type ActionData = {
  intent: string;
  values: Record<string, string>;
  publicFiles: number[];
  groups: FlagGroup[] | null;
  /** field name → translated message */
  errors: Record<string, string>;
  summary: FieldError[];
  /** after a "hide all" */
  bulkNotice?: string;
};

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => [
  ...(data
    ? [{ title: data.pageTitle }]
    : errorMeta(error, (matches[0]?.data as { locale?: string } | undefined)?.locale)),
  { name: 'robots', content: 'noindex' },
];

function paknId(raw: string | undefined, t: T): number {
  if (!raw || !/^\d{1,12}$/.test(raw)) throw json({ message: t('staff.errors.notFound') }, { status: 404 });
  return Number(raw);
}

function guard<R>(fn: () => R, t: T): R {
  try {
    return fn();
  } catch (error) {
    if (error instanceof WorkflowError)
      throw json({ message: workflowErrorMessage(error, t) }, { status: error.status });
    throw error;
  }
}

/** 'key' or 'key|param' (a length limit or a list of items) → the message. */
function message(key: string, t: T): string {
  const bar = key.indexOf('|');
  if (bar < 0) return t(key);
  const param = key.slice(bar + 1);
  return t(key.slice(0, bar), { max: param, items: param });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'pakn:publish');
  const t = getT(getLocale(request));
  const id = paknId(params.id, t);
  const page = guard(() => getPublicationPage({ actor, paknId: id }), t);
  const p = page.pakn;
  const url = new URL(request.url);
  const uploadedId = Number(url.searchParams.get('tep'));
  const uploaded = page.staffFiles.find((f) => f.id === uploadedId);
  const done = url.searchParams.get('xong');
  const due = page.due;
  return json(
    {
      pakn: {
        id: p.id,
        code: p.code,
        version: p.version,
        publication: p.publication,
        publishedAt: p.publishedAt ? formatDateVi(p.publishedAt) : null,
        withdrawnReason: p.withdrawnReason,
        showIdentity: p.showIdentity,
      },
      outcome: page.outcome,
      prefill: page.prefill,
      originals: page.originals.map((f) => ({ id: f.id, name: f.name, size: f.size })),
      staffFiles: page.staffFiles.map((f) => ({
        id: f.id,
        name: f.name,
        size: f.size,
        isPublic: f.isPublic,
      })),
      defaultPublic: page.staffFiles.filter((f) => f.isPublic || f.id === uploaded?.id).map((f) => f.id),
      due: due
        ? {
            date: formatDateVi(due.due),
            why: [
              t('publish.due.why', { days: due.days, answered: formatDateVi(due.start) }),
              ...due.skipped.map((sk) =>
                t('publish.due.skipped', {
                  span:
                    sk.from === sk.to
                      ? formatDateVi(sk.from)
                      : `${formatDateVi(sk.from)}–${formatDateVi(sk.to)}`,
                  reason: sk.reason,
                }),
              ),
            ].join(', '),
            status: page.dueStatus,
          }
        : null,
      notice: uploaded
        ? t('publish.files.uploaded', { name: uploaded.name })
        : done === 'publish' || done === 'withdraw'
          ? t(`publish.done.${done}`)
          : null,
      pageTitle: `${t('publish.title', { code: p.code })} – ${t('app.shortName')}`,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'pakn:publish');
  const t = getT(getLocale(request));
  const id = paknId(params.id, t);
  const ip = clientIp(context);
  // who and what state first (403/404/409), before the body is read
  guard(() => {
    try {
      return loadForPublication({ actor, paknId: id });
    } catch (error) {
      if (error instanceof WorkflowError && error.status === 403)
        auditDenied({ request, actorUserId: actor.id, targetType: 'pakn', targetId: id, ip });
      throw error;
    }
  }, t);
  if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data'))
    return upload(request, actor, id, ip, t);
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('staff.errors.badRequest') }, { status: 400 });
  const intent = String(form.get('intent') ?? '');
  const values = formValues(form);
  const input: PublicationInput = {
    values,
    publicFileIds: form
      .getAll('publicFile')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0),
  };
  const version = Number(values.version);
  if (intent !== 'check' && !Number.isInteger(version))
    throw json({ message: t('staff.errors.version') }, { status: 400 });
  const here = `/can-bo/pakn/${id}/cong-khai`;

  const hideAll = parseHideAllIntent(intent);
  if (hideAll === 'unknown') throw json({ message: t('staff.errors.unknownIntent') }, { status: 400 });
  if (hideAll) {
    const r = guard(() => reviewPublication({ actor, paknId: id, input }), t);
    const decided = { ...input, values: redactAllOfKind(values, r.groups, hideAll) };
    const count = r.groups.filter((g) => g.kind === hideAll).length;
    const bulkNotice = t('publish.flags.hiddenAll', { count, kind: t(`publish.kind.${hideAll}`) });
    return json(
      { ...view('check', r, decided, t), bulkNotice },
      { status: Object.keys(r.fieldErrors).length ? 400 : 200 },
    );
  }
  if (intent === 'check') {
    const r = guard(() => reviewPublication({ actor, paknId: id, input }), t);
    return json(view('check', r, input, t), { status: Object.keys(r.fieldErrors).length ? 400 : 200 });
  }
  if (intent === 'publish') {
    const r = guard(() => publishPakn({ actor, paknId: id, version, input, ip }), t);
    if (!r.ok) return json(view('publish', r, input, t), { status: 400 });
    return redirect(`${here}?xong=publish`);
  }
  if (intent === 'withdraw') {
    const r = guard(
      () => withdrawPakn({ actor, paknId: id, version, reason: values.withdrawReason ?? '', ip }),
      t,
    );
    if (!r.ok) {
      const msg = message(r.error, t);
      return json<ActionData>(
        {
          intent,
          values,
          publicFiles: [],
          groups: null,
          errors: { withdrawReason: msg },
          summary: [{ id: 'withdrawReason', message: msg }],
        },
        { status: 400 },
      );
    }
    return redirect(`${here}?xong=withdraw`);
  }
  throw json({ message: t('staff.errors.unknownIntent') }, { status: 400 });
}

function view(intent: string, r: Review, input: PublicationInput, t: T): ActionData {
  const errors = Object.fromEntries(Object.entries(r.fieldErrors).map(([k, v]) => [k, message(v, t)]));
  const summary: FieldError[] = Object.entries(errors).map(([k, m]) => ({ id: k, message: m }));
  for (const e of r.decisionErrors) {
    const g = r.groups.find((x) => x.key === e.key)!;
    const params = {
      text: g.text,
      kind: t(`publish.kind.${g.kind}`),
      source: sourceLabel(g.source, t),
      max: REASON_MAX,
    };
    const m = t(`publish.errors.${e.error}`, params);
    const fieldId = e.error === 'undecided' ? `flag-${g.key}` : `r_${g.key}`;
    errors[fieldId] = m;
    summary.push({ id: fieldId, message: m });
  }
  return {
    intent,
    values: input.values,
    publicFiles: input.publicFileIds,
    groups: r.groups,
    errors,
    summary,
  };
}

/** A redacted copy of an attachment, or the signed letter: stored internal until a publication selects it. */
async function upload(request: Request, actor: StaffUser, id: number, ip: string, t: T) {
  const mb = getSetting('intake.maxFileMb');
  let parsed;
  try {
    parsed = await parseSubmissionForm(request, {
      maxFiles: 1,
      maxBytes: mb * 1024 * 1024,
      existingFiles: 0,
      fileField: 'upload',
    });
  } catch {
    throw json({ message: t('publish.files.badRequest') }, { status: 400 });
  }
  const { form, stored, problems, tooManyParts } = parsed;
  const kind = form.get('kind') === 'letter' ? 'letter' : 'copy';
  const copyOf = Number(form.get('copyOf')) || undefined;
  const fieldId = kind === 'letter' ? 'upload-letter' : `upload-copy-${copyOf ?? 0}`;
  const errors = problems.map((p) => t(`intake.errors.${p.key}`, { name: p.name, mb, count: 1 }));
  if (tooManyParts) errors.push(t('intake.errors.tooManyFields'));
  if (!stored.length && !errors.length) errors.push(t('publish.files.noFile'));
  let fileId: number | null = null;
  if (!errors.length) {
    try {
      fileId = addPublicationFile({ actor, paknId: id, upload: stored[0]!, kind, copyOf, ip }).id;
    } catch (error) {
      if (error instanceof WorkflowError && error.status === 400) errors.push(t(error.messageKey));
      else {
        for (const f of stored) removeUpload(f.storedName);
        if (error instanceof WorkflowError)
          throw json({ message: workflowErrorMessage(error, t) }, { status: error.status });
        throw error;
      }
    }
  }
  if (fileId === null) {
    for (const f of stored) removeUpload(f.storedName);
    return json<ActionData>(
      {
        intent: 'upload',
        values: {},
        publicFiles: [],
        groups: null,
        errors: { [fieldId]: errors[0]! },
        summary: errors.map((m) => ({ id: fieldId, message: m })),
      },
      { status: 400 },
    );
  }
  return redirect(`/can-bo/pakn/${id}/cong-khai?tep=${fileId}`);
}

function formatSize(bytes: number) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export default function PublishPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation();
  const p = d.pakn;
  const texts = a && a.intent !== 'upload' && a.intent !== 'withdraw' ? a : null;
  const val = (name: 'title' | 'summary' | 'answer') => texts?.values[name] ?? d.prefill[name];
  const err = (name: string) => a?.errors[name];
  const published = p.publication === 'published';
  return (
    <div className="staff-publish">
      <ErrorSummary errors={a?.summary ?? []} />
      <p>
        <Link to={`/can-bo/pakn/${p.id}`}>{t('publish.back', { code: p.code })}</Link>
      </p>
      <h1>{t('publish.title', { code: p.code })}</h1>
      {d.notice ? (
        <p className="notice" role="status">
          {d.notice}
        </p>
      ) : null}
      <p>{t('publish.intro')}</p>
      <dl className="summary-list">
        <div className="summary-row">
          <dt>{t('publish.state.label')}</dt>
          <dd>
            {published
              ? t('publish.state.published', { date: p.publishedAt })
              : t(`publish.state.${p.publication}`)}
            {p.publication === 'withdrawn' ? (
              <p className="pre-line">{t('publish.state.withdrawnReason', { reason: p.withdrawnReason })}</p>
            ) : null}
            {published ? (
              <p>
                <a href={`/cong-khai/${p.code}`}>{t('publish.state.viewPublic')}</a>
              </p>
            ) : null}
          </dd>
        </div>
        {d.due ? (
          <div className="summary-row">
            <dt>{t('publish.due.label')}</dt>
            <dd>
              {d.due.date}{' '}
              {d.due.status === 'publishedOnTime' || d.due.status === 'publishedLate' ? (
                <span className={`tag ${d.due.status === 'publishedOnTime' ? 'tag-onTrack' : 'tag-overdue'}`}>
                  {t(d.due.status === 'publishedOnTime' ? 'publish.due.onTime' : 'publish.due.late')}
                </span>
              ) : d.due.status ? (
                <span className={`tag tag-${d.due.status}`}>{t(`dueState.${d.due.status}`)}</span>
              ) : null}
              <p className="hint">{d.due.why}</p>
            </dd>
          </div>
        ) : null}
        <div className="summary-row">
          <dt>{t('publish.outcome')}</dt>
          <dd>
            {d.outcome ? t(`outcome.${d.outcome}`) : t('notProvided')}
            <p className="hint">{t('publish.outcomeHint')}</p>
          </dd>
        </div>
        <div className="summary-row">
          <dt>{t('publish.identity')}</dt>
          <dd>{p.showIdentity ? t('publish.identityYes') : t('publish.identityNo')}</dd>
        </div>
      </dl>

      <h2>{t('publish.files.title')}</h2>
      <p className="hint">{t('publish.files.intro')}</p>
      <h3>{t('publish.files.originals')}</h3>
      {d.originals.length ? (
        <ul className="file-list">
          {d.originals.map((f) => (
            <li key={f.id}>
              <a href={`/can-bo/pakn/${p.id}/tep/${f.id}`} download>
                {t('publish.files.download', { name: f.name })}
              </a>{' '}
              ({formatSize(f.size)})
              <UploadForm
                id={`upload-copy-${f.id}`}
                kind="copy"
                copyOf={f.id}
                label={t('publish.files.copyLabel', { name: f.name })}
                button={t('publish.files.copyButton')}
                error={err(`upload-copy-${f.id}`)}
              />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('publish.files.noOriginals')}</p>
      )}
      <UploadForm
        id="upload-letter"
        kind="letter"
        label={t('publish.files.letter')}
        hint={t('publish.files.letterHint')}
        button={t('publish.files.letterButton')}
        error={err('upload-letter')}
      />

      <Form method="post" key={`${p.version}`} noValidate>
        <input type="hidden" name="version" value={p.version} />
        {/* Enter in the title field submits the first button: a check, never a "hide all" */}
        <button
          type="submit"
          name="intent"
          value="check"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
        />
        <TextField
          id="title"
          name="title"
          label={t('publish.fields.title')}
          defaultValue={val('title')}
          error={err('title')}
          maxLength={300}
        />
        <TextArea
          id="summary"
          name="summary"
          label={t('publish.fields.summary')}
          hint={t('publish.fields.summaryHint')}
          defaultValue={val('summary')}
          error={err('summary')}
          rows={8}
        />
        <TextArea
          id="answer"
          name="answer"
          label={t('publish.fields.answer')}
          hint={t('publish.fields.answerHint')}
          defaultValue={val('answer')}
          error={err('answer')}
          rows={14}
        />
        {d.staffFiles.length ? (
          <Choices
            id="publicFile"
            name="publicFile"
            type="checkbox"
            legend={t('publish.files.publicFiles')}
            hint={t('publish.files.publicFilesHint')}
            error={err('publicFile')}
            defaultValue={(texts ? texts.publicFiles : d.defaultPublic).map(String)}
            options={d.staffFiles.map((f) => ({
              value: String(f.id),
              label: `${t('publish.files.size', { name: f.name, size: formatSize(f.size) })}${f.isPublic && published ? ` – ${t('publish.files.isPublic')}` : ''}`,
            }))}
          />
        ) : (
          <p className="hint">{t('publish.files.noStaffFiles')}</p>
        )}
        {texts?.groups ? (
          <PublicationFlags
            groups={texts.groups}
            values={texts.values}
            errors={texts.errors}
            showIdentity={p.showIdentity}
            bulkNotice={texts.bulkNotice}
          />
        ) : null}
        <p className="hint">{t('publish.checkHint')}</p>
        <div className="button-group">
          <button type="submit" name="intent" value="check" className="button button-secondary">
            {t('publish.check')}
          </button>{' '}
          <button type="submit" name="intent" value="publish" className="button">
            {published ? t('publish.republish') : t('publish.publish')}
          </button>
        </div>
      </Form>

      {published ? (
        <Form method="post">
          <h2>{t('publish.withdraw.title')}</h2>
          <p>{t('publish.withdraw.intro')}</p>
          <input type="hidden" name="version" value={p.version} />
          <TextArea
            id="withdrawReason"
            name="withdrawReason"
            label={t('publish.withdraw.reason')}
            defaultValue={a?.intent === 'withdraw' ? a.values.withdrawReason : undefined}
            error={err('withdrawReason')}
            rows={3}
          />
          <button type="submit" name="intent" value="withdraw" className="button button-warning">
            {t('publish.withdraw.button')}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

function UploadForm(props: {
  id: string;
  kind: 'copy' | 'letter';
  copyOf?: number;
  label: string;
  hint?: string;
  button: string;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className={`form-group${props.error ? ' has-error' : ''}`}
    >
      <input type="hidden" name="intent" value="upload" />
      <input type="hidden" name="kind" value={props.kind} />
      {props.copyOf ? <input type="hidden" name="copyOf" value={props.copyOf} /> : null}
      <label className="label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint ? <p className="hint">{props.hint}</p> : null}
      {props.error ? (
        <p className="field-error" id={`${props.id}-error`}>
          <span className="visually-hidden">{t('errorPrefix')} </span>
          {props.error}
        </p>
      ) : null}
      <input
        className="file-input"
        id={props.id}
        name="upload"
        type="file"
        accept={props.kind === 'letter' ? '.pdf,application/pdf' : undefined}
      />{' '}
      <button type="submit" className="button button-secondary">
        {props.button}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

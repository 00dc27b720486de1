// Publishing an answer: the public texts, the files that go public, the personal-data check with a
// decision per flag, publish and withdraw. Works without JavaScript: every post re-renders what was typed.
// `$id_` keeps this page out of the record page's layout (it is a sibling, not a child).
import type { SubmissionResult } from '@conform-to/react';
import {
  type ActionFunctionArgs,
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission, type StaffUser } from '~/auth/guards.server';
import { PublicationFiles } from '~/components/staff/publication-files';
import { sourceLabel } from '~/components/staff/publication-flags';
import { PublicationForm, PublicationWithdraw } from '~/components/staff/publication-form';
import { PublicationStatus } from '~/components/staff/publication-status';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { FlashMessage } from '~/components/ui/flash';
import { ErrorSummary, type FieldError } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { formatDateVi } from '~/domain/dates';
import { localName } from '~/domain/local-name';
import { parseHideAllIntent, redactAllOfKind } from '~/domain/redaction-decisions';
import { type FlagGroup, REASON_MAX, withdrawSchema } from '~/domain/redaction-review';
import { WorkflowError, workflowErrorMessage } from '~/domain/workflow/errors';
import { getSetting } from '~/models/admin/settings.server';
import {
  getPublicationPage,
  loadForPublication,
  type PublicationInput,
  type Review,
  reviewPublication,
} from '~/models/publication.server';
import { addPublicationFile } from '~/models/publication-files.server';
import { publishPakn, withdrawPakn } from '~/models/publication-publish.server';
import { auditDenied } from '~/models/security-audit.server';
import { errorMeta, rootLocale } from '~/utils/error-meta';
import { readFlash, redirectWithFlash } from '~/utils/flash.server';
import { formValues, parseForm } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';
import { parseSubmissionForm, removeUpload } from '~/utils/uploads.server';

type T = ReturnType<typeof getT>;
/** What a withdrawal answers on error: conform's reply (the same messages with and without JavaScript). */
type WithdrawData = { intent: 'withdraw'; reply: SubmissionResult<string[]> };
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
  ...(data ? [{ title: data.pageTitle }] : errorMeta(error, rootLocale(matches))),
  { name: 'robots', content: 'noindex' },
];

function paknId(raw: string | undefined, t: T): number {
  if (!raw || !/^\d{1,12}$/.test(raw)) throw json({ message: t('staff.errors.notFound') }, { status: 404 });
  return Number(raw);
}

async function guard<R>(fn: () => Promise<R>, t: T): Promise<R> {
  try {
    return await fn();
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
  const locale = getLocale(request);
  const t = getT(locale);
  const id = paknId(params.id, t);
  const page = await guard(() => getPublicationPage({ actor, paknId: id }), t);
  const p = page.pakn;
  const url = new URL(request.url);
  const uploadedId = Number(url.searchParams.get('tep'));
  const uploaded = page.staffFiles.find((f) => f.id === uploadedId);
  const flash = await readFlash(request);
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
                  reason: localName(sk.reason, locale),
                }),
              ),
            ].join(', '),
            status: page.dueStatus,
          }
        : null,
      notice: uploaded ? t('publish.files.uploaded', { name: uploaded.name }) : null,
      flash: flash.message,
      pageTitle: `${t('publish.title', { code: p.code })} – ${t('app.shortName')}`,
    },
    {
      headers: {
        'Cache-Control': 'no-store',
        ...(flash.setCookie ? { 'Set-Cookie': flash.setCookie } : {}),
      },
    },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'pakn:publish');
  const t = getT(getLocale(request));
  const id = paknId(params.id, t);
  const ip = clientIp(context);
  // who and what state first (403/404/409), before the body is read
  await guard(async () => {
    try {
      return await loadForPublication({ actor, paknId: id });
    } catch (error) {
      if (error instanceof WorkflowError && error.status === 403)
        await auditDenied({ request, actorUserId: actor.id, targetType: 'pakn', targetId: id, ip });
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
    const r = await guard(() => reviewPublication({ actor, paknId: id, input }), t);
    const decided = { ...input, values: redactAllOfKind(values, r.groups, hideAll) };
    const count = r.groups.filter((g) => g.kind === hideAll).length;
    const bulkNotice = t('publish.flags.hiddenAll', { count, kind: t(`publish.kind.${hideAll}`) });
    return json(
      { ...view('check', r, decided, t), bulkNotice },
      { status: Object.keys(r.fieldErrors).length ? 400 : 200 },
    );
  }
  if (intent === 'check') {
    const r = await guard(() => reviewPublication({ actor, paknId: id, input }), t);
    return json(view('check', r, input, t), { status: Object.keys(r.fieldErrors).length ? 400 : 200 });
  }
  if (intent === 'publish') {
    const r = await guard(async () => {
      try {
        return await publishPakn({ actor, paknId: id, version, input, ip });
      } catch (error) {
        if (error instanceof WorkflowError && error.messageKey === 'staff.errors.stale') return 'stale';
        throw error;
      }
    }, t);
    if (r === 'stale') {
      // someone published, edited or withdrew meanwhile: the page again at its fresh version, with what was typed
      // and decided kept and checked against it, as the record page does after a stale post
      const v = view(
        'check',
        await guard(() => reviewPublication({ actor, paknId: id, input }), t),
        input,
        t,
      );
      const stale = { id: 'title', message: t('staff.errors.staleKept') };
      return json({ ...v, summary: [stale, ...v.summary] }, { status: 409 });
    }
    if (!r.ok) return json(view('publish', r, input, t), { status: 400 });
    return redirectWithFlash(here, 'publish.done.publish');
  }
  if (intent === 'withdraw') {
    // the schema is the browser's check; the model checks the state first, then the reason with its
    // personal-data check, and its message wins
    const submission = parseForm(form, withdrawSchema);
    const r = await guard(
      () => withdrawPakn({ actor, paknId: id, version, reason: values.withdrawReason ?? '', ip }),
      t,
    );
    if (!r.ok) {
      const reply = submission.reply({ fieldErrors: { withdrawReason: [r.error] } });
      return json<WithdrawData>({ intent: 'withdraw', reply }, { status: 400 });
    }
    return redirectWithFlash(here, 'publish.done.withdraw');
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
  const mb = await getSetting('intake.maxFileMb');
  const parsed = await parseSubmissionForm(request, {
    maxFiles: 1,
    maxBytes: mb * 1024 * 1024,
    existingFiles: 0,
    fileField: 'upload',
  });
  if (!parsed) throw json({ message: t('publish.files.badRequest') }, { status: 400 });
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
      fileId = (await addPublicationFile({ actor, paknId: id, upload: stored[0]!, kind, copyOf, ip })).id;
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

export default function PublishPage() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | WithdrawData | undefined;
  const w = usePaknForm(withdrawSchema, {
    id: 'withdraw-form',
    lastResult: data && 'reply' in data ? data.reply : undefined,
    order: ['withdrawReason'],
  });
  const a = data && !('reply' in data) ? data : undefined;
  const { t } = useTranslation();
  const p = d.pakn;
  const posted = a && a.intent !== 'upload' ? a : null;
  const published = p.publication === 'published';
  return (
    <div className="staff-publish">
      <ErrorSummary errors={[...(a?.summary ?? []), ...w.summary]} />
      <p>
        <Link to={`/can-bo/pakn/${p.id}`}>{t('publish.back', { code: p.code })}</Link>
      </p>
      <h1>{t('publish.title', { code: p.code })}</h1>
      <FlashMessage message={d.flash} />
      {d.notice ? (
        <p className="notice" role="status">
          {d.notice}
        </p>
      ) : null}
      <p>{t('publish.intro')}</p>
      <PublicationStatus
        code={p.code}
        publication={p.publication}
        publishedAt={p.publishedAt}
        withdrawnReason={p.withdrawnReason}
        showIdentity={p.showIdentity}
        outcome={d.outcome}
        due={d.due}
      />
      <PublicationFiles paknId={p.id} originals={d.originals} errors={a?.errors ?? {}} />
      <PublicationForm
        version={p.version}
        published={published}
        showIdentity={p.showIdentity}
        prefill={d.prefill}
        staffFiles={d.staffFiles}
        defaultPublic={d.defaultPublic}
        posted={posted}
        errors={posted?.errors ?? {}}
      />
      {published ? (
        <PublicationWithdraw
          version={p.version}
          formProps={w.formProps}
          reason={w.value('withdrawReason')}
          error={w.error('withdrawReason')}
        />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

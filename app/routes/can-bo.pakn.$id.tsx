// The record page: what the submitter sent, classification, unit, due dates with their explanation,
// internal notes, the timeline, and the actions the actor may take now (one small form per intent).
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, type ShouldRevalidateFunction, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requireStaff } from '~/auth/guards.server';
import { DocumentList } from '~/components/public/document-list';
import { AddFilesForm } from '~/components/staff/add-files-form';
import { GroupPanel } from '~/components/staff/group-panel';
import { RecordClocks, recordClocks } from '~/components/staff/record-clocks';
import {
  PendingExtension,
  RecordHistory,
  StaleNotice,
  SubmittedSection,
} from '~/components/staff/record-sections';
import { RecordAnswer, RecordClassification, RecordDueList } from '~/components/staff/record-summary';
import { SimilarPanel } from '~/components/staff/similar-panel';
import { ActionForms, type ActionResult, intentFieldIds } from '~/components/staff/staff-action-forms';
import { TransferDeliveryPanel, transferDeliveryView } from '~/components/staff/transfer-delivery-panel';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ErrorSummary } from '~/components/ui/form';
import { useErrorSummaries } from '~/components/ui/use-pakn-form';
import { closureText } from '~/domain/answer-clock';
import { formatDateTimeVi as formatDateTime, formatDateVi } from '~/domain/dates';
import { explainDueDate } from '~/domain/deadlines';
import { localName } from '~/domain/local-name';
import { isGroupable } from '~/domain/pakn-groups';
import { can, canOnPakn, canReadPakn } from '~/domain/permissions';
import { transferPostedSchema } from '~/domain/transfer-delivery';
import { WorkflowError, workflowErrorMessage } from '~/domain/workflow/errors';
import { addFilesSchema, intentFormSchema } from '~/domain/workflow/intents';
import { listDocumentsForPakn } from '~/models/documents.server';
import { getStaffRecord } from '~/models/record.server';
import { auditDenied } from '~/models/security-audit.server';
import { similarToPakn } from '~/models/similarity.server';
import {
  addStaffFiles,
  authorizeAddFiles,
  discardStaffUploads,
  readStaffUploadForm,
  StaffFilesError,
  staffUploadLimits,
} from '~/models/staff-files.server';
import {
  getTransferDelivery,
  recordTransferPosted,
  TransferDeliveryError,
} from '~/models/transfer-delivery.server';
import { groupForRecord } from '~/models/workflow/group.server';
import { performAction } from '~/models/workflow/perform.server';
import { authorizeIntent } from '~/models/workflow/step.server';
import { readFlash, redirectWithFlash } from '~/utils/flash.server';
import { parseForm, replyWithErrors, submittedValue, translateErrors, translateMessage } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? '' },
  { name: 'robots', content: 'noindex' },
];

type T = ReturnType<typeof getT>;

function paknId(raw: string | undefined, t: T): number {
  if (!raw || !/^\d{1,12}$/.test(raw)) throw json({ message: t('staff.errors.notFound') }, { status: 404 });
  return Number(raw);
}

function rethrow(error: unknown, t: T): never {
  if (error instanceof WorkflowError)
    throw json({ message: workflowErrorMessage(error, t) }, { status: error.status });
  throw error;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request);
  const locale = getLocale(request);
  const t = getT(locale);
  const id = paknId(params.id, t);
  const r = await (async () => {
    try {
      return await getStaffRecord({ actor, id, ip: clientIp(context), sessionId: actor.sessionId });
    } catch (error) {
      return rethrow(error, t);
    }
  })();
  const p = r.pakn;
  const name = (o: { name: string; nameEn: string }) => localName(o, locale);
  const unitOptions = r.units.map((u) => ({ value: String(u.id), label: name(u) }));
  const flash = await readFlash(request);
  return json(
    {
      pakn: {
        id: p.id,
        code: p.code,
        version: p.version,
        status: p.status,
        type: p.type,
        subject: p.subject,
        category: p.category,
        fieldId: p.fieldId,
        submitterKind: p.submitterKind,
        orgName: p.orgName,
        representative: p.representative,
        fullName: p.fullName,
        address: p.address,
        phone: p.phone,
        email: p.email,
        title: p.title,
        content: p.content,
        regulationRef: p.regulationRef,
        channel: p.channel,
        receivedAt: formatDateTime(p.receivedAt),
        showIdentity: p.showIdentity,
        refusalReason: p.refusalReason,
      },
      contactMasked: r.contactMasked,
      field: r.field ? name(r.field) : null,
      unit: r.unit ? name(r.unit) : null,
      handlerName: r.handlerName,
      agency: r.agency?.name ?? null,
      duplicateOf: r.duplicateOf,
      // issue #15: only PAKN this actor may read (a unit-scoped handler sees its unit's)
      similar: (await similarToPakn(p.id)).filter((m) => canReadPakn(actor, m)),
      group: ((g) => g && { ...g, answeredAt: g.answeredAt && formatDateVi(g.answeredAt) })(
        await groupForRecord({ actor, paknId: p.id }),
      ),
      canGroup: isGroupable(p.status) && canOnPakn(actor, 'pakn:assign', p),
      answer: r.answer
        ? {
            body: r.answer.body,
            outcome: r.answer.outcome,
            returnComment: r.answer.returnComment,
            approvedAt: r.answer.approvedAt ? formatDateVi(r.answer.approvedAt) : null,
          }
        : null,
      files: r.files.map((f) => ({ id: f.id, name: f.name, size: f.size, source: f.source })),
      documents: (await listDocumentsForPakn({ paknId: p.id })).map((doc) => ({
        id: doc.id,
        type: doc.type,
        number: doc.number,
        issuedDate: formatDateVi(doc.issuedDate),
      })),
      canPublish: p.status === 'answered' && can(actor, 'pakn:publish'),
      publication: p.publication,
      notes: r.events
        .filter((e) => e.type === 'note')
        .map((e) => ({ id: e.id, at: formatDateTime(e.at), actor: e.actorName, note: e.note })),
      timeline: r.events.map((e) => ({
        id: e.id,
        type: e.type,
        at: formatDateTime(e.at),
        actor: e.actorName,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        note: e.note,
        isPublic: e.isPublic,
      })),
      due: { date: formatDateVi(r.due.due), why: explainDueDate(r.due, locale), state: r.dueState },
      closure: closureText(t, p.status, p.closedAt),
      classifyDue: { date: formatDateVi(r.classifyDue.due), why: explainDueDate(r.classifyDue, locale) },
      transferDue: { date: formatDateVi(r.transferDue.due), why: explainDueDate(r.transferDue, locale) },
      showEarlyDues: p.status === 'received',
      pausedSince: r.pausedSince ? formatDateVi(r.pausedSince) : null,
      pendingExtension: r.pendingExtension
        ? {
            newDate: formatDateVi(r.pendingExtension.newDate),
            note: r.pendingExtension.note,
            by: r.pendingExtension.requestedByName,
            at: formatDateTime(r.pendingExtension.at),
          }
        : null,
      infoWaitEnd: r.infoWaitEnd ? formatDateVi(r.infoWaitEnd) : null,
      clocks: recordClocks(r.clocks),
      forms: {
        intents: r.intents,
        units: unitOptions,
        fields: r.fields.map((f) => ({ value: String(f.id), label: name(f) })),
        agencies: r.agencies.map((a) => ({ value: String(a.id), label: a.name })),
        suggestions: r.suggestions.map((sg) => ({
          unitId: sg.unitId,
          label: unitOptions.find((u) => u.value === String(sg.unitId))?.label ?? String(sg.unitId),
          why:
            sg.reason === 'field'
              ? t('staff.record.suggestionField')
              : t('staff.record.suggestionKeyword', { detail: sg.detail }),
        })),
        classification: { type: p.type, subject: p.subject, category: p.category, fieldId: p.fieldId },
        answer: r.answer ? { body: r.answer.body, outcome: r.answer.outcome } : null,
        extension: r.extension
          ? {
              needsApproval: r.extensionNeedsApproval,
              from: formatDateVi(r.extension.from),
              max: formatDateVi(r.extension.max),
              fromIso: r.extension.from,
              maxIso: r.extension.max,
              days: r.extension.days,
            }
          : null,
      },
      transferDelivery: transferDeliveryView(
        await getTransferDelivery({ paknId: p.id }),
        canOnPakn(actor, 'pakn:transfer', p),
      ),
      addFiles: canOnPakn(actor, 'pakn:note', p) ? await staffUploadLimits() : null,
      flash: flash.message,
      pageTitle: `${t('staff.record.title', { code: p.code })} – ${t('app.shortName')}`,
    },
    {
      headers: {
        'Cache-Control': 'no-store',
        ...(flash.setCookie ? { 'Set-Cookie': flash.setCookie } : {}),
      },
    },
  );
}

/** The one-time confirmation of a step, shown on the record page it redirects to. */
function done(id: number, action: string, t: T) {
  return redirectWithFlash(
    `/can-bo/pakn/${id}`,
    `!${t('staff.record.done', { action: t(`staff.actions.${action}`) })}`,
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request);
  const t = getT(getLocale(request));
  const id = paknId(params.id, t);
  const ip = clientIp(context);
  if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data'))
    return addFiles(request, { actor, id, ip, t });
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('staff.errors.badRequest') }, { status: 400 });
  const intent = form.get('intent');
  if (intent === 'transfer_posted') return transferPosted(form, { actor, id, ip, t });
  const fail = async (error: unknown): Promise<never> => {
    if (error instanceof WorkflowError && error.status === 403)
      await auditDenied({ request, actorUserId: actor.id, targetType: 'pakn', targetId: id, ip });
    return rethrow(error, t);
  };
  // who may do what first (404/403), then the fields (400), then the state (409)
  try {
    await authorizeIntent({ actor, paknId: id, intent });
  } catch (error) {
    await fail(error);
  }
  const sent = String(intent);
  const submission = parseForm(form, intentFormSchema);
  if (submission.status !== 'success') return answer(sent, submission.reply(), 400);
  try {
    await performAction({ actor, paknId: id, input: submission.value, ip });
  } catch (error) {
    // a stale tab: the record page again, at its fresh version, with what the user typed kept in the form
    if (error instanceof WorkflowError && error.messageKey === 'staff.errors.stale')
      return answer(sent, submission.reply(), 409, true);
    if (error instanceof WorkflowError && error.fieldErrors)
      return answer(sent, replyWithErrors(submission, error.fieldErrors), 400);
    await fail(error);
  }
  return done(id, sent, t);
}

/** The page again with a form's messages (or, stale, its typed values at the fresh version). */
function answer(intent: string, reply: ActionResult['reply'], status: number, stale?: boolean) {
  return json<ActionResult>({ intent, reply, ...(stale ? { stale } : {}) }, { status });
}

/** Who posts on which record, for the action's handlers. */
type Post = { actor: Awaited<ReturnType<typeof requireStaff>>; id: number; ip?: string; t: T };

/** "Add files (scans)": the only multipart form of the page. */
async function addFiles(request: Request, { actor, id, ip, t }: Post) {
  try {
    await authorizeAddFiles({ actor, paknId: id });
    const read = await readStaffUploadForm(request, { t, paknId: id });
    if (!read) throw json({ message: t('staff.errors.badRequest') }, { status: 400 });
    const { form, stored, fileErrors, scannerDown } = read;
    const submission = parseForm(form, addFilesSchema);
    const problems =
      submission.status !== 'success'
        ? [t('staff.errors.unknownIntent')]
        : fileErrors.length
          ? fileErrors
          : stored.length === 0
            ? [t('staff.addFiles.none')]
            : [];
    if (problems.length) {
      discardStaffUploads(stored);
      // the messages are translated already (they name the files): '!' shows them as they are
      const reply = submission.reply({ fieldErrors: { files: [`!${problems.join(' ')}`] } });
      return answer('add_files', reply, scannerDown ? 503 : 400);
    }
    try {
      await addStaffFiles({ actor, paknId: id, files: stored, ip });
    } catch (error) {
      discardStaffUploads(stored);
      throw error;
    }
  } catch (error) {
    if (!(error instanceof StaffFilesError)) throw error;
    throw json({ message: t(error.key) }, { status: error.status });
  }
  return done(id, 'add_files', t);
}

async function transferPosted(form: FormData, { actor, id, ip, t }: Post) {
  // the schema is the browser's check; the model checks the state first, then the day, and its message wins
  const submission = parseForm(form, transferPostedSchema);
  const postedOn = submittedValue(submission.payload, 'postedOn') ?? '';
  try {
    await recordTransferPosted({ actor, paknId: id, postedOn, ip });
  } catch (error) {
    if (!(error instanceof TransferDeliveryError)) throw error;
    if (error.fieldErrors)
      return answer('transfer_posted', replyWithErrors(submission, error.fieldErrors), 400);
    throw json({ message: t(error.key) }, { status: error.status });
  }
  return done(id, 'transfer_posted', t);
}

/** After a stale post (409) the page must show the fresh version the form will be re-sent against. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export default function RecordPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() ?? null;
  const { t } = useTranslation();
  const p = d.pakn;
  // the server's messages as the page is rendered (without JavaScript too), then those of the forms
  const server = result && translateErrors(t, result.reply.error, { ids: intentFieldIds(result.intent) });
  const { summary, onSummary } = useErrorSummaries(server ? server.summary : []);
  return (
    <div className="staff-record">
      <ErrorSummary errors={summary} />
      <p>
        <Link to="/can-bo">{t('staff.record.back')}</Link>
      </p>
      <h1>{t('staff.record.title', { code: p.code })}</h1>
      {result?.stale ? <StaleNotice result={result} intents={d.forms.intents} paknId={p.id} /> : null}
      {d.flash ? (
        <p className="notice" role="status">
          {translateMessage(t, d.flash)}
        </p>
      ) : null}
      <RecordClocks clocks={d.clocks} />
      <RecordDueList d={d} />

      <h2 id="actions">{t('staff.record.actions')}</h2>
      {d.pendingExtension ? <PendingExtension request={d.pendingExtension} /> : null}
      {d.canPublish ? (
        <p>
          <Link className="button" to={`/can-bo/pakn/${p.id}/cong-khai`}>
            {t(d.publication === 'published' ? 'publish.editLink' : 'publish.link')}
          </Link>
        </p>
      ) : null}
      <GroupPanel
        group={d.group}
        canGroup={d.canGroup}
        version={p.version}
        result={result}
        onSummary={onSummary}
      />
      <SimilarPanel
        items={d.similar}
        canRefuse={d.forms.intents.includes('refuse')}
        canGroup={d.canGroup && (!d.group || d.group.open)}
        version={p.version}
        onSummary={onSummary}
      />
      <ActionForms {...d.forms} version={p.version} result={result} onSummary={onSummary} />
      {d.transferDelivery ? (
        <TransferDeliveryPanel
          paknId={p.id}
          version={p.version}
          delivery={d.transferDelivery}
          result={result}
          onSummary={onSummary}
        />
      ) : null}
      {d.addFiles ? <AddFilesForm limits={d.addFiles} result={result} onSummary={onSummary} /> : null}
      <DocumentList documents={d.documents} base="/can-bo/van-ban" />

      <RecordClassification d={d} />
      {d.answer ? <RecordAnswer answer={d.answer} /> : null}

      <SubmittedSection pakn={p} files={d.files} contactMasked={d.contactMasked} />

      <RecordHistory notes={d.notes} timeline={d.timeline} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

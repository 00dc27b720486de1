// Every staff mutation of a PAKN. Each runs in one transaction: read, access check, version check,
// transition check, the row update guarded by `WHERE id = ? AND version = ?`, the event, the audit
// entry and the submitter's/unit's e-mail (notifyStep) — so either all of it happens or none.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '~db/schema';
import { extensionNeedsApproval, pendingExtensionRequest } from './extension-requests.server';
import { infoWaitEnds, mayCloseForNoInfo } from '~/domain/info-wait';
import { formatDateVi, toLocalDate, type LocalDate } from '~/domain/calendar';
import { computeDueDate, maxExtensionDate } from '~/domain/deadlines';
import {
  categoriesFor,
  normaliseCode,
  PAKN_TYPES,
  REFUSAL_REASONS,
  SUBJECTS,
  type Category,
} from '~/domain/pakn';
import {
  ACTION_PERMISSION,
  can,
  canOnPakn,
  canReadPakn,
  type Actor,
  type Permission,
} from '~/domain/permissions';
import { cleanText } from '~/domain/text';
import { ACTIONS, findTransition, isAction, isOpen, type Action, type Status } from '~/domain/workflow';
import { audit } from './audit.server';
import { queueTransferDelivery } from './transfer-delivery.server';
import { getCalendar, getDeadlineRules } from './config.server';
import { issueDocumentForStep } from './documents.server';
import { notifyStep, type Step } from './notifications.server';
import { infoDueFrom, publishDueFrom } from './deadlines.server';
import { notifyStaffUpdate } from './staff-notifications.server';
import { answerDueDate } from './pakn.server';
import { getDb, type Db, type DbOrTx } from '~/utils/db.server';
import type { Tx } from '~/utils/db.server';
import type { StoredUpload } from '~/utils/uploads.server';

export type Pakn = typeof s.pakn.$inferSelect;

/** Carries the HTTP status and an i18n key; routes turn it into `json({ message }, { status })`. */
export class WorkflowError extends Error {
  constructor(
    public readonly status: 400 | 403 | 404 | 409,
    public readonly messageKey: string,
    public readonly params: Record<string, string | number> = {},
    /** field → i18n key (optionally `key|max`), for 400s shown next to the field */
    public readonly fieldErrors?: Record<string, string>,
  ) {
    super(messageKey);
    this.name = 'WorkflowError';
  }
}

/** Translates a WorkflowError; `action` and `status` parameters are themselves translated. */
export function workflowErrorMessage(
  err: WorkflowError,
  t: (key: string, opts?: Record<string, unknown>) => string,
) {
  const params: Record<string, unknown> = { ...err.params };
  if (typeof params.action === 'string') params.action = t(`staff.actions.${params.action}`);
  if (typeof params.status === 'string') params.status = t(`staff.status.${params.status}`);
  const message = t(err.messageKey, params);
  return typeof err.params.code === 'string' && err.messageKey !== 'staff.errors.bulkItem'
    ? `${err.params.code}: ${message}`
    : message;
}

/** Translates a field error key, with its `|n` parameter. */
export function fieldErrorMessage(key: string, t: (key: string, opts?: Record<string, unknown>) => string) {
  const [k = 'staff.errors.invalid', param] = key.split('|');
  return t(k, param ? { max: param } : {});
}

export const OUTCOMES = ['amend', 'propose_higher', 'new_rule', 'stands', 'keep_studying'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const EXTRA_INTENTS = [
  'classify',
  'note',
  'extend',
  'approve_extension',
  'decline_extension',
] as const;
export type Intent = Action | (typeof EXTRA_INTENTS)[number];
export const INTENTS: readonly Intent[] = [...ACTIONS, ...EXTRA_INTENTS];
export const NOTE_MAX = 5000;
export const BODY_MAX = 20000;

export function intentPermission(intent: Intent): Permission {
  if (intent === 'classify') return 'pakn:classify';
  if (intent === 'note') return 'pakn:note';
  if (intent === 'extend') return 'pakn:extend';
  // deciding on an extension request is a leader's decision, like signing the answer
  if (intent === 'approve_extension' || intent === 'decline_extension') return 'pakn:approve';
  return ACTION_PERMISSION[intent];
}

// ---------- form parsing ----------

const REQUIRED = 'staff.errors.required';
const INVALID = 'staff.errors.invalid';
const text = (max: number) =>
  z
    .string({ invalid_type_error: INVALID })
    .optional()
    .transform((v) => cleanText(v ?? ''))
    .pipe(z.string().max(max, `staff.errors.tooLong|${max}`));
const requiredText = (max: number) => text(max).pipe(z.string().min(1, REQUIRED));
const id = z.coerce.number({ invalid_type_error: INVALID }).int(INVALID).positive(INVALID);
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: () => ({ message: INVALID }) });
const base = {
  version: z.coerce
    .number({ invalid_type_error: 'staff.errors.version' })
    .int()
    .positive('staff.errors.version'),
};
const noteOnly = z.object({ ...base, note: requiredText(NOTE_MAX) });
const empty = z.object({ ...base });
const draft = z.object({ ...base, body: requiredText(BODY_MAX), outcome: choice(OUTCOMES) });

const SCHEMAS = {
  classify: z
    .object({
      ...base,
      type: choice(PAKN_TYPES),
      subject: choice(SUBJECTS),
      category: z.coerce.number({ invalid_type_error: INVALID }).int(INVALID),
      fieldId: z
        .union([z.literal('').transform(() => null), id])
        .optional()
        .transform((v) => v ?? null),
    })
    .superRefine((v, ctx) => {
      if (!categoriesFor(v.subject).includes(v.category as Category)) {
        ctx.addIssue({ code: 'custom', path: ['category'], message: 'staff.errors.categoryMismatch' });
      }
    }),
  note: z.object({ note: requiredText(NOTE_MAX) }),
  extend: z.object({
    ...base,
    newDate: z.string({ required_error: REQUIRED }).regex(/^\d{4}-\d{2}-\d{2}$/, 'staff.errors.date'),
    note: requiredText(NOTE_MAX),
  }),
  approve_extension: empty,
  decline_extension: noteOnly,
  assign: z.object({ ...base, unitId: id }),
  reassign: z.object({ ...base, unitId: id, note: requiredText(NOTE_MAX) }),
  refuse: z.object({ ...base, reason: choice(REFUSAL_REASONS), note: requiredText(NOTE_MAX) }),
  transfer: z.object({ ...base, agencyId: id, note: requiredText(NOTE_MAX) }),
  forward: noteOnly,
  mark_duplicate: z.object({ ...base, duplicateOf: requiredText(40), note: requiredText(NOTE_MAX) }),
  take: empty,
  request_info: noteOnly,
  receive_info: empty,
  close_no_info: empty,
  draft,
  edit_draft: draft,
  submit: empty,
  // the approval is the signature; a comment would be shown to the submitter, so it goes in a note instead
  approve: empty,
  return: noteOnly,
  keep_studying: noteOnly,
  resume_study: empty,
  reopen: noteOnly,
} satisfies Record<Intent, z.ZodTypeAny>;

export type IntentInput = { [K in Intent]: { intent: K } & z.output<(typeof SCHEMAS)[K]> }[Intent];
export type ParsedIntent =
  | { ok: true; input: IntentInput }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

export function isIntent(value: unknown): value is Intent {
  return isAction(value) || (EXTRA_INTENTS as readonly unknown[]).includes(value);
}

export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string' && !(k in values)) values[k] = v;
  return values;
}

export function parseIntentForm(intent: Intent, form: FormData): ParsedIntent {
  const values = formValues(form);
  const result = SCHEMAS[intent].safeParse(values);
  if (result.success) return { ok: true, input: { intent, ...result.data } as IntentInput };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? 'intent');
    errors[key] ??=
      issue.message === 'Required' || issue.message.startsWith('Expected') ? REQUIRED : issue.message;
  }
  return { ok: false, errors, values };
}

// ---------- access ----------

function loadPakn(db: DbOrTx | Tx, paknId: number): Pakn | undefined {
  return db.select().from(s.pakn).where(eq(s.pakn.id, paknId)).get();
}

/**
 * 404 when the actor may not read it (a handler must not learn another unit's PAKN exists), 403 when the
 * actor may read but not do this. Checked before the form is validated so a forbidden post learns nothing.
 */
export function authorizeIntent(
  { actor, paknId, intent }: { actor: Actor; paknId: number; intent: unknown },
  db: DbOrTx | Tx = getDb(),
): Pakn {
  const p = loadPakn(db, paknId);
  if (!p || !canReadPakn(actor, p)) throw new WorkflowError(404, 'staff.errors.notFound');
  if (!isIntent(intent)) throw new WorkflowError(400, 'staff.errors.unknownIntent');
  if (!canOnPakn(actor, intentPermission(intent), p)) throw new WorkflowError(403, 'staff.errors.forbidden');
  return p;
}

// ---------- mutations ----------

type Ctx = { tx: Tx; actor: Actor; p: Pakn; version: number; ip?: string; now: Date; today: LocalDate };

const STEP: Partial<Record<Action, Step>> = {
  refuse: 'refused',
  transfer: 'transferred',
  forward: 'forwarded',
  mark_duplicate: 'duplicate',
  assign: 'assigned',
  reassign: 'reassigned',
  request_info: 'info_requested',
  approve: 'answered',
  close_no_info: 'closed_no_info',
};
/** Events the submitter sees on their follow-up page (their `note` is written for them). */
const PUBLIC_EVENTS: ReadonlySet<string> = new Set([
  'assign',
  'refuse',
  'transfer',
  'forward',
  'mark_duplicate',
  'request_info',
  'receive_info',
  'close_no_info',
  'approve',
  'keep_studying',
  'extend',
  'reopen',
]);
const CLOSING: ReadonlySet<Action> = new Set([
  'refuse',
  'transfer',
  'forward',
  'mark_duplicate',
  'approve',
  'close_no_info',
]);

/** The guarded UPDATE: 0 rows means someone else changed the PAKN since the form was rendered. */
function updateGuarded(ctx: Ctx, set: Partial<typeof s.pakn.$inferInsert>) {
  const res = ctx.tx
    .update(s.pakn)
    .set({ ...set, version: sql`${s.pakn.version} + 1`, updatedAt: ctx.now })
    .where(and(eq(s.pakn.id, ctx.p.id), eq(s.pakn.version, ctx.version)))
    .run();
  if (res.changes === 0) throw new WorkflowError(409, 'staff.errors.stale');
}

function record(
  ctx: Ctx,
  type: string,
  {
    from,
    to,
    note,
    data,
  }: { from?: string | null; to?: string | null; note?: string | null; data?: unknown },
) {
  ctx.tx
    .insert(s.events)
    .values({
      paknId: ctx.p.id,
      type,
      actorUserId: ctx.actor.id,
      fromStatus: from ?? null,
      toStatus: to ?? null,
      note: note || null,
      isPublic: PUBLIC_EVENTS.has(type),
      data: data === undefined ? null : JSON.stringify(data),
    })
    .run();
  audit(
    {
      actorUserId: ctx.actor.id || null,
      action: `pakn.${type}`,
      targetType: 'pakn',
      targetId: ctx.p.id,
      ip: ctx.ip,
      // statuses and ids only: notes may hold personal data and stay on the record, not in the log
      detail: { code: ctx.p.code, ...(from ? { from } : {}), ...(to ? { to } : {}) },
    },
    ctx.tx,
  );
}

function transition(
  ctx: Ctx,
  action: Action,
  {
    set = {},
    note = null,
    data,
  }: { set?: Partial<typeof s.pakn.$inferInsert>; note?: string | null; data?: unknown } = {},
) {
  const from = ctx.p.status as Status;
  const tr = findTransition(from, action);
  if (!tr) throw new WorkflowError(409, 'staff.errors.illegalTransition', { action, status: from });
  if (tr.requiresNote && !note) throw new WorkflowError(400, REQUIRED, {}, { note: REQUIRED });
  updateGuarded(ctx, { ...set, status: tr.to, ...(CLOSING.has(action) ? { closedAt: ctx.now } : {}) });
  record(ctx, action, { from, to: tr.to, note, data });
  const step = STEP[action];
  if (step) {
    // the VI.3 document of the step (refusal, information request, transfer, reply) is issued with it
    const document = issueDocumentForStep(ctx.tx, {
      paknId: ctx.p.id,
      step,
      actorUserId: ctx.actor.id || null,
      note,
      now: ctx.now,
    });
    notifyStep(ctx.tx, { paknId: ctx.p.id, step, note, document });
  }
  return tr.to;
}

function activeUnit(tx: Tx, unitId: number) {
  const unit = tx.select().from(s.units).where(eq(s.units.id, unitId)).get();
  if (!unit || !unit.active)
    throw new WorkflowError(400, INVALID, {}, { unitId: 'staff.errors.unknownUnit' });
  return unit;
}

function closeOpenPause(ctx: Ctx): Partial<typeof s.pakn.$inferInsert> {
  ctx.tx
    .update(s.paknPauses)
    .set({ toDate: ctx.today })
    .where(and(eq(s.paknPauses.paknId, ctx.p.id), isNull(s.paknPauses.toDate)))
    .run();
  // the due date moves by exactly the paused days (computeDueDate skips from < d <= to)
  return { answerDue: answerDueDate(ctx.p, ctx.tx).due };
}

function saveAnswer(ctx: Ctx, body: string, outcome: Outcome) {
  ctx.tx
    .insert(s.answers)
    .values({ paknId: ctx.p.id, body, outcome, draftedByUserId: ctx.actor.id, updatedAt: ctx.now })
    .onConflictDoUpdate({
      target: s.answers.paknId,
      set: {
        body,
        outcome,
        draftedByUserId: ctx.actor.id,
        updatedAt: ctx.now,
        approvedByUserId: null,
        approvedAt: null,
      },
    })
    .run();
}

function apply(ctx: Ctx, input: IntentInput): void {
  const { tx, p } = ctx;
  switch (input.intent) {
    case 'note':
      record(ctx, 'note', { note: input.note });
      return;
    case 'classify': {
      if (!['received', 'assigned'].includes(p.status)) {
        throw new WorkflowError(409, 'staff.errors.cannotClassify', { status: p.status });
      }
      if (input.fieldId !== null) {
        const field = tx.select().from(s.fields).where(eq(s.fields.id, input.fieldId)).get();
        if (!field?.active) throw new WorkflowError(400, INVALID, {}, { fieldId: INVALID });
      }
      const { type, subject, category, fieldId } = input;
      updateGuarded(ctx, { type, subject, category, fieldId });
      record(ctx, 'classify', { data: { type, subject, category, fieldId } });
      return;
    }
    case 'extend': {
      const current = checkExtension(ctx, input.newDate);
      // with the approval policy, only a leader extends directly; anyone else asks
      if (extensionNeedsApproval(tx) && !can(ctx.actor, 'pakn:approve')) {
        if (pendingExtensionRequest(tx, p.id)) throw new WorkflowError(409, 'staff.errors.extensionPending');
        updateGuarded(ctx, {});
        record(ctx, 'extension_requested', { note: input.note, data: { from: current, to: input.newDate } });
        notifyStaffUpdate(tx, { paknId: p.id, kind: 'extensionRequested', note: input.note });
        return;
      }
      extend(ctx, current, input.newDate, input.note);
      return;
    }
    case 'approve_extension': {
      const request = pendingExtensionRequest(tx, p.id);
      if (!request) throw new WorkflowError(409, 'staff.errors.noExtensionRequest');
      const current = checkExtension(ctx, request.newDate);
      extend(ctx, current, request.newDate, request.note, { requestedBy: request.requestedByUserId });
      notifyStaffUpdate(tx, { paknId: p.id, kind: 'extensionApproved', toUserId: request.requestedByUserId });
      return;
    }
    case 'decline_extension': {
      const request = pendingExtensionRequest(tx, p.id);
      if (!request) throw new WorkflowError(409, 'staff.errors.noExtensionRequest');
      updateGuarded(ctx, {});
      record(ctx, 'extension_declined', { note: input.note });
      notifyStaffUpdate(tx, {
        paknId: p.id,
        kind: 'extensionDeclined',
        note: input.note,
        toUserId: request.requestedByUserId,
      });
      return;
    }
    case 'assign':
      activeUnit(tx, input.unitId);
      transition(ctx, 'assign', {
        set: { unitId: input.unitId, handlerUserId: null },
        data: { unitId: input.unitId },
      });
      return;
    case 'reassign': {
      activeUnit(tx, input.unitId);
      if (input.unitId === p.unitId)
        throw new WorkflowError(400, INVALID, {}, { unitId: 'staff.errors.sameUnit' });
      transition(ctx, 'reassign', {
        set: { unitId: input.unitId, handlerUserId: null },
        note: input.note,
        data: { fromUnitId: p.unitId, unitId: input.unitId },
      });
      return;
    }
    case 'refuse':
      transition(ctx, 'refuse', {
        set: { refusalReason: input.reason },
        note: input.note,
        data: { reason: input.reason },
      });
      return;
    case 'transfer': {
      const agency = tx
        .select()
        .from(s.externalAgencies)
        .where(eq(s.externalAgencies.id, input.agencyId))
        .get();
      if (!agency?.active)
        throw new WorkflowError(400, INVALID, {}, { agencyId: 'staff.errors.unknownAgency' });
      transition(ctx, 'transfer', {
        set: { transferAgencyId: agency.id },
        note: input.note,
        data: { agencyId: agency.id, agencyName: agency.name },
      });
      queueTransferDelivery(tx, { paknId: p.id, actorUserId: ctx.actor.id || null });
      return;
    }
    case 'mark_duplicate': {
      const code = normaliseCode(input.duplicateOf);
      const original = tx
        .select({ id: s.pakn.id, code: s.pakn.code })
        .from(s.pakn)
        .where(eq(s.pakn.code, code))
        .get();
      if (!original || original.id === p.id) {
        throw new WorkflowError(400, INVALID, {}, { duplicateOf: 'staff.errors.unknownDuplicate' });
      }
      transition(ctx, 'mark_duplicate', {
        set: { duplicateOfId: original.id },
        note: input.note,
        data: { duplicateOfId: original.id, duplicateOfCode: original.code },
      });
      return;
    }
    case 'take':
      transition(ctx, 'take', { set: { handlerUserId: ctx.actor.id } });
      return;
    case 'request_info':
      tx.insert(s.paknPauses).values({ paknId: p.id, fromDate: ctx.today }).run();
      transition(ctx, 'request_info', { note: input.note, set: { infoDue: infoDueFrom(ctx.today, tx) } });
      return;
    case 'receive_info':
      transition(ctx, 'receive_info', { set: closeOpenPause(ctx) });
      return;
    case 'close_no_info': {
      const pause = tx
        .select()
        .from(s.paknPauses)
        .where(and(eq(s.paknPauses.paknId, p.id), isNull(s.paknPauses.toDate)))
        .get();
      if (pause) {
        const until = infoWaitEnds(pause.fromDate, getDeadlineRules(tx).infoWait, getCalendar(tx));
        // a stale page can still post the button: say until when, the Vietnamese way
        if (!mayCloseForNoInfo(ctx.today, until))
          throw new WorkflowError(409, 'staff.errors.infoWaitRunning', { date: formatDateVi(until) });
      }
      closeOpenPause(ctx);
      transition(ctx, 'close_no_info', { set: { refusalReason: 'R03' } });
      return;
    }
    case 'draft':
    case 'edit_draft':
      // transition first: an illegal draft must not overwrite the answer being approved
      transition(ctx, input.intent, { data: { outcome: input.outcome } });
      saveAnswer(ctx, input.body, input.outcome);
      return;
    case 'submit': {
      const answer = tx.select().from(s.answers).where(eq(s.answers.paknId, p.id)).get();
      if (!answer?.body) throw new WorkflowError(409, 'staff.errors.noDraft');
      transition(ctx, 'submit');
      notifyStaffUpdate(tx, { paknId: p.id, kind: 'draftSubmitted' });
      return;
    }
    case 'approve':
      tx.update(s.answers)
        .set({ approvedByUserId: ctx.actor.id, approvedAt: ctx.now, returnComment: null })
        .where(eq(s.answers.paknId, p.id))
        .run();
      // on time or late is fixed at the moment of the answer, against the due date with pauses and extension
      transition(ctx, 'approve', {
        set: {
          answeredAt: ctx.now,
          publishDue: publishDueFrom(ctx.today, tx),
          onTime: toLocalDate(ctx.now) <= answerDueDate(p, tx).due,
        },
      });
      return;
    case 'return':
      transition(ctx, 'return', { note: input.note });
      tx.update(s.answers).set({ returnComment: input.note }).where(eq(s.answers.paknId, p.id)).run();
      notifyStaffUpdate(tx, { paknId: p.id, kind: 'draftReturned', note: input.note });
      return;
    case 'forward':
      transition(ctx, 'forward', { note: input.note });
      return;
    case 'keep_studying':
      transition(ctx, 'keep_studying', { note: input.note });
      return;
    case 'resume_study':
      transition(ctx, 'resume_study');
      return;
    case 'reopen':
      // a new round of handling: the item is open again until a new answer is approved
      transition(ctx, 'reopen', { note: input.note, set: { closedAt: null } });
      return;
    default: {
      const never: never = input;
      throw new WorkflowError(400, 'staff.errors.unknownIntent', { intent: String(never) });
    }
  }
}

/** The extension rules (spec §6): open, not yet extended, later than today's due date, within the maximum. */
function checkExtension(ctx: Ctx, newDate: LocalDate): LocalDate {
  const { p, tx } = ctx;
  if (!isOpen(p.status as Status) || p.status === 'received') {
    throw new WorkflowError(409, 'staff.errors.cannotExtend', { status: p.status });
  }
  if (p.extendedTo) throw new WorkflowError(409, 'staff.errors.alreadyExtended');
  const current = answerDueDate({ ...p, extendedTo: null }, tx).due;
  const max = maxExtensionDate(current, getCalendar(tx), getDeadlineRules(tx).extension.days);
  if (newDate <= current || newDate > max) {
    throw new WorkflowError(
      400,
      'staff.errors.extensionRange',
      {},
      { newDate: 'staff.errors.extensionRange' },
    );
  }
  return current;
}

function extend(ctx: Ctx, current: LocalDate, newDate: LocalDate, note: string, extra: object = {}) {
  updateGuarded(ctx, { extendedTo: newDate, answerDue: newDate });
  record(ctx, 'extend', { note, data: { from: current, to: newDate, ...extra } });
  const document = issueDocumentForStep(ctx.tx, {
    paknId: ctx.p.id,
    step: 'extended',
    actorUserId: ctx.actor.id,
    note,
    now: ctx.now,
  });
  notifyStep(ctx.tx, { paknId: ctx.p.id, step: 'extended', note, document });
}

/** Runs one validated intent on one PAKN. Throws WorkflowError (404/403/409/400) and changes nothing then. */
export function performAction(
  {
    actor,
    paknId,
    input,
    ip,
    now = new Date(),
  }: { actor: Actor; paknId: number; input: IntentInput; ip?: string; now?: Date },
  db: DbOrTx = getDb(),
): { status: string; version: number } {
  return db.transaction((tx) => {
    const p = authorizeIntent({ actor, paknId, intent: input.intent }, tx);
    // a note changes nothing a concurrent form relies on, so it needs no version
    const version = 'version' in input ? input.version : p.version;
    if (version !== p.version) throw new WorkflowError(409, 'staff.errors.stale');
    apply({ tx, actor, p, version, ip, now, today: toLocalDate(now) }, input);
    const after = loadPakn(tx, paknId)!;
    return { status: after.status, version: after.version };
  });
}

/** Assigns several received PAKN to one unit: all or nothing, the failing item named in the error. */
export function bulkAssign(
  {
    actor,
    items,
    unitId,
    ip,
    now = new Date(),
  }: { actor: Actor; items: { id: number; version: number }[]; unitId: number; ip?: string; now?: Date },
  db: DbOrTx = getDb(),
): number {
  if (!can(actor, 'pakn:assign')) throw new WorkflowError(403, 'staff.errors.forbidden');
  if (items.length === 0)
    throw new WorkflowError(400, 'staff.errors.noneSelected', {}, { ids: 'staff.errors.noneSelected' });
  return db.transaction((tx) => {
    for (const item of items) {
      try {
        const p = authorizeIntent({ actor, paknId: item.id, intent: 'assign' }, tx);
        if (item.version !== p.version) throw new WorkflowError(409, 'staff.errors.stale');
        apply(
          { tx, actor, p, version: item.version, ip, now, today: toLocalDate(now) },
          { intent: 'assign', version: item.version, unitId },
        );
      } catch (error) {
        if (!(error instanceof WorkflowError) || error.fieldErrors) throw error;
        const code = loadPakn(tx, item.id);
        const name = code && canReadPakn(actor, code) ? code.code : `#${item.id}`;
        throw new WorkflowError(error.status, error.messageKey, { ...error.params, code: name });
      }
    }
    return items.length;
  });
}

// ---------- the submitter's answer to an information request ----------

/** The question the submitter has to answer, while the PAKN waits for it. */
export function getOpenInfoRequest({ paknId }: { paknId: number }, db: DbOrTx = getDb()) {
  const p = loadPakn(db, paknId);
  if (!p || p.status !== 'awaiting_info') return null;
  const ev = db
    .select({ note: s.events.note, at: s.events.createdAt })
    .from(s.events)
    .where(and(eq(s.events.paknId, paknId), eq(s.events.type, 'request_info')))
    .orderBy(desc(s.events.id))
    .get();
  return { question: ev?.note ?? '', askedAt: ev?.at ?? null, version: p.version };
}

/** The reply resumes the clock: files and text go on the record (staff only), then receive_info runs. */
export function submitInfoReply(
  {
    paknId,
    text: reply,
    files,
    ip,
    now = new Date(),
  }: { paknId: number; text: string; files: StoredUpload[]; ip?: string; now?: Date },
  db: DbOrTx = getDb(),
) {
  return db.transaction((tx) => {
    const p = loadPakn(tx, paknId);
    if (!p) throw new WorkflowError(404, 'staff.errors.notFound');
    if (p.status !== 'awaiting_info') throw new WorkflowError(409, 'staff.followup.notWaiting');
    // the submitter acts as nobody in particular: actor id 0 is never a user, stored as null
    const ctx: Ctx = {
      tx,
      actor: { id: 0, role: 'viewer', unitId: null },
      p,
      version: p.version,
      ip,
      now,
      today: toLocalDate(now),
    };
    for (const f of files)
      tx.insert(s.attachments)
        .values({ ...f, paknId, source: 'info' })
        .run();
    tx.insert(s.events)
      .values({
        paknId,
        type: 'info_reply',
        actorUserId: null,
        note: reply,
        isPublic: false,
        data: JSON.stringify({ files: files.length }),
      })
      .run();
    const to = findTransition('awaiting_info', 'receive_info')!.to;
    updateGuarded(ctx, { ...closeOpenPause(ctx), status: to });
    tx.insert(s.events)
      .values({
        paknId,
        type: 'receive_info',
        actorUserId: null,
        fromStatus: p.status,
        toStatus: to,
        isPublic: true,
      })
      .run();
    audit(
      {
        actorUserId: null,
        action: 'pakn.info_reply',
        targetType: 'pakn',
        targetId: paknId,
        ip,
        detail: { code: p.code, files: files.length },
      },
      tx,
    );
    notifyStaffUpdate(tx, { paknId, kind: 'infoSupplied' });
  });
}

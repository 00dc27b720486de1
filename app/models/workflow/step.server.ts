// What every staff step shares: loading and authorising the PAKN, the version-guarded update, the event
// and audit entry, and a state-machine transition with its document and e-mail. Each step runs inside the
// transaction opened by perform.server.ts, so either all of it happens or none.
import { and, eq, isNull, sql } from 'drizzle-orm';

import type { LocalDate } from '~/domain/dates';
import { type Actor, canOnPakn, canReadPakn } from '~/domain/permissions';
import type { WebhookEvent } from '~/domain/webhooks';
import { WorkflowError } from '~/domain/workflow/errors';
import { type Intent, intentPermission, INVALID, isIntent, REQUIRED } from '~/domain/workflow/intents';
import { type Action, findTransition, type Status } from '~/domain/workflow/transitions';
import { audit } from '~/models/audit.server';
import { issueDocumentForStep } from '~/models/document-issue.server';
import { notifyStep, type Step } from '~/models/notifications.server';
import { answerDueDate } from '~/models/pakn.server';
import { recordWebhookEvent } from '~/models/webhook-deliveries.server';
import { changesOf, type DbOrTx, first, getDb, type Tx } from '~/utils/db.server';
import * as s from '~db/schema';

export type Pakn = typeof s.pakn.$inferSelect;
type PaknChanges = Partial<typeof s.pakn.$inferInsert>;

export type Ctx = {
  tx: Tx;
  actor: Actor;
  p: Pakn;
  version: number;
  ip?: string;
  now: Date;
  today: LocalDate;
};

export async function loadPakn(db: DbOrTx, paknId: number): Promise<Pakn | undefined> {
  return await first(db.select().from(s.pakn).where(eq(s.pakn.id, paknId)));
}

/**
 * 404 when the actor may not read it (a handler must not learn another unit's PAKN exists), 403 when the
 * actor may read but not do this. Checked before the form is validated so a forbidden post learns nothing.
 */
export async function authorizeIntent(
  { actor, paknId, intent }: { actor: Actor; paknId: number; intent: unknown },
  db: DbOrTx = getDb(),
): Promise<{ pakn: Pakn; intent: Intent }> {
  const p = await loadPakn(db, paknId);
  if (!p || !canReadPakn(actor, p)) throw new WorkflowError(404, 'staff.errors.notFound');
  if (!isIntent(intent)) throw new WorkflowError(400, 'staff.errors.unknownIntent');
  if (!canOnPakn(actor, intentPermission(intent), p)) throw new WorkflowError(403, 'staff.errors.forbidden');
  return { pakn: p, intent };
}

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
/** The steps other systems hear of (webhooks): a reassignment is an assignment to them. */
const WEBHOOK_STEP: Partial<Record<Step, WebhookEvent>> = {
  assigned: 'assigned',
  reassigned: 'assigned',
  answered: 'answered',
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
export async function updateGuarded(ctx: Ctx, set: PaknChanges) {
  const res = await ctx.tx
    .update(s.pakn)
    .set({ ...set, version: sql`${s.pakn.version} + 1`, updatedAt: ctx.now })
    .where(and(eq(s.pakn.id, ctx.p.id), eq(s.pakn.version, ctx.version)));
  if (changesOf(res) === 0) throw new WorkflowError(409, 'staff.errors.stale');
}

/** The timeline event and its audit entry. */
export async function record(
  ctx: Ctx,
  type: string,
  {
    from,
    to,
    note,
    data,
  }: { from?: Status | null; to?: Status | null; note?: string | null; data?: unknown },
) {
  await ctx.tx.insert(s.events).values({
    paknId: ctx.p.id,
    type,
    actorUserId: ctx.actor.id,
    fromStatus: from ?? null,
    toStatus: to ?? null,
    note: note || null,
    isPublic: PUBLIC_EVENTS.has(type),
    data: data === undefined ? null : JSON.stringify(data),
  });
  await audit(
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

/** One state-machine step: checked, applied, recorded, and its VI.3 document and e-mail queued. */
export async function transition(
  ctx: Ctx,
  action: Action,
  { set = {}, note = null, data }: { set?: PaknChanges; note?: string | null; data?: unknown } = {},
) {
  const from = ctx.p.status;
  const tr = findTransition(from, action);
  if (!tr) throw new WorkflowError(409, 'staff.errors.illegalTransition', { action, status: from });
  if (tr.requiresNote && !note) throw new WorkflowError(400, REQUIRED, {}, { note: REQUIRED });
  await updateGuarded(ctx, { ...set, status: tr.to, ...(CLOSING.has(action) ? { closedAt: ctx.now } : {}) });
  await record(ctx, action, { from, to: tr.to, note, data });
  const step = STEP[action];
  if (step) await announceStep(ctx, step, note);
  return tr.to;
}

/** The VI.3 document of a step (refusal, information request, transfer, reply), its e-mail and webhook. */
export async function announceStep(ctx: Ctx, step: Step, note: string | null = null) {
  const document = await issueDocumentForStep(ctx.tx, {
    paknId: ctx.p.id,
    step,
    actorUserId: ctx.actor.id || null,
    note,
    now: ctx.now,
  });
  await notifyStep(ctx.tx, { paknId: ctx.p.id, step, note, document });
  const event = WEBHOOK_STEP[step];
  if (event) await recordWebhookEvent(ctx.tx, { paknId: ctx.p.id, event, now: ctx.now });
}

export async function activeUnit(tx: Tx, unitId: number) {
  const unit = await first(tx.select().from(s.units).where(eq(s.units.id, unitId)));
  if (!unit || !unit.active)
    throw new WorkflowError(400, INVALID, {}, { unitId: 'staff.errors.unknownUnit' });
  return unit;
}

/** Ends the open information wait; returns the answer due date moved by exactly the paused days. */
export async function closeOpenPause(ctx: Ctx): Promise<PaknChanges> {
  await ctx.tx
    .update(s.paknPauses)
    .set({ toDate: ctx.today })
    .where(and(eq(s.paknPauses.paknId, ctx.p.id), isNull(s.paknPauses.toDate)));
  // the due date moves by exactly the paused days (computeDueDate skips from < d <= to)
  return { answerDue: (await answerDueDate(ctx.p, ctx.tx)).due };
}

// The webhook outbox: an event is recorded inside the transaction of the change it reports (so a change is
// never saved without its event, nor an event sent for a change rolled back), as one delivery per subscribed
// webhook, then sent by app/jobs/webhook-worker.server.ts. This file holds the SQL: recording, the lease that
// lets one process send a delivery, and the outcome of an attempt.
import crypto from 'node:crypto';

import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';

import { buildWebhookPayload, parseEvents, type WebhookEvent } from '~/domain/webhooks';
import { publicStatus } from '~/domain/workflow/transitions';
import { changesOf, type DbOrTx, dialectOf, first, getDb } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import { signalWebhooks } from '~/utils/webhook-signal.server';
import * as s from '~db/schema';

export type DeliveryRow = typeof s.webhookDeliveries.$inferSelect;

export type Subscribers = Array<{ id: number }>;

/** The active webhooks subscribed to `event`. */
export async function subscribedWebhooks(db: DbOrTx, event: WebhookEvent): Promise<Subscribers> {
  return (
    await db
      .select({ id: s.webhooks.id, events: s.webhooks.events })
      .from(s.webhooks)
      .where(eq(s.webhooks.active, true))
  ).filter((h) => parseEvents(h.events).includes(event));
}

/**
 * Records `event` of a PAKN for every active webhook that subscribed to it (`hooks`, when the caller has read
 * them already), inside the caller's transaction. Call it after the PAKN row is written: the body carries the
 * status the change left.
 */
export async function recordWebhookEvent(
  db: DbOrTx,
  {
    paknId,
    event,
    now = new Date(),
    hooks: known,
  }: { paknId: number; event: WebhookEvent; now?: Date; hooks?: Subscribers },
): Promise<number> {
  const hooks = known ?? (await subscribedWebhooks(db, event));
  if (!hooks.length) return 0;
  const p = await first(
    db
      .select({ code: s.pakn.code, status: s.pakn.status, publication: s.pakn.publication })
      .from(s.pakn)
      .where(eq(s.pakn.id, paknId)),
  );
  if (!p) throw new Error(`recordWebhookEvent: PAKN ${paknId} not found`);
  const eventId = crypto.randomUUID();
  const payload = JSON.stringify(
    buildWebhookPayload({
      eventId,
      event,
      occurredAt: now,
      code: p.code,
      status: p.status,
      publicStatus: publicStatus(p.status).key,
      published: p.publication === 'published',
      baseUrl: getEnv().BASE_URL,
    }),
  );
  for (const h of hooks) {
    await db.insert(s.webhookDeliveries).values({
      deliveryId: crypto.randomUUID(),
      webhookId: h.id,
      eventId,
      eventType: `pakn.${event}`,
      paknId,
      paknCode: p.code,
      payload,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
    });
  }
  // better-sqlite3 transactions are synchronous: the worker's pass (after a short delay) sees the commit
  signalWebhooks();
  return hooks.length;
}

// ---------------------------------------------------------------------------------------------
// Claims and outcomes. As in the mail outbox, a claimed row's next_attempt_at is pushed into the future
// (the lease) and its exact value is the claimer's fencing token.

export type ClaimedDelivery = DeliveryRow & { url: string; secret: string };

/** Claims up to `limit` due pending deliveries in one statement (atomic against other processes). */
export async function claimDueDeliveries(
  db: DbOrTx,
  { now, lease, limit }: { now: Date; lease: Date; limit: number },
): Promise<ClaimedDelivery[]> {
  const d = s.webhookDeliveries;
  const isDue = and(eq(d.status, 'pending'), lte(d.nextAttemptAt, now));
  // as the mail outbox: PostgreSQL skips the rows another worker is claiming
  const due =
    dialectOf(db) === 'pg'
      ? sql`(SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ${now.getTime()}
          ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)`
      : db.select({ id: d.id }).from(d).where(isDue).orderBy(asc(d.nextAttemptAt), asc(d.id)).limit(limit);
  const rows = await db
    .update(d)
    .set({ nextAttemptAt: lease })
    .where(and(inArray(d.id, due), isDue))
    .returning();
  if (!rows.length) return [];
  const hooks = new Map(
    (
      await db
        .select({ id: s.webhooks.id, url: s.webhooks.url, secret: s.webhooks.secret })
        .from(s.webhooks)
        .where(
          inArray(
            s.webhooks.id,
            rows.map((r) => r.webhookId),
          ),
        )
    ).map((h) => [h.id, h]),
  );
  return rows
    .flatMap((r) => {
      const h = hooks.get(r.webhookId);
      return h ? [{ ...r, url: h.url, secret: h.secret }] : [];
    })
    .sort((a, b) => a.id - b.id);
}

function ours(row: Pick<DeliveryRow, 'id'>, token: Date) {
  return and(
    eq(s.webhookDeliveries.id, row.id),
    eq(s.webhookDeliveries.status, 'pending'),
    eq(s.webhookDeliveries.nextAttemptAt, token),
  );
}

/** Moves this process's lease from `token` to `next`; false when another process took the row over. */
export async function renewDeliveryLease(db: DbOrTx, row: Pick<DeliveryRow, 'id'>, token: Date, next: Date) {
  return (
    changesOf(await db.update(s.webhookDeliveries).set({ nextAttemptAt: next }).where(ours(row, token))) === 1
  );
}

export type AttemptOutcome =
  | { kind: 'delivered'; status: number; at: Date }
  | { kind: 'retry'; status: number | null; error: string; at: Date; retryAt: Date }
  | { kind: 'failed'; status: number | null; error: string; at: Date };

/** Writes the outcome of an attempt; false when the lease was lost (another process owns the row). */
export async function recordDeliveryAttempt(
  db: DbOrTx,
  row: Pick<DeliveryRow, 'id' | 'attempts'>,
  token: Date,
  outcome: AttemptOutcome,
): Promise<boolean> {
  const attempts = row.attempts + 1;
  const common = { attempts, lastAttemptAt: outcome.at, lastStatus: outcome.status };
  const set =
    outcome.kind === 'delivered'
      ? { ...common, status: 'delivered' as const, lastError: null, deliveredAt: outcome.at }
      : outcome.kind === 'retry'
        ? { ...common, lastError: outcome.error, nextAttemptAt: outcome.retryAt }
        : { ...common, status: 'failed' as const, lastError: outcome.error };
  return changesOf(await db.update(s.webhookDeliveries).set(set).where(ours(row, token))) === 1;
}

/** Delivered notifications are kept this long for the delivery log; failed ones stay until sent again or deleted. */
export const DELIVERED_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

/** The janitor's part: forgets deliveries delivered more than DELIVERED_RETENTION_MS ago. */
export async function purgeOldDeliveries(
  { now = Date.now() }: { now?: number } = {},
  db: DbOrTx = getDb(),
): Promise<number> {
  return changesOf(
    await db
      .delete(s.webhookDeliveries)
      .where(
        and(
          eq(s.webhookDeliveries.status, 'delivered'),
          lt(s.webhookDeliveries.deliveredAt, new Date(now - DELIVERED_RETENTION_MS)),
        ),
      ),
  );
}

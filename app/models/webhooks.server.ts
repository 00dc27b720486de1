// Webhooks as administrators manage them: register a URL (its secret is shown once), enable or disable,
// delete, rotate the secret, read the delivery log and send a delivery again. Every change is audited; the
// secret never reaches the audit log.
import { and, desc, eq, sql } from 'drizzle-orm';

import { parseEvents, type WebhookCreateInput, type WebhookEvent } from '~/domain/webhooks';
import { randomToken } from '~/utils/crypto.server';
import { type DbOrTx, getDb } from '~/utils/db.server';
import { signalWebhooks } from '~/utils/webhook-signal.server';
import * as s from '~db/schema';

import { audit } from './audit.server';

export type Actor = { userId: number; ip?: string };

export type WebhookSummary = {
  id: number;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: Date;
  last: { status: 'pending' | 'delivered' | 'failed'; httpStatus: number | null; at: Date | null } | null;
};

const newSecret = () => `whsec_${randomToken(32)}`;

export function listWebhooks(db: DbOrTx = getDb()): WebhookSummary[] {
  const hooks = db.select().from(s.webhooks).orderBy(desc(s.webhooks.id)).all();
  return hooks.map((h) => {
    const last = db
      .select({
        status: s.webhookDeliveries.status,
        httpStatus: s.webhookDeliveries.lastStatus,
        at: s.webhookDeliveries.lastAttemptAt,
      })
      .from(s.webhookDeliveries)
      .where(eq(s.webhookDeliveries.webhookId, h.id))
      .orderBy(desc(s.webhookDeliveries.id))
      .limit(1)
      .get();
    return {
      id: h.id,
      url: h.url,
      events: parseEvents(h.events),
      active: h.active,
      createdAt: h.createdAt,
      last: last ?? null,
    };
  });
}

export function getWebhook(id: number, db: DbOrTx = getDb()) {
  const h = db
    .select({ id: s.webhooks.id, url: s.webhooks.url, events: s.webhooks.events, active: s.webhooks.active })
    .from(s.webhooks)
    .where(eq(s.webhooks.id, id))
    .get();
  return h ? { ...h, events: parseEvents(h.events) } : null;
}

/** Registers a webhook and returns its secret in clear: the page shows it once. */
export function createWebhook(
  { input, actor }: { input: WebhookCreateInput; actor: Actor },
  db: DbOrTx = getDb(),
): { id: number; secret: string } {
  const secret = newSecret();
  return db.transaction((tx) => {
    const row = tx
      .insert(s.webhooks)
      .values({ url: input.url, events: input.events.join(','), secret, createdByUserId: actor.userId })
      .returning({ id: s.webhooks.id })
      .get();
    audit(
      {
        actorUserId: actor.userId,
        action: 'webhook.create',
        targetType: 'webhook',
        targetId: row.id,
        ip: actor.ip,
        detail: { url: input.url, events: input.events },
      },
      tx,
    );
    return { id: row.id, secret };
  });
}

function change(
  db: DbOrTx,
  { id, actor, action }: { id: number; actor: Actor; action: string },
  apply: (tx: DbOrTx, row: typeof s.webhooks.$inferSelect) => Record<string, unknown> | null,
) {
  return db.transaction((tx) => {
    const row = tx.select().from(s.webhooks).where(eq(s.webhooks.id, id)).get();
    if (!row) return false;
    const detail = apply(tx, row);
    if (!detail) return false;
    audit(
      {
        actorUserId: actor.userId,
        action,
        targetType: 'webhook',
        targetId: id,
        ip: actor.ip,
        detail: { url: row.url, ...detail },
      },
      tx,
    );
    return true;
  });
}

/** Stops (or resumes) recording events for a webhook; its pending deliveries are still sent. */
export function setWebhookActive(
  { id, active, actor }: { id: number; active: boolean; actor: Actor },
  db: DbOrTx = getDb(),
): boolean {
  return change(db, { id, actor, action: active ? 'webhook.enable' : 'webhook.disable' }, (tx, row) => {
    if (row.active === active) return null;
    tx.update(s.webhooks).set({ active }).where(eq(s.webhooks.id, id)).run();
    return { active };
  });
}

/** Deletes a webhook with its delivery log (nothing more is sent to it). */
export function deleteWebhook({ id, actor }: { id: number; actor: Actor }, db: DbOrTx = getDb()): boolean {
  return change(db, { id, actor, action: 'webhook.delete' }, (tx) => {
    const removed = tx.delete(s.webhookDeliveries).where(eq(s.webhookDeliveries.webhookId, id)).run().changes;
    tx.delete(s.webhooks).where(eq(s.webhooks.id, id)).run();
    return { deliveries: removed };
  });
}

/** A new secret, returned once; deliveries still pending are signed with it from their next attempt. */
export function rotateWebhookSecret(
  { id, actor, now = new Date() }: { id: number; actor: Actor; now?: Date },
  db: DbOrTx = getDb(),
): string | null {
  const secret = newSecret();
  const done = change(db, { id, actor, action: 'webhook.rotate_secret' }, (tx) => {
    tx.update(s.webhooks).set({ secret, secretRotatedAt: now }).where(eq(s.webhooks.id, id)).run();
    return {};
  });
  return done ? secret : null;
}

export const DELIVERY_LOG_LIMIT = 100;

export function listDeliveries(webhookId: number, db: DbOrTx = getDb()) {
  const rows = db
    .select()
    .from(s.webhookDeliveries)
    .where(eq(s.webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(s.webhookDeliveries.id))
    .limit(DELIVERY_LOG_LIMIT)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(s.webhookDeliveries)
      .where(eq(s.webhookDeliveries.webhookId, webhookId))
      .get()?.n ?? 0;
  return { rows, total: Number(total) };
}

/**
 * "Gửi lại": a delivered or failed delivery goes back to the queue, due now, with a fresh count of attempts.
 * It keeps its X-PAKN-Delivery id and body, so a receiver that already handled it can recognise it. A pending
 * one is left alone: it may be in a worker's hands right now (its lease), and it is retried anyway.
 */
export function redeliverWebhook(
  {
    webhookId,
    deliveryId,
    actor,
    now = new Date(),
  }: {
    webhookId: number;
    deliveryId: number;
    actor: Actor;
    now?: Date;
  },
  db: DbOrTx = getDb(),
): boolean {
  return db.transaction((tx) => {
    const row = tx
      .select()
      .from(s.webhookDeliveries)
      .where(and(eq(s.webhookDeliveries.id, deliveryId), eq(s.webhookDeliveries.webhookId, webhookId)))
      .get();
    if (!row) return false;
    if (row.status === 'pending') return false;
    tx.update(s.webhookDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now, deliveredAt: null })
      .where(eq(s.webhookDeliveries.id, deliveryId))
      .run();
    audit(
      {
        actorUserId: actor.userId,
        action: 'webhook.redeliver',
        targetType: 'webhook',
        targetId: webhookId,
        ip: actor.ip,
        detail: { delivery: row.deliveryId, event: row.eventType, code: row.paknCode },
      },
      tx,
    );
    signalWebhooks();
    return true;
  });
}

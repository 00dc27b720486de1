// Webhooks as administrators manage them: register a URL (its secret is shown once), enable or disable,
// delete, rotate the secret, read the delivery log and send a delivery again. Every change is audited; the
// secret never reaches the audit log.
import { and, desc, eq, sql } from 'drizzle-orm';

import { parseEvents, type WebhookCreateInput, type WebhookEvent } from '~/domain/webhooks';
import { randomToken } from '~/utils/crypto.server';
import { changesOf, type DbOrTx, first, getDb, one, transaction } from '~/utils/db.server';
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

export async function listWebhooks(db: DbOrTx = getDb()): Promise<WebhookSummary[]> {
  const hooks = await db.select().from(s.webhooks).orderBy(desc(s.webhooks.id));
  return await Promise.all(
    hooks.map(async (h) => {
      const last = await first(
        db
          .select({
            status: s.webhookDeliveries.status,
            httpStatus: s.webhookDeliveries.lastStatus,
            at: s.webhookDeliveries.lastAttemptAt,
          })
          .from(s.webhookDeliveries)
          .where(eq(s.webhookDeliveries.webhookId, h.id))
          .orderBy(desc(s.webhookDeliveries.id))
          .limit(1),
      );
      return {
        id: h.id,
        url: h.url,
        events: parseEvents(h.events),
        active: h.active,
        createdAt: h.createdAt,
        last: last ?? null,
      };
    }),
  );
}

export async function getWebhook(id: number, db: DbOrTx = getDb()) {
  const h = await first(
    db
      .select({
        id: s.webhooks.id,
        url: s.webhooks.url,
        events: s.webhooks.events,
        active: s.webhooks.active,
      })
      .from(s.webhooks)
      .where(eq(s.webhooks.id, id)),
  );
  return h ? { ...h, events: parseEvents(h.events) } : null;
}

/** Registers a webhook and returns its secret in clear: the page shows it once. */
export async function createWebhook(
  { input, actor }: { input: WebhookCreateInput; actor: Actor },
  db: DbOrTx = getDb(),
): Promise<{ id: number; secret: string }> {
  const secret = newSecret();
  return await transaction(db, async (tx) => {
    const row = await one(
      tx
        .insert(s.webhooks)
        .values({ url: input.url, events: input.events.join(','), secret, createdByUserId: actor.userId })
        .returning({ id: s.webhooks.id }),
    );
    await audit(
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

async function change(
  db: DbOrTx,
  { id, actor, action }: { id: number; actor: Actor; action: string },
  apply: (tx: DbOrTx, row: typeof s.webhooks.$inferSelect) => Promise<Record<string, unknown> | null>,
) {
  return await transaction(db, async (tx) => {
    const row = await first(tx.select().from(s.webhooks).where(eq(s.webhooks.id, id)));
    if (!row) return false;
    const detail = await apply(tx, row);
    if (!detail) return false;
    await audit(
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
export async function setWebhookActive(
  { id, active, actor }: { id: number; active: boolean; actor: Actor },
  db: DbOrTx = getDb(),
): Promise<boolean> {
  return change(db, { id, actor, action: active ? 'webhook.enable' : 'webhook.disable' }, async (tx, row) => {
    if (row.active === active) return null;
    await tx.update(s.webhooks).set({ active }).where(eq(s.webhooks.id, id));
    return { active };
  });
}

/** Deletes a webhook with its delivery log (nothing more is sent to it). */
export async function deleteWebhook(
  { id, actor }: { id: number; actor: Actor },
  db: DbOrTx = getDb(),
): Promise<boolean> {
  return change(db, { id, actor, action: 'webhook.delete' }, async (tx) => {
    const removed = changesOf(
      await tx.delete(s.webhookDeliveries).where(eq(s.webhookDeliveries.webhookId, id)),
    );
    await tx.delete(s.webhooks).where(eq(s.webhooks.id, id));
    return { deliveries: removed };
  });
}

/** A new secret, returned once; deliveries still pending are signed with it from their next attempt. */
export async function rotateWebhookSecret(
  { id, actor, now = new Date() }: { id: number; actor: Actor; now?: Date },
  db: DbOrTx = getDb(),
): Promise<string | null> {
  const secret = newSecret();
  const done = await change(db, { id, actor, action: 'webhook.rotate_secret' }, async (tx) => {
    await tx.update(s.webhooks).set({ secret, secretRotatedAt: now }).where(eq(s.webhooks.id, id));
    return {};
  });
  return done ? secret : null;
}

export const DELIVERY_LOG_LIMIT = 100;

export async function listDeliveries(webhookId: number, db: DbOrTx = getDb()) {
  const rows = await db
    .select()
    .from(s.webhookDeliveries)
    .where(eq(s.webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(s.webhookDeliveries.id))
    .limit(DELIVERY_LOG_LIMIT);
  const total =
    (
      await first(
        db
          .select({ n: sql<number>`count(*)` })
          .from(s.webhookDeliveries)
          .where(eq(s.webhookDeliveries.webhookId, webhookId)),
      )
    )?.n ?? 0;
  return { rows, total: Number(total) };
}

/**
 * "Gửi lại": a delivered or failed delivery goes back to the queue, due now, with a fresh count of attempts.
 * It keeps its X-PAKN-Delivery id and body, so a receiver that already handled it can recognise it. A pending
 * one is left alone: it may be in a worker's hands right now (its lease), and it is retried anyway.
 */
export async function redeliverWebhook(
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
): Promise<boolean> {
  return await transaction(db, async (tx) => {
    const row = await first(
      tx
        .select()
        .from(s.webhookDeliveries)
        .where(and(eq(s.webhookDeliveries.id, deliveryId), eq(s.webhookDeliveries.webhookId, webhookId))),
    );
    if (!row) return false;
    if (row.status === 'pending') return false;
    await tx
      .update(s.webhookDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now, deliveredAt: null })
      .where(eq(s.webhookDeliveries.id, deliveryId));
    await audit(
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

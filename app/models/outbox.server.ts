// The outbox: every e-mail is written here inside the transaction of the change it reports (so a PAKN
// is never saved without its receipt, nor a receipt sent for a PAKN rolled back), then delivered by the
// mail worker (app/jobs/mail-worker.server.ts). This file holds the outbox's SQL: enqueue, the lease
// that lets one process send a row, the outcome of a send, and what administrators see.
import crypto from 'node:crypto';

import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';

import type { MailAttachment } from '~/domain/mail-attachments';
import { changesOf, type DbOrTx, dialectOf, first, getDb, transaction, type Tx } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import { signalOutbox } from '~/utils/outbox-signal.server';
import { events, outbox } from '~db/schema';

export type Mail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** short name of the template, e.g. 'receipt'; also part of the .eml file name */
  template: string;
  paknId?: number | null;
  /** files attached when the message is sent, by reference: the outbox row never holds their bytes */
  attachments?: MailAttachment[];
  /** a timeline event of `paknId` written in the transaction that marks the message sent */
  sentEvent?: { type: string; data?: Record<string, unknown> };
};

export type { MailAttachment };

export type OutboxRow = typeof outbox.$inferSelect;

const TEMPLATE_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

function messageIdHost(): string {
  try {
    return new URL(getEnv().BASE_URL).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

/** Writes the message to the outbox inside the caller's transaction; it is sent later by the worker. */
export async function enqueueMail(db: DbOrTx, mail: Mail): Promise<void> {
  if (!mail.to.trim()) throw new Error('enqueueMail: empty recipient');
  if (/[\r\n]/.test(mail.to) || /[\r\n]/.test(mail.subject)) {
    throw new Error('enqueueMail: line break in recipient or subject');
  }
  if (!TEMPLATE_RE.test(mail.template)) throw new Error(`enqueueMail: invalid template name`);
  const messageId = `<${crypto.randomBytes(16).toString('hex')}@${messageIdHost()}>`;
  await db.insert(outbox).values({
    messageId,
    toAddress: mail.to.trim(),
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    template: mail.template,
    paknId: mail.paknId ?? null,
    attachments: mail.attachments?.length ? JSON.stringify(mail.attachments) : null,
    sentEvent: mail.sentEvent ? JSON.stringify(mail.sentEvent) : null,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date(),
  });
  // SQLite: the worker's pass waits for the process lock, so it runs after the caller's transaction has
  // committed (or rolled back, and finds nothing). PostgreSQL: a pass started before the commit does not see the
  // row; the next poll (MAIL_POLL_SECONDS) or the next kick sends it.
  kickMailWorker();
}

/** Runs a pass of the mail worker soon (after a transaction that queued mail). No-op without a worker. */
export function kickMailWorker(): void {
  signalOutbox();
}

// ---------------------------------------------------------------------------------------------
// Claims and outcomes. A claimed row's next_attempt_at is pushed into the future (the lease); its exact
// value is the claimer's fencing token: every later write of that row matches it, so a process whose
// lease was taken over changes nothing.

/** Claims up to `limit` due pending rows in one statement (atomic against other processes), oldest first. */
export async function claimDueMail(
  db: DbOrTx,
  { now, lease, limit }: { now: Date; lease: Date; limit: number },
) {
  const isDue = and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now));
  // PostgreSQL: rows another worker is claiming right now are skipped, not waited for and then claimed twice;
  // SQLite: the statement runs alone under the process lock
  const due =
    dialectOf(db) === 'pg'
      ? sql`(SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ${now.getTime()}
          ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)`
      : db
          .select({ id: outbox.id })
          .from(outbox)
          .where(isDue)
          .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
          .limit(limit);
  return (
    await db
      .update(outbox)
      .set({ nextAttemptAt: lease, leasedUntil: lease })
      .where(and(inArray(outbox.id, due), isDue))
      .returning()
  ).sort((a, b) => a.id - b.id);
}

function ours(row: Pick<OutboxRow, 'id'>, token: Date) {
  return and(eq(outbox.id, row.id), eq(outbox.status, 'pending'), eq(outbox.nextAttemptAt, token));
}

/** Moves this process's lease on a row from `token` to `next`; false when another process took it over. */
export async function renewMailLease(
  db: DbOrTx,
  row: Pick<OutboxRow, 'id'>,
  token: Date,
  next: Date,
): Promise<boolean> {
  return (
    changesOf(
      await db.update(outbox).set({ nextAttemptAt: next, leasedUntil: next }).where(ours(row, token)),
    ) === 1
  );
}

/** Records a failed attempt and when to try again; false when the lease was lost. */
export async function recordMailFailure(
  db: DbOrTx,
  row: Pick<OutboxRow, 'id'>,
  token: Date,
  { attempts, retryAt, error }: { attempts: number; retryAt: Date; error: string },
): Promise<boolean> {
  const res = await db
    .update(outbox)
    .set({ attempts, nextAttemptAt: retryAt, lastError: error, leasedUntil: null })
    .where(ours(row, token));
  return changesOf(res) === 1;
}

/** Marks a row sent and writes its timeline event, in one transaction; false when the lease was lost. */
export async function markMailSent(
  db: DbOrTx,
  row: Pick<OutboxRow, 'id' | 'attempts' | 'paknId' | 'sentEvent'>,
  token: Date,
  sentAt: Date,
): Promise<boolean> {
  return await transaction(db, async (tx) => {
    const res = await tx
      .update(outbox)
      .set({ status: 'sent', attempts: row.attempts + 1, sentAt, lastError: null, leasedUntil: null })
      .where(ours(row, token));
    if (changesOf(res) === 1 && row.sentEvent && row.paknId)
      await writeSentEvent(tx, row.paknId, row.sentEvent, sentAt);
    return changesOf(res) === 1;
  });
}

/** The delivery on the PAKN's timeline (e.g. the transfer to the competent agency), at the time it was sent. */
async function writeSentEvent(tx: Tx, paknId: number, json: string, at: Date) {
  let parsed: { type?: unknown; data?: unknown };
  try {
    parsed = JSON.parse(json) as { type?: unknown; data?: unknown };
  } catch {
    return;
  }
  if (typeof parsed.type !== 'string') return;
  await tx.insert(events).values({
    paknId,
    type: parsed.type,
    data: parsed.data === undefined ? null : JSON.stringify(parsed.data),
    createdAt: at,
  });
}

/**
 * "Retry now": makes every message that waits out a backoff due now (it keeps its attempt count, so a new failure
 * backs off from where it was). A message a worker holds (its lease not yet over) is left to it: on PostgreSQL
 * that worker may be another process sending it at this moment.
 */
export async function releaseMailBackoff(db: DbOrTx = getDb(), now = Date.now()): Promise<number> {
  const at = new Date(now);
  return changesOf(
    await db
      .update(outbox)
      .set({ nextAttemptAt: at })
      .where(
        and(
          eq(outbox.status, 'pending'),
          gt(outbox.nextAttemptAt, at),
          or(isNull(outbox.leasedUntil), lte(outbox.leasedUntil, at)),
        ),
      ),
  );
}

/**
 * SQLite at start-up only: this process is the database's only sender and has not started a pass, so any lease
 * still running belonged to a process that was killed. Its messages are made due now instead of in 15 minutes.
 */
export async function releaseDeadLeases(db: DbOrTx = getDb(), now = Date.now()): Promise<number> {
  const at = new Date(now);
  return changesOf(
    await db
      .update(outbox)
      .set({ nextAttemptAt: at, leasedUntil: null })
      .where(and(eq(outbox.status, 'pending'), gt(outbox.leasedUntil, at))),
  );
}

// ---------------------------------------------------------------------------------------------
// Health, and the outbox as administrators see it

export type OutboxStats = { pending: number; oldestPendingAgeSeconds: number | null };

/** 'delayed' once the oldest pending message has waited longer than MAIL_DEGRADED_MINUTES. */
export function mailHealth(stats: OutboxStats): 'ok' | 'delayed' {
  const limit = getEnv().MAIL_DEGRADED_MINUTES * 60;
  return stats.oldestPendingAgeSeconds !== null && stats.oldestPendingAgeSeconds > limit ? 'delayed' : 'ok';
}

export async function outboxStats(db: DbOrTx = getDb()): Promise<OutboxStats> {
  const row = await first(
    db
      .select({
        pending: sql<number>`count(*)`,
        oldest: sql<number | null>`min(${outbox.createdAt})`,
      })
      .from(outbox)
      .where(eq(outbox.status, 'pending')),
  );
  const oldest = row?.oldest;
  return {
    pending: Number(row?.pending ?? 0),
    oldestPendingAgeSeconds:
      oldest == null ? null : Math.max(0, Math.floor((Date.now() - Number(oldest)) / 1000)),
  };
}

export type OutboxStatus = {
  pending: number;
  oldestPendingAgeMinutes: number | null;
  health: 'ok' | 'delayed';
  thresholdMinutes: number;
  /** the latest error of a waiting message (addresses are masked when it is stored) */
  lastError: string | null;
};

export async function getOutboxStatus(db: DbOrTx = getDb()): Promise<OutboxStatus> {
  const stats = await outboxStats(db);
  const latest = await first(
    db
      .select({ lastError: outbox.lastError })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), isNotNull(outbox.lastError)))
      .orderBy(desc(outbox.id))
      .limit(1),
  );
  return {
    pending: stats.pending,
    oldestPendingAgeMinutes:
      stats.oldestPendingAgeSeconds === null ? null : Math.floor(stats.oldestPendingAgeSeconds / 60),
    health: mailHealth(stats),
    thresholdMinutes: getEnv().MAIL_DEGRADED_MINUTES,
    lastError: latest?.lastError ?? null,
  };
}

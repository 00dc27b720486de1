// The outbox as administrators see it: what waits, since when, the last error, and "retry now".
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { outbox } from '~db/schema';
import { audit } from '~/models/audit.server';
import { getDb, type Db, type DbOrTx } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import { mailHealth, outboxStats, retryMailNow } from '~/utils/mail.server';

export type OutboxStatus = {
  pending: number;
  oldestPendingAgeMinutes: number | null;
  health: 'ok' | 'delayed';
  thresholdMinutes: number;
  /** the latest error of a waiting message (addresses are masked when it is stored) */
  lastError: string | null;
};

export function getOutboxStatus(db: DbOrTx = getDb()): OutboxStatus {
  const stats = outboxStats(db);
  const latest = db
    .select({ lastError: outbox.lastError })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), isNotNull(outbox.lastError)))
    .orderBy(desc(outbox.id))
    .limit(1)
    .get();
  return {
    pending: stats.pending,
    oldestPendingAgeMinutes:
      stats.oldestPendingAgeSeconds === null ? null : Math.floor(stats.oldestPendingAgeSeconds / 60),
    health: mailHealth(stats),
    thresholdMinutes: getEnv().MAIL_DEGRADED_MINUTES,
    lastError: latest?.lastError ?? null,
  };
}

/** Sends every waiting message now, whatever its backoff (after the mail server is back). Audited. */
export async function retryOutboxNow(actor: { userId: number; ip?: string }): Promise<number> {
  const released = await retryMailNow();
  audit({ actorUserId: actor.userId, action: 'mail.retry_now', ip: actor.ip, detail: { released } });
  return released;
}

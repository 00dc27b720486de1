// Staff sessions: the cookie holds a random token; the table keeps only its SHA-256 as the id.
import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';

import type { User } from '~/models/users.server';
import { randomToken, sha256 } from '~/utils/crypto.server';
import { changesOf, type Db, type DbOrTx, first, getDb, rawRun } from '~/utils/db.server';
import * as s from '~db/schema';

export type Session = typeof s.sessions.$inferSelect;

export async function createSession(
  {
    userId,
    secondFactorDone,
    ip,
    userAgent,
    absoluteMs,
    now = Date.now(),
  }: {
    userId: number;
    secondFactorDone: boolean;
    ip?: string;
    userAgent?: string | null;
    absoluteMs: number;
    now?: number;
  },
  db: DbOrTx = getDb(),
): Promise<{ token: string; id: string }> {
  const token = randomToken(32);
  const id = sha256(token);
  await db.insert(s.sessions).values({
    id,
    userId,
    secondFactorDone,
    createdAt: new Date(now),
    lastSeenAt: new Date(now),
    expiresAt: new Date(now + absoluteMs),
    ip: ip ?? null,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, id };
}

export async function findSessionByToken(
  token: string,
  db: DbOrTx = getDb(),
): Promise<{ session: Session; user: User } | undefined> {
  if (!token || token.length > 200) return undefined;
  const row = await first(
    db
      .select({ session: s.sessions, user: s.users })
      .from(s.sessions)
      .innerJoin(s.users, eq(s.users.id, s.sessions.userId))
      .where(eq(s.sessions.id, sha256(token))),
  );
  return row;
}

export async function touchSession(id: string, now = Date.now(), db: DbOrTx = getDb()): Promise<void> {
  await db
    .update(s.sessions)
    .set({ lastSeenAt: new Date(now) })
    .where(eq(s.sessions.id, id));
}

export async function revokeSession(id: string, now = Date.now(), db: DbOrTx = getDb()): Promise<void> {
  await db
    .update(s.sessions)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(s.sessions.id, id), isNull(s.sessions.revokedAt)));
}

/** Ends every live session of a user (optionally but one); returns how many were ended. */
export async function revokeUserSessions(
  userId: number,
  { exceptId, now = Date.now() }: { exceptId?: string; now?: number } = {},
  db: DbOrTx = getDb(),
): Promise<number> {
  const where = [eq(s.sessions.userId, userId), isNull(s.sessions.revokedAt)];
  if (exceptId) where.push(ne(s.sessions.id, exceptId));
  return changesOf(
    await db
      .update(s.sessions)
      .set({ revokedAt: new Date(now) })
      .where(and(...where)),
  );
}

export async function listLiveSessions(
  userId: number,
  db: DbOrTx = getDb(),
  now = Date.now(),
): Promise<Session[]> {
  return await db
    .select()
    .from(s.sessions)
    .where(
      and(
        eq(s.sessions.userId, userId),
        isNull(s.sessions.revokedAt),
        gt(s.sessions.expiresAt, new Date(now)),
      ),
    )
    .orderBy(desc(s.sessions.lastSeenAt));
}

/** Removes sessions that ended more than a day ago (the audit log keeps the sign-ins). */
export async function purgeOldSessions(now = Date.now(), db: Db = getDb()): Promise<number> {
  const cutoff = now - 24 * 60 * 60 * 1000;
  return (
    await rawRun(
      db,
      sql`DELETE FROM sessions WHERE expires_at < ${cutoff} OR (revoked_at IS NOT NULL AND revoked_at < ${cutoff})`,
    )
  ).changes;
}

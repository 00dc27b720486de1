// The audit log: an append-only record of every staff action. This module only inserts and reads;
// database triggers (migration 0001) abort any UPDATE or DELETE on audit_log.
import { and, desc, eq, gte, lt, lte, type SQL, sql } from 'drizzle-orm';

import type { Tx } from '~/utils/db.server';
import { type DbOrTx, getDb } from '~/utils/db.server';
import * as s from '~db/schema';

export type AuditEntry = {
  actorUserId: number | null;
  /** dotted verb, e.g. 'auth.signin', 'pakn.assign', 'pakn.contact.view', 'export.run', 'settings.update' */
  action: string;
  targetType?: string;
  targetId?: string | number;
  ip?: string;
  detail?: Record<string, unknown>;
};

/** Appends one entry. Pass the transaction when the action it records is part of one. */
export async function audit(entry: AuditEntry, db: DbOrTx | Tx = getDb()): Promise<void> {
  await db.insert(s.auditLog).values({
    actorUserId: entry.actorUserId,
    action: entry.action.slice(0, 100),
    targetType: entry.targetType ?? null,
    targetId: entry.targetId === undefined ? null : String(entry.targetId),
    ip: entry.ip ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  });
}

export type AuditRow = {
  id: number;
  at: Date;
  actorUserId: number | null;
  actorEmail: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  detail: string | null;
};

export type AuditFilter = {
  actorUserId?: number;
  /** exact action, or a prefix when it ends with '.' or '*' (e.g. 'auth.') */
  action?: string;
  targetType?: string;
  targetId?: string;
  /** inclusive instants (epoch ms) */
  from?: number;
  to?: number;
  /** keyset: only rows with id < before */
  before?: number;
  limit?: number;
};

/** Newest first, keyset-paginated by id. Returns one page and the cursor of the next, if any. */
export async function listAudit(
  filter: AuditFilter = {},
  db: DbOrTx = getDb(),
): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const where: SQL[] = [];
  if (filter.actorUserId !== undefined) where.push(eq(s.auditLog.actorUserId, filter.actorUserId));
  if (filter.action) {
    const a = filter.action.trim();
    if (a.endsWith('*') || a.endsWith('.')) {
      const prefix = a.replace(/\*$/, '').replace(/[\\%_]/g, (c) => `\\${c}`);
      where.push(sql`${s.auditLog.action} LIKE ${`${prefix}%`} ESCAPE '\\'`);
    } else where.push(eq(s.auditLog.action, a));
  }
  if (filter.targetType) where.push(eq(s.auditLog.targetType, filter.targetType));
  if (filter.targetId) where.push(eq(s.auditLog.targetId, filter.targetId));
  if (filter.from !== undefined) where.push(gte(s.auditLog.at, new Date(filter.from)));
  if (filter.to !== undefined) where.push(lte(s.auditLog.at, new Date(filter.to)));
  if (filter.before !== undefined) where.push(lt(s.auditLog.id, filter.before));
  const rows = await db
    .select({
      id: s.auditLog.id,
      at: s.auditLog.at,
      actorUserId: s.auditLog.actorUserId,
      actorEmail: s.users.email,
      actorName: s.users.name,
      action: s.auditLog.action,
      targetType: s.auditLog.targetType,
      targetId: s.auditLog.targetId,
      ip: s.auditLog.ip,
      detail: s.auditLog.detail,
    })
    .from(s.auditLog)
    .leftJoin(s.users, eq(s.users.id, s.auditLog.actorUserId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(s.auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, nextBefore: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null };
}

/** The distinct actions recorded so far, for the filter's drop-down. */
export async function listAuditActions(db: DbOrTx = getDb()): Promise<string[]> {
  return (
    await db.selectDistinct({ action: s.auditLog.action }).from(s.auditLog).orderBy(s.auditLog.action)
  ).map((r) => r.action);
}

const instantFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** dd/mm/yyyy HH:mm:ss in Asia/Ho_Chi_Minh, for staff pages (rendered on the server). */
export function formatInstant(at: Date | number | null | undefined): string {
  if (at === null || at === undefined) return '';
  return instantFormat.format(at).replace(',', '');
}

/** 'dd/mm/yyyy' or 'yyyy-mm-dd' → the first (or, with endOfDay, last) millisecond of that day in Vietnam. */
export function parseVnDay(input: string, { endOfDay = false } = {}): number | null {
  const v = input.trim();
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  let y: number, mo: number, d: number;
  if (m) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  const utc = Date.UTC(y, mo - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  // Vietnam is UTC+7 all year (no daylight saving)
  const start = utc - 7 * 3600_000;
  return endOfDay ? start + 86_400_000 - 1 : start;
}

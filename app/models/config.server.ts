// The agency's configuration as data, read: agency, units, fields, deadline rules and the working-day calendar.
// (Settings: models/admin/settings.server.ts; the administrators' edits: models/admin/.)
import { asc, eq } from 'drizzle-orm';

import { createWorkingCalendar, type WorkingCalendar } from '~/domain/calendar';
import { type DeadlineKey, type DeadlineRule, DEFAULT_DEADLINE_RULES } from '~/domain/deadlines';
import { type Db, type DbOrTx, dialectOf, first, getDb, isDatabase } from '~/utils/db.server';
import * as s from '~db/schema';

export type Agency = typeof s.agency.$inferSelect;
export type Unit = typeof s.units.$inferSelect;
export type Field = typeof s.fields.$inferSelect;

export async function getAgency(db: DbOrTx = getDb()): Promise<Agency> {
  const row = await first(db.select().from(s.agency).where(eq(s.agency.id, 1)));
  if (!row) throw new Error('agency configuration missing: the seed did not run');
  return row;
}

export async function listUnits({
  activeOnly = true,
  db = getDb(),
}: { activeOnly?: boolean; db?: DbOrTx } = {}): Promise<Unit[]> {
  const q = db.select().from(s.units).orderBy(asc(s.units.sortOrder), asc(s.units.id));
  return activeOnly ? await q.where(eq(s.units.active, true)) : await q;
}

export async function listFields({
  activeOnly = true,
  db = getDb(),
}: { activeOnly?: boolean; db?: DbOrTx } = {}): Promise<Field[]> {
  const q = db.select().from(s.fields).orderBy(asc(s.fields.sortOrder), asc(s.fields.id));
  return activeOnly ? await q.where(eq(s.fields.active, true)) : await q;
}

export async function getDeadlineRules(db: DbOrTx = getDb()): Promise<Record<DeadlineKey, DeadlineRule>> {
  const rules = { ...DEFAULT_DEADLINE_RULES };
  for (const row of await db.select().from(s.deadlineRules)) {
    const key = row.key as DeadlineKey;
    if (rules[key]) rules[key] = { ...rules[key], days: row.days, unit: row.unit, basis: row.basis };
  }
  return rules;
}

// The calendar is read on every deadline computation. SQLite: one process owns the database, so the calendar is
// built once and rebuilt when its rows change (the administrators' edits call invalidateCalendar); a transaction
// reads through the cache of its database and never replaces it. PostgreSQL: another process may change the
// rows at any time and this process would not know, so it is read each time (one small statement).
let calendarCache: { db: Db; calendar: WorkingCalendar } | undefined;

export async function getCalendar(db: DbOrTx = getDb()): Promise<WorkingCalendar> {
  const shared = dialectOf(db) === 'pg';
  if (!shared && calendarCache && (calendarCache.db === db || !isDatabase(db))) return calendarCache.calendar;
  const calendar = createWorkingCalendar(await db.select().from(s.calendarOverrides));
  if (!shared && isDatabase(db)) calendarCache = { db, calendar };
  return calendar;
}

export function invalidateCalendar() {
  calendarCache = undefined;
}

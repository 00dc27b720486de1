// The agency's configuration as data, read: agency, units, fields, deadline rules and the working-day calendar.
// (Settings: models/admin/settings.server.ts; the administrators' edits: models/admin/.)
import { asc, eq } from 'drizzle-orm';

import { createWorkingCalendar, type WorkingCalendar } from '~/domain/calendar';
import { type DeadlineKey, type DeadlineRule, DEFAULT_DEADLINE_RULES } from '~/domain/deadlines';
import { type Db, type DbOrTx, getDb, isDatabase } from '~/utils/db.server';
import * as s from '~db/schema';

export type Agency = typeof s.agency.$inferSelect;
export type Unit = typeof s.units.$inferSelect;
export type Field = typeof s.fields.$inferSelect;

export function getAgency(db: DbOrTx = getDb()): Agency {
  const row = db.select().from(s.agency).where(eq(s.agency.id, 1)).get();
  if (!row) throw new Error('agency configuration missing: the seed did not run');
  return row;
}

export function listUnits({
  activeOnly = true,
  db = getDb(),
}: { activeOnly?: boolean; db?: DbOrTx } = {}): Unit[] {
  const q = db.select().from(s.units).orderBy(asc(s.units.sortOrder), asc(s.units.id));
  return activeOnly ? q.where(eq(s.units.active, true)).all() : q.all();
}

export function listFields({
  activeOnly = true,
  db = getDb(),
}: { activeOnly?: boolean; db?: DbOrTx } = {}): Field[] {
  const q = db.select().from(s.fields).orderBy(asc(s.fields.sortOrder), asc(s.fields.id));
  return activeOnly ? q.where(eq(s.fields.active, true)).all() : q.all();
}

export function getDeadlineRules(db: DbOrTx = getDb()): Record<DeadlineKey, DeadlineRule> {
  const rules = { ...DEFAULT_DEADLINE_RULES };
  for (const row of db.select().from(s.deadlineRules).all()) {
    const key = row.key as DeadlineKey;
    if (rules[key]) rules[key] = { ...rules[key], days: row.days, unit: row.unit, basis: row.basis };
  }
  return rules;
}

// The calendar is read on every deadline computation; rebuild it only when its rows change. A
// transaction reads through the cache of its database (writes call invalidateCalendar) and never
// replaces it.
let calendarCache: { db: Db; calendar: WorkingCalendar } | undefined;

export function getCalendar(db: DbOrTx = getDb()): WorkingCalendar {
  if (calendarCache && (calendarCache.db === db || !isDatabase(db))) return calendarCache.calendar;
  const calendar = createWorkingCalendar(db.select().from(s.calendarOverrides).all());
  if (isDatabase(db)) calendarCache = { db, calendar };
  return calendar;
}

export function invalidateCalendar() {
  calendarCache = undefined;
}

// The working-day calendar's overrides, edited by administrators: every change recomputes the due dates of
// open PAKN in its own transaction, and the cached calendar is rebuilt afterwards.
import { asc, eq, sql } from 'drizzle-orm';

import type { CalendarOverrideValues } from '~/domain/admin/calendar';
import { type Actor, diff, fail, type Outcome } from '~/domain/admin/outcome';
import {
  addCalendarDays,
  type CalendarOverride,
  createWorkingCalendar,
  isWeekendName,
} from '~/domain/calendar';
import { getCalendar, invalidateCalendar } from '~/models/config.server';
import { recomputeOpenDueDates } from '~/models/deadlines.server';
import { type DbOrTx, first, getDb, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { recordChange } from './change-log.server';

export type CalendarYear = {
  year: number;
  overrides: CalendarOverride[];
  /** days the holiday library marks off, and whether an override replaces them */
  holidays: Array<{ date: string; name: string; nameEn: string; overridden: boolean }>;
  workingDays: number;
};

export async function getCalendarYear(year: number, db: DbOrTx = getDb()): Promise<CalendarYear> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const overrides = await db
    .select({
      date: s.calendarOverrides.date,
      kind: s.calendarOverrides.kind,
      note: s.calendarOverrides.note,
    })
    .from(s.calendarOverrides)
    .where(sql`${s.calendarOverrides.date} BETWEEN ${from} AND ${to}`)
    .orderBy(asc(s.calendarOverrides.date));
  const overridden = new Set(overrides.map((o) => o.date));
  const library = createWorkingCalendar([]);
  const calendar = await getCalendar(db);
  const holidays: CalendarYear['holidays'] = [];
  let workingDays = 0;
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) {
    const reason = library.offReason(d);
    if (reason !== null && !isWeekendName(reason))
      holidays.push({ date: d, ...reason, overridden: overridden.has(d) });
    if (calendar.isWorkingDay(d)) workingDays++;
  }
  return { year, overrides, holidays, workingDays };
}

/** Adds or replaces the override of a date, then recomputes the due dates of open PAKN. */
export async function saveCalendarOverride(
  value: CalendarOverrideValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Promise<Outcome<{ recomputed: number }>> {
  try {
    return await transaction(db, async (tx) => {
      const before = await first(
        tx.select().from(s.calendarOverrides).where(eq(s.calendarOverrides.date, value.date)),
      );
      await tx
        .insert(s.calendarOverrides)
        .values(value)
        .onConflictDoUpdate({
          target: s.calendarOverrides.date,
          set: { kind: value.kind, note: value.note },
        });
      const recomputed = await recomputeOpenDueDates(tx, { actorUserId: actor.userId });
      await recordChange(
        tx,
        actor,
        before ? 'settings.calendar.update' : 'settings.calendar.create',
        'calendar_override',
        value.date,
        { ...(before ? diff(before, value) : value), recomputed },
      );
      return { ok: true as const, value: { recomputed } };
    });
  } finally {
    invalidateCalendar();
  }
}

export async function deleteCalendarOverride(
  date: string,
  actor: Actor,
  db: DbOrTx = getDb(),
): Promise<Outcome<{ recomputed: number }>> {
  try {
    return await transaction(db, async (tx) => {
      const before = await first(
        tx.select().from(s.calendarOverrides).where(eq(s.calendarOverrides.date, date)),
      );
      if (!before) return fail({ form: 'admin.errors.notFound' });
      await tx.delete(s.calendarOverrides).where(eq(s.calendarOverrides.date, date));
      const recomputed = await recomputeOpenDueDates(tx, { actorUserId: actor.userId });
      await recordChange(tx, actor, 'settings.calendar.delete', 'calendar_override', date, {
        ...before,
        recomputed,
      });
      return { ok: true as const, value: { recomputed } };
    });
  } finally {
    invalidateCalendar();
  }
}

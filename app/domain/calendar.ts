import {
  addCalendarDays,
  type CalendarOverride,
  dayOfWeek,
  isValidLocalDate,
  type LocalDate,
  SATURDAY,
  SUNDAY,
} from './dates';
import { type DayOffName, statutoryDaysOff } from './statutory-days';

export * from './dates';

export interface WorkingCalendar {
  isWorkingDay(d: LocalDate): boolean;
  /**
   * why a day is not a working day: the override note (official schedule; the administrator's words, with
   * no English form), the Labour Code holiday or compensatory day (statutory-days.ts), or Saturday/Sunday;
   * null if working
   */
  offReason(d: LocalDate): DayOffName | null;
  /** first working day strictly after d */
  nextWorkingDay(d: LocalDate): LocalDate;
}

// A schedule with no working day for this long is a data-entry error, not a real calendar.
const MAX_SEARCH_DAYS = 366;

export function createWorkingCalendar(overrides: readonly CalendarOverride[]): WorkingCalendar {
  const overrideByDate = new Map<LocalDate, CalendarOverride>();
  for (const o of overrides) {
    if (!isValidLocalDate(o.date)) throw new RangeError(`Invalid override date: ${JSON.stringify(o.date)}`);
    // Later entries win, so an administrator's correction appended to the defaults takes effect.
    overrideByDate.set(o.date, o);
  }
  const reasonCache = new Map<LocalDate, DayOffName | null>();

  function offReason(d: LocalDate): DayOffName | null {
    const cached = reasonCache.get(d);
    if (cached !== undefined) return cached;
    const reason = computeOffReason(d);
    reasonCache.set(d, reason);
    return reason;
  }

  function computeOffReason(d: LocalDate): DayOffName | null {
    const override = overrideByDate.get(d);
    if (override) return override.kind === 'off' ? { name: override.note, nameEn: '' } : null;
    const holiday = statutoryDaysOff(Number(d.slice(0, 4))).get(d);
    if (holiday) return holiday;
    const dow = dayOfWeek(d);
    if (dow === 6) return SATURDAY;
    if (dow === 0) return SUNDAY;
    return null;
  }

  function nextWorkingDay(d: LocalDate): LocalDate {
    let cursor = d;
    for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
      cursor = addCalendarDays(cursor, 1);
      if (offReason(cursor) === null) return cursor;
    }
    throw new Error(`No working day within ${MAX_SEARCH_DAYS} days after ${d}: check the calendar overrides`);
  }

  return {
    isWorkingDay: (d) => offReason(d) === null,
    offReason,
    nextWorkingDay,
  };
}

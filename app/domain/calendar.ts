import Holidays from 'date-holidays';
import {
  addCalendarDays,
  dayOfWeek,
  isValidLocalDate,
  toLocalDate,
  VN_TIME_ZONE,
  WEEKEND_LABELS,
  type CalendarOverride,
  type LocalDate,
} from './dates';

export * from './dates';

export interface WorkingCalendar {
  isWorkingDay(d: LocalDate): boolean;
  /** why a day is not a working day: the override note, the holiday name (Vietnamese), or 'Thứ Bảy'/'Chủ nhật'; null if working */
  offReason(d: LocalDate): string | null;
  /** first working day strictly after d */
  nextWorkingDay(d: LocalDate): LocalDate;
}

// date-holidays names the five-day Tết block after its first day (Giao thừa) and capitalises
// differently from official documents; staff read these labels in explanations.
const HOLIDAY_LABELS: Record<string, string> = {
  'Giao thừa Tết Nguyên Đán': 'Tết Nguyên đán',
  'Tết Nguyên Đán': 'Tết Nguyên đán',
  'Giỗ tổ Hùng Vương': 'Giỗ Tổ Hùng Vương',
};

const holidayLib = new Holidays('VN', { languages: ['vi'], timezone: VN_TIME_ZONE, types: ['public'] });
const holidaysByYear = new Map<number, ReadonlyMap<LocalDate, string>>();

// Holidays do not depend on the overrides, so every calendar instance shares this cache.
function publicHolidays(year: number): ReadonlyMap<LocalDate, string> {
  const cached = holidaysByYear.get(year);
  if (cached) return cached;
  const byDate = new Map<LocalDate, string>();
  const entries = holidayLib
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({ h, span: h.end.getTime() - h.start.getTime() }))
    // Longest first, so a specific one-day holiday overwrites the multi-day block it sits in.
    .sort((a, b) => b.span - a.span);
  for (const { h } of entries) {
    const label = HOLIDAY_LABELS[h.name] ?? h.name;
    const last = toLocalDate(h.end.getTime() - 1);
    for (let d = toLocalDate(h.start); d <= last; d = addCalendarDays(d, 1)) byDate.set(d, label);
  }
  holidaysByYear.set(year, byDate);
  return byDate;
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
  const reasonCache = new Map<LocalDate, string | null>();

  function offReason(d: LocalDate): string | null {
    const cached = reasonCache.get(d);
    if (cached !== undefined) return cached;
    const reason = computeOffReason(d);
    reasonCache.set(d, reason);
    return reason;
  }

  function computeOffReason(d: LocalDate): string | null {
    const override = overrideByDate.get(d);
    if (override) return override.kind === 'off' ? override.note : null;
    const holiday = publicHolidays(Number(d.slice(0, 4))).get(d);
    if (holiday) return holiday;
    const dow = dayOfWeek(d);
    if (dow === 6) return 'Thứ Bảy';
    if (dow === 0) return 'Chủ nhật';
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

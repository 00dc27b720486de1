// Days off given by the Labour Code 2019 alone, before any yearly government notice:
//   Điều 112 khoản 1: Tết Dương lịch 01/01; Tết Âm lịch 05 ngày; Giỗ Tổ Hùng Vương 10/3 âm lịch; 30/4; 1/5;
//     Quốc khánh 02/9 and 01 ngày liền kề trước hoặc sau.
//   Điều 112 khoản 3: the Prime Minister decides each year which days Tết and the second Quốc khánh day are.
//   Điều 111 khoản 3: a holiday on a weekly rest day (Saturday, Sunday for civil servants) gives a
//     compensatory day off on the next working day.
// What the yearly notice decides (the exact Tết days, the adjacent Quốc khánh day, swaps with make-up
// Saturdays) is data: calendar overrides, which win day by day over what this module gives.
import Holidays from 'date-holidays';

import { addCalendarDays, dayOfWeek, formatDateVi, type LocalDate, VN_TIME_ZONE } from './dates';
import type { Named } from './local-name';

/** A day off's name: the law's, and the English one for English pages (the shape of `localName`). */
export type DayOffName = Named;

const NEW_YEAR: DayOffName = { name: 'Tết Dương lịch', nameEn: "New Year's Day" };
const TET: DayOffName = { name: 'Tết Nguyên đán', nameEn: 'Lunar New Year (Tết)' };
const GIO_TO: DayOffName = { name: 'Giỗ Tổ Hùng Vương', nameEn: "Hung Kings' Commemoration Day" };
const REUNIFICATION: DayOffName = { name: 'Ngày Giải phóng miền Nam', nameEn: 'Reunification Day' };
const LABOUR: DayOffName = { name: 'Quốc tế Lao động', nameEn: 'International Labour Day' };
const QUOC_KHANH: DayOffName = { name: 'Quốc khánh', nameEn: 'National Day' };

// date-holidays gives the lunar dates: Tết as a five-day block from the eve (giao thừa to mùng 4, the
// split used when the notice is not known) and Giỗ Tổ; its labels differ from the official ones.
const LUNAR_LABELS: Record<string, DayOffName> = {
  'Giao thừa Tết Nguyên Đán': TET,
  'Tết Nguyên Đán': TET,
  'Giỗ tổ Hùng Vương': GIO_TO,
};

const holidayLib = new Holidays('VN', { languages: ['vi'], timezone: VN_TIME_ZONE, types: ['public'] });
const cache = new Map<number, ReadonlyMap<LocalDate, DayOffName>>();

const isWeekend = (d: LocalDate) => dayOfWeek(d) === 0 || dayOfWeek(d) === 6;

/**
 * The adjacent Quốc khánh day the rules alone give: the weekday next to 2/9 that joins a weekend when there
 * is one (Tuesday → 1/9, Thursday → 3/9, Friday/Saturday → 1/9, Sunday/Monday → 3/9), else 1/9 (Wednesday,
 * as the Bộ Nội vụ proposed for 2026). Only the yearly notice is authoritative.
 */
function quocKhanhAdjacent(year: number): LocalDate {
  const dow = dayOfWeek(`${year}-09-02`);
  return [0, 1, 4].includes(dow) ? `${year}-09-03` : `${year}-09-01`;
}

/** Every day off the Labour Code gives in `year`, weekend days included, in date order, with its name. */
export function statutoryDaysOff(year: number): ReadonlyMap<LocalDate, DayOffName> {
  const cached = cache.get(year);
  if (cached) return cached;
  const holidays = new Map<LocalDate, DayOffName>([
    [`${year}-01-01`, NEW_YEAR],
    [`${year}-04-30`, REUNIFICATION],
    [`${year}-05-01`, LABOUR],
    [`${year}-09-02`, QUOC_KHANH],
    [quocKhanhAdjacent(year), QUOC_KHANH],
  ]);
  for (const h of holidayLib.getHolidays(year)) {
    const label = LUNAR_LABELS[h.name];
    if (!label || h.type !== 'public') continue;
    // h.date is the local day ('YYYY-MM-DD hh:mm:ss'); the Tết block is taken as five days from the eve.
    const start = h.date.slice(0, 10);
    const span = h.name === 'Giao thừa Tết Nguyên Đán' ? 5 : 1;
    for (let i = 0; i < span; i++) holidays.set(addCalendarDays(start, i), label);
  }

  const result = new Map<LocalDate, DayOffName>();
  const sorted = [...holidays.keys()].sort();
  for (const d of sorted) result.set(d, holidays.get(d)!);
  // Compensatory days, in date order, each on the next weekday that is neither a holiday nor already taken.
  for (const d of sorted) {
    if (!isWeekend(d)) continue;
    let c = addCalendarDays(d, 1);
    while (isWeekend(c) || result.has(c)) c = addCalendarDays(c, 1);
    const holiday = holidays.get(d)!;
    const saturday = dayOfWeek(d) === 6;
    result.set(c, {
      name: `Nghỉ bù ${holiday.name} (${formatDateVi(d)} trùng ${saturday ? 'Thứ Bảy' : 'Chủ nhật'})`,
      nameEn: `Day off in lieu of ${holiday.nameEn} (${formatDateVi(d)} is a ${saturday ? 'Saturday' : 'Sunday'})`,
    });
  }
  const ordered = new Map([...result.entries()].sort(([a], [b]) => a.localeCompare(b)));
  cache.set(year, ordered);
  return ordered;
}

export type RuleDayOff = DayOffName & { date: LocalDate };

/** The weekdays the rules alone take off in `year` (what changes due dates). */
export function ruleWeekdaysOff(year: number): RuleDayOff[] {
  return [...statutoryDaysOff(year)]
    .filter(([d]) => !isWeekend(d))
    .map(([date, name]) => ({ date, ...name }));
}

/** The warning is shown and mailed from this day of the year (MM-DD) while next year is not entered. */
export const SCHEDULE_WARNING_FROM = '10-01';

/**
 * From 1 October, the next year's official schedule (announced in the autumn) should be entered; until it
 * is, due dates running into that year rest on the rules alone. A current year still missing (the notice
 * came late, or nobody entered it) is warned about all year. Null when there is nothing to warn about.
 */
export function missingScheduleWarning(
  today: LocalDate,
  officialYears: readonly number[],
): { year: number; days: RuleDayOff[] } | null {
  const current = Number(today.slice(0, 4));
  if (!officialYears.includes(current)) return { year: current, days: ruleWeekdaysOff(current) };
  if (today.slice(5) < SCHEDULE_WARNING_FROM) return null;
  const year = current + 1;
  if (officialYears.includes(year)) return null;
  return { year, days: ruleWeekdaysOff(year) };
}

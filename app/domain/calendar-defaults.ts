import { addCalendarDays, type CalendarOverride, type LocalDate } from './calendar';

/**
 * Official civil-servant schedules (lịch nghỉ lễ, Tết của cán bộ, công chức, viên chức) shipped as defaults.
 *
 * They sit on top of the Labour Code rules (statutory-days.ts: 1/1, five Tết days from the eve, Giỗ Tổ, 30/4,
 * 1/5, 2/9 + one adjacent day, compensatory days for holidays on a weekend). What the rules cannot know is each
 * year's decision: which days Tết really covers, the adjacent Quốc khánh day, swaps with make-up Saturdays.
 * Each announced period is entered whole, weekends included, so that a due-date explanation names it with the
 * single official note ("bỏ qua 14/02–22/02 (Nghỉ Tết Nguyên đán Bính Ngọ)"); where the official period is
 * shorter than what the rules give, a 'work' entry says so.
 *
 * Administrators edit these in the admin calendar (seeded from this list) and record there that a year's
 * official schedule has been entered (setting 'calendar.officialYears'); until then the dashboard warns from
 * 1 October. Entries we could not confirm are left to the rules rather than guessed.
 */
export const DEFAULT_CALENDAR_OVERRIDES: readonly CalendarOverride[] = [
  // 2024
  ...offPeriod('2024-02-08', '2024-02-14', 'Nghỉ Tết Nguyên đán Giáp Thìn'),
  // The rules alone give 09/02–15/02 (mùng 1 on a Saturday, two compensatory days); the official period
  // ended on Wednesday 14/02.
  { date: '2024-02-15', kind: 'work', note: 'Ngày làm việc (lịch nghỉ Tết chính thức 08/02–14/02/2024)' },
  // 30/4 and 1/5 fell on Tue–Wed: Mon 29/04 swapped with Saturday 04/05.
  ...offPeriod('2024-04-27', '2024-05-01', 'Nghỉ lễ 30/4 và 1/5'),
  { date: '2024-05-04', kind: 'work', note: 'Làm bù cho ngày nghỉ hoán đổi 29/04/2024' },
  // 2/9 fell on Monday; the second Quốc khánh day was Tue 03/09.
  ...offPeriod('2024-08-31', '2024-09-03', 'Nghỉ lễ Quốc khánh'),

  // 2025 — the five Tết days were Mon 27/01 to Fri 31/01, without a make-up day.
  ...offPeriod('2025-01-25', '2025-02-02', 'Nghỉ Tết Nguyên đán Ất Tỵ'),
  // The rules alone give a compensatory Monday 03/02 for the Saturday in the eve-to-mùng-4 block; the
  // official period had the five weekdays 27–31/01 instead.
  { date: '2025-02-03', kind: 'work', note: 'Ngày làm việc (lịch nghỉ Tết chính thức 25/01–02/02/2025)' },
  // 30/4 and 1/5 fell on Wed–Thu: Fri 02/05 swapped with Saturday 26/04.
  { date: '2025-04-26', kind: 'work', note: 'Làm bù cho ngày nghỉ hoán đổi 02/05/2025' },
  ...offPeriod('2025-04-30', '2025-05-04', 'Nghỉ lễ 30/4 và 1/5'),
  // 2/9 fell on Tuesday; the second Quốc khánh day was Mon 01/09.
  ...offPeriod('2025-08-30', '2025-09-02', 'Nghỉ lễ Quốc khánh'),

  // 2026 — Tết Dương lịch: Văn bản 12729/VPCP-KGVX (25/12/2025): off Thu 01/01 to Sun 04/01, Fri 02/01
  // swapped with Saturday 10/01.
  { date: '2026-01-02', kind: 'off', note: 'Nghỉ Tết Dương lịch (hoán đổi)' },
  { date: '2026-01-10', kind: 'work', note: 'Làm bù cho ngày nghỉ hoán đổi 02/01/2026' },
  // The five Tết days are the weekdays 16–20/02 (official period 14/02–22/02).
  ...offPeriod('2026-02-14', '2026-02-22', 'Nghỉ Tết Nguyên đán Bính Ngọ'),
  // Giỗ Tổ falls on Sunday 26/04: Labour Code 2019 Điều 111 khoản 3 moves it to the next working day (the
  // rules give the same day; kept for its note).
  { date: '2026-04-27', kind: 'off', note: 'Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026 trùng Chủ nhật)' },
  // 30/4 and 1/5 fall on Thu–Fri: no swap needed, the rules suffice.
  // Quốc khánh (Wed 02/09/2026): the final notice was not confirmed here. The rules give Tue 01/09 as the
  // adjacent day (the day the Bộ Nội vụ proposed); enter the notice, with any swap, in the admin calendar.
];

/**
 * Years whose official schedule the defaults hold (seeded into the setting 'calendar.officialYears'). 2026 is
 * listed although its Quốc khánh notice is not entered: the rules give two days as the Code requires.
 */
export const DEFAULT_OFFICIAL_YEARS: readonly number[] = [2024, 2025, 2026];

/** The recorded "reference" of those years: a marker, which pages show in the reader's language. */
export const BUILT_IN_SCHEDULE = 'Lịch chính thức có sẵn trong phần mềm (calendar-defaults.ts)';

function offPeriod(from: LocalDate, to: LocalDate, note: string): CalendarOverride[] {
  const days: CalendarOverride[] = [];
  for (let date = from; date <= to; date = addCalendarDays(date, 1)) days.push({ date, kind: 'off', note });
  return days;
}

import { addCalendarDays, type CalendarOverride, type LocalDate } from './calendar';

/**
 * Official civil-servant schedules (lịch nghỉ lễ, Tết của cán bộ, công chức, viên chức) shipped as defaults.
 *
 * They complement date-holidays, which already marks 1/1, Giỗ Tổ (10/3 lunar), 30/4, 1/5, 2/9 and a five-day
 * Tết block starting the day before mùng 1. What it cannot know is each year's decision: which days Tết really
 * covers, compensatory days, the second Quốc khánh day and swaps with make-up Saturdays. Each announced period
 * is entered whole, weekends included, so that a due-date explanation names it with the single official note
 * ("bỏ qua 14/02–22/02 (Nghỉ Tết Nguyên đán Bính Ngọ)") instead of a mix of library and override labels.
 *
 * Administrators edit these in the admin calendar (seeded from this list); the announcement for a new year comes
 * a few months before it and must be entered there. Entries we could not confirm are left commented out rather
 * than guessed.
 */
export const DEFAULT_CALENDAR_OVERRIDES: readonly CalendarOverride[] = [
  // 2024
  ...offPeriod('2024-02-08', '2024-02-14', 'Nghỉ Tết Nguyên đán Giáp Thìn'),
  // 30/4 and 1/5 fell on Tue–Wed: Mon 29/04 swapped with Saturday 04/05.
  ...offPeriod('2024-04-27', '2024-05-01', 'Nghỉ lễ 30/4 và 1/5'),
  { date: '2024-05-04', kind: 'work', note: 'Làm bù cho ngày nghỉ hoán đổi 29/04/2024' },
  // 2/9 fell on Monday; the second Quốc khánh day was Tue 03/09.
  ...offPeriod('2024-08-31', '2024-09-03', 'Nghỉ lễ Quốc khánh'),

  // 2025 — the five Tết days were Mon 27/01 to Fri 31/01, without a make-up day.
  ...offPeriod('2025-01-25', '2025-02-02', 'Nghỉ Tết Nguyên đán Ất Tỵ'),
  // 30/4 and 1/5 fell on Wed–Thu: Fri 02/05 swapped with Saturday 26/04.
  { date: '2025-04-26', kind: 'work', note: 'Làm bù cho ngày nghỉ hoán đổi 02/05/2025' },
  ...offPeriod('2025-04-30', '2025-05-04', 'Nghỉ lễ 30/4 và 1/5'),
  // 2/9 fell on Tuesday; the second Quốc khánh day was Mon 01/09.
  ...offPeriod('2025-08-30', '2025-09-02', 'Nghỉ lễ Quốc khánh'),

  // 2026 — the five Tết days are the weekdays 16–20/02.
  ...offPeriod('2026-02-14', '2026-02-22', 'Nghỉ Tết Nguyên đán Bính Ngọ'),
  // Giỗ Tổ falls on Sunday 26/04: Labour Code 2019 Điều 111 khoản 3 moves it to the next working day.
  { date: '2026-04-27', kind: 'off', note: 'Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026 trùng Chủ nhật)' },
  // 30/4 and 1/5 fall on Thu–Fri: no swap needed, the library days suffice.
  // Unconfirmed — enter from the official announcement:
  // Tết Dương lịch (Thu 01/01/2026): whether Fri 02/01 was swapped with a make-up Saturday.
  // { date: '2026-01-02', kind: 'off', note: 'Nghỉ Tết Dương lịch (hoán đổi)' },
  // { date: '2026-01-10', kind: 'work', note: 'Làm bù cho ngày nghỉ hoán đổi 02/01/2026' },
  // Quốc khánh (Wed 02/09/2026): the second day is Tue 01/09 or Thu 03/09, possibly with a swap.
  // ...offPeriod('2026-09-01', '2026-09-02', 'Nghỉ lễ Quốc khánh'),
];

function offPeriod(from: LocalDate, to: LocalDate, note: string): CalendarOverride[] {
  const days: CalendarOverride[] = [];
  for (let date = from; date <= to; date = addCalendarDays(date, 1)) days.push({ date, kind: 'off', note });
  return days;
}

// The working-day calendar follows the Labour Code 2019 (Điều 112 holidays, Điều 111 khoản 3 compensatory
// days) when no official schedule says otherwise; the official schedules (overrides) win day by day.
import { describe, expect, it } from 'vitest';

import { addCalendarDays, createWorkingCalendar } from '~/domain/calendar';
import { DEFAULT_CALENDAR_OVERRIDES } from '~/domain/calendar-defaults';
import { computeDueDate } from '~/domain/deadlines';
import { missingScheduleWarning, statutoryDaysOff } from '~/domain/statutory-days';

const rulesOnly = createWorkingCalendar([]);
const official = createWorkingCalendar(DEFAULT_CALENDAR_OVERRIDES);
const due = (start: string, days: number, cal = official) =>
  computeDueDate({ start, days, unit: 'working', calendar: cal }).due;

describe('Quốc khánh: 2/9 and one adjacent day', () => {
  it('gives 31/08/2026 + 2 working days = 04/09/2026', () => {
    expect(due('2026-08-31', 2)).toBe('2026-09-04');
    expect(due('2026-08-31', 2, rulesOnly)).toBe('2026-09-04');
  });

  it('takes the adjacent day that joins a weekend, never a weekend day', () => {
    expect(rulesOnly.offReason('2026-09-01')?.name).toMatch(/Quốc khánh/);
    expect(rulesOnly.isWorkingDay('2026-09-03')).toBe(true);
    // 2027: Thursday 2/9 → Friday 3/9
    expect(rulesOnly.offReason('2027-09-03')?.name).toMatch(/Quốc khánh/);
    expect(rulesOnly.isWorkingDay('2027-09-01')).toBe(true);
    // 2024 (Monday) and 2025 (Tuesday) match the official schedules
    expect(rulesOnly.isWorkingDay('2024-09-03')).toBe(false);
    expect(rulesOnly.isWorkingDay('2025-09-01')).toBe(false);
  });
});

describe('compensatory days (Điều 111 khoản 3)', () => {
  it('gives Monday 03/05/2027 off for 1/5 on a Saturday', () => {
    expect(rulesOnly.offReason('2027-05-03')?.name).toBe(
      'Nghỉ bù Quốc tế Lao động (01/05/2027 trùng Thứ Bảy)',
    );
    expect(due('2027-04-29', 1)).toBe('2027-05-04');
  });

  it('gives the next working day for Giỗ Tổ on Sunday 26/04/2026', () => {
    expect(rulesOnly.offReason('2026-04-27')?.name).toMatch(/^Nghỉ bù Giỗ Tổ Hùng Vương/);
  });

  it('moves past other holidays to the next free working day', () => {
    // 2/9/2029 is a Sunday: adjacent day Monday 3/9, compensatory day Tuesday 4/9
    expect(rulesOnly.isWorkingDay('2029-09-03')).toBe(false);
    expect(rulesOnly.offReason('2029-09-04')?.name).toMatch(/^Nghỉ bù Quốc khánh/);
    expect(rulesOnly.isWorkingDay('2029-09-05')).toBe(true);
  });
});

describe('Tết Nguyên đán: five days, weekend days compensated', () => {
  it('2027 (mùng 1 on Saturday): 05/02 to 11/02 off, 12/02 working', () => {
    for (let d = '2027-02-05'; d <= '2027-02-11'; d = addCalendarDays(d, 1))
      expect(official.isWorkingDay(d)).toBe(false);
    expect(official.offReason('2027-02-10')?.name).toMatch(/^Nghỉ bù Tết Nguyên đán/);
    expect(official.nextWorkingDay('2027-02-04')).toBe('2027-02-12');
    expect(due('2027-02-04', 1)).toBe('2027-02-12');
  });

  it('keeps the official 2024 and 2025 periods where they differ from the rules', () => {
    expect(official.isWorkingDay('2024-02-15')).toBe(true);
    expect(official.isWorkingDay('2025-02-03')).toBe(true);
    expect(rulesOnly.isWorkingDay('2024-02-15')).toBe(false);
  });
});

describe('statutoryDaysOff', () => {
  it('lists the 2027 days the rules alone give', () => {
    const days = statutoryDaysOff(2027);
    const weekdays = [...days.keys()].filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
    expect(weekdays).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-04-16',
      '2027-04-30',
      '2027-05-03',
      '2027-09-02',
      '2027-09-03',
    ]);
  });
});

describe('missingScheduleWarning', () => {
  it('warns from 1 October when next year has no official schedule', () => {
    expect(missingScheduleWarning('2026-09-30', [2024, 2025, 2026])).toBeNull();
    const w = missingScheduleWarning('2026-10-01', [2024, 2025, 2026]);
    expect(w?.year).toBe(2027);
    expect(w?.days.map((d) => d.date)).toContain('2027-05-03');
    expect(missingScheduleWarning('2026-12-31', [2026, 2027])).toBeNull();
  });

  it('keeps warning in the new year while that year is still missing', () => {
    expect(missingScheduleWarning('2027-01-15', [2026])?.year).toBe(2027);
    expect(missingScheduleWarning('2027-01-15', [2026, 2027])).toBeNull();
  });
});

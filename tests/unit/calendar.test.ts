import { describe, expect, it } from 'vitest';

import {
  addCalendarDays,
  createWorkingCalendar,
  formatDateVi,
  formatDayMonth,
  isValidLocalDate,
  toLocalDate,
} from '~/domain/calendar';
import { DEFAULT_CALENDAR_OVERRIDES } from '~/domain/calendar-defaults';

describe('toLocalDate', () => {
  it('uses the Vietnam day around midnight, whatever the host time zone', () => {
    // 23:59 on 31/12 in Hà Nội is 16:59 UTC; 00:00 on 1/1 is 17:00 UTC.
    expect(toLocalDate(new Date('2025-12-31T16:59:00Z'))).toBe('2025-12-31');
    expect(toLocalDate(Date.UTC(2025, 11, 31, 16, 59, 59, 999))).toBe('2025-12-31');
    expect(toLocalDate(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
    expect(toLocalDate(Date.UTC(2025, 11, 31, 17, 0))).toBe('2026-01-01');
  });

  it('rejects an invalid instant', () => {
    expect(() => toLocalDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('LocalDate helpers', () => {
  it('adds calendar days across months, leap days and years', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-03-12', -20)).toBe('2026-02-20');
    expect(addCalendarDays('2026-02-12', 0)).toBe('2026-02-12');
  });

  it('validates LocalDate strings', () => {
    expect(isValidLocalDate('2024-02-29')).toBe(true);
    expect(isValidLocalDate('2026-02-29')).toBe(false);
    expect(isValidLocalDate('2026-13-01')).toBe(false);
    expect(isValidLocalDate('2026-2-1')).toBe(false);
    expect(isValidLocalDate('12/02/2026')).toBe(false);
    expect(isValidLocalDate('')).toBe(false);
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('formats dates the Vietnamese way', () => {
    expect(formatDateVi('2026-02-12')).toBe('12/02/2026');
    expect(formatDateVi(new Date('2025-12-31T16:59:00Z'))).toBe('31/12/2025');
    expect(formatDateVi(Date.UTC(2025, 11, 31, 17, 0))).toBe('01/01/2026');
    expect(formatDayMonth('2026-02-14')).toBe('14/02');
  });
});

describe('createWorkingCalendar, library holidays only', () => {
  const cal = createWorkingCalendar([]);

  it('treats Monday to Friday as working days and names weekends', () => {
    expect(cal.isWorkingDay('2026-03-02')).toBe(true);
    expect(cal.offReason('2026-03-06')).toBeNull();
    expect(cal.offReason('2026-03-07')).toEqual({ name: 'Thứ Bảy', nameEn: 'Saturday' });
    expect(cal.offReason('2026-03-08')).toEqual({ name: 'Chủ nhật', nameEn: 'Sunday' });
    expect(cal.nextWorkingDay('2026-03-06')).toBe('2026-03-09');
    expect(cal.nextWorkingDay('2026-03-02')).toBe('2026-03-03');
  });

  it.each([
    ['2026-01-01', 'Tết Dương lịch'],
    ['2026-04-30', 'Ngày Giải phóng miền Nam'],
    ['2026-05-01', 'Quốc tế Lao động'],
    ['2026-09-02', 'Quốc khánh'],
    ['2025-04-07', 'Giỗ Tổ Hùng Vương'], // 10/3 Ất Tỵ
    ['2027-04-16', 'Giỗ Tổ Hùng Vương'], // 10/3 Đinh Mùi
    ['2026-04-26', 'Giỗ Tổ Hùng Vương'], // a Sunday: the holiday name still wins over 'Chủ nhật'
  ])('recognises the public holiday %s (%s)', (date, name) => {
    expect(cal.isWorkingDay(date)).toBe(false);
    expect(cal.offReason(date)?.name).toBe(name);
  });

  it('knows the lunar Tết days', () => {
    // Mùng 1 Đinh Mùi is Saturday 06/02/2027; the library marks the five days from the eve.
    for (const d of ['2027-02-05', '2027-02-08', '2027-02-09']) {
      expect(cal.offReason(d)?.name).toBe('Tết Nguyên đán');
    }
    expect(cal.isWorkingDay('2027-02-04')).toBe(true);
  });
});

describe('createWorkingCalendar with overrides', () => {
  it('counts a make-up Saturday and lets overrides win, the last entry first', () => {
    const cal = createWorkingCalendar([
      { date: '2026-03-07', kind: 'work', note: 'Làm bù' },
      { date: '2026-03-05', kind: 'off', note: 'Nghỉ đột xuất' },
      { date: '2026-09-02', kind: 'work', note: 'Trực' },
      { date: '2026-03-05', kind: 'off', note: 'Nghỉ đột xuất (sửa)' },
    ]);
    expect(cal.isWorkingDay('2026-03-07')).toBe(true);
    expect(cal.offReason('2026-03-05')?.name).toBe('Nghỉ đột xuất (sửa)');
    expect(cal.isWorkingDay('2026-09-02')).toBe(true);
    expect(cal.nextWorkingDay('2026-03-06')).toBe('2026-03-07');
  });

  it('rejects an invalid override date', () => {
    expect(() => createWorkingCalendar([{ date: '2026-02-30', kind: 'off', note: 'x' }])).toThrow(RangeError);
  });

  it('gives up on a schedule without any working day instead of looping', () => {
    const overrides = Array.from({ length: 400 }, (_, i) => ({
      date: addCalendarDays('2030-01-01', i),
      kind: 'off' as const,
      note: 'sai',
    }));
    expect(() => createWorkingCalendar(overrides).nextWorkingDay('2030-01-01')).toThrow(/No working day/);
  });
});

describe('DEFAULT_CALENDAR_OVERRIDES', () => {
  const cal = createWorkingCalendar(DEFAULT_CALENDAR_OVERRIDES);

  it('are valid, unique and annotated', () => {
    const dates = DEFAULT_CALENDAR_OVERRIDES.map((o) => o.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const o of DEFAULT_CALENDAR_OVERRIDES) {
      expect(isValidLocalDate(o.date)).toBe(true);
      expect(o.note.length).toBeGreaterThan(0);
    }
  });

  it('close the whole Tết Bính Ngọ 2026 period, 14/02 to 22/02', () => {
    for (let d = '2026-02-14'; d <= '2026-02-22'; d = addCalendarDays(d, 1)) {
      expect(cal.offReason(d)?.name).toBe('Nghỉ Tết Nguyên đán Bính Ngọ');
    }
    expect(cal.isWorkingDay('2026-02-13')).toBe(true);
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
  });

  it('close Tết Ất Tỵ 2025 (25/01 to 02/02) and Tết Giáp Thìn 2024 (08/02 to 14/02)', () => {
    for (const d of ['2025-01-27', '2025-01-31', '2024-02-08', '2024-02-14'])
      expect(cal.isWorkingDay(d)).toBe(false);
    for (const d of ['2025-01-24', '2025-02-03', '2024-02-07', '2024-02-15'])
      expect(cal.isWorkingDay(d)).toBe(true);
  });

  it('carry the 30/4–1/5 swaps with their make-up Saturdays', () => {
    expect(cal.isWorkingDay('2024-04-29')).toBe(false);
    expect(cal.isWorkingDay('2024-05-04')).toBe(true);
    expect(cal.isWorkingDay('2025-05-02')).toBe(false);
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
  });

  it('carry the second Quốc khánh day and compensatory days', () => {
    expect(cal.offReason('2024-09-03')?.name).toBe('Nghỉ lễ Quốc khánh');
    expect(cal.offReason('2025-09-01')?.name).toBe('Nghỉ lễ Quốc khánh');
    expect(cal.offReason('2026-04-27')?.name).toMatch(/^Nghỉ bù Giỗ Tổ Hùng Vương/);
  });
});

import { describe, expect, it } from 'vitest';

import { toLocalDate } from '~/domain/calendar';
import {
  isWithinMaxRange,
  lastReportMonths,
  normaliseCutoffDay,
  parsePeriod,
  periodBoundsMs,
  periodContaining,
  periodLabel,
  periodName,
  periodOf,
  periodToParams,
  reportMonthOf,
} from '~/domain/reports/periods';

const span = (p: { start: string; end: string }) => `${p.start}..${p.end}`;

describe('periodOf with the default cut-off (15th)', () => {
  it('runs a month from the 15th of the previous month to the 14th', () => {
    expect(span(periodOf('month', 2026, 3))).toBe('2026-02-15..2026-03-14');
    expect(span(periodOf('month', 2026, 1))).toBe('2025-12-15..2026-01-14');
    expect(span(periodOf('month', 2026, 12))).toBe('2026-11-15..2026-12-14');
  });

  it('ends quarters, halves and years on the 14th of their last month', () => {
    expect(span(periodOf('quarter', 2026, 1))).toBe('2025-12-15..2026-03-14');
    expect(span(periodOf('quarter', 2026, 2))).toBe('2026-03-15..2026-06-14');
    expect(span(periodOf('quarter', 2026, 4))).toBe('2026-09-15..2026-12-14');
    expect(span(periodOf('half', 2026, 1))).toBe('2025-12-15..2026-06-14');
    expect(span(periodOf('half', 2026, 2))).toBe('2026-06-15..2026-12-14');
    expect(span(periodOf('year', 2026, 1))).toBe('2025-12-15..2026-12-14');
  });

  it('tiles the year: consecutive months touch without a gap or an overlap', () => {
    for (let m = 1; m < 12; m++) {
      const a = periodOf('month', 2024, m);
      const b = periodOf('month', 2024, m + 1);
      const next = new Date(`${a.end}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      expect(next.toISOString().slice(0, 10)).toBe(b.start);
    }
    expect(periodOf('month', 2024, 1).start).toBe(periodOf('year', 2024, 1).start);
    expect(periodOf('month', 2024, 12).end).toBe(periodOf('year', 2024, 1).end);
  });

  it('rejects an index out of range', () => {
    expect(() => periodOf('month', 2026, 13)).toThrow(RangeError);
    expect(() => periodOf('quarter', 2026, 0)).toThrow(RangeError);
  });
});

describe('other cut-off days', () => {
  it('uses calendar months when the cut-off is the 1st, including leap Februaries', () => {
    expect(span(periodOf('month', 2024, 2, 1))).toBe('2024-02-01..2024-02-29');
    expect(span(periodOf('month', 2025, 2, 1))).toBe('2025-02-01..2025-02-28');
    expect(span(periodOf('quarter', 2026, 1, 1))).toBe('2026-01-01..2026-03-31');
    expect(span(periodOf('year', 2026, 1, 1))).toBe('2026-01-01..2026-12-31');
  });

  it('handles a cut-off of the 20th and the 28th', () => {
    expect(span(periodOf('month', 2026, 3, 20))).toBe('2026-02-20..2026-03-19');
    expect(span(periodOf('month', 2026, 3, 28))).toBe('2026-02-28..2026-03-27');
  });

  it('falls back to 15 for a cut-off that does not exist in every month', () => {
    expect(normaliseCutoffDay(31)).toBe(15);
    expect(normaliseCutoffDay(0)).toBe(15);
    expect(normaliseCutoffDay('10')).toBe(10);
    expect(normaliseCutoffDay(null)).toBe(15);
  });
});

describe('periodContaining and report months', () => {
  it('puts the cut-off day into the next month', () => {
    expect(reportMonthOf('2026-03-14')).toEqual({ year: 2026, month: 3 });
    expect(reportMonthOf('2026-03-15')).toEqual({ year: 2026, month: 4 });
    expect(reportMonthOf('2026-12-15')).toEqual({ year: 2027, month: 1 });
    expect(reportMonthOf('2026-12-15', 1)).toEqual({ year: 2026, month: 12 });
  });

  it('finds the quarter and year of a date', () => {
    expect(span(periodContaining('quarter', '2026-03-14'))).toBe('2025-12-15..2026-03-14');
    expect(span(periodContaining('quarter', '2026-03-15'))).toBe('2026-03-15..2026-06-14');
    expect(periodContaining('year', '2025-12-20').year).toBe(2026);
  });

  it('lists the last 12 report months, oldest first, across a year boundary', () => {
    const months = lastReportMonths('2026-02-01', 12);
    expect(months).toHaveLength(12);
    expect(span(months[11]!)).toBe('2026-01-15..2026-02-14');
    expect(span(months[0]!)).toBe('2025-02-15..2025-03-14');
  });
});

describe('parsePeriod', () => {
  it('reads periodic reports', () => {
    const r = parsePeriod({ period: 'quarter', year: '2026', quarter: '1' });
    expect(r.ok && span(r.period)).toBe('2025-12-15..2026-03-14');
    const y = parsePeriod({ period: 'year', year: '2025' }, 1);
    expect(y.ok && span(y.period)).toBe('2025-01-01..2025-12-31');
  });

  it('reads a custom range, inclusive, one day allowed', () => {
    const r = parsePeriod({ period: 'custom', from: '2026-01-05', to: '2026-01-05' });
    expect(r.ok && span(r.period)).toBe('2026-01-05..2026-01-05');
  });

  it('refuses a range that ends before it starts', () => {
    expect(parsePeriod({ period: 'custom', from: '2026-02-01', to: '2026-01-31' })).toEqual({
      ok: false,
      errors: [{ field: 'to', key: 'endBeforeStart' }],
    });
  });

  it('refuses more than five years, allows exactly five', () => {
    expect(parsePeriod({ period: 'custom', from: '2021-01-01', to: '2025-12-31' }).ok).toBe(true);
    expect(parsePeriod({ period: 'custom', from: '2021-01-01', to: '2026-01-01' })).toEqual({
      ok: false,
      errors: [{ field: 'to', key: 'rangeTooLong' }],
    });
    expect(isWithinMaxRange('2020-02-29', '2025-02-28')).toBe(true);
    expect(isWithinMaxRange('2020-02-29', '2025-03-01')).toBe(false);
  });

  it('explains every malformed field', () => {
    expect(parsePeriod({ period: 'custom', from: '2026-02-30', to: '' })).toEqual({
      ok: false,
      errors: [
        { field: 'from', key: 'invalidDate' },
        { field: 'to', key: 'missingTo' },
      ],
    });
    expect(parsePeriod({ period: 'month', year: 'abc', month: '13' })).toEqual({
      ok: false,
      errors: [
        { field: 'year', key: 'yearRange' },
        { field: 'index', key: 'invalid_month' },
      ],
    });
    expect(parsePeriod({ period: 'week' })).toEqual({
      ok: false,
      errors: [{ field: 'period', key: 'unknownPeriod' }],
    });
    expect(parsePeriod({ period: 'year', year: '1999' }).ok).toBe(false);
  });

  it('round-trips through its query parameters', () => {
    for (const p of [periodOf('month', 2026, 3), periodOf('half', 2025, 2), periodOf('year', 2024, 1)]) {
      const back = parsePeriod(periodToParams(p));
      expect(back.ok && span(back.period)).toBe(span(p));
    }
  });
});

describe('labels and bounds', () => {
  it('names periods as official reports do', () => {
    expect(periodName(periodOf('quarter', 2026, 3), 'vi')).toBe('Quý III/2026');
    expect(periodName(periodOf('half', 2026, 1), 'vi')).toBe('6 tháng đầu năm 2026');
    expect(periodLabel(periodOf('month', 2026, 3), 'vi')).toBe('Tháng 3/2026 (từ 15/02/2026 đến 14/03/2026)');
    expect(periodLabel(periodOf('year', 2026, 1), 'en')).toBe('Year 2026 (15/12/2025 to 14/12/2026)');
  });

  it('bounds a period by Vietnam midnights: 23:59 on the last day is inside, 00:00 the next day is not', () => {
    const p = periodOf('month', 2026, 3);
    const { startMs, endMs } = periodBoundsMs(p);
    expect(toLocalDate(startMs)).toBe('2026-02-15');
    expect(toLocalDate(startMs - 1)).toBe('2026-02-14');
    expect(toLocalDate(endMs - 60_000)).toBe('2026-03-14');
    expect(toLocalDate(endMs)).toBe('2026-03-15');
  });
});

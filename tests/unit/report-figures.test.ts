// The report's arithmetic once SQL has counted: handling-time statistics, working-day ordinals, the satisfaction
// rate, the II.1 targets and the breakdown tables every rendering shows.
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '~/domain/calendar';
import { workingDaysBetween } from '~/domain/deadlines';
import { CHANNELS, REFUSAL_REASONS } from '~/domain/pakn';
import { COUNT_KEYS, type Report } from '~/domain/reports/definitions';
import {
  breakdownTables,
  emptyBreakdowns,
  emptyCounts,
  ratingsOf,
  summariseHistogram,
  targetsOf,
  workdayOrdinals,
} from '~/domain/reports/figures';
import { periodOf } from '~/domain/reports/periods';

describe('summariseHistogram', () => {
  it('has no mean or median without items', () => {
    expect(summariseHistogram(new Map())).toEqual({ count: 0, totalDays: 0, mean: null, median: null });
  });
  it('takes the middle value of an odd count and the mean of the two middle ones of an even count', () => {
    expect(
      summariseHistogram(
        new Map([
          [1, 1],
          [3, 1],
          [10, 1],
        ]),
      ),
    ).toEqual({
      count: 3,
      totalDays: 14,
      mean: 14 / 3,
      median: 3,
    });
    expect(
      summariseHistogram(
        new Map([
          [10, 1],
          [2, 2],
          [5, 1],
        ]),
      ).median,
    ).toBe(3.5);
  });
});

describe('workdayOrdinals', () => {
  it('gives the same differences as counting working days pair by pair', () => {
    const calendar = createWorkingCalendar([]);
    const dates = ['2026-01-02', '2026-01-05', '2026-01-12', '2026-01-31', '2026-01-05'];
    const ord = workdayOrdinals(dates, calendar);
    expect(ord.size).toBe(4);
    for (const a of dates)
      for (const b of dates)
        if (a <= b) expect(ord.get(b)! - ord.get(a)!).toBe(workingDaysBetween(a, b, calendar));
  });
});

describe('ratingsOf and targetsOf', () => {
  it('rates satisfaction over every rating, null without ratings', () => {
    expect(ratingsOf({ satisfied: 3, neutral: 1, unsatisfied: 0 })).toMatchObject({ total: 4, rate: 0.75 });
    expect(ratingsOf({ satisfied: 0, neutral: 0, unsatisfied: 0 }).rate).toBeNull();
  });
  it('measures online and digitised against received, published against answered', () => {
    const c = { ...emptyCounts(), received: 10, receivedOnline: 9, digitised: 8, answered: 4, published: 4 };
    expect(targetsOf(c)).toEqual([
      { key: 'online', target: 0.9, numerator: 9, denominator: 10, actual: 0.9, met: true },
      { key: 'digitised', target: 1, numerator: 8, denominator: 10, actual: 0.8, met: false },
      { key: 'published', target: 1, numerator: 4, denominator: 4, actual: 1, met: true },
    ]);
    expect(targetsOf(emptyCounts()).every((x) => x.actual === null && x.met === null)).toBe(true);
  });
  it('starts every count at zero', () => {
    expect(Object.keys(emptyCounts())).toEqual([...COUNT_KEYS]);
    expect(Object.values(emptyCounts()).every((n) => n === 0)).toBe(true);
  });
});

describe('breakdownTables', () => {
  const report = (patch: (r: Report) => void): Report => {
    const breakdowns = emptyBreakdowns();
    const r: Report = {
      period: periodOf('month', 2026, 1, 15),
      unitId: null,
      generatedAt: '2026-02-01T00:00:00.000Z',
      total: {
        counts: { ...emptyCounts(), received: 5, refused: 2 },
        handling: summariseHistogram(new Map()),
        ratings: ratingsOf({ satisfied: 0, neutral: 0, unsatisfied: 0 }),
        breakdowns,
      },
      units: [
        {
          unitId: 1,
          code: 'A',
          name: 'Phòng A',
          nameEn: 'Division A',
          counts: { ...emptyCounts(), received: 5 },
          handling: summariseHistogram(new Map()),
          ratings: ratingsOf({ satisfied: 0, neutral: 0, unsatisfied: 0 }),
          breakdowns: emptyBreakdowns(),
        },
      ],
      fields: [{ id: 7, code: 'F', name: 'Lĩnh vực F', nameEn: 'Field F' }],
      targets: [],
    };
    patch(r);
    return r;
  };

  it('lists every known value, zeros included, with shares of received (refused for the reasons)', () => {
    const tables = breakdownTables(report(() => {}));
    expect(tables.map((x) => x.family)).toEqual([
      'byChannel',
      'byType',
      'byCategory',
      'byField',
      'byUnit',
      'refusedByReason',
    ]);
    const byFamily = Object.fromEntries(tables.map((x) => [x.family, x]));
    expect(byFamily.byChannel!.rows.map((r) => r.key)).toEqual([...CHANNELS]);
    expect(byFamily.byField!.rows).toEqual([{ key: '7', n: 0 }]);
    expect(byFamily.refusedByReason!.rows.map((r) => r.key)).toEqual([...REFUSAL_REASONS]);
    expect(byFamily.byUnit!.rows).toEqual([
      { key: 'A', n: 5, unit: { unitId: 1, code: 'A', name: 'Phòng A', nameEn: 'Division A' } },
    ]);
    expect(byFamily.byChannel!.denominator).toBe(5);
    expect(byFamily.refusedByReason!.denominator).toBe(2);
  });

  it('adds "no field" and "no reason" only when they occur', () => {
    const tables = breakdownTables(
      report((r) => {
        r.total.breakdowns.byField.none = 2;
        r.total.breakdowns.refusedByReason.none = 1;
      }),
    );
    const keys = (family: string) => tables.find((x) => x.family === family)!.rows.map((r) => r.key);
    expect(keys('byField')).toEqual(['7', 'none']);
    expect(keys('refusedByReason')).toEqual([...REFUSAL_REASONS, 'none']);
  });
});

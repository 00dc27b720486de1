/**
 * The arithmetic of the report once SQL has counted the rows: empty figures, handling-time statistics, the
 * satisfaction rate, the II.1 targets and the breakdown tables every rendering shows. Pure: no I/O.
 */
import type { LocalDate, WorkingCalendar } from '~/domain/calendar';
import { workingDaysBetween } from '~/domain/deadlines';
import { CATEGORIES, CHANNELS, PAKN_TYPES, REFUSAL_REASONS } from '~/domain/pakn';
import {
  COUNT_KEYS,
  TARGETS,
  type Breakdowns,
  type Counts,
  type HandlingTime,
  type RatingKey,
  type Ratings,
  type Report,
  type Target,
  type TargetKey,
} from '~/domain/reports/definitions';

export const emptyCounts = (): Counts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Counts;

export const emptyBreakdowns = (): Breakdowns => ({
  byChannel: Object.fromEntries(CHANNELS.map((c) => [c, 0])),
  byType: Object.fromEntries(PAKN_TYPES.map((c) => [c, 0])),
  byCategory: Object.fromEntries(CATEGORIES.map((c) => [String(c), 0])),
  byField: {},
  refusedByReason: Object.fromEntries(REFUSAL_REASONS.map((c) => [c, 0])),
});

/** rec[key] += n, starting from 0 */
export function addTo(rec: Record<string, number>, key: string, n: number): void {
  rec[key] = (rec[key] ?? 0) + n;
}

/**
 * Working days between many pairs of dates: one pass over the sorted distinct dates gives each an ordinal
 * (working days since the first), so each pair is a subtraction instead of a walk over its days.
 */
export function workdayOrdinals(
  dates: Iterable<LocalDate>,
  calendar: WorkingCalendar,
): Map<LocalDate, number> {
  const sorted = [...new Set(dates)].sort();
  const out = new Map<LocalDate, number>();
  let ord = 0;
  let prev: LocalDate | undefined;
  for (const d of sorted) {
    if (prev !== undefined) ord += workingDaysBetween(prev, d, calendar);
    out.set(d, ord);
    prev = d;
  }
  return out;
}

/** Mean and median of a histogram value → count (the median of an even count is the mean of the middle two). */
export function summariseHistogram(hist: Map<number, number>): HandlingTime {
  let count = 0;
  let totalDays = 0;
  for (const [v, n] of hist) {
    count += n;
    totalDays += v * n;
  }
  if (count === 0) return { count, totalDays, mean: null, median: null };
  const keys = [...hist.keys()].sort((a, b) => a - b);
  const nth = (i: number) => {
    let seen = 0;
    for (const k of keys) {
      seen += hist.get(k)!;
      if (i < seen) return k;
    }
    return keys[keys.length - 1]!;
  };
  const median = count % 2 ? nth((count - 1) / 2) : (nth(count / 2 - 1) + nth(count / 2)) / 2;
  return { count, totalDays, mean: totalDays / count, median };
}

/** The satisfaction rate: satisfied / all ratings, null without ratings. */
export function ratingsOf(r: Record<RatingKey, number>): Ratings {
  const total = r.satisfied + r.neutral + r.unsatisfied;
  return { ...r, total, rate: total ? r.satisfied / total : null };
}

/** The II.1 targets: online / received, digitised / received, published / answered. */
export function targetsOf(c: Counts): Target[] {
  const mk = (key: TargetKey, numerator: number, denominator: number): Target => {
    const actual = denominator ? numerator / denominator : null;
    return {
      key,
      target: TARGETS[key],
      numerator,
      denominator,
      actual,
      met: actual === null ? null : actual >= TARGETS[key],
    };
  };
  return [
    mk('online', c.receivedOnline, c.received),
    mk('digitised', c.digitised, c.received),
    mk('published', c.published, c.answered),
  ];
}

export const BREAKDOWN_FAMILIES = [
  'byChannel',
  'byType',
  'byCategory',
  'byField',
  'byUnit',
  'refusedByReason',
] as const;
export type BreakdownFamily = (typeof BREAKDOWN_FAMILIES)[number];
export type BreakdownRow = {
  key: string;
  n: number;
  /** the unit of a byUnit row */
  unit?: { unitId: number | null; code: string; name: string; nameEn: string };
};
export type BreakdownTable = { family: BreakdownFamily; rows: BreakdownRow[]; denominator: number };

/**
 * The received items by channel, type, category, field and unit, and the refused ones by reason, as every
 * rendering lists them: all the known values (zeros included), "no field" and "no reason" only when they occur.
 * `denominator` is what a share is of: received, or refused for the reasons.
 */
export function breakdownTables(report: Report): BreakdownTable[] {
  const b = report.total.breakdowns;
  const c = report.total.counts;
  const rows = (family: keyof Breakdowns, keys: readonly string[]): BreakdownRow[] =>
    keys.map((key) => ({ key, n: b[family][key] ?? 0 }));
  const noneIfAny = (rec: Record<string, number>) => ((rec.none ?? 0) > 0 ? ['none'] : []);
  return [
    { family: 'byChannel', rows: rows('byChannel', CHANNELS), denominator: c.received },
    { family: 'byType', rows: rows('byType', PAKN_TYPES), denominator: c.received },
    { family: 'byCategory', rows: rows('byCategory', CATEGORIES.map(String)), denominator: c.received },
    {
      family: 'byField',
      rows: rows('byField', [...report.fields.map((f) => String(f.id)), ...noneIfAny(b.byField)]),
      denominator: c.received,
    },
    {
      family: 'byUnit',
      rows: report.units.map((u) => ({
        key: u.code,
        n: u.counts.received,
        unit: { unitId: u.unitId, code: u.code, name: u.name, nameEn: u.nameEn },
      })),
      denominator: c.received,
    },
    {
      family: 'refusedByReason',
      rows: rows('refusedByReason', [...REFUSAL_REASONS, ...noneIfAny(b.refusedByReason)]),
      denominator: c.refused,
    },
  ];
}

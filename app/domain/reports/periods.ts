/**
 * Report periods (spec §9, plan section VIII). Pure: no I/O, no Remix.
 *
 * Definitions (also in docs/reports.md):
 * - A period is [start, end], two local dates in Asia/Ho_Chi_Minh, both inclusive. An item received at 23:59 on
 *   `end` belongs to the period; one received at 00:00 the next day does not.
 * - The cut-off day c (setting `report.cutoffDay`, default 15, 1–28) shifts every periodic report: month M runs
 *   from day c of month M-1 to day c-1 of month M (the national practice "from the 15th to the 14th"); with c = 1
 *   it is the calendar month. Quarters, half-years and years are built the same way and end on day c-1 of their
 *   last month: with c = 15, "Quý I/2026" is 15/12/2025 – 14/03/2026 and "Năm 2026" is 15/12/2025 – 14/12/2026.
 * - A custom range is any [from, to] with from ≤ to and at most MAX_RANGE_YEARS years long.
 */
import { addCalendarDays, formatDateVi, isValidLocalDate, type LocalDate } from '~/domain/dates';

export const PERIOD_KINDS = ['month', 'quarter', 'half', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const DEFAULT_CUTOFF_DAY = 15;
export const MAX_RANGE_YEARS = 5;
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export type ReportPeriod = {
  kind: PeriodKind;
  start: LocalDate;
  end: LocalDate;
  /** the report year (the year of the period's last month); absent for custom ranges */
  year?: number;
  /** month 1–12, quarter 1–4 or half 1–2; absent for years and custom ranges */
  index?: number;
  cutoffDay: number;
};

const MONTHS_IN: Record<Exclude<PeriodKind, 'custom'>, number> = { month: 1, quarter: 3, half: 6, year: 12 };
const MAX_INDEX: Record<Exclude<PeriodKind, 'custom'>, number> = { month: 12, quarter: 4, half: 2, year: 1 };

/** A setting value made safe: an integer 1–28 (so that day c-1 exists in every month), else the default. */
export function normaliseCutoffDay(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 28 ? n : DEFAULT_CUTOFF_DAY;
}

const pad = (n: number) => String(n).padStart(2, '0');
function ymd(year: number, month: number, day: number): LocalDate {
  // month may be 0 or negative: normalise through Date.UTC, which rolls over correctly
  const d = new Date(Date.UTC(year, month - 1, day));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
function lastDayOfMonth(year: number, month: number): LocalDate {
  return ymd(year, month + 1, 0);
}

/** The periodic report `kind` number `index` of `year` (index ignored for years). */
export function periodOf(
  kind: Exclude<PeriodKind, 'custom'>,
  year: number,
  index: number,
  cutoffDay: number = DEFAULT_CUTOFF_DAY,
): ReportPeriod {
  const c = normaliseCutoffDay(cutoffDay);
  const i = kind === 'year' ? 1 : index;
  if (!Number.isInteger(i) || i < 1 || i > MAX_INDEX[kind])
    throw new RangeError(`Invalid ${kind} index: ${index}`);
  const n = MONTHS_IN[kind];
  const lastMonth = i * n;
  const start = c === 1 ? ymd(year, lastMonth - n + 1, 1) : ymd(year, lastMonth - n, c);
  const end = c === 1 ? lastDayOfMonth(year, lastMonth) : ymd(year, lastMonth, c - 1);
  return { kind, start, end, year, ...(kind === 'year' ? {} : { index: i }), cutoffDay: c };
}

/** The report month (year, month) a local date falls in. */
export function reportMonthOf(
  date: LocalDate,
  cutoffDay: number = DEFAULT_CUTOFF_DAY,
): { year: number; month: number } {
  const c = normaliseCutoffDay(cutoffDay);
  let year = Number(date.slice(0, 4));
  let month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (c > 1 && day >= c) {
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return { year, month };
}

/** The periodic report of this kind that contains the date. */
export function periodContaining(
  kind: Exclude<PeriodKind, 'custom'>,
  date: LocalDate,
  cutoffDay: number = DEFAULT_CUTOFF_DAY,
): ReportPeriod {
  const { year, month } = reportMonthOf(date, cutoffDay);
  return periodOf(kind, year, Math.ceil(month / MONTHS_IN[kind]), cutoffDay);
}

/** The `count` report months ending with the one that contains `date`, oldest first. */
export function lastReportMonths(
  date: LocalDate,
  count: number,
  cutoffDay: number = DEFAULT_CUTOFF_DAY,
): ReportPeriod[] {
  const { year, month } = reportMonthOf(date, cutoffDay);
  const out: ReportPeriod[] = [];
  for (let k = count - 1; k >= 0; k--) {
    const total = year * 12 + (month - 1) - k;
    out.push(periodOf('month', Math.floor(total / 12), (total % 12) + 1, cutoffDay));
  }
  return out;
}

/** `to` is at most MAX_RANGE_YEARS years after `from`, minus a day: 01/01/2021–31/12/2025 is five years. */
export function isWithinMaxRange(from: LocalDate, to: LocalDate): boolean {
  const limit = addCalendarDays(
    ymd(Number(from.slice(0, 4)) + MAX_RANGE_YEARS, Number(from.slice(5, 7)), Number(from.slice(8, 10))),
    -1,
  );
  return to <= limit;
}

export function customPeriod(
  from: LocalDate,
  to: LocalDate,
  cutoffDay: number = DEFAULT_CUTOFF_DAY,
): ReportPeriod {
  return { kind: 'custom', start: from, end: to, cutoffDay: normaliseCutoffDay(cutoffDay) };
}

/** Error keys are i18n keys under `reports.errors`; the field is the form field to show them at. */
export type PeriodError = { field: 'period' | 'year' | 'index' | 'from' | 'to'; key: string };
export type PeriodInput = {
  period?: string;
  year?: string;
  month?: string;
  quarter?: string;
  half?: string;
  from?: string;
  to?: string;
};

const INT_RE = /^\d{1,4}$/;

/**
 * Reads a period from the report form's GET parameters. Every problem is reported (not silently corrected), since
 * a report for a period other than the one asked for would be worse than an error.
 */
export function parsePeriod(
  input: PeriodInput,
  cutoffDay: number = DEFAULT_CUTOFF_DAY,
): { ok: true; period: ReportPeriod } | { ok: false; errors: PeriodError[] } {
  const kind = (input.period ?? '').trim();
  if (!(PERIOD_KINDS as readonly string[]).includes(kind)) {
    return { ok: false, errors: [{ field: 'period', key: 'unknownPeriod' }] };
  }
  if (kind === 'custom') {
    const from = (input.from ?? '').trim();
    const to = (input.to ?? '').trim();
    const errors: PeriodError[] = [];
    if (!isValidLocalDate(from)) errors.push({ field: 'from', key: from ? 'invalidDate' : 'missingFrom' });
    if (!isValidLocalDate(to)) errors.push({ field: 'to', key: to ? 'invalidDate' : 'missingTo' });
    if (errors.length) return { ok: false, errors };
    const yearsOk = (d: string) => Number(d.slice(0, 4)) >= MIN_YEAR && Number(d.slice(0, 4)) <= MAX_YEAR;
    if (!yearsOk(from)) errors.push({ field: 'from', key: 'yearRange' });
    if (!yearsOk(to)) errors.push({ field: 'to', key: 'yearRange' });
    if (errors.length) return { ok: false, errors };
    if (to < from) return { ok: false, errors: [{ field: 'to', key: 'endBeforeStart' }] };
    if (!isWithinMaxRange(from, to)) return { ok: false, errors: [{ field: 'to', key: 'rangeTooLong' }] };
    return { ok: true, period: customPeriod(from, to, cutoffDay) };
  }
  const k = kind as Exclude<PeriodKind, 'custom'>;
  const errors: PeriodError[] = [];
  const yearRaw = (input.year ?? '').trim();
  const year = INT_RE.test(yearRaw) ? Number(yearRaw) : NaN;
  if (!(year >= MIN_YEAR && year <= MAX_YEAR))
    errors.push({ field: 'year', key: yearRaw ? 'yearRange' : 'missingYear' });
  let index = 1;
  if (k !== 'year') {
    const raw = (input[k] ?? '').trim();
    index = INT_RE.test(raw) ? Number(raw) : NaN;
    if (!(index >= 1 && index <= MAX_INDEX[k])) errors.push({ field: 'index', key: `invalid_${k}` });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, period: periodOf(k, year, index, cutoffDay) };
}

/** The query string that asks for this period again (links to the exports, the report page). */
export function periodToParams(p: ReportPeriod): Record<string, string> {
  if (p.kind === 'custom') return { period: 'custom', from: p.start, to: p.end };
  const out: Record<string, string> = { period: p.kind, year: String(p.year) };
  if (p.kind !== 'year') out[p.kind] = String(p.index);
  return out;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** 'Quý I/2026', 'Tháng 3/2026', '6 tháng đầu năm 2026', 'Năm 2026', 'Từ 01/01/2026 đến 31/03/2026' */
export function periodName(p: ReportPeriod, lang: 'vi' | 'en'): string {
  const vi = lang === 'vi';
  switch (p.kind) {
    case 'month':
      return vi ? `Tháng ${p.index}/${p.year}` : `Month ${p.index}/${p.year}`;
    case 'quarter':
      return vi ? `Quý ${ROMAN[(p.index ?? 1) - 1]}/${p.year}` : `Q${p.index} ${p.year}`;
    case 'half':
      return vi
        ? `6 tháng ${p.index === 1 ? 'đầu' : 'cuối'} năm ${p.year}`
        : `${p.index === 1 ? 'First' : 'Second'} half of ${p.year}`;
    case 'year':
      return vi ? `Năm ${p.year}` : `Year ${p.year}`;
    case 'custom':
      return vi
        ? `Từ ${formatDateVi(p.start)} đến ${formatDateVi(p.end)}`
        : `From ${formatDateVi(p.start)} to ${formatDateVi(p.end)}`;
  }
}

/** The name with its dates: 'Quý I/2026 (từ 15/12/2025 đến 14/03/2026)'. */
export function periodLabel(p: ReportPeriod, lang: 'vi' | 'en'): string {
  if (p.kind === 'custom') return periodName(p, lang);
  const range =
    lang === 'vi'
      ? `từ ${formatDateVi(p.start)} đến ${formatDateVi(p.end)}`
      : `${formatDateVi(p.start)} to ${formatDateVi(p.end)}`;
  return `${periodName(p, lang)} (${range})`;
}

/** Instants (epoch ms) bounding the period: [startMs, endMs). Vietnam has kept UTC+7 without DST since 1975. */
export const VN_OFFSET_MS = 7 * 3600 * 1000;
export function localDateStartMs(d: LocalDate): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) - VN_OFFSET_MS;
}
export function periodBoundsMs(p: Pick<ReportPeriod, 'start' | 'end'>): { startMs: number; endMs: number } {
  return { startMs: localDateStartMs(p.start), endMs: localDateStartMs(addCalendarDays(p.end, 1)) };
}

/**
 * The periodic report of spec §9 (plan V.2, VIII) as SQL aggregates: one GROUP BY pass per family of indicators.
 * Definitions (docs/reports.md is the reference; the integration test recomputes each one independently):
 * - Period [start, end]: local dates in Asia/Ho_Chi_Minh, inclusive (app/domain/report-periods.ts). Instants are
 *   compared with the Vietnam midnights bounding it, [S, E), so an item received at 23:59 on `end` is inside.
 * - Received: received_date in the period (received_at in [S, E)).
 * - Closed: a closed status (workflow isClosed) whose close date is in the period. The close instant is closed_at;
 *   for a closed row without closed_at (imported or legacy data) answered_at, then updated_at, then received_at
 *   stand in, and a close instant earlier than receipt is taken as the receipt. This keeps every row in exactly one
 *   place of the balance.
 * - Carried over: received before start, and open now or closed on/after start.
 * - Carried forward: received on/before end, and open now or closed after end.
 *   Per row, (carried over + received) and (closed + carried forward) are both 1 for a row that counts and 0 for
 *   one that does not, so carried over + received = closed + carried forward holds for every unit and in total.
 * - Unit: the current unit_id; unassigned items are the row "Chưa giao đơn vị" (unitId null).
 * - Answered on time/late: closed in the period with status answered; on_time when set, otherwise the local date
 *   of answered_at ≤ answer_due (the stored due date, which the workflow keeps up to date with closed pauses and
 *   the extension).
 * - In progress at the end (= carried forward): overdue when the due date of the step it is in is before end —
 *   step_due (classification while received, the information wait, the answer: app/domain/clocks.ts) for a row
 *   still open, answer_due for one closed after the end — within time otherwise.
 * - Published: answered in the period and publication = 'published' now.
 * - Handling time: working days (calendar data) from received_date to the local date of answered_at, for the items
 *   answered in the period; mean and median (the mean of the two middle values for an even count).
 * - Targets II.1: online = received online / received (≥ 90 %); digitised = received with a digital record (online,
 *   or at least one attachment for every other channel) / received (100 %); published = published / answered (100 %).
 * - Satisfaction: feedback_ratings created in the period, by the rated PAKN's unit; rate = satisfied / all ratings.
 */
import type Database from 'better-sqlite3';
import { toLocalDate, type LocalDate, type WorkingCalendar } from '~/domain/calendar';
import { runningClock } from '~/domain/clocks';
import { workingDaysBetween } from '~/domain/deadlines';
import { CATEGORIES, CHANNELS, PAKN_TYPES, REFUSAL_REASONS } from '~/domain/pakn';
import { isUnitScoped, type Actor } from '~/domain/permissions';
import {
  normaliseCutoffDay,
  parsePeriod,
  periodBoundsMs,
  type PeriodError,
  type ReportPeriod,
} from '~/domain/report-periods';
import { isClosed, STATUSES } from '~/domain/workflow';
import { getCalendar, listFields, listUnits } from './config.server';
import { getSetting } from '~/models/admin/settings.server';
import { getDb, type Db } from '~/utils/db.server';

// ---------- SQL building blocks (constants only: never user input) ----------

const quoteList = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(',');
export const CLOSED_SQL = quoteList(STATUSES.filter(isClosed));
/** the effective close instant of a closed row (see the header), NULL for an open one */
export const CLOSE_AT_SQL = `(CASE WHEN status IN (${CLOSED_SQL}) THEN max(received_at, coalesce(closed_at, answered_at, updated_at, received_at)) END)`;
const OPEN_SQL = `(status NOT IN (${CLOSED_SQL}))`;
/** Vietnam is UTC+7 all year (no DST since 1975), so a local date is the UTC date of the instant + 7 h. */
const localDateSql = (ms: string) => `date((${ms}) / 1000 + 25200, 'unixepoch')`;
const ANSWERED_DATE_SQL = localDateSql(`coalesce(answered_at, ${CLOSE_AT_SQL})`);
const ON_TIME_SQL = `coalesce(on_time, ${ANSWERED_DATE_SQL} <= answer_due)`;
/** rows that count in the period at all: received before its end and not closed before its start */
const RELEVANT = `received_at < @E AND (${OPEN_SQL} OR ${CLOSE_AT_SQL} >= @S)`;
const UNIT_FILTER = `(@unit IS NULL OR unit_id = @unit)`;

/*
 * One pass over the rows that count, as a co-routine (LIMIT -1 keeps SQLite from flattening it) so that the close
 * instant and the open flag are computed once per row, and NOT INDEXED because a sequential scan beats walking an
 * index over most of the table. Grouped by unit and by the dimensions of the received breakdowns, which JS then
 * sums both ways: every balance and outcome indicator and every "received by …" table come from this one scan.
 */
const COUNTED_ROWS = `SELECT id, unit_id, channel, type, category, field_id, received_at, status, answer_due, publication,
  on_time, answered_at, ${CLOSE_AT_SQL} AS ca, ${OPEN_SQL} AS op,
  (CASE WHEN ${OPEN_SQL} THEN coalesce(step_due, answer_due) ELSE answer_due END) AS late_due
FROM pakn NOT INDEXED WHERE ${RELEVANT} AND ${UNIT_FILTER} LIMIT -1`;
const CLOSED_IN = `(op = 0 AND ca < @E)`;
const CARRIED_FORWARD = `(op OR ca >= @E)`;
const RECEIVED_IN = `(received_at >= @S)`;
const ROW_ON_TIME = `coalesce(on_time, ${localDateSql('coalesce(answered_at, ca)')} <= answer_due)`;

export const BALANCE_SQL = `
SELECT unit_id AS unitId, channel, type, category, field_id AS fieldId,
  sum(received_at < @S) AS carriedOver,
  sum(${RECEIVED_IN}) AS received,
  sum(${CLOSED_IN}) AS closed,
  sum(${CARRIED_FORWARD}) AS carriedForward,
  sum(${CLOSED_IN} AND status = 'answered') AS answered,
  sum(${CLOSED_IN} AND status = 'answered' AND ${ROW_ON_TIME}) AS answeredOnTime,
  sum(${CLOSED_IN} AND status = 'answered' AND NOT ${ROW_ON_TIME}) AS answeredLate,
  sum(${CLOSED_IN} AND status = 'refused') AS refused,
  sum(${CLOSED_IN} AND status = 'transferred') AS transferred,
  sum(${CLOSED_IN} AND status = 'forwarded') AS forwarded,
  sum(${CLOSED_IN} AND status = 'duplicate') AS duplicate,
  sum(${CLOSED_IN} AND status = 'closed_no_info') AS closedNoInfo,
  sum(${CARRIED_FORWARD} AND late_due >= @endDate) AS inProgressWithinTime,
  sum(${CARRIED_FORWARD} AND late_due < @endDate) AS inProgressOverdue,
  sum(${CLOSED_IN} AND status = 'answered' AND publication = 'published') AS published,
  sum(${RECEIVED_IN} AND channel = 'online') AS receivedOnline,
  sum(${RECEIVED_IN} AND (channel = 'online' OR EXISTS (SELECT 1 FROM attachments a WHERE a.pakn_id = x.id))) AS digitised
FROM (${COUNTED_ROWS}) x
GROUP BY 1, 2, 3, 4, 5`;

export const REFUSED_SQL = `
SELECT unit_id AS unitId, refusal_reason AS reason, count(*) AS n
FROM pakn WHERE status = 'refused' AND ${CLOSE_AT_SQL} >= @S AND ${CLOSE_AT_SQL} < @E AND ${UNIT_FILTER}
GROUP BY 1, 2`;

export const HANDLING_SQL = `
SELECT unit_id AS unitId, received_date AS fromDate, ${ANSWERED_DATE_SQL} AS toDate, count(*) AS n
FROM pakn NOT INDEXED WHERE status = 'answered' AND ${CLOSE_AT_SQL} >= @S AND ${CLOSE_AT_SQL} < @E AND ${UNIT_FILTER}
GROUP BY 1, 2, 3`;

export const RATINGS_SQL = `
SELECT p.unit_id AS unitId, r.rating AS rating, count(*) AS n
FROM feedback_ratings r JOIN pakn p ON p.id = r.pakn_id
WHERE r.created_at >= @S AND r.created_at < @E AND (@unit IS NULL OR p.unit_id = @unit)
GROUP BY 1, 2`;

// Statements are compiled once per connection.
const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
export function prepared(db: Db, sql: string): Database.Statement {
  let map = statementCache.get(db.$client);
  if (!map) statementCache.set(db.$client, (map = new Map()));
  let stmt = map.get(sql);
  if (!stmt) map.set(sql, (stmt = db.$client.prepare(sql)));
  return stmt;
}

// ---------- types ----------

export const COUNT_KEYS = [
  'carriedOver',
  'received',
  'closed',
  'carriedForward',
  'answered',
  'answeredOnTime',
  'answeredLate',
  'refused',
  'transferred',
  'forwarded',
  'duplicate',
  'closedNoInfo',
  'inProgressWithinTime',
  'inProgressOverdue',
  'published',
  'receivedOnline',
  'digitised',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export type Counts = Record<CountKey, number>;
export type HandlingTime = { count: number; totalDays: number; mean: number | null; median: number | null };
export type Ratings = {
  satisfied: number;
  neutral: number;
  unsatisfied: number;
  total: number;
  rate: number | null;
};
export type Breakdowns = {
  byChannel: Record<string, number>;
  byType: Record<string, number>;
  byCategory: Record<string, number>;
  /** field id, or 'none' for unclassified */
  byField: Record<string, number>;
  /** refused by reason code; 'none' when the reason is missing */
  refusedByReason: Record<string, number>;
};
export type UnitFigures = {
  unitId: number | null;
  code: string;
  name: string;
  nameEn: string;
  counts: Counts;
  handling: HandlingTime;
  ratings: Ratings;
  breakdowns: Breakdowns;
};
export type TargetKey = 'online' | 'digitised' | 'published';
export type Target = {
  key: TargetKey;
  target: number;
  numerator: number;
  denominator: number;
  actual: number | null;
  met: boolean | null;
};
export type Report = {
  period: ReportPeriod;
  /** the unit the report is restricted to, null for the whole agency */
  unitId: number | null;
  generatedAt: string;
  total: Omit<UnitFigures, 'unitId' | 'code' | 'name' | 'nameEn'>;
  units: UnitFigures[];
  fields: Array<{ id: number; code: string; name: string; nameEn: string }>;
  targets: Target[];
};

export const TARGETS: Record<TargetKey, number> = { online: 0.9, digitised: 1, published: 1 };
export const UNASSIGNED_CODE = 'CHUA_GIAO';

const emptyCounts = (): Counts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Counts;
const emptyBreakdowns = (): Breakdowns => ({
  byChannel: Object.fromEntries(CHANNELS.map((c) => [c, 0])),
  byType: Object.fromEntries(PAKN_TYPES.map((c) => [c, 0])),
  byCategory: Object.fromEntries(CATEGORIES.map((c) => [String(c), 0])),
  byField: {},
  refusedByReason: Object.fromEntries(REFUSAL_REASONS.map((c) => [c, 0])),
});
const add = (rec: Record<string, number>, key: string, n: number) => {
  rec[key] = (rec[key] ?? 0) + n;
};

// ---------- working days as ordinals ----------

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

/** Mean and median of a histogram value → count. */
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

const ratingsOf = (r: { satisfied: number; neutral: number; unsatisfied: number }): Ratings => {
  const total = r.satisfied + r.neutral + r.unsatisfied;
  return { ...r, total, rate: total ? r.satisfied / total : null };
};

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

// ---------- the report ----------

export class ReportInputError extends Error {
  constructor(public readonly key: string) {
    super(key);
    this.name = 'ReportInputError';
  }
}

/** A unit id from the form: an existing unit (active or not, old reports still name it), else ReportInputError. */
export function resolveUnit(raw: string | null | undefined, db: Db = getDb()): number | null {
  const v = (raw ?? '').trim();
  if (!v) return null;
  if (!/^\d{1,9}$/.test(v)) throw new ReportInputError('unknownUnit');
  const id = Number(v);
  if (!listUnits({ activeOnly: false, db }).some((u) => u.id === id))
    throw new ReportInputError('unknownUnit');
  return id;
}

export function reportCutoffDay(db: Db = getDb()): number {
  return normaliseCutoffDay(getSetting('report.cutoffDay', db));
}

export type ReportQuery =
  | { ok: true; period: ReportPeriod; unitId: number | null; cutoffDay: number }
  | {
      ok: false;
      status: 400 | 403;
      errors: Array<PeriodError | { field: 'unit'; key: string }>;
      cutoffDay: number;
    };

/**
 * The period and scope asked for in a report URL (the form's GET parameters). A unit-scoped actor (an approver
 * leading a unit) always gets their own unit: asking for another one is a 403, not a silent substitution.
 */
export function parseReportQuery(params: URLSearchParams, actor: Actor, db: Db = getDb()): ReportQuery {
  const cutoffDay = reportCutoffDay(db);
  const get = (k: string) => params.get(k) ?? undefined;
  const parsed = parsePeriod(
    {
      period: get('period'),
      year: get('year'),
      month: get('month'),
      quarter: get('quarter'),
      half: get('half'),
      from: get('from'),
      to: get('to'),
    },
    cutoffDay,
  );
  const errors: Array<PeriodError | { field: 'unit'; key: string }> = parsed.ok ? [] : [...parsed.errors];
  let unitId: number | null = null;
  try {
    unitId = resolveUnit(get('unit'), db);
  } catch (error) {
    if (!(error instanceof ReportInputError)) throw error;
    errors.push({ field: 'unit', key: error.key });
  }
  if (isUnitScoped(actor)) {
    if (unitId !== null && unitId !== actor.unitId)
      return { ok: false, status: 403, errors: [{ field: 'unit', key: 'otherUnit' }], cutoffDay };
    unitId = actor.unitId;
  }
  if (errors.length || !parsed.ok) return { ok: false, status: 400, errors, cutoffDay };
  return { ok: true, period: parsed.period, unitId, cutoffDay };
}

type Params = { S: number; E: number; endDate: LocalDate; unit: number | null };
function paramsOf(period: Pick<ReportPeriod, 'start' | 'end'>, unitId: number | null): Params {
  const { startMs, endMs } = periodBoundsMs(period);
  return { S: startMs, E: endMs, endDate: period.end, unit: unitId };
}

export function buildReport(
  { period, unitId = null, now = new Date() }: { period: ReportPeriod; unitId?: number | null; now?: Date },
  db: Db = getDb(),
): Report {
  const params = paramsOf(period, unitId);
  const calendar = getCalendar(db);
  const key = (id: number | null) => (id === null ? 'none' : String(id));
  const rows = new Map<
    string,
    {
      counts: Counts;
      breakdowns: Breakdowns;
      hist: Map<number, number>;
      ratings: Record<'satisfied' | 'neutral' | 'unsatisfied', number>;
    }
  >();
  const rowFor = (id: number | null) => {
    let r = rows.get(key(id));
    if (!r) {
      r = {
        counts: emptyCounts(),
        breakdowns: emptyBreakdowns(),
        hist: new Map(),
        ratings: { satisfied: 0, neutral: 0, unsatisfied: 0 },
      };
      rows.set(key(id), r);
    }
    return r;
  };

  // The whole report reads one snapshot: a deferred transaction over the read statements.
  db.$client
    .transaction(() => {
      type Group = Record<CountKey, number> & {
        unitId: number | null;
        channel: string;
        type: string;
        category: number;
        fieldId: number | null;
      };
      for (const r of prepared(db, BALANCE_SQL).all(params) as Group[]) {
        const row = rowFor(r.unitId);
        for (const k of COUNT_KEYS) row.counts[k] += r[k] ?? 0;
        if (!r.received) continue;
        const b = row.breakdowns;
        add(b.byChannel, r.channel, r.received);
        add(b.byType, r.type, r.received);
        add(b.byCategory, String(r.category), r.received);
        add(b.byField, r.fieldId === null ? 'none' : String(r.fieldId), r.received);
      }
      for (const r of prepared(db, REFUSED_SQL).all(params) as Array<{
        unitId: number | null;
        reason: string | null;
        n: number;
      }>) {
        add(rowFor(r.unitId).breakdowns.refusedByReason, r.reason ?? 'none', r.n);
      }
      const pairs = prepared(db, HANDLING_SQL).all(params) as Array<{
        unitId: number | null;
        fromDate: string;
        toDate: string;
        n: number;
      }>;
      const ord = workdayOrdinals(
        pairs.flatMap((p) => [p.fromDate, p.toDate]),
        calendar,
      );
      for (const p of pairs) {
        const days = Math.max(0, ord.get(p.toDate)! - ord.get(p.fromDate)!);
        const hist = rowFor(p.unitId).hist;
        hist.set(days, (hist.get(days) ?? 0) + p.n);
      }
      for (const r of prepared(db, RATINGS_SQL).all(params) as Array<{
        unitId: number | null;
        rating: string;
        n: number;
      }>) {
        const ratings = rowFor(r.unitId).ratings;
        if (r.rating in ratings) ratings[r.rating as keyof typeof ratings] += r.n;
      }
    })
    .deferred();

  // Rows: the unit asked for, or every active unit, any inactive unit with figures, and the unassigned row.
  const allUnits = listUnits({ activeOnly: false, db });
  const units: UnitFigures[] = [];
  const total = {
    counts: emptyCounts(),
    breakdowns: emptyBreakdowns(),
    hist: new Map<number, number>(),
    ratings: { satisfied: 0, neutral: 0, unsatisfied: 0 },
  };
  const pushRow = (id: number | null, code: string, name: string, nameEn: string) => {
    const r = rows.get(key(id)) ?? {
      counts: emptyCounts(),
      breakdowns: emptyBreakdowns(),
      hist: new Map<number, number>(),
      ratings: { satisfied: 0, neutral: 0, unsatisfied: 0 },
    };
    rows.delete(key(id));
    units.push({
      unitId: id,
      code,
      name,
      nameEn,
      counts: r.counts,
      handling: summariseHistogram(r.hist),
      ratings: ratingsOf(r.ratings),
      breakdowns: r.breakdowns,
    });
    for (const k of COUNT_KEYS) total.counts[k] += r.counts[k];
    for (const [v, n] of r.hist) total.hist.set(v, (total.hist.get(v) ?? 0) + n);
    for (const k of ['satisfied', 'neutral', 'unsatisfied'] as const) total.ratings[k] += r.ratings[k];
    for (const fam of Object.keys(r.breakdowns) as Array<keyof Breakdowns>) {
      for (const [k, n] of Object.entries(r.breakdowns[fam])) add(total.breakdowns[fam], k, n);
    }
  };
  for (const u of allUnits) {
    if (unitId !== null ? u.id === unitId : u.active || rows.has(key(u.id)))
      pushRow(u.id, u.code, u.name, u.nameEn);
  }
  if (unitId === null) {
    pushRow(null, UNASSIGNED_CODE, 'Chưa giao đơn vị', 'Not assigned');
    // a unit id that no longer exists in `units` (should not happen: foreign key) still adds up
    for (const k of [...rows.keys()]) pushRow(Number(k), `#${k}`, `Đơn vị #${k}`, `Unit #${k}`);
  }
  const fields = listFields({ activeOnly: false, db }).map((f) => ({
    id: f.id,
    code: f.code,
    name: f.name,
    nameEn: f.nameEn,
  }));
  return {
    period,
    unitId,
    generatedAt: now.toISOString(),
    total: {
      counts: total.counts,
      handling: summariseHistogram(total.hist),
      ratings: ratingsOf(total.ratings),
      breakdowns: total.breakdowns,
    },
    units,
    fields,
    targets: targetsOf(total.counts),
  };
}

// ---------- the detail list of the workbook, in chunks ----------

export type DetailRow = {
  id: number;
  code: string;
  receivedDate: string;
  channel: string;
  type: string;
  category: number;
  fieldId: number | null;
  unitId: number | null;
  status: string;
  answerDue: string;
  /** local dates 'YYYY-MM-DD' (computed in SQL: the time-zone library is too slow per row for a million rows) */
  closedDate: string | null;
  answeredDate: string | null;
  onTime: number | null;
  publication: string;
};

const DETAIL_SQL = `
SELECT id, code, received_date AS receivedDate, channel, type, category, field_id AS fieldId, unit_id AS unitId,
  status, answer_due AS answerDue, ${localDateSql(CLOSE_AT_SQL)} AS closedDate,
  (CASE WHEN answered_at IS NOT NULL THEN ${localDateSql('answered_at')} END) AS answeredDate,
  (CASE WHEN status = 'answered' THEN ${ON_TIME_SQL} END) AS onTime, publication
FROM pakn WHERE id > @after AND ${RELEVANT} AND ${UNIT_FILTER}
ORDER BY id LIMIT @limit`;

/**
 * The PAKN counted in the period (carried over or received), without personal data, in id order and in chunks:
 * each chunk is its own short statement, so a slow download never keeps the connection busy for other requests.
 */
export function* reportDetailChunks(
  {
    period,
    unitId = null,
    chunkSize = 5000,
  }: { period: ReportPeriod; unitId?: number | null; chunkSize?: number },
  db: Db = getDb(),
): Generator<DetailRow[]> {
  const params = paramsOf(period, unitId);
  let after = 0;
  for (;;) {
    const rows = prepared(db, DETAIL_SQL).all({ ...params, after, limit: chunkSize }) as DetailRow[];
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
    if (rows.length < chunkSize) return;
  }
}

// ---------- dashboard (coordinators and leaders) ----------

export const AGEING_BUCKETS = [
  { key: '0-5', min: 0, max: 5 },
  { key: '6-10', min: 6, max: 10 },
  { key: '11-20', min: 11, max: 20 },
  { key: '>20', min: 21, max: Infinity },
] as const;

/** Open statuses as a list, so that the (status, answer_due) index serves the open-work queries. */
const OPEN_LIST_SQL = quoteList(STATUSES.filter((st) => !isClosed(st)));
const RUNNING_LIST_SQL = quoteList(STATUSES.filter((st) => !isClosed(st) && st !== 'awaiting_info'));

/** workload and ageing together: open rows by unit and day of receipt */
const OPEN_WORK_SQL = `
SELECT unit_id AS unitId, received_date AS d, count(*) AS open,
  sum(status = 'awaiting_info') AS paused,
  sum(status = 'received') AS unclassified
FROM pakn WHERE status IN (${OPEN_LIST_SQL}) AND ${UNIT_FILTER} GROUP BY 1, 2`;

/*
 * Late steps (app/domain/clocks.ts): step_due is the date of the clock the status runs — classification,
 * answer, information wait, publication of an answered item — so "overdue" is one range of its index and
 * includes answered items not published in time.
 */
const LATE_BY_UNIT_SQL = `
SELECT unit_id AS unitId, count(*) AS n FROM pakn WHERE step_due < @today AND ${UNIT_FILTER} GROUP BY 1`;

const OVERDUE_SQL = `
SELECT id, code, title, unit_id AS unitId, status, publication, received_date AS receivedDate, step_due AS due
FROM pakn WHERE step_due < @today AND ${UNIT_FILTER}
ORDER BY step_due, id LIMIT @limit`;

/**
 * The report month ('YYYY-MM') of an instant, in SQL: with cut-off c > 1, the day c of a month starts the next
 * report month, i.e. month(local date - (c-1) days) + 1. `cutoff` is an integer 1–28 (normaliseCutoffDay).
 */
function reportMonthSql(ms: string, cutoff: number): string {
  const local = `(${ms}) / 1000 + 25200`;
  return cutoff === 1
    ? `strftime('%Y-%m', ${local}, 'unixepoch')`
    : `strftime('%Y-%m', ${local} - ${(cutoff - 1) * 86400}, 'unixepoch', 'start of month', '+1 month')`;
}

/**
 * One pass for the 12-month trend and the II.1 targets of the report year: rows grouped by their report month of
 * receipt (rm) and of closure (cm), from which JS sums received/online/digitised per receipt month and
 * closed/answered/on time/published per closure month. The report year is 12 report months, so its targets are
 * sums of the same groups.
 */
function monthlySql(cutoff: number): string {
  return `
SELECT rm, cm, count(*) AS n, sum(channel = 'online') AS online, sum(dig) AS digitised,
  sum(status = 'answered') AS answered, sum(status = 'answered' AND onTime) AS onTime,
  sum(status = 'answered' AND publication = 'published') AS published
FROM (
  SELECT CASE WHEN received_at >= @S THEN ${reportMonthSql('received_at', cutoff)} END AS rm,
    CASE WHEN ca >= @S AND ca < @E THEN ${reportMonthSql('ca', cutoff)} END AS cm,
    channel, status, publication,
    (received_at >= @S AND (channel = 'online' OR EXISTS (SELECT 1 FROM attachments a WHERE a.pakn_id = x.id))) AS dig,
    (CASE WHEN status = 'answered' THEN coalesce(on_time, ${localDateSql('coalesce(answered_at, ca)')} <= answer_due) END) AS onTime
  FROM (
    SELECT id, received_at, channel, status, publication, on_time, answered_at, answer_due, ${CLOSE_AT_SQL} AS ca
    FROM pakn NOT INDEXED WHERE ${RELEVANT} AND ${UNIT_FILTER} LIMIT -1
  ) x
)
GROUP BY 1, 2`;
}

export type TrendPoint = {
  period: ReportPeriod;
  received: number;
  closed: number;
  answered: number;
  answeredOnTime: number;
};

const monthKey = (p: ReportPeriod) => `${p.year}-${String(p.index ?? 12).padStart(2, '0')}`;

/**
 * Received, closed and answered on time per report month, and the II.1 targets over `year` (a periodic year
 * report with the same cut-off), in one scan.
 */
export function monthlyFigures(
  {
    months,
    year,
    unitId = null,
    cutoffDay,
  }: { months: ReportPeriod[]; year: ReportPeriod; unitId?: number | null; cutoffDay: number },
  db: Db = getDb(),
): { trend: TrendPoint[]; targets: Target[] } {
  const start = [months[0]!.start, year.start].sort()[0]!;
  const end = [months[months.length - 1]!.end, year.end].sort()[1]!;
  const rows = prepared(db, monthlySql(normaliseCutoffDay(cutoffDay))).all(
    paramsOf({ start, end }, unitId),
  ) as Array<{
    rm: string | null;
    cm: string | null;
    n: number;
    online: number;
    digitised: number;
    answered: number;
    onTime: number;
    published: number;
  }>;
  const sum = (keys: Set<string>, by: 'rm' | 'cm', f: (r: (typeof rows)[number]) => number) =>
    rows.reduce((s, r) => (r[by] !== null && keys.has(r[by]) ? s + f(r) : s), 0);
  const trend = months.map((period) => {
    const k = new Set([monthKey(period)]);
    return {
      period,
      received: sum(k, 'rm', (r) => r.n),
      closed: sum(k, 'cm', (r) => r.n),
      answered: sum(k, 'cm', (r) => r.answered),
      answeredOnTime: sum(k, 'cm', (r) => r.onTime),
    };
  });
  const inYear = new Set(
    Array.from({ length: 12 }, (_, i) => `${year.year}-${String(i + 1).padStart(2, '0')}`),
  );
  const targets = targetsOf({
    ...emptyCounts(),
    received: sum(inYear, 'rm', (r) => r.n),
    receivedOnline: sum(inYear, 'rm', (r) => r.online),
    digitised: sum(inYear, 'rm', (r) => r.digitised),
    answered: sum(inYear, 'cm', (r) => r.answered),
    published: sum(inYear, 'cm', (r) => r.published),
  });
  return { trend, targets };
}

export function buildDashboard(
  {
    unitId = null,
    months,
    year,
    today,
    cutoffDay,
    overdueLimit = 50,
  }: {
    unitId?: number | null;
    months: ReportPeriod[];
    year: ReportPeriod;
    today: LocalDate;
    cutoffDay: number;
    overdueLimit?: number;
  },
  db: Db = getDb(),
) {
  const calendar = getCalendar(db);
  const allUnits = listUnits({ activeOnly: false, db });
  const unitName = new Map(allUnits.map((u) => [u.id, u]));
  const base = { unit: unitId, today };
  return db.$client
    .transaction(() => {
      const open = prepared(db, OPEN_WORK_SQL).all(base) as Array<{
        unitId: number | null;
        d: string;
        open: number;
        paused: number;
        unclassified: number;
      }>;
      const late = new Map(
        (prepared(db, LATE_BY_UNIT_SQL).all(base) as Array<{ unitId: number | null; n: number }>).map((r) => [
          r.unitId === null ? 'none' : String(r.unitId),
          r.n,
        ]),
      );
      const ord = workdayOrdinals([today, ...open.map((r) => r.d)], calendar);
      const key = (id: number | null) => (id === null ? 'none' : String(id));
      const workload = new Map<
        string,
        { open: number; overdue: number; paused: number; unclassified: number }
      >();
      const ageing = new Map<string, number[]>();
      for (const r of open) {
        const w = workload.get(key(r.unitId)) ?? { open: 0, overdue: 0, paused: 0, unclassified: 0 };
        w.open += r.open;
        w.paused += r.paused;
        w.unclassified += r.unclassified;
        workload.set(key(r.unitId), w);
        const age = Math.max(0, ord.get(today)! - ord.get(r.d)!);
        const counts = ageing.get(key(r.unitId)) ?? AGEING_BUCKETS.map(() => 0);
        counts[AGEING_BUCKETS.findIndex((b) => age >= b.min && age <= b.max)]! += r.open;
        ageing.set(key(r.unitId), counts);
      }
      for (const [k, n] of late) {
        const w = workload.get(k) ?? { open: 0, overdue: 0, paused: 0, unclassified: 0 };
        w.overdue = n;
        workload.set(k, w);
      }
      const overdueRows = prepared(db, OVERDUE_SQL).all({ ...base, limit: overdueLimit }) as Array<{
        id: number;
        code: string;
        title: string;
        unitId: number | null;
        status: string;
        publication: string;
        receivedDate: string;
        due: string;
      }>;
      const lateOrd = workdayOrdinals([today, ...overdueRows.map((r) => r.due)], calendar);
      const { trend, targets } = monthlyFigures({ months, year, unitId, cutoffDay }, db);
      const unitRows: Array<number | null> = [
        ...allUnits
          .filter((u) => (unitId === null ? u.active || workload.has(key(u.id)) : u.id === unitId))
          .map((u) => u.id),
        ...(unitId === null ? [null] : []),
      ];
      const label = (id: number | null) =>
        id === null
          ? { code: UNASSIGNED_CODE, name: 'Chưa giao đơn vị', nameEn: 'Not assigned' }
          : {
              code: unitName.get(id)?.code ?? `#${id}`,
              name: unitName.get(id)?.name ?? `#${id}`,
              nameEn: unitName.get(id)?.nameEn ?? `#${id}`,
            };
      return {
        today,
        workload: unitRows.map((id) => ({
          unitId: id,
          ...label(id),
          ...(workload.get(key(id)) ?? { open: 0, overdue: 0, paused: 0, unclassified: 0 }),
        })),
        ageing: unitRows.map((id) => ({
          unitId: id,
          ...label(id),
          counts: ageing.get(key(id)) ?? AGEING_BUCKETS.map(() => 0),
        })),
        overdue: {
          total: [...workload.values()].reduce((s, w) => s + w.overdue, 0),
          items: overdueRows.map((r) => ({
            ...r,
            unit: r.unitId === null ? null : label(r.unitId),
            clock: runningClock(r),
            daysLate: lateOrd.get(today)! - lateOrd.get(r.due)!,
          })),
        },
        trend,
        targets,
      };
    })
    .deferred();
}

// ---------- public statistics: published answers only ----------

/** one scan: published answers by unit, field and report month of publication (null outside the trend) */
function publicSql(cutoff: number): string {
  return `
SELECT unitId, fieldId, m, count(*) AS n, sum(onTime) AS onTime FROM (
  SELECT unit_id AS unitId, field_id AS fieldId,
    CASE WHEN published_at >= @S AND published_at < @E THEN ${reportMonthSql('published_at', cutoff)} END AS m,
    coalesce(on_time, ${localDateSql(`coalesce(answered_at, ${CLOSE_AT_SQL})`)} <= answer_due) AS onTime
  FROM pakn WHERE publication = 'published' LIMIT -1
) GROUP BY 1, 2, 3`;
}

// The public page reads every published answer (about a second at a million PAKN): anonymous visitors share one
// result per cut-off and month window for a few minutes rather than each running the scan.
const PUBLIC_TTL_MS = 5 * 60 * 1000;
const publicCache = new Map<string, { at: number; db: Db; value: ReturnType<typeof publicStatistics> }>();

export function publicStatisticsCached(
  args: { months: ReportPeriod[]; cutoffDay: number },
  db: Db = getDb(),
  now = Date.now(),
): ReturnType<typeof publicStatistics> {
  const key = `${args.cutoffDay}|${args.months[0]!.start}|${args.months[args.months.length - 1]!.end}`;
  const hit = publicCache.get(key);
  if (hit && hit.db === db && now - hit.at < PUBLIC_TTL_MS) return hit.value;
  const value = publicStatistics(args, db);
  publicCache.clear();
  publicCache.set(key, { at: now, db, value });
  return value;
}

export type PublicGroup = {
  id: number | null;
  code: string;
  name: string;
  nameEn: string;
  published: number;
  onTime: number;
};

/**
 * Aggregates of the answers that are public (publication = 'published'): each of them is already on the public
 * list with its field, unit, dates and on-time flag, so these counts disclose nothing new about anybody. Nothing
 * is broken down by a submitter's characteristics, and no non-public data (ratings, refusals, contacts) is read.
 */
export function publicStatistics(
  { months, cutoffDay }: { months: ReportPeriod[]; cutoffDay: number },
  db: Db = getDb(),
) {
  const first = months[0]!;
  const last = months[months.length - 1]!;
  const groups = prepared(db, publicSql(normaliseCutoffDay(cutoffDay))).all(
    paramsOf({ start: first.start, end: last.end }, null),
  ) as Array<{ unitId: number | null; fieldId: number | null; m: string | null; n: number; onTime: number }>;
  const units = listUnits({ activeOnly: false, db });
  const fields = listFields({ activeOnly: false, db });
  const collect = (
    ids: Array<{ id: number; code: string; name: string; nameEn: string }>,
    keyOf: (g: (typeof groups)[number]) => number | null,
  ) => {
    const out: PublicGroup[] = [];
    for (const x of [...ids, null]) {
      const id = x?.id ?? null;
      const mine = groups.filter((g) => keyOf(g) === id);
      const published = mine.reduce((s, g) => s + g.n, 0);
      if (published === 0) continue;
      out.push({
        id,
        code: x?.code ?? '',
        name: x?.name ?? '',
        nameEn: x?.nameEn ?? '',
        published,
        onTime: mine.reduce((s, g) => s + g.onTime, 0),
      });
    }
    return out;
  };
  const trend = months.map((period) => {
    const mine = groups.filter((g) => g.m === monthKey(period));
    return {
      period,
      published: mine.reduce((s, g) => s + g.n, 0),
      onTime: mine.reduce((s, g) => s + g.onTime, 0),
    };
  });
  return {
    total: {
      published: groups.reduce((s, g) => s + g.n, 0),
      onTime: groups.reduce((s, g) => s + g.onTime, 0),
    },
    byUnit: collect(units, (g) => g.unitId),
    byField: collect(fields, (g) => g.fieldId),
    trend,
  };
}

// ---------- publication to the VI.4 register ----------

export const REPORT_DOCUMENT_TYPE = 'result_report';
export const REPORT_FORMAT = 'pakn-report/1';
/** The figures as they were when the report was published. */
export type ReportSnapshot = {
  format: typeof REPORT_FORMAT;
  agencyName: string;
  unitName: string | null;
  report: Report;
};
/**
 * documents.content and public_content hold an OfficialDocument as JSON (the convention of documents.server.ts,
 * so /van-ban/$id shows and prints the narrative like any other document); a result report adds its figures
 * under `figures`, which /thong-ke reads from the public version only.
 */
type StoredReportDoc = Record<string, unknown> & { figures?: ReportSnapshot };

export class ReportConflictError extends Error {
  constructor(
    public readonly key: string,
    public readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'ReportConflictError';
  }
}

function parseFigures(json: string | null): ReportSnapshot | null {
  if (!json) return null;
  try {
    const figures = (JSON.parse(json) as StoredReportDoc).figures;
    return figures?.format === REPORT_FORMAT ? figures : null;
  } catch {
    return null;
  }
}

/** Published result reports, newest first, with the figures of their public version. */
export function listPublishedReports(db: Db = getDb()) {
  const rows = db.$client
    .prepare(
      `SELECT id, number, issued_date AS issuedDate, public_content AS content FROM documents
      WHERE type = ? AND is_public = 1 ORDER BY issued_date DESC, id DESC LIMIT 200`,
    )
    .all(REPORT_DOCUMENT_TYPE) as Array<{
    id: number;
    number: string;
    issuedDate: string;
    content: string | null;
  }>;
  return rows.flatMap((r) => {
    const snapshot = parseFigures(r.content);
    return snapshot ? [{ id: r.id, number: r.number, issuedDate: r.issuedDate, snapshot }] : [];
  });
}

export function getPublishedReport(id: number, db: Db = getDb()) {
  const r = db.$client
    .prepare(
      `SELECT id, number, issued_date AS issuedDate, public_content AS content FROM documents WHERE id = ? AND type = ? AND is_public = 1`,
    )
    .get(id, REPORT_DOCUMENT_TYPE) as
    { id: number; number: string; issuedDate: string; content: string | null } | undefined;
  const snapshot = r ? parseFigures(r.content) : null;
  return r && snapshot ? { id: r.id, number: r.number, issuedDate: r.issuedDate, snapshot } : null;
}

/**
 * Publishes the report of a finished period (the figures of a running period would still change): a numbered
 * `documents` row of type result_report, public; `documents(number)` returns the narrative (full, with the
 * sections staff complete) and its public version, both with the figures. One publication per period and scope.
 */
export function publishReport(
  {
    report,
    agencyName,
    unitName,
    abbreviation,
    documents,
    actorUserId,
    today,
  }: {
    report: Report;
    agencyName: string;
    unitName: string | null;
    abbreviation: string;
    documents: (number: string) => { full: object; public: object };
    actorUserId: number;
    today: LocalDate;
  },
  db: Db = getDb(),
): { id: number; number: string } {
  if (report.period.end >= today) throw new ReportConflictError('periodNotEnded');
  return db.$client
    .transaction(() => {
      for (const existing of listPublishedReports(db)) {
        const r = existing.snapshot.report;
        if (
          r.period.start === report.period.start &&
          r.period.end === report.period.end &&
          r.unitId === report.unitId
        ) {
          throw new ReportConflictError('alreadyPublished', { number: existing.number });
        }
      }
      const year = Number(today.slice(0, 4));
      const { seq } = db.$client
        .prepare('SELECT coalesce(max(seq), 0) + 1 AS seq FROM documents WHERE type = ? AND year = ?')
        .get(REPORT_DOCUMENT_TYPE, year) as { seq: number };
      const number = `${seq}/BC-${abbreviation}`;
      const figures: ReportSnapshot = { format: REPORT_FORMAT, agencyName, unitName, report };
      const docs = documents(number);
      const res = db.$client
        .prepare(
          `INSERT INTO documents (pakn_id, type, year, seq, number, issued_date, addressee, content, public_content, is_public, created_by_user_id)
          VALUES (NULL, ?, ?, ?, ?, ?, '', ?, ?, 1, ?)`,
        )
        .run(
          REPORT_DOCUMENT_TYPE,
          year,
          seq,
          number,
          today,
          JSON.stringify({ ...docs.full, figures }),
          JSON.stringify({ ...docs.public, figures }),
          actorUserId,
        );
      return { id: Number(res.lastInsertRowid), number };
    })
    .immediate();
}

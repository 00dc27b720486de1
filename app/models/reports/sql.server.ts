/**
 * The SQL building blocks every report query shares (constants only: never user input) and the statement cache.
 * Definitions (docs/reports.md is the reference; the integration test recomputes each one independently):
 * - Period [start, end]: local dates in Asia/Ho_Chi_Minh, inclusive (app/domain/reports/periods.ts). Instants are
 *   compared with the Vietnam midnights bounding it, [S, E), so an item received at 23:59 on `end` is inside.
 * - Closed: a closed status (workflow isClosed) whose close date is in the period. The close instant is closed_at;
 *   for a closed row without closed_at (imported or legacy data) answered_at, then updated_at, then received_at
 *   stand in, and a close instant earlier than receipt is taken as the receipt. This keeps every row in exactly one
 *   place of the balance.
 * - Answered on time: on_time when set, otherwise the local date of answered_at ≤ answer_due.
 */

import { periodBoundsMs, type ReportPeriod } from '~/domain/reports/periods';
import { isClosed, STATUSES } from '~/domain/workflow/transitions';
import {
  type DbOrTx,
  type Dialect,
  dialectOf,
  isDatabase,
  pgQueryableOf,
  transaction,
  type Tx,
  withSqliteClient,
} from '~/utils/db.server';

export const quoteList = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(',');
export const CLOSED_SQL = quoteList(STATUSES.filter(isClosed));
export const OPEN_SQL = `(status NOT IN (${CLOSED_SQL}))`;
/**
 * One unit's rows, or every row when @allUnits is 1. (Not `@unit IS NULL`: PostgreSQL cannot type a parameter
 * that is only tested for NULL, and each use of a parameter is a parameter of its own there.)
 */
export const unitFilter = (column = 'unit_id') => `(@allUnits = 1 OR ${column} = @unit)`;
export const UNIT_FILTER = unitFilter();
/** how many rows of the group meet `cond` (a count, so 0 rather than NULL; the same on both backends) */
export const countIf = (cond: string) => `count(*) FILTER (WHERE ${cond})`;

/** Vietnam is UTC+7 all year (no DST since 1975), so a local date is the UTC date of the instant + 7 h. */
const VN_OFFSET_MS = 25_200_000;

/** What the report SQL writes differently on each backend; everything else is one text. */
export type Flavour = {
  /** the greater of two values: SQLite's scalar max, PostgreSQL's greatest */
  greatest(a: string, b: string): string;
  /** the local date ('YYYY-MM-DD') of an instant in epoch milliseconds */
  localDate(ms: string): string;
  /**
   * The report month ('YYYY-MM') of an instant: with cut-off c > 1, the day c of a month starts the next report
   * month, i.e. month(local date - (c-1) days) + 1. `cutoff` is an integer 1–28 (normaliseCutoffDay).
   */
  reportMonth(ms: string, cutoff: number): string;
  /** SQLite: scan the table rather than walk an index over most of it (PostgreSQL's planner chooses alone) */
  notIndexed: string;
  /** SQLite: LIMIT -1 keeps a subquery a co-routine instead of flattening it into the outer query */
  noFlatten: string;
};

const SQLITE: Flavour = {
  greatest: (a, b) => `max(${a}, ${b})`,
  localDate: (ms) => `date((${ms}) / 1000 + ${VN_OFFSET_MS / 1000}, 'unixepoch')`,
  reportMonth(ms, cutoff) {
    const local = `(${ms}) / 1000 + ${VN_OFFSET_MS / 1000}`;
    return cutoff === 1
      ? `strftime('%Y-%m', ${local}, 'unixepoch')`
      : `strftime('%Y-%m', ${local} - ${(cutoff - 1) * 86400}, 'unixepoch', 'start of month', '+1 month')`;
  },
  notIndexed: 'NOT INDEXED',
  noFlatten: 'LIMIT -1',
};

/** the local date of an instant as a PostgreSQL date: whole days since the epoch of the shifted instant */
const pgDate = (ms: string) => `(date '1970-01-01' + (((${ms}) + ${VN_OFFSET_MS}) / 86400000)::int)`;
const PG: Flavour = {
  greatest: (a, b) => `greatest(${a}, ${b})`,
  localDate: (ms) => `to_char(${pgDate(ms)}, 'YYYY-MM-DD')`,
  // adding a month to any day of month M lands in month M+1 (the day is clamped to the month's end)
  reportMonth: (ms, cutoff) =>
    cutoff === 1
      ? `to_char(${pgDate(ms)}, 'YYYY-MM')`
      : `to_char(${pgDate(ms)} - ${cutoff - 1} + interval '1 month', 'YYYY-MM')`,
  notIndexed: '',
  noFlatten: '',
};

/** The fragments every report query shares, in one backend's SQL (constants only: never user input). */
export function fragments(f: Flavour) {
  /** the effective close instant of a closed row (see the header), NULL for an open one */
  const closeAt = `(CASE WHEN status IN (${CLOSED_SQL}) THEN ${f.greatest('received_at', 'coalesce(closed_at, answered_at, updated_at, received_at)')} END)`;
  const answeredDate = f.localDate(`coalesce(answered_at, ${closeAt})`);
  /** 1 answered on time, 0 late, NULL without an answer date: an integer, as on_time is on both backends */
  const onTimeOf = (date: string) =>
    `coalesce(on_time, CASE WHEN ${date} <= answer_due THEN 1 WHEN ${date} > answer_due THEN 0 END)`;
  return {
    closeAt,
    answeredDate,
    onTimeOf,
    onTime: onTimeOf(answeredDate),
    /** rows that count in the period at all: received before its end and not closed before its start */
    relevant: `received_at < @E AND (${OPEN_SQL} OR ${closeAt} >= @S)`,
  };
}

/** A report query: its text for each backend, built once per backend from the flavour. */
export type ReportQuery = (dialect: Dialect) => string;
export function reportQuery(build: (f: Flavour) => string): ReportQuery {
  const texts = new Map<Dialect, string>();
  return (dialect) => {
    let text = texts.get(dialect);
    if (text === undefined) {
      text = build(dialect === 'pg' ? PG : SQLITE);
      texts.set(dialect, text);
    }
    return text;
  };
}

/** A family of report queries, one per cut-off day of the report month (each built once per backend). */
export function perCutoff(build: (f: Flavour, cutoff: number) => string): (cutoff: number) => ReportQuery {
  const queries = new Map<number, ReportQuery>();
  return (cutoff) => {
    let query = queries.get(cutoff);
    if (!query) {
      query = reportQuery((f) => build(f, cutoff));
      queries.set(cutoff, query);
    }
    return query;
  };
}

/** The key of a report month as Flavour.reportMonth writes it. */
export const monthKey = (p: ReportPeriod) => `${p.year}-${String(p.index ?? 12).padStart(2, '0')}`;

/** `@name` parameters as PostgreSQL's `$k`, one number per name. */
function numbered(text: string, params: Record<string, unknown>): { text: string; values: unknown[] } {
  const order: string[] = [];
  const out = text.replace(/@([A-Za-z_]\w*)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`report SQL: no value for @${name}`);
    let k = order.indexOf(name);
    if (k < 0) k = order.push(name) - 1;
    return `$${k + 1}`;
  });
  return { text: out, values: order.map((name) => params[name]) };
}

/**
 * A report query with named parameters (`@S`, `@E`, …) on either backend. SQLite runs it on its connection under
 * the data layer's lock (statements are compiled once per connection by db.server); PostgreSQL gets `$k`.
 */
export async function namedAll(
  db: DbOrTx,
  query: ReportQuery,
  params: Record<string, unknown> = {},
): Promise<unknown[]> {
  const dialect = dialectOf(db);
  if (dialect === 'sqlite')
    return withSqliteClient(db, (client) => client.prepare(query(dialect)).all(params));
  const { text, values } = numbered(query(dialect), params);
  return (await pgQueryableOf(db).query(text, values)).rows;
}

/**
 * Several report queries that must agree (a balance read in parts): one snapshot. SQLite's transaction is one;
 * PostgreSQL's default (read committed) gives each statement its own, so the transaction asks for repeatable read.
 */
export function inOneSnapshot<T>(db: DbOrTx, work: (tx: Tx) => Promise<T>): Promise<T> {
  // inside a caller's transaction the snapshot is the caller's (PostgreSQL takes the level only first)
  const outermost = isDatabase(db);
  return transaction(db, async (tx) => {
    if (outermost && dialectOf(tx) === 'pg')
      await pgQueryableOf(tx).query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return work(tx);
  });
}

/** The parameters of unitFilter: one unit, or all of them (null). */
export const unitParams = (unitId: number | null) => ({ allUnits: unitId === null ? 1 : 0, unit: unitId });

export type PeriodParams = ReturnType<typeof unitParams> & { S: number; E: number };
/** The named parameters of a period query: its instant bounds [S, E) and the unit (or null). */
export function paramsOf(period: Pick<ReportPeriod, 'start' | 'end'>, unitId: number | null): PeriodParams {
  const { startMs, endMs } = periodBoundsMs(period);
  return { S: startMs, E: endMs, ...unitParams(unitId) };
}

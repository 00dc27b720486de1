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

import type { LocalDate } from '~/domain/dates';
import { periodBoundsMs, type ReportPeriod } from '~/domain/reports/periods';
import { isClosed, STATUSES } from '~/domain/workflow/transitions';
import { type DbOrTx, withSqliteClient } from '~/utils/db.server';

export const quoteList = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(',');
export const CLOSED_SQL = quoteList(STATUSES.filter(isClosed));
/** the effective close instant of a closed row (see the header), NULL for an open one */
export const CLOSE_AT_SQL = `(CASE WHEN status IN (${CLOSED_SQL}) THEN max(received_at, coalesce(closed_at, answered_at, updated_at, received_at)) END)`;
export const OPEN_SQL = `(status NOT IN (${CLOSED_SQL}))`;
/** Vietnam is UTC+7 all year (no DST since 1975), so a local date is the UTC date of the instant + 7 h. */
export const localDateSql = (ms: string) => `date((${ms}) / 1000 + 25200, 'unixepoch')`;
export const ANSWERED_DATE_SQL = localDateSql(`coalesce(answered_at, ${CLOSE_AT_SQL})`);
export const ON_TIME_SQL = `coalesce(on_time, ${ANSWERED_DATE_SQL} <= answer_due)`;
/** rows that count in the period at all: received before its end and not closed before its start */
export const RELEVANT = `received_at < @E AND (${OPEN_SQL} OR ${CLOSE_AT_SQL} >= @S)`;
export const UNIT_FILTER = `(@unit IS NULL OR unit_id = @unit)`;

/**
 * The report month ('YYYY-MM') of an instant, in SQL: with cut-off c > 1, the day c of a month starts the next
 * report month, i.e. month(local date - (c-1) days) + 1. `cutoff` is an integer 1–28 (normaliseCutoffDay).
 */
export function reportMonthSql(ms: string, cutoff: number): string {
  const local = `(${ms}) / 1000 + 25200`;
  return cutoff === 1
    ? `strftime('%Y-%m', ${local}, 'unixepoch')`
    : `strftime('%Y-%m', ${local} - ${(cutoff - 1) * 86400}, 'unixepoch', 'start of month', '+1 month')`;
}

/** The key of a report month as reportMonthSql writes it. */
export const monthKey = (p: ReportPeriod) => `${p.year}-${String(p.index ?? 12).padStart(2, '0')}`;

/**
 * A report query with named parameters (`@S`, `@E`, …), run on the SQLite connection under the data layer's lock
 * (statements are compiled once per connection by db.server). The PostgreSQL twins come with #12's next step.
 */
export function namedAll(db: DbOrTx, sql: string, params: Record<string, unknown> = {}): Promise<unknown[]> {
  return withSqliteClient(db, (client) => client.prepare(sql).all(params));
}

export async function namedGet(
  db: DbOrTx,
  sql: string,
  params: Record<string, unknown> = {},
): Promise<unknown> {
  return (await namedAll(db, sql, params))[0];
}

export type PeriodParams = { S: number; E: number; endDate: LocalDate; unit: number | null };
/** The named parameters of a period query: its instant bounds [S, E), its last date and the unit (or null). */
export function paramsOf(period: Pick<ReportPeriod, 'start' | 'end'>, unitId: number | null): PeriodParams {
  const { startMs, endMs } = periodBoundsMs(period);
  return { S: startMs, E: endMs, endDate: period.end, unit: unitId };
}

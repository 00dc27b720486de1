// The 12-month trend and the II.1 targets of the report year: what the dashboard charts, in one scan.
import type { Target, TrendPoint } from '~/domain/reports/definitions';
import { emptyCounts, targetsOf } from '~/domain/reports/figures';
import { normaliseCutoffDay, type ReportPeriod } from '~/domain/reports/periods';
import {
  countIf,
  fragments,
  monthKey,
  namedAll,
  paramsOf,
  perCutoff,
  UNIT_FILTER,
} from '~/models/reports/sql.server';
import { type DbOrTx, getDb } from '~/utils/db.server';

/**
 * One pass for the 12-month trend and the II.1 targets of the report year: rows grouped by their report month of
 * receipt (rm) and of closure (cm), from which JS sums received/online/digitised per receipt month and
 * closed/answered/on time/published per closure month. The report year is 12 report months, so its targets are
 * sums of the same groups. One query per cut-off day.
 */
const monthlySql = perCutoff((f, cutoff) => {
  const { closeAt, relevant, onTimeOf } = fragments(f);
  return `
SELECT rm, cm, count(*) AS n, ${countIf(`channel = 'online'`)} AS online, ${countIf('dig')} AS digitised,
  ${countIf(`status = 'answered'`)} AS answered, ${countIf(`status = 'answered' AND "onTime" = 1`)} AS "onTime",
  ${countIf(`status = 'answered' AND publication = 'published'`)} AS published
FROM (
  SELECT CASE WHEN received_at >= @S THEN ${f.reportMonth('received_at', cutoff)} END AS rm,
    CASE WHEN ca >= @S AND ca < @E THEN ${f.reportMonth('ca', cutoff)} END AS cm,
    channel, status, publication,
    (received_at >= @S AND (channel = 'online' OR EXISTS (SELECT 1 FROM attachments a WHERE a.pakn_id = x.id))) AS dig,
    (CASE WHEN status = 'answered' THEN ${onTimeOf(f.localDate('coalesce(answered_at, ca)'))} END) AS "onTime"
  FROM (
    SELECT id, received_at, channel, status, publication, on_time, answered_at, answer_due, ${closeAt} AS ca
    FROM pakn ${f.notIndexed} WHERE ${relevant} AND ${UNIT_FILTER} ${f.noFlatten}
  ) x
) y
GROUP BY 1, 2`;
});

/**
 * Received, closed and answered on time per report month, and the II.1 targets over `year` (a periodic year
 * report with the same cut-off), in one scan.
 */
export async function monthlyFigures(
  {
    months,
    year,
    unitId = null,
    cutoffDay,
  }: { months: ReportPeriod[]; year: ReportPeriod; unitId?: number | null; cutoffDay: number },
  db: DbOrTx = getDb(),
): Promise<{ trend: TrendPoint[]; targets: Target[] }> {
  const start = [months[0]!.start, year.start].sort()[0]!;
  const end = [months[months.length - 1]!.end, year.end].sort()[1]!;
  const rows = (await namedAll(
    db,
    monthlySql(normaliseCutoffDay(cutoffDay)),
    paramsOf({ start, end }, unitId),
  )) as Array<{
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

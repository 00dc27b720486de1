// The detail list of the report's workbook: every PAKN counted in the period, without personal data, in chunks.
import type { DetailRow } from '~/domain/reports/definitions';
import type { ReportPeriod } from '~/domain/reports/periods';
import { fragments, namedAll, paramsOf, reportQuery, UNIT_FILTER } from '~/models/reports/sql.server';
import { type Db, getDb } from '~/utils/db.server';

const DETAIL_SQL = reportQuery((f) => {
  const { closeAt, relevant, onTime } = fragments(f);
  return `
SELECT id, code, received_date AS "receivedDate", channel, type, category, field_id AS "fieldId",
  unit_id AS "unitId", status, answer_due AS "answerDue", ${f.localDate(closeAt)} AS "closedDate",
  (CASE WHEN answered_at IS NOT NULL THEN ${f.localDate('answered_at')} END) AS "answeredDate",
  (CASE WHEN status = 'answered' THEN ${onTime} END) AS "onTime", publication
FROM pakn WHERE id > @after AND ${relevant} AND ${UNIT_FILTER}
ORDER BY id LIMIT @limit`;
});

/**
 * The PAKN counted in the period (carried over or received), without personal data, in id order and in chunks:
 * each chunk is its own short statement, so a slow download never keeps the connection busy for other requests.
 */
export async function* reportDetailChunks(
  {
    period,
    unitId = null,
    chunkSize = 5000,
  }: { period: ReportPeriod; unitId?: number | null; chunkSize?: number },
  db: Db = getDb(),
): AsyncGenerator<DetailRow[]> {
  const params = paramsOf(period, unitId);
  let after = 0;
  for (;;) {
    const rows = (await namedAll(db, DETAIL_SQL, { ...params, after, limit: chunkSize })) as DetailRow[];
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
    if (rows.length < chunkSize) return;
  }
}

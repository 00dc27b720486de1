// What the four report downloads share before rendering: a valid period and scope for this actor, the figures,
// and the audit entry 'report.export'.
import type { Actor } from '~/domain/permissions';
import type { ExportFormat, ReportContext } from '~/domain/reports/definitions';
import { audit } from '~/models/audit.server';
import { parseReportQuery, type ReportQueryError } from '~/models/reports/query.server';
import { reportContext } from '~/models/reports/report.server';
import { type Db, getDb } from '~/utils/db.server';

export type ReportDownload =
  { ok: true; ctx: ReportContext } | { ok: false; status: 400 | 403; errors: ReportQueryError[] };

export async function prepareReportDownload(
  { params, actor, format, ip }: { params: URLSearchParams; actor: Actor; format: ExportFormat; ip?: string },
  db: Db = getDb(),
): Promise<ReportDownload> {
  const query = await parseReportQuery(params, actor, db);
  if (!query.ok) return { ok: false, status: query.status, errors: query.errors };
  const ctx = await reportContext({ period: query.period, unitId: query.unitId }, db);
  await audit(
    {
      actorUserId: actor.id,
      action: 'report.export',
      targetType: 'report',
      targetId: `${query.period.start}..${query.period.end}`,
      ip,
      detail: { format, start: query.period.start, end: query.period.end, unitId: query.unitId },
    },
    db,
  );
  return { ok: true, ctx };
}

// The report's workbook, streamed (app/exports/report-xlsx.server.ts).
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node';

import { requirePermission } from '~/auth/guards.server';
import { CONTENT_TYPES } from '~/exports/attachment';
import { downloadHeaders, queryErrorResponse } from '~/exports/report-download.server';
import { reportWorkbookStream } from '~/exports/report-xlsx.server';
import { reportDetailChunks } from '~/models/reports/detail.server';
import { prepareReportDownload } from '~/models/reports/download.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'export:run');
  const params = new URL(request.url).searchParams;
  const d = await prepareReportDownload({ params, actor, format: 'xlsx', ip: clientIp(context) });
  if (!d.ok) {
    const t = getT(getLocale(request));
    return queryErrorResponse(
      d.errors.map((e) => t(`reports.errors.${e.key}`)),
      d.status,
    );
  }
  const { period, unitId } = d.ctx.report;
  const stream = reportWorkbookStream(d.ctx, reportDetailChunks({ period, unitId }));
  return new Response(createReadableStreamFromReadable(stream), {
    headers: downloadHeaders(d.ctx, 'xlsx', CONTENT_TYPES.xlsx),
  });
}

// The report's figures as CSV (UTF-8 with BOM), one figure per line.
import type { LoaderFunctionArgs } from '@remix-run/node';

import { requirePermission } from '~/auth/guards.server';
import { CONTENT_TYPES } from '~/exports/attachment';
import { reportCsv } from '~/exports/report-csv.server';
import { downloadHeaders, queryErrorResponse } from '~/exports/report-download.server';
import { prepareReportDownload } from '~/models/reports/download.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'export:run');
  const params = new URL(request.url).searchParams;
  const d = await prepareReportDownload({ params, actor, format: 'csv', ip: clientIp(context) });
  if (!d.ok) {
    const t = getT(getLocale(request));
    return queryErrorResponse(
      d.errors.map((e) => t(`reports.errors.${e.key}`)),
      d.status,
    );
  }
  return new Response(reportCsv(d.ctx), { headers: downloadHeaders(d.ctx, 'csv', CONTENT_TYPES.csv) });
}

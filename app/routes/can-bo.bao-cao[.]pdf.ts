// The narrative report as an A4 PDF (Nghị định 30/2020 layout, Vietnamese font embedded).
import type { LoaderFunctionArgs } from '@remix-run/node';

import { requirePermission } from '~/auth/guards.server';
import { CONTENT_TYPES } from '~/exports/attachment';
import { downloadHeaders, queryErrorResponse } from '~/exports/report-download.server';
import { reportPdf } from '~/exports/report-pdf.server';
import { prepareReportDownload } from '~/models/reports/download.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'export:run');
  const params = new URL(request.url).searchParams;
  const d = await prepareReportDownload({ params, actor, format: 'pdf', ip: clientIp(context) });
  if (!d.ok) {
    const t = getT(getLocale(request));
    return queryErrorResponse(
      d.errors.map((e) => t(`reports.errors.${e.key}`)),
      d.status,
    );
  }
  return new Response(new Uint8Array(await reportPdf(d.ctx)), {
    headers: downloadHeaders(d.ctx, 'pdf', CONTENT_TYPES.pdf),
  });
}

// The narrative report to complete in Word: a real .docx (Office Open XML), built by app/exports/word/docx.server.ts.
import type { LoaderFunctionArgs } from '@remix-run/node';

import { requirePermission } from '~/auth/guards.server';
import { CONTENT_TYPES } from '~/exports/attachment';
import { reportDocx } from '~/exports/report-docx.server';
import { downloadHeaders, queryErrorResponse } from '~/exports/report-download.server';
import { prepareReportDownload } from '~/models/reports/download.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'export:run');
  const params = new URL(request.url).searchParams;
  const d = await prepareReportDownload({ params, actor, format: 'docx', ip: clientIp(context) });
  if (!d.ok) {
    const t = getT(getLocale(request));
    return queryErrorResponse(
      d.errors.map((e) => t(`reports.errors.${e.key}`)),
      d.status,
    );
  }
  const docx = await reportDocx(d.ctx);
  return new Response(new Uint8Array(docx), {
    headers: { ...downloadHeaders(d.ctx, 'docx', CONTENT_TYPES.docx), 'Content-Length': String(docx.length) },
  });
}

// The queue's filtered list as an Excel workbook (same query string as /can-bo).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { buildQueueExport, exportHeaders, queueXlsx } from '~/models/queue-export.server';
import { requirePermission } from '~/auth/guards.server';
import { clientIp } from '~/utils/http.server';
import { getLocale } from '~/utils/i18n.server';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'queue:read');
  const lang = getLocale(request);
  const params = new URL(request.url).searchParams;
  const e = buildQueueExport({ actor, params, lang, ip: clientIp(context) });
  return new Response(new Uint8Array(await queueXlsx(e, lang)), {
    headers: exportHeaders(e.fileName, 'xlsx', XLSX),
  });
}

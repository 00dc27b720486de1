// The queue's filtered list as CSV (same query string as /can-bo).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { buildQueueExport, exportHeaders, queueCsv } from '~/models/queue-export.server';
import { requirePermission } from '~/auth/guards.server';
import { clientIp } from '~/utils/http.server';
import { getLocale } from '~/utils/i18n.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'queue:read');
  const lang = getLocale(request);
  const params = new URL(request.url).searchParams;
  const e = buildQueueExport({ actor, params, lang, ip: clientIp(context) });
  return new Response(queueCsv(e, lang), {
    headers: exportHeaders(e.fileName, 'csv', 'text/csv; charset=utf-8'),
  });
}

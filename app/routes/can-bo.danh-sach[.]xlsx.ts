// The queue's filtered list as an Excel workbook (same query string as /can-bo).
import type { LoaderFunctionArgs } from '@remix-run/node';

import { requirePermission } from '~/auth/guards.server';
import { CONTENT_TYPES } from '~/exports/attachment';
import { queueExportHeaders, queueXlsx } from '~/exports/queue-export.server';
import { loadQueueExport } from '~/models/queue-export.server';
import { clientIp } from '~/utils/http.server';
import { getLocale } from '~/utils/i18n.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'queue:read');
  const lang = getLocale(request);
  const params = new URL(request.url).searchParams;
  const e = await loadQueueExport({ actor, params, lang, ip: clientIp(context) });
  return new Response(new Uint8Array(await queueXlsx(e, lang)), {
    headers: queueExportHeaders(e, 'xlsx', CONTENT_TYPES.xlsx),
  });
}

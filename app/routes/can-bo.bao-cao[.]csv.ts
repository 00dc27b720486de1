// The report's figures as CSV (UTF-8 with BOM), one figure per line.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { downloadHeaders, prepareExport, reportCsv } from '~/models/report-export.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await prepareExport(request, context, 'csv');
  if (ctx instanceof Response) return ctx;
  return new Response(reportCsv(ctx), { headers: downloadHeaders(ctx, 'csv', 'text/csv; charset=utf-8') });
}

// The report's workbook, streamed (app/models/report-export.server.ts).
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node';
import { downloadHeaders, prepareExport, reportWorkbookStream } from '~/models/report-export.server';
import { reportDetailChunks } from '~/models/reports.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await prepareExport(request, context, 'xlsx');
  if (ctx instanceof Response) return ctx;
  const stream = reportWorkbookStream(
    ctx,
    reportDetailChunks({ period: ctx.report.period, unitId: ctx.report.unitId }),
  );
  return new Response(createReadableStreamFromReadable(stream), {
    headers: downloadHeaders(
      ctx,
      'xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ),
  });
}

// The narrative report as an A4 PDF (Nghị định 30/2020 layout, Vietnamese font embedded).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { downloadHeaders, prepareExport, reportPdf } from '~/models/report-export.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await prepareExport(request, context, 'pdf');
  if (ctx instanceof Response) return ctx;
  return new Response(new Uint8Array(await reportPdf(ctx)), {
    headers: downloadHeaders(ctx, 'pdf', 'application/pdf'),
  });
}

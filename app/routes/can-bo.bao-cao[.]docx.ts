// The narrative report to complete in Word: a real .docx (Office Open XML), built by app/exports/word/docx.server.ts.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { downloadHeaders, prepareExport, reportDocx } from '~/models/report-export.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await prepareExport(request, context, 'docx');
  if (ctx instanceof Response) return ctx;
  const docx = await reportDocx(ctx);
  return new Response(new Uint8Array(docx), {
    headers: {
      ...downloadHeaders(
        ctx,
        'docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ),
      'Content-Length': String(docx.length),
    },
  });
}

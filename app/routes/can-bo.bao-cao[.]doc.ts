// The narrative report to complete in Word: Word-flavoured HTML served as application/msword with a .doc name.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { downloadHeaders, prepareExport, reportWordHtml } from '~/models/report-export.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await prepareExport(request, context, 'doc');
  if (ctx instanceof Response) return ctx;
  return new Response(reportWordHtml(ctx), {
    headers: downloadHeaders(ctx, 'doc', 'application/msword; charset=utf-8'),
  });
}

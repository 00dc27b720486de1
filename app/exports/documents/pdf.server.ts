// The PDF responses of the document routes: rendered once per document version (app/exports/pdf/cache.server.ts),
// with a strong ETag, and 304 when the browser has that version already.
import type { OfficialDocument } from '~/domain/official-document';
import { getDocumentPdf, matchesEtag, pdfEtag, type PdfVariant } from '~/exports/pdf/cache.server';
import { cacheHeaders, type CacheKind } from './page.server';

export { pdfFileName } from '~/domain/official-document';

export function pdfResponse(
  pdf: Buffer,
  { fileName, cache }: { fileName: string; cache: CacheKind },
): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.length),
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'X-Content-Type-Options': 'nosniff',
      ...cacheHeaders(cache),
    },
  });
}

export async function documentPdfResponse(
  request: Request,
  args: { id: number; variant: PdfVariant; doc: OfficialDocument; fileName: string; cache: CacheKind },
): Promise<Response> {
  const { id, variant, doc, fileName, cache } = args;
  const { etag } = await pdfEtag({ id, variant, doc });
  if (matchesEtag(request, etag)) {
    return new Response(null, { status: 304, headers: { ETag: etag, ...cacheHeaders(cache) } });
  }
  const { pdf } = await getDocumentPdf({ id, variant, doc });
  const res = pdfResponse(pdf, { fileName, cache });
  res.headers.set('ETag', etag);
  return res;
}

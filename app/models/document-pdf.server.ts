// The PDF responses of the document routes: rendered once per document version (app/utils/pdf-cache.server.ts),
// with a strong ETag, and 304 when the browser has that version already.
import { cacheHeaders, pdfResponse, type CacheKind } from './documents.server';
import type { OfficialDocument } from '~/utils/pdf.server';
import { getDocumentPdf, matchesEtag, pdfEtag, type PdfVariant } from '~/utils/pdf-cache.server';

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

// A document for staff as PDF (A4, embedded Vietnamese font): full or redacted as on the HTML page; 404 otherwise.
import type { LoaderFunctionArgs } from '@remix-run/node';

import { requireStaff } from '~/auth/guards.server';
import { documentNotFound, parseDocumentId } from '~/exports/documents/page.server';
import { documentPdfResponse, pdfFileName } from '~/exports/documents/pdf.server';
import { documentVersion, getDocumentForStaff } from '~/models/documents.server';
import { clientIp } from '~/utils/http.server';
import { getLocale } from '~/utils/i18n.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request);
  const id = parseDocumentId(params.id);
  const found = id ? await getDocumentForStaff({ actor, id, ip: clientIp(context) }) : null;
  if (!found) return documentNotFound(getLocale(request));
  return documentPdfResponse(request, {
    id: found.document.id,
    variant: found.full ? 'full' : 'redacted',
    doc: await documentVersion(found.document, !found.full),
    fileName: pdfFileName(found.document.number, found.full ? '' : '-an-thong-tin'),
    cache: 'private',
  });
}

// The public, redacted version of a public document as PDF; 404 for anything else.
import type { LoaderFunctionArgs } from '@remix-run/node';

import { documentNotFound, parseDocumentId } from '~/exports/documents/page.server';
import { documentPdfResponse, pdfFileName } from '~/exports/documents/pdf.server';
import { getPublicDocument } from '~/models/documents.server';
import { getLocale } from '~/utils/i18n.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = parseDocumentId(params.id);
  const found = id ? await getPublicDocument({ id }) : null;
  if (!found) return documentNotFound(getLocale(request));
  return documentPdfResponse(request, {
    id: found.document.id,
    variant: 'public',
    doc: found.publicDoc,
    fileName: pdfFileName(found.document.number, '-cong-khai'),
    cache: 'public',
  });
}

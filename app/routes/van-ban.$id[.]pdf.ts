// The public, redacted version of a public document as PDF; 404 for anything else.
import type { LoaderFunctionArgs } from '@remix-run/node';
import {
  documentNotFound,
  getPublicDocument,
  parseDocumentId,
  pdfFileName,
  pdfResponse,
} from '~/models/documents.server';
import { getLocale } from '~/utils/i18n.server';
import { renderOfficialPdf } from '~/utils/pdf.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = parseDocumentId(params.id);
  const found = id ? getPublicDocument({ id }) : null;
  if (!found) return documentNotFound(getLocale(request));
  const pdf = await renderOfficialPdf(found.publicDoc);
  return pdfResponse(pdf, { fileName: pdfFileName(found.document.number, '-cong-khai'), cache: 'public' });
}

// The submitter's own document as PDF; same guard as the HTML page.
import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import {
  getDocumentForSubmitter,
  parseDocumentId,
  pdfFileName,
  pdfResponse,
} from '~/models/documents.server';
import { getFollowedIds } from '~/utils/follow-session.server';
import { renderOfficialPdf } from '~/utils/pdf.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = parseDocumentId(params.id);
  const found = id ? getDocumentForSubmitter({ id, followedIds: await getFollowedIds(request) }) : null;
  if (!found) return redirect('/theo-doi');
  const pdf = await renderOfficialPdf(found.document.doc);
  return pdfResponse(pdf, { fileName: pdfFileName(found.document.number), cache: 'private' });
}

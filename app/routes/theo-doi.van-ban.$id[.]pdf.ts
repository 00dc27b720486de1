// The submitter's own document as PDF; same guard as the HTML page.
import { type LoaderFunctionArgs, redirect } from '@remix-run/node';

import { parseDocumentId } from '~/exports/documents/page.server';
import { documentPdfResponse, pdfFileName } from '~/exports/documents/pdf.server';
import { getDocumentForSubmitter } from '~/models/documents.server';
import { getFollowedIds } from '~/utils/follow-session.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = parseDocumentId(params.id);
  const found = id ? await getDocumentForSubmitter({ id, followedIds: await getFollowedIds(request) }) : null;
  if (!found) return redirect('/theo-doi');
  return documentPdfResponse(request, {
    id: found.document.id,
    variant: 'full',
    doc: found.document.doc,
    fileName: pdfFileName(found.document.number),
    cache: 'private',
  });
}

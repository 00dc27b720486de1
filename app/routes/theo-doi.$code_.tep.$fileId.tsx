// A file the submitter sent (with the form or with a reply to an information request), for the browser
// that proved it may follow this PAKN; 404 for anyone else. Always a download, never rendered inline.
import type { LoaderFunctionArgs } from '@remix-run/node';

import { normaliseCode } from '~/domain/pakn';
import { openAttachment } from '~/models/record.server';
import { getSubmitterFile } from '~/models/submitter-files.server';
import { getFollowedIds } from '~/utils/follow-session.server';
import { parseId } from '~/utils/form-values';
import { fileNotFound, storedFileResponse } from '~/utils/stored-file.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const fileId = parseId(params.fileId);
  if (!params.code || fileId === null) throw fileNotFound(request);
  const file = await getSubmitterFile({ code: normaliseCode(params.code), fileId });
  const ids = await getFollowedIds(request);
  if (!file || file.paknId === null || !ids.includes(file.paknId)) throw fileNotFound(request);
  const stream = openAttachment(file.storedName);
  if (!stream) throw fileNotFound(request);
  return storedFileResponse(stream, file, 'private, no-store');
}

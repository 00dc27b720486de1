// A file published with an answer (a redacted copy or the signed letter): only files staff marked public,
// only while the answer is published; always a download, never rendered inline.
import type { LoaderFunctionArgs } from '@remix-run/node';

import { normaliseCode } from '~/domain/pakn';
import { getPublicFile } from '~/models/publication-files.server';
import { openAttachment } from '~/models/record.server';
import { parseId } from '~/utils/form-values';
import { fileNotFound, storedFileResponse } from '~/utils/stored-file.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const fileId = parseId(params.fileId);
  if (!params.code || fileId === null) throw fileNotFound(request);
  const file = await getPublicFile({ code: normaliseCode(params.code), fileId });
  const stream = file ? openAttachment(file.storedName) : null;
  if (!file || !stream) throw fileNotFound(request);
  // short: a withdrawn answer's files must stop being served soon
  return storedFileResponse(stream, file, 'public, max-age=60');
}

// An attachment of a PAKN, for staff who may read that PAKN; always a download, never rendered inline.
import type { LoaderFunctionArgs } from '@remix-run/node';

import { requireStaff } from '~/auth/guards.server';
import { WorkflowError } from '~/domain/workflow/errors';
import { getAttachmentForStaff, openAttachment } from '~/models/record.server';
import { parseId } from '~/utils/form-values';
import { clientIp } from '~/utils/http.server';
import { fileNotFound, storedFileResponse } from '~/utils/stored-file.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request);
  const paknId = parseId(params.id);
  const fileId = parseId(params.fileId);
  if (paknId === null || fileId === null) throw fileNotFound(request);
  let file;
  try {
    file = await getAttachmentForStaff({ actor, paknId, fileId, ip: clientIp(context) });
  } catch (error) {
    if (error instanceof WorkflowError) throw fileNotFound(request);
    throw error;
  }
  const stream = openAttachment(file.storedName);
  if (!stream) throw fileNotFound(request);
  return storedFileResponse(stream, file, 'private, no-store');
}

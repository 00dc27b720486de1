// An attachment of a PAKN, for staff who may read that PAKN; always a download, never rendered inline.
import { json, type LoaderFunctionArgs } from '@remix-run/node';

import { requireStaff } from '~/auth/guards.server';
import { WorkflowError } from '~/domain/workflow/errors';
import { getAttachmentForStaff, openAttachment } from '~/models/record.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name (Vietnamese file names). */
function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request);
  const t = getT(getLocale(request));
  const notFound = () => json({ message: t('staff.errors.fileNotFound') }, { status: 404 });
  const { id, fileId } = params;
  if (!id || !fileId || !/^\d{1,12}$/.test(id) || !/^\d{1,12}$/.test(fileId)) throw notFound();
  let file;
  try {
    file = getAttachmentForStaff({
      actor,
      paknId: Number(id),
      fileId: Number(fileId),
      ip: clientIp(context),
    });
  } catch (error) {
    if (error instanceof WorkflowError) throw notFound();
    throw error;
  }
  const stream = openAttachment(file.storedName);
  if (!stream) throw notFound();
  return new Response(stream, {
    headers: {
      'Content-Type': file.mime,
      'Content-Length': String(file.size),
      'Content-Disposition': contentDisposition(file.name),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}

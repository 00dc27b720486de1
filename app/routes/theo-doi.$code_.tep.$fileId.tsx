// A file the submitter sent (with the form or with a reply to an information request), for the browser
// that proved it may follow this PAKN; 404 for anyone else. Always a download, never rendered inline.
import { json, type LoaderFunctionArgs } from '@remix-run/node';

import { normaliseCode } from '~/domain/pakn';
import { openAttachment } from '~/models/record.server';
import { getSubmitterFile } from '~/models/submitter-files.server';
import { getFollowedIds } from '~/utils/follow-session.server';
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

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = getT(getLocale(request));
  const notFound = () => json({ message: t('staff.errors.fileNotFound') }, { status: 404 });
  const { code, fileId } = params;
  if (!code || !fileId || !/^\d{1,12}$/.test(fileId)) throw notFound();
  const file = getSubmitterFile({ code: normaliseCode(code), fileId: Number(fileId) });
  const ids = await getFollowedIds(request);
  if (!file || file.paknId === null || !ids.includes(file.paknId)) throw notFound();
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

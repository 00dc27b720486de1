// A file published with an answer (a redacted copy or the signed letter): only files staff marked public,
// only while the answer is published; always a download, never rendered inline.
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { normaliseCode } from '~/domain/pakn';
import { getPublicFile } from '~/models/publication-files.server';
import { openAttachment } from '~/models/record.server';
import { getLocale, getT } from '~/utils/i18n.server';

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
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
  const file = getPublicFile({ code: normaliseCode(code), fileId: Number(fileId) });
  const stream = file ? openAttachment(file.storedName) : null;
  if (!file || !stream) throw notFound();
  return new Response(stream, {
    headers: {
      'Content-Type': file.mime,
      'Content-Length': String(file.size),
      'Content-Disposition': contentDisposition(file.name),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      // short: a withdrawn answer's files must stop being served soon
      'Cache-Control': 'public, max-age=60',
    },
  });
}

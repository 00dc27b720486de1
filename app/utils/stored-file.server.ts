// A stored file (an upload, a file published with an answer) handed to a browser, shared by the three
// download routes (staff, submitter, public): always a download, never rendered inline nor sniffed, and
// sandboxed if opened anyway; one translated 404 for a file that does not exist or may not be read.
import { json } from '@remix-run/node';

import { getLocale, getT } from './i18n.server';

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name (Vietnamese file names). */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The download; `cacheControl` says who may keep it (no-store for private files). */
export function storedFileResponse(
  stream: ReadableStream<Uint8Array>,
  file: { mime: string; size: number; name: string },
  cacheControl: string,
): Response {
  return new Response(stream, {
    headers: {
      'Content-Type': file.mime,
      'Content-Length': String(file.size),
      'Content-Disposition': contentDisposition(file.name),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': cacheControl,
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}

/** The answer (to throw) for a file that does not exist, or that this reader may not see. */
export function fileNotFound(request: Request) {
  return json({ message: getT(getLocale(request))('staff.errors.fileNotFound') }, { status: 404 });
}

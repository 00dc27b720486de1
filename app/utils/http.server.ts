// Small helpers shared by routes: safe redirects, the same-origin check, client facts from the Express context.
import { getEnv } from './env.server';

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (!to || typeof to !== 'string') return fallback;
  // browsers drop tabs and newlines from a URL ("/\t/evil" is "//evil") and read "\" as "/"; CR/LF
  // and other controls cannot go in a Location header at all (500)
  if (/[\u0000-\u0020\u007f\\]/.test(to)) return fallback;
  if (!to.startsWith('/') || to.startsWith('//')) return fallback;
  return to;
}

export type AppLoadContext = { cspNonce: string; requestId: string; clientIp: string };

export function clientIp(context: unknown): string {
  return (context as Partial<AppLoadContext> | undefined)?.clientIp ?? 'unknown';
}

/** Public pages are the same for everyone in a language: a short shared cache absorbs bursts. */
export const PUBLIC_CACHE = {
  'Cache-Control': 'public, max-age=60, stale-while-revalidate=300',
  Vary: 'Cookie',
};

/**
 * Where a request says it comes from — the portal's one origin check:
 * 'same': its Origin is BASE_URL's origin, or without an Origin the browser says Sec-Fetch-Site: same-origin;
 * 'cross': another Origin (or "null"), or Sec-Fetch-Site: cross-site;
 * 'unknown': neither header tells (a client that is not a browser, an old browser).
 * server.mjs refuses every 'cross' post before Remix sees it; staff posts must be 'same' (assertSameOrigin).
 */
export type OriginVerdict = 'same' | 'cross' | 'unknown';

export function originVerdict({
  origin,
  fetchSite,
}: {
  origin: string | null | undefined;
  fetchSite: string | null | undefined;
}): OriginVerdict {
  if (origin) return origin !== 'null' && origin === new URL(getEnv().BASE_URL).origin ? 'same' : 'cross';
  if (fetchSite === 'same-origin') return 'same';
  return fetchSite === 'cross-site' ? 'cross' : 'unknown';
}

/** True when a request certainly comes from our own pages (see originVerdict). */
export function isSameOrigin(request: Request): boolean {
  const verdict = originVerdict({
    origin: request.headers.get('Origin'),
    fetchSite: request.headers.get('Sec-Fetch-Site'),
  });
  return verdict === 'same';
}

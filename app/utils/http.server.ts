// Small helpers shared by routes: safe redirects and client facts from the Express context.
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

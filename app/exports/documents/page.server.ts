// The printable pages of the official documents: the document as printable HTML (official-html.server.ts) with
// the portal's toolbar above it and its print CSS served from DOCUMENT_CSS_PATH, the error page in the same look,
// and the HTTP answers of the document routes (cache headers per audience).
import type { OfficialDocument } from '~/domain/official-document';
import { getT } from '~/utils/i18n.server';
import { renderOfficialHtml } from './official-html.server';

/** The print stylesheet's URL: the CSP (style-src 'self') forbids the inline <style> of renderOfficialHtml. */
export const DOCUMENT_CSS_PATH = '/van-ban/in.css';

const TOOLBAR_CSS = `
.doc-toolbar { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 11pt; line-height: 1.4; display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: baseline; padding: 8px 0; margin: 0 0 8mm; border-bottom: 1px solid #b1b4b6; }
.doc-toolbar a { color: #0b4f9c; text-decoration: underline; }
.doc-toolbar a:focus { outline: 3px solid #ffbf47; outline-offset: 0; background: #ffbf47; color: #0b0c0c; }
.doc-toolbar .hint { color: #454545; }
.doc-notice { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 11pt; margin: 0 0 6mm; padding: 6px 10px; border-left: 4px solid #0b4f9c; background: #f3f2f1; }
.doc-error { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; padding: 16mm 0; }
@media print { .doc-toolbar, .doc-notice { display: none !important; } }
`;

let cssCache: string | undefined;
/** The print CSS of official-html.server.ts (taken from its output, so the two never drift) plus the toolbar's. */
export function documentCss(): string {
  if (cssCache === undefined) {
    const sample = renderOfficialHtml({
      agencyParent: '',
      agencyName: '',
      number: '',
      place: '',
      date: '',
      title: '',
      paragraphs: [],
      signerTitle: '',
      signerName: '',
    });
    const inline = [...sample.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
    cssCache = `${inline.trim()}\n${TOOLBAR_CSS.trim()}\n`;
  }
  return cssCache;
}

const esc = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

export type ToolbarLink = { href: string; label: string };
export type PageChrome = {
  /** the interface language of the toolbar ('vi' | 'en'); the document itself stays Vietnamese */
  lang: string;
  navLabel: string;
  links: ToolbarLink[];
  hint?: string;
  notice?: string;
  noindex?: boolean;
};

/** Only same-site paths: a toolbar link never leads off the portal. */
const safeHref = (href: string) => (href.startsWith('/') && !href.startsWith('//') ? href : '/');

/** renderOfficialHtml's page with its style moved to DOCUMENT_CSS_PATH and the toolbar above the document. */
export function documentPage(doc: OfficialDocument, chrome: PageChrome): string {
  const html = renderOfficialHtml(doc);
  const head = [
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    chrome.noindex ? '<meta name="robots" content="noindex">' : '',
    `<link rel="stylesheet" href="${DOCUMENT_CSS_PATH}">`,
  ]
    .filter(Boolean)
    .join('\n');
  const langAttr = chrome.lang === 'vi' ? '' : ` lang="${esc(chrome.lang)}"`;
  const links = chrome.links.map((l) => `<a href="${esc(safeHref(l.href))}">${esc(l.label)}</a>`).join('\n');
  const toolbar =
    `<nav class="doc-toolbar" aria-label="${esc(chrome.navLabel)}"${langAttr}>\n${links}\n` +
    (chrome.hint ? `<span class="hint">${esc(chrome.hint)}</span>\n` : '') +
    '</nav>\n' +
    (chrome.notice ? `<p class="doc-notice" role="note"${langAttr}>${esc(chrome.notice)}</p>\n` : '');
  return html.replace(/<style>[\s\S]*?<\/style>/g, () => head).replace(/<body>\n?/, (m) => `${m}${toolbar}`);
}

/** A small standalone error page in the look of the document pages (404 and the like). */
export function documentErrorPage({
  lang,
  title,
  message,
  homeLabel,
}: {
  lang: string;
  title: string;
  message: string;
  homeLabel: string;
}): string {
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${DOCUMENT_CSS_PATH}">
</head>
<body>
<main class="doc-error">
<h1>${esc(title)}</h1>
<p>${esc(message)}</p>
<p><a href="/">${esc(homeLabel)}</a></p>
</main>
</body>
</html>
`;
}

/** The 404 page of the document routes, in the visitor's language. */
export function documentNotFound(locale: 'vi' | 'en'): Response {
  const t = getT(locale);
  return htmlResponse(
    documentErrorPage({
      lang: locale,
      title: t('documents.errors.notFoundTitle'),
      message: t('documents.errors.notFound'),
      homeLabel: t('documents.errors.home'),
    }),
    { status: 404, cache: 'private' },
  );
}

export type CacheKind = 'private' | 'public';

export const cacheHeaders = (cache: CacheKind): Record<string, string> =>
  cache === 'public'
    ? { 'Cache-Control': 'public, max-age=300, stale-while-revalidate=600', Vary: 'Cookie' }
    : { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' };

export function htmlResponse(
  html: string,
  { status = 200, cache }: { status?: number; cache: CacheKind },
): Response {
  return new Response(html, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      ...cacheHeaders(cache),
    },
  });
}

export function cssResponse(): Response {
  return new Response(documentCss(), {
    headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
}

/** `/…/$id` params: a positive integer or null. */
export function parseDocumentId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,12}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}

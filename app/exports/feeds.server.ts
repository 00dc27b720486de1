// The Atom feed of published answers and the sitemap (XML built by hand: both are small and fixed).
import type { OpenDataRow } from '~/domain/open-data';
import { getEnv } from '~/utils/env.server';

const xmlEscape = (s: string) =>
  s
    .replace(
      /[<>&'"]/g,
      (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
    )
    // characters XML 1.0 forbids
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

export function atomFeed({ title, rows }: { title: string; rows: OpenDataRow[] }): string {
  const base = getEnv().BASE_URL;
  const updated = rows[0]?.published_date
    ? `${rows[0].published_date}T00:00:00+07:00`
    : new Date().toISOString();
  const entries = rows
    .map(
      (r) => `  <entry>
    <id>${xmlEscape(r.url)}</id>
    <title>${xmlEscape(`${r.code}: ${r.title}`)}</title>
    <link href="${xmlEscape(r.url)}"/>
    <updated>${r.published_date}T00:00:00+07:00</updated>
    <summary>${xmlEscape(r.summary)}</summary>
    <content type="text">${xmlEscape(r.answer)}</content>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xmlEscape(`${base}/cong-khai.atom`)}</id>
  <title>${xmlEscape(title)}</title>
  <link rel="self" href="${xmlEscape(`${base}/cong-khai.atom`)}"/>
  <link href="${xmlEscape(`${base}/cong-khai`)}"/>
  <updated>${updated}</updated>
${entries}
</feed>
`;
}

export function sitemap(urls: Array<{ loc: string; lastmod?: string }>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => `  <url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;
}

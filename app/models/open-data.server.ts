// The redacted open-data export and the feeds: only published, public fields, never contact details.
import { isValidLocalDate, toLocalDate } from '~/domain/calendar';
import { OPEN_DATA_COLUMNS } from '~/domain/open-data';
import { listFields, listUnits } from './config.server';
import { listPublishedSince } from './public.server';
import { getEnv } from '~/utils/env.server';
import { markdownToPlainText } from '~/utils/markdown.server';

export const MAX_RANGE_DAYS = 5 * 366;
export const MAX_ROWS = 100_000;

export type RangeError = { message: 'rangeOrder' | 'rangeTooLong' | 'rangeInvalid' };

/** Local dates 'YYYY-MM-DD'; `to` inclusive. Absurd ranges are refused rather than truncated. */
export function parseRange(params: URLSearchParams): { from?: Date; to?: Date } | RangeError {
  const from = params.get('from') || undefined;
  const to = params.get('to') || undefined;
  if ((from && !isValidLocalDate(from)) || (to && !isValidLocalDate(to))) return { message: 'rangeInvalid' };
  const fromDate = from ? new Date(`${from}T00:00:00+07:00`) : undefined;
  const toDate = to ? new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000) : undefined;
  if (fromDate && toDate) {
    if (toDate <= fromDate) return { message: 'rangeOrder' };
    if ((toDate.getTime() - fromDate.getTime()) / 86_400_000 > MAX_RANGE_DAYS)
      return { message: 'rangeTooLong' };
  }
  return { from: fromDate, to: toDate };
}

export function openDataRows(range: { from?: Date; to?: Date }, limit = MAX_ROWS) {
  const fields = new Map(listFields({ activeOnly: false }).map((f) => [f.id, f.name]));
  const units = new Map(listUnits({ activeOnly: false }).map((u) => [u.id, u.name]));
  const base = getEnv().BASE_URL;
  return listPublishedSince({ ...range, limit }).map((r) => ({
    code: r.code,
    url: `${base}/cong-khai/${r.code}`,
    title: r.title ?? '',
    summary: r.summary ?? '',
    answer: markdownToPlainText(r.answer ?? ''),
    type: r.type,
    category: r.category,
    field: r.fieldId ? (fields.get(r.fieldId) ?? '') : '',
    unit: r.unitId ? (units.get(r.unitId) ?? '') : '',
    received_date: r.receivedDate,
    answer_due: r.extendedTo ?? r.answerDue,
    answered_date: r.answeredAt ? toLocalDate(r.answeredAt) : '',
    published_date: r.publishedAt ? toLocalDate(r.publishedAt) : '',
    /** a boolean in JSON; `true`/`false`/empty in CSV (see toCsv); null while not known */
    on_time: r.onTime,
  }));
}

/** RFC 4180 CSV; cells that start like a formula are prefixed so spreadsheets do not execute them. */
export function toCsv(rows: Array<Record<string, string | number | boolean | null>>): string {
  const cell = (v: string | number | boolean | null) => {
    let s = v === null ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [OPEN_DATA_COLUMNS.join(',')];
  for (const r of rows) lines.push(OPEN_DATA_COLUMNS.map((c) => cell(r[c] ?? '')).join(','));
  // a BOM so Excel opens Vietnamese text as UTF-8
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

const xmlEscape = (s: string) =>
  s
    .replace(
      /[<>&'"]/g,
      (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
    )
    // characters XML 1.0 forbids
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

export function atomFeed({ title, rows }: { title: string; rows: ReturnType<typeof openDataRows> }): string {
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

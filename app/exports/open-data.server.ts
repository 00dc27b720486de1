// The open-data export's files: CSV (RFC 4180, BOM, formula-like cells neutralised) and JSON, answered by
// the routes /du-lieu-mo.csv and /du-lieu-mo.json.
import { OPEN_DATA_COLUMNS, type OpenDataRow, parseRange } from '~/domain/open-data';
import { csvCell, csvDocument } from '~/exports/csv';
import { getLocale, getT } from '~/utils/i18n.server';

function openDataCsv(rows: OpenDataRow[]): string {
  const lines = [OPEN_DATA_COLUMNS.join(',')];
  for (const r of rows) lines.push(OPEN_DATA_COLUMNS.map((c) => csvCell(r[c] ?? '')).join(','));
  return csvDocument(lines);
}

function openDataJson(rows: OpenDataRow[]): string {
  return JSON.stringify({ schema: '/du-lieu-mo', count: rows.length, items: rows });
}

/** The headers of an open-data file: a download, shared by caches for a few minutes. */
function openDataHeaders(ext: 'csv' | 'json'): Record<string, string> {
  return {
    'Content-Type': ext === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="pakn-cong-khai.${ext}"`,
    'Cache-Control': 'public, max-age=300',
  };
}

/**
 * The file for the dates in the address (`from`, `to`), with the rows `rows` reads for them. A wrong range sends a
 * browser back to the page's form (which shows the message beside the dates it keeps) and answers any other client
 * its translated message as plain text (400).
 */
export async function openDataResponse(
  request: Request,
  ext: 'csv' | 'json',
  rows: (range: { from?: Date; to?: Date }) => Promise<OpenDataRow[]>,
): Promise<Response> {
  const url = new URL(request.url);
  const range = parseRange(url.searchParams);
  if ('message' in range) {
    if (request.headers.get('Accept')?.includes('text/html'))
      return new Response(null, { status: 303, headers: { Location: `/du-lieu-mo${url.search}` } });
    const t = getT(getLocale(request));
    return new Response(t(`pub.openData.${range.message}`), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const found = await rows(range);
  return new Response(ext === 'csv' ? openDataCsv(found) : openDataJson(found), {
    headers: openDataHeaders(ext),
  });
}

// The open-data export's files: CSV (RFC 4180, BOM, formula-like cells neutralised) and JSON.
import { OPEN_DATA_COLUMNS, type OpenDataRow } from '~/domain/open-data';
import { csvCell, csvDocument } from '~/exports/csv';

export function openDataCsv(rows: OpenDataRow[]): string {
  const lines = [OPEN_DATA_COLUMNS.join(',')];
  for (const r of rows) lines.push(OPEN_DATA_COLUMNS.map((c) => csvCell(r[c] ?? '')).join(','));
  return csvDocument(lines);
}

export function openDataJson(rows: OpenDataRow[]): string {
  return JSON.stringify({ schema: '/du-lieu-mo', count: rows.length, items: rows });
}

/** The headers of an open-data file: a download, shared by caches for a few minutes. */
export function openDataHeaders(ext: 'csv' | 'json'): Record<string, string> {
  return {
    'Content-Type': ext === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="pakn-cong-khai.${ext}"`,
    'Cache-Control': 'public, max-age=300',
  };
}

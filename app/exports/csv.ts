// CSV cells as spreadsheets read them safely (RFC 4180 quoting; a text starting like a formula is neutralised).

export function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  let text = String(v);
  // a cell starting like a formula is neutralised for spreadsheet programs
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines joined with CRLF after a BOM, so that Excel reads the Vietnamese text as UTF-8. */
export const csvDocument = (lines: string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;

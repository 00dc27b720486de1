// What the four report downloads answer besides the file: its headers, and the plain-text refusal of a bad query.
import type { ReportContext } from '~/domain/reports/definitions';
import { attachmentHeaders } from '~/exports/attachment';
import { reportFileName } from '~/exports/report-labels.server';

export function downloadHeaders(ctx: ReportContext, ext: string, type: string): Record<string, string> {
  return attachmentHeaders(reportFileName(ctx, ext), type);
}

/** A refused report query as plain text, one translated message per line (400, or 403 for another unit). */
export function queryErrorResponse(messages: string[], status: number): Response {
  return new Response(`${messages.join('\n')}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

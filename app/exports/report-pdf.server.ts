// The narrative report as an A4 PDF (Nghị định 30/2020 layout, Vietnamese font embedded).
import type { ReportContext } from '~/domain/reports/definitions';
import { reportNarrative } from '~/exports/report-narrative.server';
import { renderLimited } from '~/exports/pdf/cache.server';
import { renderOfficialPdf } from '~/exports/pdf/official-pdf.server';

export function reportPdf(ctx: ReportContext): Promise<Buffer> {
  return renderLimited(() => renderOfficialPdf(reportNarrative(ctx)));
}

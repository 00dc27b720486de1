// The narrative report as a real Word document (.docx, app/exports/word/docx.server.ts) that Word and LibreOffice open as
// an editable document, with the sections staff complete ("Đánh giá", "Phương hướng" …) in italics.
import type { ReportContext } from '~/domain/reports/definitions';
import { reportNarrative, TO_COMPLETE } from '~/exports/report-narrative.server';
import { renderOfficialDocx } from '~/exports/word/docx.server';

/** Section headings bold, the parts to write in italics. */
export function reportDocx(ctx: ReportContext): Promise<Buffer> {
  const heading = /^(I|II|III|IV|V|VI)\. /;
  return renderOfficialDocx(reportNarrative(ctx), {
    paragraphStyle: (text) =>
      heading.test(text) ? 'heading' : text.includes(TO_COMPLETE) ? 'todo' : 'normal',
  });
}

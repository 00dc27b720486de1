/**
 * Official documents (thông báo, văn bản giải trình, công văn trả lời…) as A4 PDF (the printable HTML page is
 * app/exports/documents/official-html.server.ts), laid out as
 * Nghị định 30/2020/NĐ-CP asks: agency block top-left, national motto top-right, number under the agency, place and
 * date under the motto, title centred in bold, body justified with an indented first line, 'Nơi nhận' bottom-left,
 * signer bottom-right, page numbers from page 2 at the top centre. Margins: top/bottom 20 mm, left 30 mm, right 15 mm.
 *
 * The PDF embeds Noto Serif (SIL OFL 1.1, from the npm package @expo-google-fonts/noto-serif), which has every
 * precomposed Vietnamese letter, so text is drawn and extracted exactly. Text is NFC-normalised; control and format
 * characters (zero-width spaces, bidi overrides, soft hyphens) are removed from the PDF, since pdfkit has no bidi
 * algorithm and the font has no glyphs for them. A word longer than a line is broken across lines.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { agencyHeaderName, wrapHeader } from '~/domain/document-layout';
import { formatPlaceDate, MOTTO, MOTTO_NATION, type OfficialDocument } from '~/domain/official-document';
import { loadPdfKit } from '~/exports/libraries.server';
import { markdownBlocks, type MarkdownRun } from '~/utils/markdown.server';

const FONT_FILES = {
  regular: '400Regular/NotoSerif_400Regular.ttf',
  bold: '700Bold/NotoSerif_700Bold.ttf',
  italic: '400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

let fontCache: Record<FontName, Buffer> | null = null;
function fonts(): Record<FontName, Buffer> {
  if (!fontCache) {
    const require = createRequire(import.meta.url);
    const load = (f: string) => readFileSync(require.resolve(`@expo-google-fonts/noto-serif/${f}`));
    fontCache = {
      regular: load(FONT_FILES.regular),
      bold: load(FONT_FILES.bold),
      italic: load(FONT_FILES.italic),
      boldItalic: load(FONT_FILES.boldItalic),
    };
  }
  return fontCache;
}

/** NFC; no control or format characters (bidi controls, zero-width, soft hyphen); tabs and newlines become spaces. */
export function pdfText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\t\n\r\v\f]+/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A run's text: as pdfText, but inner spaces and line breaks ('\n' from Markdown) are kept. */
function pdfRunText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\v\f]+/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, (c) => (c === '\n' ? c : ''))
    .replace(/ {2,}/g, ' ');
}

/** [bold][italic] → the registered face */
const FACE: readonly [readonly [FontName, FontName], readonly [FontName, FontName]] = [
  ['regular', 'italic'],
  ['bold', 'boldItalic'],
];

const MM = 72 / 25.4;
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const SIZE = { body: 13, header: 12, small: 11 };

export async function renderOfficialPdf(doc: OfficialDocument): Promise<Buffer> {
  const f = fonts();
  const PdfKit = await loadPdfKit();
  const pdf = new PdfKit({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    // no default font: pdfkit loads its Helvetica AFM files for any other value; every text below picks one of
    // the registered Noto Serif faces first
    font: '',
    info: {
      Title: pdfText([doc.title, doc.subtitle].filter(Boolean).join(' ') || doc.number),
      Author: pdfText(doc.agencyName),
      Subject: pdfText(doc.number),
      Creator: 'PAKN',
    },
  });
  for (const name of Object.keys(f) as FontName[]) pdf.registerFont(name, f[name]);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const left = MARGIN.left;
  const contentWidth = PAGE.width - MARGIN.left - MARGIN.right;
  const bottomLimit = PAGE.height - MARGIN.bottom;

  // header: two columns
  // at 12 pt 'SỞ KHOA HỌC VÀ CÔNG NGHỆ' fits the left column and the national name the right one, with a gap
  const leftW = contentWidth * 0.41;
  const rightX = left + contentWidth * 0.42;
  const rightW = contentWidth * 0.58;
  const top = MARGIN.top;

  const centred = (
    text: string,
    x: number,
    width: number,
    font: FontName,
    size: number,
    extra: PDFKit.Mixins.TextOptions = {},
  ) => {
    pdf
      .font(font)
      .fontSize(size)
      .text(pdfText(text), x, undefined, { width, align: 'center', ...extra });
  };
  /** a short rule centred under the text just written */
  const rule = (x: number, width: number, ruleWidth: number) => {
    const y = pdf.y + 2;
    pdf
      .moveTo(x + (width - ruleWidth) / 2, y)
      .lineTo(x + (width + ruleWidth) / 2, y)
      .lineWidth(0.6)
      .stroke();
    pdf.y = y + 5;
  };

  pdf.y = top;
  /** a header text on whole words, never breaking a place name ('TỈNH PHÚ / YÊN'): see document-layout */
  const headerLines = (text: string, font: FontName) => {
    pdf.font(font).fontSize(SIZE.header);
    const measure = (line: string) => pdf.widthOfString(line);
    for (const line of wrapHeader(pdfText(text).toLocaleUpperCase('vi'), leftW - 2, measure)) {
      centred(line, left, leftW, font, SIZE.header);
    }
  };
  headerLines(doc.agencyParent, 'regular');
  headerLines(agencyHeaderName(doc.agencyName, doc.agencyParent), 'bold');
  rule(left, leftW, Math.min(leftW * 0.4, 70));
  centred(`Số: ${doc.number}`, left, leftW, 'regular', SIZE.body);
  if (!doc.title.trim() && doc.subtitle) centred(`V/v ${doc.subtitle}`, left, leftW, 'regular', SIZE.small);
  const leftBottom = pdf.y;

  pdf.y = top;
  centred(MOTTO_NATION, rightX, rightW, 'bold', SIZE.header);
  centred(MOTTO, rightX, rightW, 'bold', SIZE.body);
  rule(rightX, rightW, pdf.font('bold').fontSize(SIZE.body).widthOfString(MOTTO));
  pdf.moveDown(0.3);
  centred(formatPlaceDate(doc.place, doc.date), rightX, rightW, 'italic', SIZE.body);
  pdf.y = Math.max(pdf.y, leftBottom) + 18;

  // title
  if (doc.title.trim()) {
    centred(doc.title.toLocaleUpperCase('vi'), left, contentWidth, 'bold', SIZE.body + 1);
    if (doc.subtitle) centred(doc.subtitle, left, contentWidth, 'bold', SIZE.body);
    pdf.moveDown(0.8);
  }
  if (doc.addressee) {
    centred(`Kính gửi: ${doc.addressee}`, left, contentWidth, 'regular', SIZE.body);
    pdf.moveDown(0.6);
  }

  // the closing blocks' height, measured first: the last paragraph goes to the next page with them if needed
  const recipients = (doc.recipients ?? []).map(pdfText).filter(Boolean);
  const recW = contentWidth * 0.45;
  const signX = left + contentWidth * 0.45;
  const signW = contentWidth * 0.55;
  const recText = recipients.map((r) => `- ${r}`).join('\n');
  pdf.font('regular').fontSize(SIZE.small);
  const recHeight = recipients.length ? pdf.heightOfString(recText, { width: recW }) + 20 : 0;
  // 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC': one line each
  const signerLines = doc.signerTitle.split(/\r?\n/).map(pdfText).filter(Boolean);
  pdf.font('bold').fontSize(SIZE.body);
  const signHeight =
    pdf.heightOfString(signerLines.join('\n').toLocaleUpperCase('vi'), { width: signW }) +
    pdf.heightOfString(pdfText(doc.signerName), { width: signW }) +
    80;
  const closingHeight = Math.max(recHeight, signHeight);

  // body
  const markdown = new Set(doc.markdown ?? []);
  const body: PDFKit.Mixins.TextOptions = { align: 'justify', indent: 10 * MM, lineGap: 2, paragraphGap: 6 };
  /** runs of one block, each in its face, as one flowing paragraph starting at (x, y) */
  const drawRuns = (
    runs: MarkdownRun[],
    x: number,
    y: number | undefined,
    options: PDFKit.Mixins.TextOptions,
  ) => {
    const rs = runs.map((r) => ({ ...r, text: pdfRunText(r.text) })).filter((r) => r.text);
    const first = rs[0];
    const last = rs[rs.length - 1];
    if (!first || !last) return;
    first.text = first.text.trimStart();
    last.text = last.text.trimEnd();
    rs.forEach((r, i) => {
      pdf.font(FACE[r.bold ? 1 : 0][r.italic ? 1 : 0]).fontSize(SIZE.body);
      const o = { ...options, width: left + contentWidth - x, continued: i < rs.length - 1 };
      if (i === 0) pdf.text(r.text, x, y, o);
      else pdf.text(r.text, o);
    });
  };
  const lastIndex = doc.paragraphs.length - 1;
  doc.paragraphs.forEach((p, index) => {
    if (!markdown.has(index)) {
      const text = pdfText(p);
      if (!text) return;
      if (index === lastIndex) {
        // NĐ 30: the signature never stands alone on a page; it keeps the last paragraph with it
        pdf.font('regular').fontSize(SIZE.body);
        const together =
          pdf.heightOfString(text, { ...body, width: contentWidth }) +
          pdf.currentLineHeight(true) +
          closingHeight;
        if (pdf.y + together > bottomLimit && MARGIN.top + together <= bottomLimit) pdf.addPage();
      }
      drawRuns([{ text, bold: false, italic: false }], left, undefined, body);
      return;
    }
    for (const b of markdownBlocks(p)) {
      if (b.kind === 'paragraph') drawRuns(b.runs, left, undefined, body);
      else if (b.kind === 'heading') {
        drawRuns(
          b.runs.map((r) => ({ ...r, bold: true })),
          left,
          undefined,
          { ...body, align: 'left', indent: 0 },
        );
      } else if (b.kind === 'item') {
        const markerX = left + 10 * MM + b.depth * 6 * MM;
        const y = pdf.y;
        if (b.marker)
          pdf.font('regular').fontSize(SIZE.body).text(b.marker, markerX, y, { lineBreak: false });
        drawRuns(b.runs, markerX + 6 * MM, y, { ...body, align: 'left', indent: 0, paragraphGap: 3 });
      }
    }
  });

  // closing blocks side by side
  pdf.font('regular').fontSize(SIZE.body).moveDown(1);
  if (pdf.y + closingHeight > bottomLimit) pdf.addPage();
  const blockTop = pdf.y;

  if (recipients.length) {
    pdf
      .font('boldItalic')
      .fontSize(SIZE.body - 1)
      .text('Nơi nhận:', left, blockTop, { width: recW });
    pdf.font('regular').fontSize(SIZE.small).text(recText, left, undefined, { width: recW });
  }
  const recBottom = pdf.y;

  pdf.y = blockTop;
  for (const line of signerLines) centred(line.toLocaleUpperCase('vi'), signX, signW, 'bold', SIZE.body);
  pdf.moveDown(4);
  centred(doc.signerName, signX, signW, 'bold', SIZE.body);
  pdf.y = Math.max(pdf.y, recBottom);

  // page numbers from page 2
  const range = pdf.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    pdf
      .font('regular')
      .fontSize(SIZE.small)
      .text(String(i - range.start + 1), left, MARGIN.top / 2, {
        width: contentWidth,
        align: 'center',
        lineBreak: false,
      });
  }
  pdf.end();
  return done;
}

/**
 * Official documents (thông báo, văn bản giải trình, công văn trả lời…) as A4 PDF and as printable HTML, laid out as
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
import PDFDocument from 'pdfkit';
import { agencyHeaderName, headerSegments, wrapHeader } from '~/domain/document-layout';
import { markdownBlocks, renderSafeMarkdown, type MarkdownRun } from './markdown.server';

export type OfficialDocument = {
  agencyParent: string;
  agencyName: string;
  /** e.g. '12/TB-SKHCN' */
  number: string;
  place: string;
  /** dd/mm/yyyy */
  date: string;
  /** e.g. 'THÔNG BÁO'; empty for a công văn, whose subtitle then follows the number as 'V/v …' */
  title: string;
  /** e.g. 'Về việc từ chối tiếp nhận phản ánh, kiến nghị' */
  subtitle?: string;
  addressee?: string;
  paragraphs: string[];
  /** Nơi nhận */
  recipients?: string[];
  /** indexes of `paragraphs` written in the safe Markdown subset (the approved answer), drawn with its emphasis */
  markdown?: number[];
  signerTitle: string;
  signerName: string;
};

export const MOTTO_NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** 'Hà Nội', '05/03/2026' → 'Hà Nội, ngày 05 tháng 3 năm 2026' (NĐ 30: a 0 before days < 10 and months 1, 2). */
export function formatPlaceDate(place: string, date: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date.trim());
  if (!m) return `${place}, ${date}`;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = mo <= 2 ? `0${mo}` : String(mo);
  return `${place}, ngày ${dd} tháng ${mm} năm ${m[3]}`;
}

// ---------------------------------------------------------------------------------------------------------------
// PDF

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
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    // no Helvetica: pdfkit would otherwise load its AFM files
    font: null as unknown as string,
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

// ---------------------------------------------------------------------------------------------------------------
// HTML

const escapeHtml = (s: string): string =>
  s
    .normalize('NFC')
    // control characters; bidi embeddings, overrides and isolates (the <bdi> wrapper isolates each field anyway)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** escaped, and isolated so right-to-left text in a field cannot reorder the text around it */
const t = (s: string | undefined): string => `<bdi>${escapeHtml(s ?? '')}</bdi>`;

/** a header text in pieces that wrap as wholes ('ỦY BAN NHÂN DÂN' / 'TỈNH PHÚ YÊN'): never 'TỈNH PHÚ / YÊN' */
const segments = (s: string): string =>
  headerSegments(s)
    .map((x) => `<bdi class="seg">${escapeHtml(x)}</bdi>`)
    .join(' ');

const PRINT_CSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body { margin: 0 auto; max-width: 165mm; font-family: "Times New Roman", Tinos, "Noto Serif", serif; font-size: 13pt; line-height: 1.35; }
.head, .foot { display: flex; justify-content: space-between; gap: 4mm; }
.head > div { text-align: center; font-size: 12pt; }
.agency { width: 40%; } .nation { width: 60%; } .nation .b { white-space: nowrap; }
.upper { text-transform: uppercase; } .seg { display: inline-block; text-wrap: balance; } .b { font-weight: bold; } .i { font-style: italic; }
.rule { display: block; margin: 1mm auto 2mm; border: 0; border-top: 0.6pt solid #000; }
.agency .rule { width: 25mm; } .nation .rule { width: 58mm; }
.small { font-size: 11pt; }
.title { text-align: center; margin: 8mm 0 5mm; }
.title h1 { font-size: 14pt; margin: 0; } .title p { margin: 0; font-weight: bold; }
.addressee { text-align: center; margin: 0 0 4mm; }
.body p { text-align: justify; text-indent: 10mm; margin: 0 0 6pt; }
.body ul, .body ol { margin: 0 0 6pt 10mm; padding-left: 6mm; } .body li { margin: 0 0 3pt; text-align: justify; }
.body li p { text-indent: 0; margin: 0; } .body h3, .body h4 { font-size: 13pt; margin: 6pt 0; }
.body ul { list-style-type: "- "; }
.foot { margin-top: 6mm; break-inside: avoid; page-break-inside: avoid; }
.recipients { width: 45%; font-size: 11pt; } .recipients ul { list-style: none; margin: 0; padding: 0; }
.recipients strong { font-size: 12pt; font-style: italic; }
.signer { width: 55%; text-align: center; } .signer .name { margin-top: 25mm; }
p, li, h1, div { overflow-wrap: anywhere; }
`;

export function renderOfficialHtml(doc: OfficialDocument): string {
  const hasTitle = doc.title.trim().length > 0;
  const recipients = doc.recipients ?? [];
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${escapeHtml([doc.title, doc.number].filter((x) => x.trim()).join(' ') || 'Văn bản')}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<header class="head">
<div class="agency">
<div class="upper">${segments(doc.agencyParent)}</div>
<div class="upper b">${segments(agencyHeaderName(doc.agencyName, doc.agencyParent))}</div>
<hr class="rule">
<div>Số: ${t(doc.number)}</div>
${!hasTitle && doc.subtitle ? `<div class="small">V/v ${t(doc.subtitle)}</div>` : ''}
</div>
<div class="nation">
<div class="b">${MOTTO_NATION}</div>
<div class="b">${MOTTO}</div>
<hr class="rule">
<div class="i">${t(formatPlaceDate(doc.place, doc.date))}</div>
</div>
</header>
${hasTitle ? `<div class="title"><h1 class="upper">${t(doc.title)}</h1>${doc.subtitle ? `<p>${t(doc.subtitle)}</p>` : ''}</div>` : ''}
${doc.addressee ? `<p class="addressee">Kính gửi: ${t(doc.addressee)}</p>` : ''}
<main class="body">
${doc.paragraphs
  .map((p, i) =>
    doc.markdown?.includes(i) ? `<div class="md">${renderSafeMarkdown(p)}</div>` : `<p>${t(p)}</p>`,
  )
  .join('\n')}
</main>
<footer class="foot">
<div class="recipients">${
    recipients.length
      ? `<strong>Nơi nhận:</strong><ul>${recipients.map((r) => `<li>- ${t(r)}</li>`).join('')}</ul>`
      : ''
  }</div>
<div class="signer">${doc.signerTitle
    .split(/\r?\n/)
    .map((l) => `<div class="upper b">${t(l)}</div>`)
    .join('')}<div class="name b">${t(doc.signerName)}</div></div>
</footer>
</body>
</html>
`;
}

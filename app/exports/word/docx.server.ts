/**
 * Official documents as a real Word document (.docx, Office Open XML) for staff to complete in Word or LibreOffice,
 * built with the `docx` library: the layout of app/exports/pdf/official-pdf.server.ts (Nghị định 30/2020/NĐ-CP) as Word sees it —
 * A4, margins 20/15/20/30 mm, Times New Roman 13 pt, the agency block and the national motto side by side in a
 * borderless table, the title centred in bold, the body justified with a 1 cm first-line indent, 'Nơi nhận' and the
 * signer side by side at the end. Text is NFC with control characters removed.
 */
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
} from 'docx';
import { agencyHeaderName } from '~/domain/document-layout';
import { formatPlaceDate, MOTTO, MOTTO_NATION, type OfficialDocument } from '~/domain/official-document';

/** How a body paragraph is set: a section heading (bold), text staff still have to write (italic, grey). */
export type DocxParagraphStyle = 'normal' | 'heading' | 'todo';

const FONT = 'Times New Roman';
const pt = (n: number) => n * 2; // docx sizes are half-points

const clean = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

type Run = { text: string; bold?: boolean; italics?: boolean; size?: number; color?: string };

function para(runs: Run[], options: Omit<IParagraphOptions, 'children'> = {}): Paragraph {
  return new Paragraph({
    ...options,
    children: runs.map(
      (r) =>
        new TextRun({
          text: clean(r.text),
          bold: r.bold,
          italics: r.italics,
          size: pt(r.size ?? 13),
          color: r.color,
          font: FONT,
        }),
    ),
  });
}

const centred = (text: string, run: Omit<Run, 'text'> = {}, after = 0) =>
  para([{ text, ...run }], { alignment: AlignmentType.CENTER, spacing: { after } });

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

/** Two borderless columns (percent widths). */
function twoColumns(left: Paragraph[], right: Paragraph[], leftPct: number): Table {
  const cell = (children: Paragraph[], pct: number) =>
    new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, leftPct), cell(right, 100 - leftPct)] })],
  });
}

/** A short centred rule under a header line, as a bottom border of an empty paragraph would be too wide. */
const rule = (chars: number) => centred('_'.repeat(chars), { size: 8 }, 60);

export async function renderOfficialDocx(
  doc: OfficialDocument,
  { paragraphStyle = () => 'normal' }: { paragraphStyle?: (text: string) => DocxParagraphStyle } = {},
): Promise<Buffer> {
  const hasTitle = doc.title.trim().length > 0;
  const agencyBlock = [
    centred(doc.agencyParent.toLocaleUpperCase('vi'), { size: 12 }),
    centred(agencyHeaderName(doc.agencyName, doc.agencyParent).toLocaleUpperCase('vi'), {
      bold: true,
      size: 12,
    }),
    rule(12),
    centred(`Số: ${doc.number}`),
    ...(!hasTitle && doc.subtitle ? [centred(`V/v ${doc.subtitle}`, { size: 11 })] : []),
  ];
  const nationBlock = [
    centred(MOTTO_NATION, { bold: true, size: 12 }),
    centred(MOTTO, { bold: true }),
    rule(30),
    centred(formatPlaceDate(doc.place, doc.date), { italics: true }),
  ];

  const body = doc.paragraphs.map(clean).filter(Boolean);
  const bodyParagraphs = body.map((text) => {
    const style = paragraphStyle(text);
    return para(
      [
        {
          text,
          bold: style === 'heading',
          italics: style === 'todo',
          color: style === 'todo' ? '555555' : undefined,
        },
      ],
      {
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: convertMillimetersToTwip(10) },
        spacing: { after: 120, line: 312 },
      },
    );
  });

  const recipients = (doc.recipients ?? []).map(clean).filter(Boolean);
  const recipientBlock = recipients.length
    ? [
        para([{ text: 'Nơi nhận:', bold: true, italics: true, size: 12 }]),
        ...recipients.map((r) => para([{ text: `- ${r}`, size: 11 }])),
      ]
    : [para([])];
  const signerBlock = [
    ...doc.signerTitle
      .split(/\r?\n/)
      .map(clean)
      .filter(Boolean)
      .map((l) => centred(l.toLocaleUpperCase('vi'), { bold: true })),
    ...Array.from({ length: 4 }, () => para([])),
    centred(doc.signerName, { bold: true }),
  ];

  const document = new Document({
    creator: 'PAKN',
    title: clean([doc.title, doc.subtitle].filter(Boolean).join(' ') || doc.number),
    styles: { default: { document: { run: { font: FONT, size: pt(13) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(20),
              bottom: convertMillimetersToTwip(20),
              left: convertMillimetersToTwip(30),
              right: convertMillimetersToTwip(15),
            },
          },
        },
        children: [
          twoColumns(agencyBlock, nationBlock, 40),
          ...(hasTitle
            ? [
                centred(doc.title.toLocaleUpperCase('vi'), { bold: true, size: 14 }, 0),
                centred(doc.subtitle ?? '', { bold: true }, 240),
              ]
            : [para([], { spacing: { after: 240 } })]),
          ...(doc.addressee ? [centred(`Kính gửi: ${doc.addressee}`, {}, 240)] : []),
          ...bodyParagraphs,
          para([]),
          twoColumns(recipientBlock, signerBlock, 45),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

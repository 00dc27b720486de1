/**
 * The report's downloads: the workbook (XLSX, streamed), CSV, and the narrative report as PDF and as Word (.docx).
 * These are official Vietnamese documents: their labels come from the Vietnamese locale whatever the interface
 * language.
 *
 * Workbook: exceljs' streaming WorkbookWriter writes straight into the response stream. Sheet 1 is the official
 * summary table (merged three-level headers, column numbers, one row per unit, the total, signature block; A4
 * landscape, fit to one page wide, header rows repeated); sheet 2 the breakdowns and the II.1 targets; sheet 3 the
 * list of every PAKN counted in the period (no personal data), read from the database in chunks of 5 000 rows and
 * committed row by row, waiting for the client whenever the stream is full. So neither the rows nor the workbook
 * are ever held whole in memory.
 *
 * Word: a real .docx (app/utils/docx.server.ts, the `docx` library) that Word and LibreOffice open as an editable
 * document, with the sections staff complete ("Đánh giá", "Phương hướng" …) in italics. The old `.doc` address
 * (Word-flavoured HTML) redirects to it.
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatDateVi, toLocalDate } from '~/domain/calendar';
import { CATEGORIES, CHANNELS, PAKN_TYPES, REFUSAL_REASONS } from '~/domain/pakn';
import { periodLabel, periodName, type ReportPeriod } from '~/domain/report-periods';
import { STATUS_LABELS, type Status } from '~/domain/workflow';
import { audit } from './audit.server';
import { getAgency, type Agency } from './config.server';
import {
  buildReport,
  COUNT_KEYS,
  parseReportQuery,
  type DetailRow,
  type Report,
  type UnitFigures,
} from './reports.server';
import { requirePermission } from '~/auth/guards.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';
import { renderLimited } from '~/utils/pdf-cache.server';
import { MOTTO, MOTTO_NATION, renderOfficialPdf, type OfficialDocument } from '~/utils/pdf.server';
import { renderOfficialDocx } from '~/utils/docx.server';

const t = getT('vi');
const nf = new Intl.NumberFormat('vi-VN');
const nf1 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
export const fmtInt = (n: number) => nf.format(n);
export const fmtPct = (x: number | null) => (x === null ? '—' : `${nf1.format(x * 100)}%`);
const fmtDays = (x: number | null) => (x === null ? '—' : nf1.format(x));
const share = (n: number, d: number) => (d ? n / d : null);
/** 'YYYY-MM-DD' → 'dd/mm/yyyy' by slicing: formatDateVi's time-zone round trip is too slow per row */
const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export type ExportContext = { report: Report; agency: Agency; unitName: string | null; today: string };

const scopeText = (c: ExportContext) => (c.unitName ? `Đơn vị: ${c.unitName}` : `Toàn ${c.agency.name}`);
export const reportFileName = (c: ExportContext, ext: string) => {
  const p = c.report.period;
  const scope = c.unitName ? `-dv${c.report.unitId}` : '';
  return `bao-cao-pakn-${p.start}-${p.end}${scope}.${ext}`;
};

const fieldName = (r: Report, key: string) =>
  key === 'none' ? t('reports.noField') : (r.fields.find((f) => String(f.id) === key)?.name ?? `#${key}`);
const reasonName = (key: string) =>
  key === 'none' ? t('reports.noReason') : t(`staff.refusal.${key}`, { defaultValue: key });

/** The breakdown tables shared by the workbook, the CSV and the narrative: [label, count] per family. */
export function breakdownTables(r: Report) {
  const b = r.total.breakdowns;
  const fieldKeys = [...r.fields.map((f) => String(f.id)), 'none'].filter(
    (k) => (b.byField[k] ?? 0) > 0 || k !== 'none',
  );
  return [
    {
      key: 'byChannel',
      title: t('reports.section.byChannel'),
      rows: CHANNELS.map((c) => ({ key: c, label: t(`channel.${c}`), n: b.byChannel[c] ?? 0 })),
    },
    {
      key: 'byType',
      title: t('reports.section.byType'),
      rows: PAKN_TYPES.map((c) => ({ key: c, label: t(`type.${c}`), n: b.byType[c] ?? 0 })),
    },
    {
      key: 'byCategory',
      title: t('reports.section.byCategory'),
      rows: CATEGORIES.map((c) => ({
        key: String(c),
        label: `${c}. ${t(`category.${c}`)}`,
        n: b.byCategory[String(c)] ?? 0,
      })),
    },
    {
      key: 'byField',
      title: t('reports.section.byField'),
      rows: fieldKeys.map((k) => ({ key: k, label: fieldName(r, k), n: b.byField[k] ?? 0 })),
    },
    {
      key: 'byUnit',
      title: t('reports.section.byUnit'),
      rows: r.units.map((u) => ({ key: u.code, label: u.name, n: u.counts.received })),
    },
    {
      key: 'refusedByReason',
      title: t('reports.section.refusedByReason'),
      rows: [...REFUSAL_REASONS, ...(b.refusedByReason.none ? ['none'] : [])].map((k) => ({
        key: k,
        label: reasonName(k),
        n: b.refusedByReason[k] ?? 0,
      })),
    },
  ] as const;
}

// ---------------------------------------------------------------------------------------------------------------
// XLSX

type Col = {
  key: string;
  head: [string, string?, string?];
  width: number;
  value: (u: UnitFigures | Report['total']) => number | null;
  fmt?: string;
};
const c = (u: UnitFigures | Report['total']) => u.counts;
/** Summary columns after STT and Đơn vị; head = [group, sub-group, leaf] (merged where a level is missing). */
const COLUMNS: Col[] = [
  {
    key: 'carriedOver',
    head: [t('reports.indicator.carriedOver')],
    width: 10,
    value: (u) => c(u).carriedOver,
  },
  {
    key: 'received',
    head: [t('reports.indicator.received'), 'Tổng số'],
    width: 10,
    value: (u) => c(u).received,
  },
  {
    key: 'receivedOnline',
    head: [t('reports.indicator.received'), 'Trong đó: trực tuyến'],
    width: 11,
    value: (u) => c(u).receivedOnline,
  },
  {
    key: 'totalToHandle',
    head: [t('reports.indicator.totalToHandle')],
    width: 10,
    value: (u) => c(u).carriedOver + c(u).received,
  },
  { key: 'closed', head: [t('reports.indicator.closed'), 'Tổng số'], width: 9, value: (u) => c(u).closed },
  {
    key: 'answeredOnTime',
    head: [t('reports.indicator.closed'), t('reports.indicator.answered'), 'Đúng hạn'],
    width: 9,
    value: (u) => c(u).answeredOnTime,
  },
  {
    key: 'answeredLate',
    head: [t('reports.indicator.closed'), t('reports.indicator.answered'), 'Quá hạn'],
    width: 9,
    value: (u) => c(u).answeredLate,
  },
  {
    key: 'refused',
    head: [t('reports.indicator.closed'), t('reports.indicator.refused')],
    width: 9,
    value: (u) => c(u).refused,
  },
  {
    key: 'transferred',
    head: [t('reports.indicator.closed'), t('reports.indicator.transferred')],
    width: 11,
    value: (u) => c(u).transferred,
  },
  {
    key: 'forwarded',
    head: [t('reports.indicator.closed'), t('reports.indicator.forwarded')],
    width: 11,
    value: (u) => c(u).forwarded,
  },
  {
    key: 'duplicate',
    head: [t('reports.indicator.closed'), t('reports.indicator.duplicate')],
    width: 8,
    value: (u) => c(u).duplicate,
  },
  {
    key: 'closedNoInfo',
    head: [t('reports.indicator.closed'), t('reports.indicator.closedNoInfo')],
    width: 11,
    value: (u) => c(u).closedNoInfo,
  },
  {
    key: 'carriedForward',
    head: [t('reports.indicator.carriedForward'), 'Tổng số'],
    width: 9,
    value: (u) => c(u).carriedForward,
  },
  {
    key: 'inProgressWithinTime',
    head: [t('reports.indicator.carriedForward'), 'Trong hạn'],
    width: 9,
    value: (u) => c(u).inProgressWithinTime,
  },
  {
    key: 'inProgressOverdue',
    head: [t('reports.indicator.carriedForward'), 'Quá hạn'],
    width: 9,
    value: (u) => c(u).inProgressOverdue,
  },
  { key: 'published', head: [t('reports.indicator.published')], width: 10, value: (u) => c(u).published },
  {
    key: 'handlingMean',
    head: ['Thời gian xử lý (ngày làm việc)', 'Bình quân'],
    width: 9,
    value: (u) => u.handling.mean,
    fmt: '0.0',
  },
  {
    key: 'handlingMedian',
    head: ['Thời gian xử lý (ngày làm việc)', 'Trung vị'],
    width: 9,
    value: (u) => u.handling.median,
    fmt: '0.0',
  },
  {
    key: 'ratings',
    head: ['Đánh giá của người gửi', t('reports.indicator.ratings')],
    width: 9,
    value: (u) => u.ratings.total,
  },
  {
    key: 'satisfactionRate',
    head: ['Đánh giá của người gửi', t('reports.indicator.satisfactionRate')],
    width: 10,
    value: (u) => u.ratings.rate,
    fmt: '0.0%',
  },
];
export const XLSX_COLUMNS = COLUMNS.map((col) => col.key);
/** where the summary table starts: header rows 8–10, column numbers on row 11, units from row 12 */
export const XLSX_LAYOUT = { headerRow: 8, numberRow: 11, firstDataRow: 12, firstValueColumn: 3 } as const;

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = 'Times New Roman';

/** Streams the workbook; the returned stream errors if the database or the writer fails. */
export function reportWorkbookStream(ctx: ExportContext, detail: Iterable<DetailRow[]>): Readable {
  const out = new PassThrough();
  writeWorkbook(out, ctx, detail).catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/**
 * Backpressure. exceljs writes a sheet's XML into its own buffer stream, which archiver deflates on the thread
 * pool, and pays no attention to either side being slow: left alone, the rows of a large sheet pile up in memory
 * faster than zlib compresses them. So after each chunk we wait until (a) the sheet's pending XML is below a few
 * megabytes (read from exceljs' StreamBuf and archiver's input; if those internals ever change this reads 0 and
 * only the next check remains) and (b) the response stream is not asking us to wait.
 */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;
type Buffered = {
  writableLength?: number;
  readableLength?: number;
  _writableState?: { length?: number };
  _readableState?: { length?: number };
};
type StreamBufLike = { buffers?: unknown[]; pipes?: Buffered[] };
function pendingBytes(sheet: unknown): number {
  const stream = (sheet as { stream?: StreamBufLike }).stream;
  // archiver's input is a readable-stream v2 PassThrough: no writableLength, only its internal states
  const pipe = stream?.pipes?.[0];
  const writable = pipe?.writableLength ?? pipe?._writableState?.length ?? 0;
  const readable = pipe?.readableLength ?? pipe?._readableState?.length ?? 0;
  return (stream?.buffers?.length ?? 0) * 65536 + writable + readable;
}

async function flowControl(out: PassThrough, sheet: unknown) {
  for (;;) {
    if (out.destroyed) throw new Error('client went away');
    if (out.writableNeedDrain) {
      await new Promise<void>((resolve) => {
        out.once('drain', resolve);
        out.once('close', resolve);
      });
    } else if (pendingBytes(sheet) > MAX_PENDING_BYTES) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    } else {
      await new Promise((resolve) => setImmediate(resolve));
      return;
    }
  }
}

async function writeWorkbook(out: PassThrough, ctx: ExportContext, detail: Iterable<DetailRow[]>) {
  const { report, agency } = ctx;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = agency.name;
  wb.title = `Báo cáo PAKN ${periodName(report.period, 'vi')}`;
  const lastCol = 2 + COLUMNS.length;
  const ws = wb.addWorksheet('Biểu tổng hợp', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${XLSX_LAYOUT.headerRow}:${XLSX_LAYOUT.numberRow}`,
    },
    headerFooter: { oddFooter: '&C&"Times New Roman"&10Trang &P/&N' },
    views: [{ state: 'frozen', xSplit: 2, ySplit: XLSX_LAYOUT.numberRow }],
  });
  ws.columns = [{ width: 5 }, { width: 34 }, ...COLUMNS.map((col) => ({ width: col.width }))];
  const font = (size = 11, bold = false, italic = false) => ({ name: FONT, size, bold, italic });
  const put = (row: number, col: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style> = {}) => {
    const cell = ws.getRow(row).getCell(col);
    cell.value = value;
    Object.assign(cell, { font: font(), ...style });
  };
  const merge = (r1: number, c1: number, r2: number, c2: number) => {
    if (r1 !== r2 || c1 !== c2) ws.mergeCells(r1, c1, r2, c2);
  };
  const centre = { horizontal: 'center' as const, vertical: 'middle' as const, wrapText: true };

  // national header: agency on the left, motto on the right
  put(1, 1, agency.parentName.toLocaleUpperCase('vi'), { font: font(11), alignment: centre });
  merge(1, 1, 1, 5);
  put(2, 1, agency.name.toLocaleUpperCase('vi'), { font: font(11, true), alignment: centre });
  merge(2, 1, 2, 5);
  put(1, lastCol - 8, MOTTO_NATION, { font: font(11, true), alignment: centre });
  merge(1, lastCol - 8, 1, lastCol);
  put(2, lastCol - 8, MOTTO, { font: font(12, true), alignment: centre });
  merge(2, lastCol - 8, 2, lastCol);
  put(4, 1, 'BIỂU TỔNG HỢP TÌNH HÌNH, KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ VỀ QUY ĐỊNH HÀNH CHÍNH', {
    font: font(14, true),
    alignment: centre,
  });
  merge(4, 1, 4, lastCol);
  put(5, 1, `Kỳ báo cáo: ${periodLabel(report.period, 'vi')}`, {
    font: font(12, false, true),
    alignment: centre,
  });
  merge(5, 1, 5, lastCol);
  put(6, 1, `Phạm vi: ${scopeText(ctx)}`, { font: font(12, false, true), alignment: centre });
  merge(6, 1, 6, lastCol);
  put(7, lastCol - 4, 'Đơn vị tính: phản ánh, kiến nghị', {
    font: font(10, false, true),
    alignment: { horizontal: 'right' },
  });
  merge(7, lastCol - 4, 7, lastCol);
  ws.getRow(4).height = 22;

  // three header rows, merged where a level has no subdivision
  const h = XLSX_LAYOUT.headerRow;
  const headStyle = { font: font(10, true), alignment: centre, border: BORDER };
  for (let row = h; row <= h + 2; row++)
    for (let col = 1; col <= lastCol; col++) put(row, col, null, headStyle);
  put(h, 1, t('reports.stt'), headStyle);
  merge(h, 1, h + 2, 1);
  put(h, 2, t('reports.unit'), headStyle);
  merge(h, 2, h + 2, 2);
  for (let i = 0; i < COLUMNS.length;) {
    const col = COLUMNS[i]!;
    let j = i;
    while (j + 1 < COLUMNS.length && COLUMNS[j + 1]!.head[0] === col.head[0]) j++;
    const c1 = 3 + i;
    const c2 = 3 + j;
    put(h, c1, col.head[0], headStyle);
    if (j === i && !col.head[1]) {
      merge(h, c1, h + 2, c1);
    } else {
      merge(h, c1, h, c2);
      for (let k = i; k <= j;) {
        const sub = COLUMNS[k]!;
        let m = k;
        while (m + 1 <= j && sub.head[2] && COLUMNS[m + 1]!.head[1] === sub.head[1]) m++;
        put(h + 1, 3 + k, sub.head[1] ?? '', headStyle);
        if (sub.head[2]) {
          merge(h + 1, 3 + k, h + 1, 3 + m);
          for (let q = k; q <= m; q++) put(h + 2, 3 + q, COLUMNS[q]!.head[2] ?? '', headStyle);
        } else {
          merge(h + 1, 3 + k, h + 2, 3 + k);
        }
        k = m + 1;
      }
    }
    i = j + 1;
  }
  ws.getRow(h).height = 30;
  ws.getRow(h + 1).height = 42;
  ws.getRow(h + 2).height = 20;
  // column numbers, with the two identities a reader checks by hand
  const numberStyle = { font: font(9, false, true), alignment: centre, border: BORDER };
  for (let col = 1; col <= lastCol; col++) put(XLSX_LAYOUT.numberRow, col, `(${col})`, numberStyle);
  put(XLSX_LAYOUT.numberRow, 6, '(6)=(3)+(4)', numberStyle);
  put(XLSX_LAYOUT.numberRow, 7, '(7)=(8)+…+(14)', numberStyle);
  put(XLSX_LAYOUT.numberRow, 15, '(15)=(6)-(7)', numberStyle);
  for (let row = 1; row <= XLSX_LAYOUT.numberRow; row++) ws.getRow(row).commit();

  const writeUnitRow = (
    rowNo: number,
    stt: string | number,
    name: string,
    u: UnitFigures | Report['total'],
    bold: boolean,
  ) => {
    const row = ws.getRow(rowNo);
    const cellStyle = (cell: ExcelJS.Cell, fmt?: string) => {
      cell.font = font(11, bold);
      cell.border = BORDER;
      if (fmt) cell.numFmt = fmt;
    };
    row.getCell(1).value = stt;
    cellStyle(row.getCell(1));
    row.getCell(1).alignment = { horizontal: 'center' };
    row.getCell(2).value = name;
    cellStyle(row.getCell(2));
    row.getCell(2).alignment = { wrapText: true, vertical: 'middle' };
    COLUMNS.forEach((col, i) => {
      const cell = row.getCell(3 + i);
      cell.value = col.value(u);
      cellStyle(cell, col.fmt ?? '#,##0');
    });
    row.commit();
  };
  let rowNo = XLSX_LAYOUT.firstDataRow;
  report.units.forEach((u, i) => writeUnitRow(rowNo++, i + 1, u.name, u, false));
  writeUnitRow(rowNo++, '', t('reports.total').toLocaleUpperCase('vi'), report.total, true);

  rowNo++;
  const notes = [
    'Ghi chú: kỳ báo cáo tính theo giờ Việt Nam, cả ngày đầu và ngày cuối; PAKN tiếp nhận lúc 23 giờ 59 ngày cuối kỳ thuộc kỳ này.',
    '(3) tiếp nhận trước kỳ, đến đầu kỳ chưa xử lý xong; (15) tiếp nhận đến cuối kỳ, đến cuối kỳ chưa xử lý xong; quá hạn: hạn trả lời trước ngày cuối kỳ.',
    'Đơn vị: đơn vị đang được giao xử lý; “Chưa giao đơn vị”: PAKN chưa giao hoặc được xử lý ngay khi phân loại (từ chối, chuyển, trùng lặp).',
  ];
  for (const note of notes) {
    put(rowNo, 1, note, { font: font(10, false, true), alignment: { wrapText: true, vertical: 'top' } });
    merge(rowNo, 1, rowNo, lastCol);
    ws.getRow(rowNo).height = 16;
    ws.getRow(rowNo++).commit();
  }
  rowNo++;
  put(rowNo, lastCol - 7, `${agency.province || ''}, ngày ${formatDateVi(ctx.today)}`.replace(/^, /, ''), {
    font: font(11, false, true),
    alignment: centre,
  });
  merge(rowNo, lastCol - 7, rowNo, lastCol);
  ws.getRow(rowNo++).commit();
  put(rowNo, 2, 'NGƯỜI LẬP BIỂU', { font: font(11, true), alignment: centre });
  put(rowNo, lastCol - 7, (agency.signerTitle || 'THỦ TRƯỞNG CƠ QUAN').toLocaleUpperCase('vi'), {
    font: font(11, true),
    alignment: centre,
  });
  merge(rowNo, lastCol - 7, rowNo, lastCol);
  ws.getRow(rowNo++).commit();
  rowNo += 3;
  put(rowNo, lastCol - 7, agency.signerName, { font: font(11, true), alignment: centre });
  merge(rowNo, lastCol - 7, rowNo, lastCol);
  ws.getRow(rowNo).commit();
  ws.commit();

  // sheet 2: breakdowns and targets
  const ws2 = wb.addWorksheet('Phân loại', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws2.columns = [{ width: 6 }, { width: 70 }, { width: 14 }, { width: 14 }, { width: 16 }];
  let r2 = 1;
  const line2 = (
    values: ExcelJS.CellValue[],
    style: { bold?: boolean; border?: boolean; fmt?: (string | undefined)[] } = {},
  ) => {
    const row = ws2.getRow(r2++);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v;
      cell.font = font(11, style.bold);
      if (style.border) cell.border = BORDER;
      const fmt = style.fmt?.[i];
      if (fmt) cell.numFmt = fmt;
      if (i === 1) cell.alignment = { wrapText: true };
    });
    row.commit();
  };
  line2([null, `${agency.name.toLocaleUpperCase('vi')} — SỐ LIỆU PHÂN LOẠI VÀ CHỈ TIÊU`], { bold: true });
  line2([null, `Kỳ báo cáo: ${periodLabel(report.period, 'vi')}. Phạm vi: ${scopeText(ctx)}`]);
  const received = report.total.counts.received;
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];
  breakdownTables(report).forEach((table, ti) => {
    r2++;
    line2([roman[ti]!, table.title], { bold: true });
    line2([t('reports.stt'), 'Nội dung', t('reports.count'), t('reports.share')], {
      bold: true,
      border: true,
    });
    const denominator = table.key === 'refusedByReason' ? report.total.counts.refused : received;
    table.rows.forEach((row, i) =>
      line2([i + 1, row.label, row.n, share(row.n, denominator)], {
        border: true,
        fmt: [undefined, undefined, '#,##0', '0.0%'],
      }),
    );
    line2([null, t('reports.total'), table.rows.reduce((s, x) => s + x.n, 0), denominator ? 1 : null], {
      bold: true,
      border: true,
      fmt: [undefined, undefined, '#,##0', '0.0%'],
    });
  });
  r2++;
  line2([roman[6]!, t('reports.section.targets')], { bold: true });
  line2(
    [
      t('reports.stt'),
      t('reports.target.name'),
      t('reports.target.goal'),
      t('reports.target.actual'),
      t('reports.target.status'),
    ],
    { bold: true, border: true },
  );
  report.targets.forEach((x, i) =>
    line2(
      [
        i + 1,
        `${t(`reports.target.${x.key}`)} (${fmtInt(x.numerator)}/${fmtInt(x.denominator)})`,
        x.target,
        x.actual,
        x.met === null
          ? t('reports.target.noData')
          : x.met
            ? t('reports.target.met')
            : t('reports.target.notMet'),
      ],
      { border: true, fmt: [undefined, undefined, '0%', '0.0%'] },
    ),
  );
  ws2.commit();

  // sheet 3: every PAKN counted, streamed from the database
  const ws3 = wb.addWorksheet('Danh sách', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    },
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws3.columns = [6, 20, 12, 12, 11, 8, 28, 28, 24, 12, 12, 12, 10, 10, 18, 16].map((width) => ({ width }));
  const head3 = ws3.getRow(1);
  [
    'STT',
    'Mã số',
    'Ngày tiếp nhận',
    'Kênh',
    'Loại',
    'Nội dung',
    'Lĩnh vực',
    'Đơn vị',
    'Trạng thái hiện tại',
    'Hạn trả lời',
    'Ngày kết thúc',
    'Ngày trả lời',
    'Trả lời đúng hạn',
    'Đã công khai',
    'Đầu kỳ',
    'Cuối kỳ',
  ].forEach((v, i) => {
    const cell = head3.getCell(i + 1);
    cell.value = v;
    cell.font = font(10, true);
    cell.border = BORDER;
    cell.alignment = centre;
  });
  head3.commit();
  const units = new Map(report.units.map((u) => [u.unitId, u.name]));
  const fields = new Map(report.fields.map((f) => [f.id, f.name]));
  const { start, end } = report.period;
  let n = 0;
  for (const chunk of detail) {
    for (const d of chunk) {
      const closedDate = d.closedDate;
      ws3
        .addRow([
          ++n,
          d.code,
          dmy(d.receivedDate),
          t(`channel.${d.channel}`),
          t(`type.${d.type}`),
          d.category,
          d.fieldId === null ? '' : (fields.get(d.fieldId) ?? ''),
          d.unitId === null ? t('reports.unassigned') : (units.get(d.unitId) ?? `#${d.unitId}`),
          STATUS_LABELS[d.status as Status]?.vi ?? d.status,
          dmy(d.answerDue),
          closedDate ? dmy(closedDate) : '',
          d.answeredDate ? dmy(d.answeredDate) : '',
          d.onTime === null ? '' : d.onTime ? 'Có' : 'Không',
          d.publication === 'published' ? 'Có' : '',
          d.receivedDate < start ? 'Kỳ trước chuyển sang' : 'Tiếp nhận trong kỳ',
          closedDate !== null && closedDate <= end ? 'Đã xử lý xong' : 'Chuyển kỳ sau',
        ])
        .commit();
    }
    await flowControl(out, ws3);
  }
  ws3.commit();
  await wb.commit();
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

const CSV_HEAD = ['tu_ngay', 'den_ngay', 'nhom', 'ma_chi_tieu', 'chi_tieu', 'ma_don_vi', 'don_vi', 'gia_tri'];

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Long format, one figure per line: every indicator per unit and in total, the breakdowns, the targets. */
export function reportCsv(ctx: ExportContext): string {
  const { report } = ctx;
  const { start, end } = report.period;
  const lines = [CSV_HEAD.join(',')];
  const line = (
    group: string,
    key: string,
    label: string,
    unitCode: string,
    unitName: string,
    value: number | null,
  ) =>
    lines.push(
      [
        start,
        end,
        group,
        key,
        label,
        unitCode,
        unitName,
        value === null ? null : Math.round(value * 10000) / 10000,
      ]
        .map(csvCell)
        .join(','),
    );
  const rows: Array<[string, string, UnitFigures | Report['total']]> = [
    ...report.units.map((u): [string, string, UnitFigures] => [u.code, u.name, u]),
    ['TONG', t('reports.total'), report.total],
  ];
  for (const [code, name, u] of rows) {
    for (const k of COUNT_KEYS) line('chi_so', k, t(`reports.indicator.${k}`), code, name, u.counts[k]);
    line('thoi_gian', 'handlingMean', t('reports.indicator.handlingMean'), code, name, u.handling.mean);
    line('thoi_gian', 'handlingMedian', t('reports.indicator.handlingMedian'), code, name, u.handling.median);
    for (const k of ['satisfied', 'neutral', 'unsatisfied'] as const)
      line('danh_gia', k, t(`reports.indicator.${k}`), code, name, u.ratings[k]);
    line('danh_gia', 'satisfactionRate', t('reports.indicator.satisfactionRate'), code, name, u.ratings.rate);
  }
  for (const table of breakdownTables(report)) {
    for (const row of table.rows) line(table.key, row.key, row.label, 'TONG', t('reports.total'), row.n);
  }
  for (const x of report.targets)
    line(
      'chi_tieu_II1',
      x.key,
      `${t(`reports.target.${x.key}`)} (mục tiêu ${Math.round(x.target * 100)}%)`,
      'TONG',
      t('reports.total'),
      x.actual,
    );
  // a BOM so that Excel reads the Vietnamese text as UTF-8
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// The narrative report (Báo cáo tình hình, kết quả tiếp nhận, xử lý PAKN)

export const TO_COMPLETE = '[Cán bộ bổ sung: …]';

function listOf(rows: ReadonlyArray<{ label: string; n: number }>, total: number): string {
  const nonZero = rows.filter((r) => r.n > 0);
  if (nonZero.length === 0) return 'không có';
  return nonZero.map((r) => `${r.label}: ${fmtInt(r.n)} (${fmtPct(share(r.n, total))})`).join('; ');
}

/**
 * The narrative with the figures filled in. `number` is left blank for staff to fill unless the report is being
 * published; `forPublic` drops the sections staff complete (the published version shows the figures only).
 */
export function reportNarrative(
  ctx: ExportContext,
  { number, forPublic = false }: { number?: string; forPublic?: boolean } = {},
): OfficialDocument {
  const { report, agency } = ctx;
  const c = report.total.counts;
  const tables = Object.fromEntries(breakdownTables(report).map((x) => [x.key, x.rows]));
  const label = periodLabel(report.period, 'vi');
  const toHandle = c.carriedOver + c.received;
  const ratings = report.total.ratings;
  const p: string[] = [
    `Thực hiện Kế hoạch hoạt động kiểm soát thủ tục hành chính và chế độ thông tin, báo cáo định kỳ, ${agency.name} báo cáo tình hình, kết quả tiếp nhận, xử lý phản ánh, kiến nghị (PAKN) của cá nhân, tổ chức về quy định hành chính ${label.charAt(0).toLowerCase()}${label.slice(1)}${ctx.unitName ? `, phạm vi ${ctx.unitName}` : ''} như sau:`,
    'I. TÌNH HÌNH TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ',
    `1. Tổng số PAKN phải xử lý trong kỳ: ${fmtInt(toHandle)}, trong đó kỳ trước chuyển sang ${fmtInt(c.carriedOver)}, tiếp nhận mới trong kỳ ${fmtInt(c.received)}.`,
    `2. Theo kênh tiếp nhận: ${listOf(tables.byChannel!, c.received)}.`,
    `3. Theo loại: ${listOf(tables.byType!, c.received)}.`,
    `4. Theo nội dung: ${listOf(tables.byCategory!, c.received)}.`,
    `5. Theo lĩnh vực: ${listOf(tables.byField!, c.received)}.`,
    `6. Theo đơn vị được giao xử lý: ${listOf(tables.byUnit!, c.received)}.`,
    'II. KẾT QUẢ XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ',
    `1. Đã xử lý xong ${fmtInt(c.closed)}/${fmtInt(toHandle)} PAKN (${fmtPct(share(c.closed, toHandle))}), trong đó: trả lời ${fmtInt(c.answered)} (đúng hạn ${fmtInt(c.answeredOnTime)}, đạt ${fmtPct(share(c.answeredOnTime, c.answered))}; quá hạn ${fmtInt(c.answeredLate)}); từ chối tiếp nhận ${fmtInt(c.refused)}; chuyển cơ quan có thẩm quyền ${fmtInt(c.transferred)}; chuyển xử lý hành vi hành chính ${fmtInt(c.forwarded)}; trùng lặp ${fmtInt(c.duplicate)}; đóng do không bổ sung thông tin ${fmtInt(c.closedNoInfo)}.`,
    `2. Từ chối tiếp nhận theo lý do: ${listOf(tables.refusedByReason!, c.refused)}.`,
    `3. Đang xử lý chuyển kỳ sau: ${fmtInt(c.carriedForward)}, trong đó trong hạn ${fmtInt(c.inProgressWithinTime)}, quá hạn ${fmtInt(c.inProgressOverdue)}.`,
    `4. Công khai kết quả xử lý: ${fmtInt(c.published)}/${fmtInt(c.answered)} PAKN đã trả lời trong kỳ (${fmtPct(share(c.published, c.answered))}).`,
    `5. Thời gian xử lý (từ ngày tiếp nhận đến ngày trả lời, tính theo ngày làm việc): bình quân ${fmtDays(report.total.handling.mean)} ngày, trung vị ${fmtDays(report.total.handling.median)} ngày, trên ${fmtInt(report.total.handling.count)} PAKN đã trả lời.`,
    `6. Mức độ hài lòng của người gửi: ${fmtInt(ratings.total)} lượt đánh giá, hài lòng ${fmtInt(ratings.satisfied)} (${fmtPct(ratings.rate)}), bình thường ${fmtInt(ratings.neutral)}, không hài lòng ${fmtInt(ratings.unsatisfied)}.`,
    '7. Kết quả theo đơn vị:',
    ...report.units
      .filter((u) => u.counts.carriedOver + u.counts.received > 0)
      .map(
        (u) =>
          `- ${u.name}: phải xử lý ${fmtInt(u.counts.carriedOver + u.counts.received)} (kỳ trước chuyển sang ${fmtInt(u.counts.carriedOver)}, tiếp nhận ${fmtInt(u.counts.received)}); đã xử lý xong ${fmtInt(u.counts.closed)} (trả lời đúng hạn ${fmtInt(u.counts.answeredOnTime)}, quá hạn ${fmtInt(u.counts.answeredLate)}); chuyển kỳ sau ${fmtInt(u.counts.carriedForward)} (quá hạn ${fmtInt(u.counts.inProgressOverdue)}).`,
      ),
    'III. KẾT QUẢ THỰC HIỆN CHỈ TIÊU CỦA KẾ HOẠCH (MỤC II.1)',
    ...report.targets.map(
      (x, i) =>
        `${i + 1}. ${t(`reports.target.${x.key}`)}: mục tiêu ${x.key === 'online' ? 'tối thiểu ' : ''}${Math.round(x.target * 100)}%, thực hiện ${fmtPct(x.actual)} (${fmtInt(x.numerator)}/${fmtInt(x.denominator)}) — ${x.met === null ? 'chưa có số liệu' : x.met ? 'đạt' : 'chưa đạt'}.`,
    ),
    ...(forPublic
      ? []
      : [
          'IV. ĐÁNH GIÁ CHUNG',
          `1. Ưu điểm: ${TO_COMPLETE}`,
          `2. Tồn tại, hạn chế và nguyên nhân: ${TO_COMPLETE}`,
          'V. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI',
          TO_COMPLETE,
          'VI. KIẾN NGHỊ, ĐỀ XUẤT',
          TO_COMPLETE,
        ]),
    `${agency.name} báo cáo để ${agency.parentName ? `Văn phòng ${agency.parentName}` : 'cơ quan cấp trên'} tổng hợp, theo dõi./.`,
  ];
  return {
    agencyParent: agency.parentName,
    agencyName: agency.name,
    number: number ?? '      /BC-…',
    place: agency.province || '…',
    date: formatDateVi(ctx.today),
    title: 'BÁO CÁO',
    subtitle: `Tình hình, kết quả tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính ${periodName(report.period, 'vi').replace(/^T/, 't').replace(/^Q/, 'q').replace(/^N/, 'n')}`,
    addressee: agency.parentName ? `Văn phòng ${agency.parentName}` : undefined,
    paragraphs: p,
    recipients: [
      agency.parentName ? `Văn phòng ${agency.parentName} (b/c)` : 'Cơ quan cấp trên (b/c)',
      'Lãnh đạo cơ quan (để chỉ đạo)',
      'Các phòng, đơn vị trực thuộc',
      'Lưu: VT.',
    ],
    signerTitle: agency.signerTitle || 'THỦ TRƯỞNG CƠ QUAN',
    signerName: agency.signerName,
  };
}

/** The two versions stored when a report is published (see publishReport). */
export function publishedReportDocuments(ctx: ExportContext, number: string) {
  return {
    full: reportNarrative(ctx, { number }),
    public: reportNarrative(ctx, { number, forPublic: true }),
  };
}

export function reportPdf(ctx: ExportContext): Promise<Buffer> {
  return renderLimited(() => renderOfficialPdf(reportNarrative(ctx)));
}

/** The narrative as a real Word document to complete: section headings bold, the parts to write in italics. */
export function reportDocx(ctx: ExportContext): Promise<Buffer> {
  const heading = /^(I|II|III|IV|V|VI)\. /;
  return renderOfficialDocx(reportNarrative(ctx), {
    paragraphStyle: (text) =>
      heading.test(text) ? 'heading' : text.includes(TO_COMPLETE) ? 'todo' : 'normal',
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The four download routes share this: permission, parameters, scope, audit.

export type ExportFormat = 'xlsx' | 'csv' | 'pdf' | 'docx';

/** export:run, a valid period and scope (else a plain-text 400/403), and the audit entry 'report.export'. */
export async function prepareExport(
  request: Request,
  context: unknown,
  format: ExportFormat,
): Promise<ExportContext | Response> {
  const actor = await requirePermission(request, 'export:run');
  const tr = getT(getLocale(request));
  const query = parseReportQuery(new URL(request.url).searchParams, actor);
  if (!query.ok) {
    const text = query.errors.map((e) => tr(`reports.errors.${e.key}`)).join('\n');
    return new Response(`${text}\n`, {
      status: query.status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const ctx = exportContext({ period: query.period, unitId: query.unitId });
  audit({
    actorUserId: actor.id,
    action: 'report.export',
    targetType: 'report',
    targetId: `${query.period.start}..${query.period.end}`,
    ip: clientIp(context),
    detail: { format, start: query.period.start, end: query.period.end, unitId: query.unitId },
  });
  return ctx;
}

export function exportContext({
  period,
  unitId,
  now = new Date(),
}: {
  period: ReportPeriod;
  unitId: number | null;
  now?: Date;
}): ExportContext {
  const report = buildReport({ period, unitId, now });
  const unitName = unitId === null ? null : (report.units[0]?.name ?? null);
  return { report, agency: getAgency(), unitName, today: toLocalDate(now) };
}

export function downloadHeaders(ctx: ExportContext, ext: string, type: string): HeadersInit {
  const name = reportFileName(ctx, ext);
  return {
    'Content-Type': type,
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

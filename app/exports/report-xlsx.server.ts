// The report's workbook (XLSX), streamed: exceljs' streaming WorkbookWriter writes straight into the response
// stream. Sheet 1 is the official summary table (merged three-level headers, column numbers, one row per unit, the
// total, signature block; A4 landscape, fit to one page wide, header rows repeated); sheet 2 the breakdowns and
// the II.1 targets; sheet 3 the list of every PAKN counted in the period (no personal data), read from the
// database in chunks and committed row by row, waiting for the client whenever the stream is full. So neither the
// rows nor the workbook are ever held whole in memory.
import { PassThrough, type Readable } from 'node:stream';

import type ExcelJS from 'exceljs';

import { formatDateVi } from '~/domain/dates';
import { formatPlaceDate, MOTTO, MOTTO_NATION } from '~/domain/official-document';
import type { DetailRow, Report, ReportContext, UnitFigures } from '~/domain/reports/definitions';
import { periodLabel, periodName } from '~/domain/reports/periods';
import { loadExcelJs } from '~/exports/libraries.server';
import { scopeText, t } from '~/exports/report-labels.server';
import { BORDER, COLUMNS, font, XLSX_LAYOUT } from '~/exports/report-xlsx-columns.server';
import { writeBreakdownSheet, writeDetailSheet } from '~/exports/report-xlsx-sheets.server';

/** Streams the workbook; the returned stream errors if the database or the writer fails. */
export function reportWorkbookStream(ctx: ReportContext, detail: AsyncIterable<DetailRow[]>): Readable {
  const out = new PassThrough();
  writeWorkbook(out, ctx, detail).catch((error: unknown) => out.destroy(error as Error));
  return out;
}

async function writeWorkbook(out: PassThrough, ctx: ReportContext, detail: AsyncIterable<DetailRow[]>) {
  const { report, agency } = ctx;
  const { stream } = await loadExcelJs();
  const wb = new stream.xlsx.WorkbookWriter({
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
    '(3) tiếp nhận trước kỳ, đến đầu kỳ chưa xử lý xong; (15) tiếp nhận đến cuối kỳ, đến cuối kỳ chưa xử lý xong; quá hạn: hạn của bước đang xử lý trước ngày cuối kỳ (kỳ chưa kết thúc: trước ngày lập biểu).',
    'Đơn vị: đơn vị đang được giao xử lý; “Chưa giao đơn vị”: PAKN chưa giao hoặc được xử lý ngay khi phân loại (từ chối, chuyển, trùng lặp).',
  ];
  for (const note of notes) {
    put(rowNo, 1, note, { font: font(10, false, true), alignment: { wrapText: true, vertical: 'top' } });
    merge(rowNo, 1, rowNo, lastCol);
    ws.getRow(rowNo).height = 16;
    ws.getRow(rowNo++).commit();
  }
  rowNo++;
  put(rowNo, lastCol - 7, formatPlaceDate(agency.province, formatDateVi(ctx.today)).replace(/^, /, ''), {
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

  writeBreakdownSheet(wb, ctx);
  await writeDetailSheet(wb, out, ctx, detail);
  await wb.commit();
}

// The workbook's sheets 2 and 3: the breakdowns with the II.1 targets, and every PAKN counted (streamed).
import type { PassThrough } from 'node:stream';

import type ExcelJS from 'exceljs';

import type { DetailRow, ReportContext } from '~/domain/reports/definitions';
import { periodLabel } from '~/domain/reports/periods';
import { isStatus, STATUS_LABELS } from '~/domain/workflow';
import { dmy, fmtInt, labelledBreakdowns, scopeText, share, t } from '~/exports/report-labels.server';
import { BORDER, CENTRE, font } from '~/exports/report-xlsx-columns.server';
import { flowControl } from '~/exports/xlsx-flow.server';

type Writer = ExcelJS.stream.xlsx.WorkbookWriter;

/** Sheet 2: every breakdown table with its shares, then the II.1 targets. */
export function writeBreakdownSheet(wb: Writer, ctx: ReportContext) {
  const { report, agency } = ctx;
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
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];
  labelledBreakdowns(report).forEach((table, ti) => {
    r2++;
    line2([roman[ti]!, table.title], { bold: true });
    line2([t('reports.stt'), 'Nội dung', t('reports.count'), t('reports.share')], {
      bold: true,
      border: true,
    });
    const { denominator } = table;
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
}

/** Sheet 3: every PAKN counted, streamed from the database chunk by chunk. */
export async function writeDetailSheet(
  wb: Writer,
  out: PassThrough,
  ctx: ReportContext,
  detail: AsyncIterable<DetailRow[]>,
) {
  const { report } = ctx;
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
    cell.alignment = CENTRE;
  });
  head3.commit();
  const units = new Map(report.units.map((u) => [u.unitId, u.name]));
  const fields = new Map(report.fields.map((f) => [f.id, f.name]));
  const { start, end } = report.period;
  let n = 0;
  for await (const chunk of detail) {
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
          isStatus(d.status) ? STATUS_LABELS[d.status].vi : d.status,
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
}

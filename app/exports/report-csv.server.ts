// The report's figures as CSV (UTF-8 with BOM), long format: one figure per line.
import {
  COUNT_KEYS,
  RATING_KEYS,
  type Report,
  type ReportContext,
  type UnitFigures,
} from '~/domain/reports/definitions';
import { csvCell, csvDocument } from '~/exports/csv';
import { labelledBreakdowns, t } from '~/exports/report-labels.server';

const CSV_HEAD = ['tu_ngay', 'den_ngay', 'nhom', 'ma_chi_tieu', 'chi_tieu', 'ma_don_vi', 'don_vi', 'gia_tri'];

/** Long format, one figure per line: every indicator per unit and in total, the breakdowns, the targets. */
export function reportCsv(ctx: ReportContext): string {
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
    for (const k of RATING_KEYS) line('danh_gia', k, t(`reports.indicator.${k}`), code, name, u.ratings[k]);
    line('danh_gia', 'satisfactionRate', t('reports.indicator.satisfactionRate'), code, name, u.ratings.rate);
  }
  for (const table of labelledBreakdowns(report)) {
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
  return csvDocument(lines);
}

// The workbook's summary table: its columns (three header levels, merged where a level is missing) and layout.
import type { Report, UnitFigures } from '~/domain/reports/definitions';
import { t } from '~/exports/report-labels.server';

type Col = {
  key: string;
  head: [string, string?, string?];
  width: number;
  value: (u: UnitFigures | Report['total']) => number | null;
  fmt?: string;
};
const c = (u: UnitFigures | Report['total']) => u.counts;
/** Summary columns after STT and Đơn vị; head = [group, sub-group, leaf] (merged where a level is missing). */
export const COLUMNS: Col[] = [
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
  // issue #15: parts of `refused` and `answered`, last, so the numbered columns (6), (7), (15) keep their places
  {
    key: 'refusedRepeat',
    head: [t('reports.section.similar'), t('reports.indicator.refusedRepeat')],
    width: 11,
    value: (u) => c(u).refusedRepeat,
  },
  {
    key: 'groupsAnswered',
    head: [t('reports.section.similar'), t('reports.indicator.groupsAnswered')],
    width: 10,
    value: (u) => c(u).groupsAnswered,
  },
  {
    key: 'answeredInGroup',
    head: [t('reports.section.similar'), t('reports.indicator.answeredInGroup')],
    width: 10,
    value: (u) => c(u).answeredInGroup,
  },
];
export const XLSX_COLUMNS = COLUMNS.map((col) => col.key);
/** where the summary table starts: header rows 8–10, column numbers on row 11, units from row 12 */
export const XLSX_LAYOUT = { headerRow: 8, numberRow: 11, firstDataRow: 12, firstValueColumn: 3 } as const;

const thin = { style: 'thin' as const };
export const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = 'Times New Roman';
export const font = (size = 11, bold = false, italic = false) => ({ name: FONT, size, bold, italic });
export const CENTRE = { horizontal: 'center' as const, vertical: 'middle' as const, wrapText: true };

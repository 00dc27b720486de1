// The queue's filtered list as CSV or XLSX (issue 13, item 31): the columns, translated in the user's language,
// with the submitter's contact columns only when the data carries them (app/models/queue-export.server.ts).

import { formatDateVi } from '~/domain/dates';
import {
  QUEUE_EXPORT_MAX_ROWS,
  type QueueExportContact,
  type QueueExportData,
  type QueueExportRow,
} from '~/domain/queue-export';
import { attachmentHeaders } from '~/exports/attachment';
import { csvCell, csvDocument } from '~/exports/csv';
import { loadExcelJs } from '~/exports/libraries.server';
import { getT } from '~/utils/i18n.server';

type Column = {
  key: string;
  label: string;
  value: (r: QueueExportRow, c: QueueExportContact | undefined) => string | number | null;
};

export function queueColumns(e: QueueExportData, lang: 'vi' | 'en'): Column[] {
  const t = getT(lang);
  const date = (d: string | null) => (d ? formatDateVi(d) : null);
  const columns: Column[] = [
    { key: 'ma_so', label: t('staff.queue.columns.code'), value: (r) => r.code },
    { key: 'tieu_de', label: t('staff.queue.columns.title'), value: (r) => r.title },
    {
      key: 'trang_thai',
      label: t('staff.queue.columns.status'),
      value: (r) => t(`staff.status.${r.status}`),
    },
    {
      key: 'don_vi',
      label: t('staff.queue.columns.unit'),
      value: (r) => (r.unitId ? (e.unitNames.get(r.unitId) ?? null) : null),
    },
    { key: 'nguoi_xu_ly', label: t('staff.queue.columns.handler'), value: (r) => r.handlerName },
    { key: 'ngay_tiep_nhan', label: t('staff.queue.columns.received'), value: (r) => date(r.receivedDate) },
    { key: 'han_tra_loi', label: t('staff.queue.export.answerDue'), value: (r) => date(r.answerDue) },
    {
      key: 'buoc',
      label: t('staff.queue.export.step'),
      value: (r) => (r.clock ? t(`clocks.${r.clock}`) : null),
    },
    {
      key: 'han_buoc',
      label: t('staff.queue.export.stepDue'),
      value: (r) => (r.clock ? date(r.stepDue) : null),
    },
    { key: 'ngay_lam_viec_con_lai', label: t('staff.queue.export.workingDays'), value: (r) => r.workingDays },
  ];
  if (e.withContact) {
    columns.push(
      { key: 'nguoi_gui', label: t('staff.queue.export.fullName'), value: (_r, c) => c?.fullName ?? null },
      { key: 'so_dien_thoai', label: t('staff.queue.export.phone'), value: (_r, c) => c?.phone ?? null },
      { key: 'email', label: t('staff.queue.export.email'), value: (_r, c) => c?.email ?? null },
      { key: 'dia_chi', label: t('staff.queue.export.address'), value: (_r, c) => c?.address ?? null },
    );
  }
  return columns;
}

/** UTF-8 with BOM (Excel reads the diacritics), CRLF; machine-readable keys in the header. */
export function queueCsv(e: QueueExportData, lang: 'vi' | 'en'): string {
  const columns = queueColumns(e, lang);
  const lines = [columns.map((c) => c.key).join(',')];
  for (const { row, contact } of e.rows)
    lines.push(columns.map((c) => csvCell(c.value(row, contact))).join(','));
  if (e.truncated)
    lines.push(csvCell(getT(lang)('staff.queue.export.truncated', { count: QUEUE_EXPORT_MAX_ROWS })));
  return csvDocument(lines);
}

export async function queueXlsx(e: QueueExportData, lang: 'vi' | 'en'): Promise<Buffer> {
  const columns = queueColumns(e, lang);
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(getT(lang)('staff.queue.title').slice(0, 31));
  sheet.columns = columns.map((c) => ({
    header: c.label,
    key: c.key,
    width: c.key === 'tieu_de' ? 50 : 18,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const { row, contact } of e.rows) sheet.addRow(columns.map((c) => c.value(row, contact)));
  if (e.truncated)
    sheet.addRow([getT(lang)('staff.queue.export.truncated', { count: QUEUE_EXPORT_MAX_ROWS })]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function queueExportHeaders(e: QueueExportData, ext: 'csv' | 'xlsx', type: string) {
  return attachmentHeaders(`${e.fileName}.${ext}`, type);
}

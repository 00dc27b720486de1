// What the report's files share: the Vietnamese labels (these are official documents: their labels come from the
// Vietnamese locale whatever the interface language), number formats, the breakdown tables, the file name.
import type { Report, ReportContext } from '~/domain/reports/definitions';
import { type BreakdownFamily, type BreakdownRow, breakdownTables } from '~/domain/reports/figures';
import { getT } from '~/utils/i18n.server';

export const t = getT('vi');
const nf = new Intl.NumberFormat('vi-VN');
const nf1 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
export const fmtInt = (n: number) => nf.format(n);
export const fmtPct = (x: number | null) => (x === null ? '—' : `${nf1.format(x * 100)}%`);
export const fmtDays = (x: number | null) => (x === null ? '—' : nf1.format(x));
export const share = (n: number, d: number) => (d ? n / d : null);
/** 'YYYY-MM-DD' → 'dd/mm/yyyy' by slicing: formatDateVi's time-zone round trip is too slow per row */
export const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** What "Phạm vi:" is followed by: the unit's name, or the whole agency. */
export const scopeText = (c: ReportContext) => c.unitName ?? `Toàn ${c.agency.name}`;
export const reportFileName = (c: ReportContext, ext: string) => {
  const p = c.report.period;
  const scope = c.unitName ? `-dv${c.report.unitId}` : '';
  return `bao-cao-pakn-${p.start}-${p.end}${scope}.${ext}`;
};

const fieldName = (r: Report, key: string) =>
  key === 'none' ? t('reports.noField') : (r.fields.find((f) => String(f.id) === key)?.name ?? `#${key}`);
const reasonName = (key: string) =>
  key === 'none' ? t('reports.noReason') : t(`staff.refusal.${key}`, { defaultValue: key });

/** A breakdown row's label in the documents (Vietnamese). */
function rowLabel(r: Report, family: BreakdownFamily, row: BreakdownRow): string {
  switch (family) {
    case 'byChannel':
      return t(`channel.${row.key}`);
    case 'byType':
      return t(`type.${row.key}`);
    case 'byCategory':
      return `${row.key}. ${t(`category.${row.key}`)}`;
    case 'byField':
      return fieldName(r, row.key);
    case 'byUnit':
      return row.unit?.name ?? row.key;
    case 'refusedByReason':
      return reasonName(row.key);
  }
}

/** The breakdown tables shared by the workbook, the CSV and the narrative: [label, count] per family. */
export function labelledBreakdowns(r: Report) {
  return breakdownTables(r).map((table) => ({
    key: table.family,
    title: t(`reports.section.${table.family}`),
    denominator: table.denominator,
    rows: table.rows.map((row) => ({ key: row.key, label: rowLabel(r, table.family, row), n: row.n })),
  }));
}

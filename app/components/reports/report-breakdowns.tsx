// The report's charts: how the closed items were closed, and the received ones by unit, channel, type, category
// and field, the refused ones by reason. Each chart is followed by its table (svg-chart.tsx).
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnitName } from '~/components/reports/report-tables';
import { BarChart, useFigureFormat } from '~/components/reports/svg-chart';
import { OUTCOME_KEYS, type Report } from '~/domain/reports/definitions';
import { breakdownTables, type BreakdownFamily, type BreakdownRow } from '~/domain/reports/figures';

/** The on-screen order of the breakdowns. */
const ORDER: readonly BreakdownFamily[] = [
  'byUnit',
  'byChannel',
  'byType',
  'byCategory',
  'byField',
  'refusedByReason',
];

/** Bars with each row's share of `total` in the table. */
export function ShareBarChart({
  title,
  rows,
  total,
}: {
  title: string;
  rows: Array<{ label: string; n: number }>;
  total: number;
}) {
  const { t } = useTranslation();
  const f = useFigureFormat();
  return (
    <BarChart
      title={title}
      data={rows.map((r) => ({ label: r.label, value: r.n }))}
      labelHeader={t('reports.item')}
      valueHeader={t('reports.count')}
      extraColumns={{ header: t('reports.share'), values: rows.map((r) => f.share(r.n, total)) }}
    />
  );
}

export function OutcomesChart({ report }: { report: Report }) {
  const { t } = useTranslation();
  const c = report.total.counts;
  return (
    <ShareBarChart
      title={t('reports.section.outcomes')}
      rows={OUTCOME_KEYS.map((k) => ({ label: t(`reports.indicator.${k}`), n: c[k] }))}
      total={c.closed}
    />
  );
}

export function ReportBreakdowns({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const unitName = useUnitName();
  const en = i18n.language === 'en';
  const label = (family: BreakdownFamily, row: BreakdownRow): string => {
    switch (family) {
      case 'byUnit':
        return row.unit ? unitName(row.unit) : row.key;
      case 'byChannel':
        return t(`channel.${row.key}`);
      case 'byType':
        return t(`type.${row.key}`);
      case 'byCategory':
        return `${row.key}. ${t(`category.${row.key}`)}`;
      case 'byField': {
        if (row.key === 'none') return t('reports.noField');
        const field = report.fields.find((x) => String(x.id) === row.key);
        return field ? (en ? field.nameEn : field.name) : `#${row.key}`;
      }
      case 'refusedByReason':
        return row.key === 'none' ? t('reports.noReason') : t(`staff.refusal.${row.key}`);
    }
  };
  const tables = breakdownTables(report);
  return (
    <>
      {ORDER.map((family) => {
        const table = tables.find((x) => x.family === family)!;
        return (
          <Fragment key={family}>
            <h3>{t(`reports.section.${family}`)}</h3>
            <ShareBarChart
              title={t(`reports.section.${family}`)}
              rows={table.rows.map((row) => ({ label: label(family, row), n: row.n }))}
              total={table.denominator}
            />
          </Fragment>
        );
      })}
    </>
  );
}

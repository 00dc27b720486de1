// The report's tables per unit and in total: counts by indicator, and handling time with satisfaction.
import { useTranslation } from 'react-i18next';

import { useFigureFormat } from '~/components/reports/svg-chart';
import { ScrollTable } from '~/components/ui/scroll-table';
import type { CountKey, Report } from '~/domain/reports/definitions';

type NamedUnit = { name: string; nameEn: string; unitId: number | null };

/** A unit's name in the interface language; the unassigned row by its translated label. */
export function useUnitName() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (u: NamedUnit) => (u.unitId === null ? t('reports.unassigned') : en ? u.nameEn : u.name);
}

/** One row per unit and the total, one column per indicator. */
export function UnitCountsTable({
  report,
  keys,
  caption,
}: {
  report: Report;
  keys: readonly CountKey[];
  caption: string;
}) {
  const { t } = useTranslation();
  const f = useFigureFormat();
  const unitName = useUnitName();
  const rows = [
    ...report.units.map((u) => ({ key: String(u.unitId), name: unitName(u), counts: u.counts })),
    { key: 'total', name: t('reports.total'), counts: report.total.counts },
  ];
  return (
    <ScrollTable label={caption}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.unit')}</th>
            {keys.map((k) => (
              <th scope="col" className="num" key={k}>
                {t(`reports.indicator.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              {keys.map((k) => (
                <td className="num" key={k}>
                  {f.int(row.counts[k])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** Answered items, handling time (mean, median) and satisfaction per unit and in total. */
export function HandlingTable({ report }: { report: Report }) {
  const { t } = useTranslation();
  const f = useFigureFormat();
  const unitName = useUnitName();
  const rows = [
    ...report.units.map((u) => ({ key: String(u.unitId), name: unitName(u), fig: u })),
    { key: 'total', name: t('reports.total'), fig: report.total },
  ];
  return (
    <ScrollTable label={t('reports.section.handling')}>
      <table className="table">
        <caption className="visually-hidden">{t('reports.section.handling')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.unit')}</th>
            {(['answered', 'handlingMean', 'handlingMedian', 'ratings', 'satisfactionRate'] as const).map(
              (k) => (
                <th scope="col" className="num" key={k}>
                  {t(`reports.indicator.${k}`)}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              <td className="num">{f.int(row.fig.counts.answered)}</td>
              <td className="num">{f.days(row.fig.handling.mean)}</td>
              <td className="num">{f.days(row.fig.handling.median)}</td>
              <td className="num">{f.int(row.fig.ratings.total)}</td>
              <td className="num">{f.pct(row.fig.ratings.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

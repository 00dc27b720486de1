// The dashboard's sections (app/routes/can-bo.tong-quan.tsx): open work per unit, its ageing, the overdue items.
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { BarChart } from '~/components/reports/svg-chart';
import { ScrollTable } from '~/components/ui/scroll-table';
import type { ClockKey } from '~/domain/clocks';

export type WorkloadRow = {
  unitId: number | null;
  label: string;
  open: number;
  overdue: number;
  paused: number;
  unclassified: number;
};
export type AgeingRow = { label: string; counts: number[] };
export type OverdueItem = {
  id: number;
  code: string;
  title: string;
  unit: string;
  step: ClockKey | null;
  due: string;
  daysLate: number;
};

function useNumber() {
  const { i18n } = useTranslation();
  return new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN');
}

export function WorkloadSection({ workload }: { workload: WorkloadRow[] }) {
  const { t } = useTranslation();
  const nf = useNumber();
  return (
    <>
      <h2>{t('reports.dashboard.workload')}</h2>
      <ScrollTable label={t('reports.dashboard.workload')}>
        <table className="table">
          <caption className="visually-hidden">{t('reports.dashboard.workload')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.unit')}</th>
              <th scope="col" className="num">
                {t('reports.dashboard.open')}
              </th>
              <th scope="col" className="num">
                {t('reports.dashboard.overdue')}
              </th>
              <th scope="col" className="num">
                {t('reports.dashboard.paused')}
              </th>
              <th scope="col" className="num">
                {t('reports.dashboard.unclassified')}
              </th>
            </tr>
          </thead>
          <tbody>
            {workload.map((w) => (
              <tr key={`${w.unitId}`}>
                <th scope="row">{w.label}</th>
                <td className="num">{nf.format(w.open)}</td>
                <td className="num">{nf.format(w.overdue)}</td>
                <td className="num">{nf.format(w.paused)}</td>
                <td className="num">{nf.format(w.unclassified)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <BarChart
        title={t('reports.dashboard.workload')}
        data={workload.map((w) => ({ label: w.label, value: w.open }))}
        labelHeader={t('reports.unit')}
        valueHeader={t('reports.dashboard.open')}
      />
    </>
  );
}

export function AgeingSection({ buckets, ageing }: { buckets: string[]; ageing: AgeingRow[] }) {
  const { t } = useTranslation();
  const nf = useNumber();
  const totalAgeing = buckets.map((_, i) => ageing.reduce((s, a) => s + (a.counts[i] ?? 0), 0));
  return (
    <>
      <h2>{t('reports.dashboard.ageing')}</h2>
      <ScrollTable label={t('reports.dashboard.ageing')}>
        <table className="table">
          <caption className="visually-hidden">{t('reports.dashboard.ageing')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.unit')}</th>
              {buckets.map((key) => (
                <th scope="col" className="num" key={key}>
                  {t(`reports.dashboard.bucket.${key}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ageing.map((a) => (
              <tr key={a.label}>
                <th scope="row">{a.label}</th>
                {a.counts.map((n, i) => (
                  <td className="num" key={i}>
                    {nf.format(n)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <BarChart
        title={t('reports.dashboard.ageing')}
        data={buckets.map((key, i) => ({
          label: t(`reports.dashboard.bucket.${key}`),
          value: totalAgeing[i] ?? 0,
        }))}
        labelHeader={t('reports.dashboard.ageing')}
        valueHeader={t('reports.dashboard.open')}
      />
    </>
  );
}

export function OverdueSection({ overdue }: { overdue: { total: number; items: OverdueItem[] } }) {
  const { t } = useTranslation();
  const nf = useNumber();
  return (
    <>
      <h2>{t('reports.dashboard.overdueList')}</h2>
      {overdue.total === 0 ? (
        <p>{t('reports.dashboard.noOverdue')}</p>
      ) : (
        <>
          <p>{t('reports.dashboard.overdueCount', { count: overdue.total, shown: overdue.items.length })}</p>
          <ScrollTable label={t('reports.dashboard.overdueList')}>
            <table className="table">
              <caption className="visually-hidden">{t('reports.dashboard.overdueList')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.dashboard.code')}</th>
                  <th scope="col">{t('reports.dashboard.subject')}</th>
                  <th scope="col">{t('reports.unit')}</th>
                  <th scope="col">{t('reports.dashboard.step')}</th>
                  <th scope="col">{t('reports.dashboard.due')}</th>
                  <th scope="col" className="num">
                    {t('reports.dashboard.daysLate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {overdue.items.map((o) => (
                  <tr key={o.id}>
                    <td>
                      <Link to={`/can-bo/pakn/${o.id}`}>{o.code}</Link>
                    </td>
                    <td>{o.title}</td>
                    <td>{o.unit}</td>
                    <td>{o.step ? t(`clocks.${o.step}`) : null}</td>
                    <td>{o.due}</td>
                    <td className="num">{nf.format(o.daysLate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
    </>
  );
}

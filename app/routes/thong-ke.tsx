// Public statistics (issue #5): aggregates of the published answers and the figures of the published reports only.
// Published answers are each public already (with their field, unit, dates and on-time flag), so counting them
// discloses nothing new; nothing here is broken down by anything about a submitter, no unpublished data is read,
// and a satisfaction rate (from private ratings) is shown only on at least 3 ratings. See docs/reports.md.
import { type HeadersFunction, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { BarChart, LineChart, TargetsTable, useFigureFormat } from '~/components/reports/svg-chart';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { formatDateVi, toLocalDate } from '~/domain/dates';
import { snapshotUnitName } from '~/domain/reports/definitions';
import { lastReportMonths, periodLabel, periodName } from '~/domain/reports/periods';
import { publicStatisticsCached } from '~/models/reports/public-statistics.server';
import { listPublishedReports } from '~/models/reports/published.server';
import { reportCutoffDay } from '~/models/reports/query.server';
import { PUBLIC_CACHE } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? '' },
  { name: 'description', content: data?.description ?? '' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const en = locale === 'en';
  const cutoffDay = await reportCutoffDay();
  const months = lastReportMonths(toLocalDate(new Date()), 12, cutoffDay);
  const stats = await publicStatisticsCached({ months, cutoffDay });
  const reports = await listPublishedReports();
  const latest = reports.find((r) => r.snapshot.report.unitId === null) ?? null;
  const label = (g: { id: number | null; name: string; nameEn: string }, none: string) =>
    g.id === null ? none : en ? g.nameEn : g.name;
  return json(
    {
      pageTitle: `${t('reports.public.title')} – ${t('app.shortName')}`,
      description: t('reports.public.intro'),
      total: stats.total,
      byUnit: stats.byUnit.map((g) => ({
        label: label(g, t('reports.unassigned')),
        published: g.published,
        onTime: g.onTime,
      })),
      byField: stats.byField.map((g) => ({
        label: label(g, t('reports.noField')),
        published: g.published,
        onTime: g.onTime,
      })),
      trend: stats.trend.map((p) => ({
        label: periodName(p.period, locale),
        published: p.published,
        onTime: p.onTime,
      })),
      latest: latest
        ? {
            id: latest.id,
            number: latest.number,
            period: periodLabel(latest.snapshot.report.period, locale),
            targets: latest.snapshot.report.targets,
          }
        : null,
      reports: reports.map((r) => ({
        id: r.id,
        number: r.number,
        date: formatDateVi(r.issuedDate),
        period: periodLabel(r.snapshot.report.period, locale),
        scope: snapshotUnitName(r.snapshot, locale) ?? t('reports.form.allUnits'),
      })),
    },
    { headers: PUBLIC_CACHE },
  );
}

export default function PublicStatistics() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = useFigureFormat();
  const groupChart = (title: string, rows: Array<{ label: string; published: number; onTime: number }>) => (
    <BarChart
      title={title}
      data={rows.map((r) => ({ label: r.label, value: r.published }))}
      labelHeader={t('reports.item')}
      valueHeader={t('reports.public.publishedCount')}
      extraColumns={{
        header: t('reports.public.onTimeRate'),
        values: rows.map((r) => f.share(r.onTime, r.published)),
      }}
    />
  );
  return (
    <div className="statistics">
      <h1>{t('reports.public.title')}</h1>
      <p className="lead-small">{t('reports.public.intro')}</p>

      <h2>{t('reports.public.totals')}</h2>
      {d.total.published === 0 ? (
        <p>{t('reports.public.empty')}</p>
      ) : (
        <>
          <dl className="summary-list">
            <div className="summary-row">
              <dt>{t('reports.public.publishedCount')}</dt>
              <dd>{f.int(d.total.published)}</dd>
            </div>
            <div className="summary-row">
              <dt>{t('reports.public.onTimeRate')}</dt>
              <dd>{f.share(d.total.onTime, d.total.published)}</dd>
            </div>
          </dl>
          <h2>{t('reports.public.byField')}</h2>
          {groupChart(t('reports.public.byField'), d.byField)}
          <h2>{t('reports.public.byUnit')}</h2>
          {groupChart(t('reports.public.byUnit'), d.byUnit)}
          <h2>{t('reports.public.trend')}</h2>
          <LineChart
            title={t('reports.public.trend')}
            categoryHeader={t('reports.chart.period')}
            categories={d.trend.map((p) => p.label)}
            series={[
              { name: t('reports.public.publishedCount'), values: d.trend.map((p) => p.published) },
              { name: t('reports.public.onTime'), values: d.trend.map((p) => p.onTime) },
            ]}
          />
        </>
      )}

      <h2>{t('reports.public.targets')}</h2>
      {d.latest ? (
        <>
          <p>
            {t('reports.public.targetsFrom', { number: d.latest.number, period: d.latest.period })}{' '}
            <Link to={`/thong-ke/bao-cao/${d.latest.id}`}>{t('reports.publish.view')}</Link>
          </p>
          <TargetsTable targets={d.latest.targets} />
        </>
      ) : (
        <p>{t('reports.public.noReport')}</p>
      )}

      <h2>{t('reports.public.reports')}</h2>
      {d.reports.length === 0 ? (
        <p>{t('reports.public.noReport')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('reports.public.reports')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.public.reportNumber')}</th>
              <th scope="col">{t('reports.public.reportDate')}</th>
              <th scope="col">{t('reports.public.reportPeriod')}</th>
              <th scope="col">{t('reports.public.reportScope')}</th>
            </tr>
          </thead>
          <tbody>
            {d.reports.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/thong-ke/bao-cao/${r.id}`}>{r.number}</Link>
                </td>
                <td>{r.date}</td>
                <td>{r.period}</td>
                <td>{r.scope}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">{t('reports.public.method')}</p>
      <p>
        <Link to="/so-cong-khai">{t('reports.public.register')}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// The coordinators' and leaders' overview: open work per unit, ageing, overdue items, the last 12 monthly periods
// and the plan's II.1 targets for the current report year. A unit leader sees their unit only.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { BarChart, LineChart, TargetsTable } from '~/components/svg-chart';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ScheduleWarning } from '~/components/schedule-warning';
import { formatDateVi, toLocalDate } from '~/domain/dates';
import { can, isUnitScoped } from '~/domain/permissions';
import { lastReportMonths, periodContaining, periodLabel, periodName } from '~/domain/report-periods';
import { getScheduleWarning } from '~/models/admin/calendar-schedule.server';
import { AGEING_BUCKETS, buildDashboard, reportCutoffDay } from '~/models/reports.server';
import { requirePermission } from '~/utils/auth.server';
import { getLocale, getT } from '~/utils/i18n.server';

/** '14:05 27/11/2026' in Vietnam time */
const stamp = (d: Date) =>
  `${new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Ho_Chi_Minh' }).format(d)} ${formatDateVi(d)}`;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'report:read');
  const locale = getLocale(request);
  const t = getT(locale);
  const now = new Date();
  const today = toLocalDate(now);
  const cutoff = reportCutoffDay();
  const unitId = isUnitScoped(actor) ? actor.unitId : null;
  const months = lastReportMonths(today, 12, cutoff);
  const year = periodContaining('year', today, cutoff);
  const dash = buildDashboard({ unitId, months, year, today, cutoffDay: cutoff });
  const en = locale === 'en';
  const name = (u: { unitId: number | null; name: string; nameEn: string }) =>
    u.unitId === null ? t('reports.unassigned') : en ? u.nameEn : u.name;
  return json(
    {
      pageTitle: `${t('reports.dashboard.title')} – ${t('app.shortName')}`,
      time: stamp(now),
      workload: dash.workload.map((w) => ({ ...w, label: name(w) })),
      buckets: AGEING_BUCKETS.map((b) => b.key),
      ageing: dash.ageing.map((a) => ({ label: name(a), counts: a.counts })),
      overdue: {
        total: dash.overdue.total,
        items: dash.overdue.items.map((o) => ({
          id: o.id,
          code: o.code,
          title: o.title,
          unit: o.unitId === null ? t('reports.unassigned') : en ? o.unit!.nameEn : o.unit!.name,
          step: o.clock,
          due: formatDateVi(o.due),
          daysLate: o.daysLate,
        })),
      },
      trend: dash.trend.map((p) => ({
        label: periodName(p.period, locale),
        received: p.received,
        closed: p.closed,
        onTime: p.answeredOnTime,
      })),
      targets: dash.targets,
      targetsPeriod: periodLabel(year, locale),
      scheduleWarning: can(actor, 'admin:calendar') ? getScheduleWarning({ now }) : null,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN');
  const totalAgeing = d.buckets.map((_, i) => d.ageing.reduce((s, a) => s + (a.counts[i] ?? 0), 0));
  return (
    <div className="dashboard">
      <h1>{t('reports.dashboard.title')}</h1>
      <p className="lead-small">{t('reports.dashboard.intro', { time: d.time })}</p>
      {d.scheduleWarning ? <ScheduleWarning warning={d.scheduleWarning} /> : null}
      <p>
        <Link to="/can-bo/bao-cao">{t('reports.dashboard.fullReport')}</Link>
      </p>

      <h2>{t('reports.dashboard.workload')}</h2>
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
          {d.workload.map((w) => (
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
      <BarChart
        title={t('reports.dashboard.workload')}
        data={d.workload.map((w) => ({ label: w.label, value: w.open }))}
        labelHeader={t('reports.unit')}
        valueHeader={t('reports.dashboard.open')}
      />

      <h2>{t('reports.dashboard.ageing')}</h2>
      <table className="table">
        <caption className="visually-hidden">{t('reports.dashboard.ageing')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.unit')}</th>
            {d.buckets.map((key) => (
              <th scope="col" className="num" key={key}>
                {t(`reports.dashboard.bucket.${key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {d.ageing.map((a) => (
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
      <BarChart
        title={t('reports.dashboard.ageing')}
        data={d.buckets.map((key, i) => ({
          label: t(`reports.dashboard.bucket.${key}`),
          value: totalAgeing[i] ?? 0,
        }))}
        labelHeader={t('reports.dashboard.ageing')}
        valueHeader={t('reports.dashboard.open')}
      />

      <h2>{t('reports.dashboard.overdueList')}</h2>
      {d.overdue.total === 0 ? (
        <p>{t('reports.dashboard.noOverdue')}</p>
      ) : (
        <>
          <p>
            {t('reports.dashboard.overdueCount', { count: d.overdue.total, shown: d.overdue.items.length })}
          </p>
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
              {d.overdue.items.map((o) => (
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
        </>
      )}

      <h2>{t('reports.dashboard.trend')}</h2>
      <LineChart
        title={t('reports.dashboard.trend')}
        categoryHeader={t('reports.chart.period')}
        categories={d.trend.map((p) => p.label)}
        series={[
          { name: t('reports.dashboard.trendReceived'), values: d.trend.map((p) => p.received) },
          { name: t('reports.dashboard.trendClosed'), values: d.trend.map((p) => p.closed) },
          { name: t('reports.dashboard.trendOnTime'), values: d.trend.map((p) => p.onTime) },
        ]}
      />

      <h2>{t('reports.dashboard.targets', { period: d.targetsPeriod })}</h2>
      <TargetsTable targets={d.targets} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

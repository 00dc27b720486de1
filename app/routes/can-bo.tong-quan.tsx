// The coordinators' and leaders' overview: open work per unit, ageing, overdue items, the last 12 monthly periods
// and the plan's II.1 targets for the current report year. A unit leader sees their unit only.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { AgeingSection, OverdueSection, WorkloadSection } from '~/components/reports/dashboard-sections';
import { LineChart, TargetsTable } from '~/components/reports/svg-chart';
import { ScheduleWarning } from '~/components/staff/schedule-warning';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { formatDateVi, toLocalDate } from '~/domain/dates';
import { can, isUnitScoped } from '~/domain/permissions';
import { AGEING_BUCKETS } from '~/domain/reports/definitions';
import { vietnamStamp } from '~/domain/reports/form';
import { lastReportMonths, periodContaining, periodLabel, periodName } from '~/domain/reports/periods';
import { getScheduleWarning } from '~/models/admin/calendar-schedule.server';
import { buildDashboard } from '~/models/reports/dashboard.server';
import { reportCutoffDay } from '~/models/reports/query.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'report:read');
  const locale = getLocale(request);
  const t = getT(locale);
  const now = new Date();
  const today = toLocalDate(now);
  const cutoff = await reportCutoffDay();
  const unitId = isUnitScoped(actor) ? actor.unitId : null;
  const months = lastReportMonths(today, 12, cutoff);
  const year = periodContaining('year', today, cutoff);
  const dash = await buildDashboard({ unitId, months, year, today, cutoffDay: cutoff });
  const en = locale === 'en';
  const name = (u: { unitId: number | null; name: string; nameEn: string }) =>
    u.unitId === null ? t('reports.unassigned') : en ? u.nameEn : u.name;
  return json(
    {
      pageTitle: `${t('reports.dashboard.title')} – ${t('app.shortName')}`,
      time: vietnamStamp(now),
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
      scheduleWarning: can(actor, 'admin:calendar') ? await getScheduleWarning({ now }) : null,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="dashboard">
      <h1>{t('reports.dashboard.title')}</h1>
      <p className="lead-small">{t('reports.dashboard.intro', { time: d.time })}</p>
      {d.scheduleWarning ? <ScheduleWarning warning={d.scheduleWarning} /> : null}
      <p>
        <Link to="/can-bo/bao-cao">{t('reports.dashboard.fullReport')}</Link>
      </p>

      <WorkloadSection workload={d.workload} />
      <AgeingSection buckets={d.buckets} ageing={d.ageing} />
      <OverdueSection overdue={d.overdue} />

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

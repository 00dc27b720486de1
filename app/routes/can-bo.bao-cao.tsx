// The periodic report (issue #5, spec §9): a GET form for the period and scope, the figures with their charts
// and tables, the downloads, and publication to the VI.4 register. Works without JavaScript.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ReportFilters } from '~/components/reports/report-filters';
import { ReportView } from '~/components/reports/report-view';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ErrorSummary } from '~/components/ui/form';
import { toLocalDate } from '~/domain/dates';
import { agencyAbbreviation } from '~/domain/document-templates';
import { can, isUnitScoped } from '~/domain/permissions';
import { periodContaining, periodLabel, periodToParams } from '~/domain/reports/periods';
import { audit } from '~/models/audit.server';
import { getAgency, listUnits } from '~/models/config.server';
import { publishedReportDocuments } from '~/exports/report-narrative.server';
import { buildReport, reportContext } from '~/models/reports/report.server';
import { REPORT_FORM_KEYS } from '~/domain/reports/definitions';
import { errorFieldId, reportFormValues, vietnamStamp } from '~/domain/reports/form';
import { getPublishedReport, publishReport, ReportConflictError } from '~/models/reports/published.server';
import { parseReportQuery } from '~/models/reports/query.server';
import { requirePermission } from '~/utils/auth.server';
import { auditDenied } from '~/models/security-audit.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';
import { localName } from '~/domain/local-name';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'report:read');
  const locale = getLocale(request);
  const t = getT(locale);
  const url = new URL(request.url);
  let params = url.searchParams;
  const today = toLocalDate(new Date());
  if (!params.has('period')) {
    // no choice yet: the current quarter
    params = new URLSearchParams(
      periodToParams(
        periodContaining('quarter', today, parseReportQuery(new URLSearchParams(), actor).cutoffDay),
      ),
    );
  }
  const query = parseReportQuery(params, actor);
  if (!query.ok && query.status === 403)
    throw json({ message: t(`reports.errors.${query.errors[0]!.key}`) }, { status: 403 });
  const values = reportFormValues(params);
  const scoped = isUnitScoped(actor);
  const units = listUnits({ activeOnly: false }).filter((u) => u.active || String(u.id) === values.unit);
  const common = {
    values,
    cutoffDay: query.cutoffDay,
    scoped,
    units: units
      .filter((u) => !scoped || u.id === actor.unitId)
      .map((u) => ({ value: String(u.id), label: localName(u, locale) })),
    pageTitle: `${t('reports.title')} – ${t('app.shortName')}`,
    canExport: can(actor, 'export:run'),
    published: (() => {
      const id = Number(url.searchParams.get('cong-bo'));
      const doc = Number.isInteger(id) && id > 0 ? getPublishedReport(id) : null;
      return doc ? { id: doc.id, number: doc.number } : null;
    })(),
  };
  if (!query.ok) {
    const errors = query.errors.map((e) => ({
      id: errorFieldId(e, values),
      message: t(`reports.errors.${e.key}`),
    }));
    return json(
      { ...common, errors, report: null, query: '', periodText: '', generatedText: '', canPublish: false },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  const report = buildReport({ period: query.period, unitId: query.unitId });
  const qs = new URLSearchParams({
    ...periodToParams(query.period),
    ...(query.unitId !== null ? { unit: String(query.unitId) } : {}),
  }).toString();
  return json(
    {
      ...common,
      errors: [] as Array<{ id: string; message: string }>,
      report,
      query: qs,
      periodText: periodLabel(query.period, locale),
      generatedText: vietnamStamp(new Date(report.generatedAt)),
      canPublish: can(actor, 'pakn:publish') && query.period.end < today,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'report:read');
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  if (!form || form.get('intent') !== 'publish')
    throw json({ message: t('reports.errors.unknownIntent') }, { status: 400 });
  if (!can(actor, 'pakn:publish')) {
    auditDenied({ request, actorUserId: actor.id, permission: 'pakn:publish', ip: clientIp(context) });
    throw json({ message: t('reports.errors.forbidden') }, { status: 403 });
  }
  const params = new URLSearchParams();
  for (const k of REPORT_FORM_KEYS) {
    const v = form.get(k);
    if (typeof v === 'string' && v) params.set(k, v);
  }
  const query = parseReportQuery(params, actor);
  if (!query.ok)
    throw json(
      { message: query.errors.map((e) => t(`reports.errors.${e.key}`)).join(' ') },
      { status: query.status },
    );
  const ctx = reportContext({ period: query.period, unitId: query.unitId });
  try {
    const doc = publishReport({
      report: ctx.report,
      agencyName: ctx.agency.name,
      unitName: ctx.unitName,
      abbreviation: agencyAbbreviation(getAgency().codePrefix),
      documents: (number) => publishedReportDocuments(ctx, number),
      actorUserId: actor.id,
      today: ctx.today,
    });
    audit({
      actorUserId: actor.id,
      action: 'report.publish',
      targetType: 'document',
      targetId: doc.id,
      ip: clientIp(context),
      detail: { number: doc.number, start: query.period.start, end: query.period.end, unitId: query.unitId },
    });
    params.set('cong-bo', String(doc.id));
    return redirect(`/can-bo/bao-cao?${params}`);
  } catch (error) {
    if (error instanceof ReportConflictError)
      throw json({ message: t(`reports.errors.${error.key}`, error.params) }, { status: 409 });
    throw error;
  }
}

export default function ReportPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="report-page">
      <ErrorSummary errors={d.errors} />
      <h1>{t('reports.title')}</h1>
      <p className="lead-small">{t('reports.intro')}</p>
      <p>
        <Link to="/can-bo/tong-quan">{t('reports.dashboard.title')}</Link>
      </p>
      <ReportFilters
        values={d.values}
        errors={d.errors}
        cutoffDay={d.cutoffDay}
        scoped={d.scoped}
        units={d.units}
      />
      {d.report ? (
        <ReportView
          report={d.report}
          periodText={d.periodText}
          generatedText={d.generatedText}
          query={d.query}
          canExport={d.canExport}
          canPublish={d.canPublish}
          published={d.published}
          values={d.values}
        />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

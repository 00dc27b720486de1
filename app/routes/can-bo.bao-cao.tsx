// The periodic report (issue #5, spec §9): a GET form for the period and scope, the figures with their charts
// and tables, the downloads, and publication to the VI.4 register. Works without JavaScript.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { ReportFilters } from '~/components/reports/report-filters';
import { ReportView } from '~/components/reports/report-view';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ErrorSummary } from '~/components/ui/form';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { toLocalDate } from '~/domain/dates';
import { agencyAbbreviation } from '~/domain/document-templates';
import { localName } from '~/domain/local-name';
import { can, isUnitScoped } from '~/domain/permissions';
import { REPORT_FORM_KEYS } from '~/domain/reports/definitions';
import {
  publishedFlash,
  publishedFromFlash,
  publishQuery,
  publishReportSchema,
  reportFieldErrors,
  reportFormValues,
  reportQuerySchema,
  vietnamStamp,
} from '~/domain/reports/form';
import { periodContaining, periodLabel, periodToParams } from '~/domain/reports/periods';
import { publishedReportDocuments } from '~/exports/report-narrative.server';
import { audit } from '~/models/audit.server';
import { getAgency, listUnits } from '~/models/config.server';
import { findPublishedReport, publishReport, ReportConflictError } from '~/models/reports/published.server';
import { parseReportQuery } from '~/models/reports/query.server';
import { buildReport, reportContext } from '~/models/reports/report.server';
import { auditDenied } from '~/models/security-audit.server';
import { readFlash, redirectWithFlash } from '~/utils/flash.server';
import { parseForm } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'report:read');
  const locale = getLocale(request);
  const t = getT(locale);
  const url = new URL(request.url);
  let params = url.searchParams;
  const today = toLocalDate(new Date());
  if (!params.has('period')) {
    // no period chosen yet: the current quarter, of the unit asked for if any
    const unit = params.get('unit');
    params = new URLSearchParams({
      ...periodToParams(
        periodContaining('quarter', today, (await parseReportQuery(new URLSearchParams(), actor)).cutoffDay),
      ),
      ...(unit ? { unit } : {}),
    });
  }
  const query = await parseReportQuery(params, actor);
  if (!query.ok && query.status === 403)
    throw json({ message: t(`reports.errors.${query.errors[0]!.key}`) }, { status: 403 });
  const values = reportFormValues(params);
  const flash = await readFlash(request);
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (flash.setCookie) headers['Set-Cookie'] = flash.setCookie;
  const scoped = isUnitScoped(actor);
  const units = (await listUnits({ activeOnly: false })).filter(
    (u) => u.active || String(u.id) === values.unit,
  );
  const common = {
    values,
    cutoffDay: query.cutoffDay,
    scoped,
    units: units
      .filter((u) => !scoped || u.id === actor.unitId)
      .map((u) => ({ value: String(u.id), label: localName(u, locale) })),
    pageTitle: `${t('reports.title')} – ${t('app.shortName')}`,
    canExport: can(actor, 'export:run'),
    published: publishedFromFlash(flash.message),
  };
  if (!query.ok) {
    // the form's answer as conform's, for usePaknForm: the period's messages and the unit's (server only)
    const filters = parseForm(params, reportQuerySchema(query.cutoffDay)).reply({
      fieldErrors: reportFieldErrors(query.errors, values),
    });
    return json(
      {
        ...common,
        pageTitle: `${t('errorPrefix')} ${common.pageTitle}`,
        filters,
        report: null,
        query: '',
        periodText: '',
        generatedText: '',
        canPublish: false,
        publishedBefore: null,
      },
      { status: 400, headers },
    );
  }
  const report = await buildReport({ period: query.period, unitId: query.unitId });
  const qs = new URLSearchParams({
    ...periodToParams(query.period),
    ...(query.unitId !== null ? { unit: String(query.unitId) } : {}),
  }).toString();
  return json(
    {
      ...common,
      filters: null,
      report,
      query: qs,
      periodText: periodLabel(query.period, locale),
      generatedText: vietnamStamp(new Date(report.generatedAt)),
      canPublish: can(actor, 'pakn:publish') && query.period.end < today,
      publishedBefore: await findPublishedReport(query.period, query.unitId),
    },
    { headers },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'report:read');
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  const submission = form ? parseForm(form, publishReportSchema) : null;
  if (submission?.status !== 'success')
    throw json({ message: t('reports.errors.unknownIntent') }, { status: 400 });
  if (!can(actor, 'pakn:publish')) {
    await auditDenied({ request, actorUserId: actor.id, permission: 'pakn:publish', ip: clientIp(context) });
    throw json({ message: t('reports.errors.forbidden') }, { status: 403 });
  }
  const params = publishQuery(submission.value);
  const query = await parseReportQuery(params, actor);
  if (!query.ok)
    throw json(
      { message: query.errors.map((e) => t(`reports.errors.${e.key}`)).join(' ') },
      { status: query.status },
    );
  const ctx = await reportContext({ period: query.period, unitId: query.unitId });
  try {
    const doc = await publishReport({
      report: ctx.report,
      agencyName: ctx.agency.name,
      unitName: ctx.unitName,
      abbreviation: agencyAbbreviation((await getAgency()).codePrefix),
      documents: (number) => publishedReportDocuments(ctx, number),
      actorUserId: actor.id,
      today: ctx.today,
    });
    await audit({
      actorUserId: actor.id,
      action: 'report.publish',
      targetType: 'document',
      targetId: doc.id,
      ip: clientIp(context),
      detail: { number: doc.number, start: query.period.start, end: query.period.end, unitId: query.unitId },
    });
    return await redirectWithFlash(`/can-bo/bao-cao?${params}`, publishedFlash(doc));
  } catch (error) {
    if (error instanceof ReportConflictError)
      throw json({ message: t(`reports.errors.${error.key}`, error.params) }, { status: 409 });
    throw error;
  }
}

export default function ReportPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const filters = usePaknForm(reportQuerySchema(d.cutoffDay), {
    lastResult: d.filters,
    order: REPORT_FORM_KEYS,
  });
  return (
    <div className="report-page">
      <ErrorSummary errors={filters.summary} />
      <h1>{t('reports.title')}</h1>
      <p className="lead-small">{t('reports.intro')}</p>
      <p>
        <Link to="/can-bo/tong-quan">{t('reports.dashboard.title')}</Link>
      </p>
      <ReportFilters
        values={d.values}
        form={filters}
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
          publishedBefore={d.publishedBefore}
          values={d.values}
        />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// The periodic report (issue #5, spec §9): a GET form for the period and scope, the figures with their charts
// and tables, the downloads, and publication to the VI.4 register. Works without JavaScript.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { BarChart, TargetsTable, useFigureFormat as useFormat } from '~/components/svg-chart';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { Choices, ErrorSummary, Select, TextField } from '~/components/ui/form';
import { formatDateVi, toLocalDate } from '~/domain/dates';
import { agencyAbbreviation } from '~/domain/document-templates';
import { CATEGORIES, CHANNELS, PAKN_TYPES, REFUSAL_REASONS } from '~/domain/pakn';
import { can, isUnitScoped } from '~/domain/permissions';
import { periodContaining, periodLabel, periodToParams } from '~/domain/report-periods';
import { audit } from '~/models/audit.server';
import { getAgency, listUnits } from '~/models/config.server';
import { exportContext, publishedReportDocuments } from '~/models/report-export.server';
import {
  getPublishedReport,
  parseReportQuery,
  publishReport,
  ReportConflictError,
  type Report,
} from '~/models/reports.server';
import { requirePermission } from '~/auth/guards.server';
import { auditDenied } from '~/models/security-audit.server';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';
import { localName } from '~/domain/local-name';

/** '14:05 27/11/2026' in Vietnam time */
const stamp = (d: Date) =>
  `${new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Ho_Chi_Minh' }).format(d)} ${formatDateVi(d)}`;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

const FORM_KEYS = ['period', 'year', 'month', 'quarter', 'half', 'from', 'to', 'unit'] as const;

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
  const values = Object.fromEntries(FORM_KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<
    (typeof FORM_KEYS)[number],
    string
  >;
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
      id: e.field === 'index' ? values.period || 'month' : e.field === 'period' ? 'period' : e.field,
      message: t(`reports.errors.${e.key}`),
    }));
    return json(
      { ...common, errors, report: null, query: '', periodText: '', generatedText: '', canPublish: false },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  const { report } = exportContext({ period: query.period, unitId: query.unitId });
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
      generatedText: stamp(new Date(report.generatedAt)),
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
  for (const k of FORM_KEYS) {
    const v = form.get(k);
    if (typeof v === 'string' && v) params.set(k, v);
  }
  const query = parseReportQuery(params, actor);
  if (!query.ok)
    throw json(
      { message: query.errors.map((e) => t(`reports.errors.${e.key}`)).join(' ') },
      { status: query.status },
    );
  const ctx = exportContext({ period: query.period, unitId: query.unitId });
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

type ReportData = Report;

export default function ReportPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const v = d.values;
  const err = (id: string) => d.errors.find((e) => e.id === id)?.message;
  const year = new Date().getFullYear();
  return (
    <div className="report-page">
      <ErrorSummary errors={d.errors} />
      <h1>{t('reports.title')}</h1>
      <p className="lead-small">{t('reports.intro')}</p>
      <p>
        <Link to="/can-bo/tong-quan">{t('reports.dashboard.title')}</Link>
      </p>
      <Form method="get" className="report-form" noValidate>
        <Choices
          id="period"
          name="period"
          legend={t('reports.form.period')}
          hint={
            d.cutoffDay === 1
              ? t('reports.form.cutoffHintCalendar')
              : t('reports.form.cutoffHint', { day: d.cutoffDay, prev: d.cutoffDay - 1 })
          }
          error={err('period')}
          small
          defaultValue={v.period}
          options={(['month', 'quarter', 'half', 'year', 'custom'] as const).map((k) => ({
            value: k,
            label: t(`reports.form.kind.${k}`),
          }))}
        />
        <div className="filter-grid">
          <TextField
            id="year"
            name="year"
            label={t('reports.form.year')}
            error={err('year')}
            defaultValue={v.year || String(year)}
            inputMode="numeric"
            className="input-20"
          />
          <Select
            id="month"
            name="month"
            label={t('reports.form.month')}
            error={err('month')}
            defaultValue={v.month}
            placeholder=""
            options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
          />
          <Select
            id="quarter"
            name="quarter"
            label={t('reports.form.quarter')}
            error={err('quarter')}
            defaultValue={v.quarter}
            placeholder=""
            options={['I', 'II', 'III', 'IV'].map((r, i) => ({ value: String(i + 1), label: r }))}
          />
          <Select
            id="half"
            name="half"
            label={t('reports.form.half')}
            error={err('half')}
            defaultValue={v.half}
            placeholder=""
            options={[
              { value: '1', label: t('reports.form.halfFirst') },
              { value: '2', label: t('reports.form.halfSecond') },
            ]}
          />
          <TextField
            id="from"
            name="from"
            type="date"
            label={t('reports.form.from')}
            hint={t('reports.form.dateHint')}
            error={err('from')}
            defaultValue={v.from}
          />
          <TextField
            id="to"
            name="to"
            type="date"
            label={t('reports.form.to')}
            error={err('to')}
            defaultValue={v.to}
          />
          {d.scoped ? (
            <input type="hidden" name="unit" value={d.units[0]?.value ?? ''} />
          ) : (
            <Select
              id="unit"
              name="unit"
              label={t('reports.form.unit')}
              error={err('unit')}
              defaultValue={v.unit}
              placeholder={t('reports.form.allUnits')}
              options={d.units}
            />
          )}
        </div>
        <button className="button" type="submit">
          {t('reports.form.submit')}
        </button>
      </Form>
      {d.report ? (
        <ReportView
          report={d.report as unknown as ReportData}
          periodText={d.periodText}
          generatedText={d.generatedText}
          query={d.query}
          canExport={d.canExport}
          canPublish={d.canPublish}
          published={d.published}
          values={v}
        />
      ) : null}
    </div>
  );
}

function ReportView({
  report,
  periodText,
  generatedText,
  query,
  canExport,
  canPublish,
  published,
  values,
}: {
  report: ReportData;
  periodText: string;
  generatedText: string;
  query: string;
  canExport: boolean;
  canPublish: boolean;
  published: { id: number; number: string } | null;
  values: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const en = i18n.language === 'en';
  const c = report.total.counts;
  const unitName = (u: { name: string; nameEn: string; unitId: number | null }) =>
    u.unitId === null ? t('reports.unassigned') : en ? u.nameEn : u.name;
  const b = report.total.breakdowns;
  const fieldLabel = (k: string) => {
    if (k === 'none') return t('reports.noField');
    const field = report.fields.find((x) => String(x.id) === k);
    return field ? (en ? field.nameEn : field.name) : `#${k}`;
  };
  const scope =
    report.unitId === null
      ? t('reports.scopeAll')
      : t('reports.scopeUnit', { unit: unitName(report.units[0]!) });
  const outcomeKeys = [
    'answeredOnTime',
    'answeredLate',
    'refused',
    'transferred',
    'forwarded',
    'duplicate',
    'closedNoInfo',
  ] as const;
  const bar = (rows: Array<{ label: string; n: number }>, total: number, title: string) => (
    <BarChart
      title={title}
      data={rows.map((r) => ({ label: r.label, value: r.n }))}
      labelHeader={t('reports.item')}
      valueHeader={t('reports.count')}
      extraColumns={{ header: t('reports.share'), values: rows.map((r) => f.share(r.n, total)) }}
    />
  );
  return (
    <section aria-labelledby="report-heading" className="report">
      {published ? (
        <p className="notice" role="status">
          {t('reports.publish.done', { number: published.number })}{' '}
          <a href={`/thong-ke/bao-cao/${published.id}`}>{t('reports.publish.view')}</a>
        </p>
      ) : null}
      <h2 id="report-heading">{t('reports.period', { label: periodText })}</h2>
      <p>
        {scope}. {t('reports.generatedAt', { time: generatedText })}
      </p>

      <dl className="summary-list">
        {(['carriedOver', 'received', 'closed', 'carriedForward'] as const).map((k) => (
          <div className="summary-row" key={k}>
            <dt>{t(`reports.indicator.${k}`)}</dt>
            <dd>{f.int(c[k])}</dd>
          </div>
        ))}
      </dl>
      <p>
        {t('reports.balanceCheck', {
          left: f.int(c.carriedOver),
          received: f.int(c.received),
          closed: f.int(c.closed),
          right: f.int(c.carriedForward),
        })}
      </p>

      {canExport ? (
        <section aria-labelledby="downloads">
          <h3 id="downloads">{t('reports.section.downloads')}</h3>
          <p className="hint">{t('reports.downloads.hint')}</p>
          <ul>
            {(['xlsx', 'csv', 'pdf', 'docx'] as const).map((ext) => (
              <li key={ext}>
                <a href={`/can-bo/bao-cao.${ext}?${query}`} download>
                  {t(`reports.downloads.${ext}`)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <h3>{t('reports.section.balance')}</h3>
      <table className="table">
        <caption className="visually-hidden">{t('reports.section.balance')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.unit')}</th>
            {(
              [
                'carriedOver',
                'received',
                'closed',
                'carriedForward',
                'inProgressWithinTime',
                'inProgressOverdue',
                'published',
              ] as const
            ).map((k) => (
              <th scope="col" className="num" key={k}>
                {t(`reports.indicator.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[
            ...report.units.map((u) => ({ key: String(u.unitId), name: unitName(u), counts: u.counts })),
            { key: 'total', name: t('reports.total'), counts: c },
          ].map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              {(
                [
                  'carriedOver',
                  'received',
                  'closed',
                  'carriedForward',
                  'inProgressWithinTime',
                  'inProgressOverdue',
                  'published',
                ] as const
              ).map((k) => (
                <td className="num" key={k}>
                  {f.int(row.counts[k])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{t('reports.section.outcomes')}</h3>
      <table className="table">
        <caption className="visually-hidden">{t('reports.section.outcomes')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.unit')}</th>
            {outcomeKeys.map((k) => (
              <th scope="col" className="num" key={k}>
                {t(`reports.indicator.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[
            ...report.units.map((u) => ({ key: String(u.unitId), name: unitName(u), counts: u.counts })),
            { key: 'total', name: t('reports.total'), counts: c },
          ].map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              {outcomeKeys.map((k) => (
                <td className="num" key={k}>
                  {f.int(row.counts[k])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {bar(
        outcomeKeys.map((k) => ({ label: t(`reports.indicator.${k}`), n: c[k] })),
        c.closed,
        t('reports.section.outcomes'),
      )}

      <h3>{t('reports.section.byUnit')}</h3>
      {bar(
        report.units.map((u) => ({ label: unitName(u), n: u.counts.received })),
        c.received,
        t('reports.section.byUnit'),
      )}
      <h3>{t('reports.section.byChannel')}</h3>
      {bar(
        CHANNELS.map((k) => ({ label: t(`channel.${k}`), n: b.byChannel[k] ?? 0 })),
        c.received,
        t('reports.section.byChannel'),
      )}
      <h3>{t('reports.section.byType')}</h3>
      {bar(
        PAKN_TYPES.map((k) => ({ label: t(`type.${k}`), n: b.byType[k] ?? 0 })),
        c.received,
        t('reports.section.byType'),
      )}
      <h3>{t('reports.section.byCategory')}</h3>
      {bar(
        CATEGORIES.map((k) => ({ label: `${k}. ${t(`category.${k}`)}`, n: b.byCategory[String(k)] ?? 0 })),
        c.received,
        t('reports.section.byCategory'),
      )}
      <h3>{t('reports.section.byField')}</h3>
      {bar(
        [...report.fields.map((x) => String(x.id)), 'none']
          .filter((k) => k !== 'none' || (b.byField.none ?? 0) > 0)
          .map((k) => ({ label: fieldLabel(k), n: b.byField[k] ?? 0 })),
        c.received,
        t('reports.section.byField'),
      )}
      <h3>{t('reports.section.refusedByReason')}</h3>
      {bar(
        [...REFUSAL_REASONS, ...((b.refusedByReason.none ?? 0) > 0 ? ['none'] : [])].map((k) => ({
          label: k === 'none' ? t('reports.noReason') : t(`staff.refusal.${k}`),
          n: b.refusedByReason[k] ?? 0,
        })),
        c.refused,
        t('reports.section.refusedByReason'),
      )}

      <h3>{t('reports.section.handling')}</h3>
      <table className="table">
        <caption className="visually-hidden">{t('reports.section.handling')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.unit')}</th>
            <th scope="col" className="num">
              {t('reports.indicator.answered')}
            </th>
            <th scope="col" className="num">
              {t('reports.indicator.handlingMean')}
            </th>
            <th scope="col" className="num">
              {t('reports.indicator.handlingMedian')}
            </th>
            <th scope="col" className="num">
              {t('reports.indicator.ratings')}
            </th>
            <th scope="col" className="num">
              {t('reports.indicator.satisfactionRate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {[
            ...report.units.map((u) => ({ key: String(u.unitId), name: unitName(u), fig: u })),
            { key: 'total', name: t('reports.total'), fig: report.total },
          ].map((row) => (
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

      <h3>{t('reports.section.targets')}</h3>
      <TargetsTable targets={report.targets} />

      {canPublish ? (
        <section aria-labelledby="publish">
          <h3 id="publish">{t('reports.section.publish')}</h3>
          <p>{t('reports.publish.intro')}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            {Object.entries(values).map(([k, val]) =>
              val ? <input type="hidden" name={k} value={val} key={k} /> : null,
            )}
            <button className="button button-secondary" type="submit">
              {t('reports.publish.submit')}
            </button>
          </Form>
        </section>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

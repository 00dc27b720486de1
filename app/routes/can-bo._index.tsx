// The staff queue: tabs with counts, a GET filter form (works without JavaScript), a table sorted by due
// date with keyset pagination, and the coordinators' bulk assignment.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/form';
import { QueueDueCell } from '~/components/queue-due';
import { formatDateVi } from '~/domain/dates';
import { CATEGORIES, CHANNELS, PAKN_TYPES } from '~/domain/pakn';
import { can } from '~/domain/permissions';
import { STATUSES } from '~/domain/workflow';
import { listFields, listUnits } from '~/models/config.server';
import { QUEUE_SORTS } from '~/domain/queue';
import { countQueueTabs, listQueue, parseQueueParams, queueTabs } from '~/models/queue.server';
import { bulkAssign, fieldErrorMessage, WorkflowError, workflowErrorMessage } from '~/models/workflow.server';
import { requirePermission, requireStaff } from '~/utils/auth.server';
import { clientIp, safeRedirect } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'queue:read');
  const locale = getLocale(request);
  const t = getT(locale);
  const url = new URL(request.url);
  const filters = parseQueueParams(url.searchParams, actor);
  const page = listQueue({ actor, filters });
  const units = listUnits({ activeOnly: false });
  const unitName = new Map(units.map((u) => [u.id, locale === 'en' ? u.nameEn : u.name]));
  return json(
    {
      filters,
      tabs: queueTabs(actor),
      counts: countQueueTabs({ actor }),
      rows: page.rows.map((r) => ({
        id: r.id,
        code: r.code,
        title: r.title,
        status: r.status,
        unit: r.unitId ? (unitName.get(r.unitId) ?? null) : null,
        received: formatDateVi(r.receivedDate),
        due: formatDateVi(r.answerDue),
        extended: r.extendedTo !== null,
        dueState: r.dueState,
        step: r.clock,
        stepDue: r.clock && r.stepDue ? formatDateVi(r.stepDue) : null,
        workingDays: r.workingDays,
        version: r.version,
      })),
      next: page.next,
      prev: page.prev,
      canBulkAssign: can(actor, 'pakn:assign'),
      canIntake: can(actor, 'pakn:intake'),
      assigned: Number(url.searchParams.get('da-giao')) || 0,
      units: units.filter((u) => u.active).map((u) => ({ value: String(u.id), label: unitName.get(u.id)! })),
      fields: listFields().map((f) => ({ value: String(f.id), label: locale === 'en' ? f.nameEn : f.name })),
      pageTitle: `${t('staff.queue.title')} – ${t('app.shortName')}`,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request);
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  if (!form || form.get('intent') !== 'bulk_assign')
    throw json({ message: t('staff.errors.unknownIntent') }, { status: 400 });
  if (!can(actor, 'pakn:assign')) throw json({ message: t('staff.errors.forbidden') }, { status: 403 });
  const returnTo = safeRedirect(form.get('returnTo'), '/can-bo');
  const raw = form.getAll('ids').map(String);
  const items = raw
    .map((v) => /^(\d{1,12})\.(\d{1,9})$/.exec(v))
    .map((m) => (m ? { id: Number(m[1]), version: Number(m[2]) } : null));
  const unitRaw = String(form.get('unitId') ?? '');
  const errors: Record<string, string> = {};
  if (items.some((i) => i === null)) throw json({ message: t('staff.errors.badRequest') }, { status: 400 });
  if (items.length === 0) errors.ids = t('staff.errors.noneSelected');
  if (!/^\d{1,9}$/.test(unitRaw)) errors.unitId = t('staff.errors.unknownUnit');
  if (Object.keys(errors).length) return json({ errors, unitId: unitRaw }, { status: 400 });
  try {
    const n = bulkAssign({
      actor,
      items: items as { id: number; version: number }[],
      unitId: Number(unitRaw),
      ip: clientIp(context),
    });
    const url = new URL(returnTo, 'http://x');
    url.searchParams.set('da-giao', String(n));
    return redirect(url.pathname + url.search);
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    if (error.fieldErrors) {
      const translated = Object.fromEntries(
        Object.entries(error.fieldErrors).map(([k, v]) => [k, fieldErrorMessage(v, t)]),
      );
      return json({ errors: translated, unitId: unitRaw }, { status: 400 });
    }
    throw json({ message: workflowErrorMessage(error, t) }, { status: error.status });
  }
}

function queryWith(filters: Record<string, unknown>, changes: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, after: undefined, before: undefined, ...changes })) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  return `?${params}`;
}

export default function Queue() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const f = d.filters;
  const here = queryWith(f, { after: f.after, before: f.before });
  const errors = result?.errors ?? {};
  const summary = Object.values(errors).map((message) => ({ id: 'bulk-unit', message }));
  const bulkVisible = d.canBulkAssign && d.rows.some((r) => r.status === 'received');
  return (
    <div className="staff-queue">
      <ErrorSummary errors={summary} />
      <h1>{t('staff.queue.title')}</h1>
      {d.assigned ? (
        <p className="notice" role="status">
          {t('staff.queue.bulk.done', { count: d.assigned })}
        </p>
      ) : null}
      {d.canIntake ? (
        <p>
          <Link to="/can-bo/tiep-nhan">{t('staff.queue.intake')}</Link>
        </p>
      ) : null}

      <nav aria-label={t('staff.queue.tabsLabel')} className="staff-tabs">
        <ul>
          {d.tabs.map((tab) => (
            <li key={tab}>
              <Link to={queryWith({}, { tab })} aria-current={tab === f.tab ? 'page' : undefined}>
                {t(`staff.queue.tabs.${tab}`)} <span className="staff-count">({d.counts[tab]})</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Form method="get" className="staff-filters" role="search" aria-label={t('staff.queue.filters')}>
        <input type="hidden" name="tab" value={f.tab} />
        <div className="form-group">
          <label className="label" htmlFor="q">
            {t('staff.queue.search')}
          </label>
          <p className="hint" id="q-hint">
            {t('staff.queue.searchHint')}
          </p>
          <input
            className="input"
            id="q"
            name="q"
            type="search"
            defaultValue={f.q ?? ''}
            aria-describedby="q-hint"
          />
        </div>
        <div className="staff-filter-row">
          <FilterSelect
            name="status"
            label={t('staff.queue.status')}
            value={f.status}
            options={STATUSES.map((st) => ({ value: st, label: t(`staff.status.${st}`) }))}
          />
          <FilterSelect name="unit" label={t('staff.queue.unit')} value={f.unit} options={d.units} />
          <FilterSelect name="field" label={t('staff.queue.field')} value={f.field} options={d.fields} />
          <FilterSelect
            name="category"
            label={t('staff.queue.category')}
            value={f.category}
            options={CATEGORIES.map((c) => ({ value: String(c), label: `${c}. ${t(`category.${c}`)}` }))}
          />
          <FilterSelect
            name="type"
            label={t('staff.queue.type')}
            value={f.type}
            options={PAKN_TYPES.map((v) => ({ value: v, label: t(`type.${v}`) }))}
          />
          <FilterSelect
            name="channel"
            label={t('staff.queue.channel')}
            value={f.channel}
            options={CHANNELS.map((v) => ({ value: v, label: t(`channel.${v}`) }))}
          />
          <div className="form-group">
            <label className="label" htmlFor="from">
              {t('staff.queue.from')}
            </label>
            <input className="input" type="date" id="from" name="from" defaultValue={f.from ?? ''} />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="to">
              {t('staff.queue.to')}
            </label>
            <input className="input" type="date" id="to" name="to" defaultValue={f.to ?? ''} />
          </div>
          <FilterSelect
            name="sort"
            label={t('staff.queue.sort')}
            value={f.sort}
            options={QUEUE_SORTS.map((v) => ({ value: v, label: t(`staff.queue.sorts.${v}`) }))}
            noAny
          />
        </div>
        <button type="submit" className="button">
          {t('staff.queue.apply')}
        </button>{' '}
        <Link to={queryWith({}, { tab: f.tab })}>{t('staff.queue.clear')}</Link>
      </Form>

      {bulkVisible ? (
        <Form method="post" action="/can-bo?index" id="bulk-assign" className="staff-bulk">
          <fieldset className="fieldset">
            <legend className="legend-small">{t('staff.queue.bulk.legend')}</legend>
            <p className="hint">{t('staff.queue.bulk.hint')}</p>
            <input type="hidden" name="intent" value="bulk_assign" />
            <input type="hidden" name="returnTo" value={`/can-bo${here}`} />
            <div className={`form-group${errors.unitId || errors.ids ? ' has-error' : ''}`}>
              <label className="label" htmlFor="bulk-unit">
                {t('staff.queue.bulk.unit')}
              </label>
              {errors.ids ? <p className="field-error">{errors.ids}</p> : null}
              {errors.unitId ? <p className="field-error">{errors.unitId}</p> : null}
              <select className="select" id="bulk-unit" name="unitId" defaultValue={result?.unitId ?? ''}>
                <option value="" />
                {d.units.map((u) => (
                  <option key={u.value} value={u.value}>
                    {u.label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              {t('staff.queue.bulk.submit')}
            </button>
          </fieldset>
        </Form>
      ) : null}

      <table className="table staff-table">
        <caption>
          {t('staff.queue.caption', {
            tab: t(`staff.queue.tabs.${f.tab}`),
            sort: t(`staff.queue.sorts.${f.sort}`),
          })}{' '}
          <span className="visually-hidden">({t('staff.queue.tabCount', { count: d.counts[f.tab] })})</span>
        </caption>
        <thead>
          <tr>
            {bulkVisible ? (
              <th scope="col">
                <span className="visually-hidden">{t('staff.queue.columns.select')}</span>
              </th>
            ) : null}
            <th scope="col">{t('staff.queue.columns.code')}</th>
            <th scope="col">{t('staff.queue.columns.title')}</th>
            <th scope="col">{t('staff.queue.columns.status')}</th>
            <th scope="col">{t('staff.queue.columns.unit')}</th>
            <th scope="col">{t('staff.queue.columns.received')}</th>
            <th
              scope="col"
              aria-sort={f.sort === 'due' ? 'ascending' : f.sort === 'due_desc' ? 'descending' : undefined}
            >
              {t('staff.queue.columns.due')}
            </th>
          </tr>
        </thead>
        <tbody>
          {d.rows.length === 0 ? (
            <tr>
              <td colSpan={bulkVisible ? 7 : 6}>{t('staff.queue.empty')}</td>
            </tr>
          ) : null}
          {d.rows.map((r) => (
            <tr key={r.id}>
              {bulkVisible ? (
                <td>
                  {r.status === 'received' ? (
                    <>
                      <input
                        type="checkbox"
                        form="bulk-assign"
                        name="ids"
                        value={`${r.id}.${r.version}`}
                        id={`sel-${r.id}`}
                      />
                      <label className="visually-hidden" htmlFor={`sel-${r.id}`}>
                        {t('staff.queue.selectRow', { code: r.code })}
                      </label>
                    </>
                  ) : null}
                </td>
              ) : null}
              <th scope="row">
                <Link to={`/can-bo/pakn/${r.id}`}>{r.code}</Link>
              </th>
              <td>{r.title}</td>
              <td>{t(`staff.status.${r.status}`)}</td>
              <td>{r.unit ?? t('staff.queue.noUnit')}</td>
              <td>{r.received}</td>
              <td>
                <QueueDueCell r={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <nav aria-label={t('staff.queue.pagination')} className="staff-pager">
        <ul>
          {d.prev ? (
            <>
              <li>
                <Link to={queryWith(f, {})}>{t('staff.queue.first')}</Link>
              </li>
              <li>
                <Link to={queryWith(f, { before: d.prev })} rel="prev">
                  {t('staff.queue.prev')}
                </Link>
              </li>
            </>
          ) : null}
          {d.next ? (
            <li>
              <Link to={queryWith(f, { after: d.next })} rel="next">
                {t('staff.queue.next')}
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
    </div>
  );
}

function FilterSelect({
  name,
  label,
  value,
  options,
  noAny,
}: {
  name: string;
  label: string;
  value: string | number | undefined;
  options: Array<{ value: string; label: string }>;
  noAny?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-group">
      <label className="label" htmlFor={`filter-${name}`}>
        {label}
      </label>
      <select
        className="select"
        id={`filter-${name}`}
        name={name}
        defaultValue={value === undefined ? '' : String(value)}
      >
        {noAny ? null : <option value="">{t('staff.queue.any')}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

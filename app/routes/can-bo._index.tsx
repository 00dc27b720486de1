// The staff queue: tabs with counts, a GET filter form (works without JavaScript), a table sorted by due
// date with keyset pagination, and the coordinators' bulk assignment.
import type { SubmissionResult } from '@conform-to/react';
import {
  type ActionFunctionArgs,
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission, requireStaff } from '~/auth/guards.server';
import { QueueDueCell } from '~/components/staff/queue-due';
import { QueueFilters } from '~/components/staff/queue-filters';
import { QueueSavedFilters } from '~/components/staff/queue-saved-filters';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ErrorSummary } from '~/components/ui/form';
import { ScrollTable } from '~/components/ui/scroll-table';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { formatDateVi } from '~/domain/dates';
import { localName } from '~/domain/local-name';
import { can } from '~/domain/permissions';
import {
  bulkAssignSchema,
  deleteFilterSchema,
  SAVED_FILTER_NAME_MAX,
  SAVED_FILTERS_MAX,
  saveFilterSchema,
} from '~/domain/queue';
import { WorkflowError, workflowErrorMessage } from '~/domain/workflow/errors';
import { answerClockApplies } from '~/domain/workflow/transitions';
import { listFields, listUnits } from '~/models/config.server';
import { countQueueTabs, listQueue, parseQueueParams, queueTabs } from '~/models/queue.server';
import { deleteSavedFilter, listSavedFilters, saveFilter } from '~/models/saved-filters.server';
import { auditDenied } from '~/models/security-audit.server';
import { bulkAssign } from '~/models/workflow/perform.server';
import { parseForm, sentIntent } from '~/utils/forms';
import { clientIp, safeRedirect } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'queue:read');
  const locale = getLocale(request);
  const t = getT(locale);
  const url = new URL(request.url);
  const filters = parseQueueParams(url.searchParams, actor);
  const page = await listQueue({ actor, filters });
  const units = await listUnits({ activeOnly: false });
  const unitName = new Map(units.map((u) => [u.id, localName(u, locale)]));
  return json(
    {
      filters,
      tabs: queueTabs(actor),
      counts: await countQueueTabs({ actor }),
      rows: page.rows.map((r) => ({
        id: r.id,
        code: r.code,
        title: r.title,
        status: r.status,
        unit: r.unitId ? (unitName.get(r.unitId) ?? null) : null,
        handler: r.handlerName,
        received: formatDateVi(r.receivedDate),
        // refused, transferred…: the answer deadline no longer applies (the status column says what happened)
        due: !answerClockApplies(r.status) ? null : formatDateVi(r.answerDue),
        extended: r.extendedTo !== null,
        dueState: r.dueState,
        step: r.clock,
        stepDue: r.clock && r.stepDue ? formatDateVi(r.stepDue) : null,
        workingDays: r.workingDays,
        version: r.version,
      })),
      next: page.next,
      prev: page.prev,
      savedFilters: await listSavedFilters({ userId: actor.id }),
      canBulkAssign: can(actor, 'pakn:assign'),
      canIntake: can(actor, 'pakn:intake'),
      assigned: Number(url.searchParams.get('da-giao')) || 0,
      units: units.filter((u) => u.active).map((u) => ({ value: String(u.id), label: unitName.get(u.id)! })),
      fields: (await listFields()).map((f) => ({ value: String(f.id), label: localName(f, locale) })),
      pageTitle: `${t('staff.queue.title')} – ${t('app.shortName')}`,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

/** What the action answers when it does not redirect: conform's answer, for the form that was sent. */
type QueueResult = { intent: 'save_filter' | 'bulk_assign'; reply: SubmissionResult<string[]> };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request);
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  const intent = form && sentIntent(form, ['save_filter', 'delete_filter', 'bulk_assign']);
  if (!form || !intent) throw json({ message: t('staff.errors.unknownIntent') }, { status: 400 });
  const back = safeRedirect(form.get('returnTo'), '/can-bo');
  if (intent === 'delete_filter') {
    const sent = parseForm(form, deleteFilterSchema);
    if (sent.status !== 'success' || !(await deleteSavedFilter({ userId: actor.id, id: sent.value.id })))
      throw json({ message: t('staff.queue.saved.notFound') }, { status: 404 });
    return redirect(back);
  }
  if (intent === 'save_filter') {
    const sent = parseForm(form, saveFilterSchema);
    if (sent.status !== 'success') return json<QueueResult>({ intent, reply: sent.reply() }, { status: 400 });
    const saved = await saveFilter({ userId: actor.id, name: sent.value.name, query: sent.value.query });
    if (!saved.ok) {
      const message = `staff.queue.saved.errors.${saved.error}|max=${SAVED_FILTER_NAME_MAX}|count=${SAVED_FILTERS_MAX}`;
      return json<QueueResult>(
        { intent, reply: sent.reply({ fieldErrors: { name: [message] } }) },
        { status: 400 },
      );
    }
    return redirect(back);
  }
  if (!can(actor, 'pakn:assign')) {
    await auditDenied({ request, actorUserId: actor.id, permission: 'pakn:assign', ip: clientIp(context) });
    throw json({ message: t('staff.errors.forbidden') }, { status: 403 });
  }
  const sent = parseForm(form, bulkAssignSchema);
  if (sent.status !== 'success') return json<QueueResult>({ intent, reply: sent.reply() }, { status: 400 });
  try {
    const n = await bulkAssign({
      actor,
      items: sent.value.ids,
      unitId: sent.value.unitId,
      ip: clientIp(context),
    });
    const url = new URL(back, 'http://x');
    url.searchParams.set('da-giao', String(n));
    return redirect(url.pathname + url.search);
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    if (error.status === 403)
      await auditDenied({ request, actorUserId: actor.id, permission: 'pakn:assign', ip: clientIp(context) });
    if (error.fieldErrors) {
      const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, [v]]));
      return json<QueueResult>({ intent, reply: sent.reply({ fieldErrors }) }, { status: 400 });
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
  const bulk = usePaknForm(bulkAssignSchema, {
    id: 'bulk-assign',
    lastResult: result?.intent === 'bulk_assign' ? result.reply : undefined,
    order: ['ids', 'unitId'],
    ids: { ids: 'bulk-unit', unitId: 'bulk-unit' },
  });
  const save = usePaknForm(saveFilterSchema, {
    id: 'save-filter',
    lastResult: result?.intent === 'save_filter' ? result.reply : undefined,
    ids: { name: 'saved-filter-name' },
  });
  const summary = [...bulk.summary, ...save.summary];
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

      <QueueFilters f={f} units={d.units} fields={d.fields} clearTo={queryWith({}, { tab: f.tab })}>
        <QueueSavedFilters
          saved={d.savedFilters}
          currentQuery={queryWith(f, {}).slice(1)}
          returnTo={`/can-bo${here}`}
          form={save}
          answered={result?.intent === 'save_filter'}
        />
      </QueueFilters>

      {bulkVisible ? (
        <Form method="post" action="/can-bo?index" className="staff-bulk" {...bulk.formProps}>
          <fieldset className="fieldset">
            <legend className="legend-small">{t('staff.queue.bulk.legend')}</legend>
            <p className="hint">{t('staff.queue.bulk.hint')}</p>
            <input type="hidden" name="intent" value="bulk_assign" />
            <input type="hidden" name="returnTo" value={`/can-bo${here}`} />
            <div className={`form-group${bulk.error('unitId') || bulk.error('ids') ? ' has-error' : ''}`}>
              <label className="label" htmlFor="bulk-unit">
                {t('staff.queue.bulk.unit')}
              </label>
              {bulk.error('ids') ? <p className="field-error">{bulk.error('ids')}</p> : null}
              {bulk.error('unitId') ? <p className="field-error">{bulk.error('unitId')}</p> : null}
              <select
                className="select"
                id="bulk-unit"
                name="unitId"
                defaultValue={bulk.value('unitId') ?? ''}
              >
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

      <ScrollTable label={t('staff.queue.tableLabel')}>
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
              <th scope="col">{t('staff.queue.columns.handler')}</th>
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
                <td colSpan={bulkVisible ? 8 : 7}>{t('staff.queue.empty')}</td>
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
                <td>{r.handler ?? '–'}</td>
                <td>{r.received}</td>
                <td>
                  <QueueDueCell r={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>

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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

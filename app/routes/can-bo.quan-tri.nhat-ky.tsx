// The audit log browser: filter by actor, action, date range and target; newest first, keyset pages.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ErrorSummary, type FieldError, Select, TextField } from '~/components/ui/form';
import { ScrollTable } from '~/components/ui/scroll-table';
import {
  type AuditFilter,
  formatInstant,
  listAudit,
  listAuditActions,
  parseVnDay,
} from '~/models/audit.server';
import { listUsers } from '~/models/users.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'audit:read');
  const t = getT(getLocale(request));
  const url = new URL(request.url);
  const q = (k: string) => (url.searchParams.get(k) ?? '').trim().slice(0, 100);
  const values = {
    actor: q('actor'),
    action: q('action'),
    from: q('from'),
    to: q('to'),
    targetType: q('targetType'),
    targetId: q('targetId'),
  };
  const errors: { from?: string; to?: string } = {};
  const filter: AuditFilter = { limit: PAGE_SIZE };
  if (/^\d{1,9}$/.test(values.actor)) filter.actorUserId = Number(values.actor);
  if (values.action) filter.action = values.action;
  if (values.targetType) filter.targetType = values.targetType;
  if (values.targetId) filter.targetId = values.targetId;
  if (values.from) {
    const from = parseVnDay(values.from);
    if (from === null) errors.from = t('auth.audit.dateInvalid');
    else filter.from = from;
  }
  if (values.to) {
    const to = parseVnDay(values.to, { endOfDay: true });
    if (to === null) errors.to = t('auth.audit.dateInvalid');
    else filter.to = to;
  }
  const before = q('truoc');
  if (/^\d{1,15}$/.test(before)) filter.before = Number(before);
  const { rows, nextBefore } = await listAudit(filter);
  const actions = await listAuditActions();
  const groups = [...new Set(actions.map((a) => a.split('.')[0]!))].map((g) => `${g}.*`);
  let nextUrl: string | null = null;
  if (nextBefore !== null) {
    const params = new URLSearchParams(Object.entries(values).filter(([, v]) => v));
    params.set('truoc', String(nextBefore));
    nextUrl = `/can-bo/quan-tri/nhat-ky?${params}`;
  }
  return json(
    {
      values,
      errors,
      paged: filter.before !== undefined,
      rows: rows.map((r) => ({
        id: r.id,
        at: formatInstant(r.at),
        actor:
          r.actorUserId === null ? null : { id: r.actorUserId, label: r.actorEmail ?? `#${r.actorUserId}` },
        action: r.action,
        target: r.targetType ? `${r.targetType}${r.targetId ? ` #${r.targetId}` : ''}` : (r.targetId ?? ''),
        ip: r.ip ?? '',
        detail: r.detail ?? '',
      })),
      nextUrl,
      actors: (await listUsers()).map((u) => ({ value: String(u.id), label: `${u.name} <${u.email}>` })),
      actions: [...groups, ...actions].sort(),
      pageTitle: `${t('auth.audit.title')} – ${t('admin.title')}`,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export default function AuditLog() {
  const { values, errors, rows, nextUrl, actors, actions, paged } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const summary: FieldError[] = Object.entries(errors).map(([id, message]) => ({
    id,
    message: message ?? '',
  }));
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1>{t('auth.audit.title')}</h1>
      <p className="lead-small">{t('auth.audit.intro')}</p>
      <Form method="get" className="filters" aria-label={t('auth.audit.filters')}>
        <Select
          id="actor"
          name="actor"
          label={t('auth.audit.actor')}
          defaultValue={values.actor}
          placeholder={t('auth.audit.anyActor')}
          options={actors}
        />
        <Select
          id="action"
          name="action"
          label={t('auth.audit.action')}
          hint={t('auth.audit.actionHint')}
          defaultValue={values.action}
          placeholder={t('auth.audit.anyAction')}
          options={actions.map((a) => ({ value: a, label: a }))}
        />
        <TextField
          id="from"
          name="from"
          label={t('auth.audit.from')}
          hint={t('auth.audit.dateHint')}
          error={errors.from}
          defaultValue={values.from}
          className="input-20"
        />
        <TextField
          id="to"
          name="to"
          label={t('auth.audit.to')}
          hint={t('auth.audit.dateHint')}
          error={errors.to}
          defaultValue={values.to}
          className="input-20"
        />
        <TextField
          id="targetType"
          name="targetType"
          label={t('auth.audit.targetType')}
          defaultValue={values.targetType}
          className="input-20"
        />
        <TextField
          id="targetId"
          name="targetId"
          label={t('auth.audit.targetId')}
          defaultValue={values.targetId}
          className="input-20"
        />
        <button type="submit" className="button">
          {t('auth.audit.apply')}
        </button>{' '}
        <Link to="/can-bo/quan-tri/nhat-ky">{t('auth.audit.clear')}</Link>
      </Form>
      {rows.length === 0 ? (
        <p>{t('auth.audit.none')}</p>
      ) : (
        <ScrollTable label={t('auth.audit.caption')}>
          <table className="data-table audit-table">
            <caption className="visually-hidden">{t('auth.audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('auth.audit.at')}</th>
                <th scope="col">{t('auth.audit.actor')}</th>
                <th scope="col">{t('auth.audit.action')}</th>
                <th scope="col">{t('auth.audit.target')}</th>
                <th scope="col">{t('auth.audit.ip')}</th>
                <th scope="col">{t('auth.audit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.at}</td>
                  <td>{r.actor ? r.actor.label : t('auth.audit.system')}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.target}</td>
                  <td>{r.ip}</td>
                  <td className="audit-detail">{r.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <p>
        {nextUrl ? <Link to={nextUrl}>{t('auth.audit.next')}</Link> : null}
        {paged ? (
          <>
            {' '}
            <Link
              to={`/can-bo/quan-tri/nhat-ky?${new URLSearchParams(Object.entries(values).filter(([, v]) => v))}`}
            >
              {t('auth.audit.first')}
            </Link>
          </>
        ) : null}
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// Administrators: the staff accounts, their role, unit, status, second factor and open sessions.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ScrollTable } from '~/components/ui/scroll-table';
import { formatInstant } from '~/models/audit.server';
import { isLocked, listUsers } from '~/models/users.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:users');
  const t = getT(getLocale(request));
  const users = (await listUsers()).map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    unit: u.unitCode ? `${u.unitCode} – ${u.unitName}` : null,
    active: u.active,
    locked: isLocked(u),
    totp: u.totpEnabled,
    lastLogin: u.lastLoginAt ? formatInstant(u.lastLoginAt) : null,
    sessions: u.activeSessions,
  }));
  return json({ users, pageTitle: `${t('auth.users.title')} – ${t('admin.title')}` });
}

export default function UsersIndex() {
  const { users } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('auth.users.title')}</h1>
      <p className="lead-small">{t('auth.users.intro')}</p>
      <p>
        <Link to="/can-bo/quan-tri/nguoi-dung/moi" className="button">
          {t('auth.users.create')}
        </Link>
      </p>
      {users.length === 0 ? (
        <p>{t('auth.users.none')}</p>
      ) : (
        <ScrollTable label={t('auth.users.title')}>
          <table className="data-table">
            <caption className="visually-hidden">{t('auth.users.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('auth.users.name')}</th>
                <th scope="col">{t('auth.users.email')}</th>
                <th scope="col">{t('auth.users.role')}</th>
                <th scope="col">{t('auth.users.unit')}</th>
                <th scope="col">{t('auth.users.status')}</th>
                <th scope="col">{t('auth.users.totp')}</th>
                <th scope="col">{t('auth.users.lastLogin')}</th>
                <th scope="col">{t('auth.users.sessions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/can-bo/quan-tri/nguoi-dung/${u.id}`}>{u.name}</Link>
                  </td>
                  <td>{u.email}</td>
                  <td>{t(`auth.roles.${u.role}`)}</td>
                  <td>{u.unit ?? '—'}</td>
                  <td>
                    {u.active ? t('auth.users.active') : t('auth.users.inactive')}
                    {u.locked ? (
                      <>
                        <br />
                        <span className="tag tag-overdue">{t('auth.users.locked')}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{u.totp ? t('auth.users.yes') : t('auth.users.no')}</td>
                  <td>{u.lastLogin ?? t('auth.users.never')}</td>
                  <td>{u.sessions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

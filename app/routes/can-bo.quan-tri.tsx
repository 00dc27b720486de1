// The admin area: a sub-navigation over the configuration pages. Each page checks its own permission;
// this layout only keeps out staff who have no admin permission at all.
import { json, type LoaderFunctionArgs } from '@remix-run/node';
import { NavLink, Outlet, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requireStaff } from '~/auth/guards.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { can, type Permission } from '~/domain/permissions';
import { getLocale, getT } from '~/utils/i18n.server';

const SECTIONS: Array<{ to: string; key: string; permission: Permission; end?: boolean }> = [
  { to: '/can-bo/quan-tri', key: 'overview', permission: 'admin:agency', end: true },
  { to: '/can-bo/quan-tri/co-quan', key: 'agency', permission: 'admin:agency' },
  { to: '/can-bo/quan-tri/don-vi', key: 'units', permission: 'admin:units' },
  { to: '/can-bo/quan-tri/linh-vuc', key: 'fields', permission: 'admin:fields' },
  { to: '/can-bo/quan-tri/dinh-tuyen', key: 'routing', permission: 'admin:routing' },
  { to: '/can-bo/quan-tri/co-quan-chuyen', key: 'agencies', permission: 'admin:agencies' },
  { to: '/can-bo/quan-tri/thoi-han', key: 'deadlines', permission: 'admin:deadlines' },
  { to: '/can-bo/quan-tri/lich', key: 'calendar', permission: 'admin:calendar' },
  { to: '/can-bo/quan-tri/cai-dat', key: 'settings', permission: 'admin:agency' },
  { to: '/can-bo/quan-tri/hop-thu', key: 'outbox', permission: 'admin:agency' },
  { to: '/can-bo/quan-tri/khoa-api', key: 'apiKeys', permission: 'admin:agency' },
  { to: '/can-bo/quan-tri/webhook', key: 'webhooks', permission: 'admin:agency' },
  { to: '/can-bo/quan-tri/nguoi-dung', key: 'users', permission: 'admin:users' },
  { to: '/can-bo/quan-tri/nhat-ky', key: 'audit', permission: 'audit:read' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const isAdmin = SECTIONS.some((s) => s.permission.startsWith('admin:') && can(user, s.permission));
  if (!isAdmin) throw json({ message: getT(getLocale(request))('admin.forbidden') }, { status: 403 });
  return json({
    sections: SECTIONS.filter((s) => can(user, s.permission)).map(({ to, key, end }) => ({ to, key, end })),
  });
}

export default function AdminLayout() {
  const { sections } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="admin-layout">
      <nav className="admin-nav" aria-label={t('admin.nav.label')}>
        <ul>
          {sections.map((s) => (
            <li key={s.to}>
              <NavLink to={s.to} end={s.end}>
                {t(`admin.nav.${s.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-content">
        <Outlet />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// The staff area's frame: who is signed in, the staff navigation by permission, sign-out.
// It does not require sign-in itself: the sign-in, TOTP and password-reset pages are its children.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, NavLink, Outlet, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { loadSession } from '~/auth/guards.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { can, PERMISSION_KEYS } from '~/domain/permissions';

export const meta: MetaFunction = () => [{ name: 'robots', content: 'noindex, nofollow' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const state = await loadSession(request);
  const user = state && !state.pending ? state.user : null;
  const isAdmin = user
    ? PERMISSION_KEYS.some((p) => (p.startsWith('admin:') || p === 'audit:read') && can(user, p))
    : false;
  return json(
    {
      user: user ? { id: user.id, name: user.name, email: user.email, role: user.role } : null,
      /** signed in with the password but the second factor still to do */
      pending: state?.pending ?? null,
      nav: user
        ? {
            intake: can(user, 'pakn:intake'),
            reports: can(user, 'report:read'),
            admin: isAdmin,
            privacy: can(user, 'pakn:classify'),
          }
        : null,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export default function StaffLayout() {
  const { user, pending, nav } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="staff-area">
      {user || pending ? (
        <div className="staff-bar">
          {user ? (
            <p className="staff-user">
              {t('auth.layout.signedInAs', { name: user.name, role: t(`auth.roles.${user.role}`) })}
            </p>
          ) : null}
          <nav className="staff-nav" aria-label={t('auth.layout.navLabel')}>
            <ul>
              {user && nav ? (
                <>
                  <li>
                    <NavLink to="/can-bo" end>
                      {t('auth.layout.queue')}
                    </NavLink>
                  </li>
                  {nav.intake ? (
                    <li>
                      <NavLink to="/can-bo/tiep-nhan">{t('auth.layout.intake')}</NavLink>
                    </li>
                  ) : null}
                  {nav.reports ? (
                    <>
                      <li>
                        <NavLink to="/can-bo/tong-quan">{t('reports.nav.dashboard')}</NavLink>
                      </li>
                      <li>
                        <NavLink to="/can-bo/bao-cao">{t('reports.nav.report')}</NavLink>
                      </li>
                    </>
                  ) : null}
                  {nav.privacy ? (
                    <li>
                      <NavLink to="/can-bo/quyen-rieng-tu">{t('privacy.staff.nav')}</NavLink>
                    </li>
                  ) : null}
                  {nav.admin ? (
                    <li>
                      <NavLink to="/can-bo/quan-tri">{t('auth.layout.admin')}</NavLink>
                    </li>
                  ) : null}
                  <li>
                    <NavLink to="/can-bo/tai-khoan">{t('auth.layout.account')}</NavLink>
                  </li>
                </>
              ) : pending === 'setup' ? (
                <li>
                  <NavLink to="/can-bo/tai-khoan">{t('auth.layout.account')}</NavLink>
                </li>
              ) : null}
              <li>
                <Form method="post" action="/can-bo/dang-xuat" className="inline-form">
                  <button type="submit" className="link-button">
                    {t('auth.layout.signOut')}
                  </button>
                </Form>
              </li>
            </ul>
          </nav>
        </div>
      ) : null}
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Form,
  Links,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteLoaderData,
} from '@remix-run/react';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

import { AgencyContact } from '~/components/agency-contact';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { PageMeta } from '~/components/ui/page-meta';
import { localName } from '~/domain/local-name';
import { getAgency } from '~/models/config.server';
import styles from '~/styles/app.css';
import { errorMeta } from '~/utils/error-meta';
import { getLocale } from '~/utils/i18n.server';
import { useNonce } from '~/utils/nonce';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const meta: MetaFunction<typeof loader> = ({ error, data }) =>
  error ? errorMeta(error, data?.locale) : [];

export async function loader({ request }: LoaderFunctionArgs) {
  const agency = await getAgency();
  return {
    locale: getLocale(request),
    agency: {
      name: agency.name,
      nameEn: agency.nameEn,
      address: agency.address,
      phone: agency.phone,
      hotline: agency.hotline,
      email: agency.email,
      officeHours: agency.officeHours,
      officeHoursEn: agency.officeHoursEn,
    },
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData() {
  return useRouteLoaderData<typeof loader>('root');
}

function Document({ children, locale }: { children: ReactNode; locale: string }) {
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <PageMeta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  const { t, i18n } = useTranslation();
  const data = useRootData();
  const location = useLocation();
  const other = i18n.language === 'en' ? 'vi' : 'en';
  const agencyName = data ? localName(data.agency, i18n.language) : '';
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('skipLink')}
      </a>
      <div className="container header-bar">
        <a className="brand" href="/">
          <span className="brand-agency">{agencyName}</span>
          <span className="brand-app">{t('app.name')}</span>
        </a>
        <Form method="post" action="/ngon-ngu" className="lang-switch" reloadDocument>
          <input type="hidden" name="lng" value={other} />
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <button type="submit" className="link-button" lang={other} aria-label={t('language.switchToLabel')}>
            {t('language.switchTo')}
          </button>
        </Form>
      </div>
      <nav className="container site-nav" aria-label={t('nav.label')}>
        <ul>
          <li>
            <NavLink to="/" end>
              {t('nav.home')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/gop-y">{t('nav.send')}</NavLink>
          </li>
          <li>
            <NavLink to="/theo-doi">{t('nav.follow')}</NavLink>
          </li>
          <li>
            <NavLink to="/cong-khai">{t('pub.nav')}</NavLink>
          </li>
          <li>
            <NavLink to="/thong-ke">{t('reports.nav.statistics')}</NavLink>
          </li>
          <li>
            <NavLink to="/noi-tiep-nhan">{t('pub.where.title')}</NavLink>
          </li>
        </ul>
      </nav>
    </header>
  );
}

function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container">
        <h2 className="footer-title">{t('footer.contact')}</h2>
        <AgencyContact />
        <p className="footer-privacy">{t('footer.privacy')}</p>
        <nav aria-label={t('footer.linksLabel')}>
          <ul className="footer-links">
            <li>
              <a href="/so-cong-khai">{t('pub.documents.registerTitle')}</a>
            </li>
            <li>
              <a href="/du-lieu-mo">{t('pub.openData.title')}</a>
            </li>
            <li>
              <a href="/noi-tiep-nhan">{t('pub.where.title')}</a>
            </li>
            <li>
              <a href="/quyen-rieng-tu">{t('privacy.title')}</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  // without the root's data (its loader failed: the database is unreachable), the language of the request
  const { i18n } = useTranslation();
  return (
    <Document locale={data?.locale ?? i18n.language}>
      <Header />
      <main id="main" className="container main" tabIndex={-1}>
        {children}
      </main>
      <Footer />
    </Document>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  // effects run children first: once this one has run, every form on the page has its handlers (the
  // browser tests wait for it before clicking, so a click is never taken by the page without scripts)
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

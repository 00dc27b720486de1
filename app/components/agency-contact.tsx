import { useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import type { loader as rootLoader } from '~/root';

/** The agency's receiving address (plan section VI.1), from its settings. */
export function AgencyContact() {
  const { t, i18n } = useTranslation();
  const data = useRouteLoaderData<typeof rootLoader>('root');
  if (!data) return null;
  const a = data.agency;
  const tel = (n: string) => `tel:${n.replace(/[^\d+]/g, '')}`;
  return (
    <dl className="contact-list">
      <dt>{t('footer.address')}</dt>
      <dd>{a.address}</dd>
      <dt>{t('footer.phone')}</dt>
      <dd>
        <a href={tel(a.phone)}>{a.phone}</a>
      </dd>
      <dt>{t('footer.hotline')}</dt>
      <dd>
        <a href={tel(a.hotline)}>{a.hotline}</a>
      </dd>
      <dt>{t('footer.email')}</dt>
      <dd>
        <a href={`mailto:${a.email}`}>{a.email}</a>
      </dd>
      <dt>{t('footer.hours')}</dt>
      <dd>{i18n.language === 'en' ? a.officeHoursEn : a.officeHours}</dd>
    </dl>
  );
}

// Overview of the admin area: what is configured, and a reminder when next year's calendar is still empty.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requireStaff } from '~/auth/guards.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { can } from '~/domain/permissions';
import { getAdminOverview } from '~/models/admin/overview.server';
import { getAgency } from '~/models/config.server';
import { getOutboxStatus } from '~/models/outbox.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const t = getT(getLocale(request));
  if (!can(user, 'admin:agency')) throw json({ message: t('admin.forbidden') }, { status: 403 });
  const agency = await getAgency();
  return json({
    overview: await getAdminOverview(),
    agencyName: agency.name,
    codePrefix: agency.codePrefix,
    mailPending: (await getOutboxStatus()).pending,
    pageTitle: t('admin.title'),
  });
}

export default function AdminOverview() {
  const { overview: o, agencyName, codePrefix, mailPending } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const items = [
    {
      to: '/can-bo/quan-tri/co-quan',
      title: t('admin.nav.agency'),
      text: t('admin.overview.agency', { name: agencyName, prefix: codePrefix }),
    },
    {
      to: '/can-bo/quan-tri/don-vi',
      title: t('admin.nav.units'),
      text: t('admin.overview.units', { count: o.units }),
    },
    {
      to: '/can-bo/quan-tri/linh-vuc',
      title: t('admin.nav.fields'),
      text: t('admin.overview.fields', { count: o.fields }),
    },
    {
      to: '/can-bo/quan-tri/dinh-tuyen',
      title: t('admin.nav.routing'),
      text: t('admin.overview.keywords', { count: o.keywords }),
    },
    {
      to: '/can-bo/quan-tri/co-quan-chuyen',
      title: t('admin.nav.agencies'),
      text: t('admin.overview.agencies', { count: o.externalAgencies }),
    },
    { to: '/can-bo/quan-tri/thoi-han', title: t('admin.nav.deadlines'), text: t('admin.overview.deadlines') },
    {
      to: '/can-bo/quan-tri/lich',
      title: t('admin.nav.calendar'),
      text: t('admin.overview.calendar', { count: o.overridesThisYear, year: o.year }),
    },
    { to: '/can-bo/quan-tri/cai-dat', title: t('admin.nav.settings'), text: t('admin.overview.settings') },
    {
      to: '/can-bo/quan-tri/hop-thu',
      title: t('admin.nav.outbox'),
      text: t('admin.overview.outbox', { pending: mailPending }),
    },
  ];
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <p>{t('admin.overview.intro')}</p>
      {o.overridesNextYear === 0 ? (
        <p className="notice">
          {t('admin.overview.nextYearMissing', { year: o.year + 1 })}{' '}
          <Link to={`/can-bo/quan-tri/lich?nam=${o.year + 1}`}>
            {t('admin.overview.nextYearLink', { year: o.year + 1 })}
          </Link>
        </p>
      ) : null}
      <ul className="admin-overview">
        {items.map((i) => (
          <li key={i.to}>
            <h2>
              <Link to={i.to}>{i.title}</Link>
            </h2>
            <p>{i.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

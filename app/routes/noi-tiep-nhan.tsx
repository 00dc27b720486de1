// Plan section VI.1: where PAKN are received, from the agency's settings, on the site and as a
// printable A4 notice with a QR code to the form for posting at the office.
import { type HeadersFunction, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { AgencyContact } from '~/components/agency-contact';
import { NationalPortalChannel, NotAcceptedList } from '~/components/not-accepted';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { localName } from '~/domain/local-name';
import { getAgency } from '~/models/config.server';
import { getEnv } from '~/utils/env.server';
import { PUBLIC_CACHE } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const agency = await getAgency();
  return json(
    {
      agencyName: localName(agency, locale),
      address: agency.address,
      formUrl: `${getEnv().BASE_URL}/gop-y`,
      pageTitle: `${t('pub.where.title')} – ${t('app.shortName')}`,
    },
    { headers: PUBLIC_CACHE },
  );
}

export default function WhereToSend() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t('pub.where.title')}</h1>
      <p className="lead-small">{t('pub.where.intro', { agency: d.agencyName })}</p>
      <h2>{t('pub.where.online')}</h2>
      <p>{t('pub.where.onlineText', { url: d.formUrl })}</p>
      <p>
        <Link to="/gop-y" className="button">
          {t('intake.home.start')}
        </Link>
      </p>
      <h2>{t('pub.where.post')}</h2>
      <p>{d.address}</p>
      <h2>{t('pub.where.phoneTitle')}</h2>
      <AgencyContact />
      <NationalPortalChannel />
      <NotAcceptedList agency={d.agencyName} className="notice" />
      <h2>{t('pub.where.print')}</h2>
      <p>{t('pub.where.printHint')}</p>
      <p>
        <a href="/noi-tiep-nhan/ban-in">{t('pub.where.printButton')}</a>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

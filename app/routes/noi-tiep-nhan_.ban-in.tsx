// The A4 notice for posting at the office (niêm yết tại trụ sở), with a QR code to the online form.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { AgencyContact } from '~/components/agency-contact';
import { NationalPortalChannel, NotAcceptedList } from '~/components/not-accepted';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { localName } from '~/domain/local-name';
import { qrSvg } from '~/exports/qr.server';
import { CONTENT_LANG } from '~/i18n';
import { getAgency } from '~/models/config.server';
import { getEnv } from '~/utils/env.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const agency = await getAgency();
  const formUrl = `${getEnv().BASE_URL}/gop-y`;
  return json({
    parentName: agency.parentName,
    agencyName: localName(agency, locale),
    formUrl,
    qr: await qrSvg(formUrl),
    pageTitle: `${t('pub.where.print')} – ${t('app.shortName')}`,
  });
}

export default function PrintableNotice() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="a4-notice">
      {/* the parent body's name has no English form: marked as Vietnamese on the English page */}
      <p className="notice-parent" lang={CONTENT_LANG}>
        {d.parentName}
      </p>
      <p className="notice-agency">{d.agencyName}</p>
      <h1 className="notice-title">{t('pub.where.noticeTitle')}</h1>
      <p className="notice-subtitle">{t('pub.where.noticeSubtitle')}</p>
      <AgencyContact />
      <div className="notice-qr">
        {/* generated on the server from our own URL: an SVG of rectangles, no script */}
        <div className="qr" role="img" aria-label={d.formUrl} dangerouslySetInnerHTML={{ __html: d.qr }} />
        <p>
          {t('pub.where.scan')}
          <br />
          <strong>{d.formUrl}</strong>
        </p>
      </div>
      <div className="notice-national">
        <NationalPortalChannel heading={false} />
      </div>
      <NotAcceptedList agency={d.agencyName} className="notice-foot" />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

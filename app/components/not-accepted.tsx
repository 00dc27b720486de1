// What is not sent as a PAKN and where it goes instead (complaints and denunciations, legal advice, questions on a
// file in progress): one list for the home page, /noi-tiep-nhan and the printable VI.1 notice.
import { Trans, useTranslation } from 'react-i18next';

export function NotAcceptedList({ agency, className }: { agency: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <div className={className}>
      <h2>{t('intake.home.notTitle')}</h2>
      <ul className="not-list">
        <li>
          <Trans i18nKey="intake.home.notComplaint" values={{ agency }} />
        </li>
        <li>
          <Trans i18nKey="intake.home.notAdvice" />
        </li>
        <li>
          <Trans i18nKey="intake.home.notFile" />
        </li>
      </ul>
    </div>
  );
}

/** The national public-service portal's PAKN section, a channel besides this portal (plan VI.1). */
export function NationalPortalChannel({ heading = true }: { heading?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {heading ? <h2>{t('pub.where.national')}</h2> : null}
      <p>
        {heading ? null : <strong>{t('pub.where.national')}: </strong>}
        {t('pub.where.nationalText')}{' '}
        <a href="https://dichvucong.gov.vn" rel="noopener">
          dichvucong.gov.vn
        </a>
      </p>
    </>
  );
}

// The publish page's summary: where the publication stands, its deadline, the answer's outcome and whether the
// submitter agreed to show their name.
import { useTranslation } from 'react-i18next';
import type { DueState } from '~/domain/deadlines';

export type PublicationDue = {
  date: string;
  why: string;
  status: DueState | 'publishedOnTime' | 'publishedLate' | null;
};

export function PublicationStatus({
  code,
  publication,
  publishedAt,
  withdrawnReason,
  showIdentity,
  outcome,
  due,
}: {
  code: string;
  publication: string;
  publishedAt: string | null;
  withdrawnReason: string | null;
  showIdentity: boolean;
  outcome: string | null;
  due: PublicationDue | null;
}) {
  const { t } = useTranslation();
  const published = publication === 'published';
  return (
    <dl className="summary-list">
      <div className="summary-row">
        <dt>{t('publish.state.label')}</dt>
        <dd>
          {published
            ? t('publish.state.published', { date: publishedAt })
            : t(`publish.state.${publication}`)}
          {publication === 'withdrawn' ? (
            <p className="pre-line">{t('publish.state.withdrawnReason', { reason: withdrawnReason })}</p>
          ) : null}
          {published ? (
            <p>
              <a href={`/cong-khai/${code}`}>{t('publish.state.viewPublic')}</a>
            </p>
          ) : null}
        </dd>
      </div>
      {due ? (
        <div className="summary-row">
          <dt>{t('publish.due.label')}</dt>
          <dd>
            {due.date}{' '}
            {due.status === 'publishedOnTime' || due.status === 'publishedLate' ? (
              <span className={`tag ${due.status === 'publishedOnTime' ? 'tag-onTrack' : 'tag-overdue'}`}>
                {t(due.status === 'publishedOnTime' ? 'publish.due.onTime' : 'publish.due.late')}
              </span>
            ) : due.status ? (
              <span className={`tag tag-${due.status}`}>{t(`dueState.${due.status}`)}</span>
            ) : null}
            <p className="hint">{due.why}</p>
          </dd>
        </div>
      ) : null}
      <div className="summary-row">
        <dt>{t('publish.outcome')}</dt>
        <dd>
          {outcome ? t(`outcome.${outcome}`) : t('notProvided')}
          <p className="hint">{t('publish.outcomeHint')}</p>
        </dd>
      </div>
      <div className="summary-row">
        <dt>{t('publish.identity')}</dt>
        <dd>{showIdentity ? t('publish.identityYes') : t('publish.identityNo')}</dd>
      </div>
    </dl>
  );
}

// The submitter's own files and their replies to information requests, on the follow-up page.
// Links go to /theo-doi/CODE/tep/ID, which serves them only to this browser's follow session.
import { useTranslation } from 'react-i18next';

export type FileLink = { id: number; name: string; size: number };
export type ExchangeView = {
  question: string;
  askedOn: string;
  reply: string | null;
  repliedOn: string | null;
  files: FileLink[];
};

export function formatSize(bytes: number) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function FileLinks({ code, files }: { code: string; files: FileLink[] }) {
  const { t } = useTranslation();
  if (!files.length) return <>{t('intake.form.noFiles')}</>;
  return (
    <ul className="file-list">
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/theo-doi/${code}/tep/${f.id}`} download>
            {f.name}
          </a>{' '}
          ({formatSize(f.size)})
        </li>
      ))}
    </ul>
  );
}

export function InfoExchanges({ code, exchanges }: { code: string; exchanges: ExchangeView[] }) {
  const { t } = useTranslation();
  const answered = exchanges.filter((e) => e.reply !== null);
  if (!answered.length) return null;
  return (
    <section aria-labelledby="info-exchanges-title">
      <h2 id="info-exchanges-title">{t('intake.follow.exchangesTitle')}</h2>
      {answered.map((e, i) => (
        <dl className="summary-list" key={i}>
          {e.question ? (
            <div className="summary-row">
              <dt>{t('intake.follow.exchangeAsked', { date: e.askedOn })}</dt>
              <dd className="pre-line">{e.question}</dd>
            </div>
          ) : null}
          <div className="summary-row">
            <dt>{t('intake.follow.exchangeReplied', { date: e.repliedOn ?? '' })}</dt>
            <dd className="pre-line">{e.reply}</dd>
          </div>
          <div className="summary-row">
            <dt>{t('intake.follow.files')}</dt>
            <dd>
              <FileLinks code={code} files={e.files} />
            </dd>
          </div>
        </dl>
      ))}
    </section>
  );
}

import { useTranslation } from 'react-i18next';

export type DocumentLink = { id: number; type: string; number: string; issuedDate: string };

/** The VI.3 documents of one PAKN, each as a printable page and a PDF under `base` (staff or submitter). */
export function DocumentList({ documents, base }: { documents: DocumentLink[]; base: string }) {
  const { t } = useTranslation();
  if (!documents.length) return null;
  return (
    <>
      <h2>{t('documents.list.heading')}</h2>
      <table className="table">
        <caption className="visually-hidden">{t('documents.list.heading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('documents.list.number')}</th>
            <th scope="col">{t('documents.list.date')}</th>
            <th scope="col">{t('documents.list.kind')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('documents.list.pdf')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.id}>
              <td>
                <a href={`${base}/${d.id}`}>{d.number}</a>
              </td>
              <td>{d.issuedDate}</td>
              <td>{t(`documents.type.${d.type}`, { defaultValue: d.type })}</td>
              <td>
                <a href={`${base}/${d.id}.pdf`}>
                  {t('documents.list.pdf')}
                  <span className="visually-hidden"> {d.number}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

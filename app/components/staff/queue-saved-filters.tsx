// Saved queue filters (named, per user) and the export of the filtered list: plain links and POST forms. The
// "save" form gets its usePaknForm from the queue page, which gathers its messages in the page's error summary.
import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import type { usePaknForm } from '~/components/ui/use-pakn-form';

export type SavedFilter = { id: number; name: string; query: string };

export function QueueSavedFilters({
  saved,
  currentQuery,
  returnTo,
  form,
  answered,
}: {
  saved: SavedFilter[];
  /** the current filters as a query string, without the page cursor */
  currentQuery: string;
  returnTo: string;
  form: ReturnType<typeof usePaknForm>;
  /** the server answered this form: it stays open (a message found in the browser opens nothing) */
  answered: boolean;
}) {
  const { t } = useTranslation();
  const error = form.error('name');
  return (
    <div className="staff-saved-filters">
      {saved.length > 0 ? (
        <>
          <h2 className="heading-small">{t('staff.queue.saved.heading')}</h2>
          <ul className="staff-saved-list">
            {saved.map((f) => (
              <li key={f.id}>
                <Link to={`/can-bo?${f.query}`}>{f.name}</Link>{' '}
                <Form method="post" action="/can-bo?index" className="inline-form">
                  <input type="hidden" name="intent" value="delete_filter" />
                  <input type="hidden" name="id" value={f.id} />
                  <input type="hidden" name="returnTo" value={returnTo} />
                  <button type="submit" className="link-button on-light">
                    {t('staff.queue.saved.delete')}
                    <span className="visually-hidden"> {f.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details className="staff-tools" open={answered}>
        <summary>{t('staff.queue.saved.tools')}</summary>
        <Form method="post" action="/can-bo?index" className="staff-save-filter" {...form.formProps}>
          <input type="hidden" name="intent" value="save_filter" />
          <input type="hidden" name="query" value={currentQuery} />
          <input type="hidden" name="returnTo" value={returnTo} />
          <div className={`form-group${error ? ' has-error' : ''}`}>
            <label className="label" htmlFor="saved-filter-name">
              {t('staff.queue.saved.name')}
            </label>
            {error ? (
              <p className="field-error" id="saved-filter-name-error">
                {error}
              </p>
            ) : null}
            <input
              className="input"
              id="saved-filter-name"
              name="name"
              maxLength={60}
              defaultValue={form.value('name') ?? ''}
              aria-describedby={error ? 'saved-filter-name-error' : undefined}
            />
          </div>
          <button type="submit" className="button button-secondary">
            {t('staff.queue.saved.save')}
          </button>
        </Form>
        <p className="staff-export">
          {t('staff.queue.export.heading')}:{' '}
          <a href={`/can-bo/danh-sach.csv?${currentQuery}`} download>
            CSV
          </a>{' '}
          ·{' '}
          <a href={`/can-bo/danh-sach.xlsx?${currentQuery}`} download>
            Excel (XLSX)
          </a>
        </p>
      </details>
    </div>
  );
}

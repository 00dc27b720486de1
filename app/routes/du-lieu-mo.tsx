// The open-data page: what the export contains, column by column, and a date filter. CSV and JSON
// are the resource routes /du-lieu-mo.csv and /du-lieu-mo.json with the same parameters.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { OPEN_DATA_COLUMNS, parseRange } from '~/domain/open-data';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getT(getLocale(request));
  const params = new URL(request.url).searchParams;
  const range = parseRange(params);
  const error = 'message' in range ? t(`pub.openData.${range.message}`) : null;
  const title = `${t('pub.openData.title')} – ${t('app.shortName')}`;
  return json(
    {
      from: params.get('from') ?? '',
      to: params.get('to') ?? '',
      error,
      pageTitle: error ? `${t('errorPrefix')} ${title}` : title,
    },
    { status: error ? 400 : 200 },
  );
}

export default function OpenData() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t('pub.openData.title')}</h1>
      <p className="lead-small">{t('pub.openData.intro')}</p>
      {d.error ? (
        <div className="error-summary" role="alert">
          <p className="field-error">{d.error}</p>
        </div>
      ) : null}
      <form method="get" action="/du-lieu-mo.csv" className="range-form">
        <div className="form-group">
          <label className="label" htmlFor="from">
            {t('pub.openData.from')} <span className="optional">{t('optional')}</span>
          </label>
          <input className="input input-20" id="from" name="from" type="date" defaultValue={d.from} />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="to">
            {t('pub.openData.to')} <span className="optional">{t('optional')}</span>
          </label>
          <input className="input input-20" id="to" name="to" type="date" defaultValue={d.to} />
        </div>
        <button type="submit" className="button">
          {t('pub.openData.csv')}
        </button>{' '}
        <button type="submit" className="button button-secondary" formAction="/du-lieu-mo.json">
          {t('pub.openData.json')}
        </button>
      </form>
      <h2>{t('pub.openData.schema')}</h2>
      <table className="table">
        <caption className="visually-hidden">{t('pub.openData.schema')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('pub.openData.column')}</th>
            <th scope="col">{t('pub.openData.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {OPEN_DATA_COLUMNS.map((c) => (
            <tr key={c}>
              <td>
                <code>{c}</code>
              </td>
              <td>{t(`pub.openData.col.${c}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('pub.openData.licence')}</p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

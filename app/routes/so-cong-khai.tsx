// Plan section VI.4: the public register of transfer letters, result reports and written explanations.
import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatDateVi } from '~/domain/dates';
import { publicRegister } from '~/models/public.server';
import { PUBLIC_CACHE } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getT(getLocale(request));
  const yearParam = Number(new URL(request.url).searchParams.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : undefined;
  const rows = publicRegister({ year }).map((r) => ({
    id: r.id,
    type: r.type,
    number: r.number,
    date: formatDateVi(r.issuedDate),
    code: r.publication === 'published' ? r.code : null,
  }));
  return json(
    { year, rows, pageTitle: `${t('pub.documents.registerTitle')} – ${t('app.shortName')}` },
    { headers: PUBLIC_CACHE },
  );
}

export default function PublicRegister() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <h1>{t('pub.documents.registerTitle')}</h1>
      <p className="lead-small">{t('pub.documents.registerIntro')}</p>
      <Form method="get" className="inline-form">
        <label className="label-small" htmlFor="year">
          {t('pub.documents.year')}
        </label>
        <input
          className="input input-20"
          id="year"
          name="year"
          type="number"
          min={2000}
          max={2100}
          defaultValue={d.year}
        />
        <button className="button button-secondary" type="submit">
          {t('pub.list.apply')}
        </button>
      </Form>
      {d.rows.length === 0 ? (
        <p>{t('pub.documents.empty')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('pub.documents.registerTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('pub.documents.number')}</th>
              <th scope="col">{t('pub.documents.date')}</th>
              <th scope="col">{t('pub.documents.kind')}</th>
              <th scope="col">{t('pub.documents.about')}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`/van-ban/${r.id}`}>{r.number}</a>
                </td>
                <td>{r.date}</td>
                <td>{t(`pub.documents.type.${r.type}`, { defaultValue: r.type })}</td>
                <td>{r.code ? <Link to={`/cong-khai/${r.code}`}>{r.code}</Link> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

// Plan section VI.4: the public register of transfer letters, result reports and written explanations.
import { type HeadersFunction, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { formatDateVi } from '~/domain/dates';
import { localName } from '~/domain/local-name';
import { publicRegister, registerYears } from '~/models/reports/register.server';
import { PUBLIC_CACHE } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const known = await registerYears();
  // a year asked for is kept, with or without documents: "none that year" is an answer, every year's list is not
  const asked = new URL(request.url).searchParams.get('year') ?? '';
  const year = /^(19|20|21)\d\d$/.test(asked) ? Number(asked) : undefined;
  const years = year && !known.includes(year) ? [...known, year].sort((a, b) => b - a) : known;
  const rows = (await publicRegister({ year })).map((r) => ({
    id: r.id,
    type: r.type,
    number: r.number,
    date: formatDateVi(r.issuedDate),
    about:
      r.about?.kind === 'period'
        ? {
            kind: 'period' as const,
            period: `${formatDateVi(r.about.start)} – ${formatDateVi(r.about.end)}`,
            scope: r.about.unit
              ? localName(r.about.unit, locale)
              : t('reports.form.allUnits').toLocaleLowerCase(locale),
            reportId: r.about.reportId,
          }
        : r.about,
  }));
  return json(
    { year, years, rows, pageTitle: `${t('pub.documents.registerTitle')} – ${t('app.shortName')}` },
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
        <select className="select" id="year" name="year" defaultValue={d.year ?? ''}>
          <option value="">{t('pub.documents.allYears')}</option>
          {d.years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <button className="button button-secondary" type="submit">
          {t('pub.list.apply')}
        </button>
      </Form>
      {d.rows.length === 0 ? (
        <p>{d.year ? t('pub.documents.emptyYear', { year: d.year }) : t('pub.documents.empty')}</p>
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
                <td>
                  <About about={r.about} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

type AboutView =
  | { kind: 'pakn'; code: string; publicTitle: string | null; published: boolean }
  | { kind: 'period'; period: string; scope: string; reportId: number }
  | null;

function About({ about }: { about: AboutView }) {
  const { t } = useTranslation();
  if (!about) return null;
  if (about.kind === 'period')
    return (
      <Link to={`/thong-ke/bao-cao/${about.reportId}`}>
        {`${t('pub.documents.aboutPeriod', { period: about.period })}, ${about.scope}`}
      </Link>
    );
  return (
    <>
      {about.published ? <Link to={`/cong-khai/${about.code}`}>{about.code}</Link> : about.code}
      {about.publicTitle ? <>: {about.publicTitle}</> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

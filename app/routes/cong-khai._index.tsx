// The public list of published answers: search without diacritics, filters, keyset pages. No JS needed.
import { type HeadersFunction, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { formatDateVi } from '~/domain/dates';
import { localName } from '~/domain/local-name';
import { CATEGORIES, PAKN_TYPES } from '~/domain/pakn';
import { CONTENT_LANG } from '~/i18n';
import { listFields, listUnits } from '~/models/config.server';
import { listPublished, parsePublicFilters, publicYears } from '~/models/public.server';
import { errorMeta, rootLocale } from '~/utils/error-meta';
import { PUBLIC_CACHE } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  data
    ? [
        { title: data.pageTitle },
        { name: 'description', content: data.description },
        { property: 'og:title', content: data.pageTitle },
        { property: 'og:description', content: data.description },
        { tagName: 'link', rel: 'alternate', type: 'application/atom+xml', href: '/cong-khai.atom' },
      ]
    : errorMeta(error, rootLocale(matches));

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const url = new URL(request.url);
  const filters = parsePublicFilters(url.searchParams);
  const page = await listPublished(filters);
  const fields = await listFields({ activeOnly: false });
  const units = await listUnits({ activeOnly: false });
  const name = (x: { name: string; nameEn: string }) => localName(x, locale);
  const fieldName = new Map(fields.map((f) => [f.id, name(f)]));
  const unitName = new Map(units.map((u) => [u.id, name(u)]));
  const data = {
    filters,
    rows: page.rows.map((r) => ({
      code: r.code,
      title: r.title ?? '',
      summary: (r.summary ?? '').slice(0, 280),
      type: r.type,
      field: r.fieldId ? (fieldName.get(r.fieldId) ?? '') : '',
      unit: r.unitId ? (unitName.get(r.unitId) ?? '') : '',
      received: formatDateVi(r.receivedAt),
      answered: r.answeredAt ? formatDateVi(r.answeredAt) : '',
      onTime: r.onTime,
    })),
    next: page.next,
    fields: fields.map((f) => ({ value: String(f.id), label: name(f) })),
    units: units.map((u) => ({ value: String(u.id), label: name(u) })),
    years: await publicYears(),
    pageTitle: `${t('pub.list.title')} – ${t('app.shortName')}`,
    description: t('pub.list.intro'),
  };
  return json(data, { headers: PUBLIC_CACHE });
}

export default function PublishedList() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = data.filters;
  const nextHref = (() => {
    if (!data.next) return null;
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v !== undefined && k !== 'after') params.set(k, String(v));
    params.set('after', data.next);
    return `?${params}`;
  })();
  const select = (
    id: string,
    label: string,
    value: string | number | undefined,
    options: Array<{ value: string; label: string }>,
  ) => (
    <div className="filter">
      <label className="label-small" htmlFor={id}>
        {label}
      </label>
      <select className="select" id={id} name={id} defaultValue={value === undefined ? '' : String(value)}>
        <option value="">{t('pub.list.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div>
      <h1>{t('pub.list.title')}</h1>
      <p className="lead-small">{t('pub.list.intro')}</p>
      <Form method="get" className="search-form" role="search">
        <div className="form-group">
          <label className="label" htmlFor="q">
            {t('pub.list.search')}
          </label>
          <p className="hint" id="q-hint">
            {t('pub.list.searchHint')}
          </p>
          <input
            className="input"
            id="q"
            name="q"
            type="search"
            defaultValue={f.q ?? ''}
            aria-describedby="q-hint"
          />
        </div>
        <details
          className="filters"
          open={Boolean(f.field || f.unit || f.type || f.category || f.year || f.timeliness)}
        >
          <summary>{t('pub.list.filters')}</summary>
          <div className="filter-grid">
            {select('field', t('pub.list.field'), f.field, data.fields)}
            {select('unit', t('pub.list.unit'), f.unit, data.units)}
            {select(
              'type',
              t('pub.list.type'),
              f.type,
              PAKN_TYPES.map((k) => ({ value: k, label: t(`type.${k}`) })),
            )}
            {select(
              'category',
              t('pub.list.category'),
              f.category,
              CATEGORIES.map((c) => ({ value: String(c), label: t(`category.${c}`) })),
            )}
            {select(
              'year',
              t('pub.list.year'),
              f.year,
              data.years.map((y) => ({ value: String(y), label: String(y) })),
            )}
            {select('timeliness', t('pub.list.timeliness'), f.timeliness, [
              { value: 'on_time', label: t('pub.list.onTime') },
              { value: 'late', label: t('pub.list.late') },
            ])}
            <div className="filter">
              <label className="label-small" htmlFor="sort">
                {t('pub.list.sort')}
              </label>
              <select className="select" id="sort" name="sort" defaultValue={f.sort}>
                <option value="newest">{t('pub.list.newest')}</option>
                <option value="oldest">{t('pub.list.oldest')}</option>
              </select>
            </div>
          </div>
        </details>
        <button type="submit" className="button">
          {t('pub.list.apply')}
        </button>
      </Form>
      {data.rows.length === 0 ? <p>{t('pub.list.count_zero')}</p> : null}
      <ol className="result-list">
        {data.rows.map((r) => (
          <li key={r.code} className="result">
            <h2 className="result-title">
              <Link to={`/cong-khai/${r.code}`} lang={CONTENT_LANG}>
                {r.title}
              </Link>
            </h2>
            <p className="result-meta">
              <span>{r.code}</span> · <span>{t(`type.${r.type}`)}</span>
              {r.field ? (
                <>
                  {' '}
                  · <span>{r.field}</span>
                </>
              ) : null}
              {r.unit ? (
                <>
                  {' '}
                  · <span>{r.unit}</span>
                </>
              ) : null}
            </p>
            <p className="result-summary" lang={CONTENT_LANG}>
              {r.summary}
            </p>
            <p className="result-meta">
              {t('pub.list.received')} {r.received}
              {r.answered ? ` · ${t('pub.list.answered')} ${r.answered}` : ''}
              {r.onTime === null ? null : (
                <span className={`tag ${r.onTime ? 'tag-onTrack' : 'tag-overdue'}`}>
                  {r.onTime ? t('pub.list.onTime') : t('pub.list.late')}
                </span>
              )}
            </p>
          </li>
        ))}
      </ol>
      <nav className="pagination" aria-label={t('pub.list.title')}>
        {f.after ? <Link to="?">{t('pub.list.first')}</Link> : null}
        {nextHref ? (
          <Link to={nextHref} rel="next">
            {t('pub.list.next')}
          </Link>
        ) : null}
      </nav>
      <p className="hint">
        <a href="/cong-khai.atom">{t('pub.list.feed')}</a> ·{' '}
        <Link to="/du-lieu-mo">{t('pub.list.openData')}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// A published periodic report (VI.4 register): the figures as they were published, from the public version only.
// The narrative itself is at /van-ban/$id (documents.server.ts renders it like any other document).
import { type HeadersFunction, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { BarChart, TargetsTable, useFigureFormat } from '~/components/reports/svg-chart';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ScrollTable } from '~/components/ui/scroll-table';
import { formatDateVi } from '~/domain/dates';
import { CHANNELS } from '~/domain/pakn';
import { PUBLIC_BALANCE_KEYS, satisfactionWithheld, snapshotUnitName } from '~/domain/reports/definitions';
import { periodLabel } from '~/domain/reports/periods';
import { getPublishedReport } from '~/models/reports/published.server';
import { PUBLIC_CACHE } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const id = /^\d{1,12}$/.test(params.id ?? '') ? Number(params.id) : 0;
  const found = id ? await getPublishedReport(id) : null;
  if (!found) throw json({ message: t('reports.errors.notFound') }, { status: 404 });
  const { report } = found.snapshot;
  const unitName = snapshotUnitName(found.snapshot, locale);
  const withheld = satisfactionWithheld(report);
  const en = locale === 'en';
  const title = t('reports.public.reportTitle', { period: periodLabel(report.period, locale) });
  const ratings = report.total.ratings;
  return json(
    {
      pageTitle: `${title} – ${t('app.shortName')}`,
      title,
      intro: t('reports.public.reportIntro', {
        number: found.number,
        date: formatDateVi(found.issuedDate),
        scope: unitName ? t('reports.scopeUnit', { unit: unitName }) : t('reports.scopeAll'),
      }),
      id: found.id,
      units: report.units.map((u) => ({
        key: String(u.unitId),
        label: u.unitId === null ? t('reports.unassigned') : en ? u.nameEn : u.name,
        counts: u.counts,
      })),
      total: report.total.counts,
      byChannel: CHANNELS.map((c) => ({
        label: t(`channel.${c}`),
        value: report.total.breakdowns.byChannel[c] ?? 0,
      })),
      handling: report.total.handling,
      satisfaction: withheld ? null : { rate: ratings.rate, total: ratings.total },
      satisfactionWithheld: withheld,
      targets: report.targets,
    },
    { headers: PUBLIC_CACHE },
  );
}

const KEYS = PUBLIC_BALANCE_KEYS;

export default function PublishedReport() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const f = useFigureFormat();
  return (
    <div className="statistics">
      <h1>{d.title}</h1>
      <p>{d.intro}</p>
      <p>
        <a href={`/van-ban/${d.id}`}>{t('reports.public.document')}</a> ·{' '}
        <Link to="/thong-ke">{t('reports.public.backToStats')}</Link>
      </p>
      <ScrollTable label={t('reports.section.balance')}>
        <table className="table">
          <caption>{t('reports.section.balance')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.unit')}</th>
              {KEYS.map((k) => (
                <th scope="col" className="num" key={k}>
                  {t(`reports.indicator.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...d.units, { key: 'total', label: t('reports.total'), counts: d.total }].map((u) => (
              <tr key={u.key}>
                <th scope="row">{u.label}</th>
                {KEYS.map((k) => (
                  <td className="num" key={k}>
                    {f.int(u.counts[k])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <h2>{t('reports.section.byChannel')}</h2>
      <BarChart
        title={t('reports.section.byChannel')}
        data={d.byChannel}
        labelHeader={t('reports.item')}
        valueHeader={t('reports.count')}
      />
      <h2>{t('reports.section.handling')}</h2>
      <dl className="summary-list">
        <div className="summary-row">
          <dt>{t('reports.indicator.handlingMean')}</dt>
          <dd>{f.days(d.handling.mean)}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('reports.indicator.handlingMedian')}</dt>
          <dd>{f.days(d.handling.median)}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('reports.indicator.satisfactionRate')}</dt>
          <dd>
            {d.satisfaction
              ? `${f.pct(d.satisfaction.rate)} (${f.int(d.satisfaction.total)})`
              : t(
                  d.satisfactionWithheld === 'perUnit'
                    ? 'reports.public.satisfactionPerUnit'
                    : 'reports.public.satisfactionSuppressed',
                )}
          </dd>
        </div>
      </dl>
      <h2>{t('reports.section.targets')}</h2>
      <TargetsTable targets={d.targets} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

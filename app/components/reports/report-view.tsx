// The figures of one report on the staff page: the balance, the downloads, the tables and charts, the targets and
// the publication to the VI.4 register.
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { OutcomesChart, ReportBreakdowns } from '~/components/reports/report-breakdowns';
import { HandlingTable, UnitCountsTable, useUnitName } from '~/components/reports/report-tables';
import { TargetsTable, useFigureFormat } from '~/components/reports/svg-chart';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import { formatDateVi, toLocalDate } from '~/domain/dates';
import {
  BALANCE_KEYS,
  EXPORT_FORMATS,
  OUTCOME_KEYS,
  type Report,
  type ReportFormValues,
  SIMILAR_KEYS,
  SUMMARY_KEYS,
} from '~/domain/reports/definitions';
import { publishReportSchema } from '~/domain/reports/form';

export function ReportView({
  report,
  periodText,
  generatedText,
  query,
  canExport,
  canPublish,
  published,
  publishedBefore,
  values,
}: {
  report: Report;
  periodText: string;
  generatedText: string;
  /** the period and scope as a query string, for the download links */
  query: string;
  canExport: boolean;
  canPublish: boolean;
  /** the report just published, if the page follows a publication */
  published: { id: number; number: string } | null;
  /** the document this period and scope were published as, if they were */
  publishedBefore: { id: number; number: string } | null;
  values: ReportFormValues;
}) {
  const { t } = useTranslation();
  const unitName = useUnitName();
  const today = toLocalDate(new Date(report.generatedAt));
  const scope =
    report.unitId === null
      ? t('reports.scopeAll')
      : t('reports.scopeUnit', { unit: unitName(report.units[0]!) });
  return (
    <section aria-labelledby="report-heading" className="report">
      {published ? (
        <p className="notice" role="status">
          {t('reports.publish.done', { number: published.number })}{' '}
          <a href={`/thong-ke/bao-cao/${published.id}`}>{t('reports.publish.view')}</a>
        </p>
      ) : null}
      <h2 id="report-heading">{t('reports.period', { label: periodText })}</h2>
      <p>
        {scope}. {t('reports.generatedAt', { time: generatedText })}
        {today <= report.period.end ? ` ${t('reports.runningPeriod', { today: formatDateVi(today) })}` : null}
      </p>
      <ReportSummary report={report} />
      {canExport ? <ReportDownloads query={query} /> : null}

      <h3>{t('reports.section.balance')}</h3>
      <UnitCountsTable report={report} keys={BALANCE_KEYS} caption={t('reports.section.balance')} />
      <h3>{t('reports.section.outcomes')}</h3>
      <UnitCountsTable report={report} keys={OUTCOME_KEYS} caption={t('reports.section.outcomes')} />
      <OutcomesChart report={report} />
      <h3>{t('reports.section.similar')}</h3>
      <UnitCountsTable report={report} keys={SIMILAR_KEYS} caption={t('reports.section.similar')} />
      <ReportBreakdowns report={report} />

      <h3>{t('reports.section.handling')}</h3>
      <HandlingTable report={report} />
      <h3>{t('reports.section.targets')}</h3>
      <TargetsTable targets={report.targets} />
      {publishedBefore ? (
        <PublishedBefore document={publishedBefore} />
      ) : canPublish ? (
        <PublishReportForm values={values} />
      ) : null}
    </section>
  );
}

/** The four figures of the balance and the identity they satisfy. */
function ReportSummary({ report }: { report: Report }) {
  const { t } = useTranslation();
  const f = useFigureFormat();
  const c = report.total.counts;
  return (
    <>
      <dl className="summary-list">
        {SUMMARY_KEYS.map((k) => (
          <div className="summary-row" key={k}>
            <dt>{t(`reports.indicator.${k}`)}</dt>
            <dd>{f.int(c[k])}</dd>
          </div>
        ))}
      </dl>
      <p>
        {t('reports.balanceCheck', {
          left: f.int(c.carriedOver),
          received: f.int(c.received),
          closed: f.int(c.closed),
          right: f.int(c.carriedForward),
        })}
      </p>
    </>
  );
}

function ReportDownloads({ query }: { query: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="downloads">
      <h3 id="downloads">{t('reports.section.downloads')}</h3>
      <p className="hint">{t('reports.downloads.hint')}</p>
      <ul>
        {EXPORT_FORMATS.map((ext) => (
          <li key={ext}>
            <a href={`/can-bo/bao-cao.${ext}?${query}`} download>
              {t(`reports.downloads.${ext}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A period and scope are published once: after that, the page names the document instead of offering the form. */
function PublishedBefore({ document }: { document: { id: number; number: string } }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="publish">
      <h3 id="publish">{t('reports.section.publish')}</h3>
      <p>
        {t('reports.errors.alreadyPublished', { number: document.number })}.{' '}
        <a href={`/thong-ke/bao-cao/${document.id}`}>{t('reports.publish.view')}</a>
      </p>
    </section>
  );
}

/** Publication of this period's report: the form carries the period and scope it was asked with. */
function PublishReportForm({ values }: { values: ReportFormValues }) {
  const { t } = useTranslation();
  // no lastResult: the action answers a publication with a redirect, and a refusal with an error page
  const f = usePaknForm(publishReportSchema, { id: 'publish-report', prefix: 'reports.errors.' });
  return (
    <section aria-labelledby="publish">
      <h3 id="publish">{t('reports.section.publish')}</h3>
      <p>{t('reports.publish.intro')}</p>
      <Form method="post" {...f.formProps}>
        <input type="hidden" name="intent" value="publish" />
        {Object.entries(values).map(([k, val]) =>
          val ? <input type="hidden" name={k} value={val} key={k} /> : null,
        )}
        <button className="button button-secondary" type="submit">
          {t('reports.publish.submit')}
        </button>
      </Form>
    </section>
  );
}

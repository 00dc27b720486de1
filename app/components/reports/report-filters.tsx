// The report's period and scope: a GET form, so a report is a bookmarkable address and works without JavaScript.
// Its usePaknForm comes from the page (whose error summary lists its messages): with JavaScript the period is
// checked before the report is asked for.
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { Choices, Select, TextField } from '~/components/ui/form';
import type { usePaknForm } from '~/components/ui/use-pakn-form';
import type { ReportFormValues } from '~/domain/reports/definitions';
import { PERIOD_KINDS } from '~/domain/reports/periods';

export function ReportFilters({
  values,
  form,
  cutoffDay,
  scoped,
  units,
}: {
  values: ReportFormValues;
  form: ReturnType<typeof usePaknForm>;
  cutoffDay: number;
  /** a unit-scoped actor reports on their own unit only */
  scoped: boolean;
  units: Array<{ value: string; label: string }>;
}) {
  const { t } = useTranslation();
  const err = form.error;
  const year = new Date().getFullYear();
  return (
    <Form method="get" className="report-form" {...form.formProps}>
      <Choices
        id="period"
        name="period"
        legend={t('reports.form.period')}
        hint={
          cutoffDay === 1
            ? t('reports.form.cutoffHintCalendar')
            : t('reports.form.cutoffHint', { day: cutoffDay, prev: cutoffDay - 1 })
        }
        error={err('period')}
        small
        defaultValue={values.period}
        options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`reports.form.kind.${k}`) }))}
      />
      <div className="filter-grid">
        <TextField
          id="year"
          name="year"
          label={t('reports.form.year')}
          error={err('year')}
          defaultValue={values.year || String(year)}
          inputMode="numeric"
          className="input-20"
        />
        <Select
          id="month"
          name="month"
          label={t('reports.form.month')}
          error={err('month')}
          defaultValue={values.month}
          placeholder=""
          options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
        />
        <Select
          id="quarter"
          name="quarter"
          label={t('reports.form.quarter')}
          error={err('quarter')}
          defaultValue={values.quarter}
          placeholder=""
          options={['I', 'II', 'III', 'IV'].map((r, i) => ({ value: String(i + 1), label: r }))}
        />
        <Select
          id="half"
          name="half"
          label={t('reports.form.half')}
          error={err('half')}
          defaultValue={values.half}
          placeholder=""
          options={[
            { value: '1', label: t('reports.form.halfFirst') },
            { value: '2', label: t('reports.form.halfSecond') },
          ]}
        />
        <TextField
          id="from"
          name="from"
          type="date"
          label={t('reports.form.from')}
          hint={t('reports.form.dateHint')}
          error={err('from')}
          defaultValue={values.from}
        />
        <TextField
          id="to"
          name="to"
          type="date"
          label={t('reports.form.to')}
          error={err('to')}
          defaultValue={values.to}
        />
        {scoped ? (
          <input type="hidden" name="unit" value={units[0]?.value ?? ''} />
        ) : (
          <Select
            id="unit"
            name="unit"
            label={t('reports.form.unit')}
            error={err('unit')}
            defaultValue={values.unit}
            placeholder={t('reports.form.allUnits')}
            options={units}
          />
        )}
      </div>
      <button className="button" type="submit">
        {t('reports.form.submit')}
      </button>
    </Form>
  );
}

// The sections of the working-day calendar page (routes/can-bo.quan-tri.lich): the record of the year's
// official schedule, the overrides with the form that adds one, the holiday library and the calculator.
// Each form gets its usePaknForm from the page, which gathers their messages in one error summary.
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { Choices, Select, TextField } from '~/components/ui/form';
import type { usePaknForm } from '~/components/ui/use-pakn-form';
import { BUILT_IN_SCHEDULE } from '~/domain/calendar-defaults';
import { dayOfWeek, formatDateVi } from '~/domain/dates';
import { localName } from '~/domain/local-name';

import { AdminTable } from './admin-table';

type PaknForm = ReturnType<typeof usePaknForm>;

function useWeekday() {
  const { t } = useTranslation();
  return (d: string) => t(`admin.calendar.weekday.${dayOfWeek(d)}`);
}

export function OfficialYearSection({
  year,
  official,
  f,
  reference,
}: {
  year: number;
  official: { reference: string } | null;
  f: PaknForm;
  /** what the field starts from: what was sent after a refused post, else what is recorded */
  reference: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="official-title">
      <h2 id="official-title">{t('admin.calendar.official.title', { year })}</h2>
      {official ? (
        <p>
          {t('admin.calendar.official.entered', {
            year,
            reference:
              official.reference === BUILT_IN_SCHEDULE
                ? t('admin.calendar.official.builtIn')
                : official.reference,
          })}
        </p>
      ) : (
        <p>{t('admin.calendar.official.notEntered', { year })}</p>
      )}
      <Form method="post" {...f.formProps}>
        <input type="hidden" name="intent" value="official" />
        <input type="hidden" name="year" value={year} />
        <TextField
          id="official-reference"
          name="reference"
          label={t('admin.calendar.official.reference')}
          hint={t('admin.calendar.official.referenceHint')}
          error={f.error('reference')}
          defaultValue={reference}
          maxLength={300}
        />
        <button type="submit" className="button button-secondary">
          {t('admin.calendar.official.submit', { year })}
        </button>
      </Form>
    </section>
  );
}

export function OverridesTable({
  year,
  overrides,
}: {
  year: number;
  overrides: Array<{ date: string; kind: string; note: string }>;
}) {
  const { t } = useTranslation();
  const weekday = useWeekday();
  return (
    <>
      <h2 id="overrides" tabIndex={-1}>
        {t('admin.calendar.overridesTitle')}
      </h2>
      {overrides.length === 0 ? (
        <p className="notice">{t('admin.calendar.noOverrides', { year })}</p>
      ) : (
        <AdminTable
          caption={t('admin.calendar.overridesCaption', { year })}
          columns={[
            t('admin.calendar.date'),
            t('admin.calendar.weekdayLabel'),
            t('admin.calendar.kind'),
            t('admin.calendar.note'),
            t('admin.common.actions'),
          ]}
        >
          {overrides.map((o) => (
            <tr key={o.date}>
              <th scope="row">
                <time dateTime={o.date}>{formatDateVi(o.date)}</time>
              </th>
              <td>{weekday(o.date)}</td>
              <td>{t(`admin.calendar.kind_${o.kind}`)}</td>
              <td>{o.note}</td>
              <td>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="date" value={o.date} />
                  <button type="submit" className="button button-secondary">
                    {t('admin.common.delete')}
                    <span className="visually-hidden"> {formatDateVi(o.date)}</span>
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </>
  );
}

export function OverrideForm({ f, value }: { f: PaknForm; value: (name: string) => string | undefined }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="add-title">
      <h2 id="add-title">{t('admin.calendar.addTitle')}</h2>
      <p className="hint">{t('admin.calendar.addHint')}</p>
      <Form method="post" {...f.formProps}>
        <input type="hidden" name="intent" value="save" />
        <TextField
          id="override-date"
          name="date"
          type="date"
          label={t('admin.calendar.date')}
          hint={t('admin.calendar.dateHint')}
          error={f.error('date')}
          defaultValue={value('date')}
          className="input-20"
        />
        <Choices
          id="override-kind"
          name="kind"
          legend={t('admin.calendar.kind')}
          error={f.error('kind')}
          defaultValue={value('kind')}
          options={[
            { value: 'off', label: t('admin.calendar.kind_off'), hint: t('admin.calendar.kindOffHint') },
            { value: 'work', label: t('admin.calendar.kind_work'), hint: t('admin.calendar.kindWorkHint') },
          ]}
        />
        <TextField
          id="override-note"
          name="note"
          label={t('admin.calendar.note')}
          hint={t('admin.calendar.noteHint')}
          error={f.error('note')}
          defaultValue={value('note')}
          maxLength={200}
        />
        <button type="submit" className="button">
          {t('admin.calendar.add')}
        </button>
      </Form>
    </section>
  );
}

export function HolidaysTable({
  year,
  holidays,
}: {
  year: number;
  holidays: Array<{ date: string; name: string; nameEn: string; overridden: boolean }>;
}) {
  const { t, i18n } = useTranslation();
  const weekday = useWeekday();
  return (
    <>
      <h2>{t('admin.calendar.holidaysTitle')}</h2>
      <AdminTable
        caption={t('admin.calendar.holidaysCaption', { year })}
        columns={[
          t('admin.calendar.date'),
          t('admin.calendar.weekdayLabel'),
          t('admin.calendar.holiday'),
          t('admin.calendar.overridden'),
        ]}
      >
        {holidays.map((h) => (
          <tr key={h.date}>
            <th scope="row">
              <time dateTime={h.date}>{formatDateVi(h.date)}</time>
            </th>
            <td>{weekday(h.date)}</td>
            <td>{localName(h, i18n.language)}</td>
            <td>{h.overridden ? t('admin.calendar.overriddenYes') : ''}</td>
          </tr>
        ))}
      </AdminTable>
    </>
  );
}

/** The deadline calculator: a GET form, so that its answer can be bookmarked and shared. */
export function Calculator({
  year,
  f,
  values,
  calc,
}: {
  year: number;
  f: PaknForm;
  values: { start: string; days: string; unit: string };
  calc: { due: string; explanation: string } | null;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="calc-title">
      <h2 id="calc-title">{t('admin.calendar.calcTitle')}</h2>
      <p>{t('admin.calendar.calcIntro')}</p>
      <Form method="get" {...f.formProps}>
        <input type="hidden" name="nam" value={year} />
        <TextField
          id="calc-start"
          name="start"
          type="date"
          label={t('admin.calendar.calcStart')}
          error={f.error('start')}
          defaultValue={values.start}
          className="input-20"
        />
        <TextField
          id="calc-days"
          name="days"
          label={t('admin.calendar.calcDays')}
          error={f.error('days')}
          defaultValue={values.days}
          inputMode="numeric"
          className="input-20"
        />
        <Select
          id="calc-unit"
          name="unit"
          label={t('admin.calendar.calcUnit')}
          error={f.error('unit')}
          defaultValue={values.unit}
          options={[
            { value: 'working', label: t('admin.deadlines.unit_working') },
            { value: 'calendar', label: t('admin.deadlines.unit_calendar') },
          ]}
        />
        <button type="submit" className="button button-secondary">
          {t('admin.calendar.calcSubmit')}
        </button>
      </Form>
      {calc ? (
        <div className="notice" role="status" id="calc-result">
          <p>
            <strong>{t('admin.calendar.calcDue', { date: calc.due })}</strong>
          </p>
          <p>{calc.explanation}</p>
        </div>
      ) : null}
    </section>
  );
}

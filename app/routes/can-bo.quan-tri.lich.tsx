// The working-day calendar as data: the year's official days off and make-up working days on top of the
// holiday library, and a deadline calculator that explains its answer. Every change recomputes open PAKN.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { AdminTable } from '~/components/admin/admin-table';
import { AdminPageHeader } from '~/components/admin/page-header';
import { ScheduleWarning } from '~/components/staff/schedule-warning';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { Choices, Select, TextField } from '~/components/ui/form';
import { calculatorSchema, calendarOverrideSchema, yearOf } from '~/domain/admin/calendar';
import { translateErrors, validate } from '~/domain/admin/outcome';
import { dayOfWeek, formatDateVi, toLocalDate } from '~/domain/dates';
import { computeDueDate, explainDueDate } from '~/domain/deadlines';
import {
  deleteCalendarOverride,
  getCalendarYear,
  saveCalendarOverride,
} from '~/models/admin/calendar.server';
import {
  getScheduleWarning,
  listOfficialYears,
  recordOfficialYear,
} from '~/models/admin/calendar-schedule.server';
import { getCalendar } from '~/models/config.server';
import { parseAdminForm } from '~/utils/admin-crud.server';
import { adminFlash, readAdminFlash } from '~/utils/admin-flash.server';
import { redirectWithFlash } from '~/utils/flash.server';
import { formToStrings } from '~/utils/form-values';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

const PATH = '/can-bo/quan-tri/lich';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'admin:calendar');
  const locale = getLocale(request);
  const t = getT(locale);
  const url = new URL(request.url);
  const today = toLocalDate(Date.now());
  const year = yearOf(url.searchParams.get('nam'), Number(today.slice(0, 4)));

  // The calculator is a GET form so its result can be bookmarked and shared.
  const q = url.searchParams;
  const asked = q.has('start') || q.has('days') || q.has('unit');
  const calcValues = {
    start: q.get('start') ?? today,
    days: q.get('days') ?? '20',
    unit: q.get('unit') ?? 'calendar',
  };
  let calc: { due: string; explanation: string } | null = null;
  let calcErrors: Record<string, string> = {};
  if (asked) {
    const v = validate(calculatorSchema, calcValues);
    if (v.ok) {
      const due = computeDueDate({ ...v.value, calendar: getCalendar() });
      calc = { due: formatDateVi(due.due), explanation: explainDueDate(due, locale) };
    } else {
      calcErrors = translateErrors(t, v.errors);
    }
  }
  const { flash, headers } = await readAdminFlash(request);
  return json(
    {
      ...getCalendarYear(year),
      today,
      scheduleWarning: getScheduleWarning(),
      official: listOfficialYears().find((y) => y.year === year) ?? null,
      calcValues,
      calc,
      calcErrors,
      flash,
      pageTitle: `${t('admin.calendar.title')} ${year} – ${t('admin.title')}`,
    },
    { status: Object.keys(calcErrors).length ? 400 : 200, headers },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'admin:calendar');
  const t = getT(getLocale(request));
  const form = await request.formData().catch(() => null);
  if (!form) throw json({ message: t('admin.errors.badRequest') }, { status: 400 });
  const values = formToStrings(form);
  const actor = { userId: user.id, ip: clientIp(context) };
  const override = values.intent === 'save' ? parseAdminForm(form, calendarOverrideSchema) : null;
  const result = override
    ? override.ok
      ? saveCalendarOverride(override.value, actor)
      : override
    : values.intent === 'delete'
      ? deleteCalendarOverride(String(values.date ?? ''), actor)
      : null;
  if (values.intent === 'official') {
    const recorded = recordOfficialYear(values, actor);
    if (recorded.ok)
      return redirectWithFlash(
        `${PATH}?nam=${yearOf(values.year, new Date().getFullYear())}`,
        adminFlash('saved'),
      );
    return json(
      { intent: values.intent, values, errors: translateErrors(t, recorded.errors) },
      { status: 400 },
    );
  }
  if (!result) throw json({ message: t('admin.errors.badRequest') }, { status: 400 });
  if (result.ok) {
    const year = yearOf(String(values.date ?? '').slice(0, 4), new Date().getFullYear());
    const done = values.intent === 'save' ? 'saved' : 'deleted';
    return redirectWithFlash(`${PATH}?nam=${year}`, adminFlash(done, result.value.recomputed));
  }
  return json({ intent: values.intent, values, errors: translateErrors(t, result.errors) }, { status: 400 });
}

export default function WorkingCalendar() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string> = result?.errors ?? {};
  const summary = [
    ...Object.entries(errors).map(([field, message]) => ({
      id:
        result?.intent === 'official'
          ? `official-${field}`
          : field === 'form'
            ? 'overrides'
            : `override-${field}`,
      message,
    })),
    ...Object.entries(data.calcErrors).map(([field, message]) => ({ id: `calc-${field}`, message })),
  ];
  const values: Record<string, string> = result?.intent === 'save' ? result.values : { kind: 'off' };
  const weekday = (d: string) => t(`admin.calendar.weekday.${dayOfWeek(d)}`);

  return (
    <>
      <AdminPageHeader
        title={`${t('admin.calendar.title')} ${data.year}`}
        intro={t('admin.calendar.intro')}
        summary={summary}
        flash={data.flash}
      />
      {data.scheduleWarning ? (
        <ScheduleWarning warning={data.scheduleWarning} link={data.scheduleWarning.year !== data.year} />
      ) : null}
      <section aria-labelledby="official-title">
        <h2 id="official-title">{t('admin.calendar.official.title', { year: data.year })}</h2>
        {data.official ? (
          <p>
            {t('admin.calendar.official.entered', { year: data.year, reference: data.official.reference })}
          </p>
        ) : (
          <p>{t('admin.calendar.official.notEntered', { year: data.year })}</p>
        )}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="official" />
          <input type="hidden" name="year" value={data.year} />
          <TextField
            id="official-reference"
            name="reference"
            label={t('admin.calendar.official.reference')}
            hint={t('admin.calendar.official.referenceHint')}
            error={result?.intent === 'official' ? errors.reference : undefined}
            defaultValue={
              result?.intent === 'official'
                ? String(result.values.reference ?? '')
                : (data.official?.reference ?? '')
            }
            maxLength={300}
          />
          <button type="submit" className="button button-secondary">
            {t('admin.calendar.official.submit', { year: data.year })}
          </button>
        </Form>
      </section>
      <nav aria-label={t('admin.calendar.yearNav')}>
        <ul className="inline-list">
          <li>
            <Link to={`?nam=${data.year - 1}`}>
              {t('admin.calendar.previousYear', { year: data.year - 1 })}
            </Link>
          </li>
          <li>
            <Link to={`?nam=${data.year + 1}`}>{t('admin.calendar.nextYear', { year: data.year + 1 })}</Link>
          </li>
        </ul>
      </nav>
      <p>{t('admin.calendar.workingDays', { count: data.workingDays, year: data.year })}</p>

      <h2 id="overrides" tabIndex={-1}>
        {t('admin.calendar.overridesTitle')}
      </h2>
      {data.overrides.length === 0 ? (
        <p className="notice">{t('admin.calendar.noOverrides', { year: data.year })}</p>
      ) : (
        <AdminTable
          caption={t('admin.calendar.overridesCaption', { year: data.year })}
          columns={[
            t('admin.calendar.date'),
            t('admin.calendar.weekdayLabel'),
            t('admin.calendar.kind'),
            t('admin.calendar.note'),
            t('admin.common.actions'),
          ]}
        >
          {data.overrides.map((o) => (
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

      <section aria-labelledby="add-title">
        <h2 id="add-title">{t('admin.calendar.addTitle')}</h2>
        <p className="hint">{t('admin.calendar.addHint')}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="save" />
          <TextField
            id="override-date"
            name="date"
            type="date"
            label={t('admin.calendar.date')}
            hint={t('admin.calendar.dateHint')}
            error={errors.date}
            defaultValue={values.date}
            className="input-20"
          />
          <Choices
            id="override-kind"
            name="kind"
            legend={t('admin.calendar.kind')}
            error={errors.kind}
            defaultValue={values.kind}
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
            error={errors.note}
            defaultValue={values.note}
            maxLength={200}
          />
          <button type="submit" className="button">
            {t('admin.calendar.add')}
          </button>
        </Form>
      </section>

      <h2>{t('admin.calendar.holidaysTitle')}</h2>
      <AdminTable
        caption={t('admin.calendar.holidaysCaption', { year: data.year })}
        columns={[
          t('admin.calendar.date'),
          t('admin.calendar.weekdayLabel'),
          t('admin.calendar.holiday'),
          t('admin.calendar.overridden'),
        ]}
      >
        {data.holidays.map((h) => (
          <tr key={h.date}>
            <th scope="row">
              <time dateTime={h.date}>{formatDateVi(h.date)}</time>
            </th>
            <td>{weekday(h.date)}</td>
            <td>{h.name}</td>
            <td>{h.overridden ? t('admin.calendar.overriddenYes') : ''}</td>
          </tr>
        ))}
      </AdminTable>

      <section aria-labelledby="calc-title">
        <h2 id="calc-title">{t('admin.calendar.calcTitle')}</h2>
        <p>{t('admin.calendar.calcIntro')}</p>
        <Form method="get" noValidate>
          <input type="hidden" name="nam" value={data.year} />
          <TextField
            id="calc-start"
            name="start"
            type="date"
            label={t('admin.calendar.calcStart')}
            error={data.calcErrors.start}
            defaultValue={data.calcValues.start}
            className="input-20"
          />
          <TextField
            id="calc-days"
            name="days"
            label={t('admin.calendar.calcDays')}
            error={data.calcErrors.days}
            defaultValue={data.calcValues.days}
            inputMode="numeric"
            className="input-20"
          />
          <Select
            id="calc-unit"
            name="unit"
            label={t('admin.calendar.calcUnit')}
            error={data.calcErrors.unit}
            defaultValue={data.calcValues.unit}
            options={[
              { value: 'working', label: t('admin.deadlines.unit_working') },
              { value: 'calendar', label: t('admin.deadlines.unit_calendar') },
            ]}
          />
          <button type="submit" className="button button-secondary">
            {t('admin.calendar.calcSubmit')}
          </button>
        </Form>
        {data.calc ? (
          <div className="notice" role="status" id="calc-result">
            <p>
              <strong>{t('admin.calendar.calcDue', { date: data.calc.due })}</strong>
            </p>
            <p>{data.calc.explanation}</p>
          </div>
        ) : null}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// The working-day calendar as data: the year's official days off and make-up working days on top of the
// holiday library, and a deadline calculator that explains its answer. Every change recomputes open PAKN.
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import {
  Calculator,
  HolidaysTable,
  OfficialYearSection,
  OverrideForm,
  OverridesTable,
} from '~/components/admin/calendar-sections';
import { AdminPageHeader } from '~/components/admin/page-header';
import { ScheduleWarning } from '~/components/staff/schedule-warning';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { usePaknForm } from '~/components/ui/use-pakn-form';
import {
  calculatorSchema,
  calendarDeleteSchema,
  calendarOverrideSchema,
  officialYearFormSchema,
  yearOf,
} from '~/domain/admin/calendar';
import { BUILT_IN_SCHEDULE } from '~/domain/calendar-defaults';
import { formatDateVi, toLocalDate } from '~/domain/dates';
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
import { adminBadRequest, answerAdminForm, readAdminForm } from '~/utils/admin-crud.server';
import { adminFlash, readAdminFlash } from '~/utils/admin-flash.server';
import { parseForm, sentIntent, translateErrors } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

const PATH = '/can-bo/quan-tri/lich';
/** The page's posting forms, each sending its name as `intent`. */
const INTENTS = ['official', 'save', 'delete'] as const;

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
  const asking = asked ? parseForm(new URLSearchParams(calcValues), calculatorSchema) : null;
  let calc: { due: string; explanation: string } | null = null;
  if (asking?.status === 'success') {
    const due = computeDueDate({ ...asking.value, calendar: await getCalendar() });
    calc = { due: formatDateVi(due.due), explanation: explainDueDate(due, locale) };
  }
  const { flash, headers } = await readAdminFlash(request);
  return json(
    {
      ...(await getCalendarYear(year)),
      today,
      scheduleWarning: await getScheduleWarning(),
      official: (await listOfficialYears()).find((y) => y.year === year) ?? null,
      calcValues,
      calc,
      calcReply: asking?.status === 'error' ? asking.reply() : null,
      flash,
      pageTitle: `${t('admin.calendar.title')} ${year} – ${t('admin.title')}`,
    },
    { status: asking?.status === 'error' ? 400 : 200, headers },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'admin:calendar');
  const form = await readAdminForm(request);
  const actor = { userId: user.id, ip: clientIp(context) };
  const intent = sentIntent(form, INTENTS);
  const yearPage = (year: number | string) => `${PATH}?nam=${year}`;
  switch (intent) {
    case 'official':
      return answerAdminForm(
        form,
        intent,
        officialYearFormSchema,
        (v) => recordOfficialYear(v, actor),
        (_, v) => ({ to: yearPage(v.year), flash: adminFlash('saved') }),
      );
    case 'save':
      return answerAdminForm(
        form,
        intent,
        calendarOverrideSchema,
        (v) => saveCalendarOverride(v, actor),
        (r, v) => ({ to: yearPage(v.date.slice(0, 4)), flash: adminFlash('saved', r.recomputed) }),
      );
    case 'delete':
      return answerAdminForm(
        form,
        intent,
        calendarDeleteSchema,
        (v) => deleteCalendarOverride(v.date, actor),
        (r, v) => ({ to: yearPage(v.date.slice(0, 4)), flash: adminFlash('deleted', r.recomputed) }),
      );
    default:
      throw adminBadRequest(request);
  }
}

export default function WorkingCalendar() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const sent = (intent: (typeof INTENTS)[number]) => (result?.intent === intent ? result.reply : undefined);
  const officialF = usePaknForm(officialYearFormSchema, {
    lastResult: sent('official'),
    ids: { reference: 'official-reference', year: 'official-reference', '': 'official-reference' },
    labels: { reference: t('admin.calendar.official.reference') },
  });
  const overrideF = usePaknForm(calendarOverrideSchema, {
    lastResult: sent('save'),
    order: ['date', 'kind', 'note'],
    ids: { date: 'override-date', kind: 'override-kind', note: 'override-note', '': 'overrides' },
    labels: {
      date: t('admin.calendar.date'),
      kind: t('admin.calendar.kind'),
      note: t('admin.calendar.note'),
    },
  });
  const calcF = usePaknForm(calculatorSchema, {
    lastResult: data.calcReply,
    order: ['start', 'days', 'unit'],
    ids: { start: 'calc-start', days: 'calc-days', unit: 'calc-unit' },
    labels: {
      start: t('admin.calendar.calcStart'),
      days: t('admin.calendar.calcDays'),
      unit: t('admin.calendar.calcUnit'),
    },
  });
  // the box starts from the recorded notice; the built-in schedule's marker is no notice to edit
  const recorded = data.official?.reference ?? '';
  const recordedReference = recorded === BUILT_IN_SCHEDULE ? '' : recorded;
  // a refused delete (an override already gone) names no field: its message links to the overrides
  const deleted = translateErrors(t, sent('delete')?.error, {
    formId: 'overrides',
    ids: { date: 'overrides' },
  });
  const summary = [...officialF.summary, ...deleted.summary, ...overrideF.summary, ...calcF.summary];

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
      <OfficialYearSection
        year={data.year}
        official={data.official}
        f={officialF}
        reference={sent('official') ? officialF.value('reference') : recordedReference}
      />
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
      <OverridesTable year={data.year} overrides={data.overrides} />
      <OverrideForm
        f={overrideF}
        value={(name) => (sent('save') ? overrideF.value(name) : name === 'kind' ? 'off' : undefined)}
      />
      <HolidaysTable year={data.year} holidays={data.holidays} />
      <Calculator year={data.year} f={calcF} values={data.calcValues} calc={data.calc} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

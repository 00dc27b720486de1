import type { WorkingCalendar } from './calendar';
import {
  addCalendarDays,
  formatDateVi,
  formatDayMonth,
  isValidLocalDate,
  isWeekendName,
  type LocalDate,
} from './dates';
import { localName, type Named } from './local-name';

/*
 * Our legal reading of PAKN deadlines (spec §6):
 * - Counting starts the day AFTER `start` (the receipt date), as for any period counted in days.
 * - Working-day rule: the due date is the N-th working day after `start`.
 * - Calendar-day rule: the due date is start + N days; if that day is not a working day the period ends on the
 *   next working day (Bộ luật Dân sự 2015, Điều 148: a period whose last day is a day off ends on the next
 *   working day).
 * - Pauses while waiting for the submitter's additional information: days d with from < d <= to are not counted
 *   at all — the clock stops the day after the request and resumes the day after the answer. An open pause
 *   (to = null) does not move the date (we cannot know when the answer comes); the result is flagged `paused`
 *   and the date is recomputed once the pause is closed.
 * - The one legal extension: `extendedTo`, when later than the computed date, replaces it.
 */

export type DeadlineKey =
  'classify' | 'transfer' | 'answer' | 'progressUpdate' | 'publish' | 'extension' | 'infoWait';
export type DayUnit = 'working' | 'calendar';
export type DeadlineRule = {
  key: DeadlineKey;
  days: number;
  unit: DayUnit;
  basis: string;
  labelVi: string;
  labelEn: string;
};

/** The basis of a rule the agency sets itself (spec: values tagged [policy]); pages name it in words. */
export const POLICY_BASIS = '[policy]';

export const DEFAULT_DEADLINE_RULES: Record<DeadlineKey, DeadlineRule> = {
  classify: {
    key: 'classify',
    days: 2,
    unit: 'working',
    basis: POLICY_BASIS,
    labelVi: 'Vào sổ và phân loại',
    labelEn: 'Register and classify',
  },
  transfer: {
    key: 'transfer',
    days: 5,
    unit: 'working',
    basis: 'Nghị định 20/2008/NĐ-CP, Điều 9',
    labelVi: 'Chuyển cơ quan có thẩm quyền',
    labelEn: 'Transfer to the competent agency',
  },
  answer: {
    key: 'answer',
    days: 20,
    unit: 'calendar',
    // The text does not say whether these are calendar or working days, hence the unit is a setting.
    basis: 'Thông tư 02/2017/TT-VPCP',
    labelVi: 'Trả lời',
    labelEn: 'Answer',
  },
  progressUpdate: {
    key: 'progressUpdate',
    days: 7,
    unit: 'calendar',
    basis: 'Thông tư 02/2017/TT-VPCP',
    labelVi: 'Thông báo tiến độ khi chậm trả lời',
    labelEn: 'Progress update while the answer is late',
  },
  publish: {
    key: 'publish',
    days: 2,
    unit: 'working',
    basis: 'Thông tư 02/2017/TT-VPCP',
    labelVi: 'Công khai kết quả',
    labelEn: 'Publish the result',
  },
  extension: {
    key: 'extension',
    days: 10,
    unit: 'working',
    basis: '[policy] theo mẫu văn bản xin lỗi và đề nghị gia hạn (Thông tư 03/2025)',
    labelVi: 'Gia hạn (tối đa, một lần)',
    labelEn: 'Extension (maximum, once)',
  },
  infoWait: {
    key: 'infoWait',
    days: 15,
    unit: 'calendar',
    basis: POLICY_BASIS,
    labelVi: 'Chờ bổ sung thông tin',
    labelEn: 'Waiting for additional information',
  },
};

export type Pause = { from: LocalDate; to: LocalDate | null };
/** `reason` names the days in both languages (see `localName`). */
export type SkippedSpan = { from: LocalDate; to: LocalDate; reason: Named; kind: 'off' | 'paused' };
export type DueDate = {
  start: LocalDate;
  days: number;
  unit: DayUnit;
  due: LocalDate;
  skipped: SkippedSpan[];
  paused: boolean;
  extendedTo?: LocalDate;
  /** the computed date an extension replaced; set together with extendedTo */
  originalDue?: LocalDate;
  /** `from` of the open pause, when paused */
  pausedSince?: LocalDate;
};

const PAUSE_REASON: Named = { name: 'Chờ bổ sung thông tin', nameEn: 'Awaiting additional information' };

function assertDate(d: LocalDate, what: string): void {
  if (!isValidLocalDate(d)) throw new RangeError(`Invalid ${what}: ${JSON.stringify(d)}`);
}

export function computeDueDate(args: {
  start: LocalDate;
  days: number;
  unit: DayUnit;
  calendar: WorkingCalendar;
  pauses?: readonly Pause[];
  extendedTo?: LocalDate | null;
}): DueDate {
  const { start, days, unit, calendar } = args;
  assertDate(start, 'start');
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Invalid number of days: ${days}`);

  const closed: { from: LocalDate; to: LocalDate }[] = [];
  let pausedSince: LocalDate | undefined;
  for (const p of args.pauses ?? []) {
    assertDate(p.from, 'pause start');
    if (p.to === null) {
      if (pausedSince === undefined || p.from < pausedSince) pausedSince = p.from;
      continue;
    }
    assertDate(p.to, 'pause end');
    if (p.to > p.from) closed.push({ from: p.from, to: p.to });
  }
  const isPaused = (d: LocalDate) => closed.some((p) => p.from < d && d <= p.to);

  let due = start;
  for (let counted = 0; counted < days;) {
    due = addCalendarDays(due, 1);
    if (isPaused(due)) continue;
    if (unit === 'working' && !calendar.isWorkingDay(due)) continue;
    counted++;
  }
  const nominalDue = due;
  if (unit === 'calendar') {
    // Bounded like WorkingCalendar.nextWorkingDay: an all-off schedule is a data error, not a date.
    for (let i = 0; !calendar.isWorkingDay(due) || isPaused(due); i++) {
      if (i > 366) throw new Error(`No working day within a year after ${nominalDue}`);
      due = addCalendarDays(due, 1);
    }
  }

  const skipped = collectSkipped(start, due, unit, nominalDue, calendar, isPaused);
  const result: DueDate = { start, days, unit, due, skipped, paused: pausedSince !== undefined };
  if (pausedSince !== undefined) result.pausedSince = pausedSince;
  if (args.extendedTo) {
    assertDate(args.extendedTo, 'extension date');
    if (args.extendedTo > due) {
      result.originalDue = due;
      result.extendedTo = args.extendedTo;
      result.due = args.extendedTo;
    }
  }
  return result;
}

type DayMark = { kind: 'off' | 'paused'; reason: Named } | null;

/** Several days' names as one; a name with no English form (an official schedule's note) stays as written. */
function joinNames(names: readonly Named[], separator: string): Named {
  return {
    name: names.map((n) => n.name).join(separator),
    nameEn: names.map((n) => localName(n, 'en')).join(separator),
  };
}

/**
 * Groups the uncounted days of (start, due] into spans. For the working-day rule a span of weekend days
 * alone is noise and is dropped, while weekends touching a holiday are merged into it (the official
 * "off from Saturday 14/02 to Sunday 22/02"). For the calendar rule off days are counted, so only the
 * days the Điều 148 shift jumped over (from the nominal last day) are listed.
 */
function collectSkipped(
  start: LocalDate,
  due: LocalDate,
  unit: DayUnit,
  nominalDue: LocalDate,
  calendar: WorkingCalendar,
  isPaused: (d: LocalDate) => boolean,
): SkippedSpan[] {
  const mark = (d: LocalDate): DayMark => {
    if (isPaused(d)) return { kind: 'paused', reason: PAUSE_REASON };
    if (d === due) return null;
    if (unit === 'calendar' && d < nominalDue) return null;
    const reason = calendar.offReason(d);
    return reason === null ? null : { kind: 'off', reason };
  };

  const spans: SkippedSpan[] = [];
  let open: { from: LocalDate; to: LocalDate; kind: 'off' | 'paused'; reasons: Named[] } | null = null;
  const flush = () => {
    if (!open) return;
    const specific = open.reasons.filter((r) => !isWeekendName(r));
    const keep = open.kind === 'paused' || unit === 'calendar' || specific.length > 0;
    if (keep) {
      // Notes may contain commas; weekday names alone read better as a plain list.
      const reason = specific.length > 0 ? joinNames(specific, '; ') : joinNames(open.reasons, ', ');
      spans.push({ from: open.from, to: open.to, kind: open.kind, reason });
    }
    open = null;
  };

  for (let d = addCalendarDays(start, 1); d <= due; d = addCalendarDays(d, 1)) {
    const m = mark(d);
    if (m === null) {
      flush();
      continue;
    }
    if (open && open.kind === m.kind) {
      open.to = d;
      if (!open.reasons.some((r) => r.name === m.reason.name)) open.reasons.push(m.reason);
    } else {
      flush();
      open = { from: d, to: d, kind: m.kind, reasons: [m.reason] };
    }
  }
  flush();
  return spans;
}

function formatSpan(s: SkippedSpan): string {
  return s.from === s.to ? formatDayMonth(s.from) : `${formatDayMonth(s.from)}–${formatDayMonth(s.to)}`;
}

/** One line a citizen or an official can check by hand, e.g. "Hạn 26/02/2026: tiếp nhận 12/02/2026, …". */
export function explainDueDate(d: DueDate, lang: 'vi' | 'en'): string {
  const vi = lang === 'vi';
  const parts: string[] = [];
  const unitLabel = d.unit === 'working' ? (vi ? 'ngày làm việc' : 'working days') : vi ? 'ngày' : 'days';
  parts.push(vi ? `tiếp nhận ${formatDateVi(d.start)}` : `received ${formatDateVi(d.start)}`);
  parts.push(`${d.days} ${unitLabel}`);
  for (const s of d.skipped) {
    const span = formatSpan(s);
    const reason = localName(s.reason, lang);
    if (s.kind === 'paused') {
      parts.push(vi ? `tạm dừng ${span} chờ bổ sung thông tin` : `paused ${span} awaiting information`);
    } else if (d.unit === 'calendar') {
      parts.push(
        vi
          ? `ngày cuối rơi vào ngày nghỉ ${span} (${reason}) nên chuyển sang ngày làm việc kế tiếp`
          : `last day fell on a day off ${span} (${reason}), moved to the next working day`,
      );
    } else {
      parts.push(vi ? `bỏ qua ${span} (${reason})` : `${span} skipped (${reason})`);
    }
  }
  if (d.extendedTo) {
    const original = d.originalDue ? formatDateVi(d.originalDue) : null;
    const note = original ? (vi ? ` (hạn ban đầu ${original})` : ` (originally ${original})`) : '';
    parts.push(
      vi
        ? `gia hạn đến ${formatDateVi(d.extendedTo)}${note}`
        : `extended to ${formatDateVi(d.extendedTo)}${note}`,
    );
  }
  if (d.paused) {
    const since = d.pausedSince ? formatDayMonth(d.pausedSince) : null;
    parts.push(
      vi
        ? `đang tạm dừng${since ? ` từ ${since}` : ''} chờ bổ sung thông tin`
        : `paused${since ? ` since ${since}` : ''} awaiting information`,
    );
  }
  const head = vi ? `Hạn ${formatDateVi(d.due)}` : `Due ${formatDateVi(d.due)}`;
  return `${head}: ${parts.join(', ')}`;
}

export type DueState = 'onTrack' | 'dueSoon' | 'overdue' | 'paused';

export function dueState(
  d: { due: LocalDate; paused?: boolean },
  today: LocalDate,
  calendar: WorkingCalendar,
  soonWorkingDays = 2,
): DueState {
  if (d.paused) return 'paused';
  if (today > d.due) return 'overdue';
  return workingDaysBetween(today, d.due, calendar) <= soonWorkingDays ? 'dueSoon' : 'onTrack';
}

/**
 * Working days in (from, to]. When `to` is before `from` the result is minus the working days in (to, from],
 * which reads as "late by N working days" in reports.
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate, calendar: WorkingCalendar): number {
  assertDate(from, 'date');
  assertDate(to, 'date');
  if (to < from) return -workingDaysBetween(to, from, calendar);
  // working days in (from, to]: counted per year once per calendar, so a PAKN late by years (the queue shows
  // how late) costs a few look-ups, not a walk over every day (1.2 ms a row at 4 years)
  const [fy, fi] = yearAndIndex(from);
  const [ty, ti] = yearAndIndex(to);
  if (fy === ty) return workingPrefix(calendar, ty)[ti + 1]! - workingPrefix(calendar, fy)[fi + 1]!;
  const fromYear = workingPrefix(calendar, fy);
  let count = fromYear[fromYear.length - 1]! - fromYear[fi + 1]!;
  for (let y = fy + 1; y < ty; y++) {
    const whole = workingPrefix(calendar, y);
    count += whole[whole.length - 1]!;
  }
  return count + workingPrefix(calendar, ty)[ti + 1]!;
}

const DAY_MS = 86_400_000;

/** The year of a date and its day's index in that year (1 January is 0). */
function yearAndIndex(d: LocalDate): [number, number] {
  const year = Number(d.slice(0, 4));
  const index =
    (Date.UTC(year, Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) - Date.UTC(year, 0, 1)) / DAY_MS;
  return [year, index];
}

// per calendar (a calendar is a snapshot of the configuration: a change builds a new one) and year:
// prefix[i] = the working days among the year's first i days
const prefixes = new WeakMap<WorkingCalendar, Map<number, Uint16Array>>();

function workingPrefix(calendar: WorkingCalendar, year: number): Uint16Array {
  let years = prefixes.get(calendar);
  if (!years) prefixes.set(calendar, (years = new Map()));
  let prefix = years.get(year);
  if (!prefix) {
    const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS;
    prefix = new Uint16Array(days + 1);
    let d = `${String(year).padStart(4, '0')}-01-01`;
    for (let i = 0; i < days; i++, d = addCalendarDays(d, 1))
      prefix[i + 1] = prefix[i]! + (calendar.isWorkingDay(d) ? 1 : 0);
    years.set(year, prefix);
  }
  return prefix;
}

/** The latest date the single extension may set: `workingDays` working days after the current due date. */
export function maxExtensionDate(
  due: LocalDate,
  calendar: WorkingCalendar,
  workingDays = DEFAULT_DEADLINE_RULES.extension.days,
): LocalDate {
  return computeDueDate({ start: due, days: workingDays, unit: 'working', calendar }).due;
}

// Calendar days in Asia/Ho_Chi_Minh and their display. Deliberately free of the holiday library, so
// pages that only format dates do not ship it to the browser.
import type { Named } from './local-name';

/** A calendar day in Vietnam, 'YYYY-MM-DD'. */
export type LocalDate = string;

/**
 * An entry of the official schedule: a weekday declared off (Tết extension, compensatory day, swap)
 * or a weekend day declared a working day (make-up Saturday).
 */
export type CalendarOverride = { date: LocalDate; kind: 'off' | 'work'; note: string };

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseParts(s: string): [number, number, number] | null {
  const m = LOCAL_DATE_RE.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC silently rolls 2026-02-30 over to March; a round trip catches that.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return null;
  }
  return [year, month, day];
}

export function isValidLocalDate(s: string): boolean {
  return parseParts(s) !== null;
}

/**
 * Asia/Ho_Chi_Minh has been UTC+7 all year, without daylight saving, since 1975: a local day is the UTC day of
 * the instant shifted by 7 hours, and day arithmetic is UTC arithmetic. Plain Date maths is ~40× cheaper than
 * TZDate + date-fns format, which matters in loops (a queue page formats 100 dates, a due date walks 20 days).
 */
const VN_OFFSET_MS = 7 * 3_600_000;

function partsOrThrow(d: LocalDate): [number, number, number] {
  const parts = parseParts(d);
  if (!parts) throw new RangeError(`Invalid LocalDate: ${JSON.stringify(d)}`);
  return parts;
}

const isoDay = (ms: number): LocalDate => new Date(ms).toISOString().slice(0, 10);

export function toLocalDate(instant: Date | number): LocalDate {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid instant');
  return isoDay(ms + VN_OFFSET_MS);
}

export function addCalendarDays(d: LocalDate, n: number): LocalDate {
  const [year, month, day] = partsOrThrow(d);
  return isoDay(Date.UTC(year, month - 1, day + n));
}

export function formatDateVi(d: LocalDate | Date | number): string {
  const local = typeof d === 'string' ? d : toLocalDate(d);
  partsOrThrow(local);
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
}

/** `04/03/2026 09:05`: the day and the time in Vietnam. */
export function formatDateTimeVi(d: Date | number): string {
  const ms = typeof d === 'number' ? d : d.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid instant');
  // the instant shifted to UTC+7 (above): its UTC fields are the Vietnamese ones, without building an Intl
  // formatter on every call (a queue page formats a hundred times)
  const local = new Date(ms + VN_OFFSET_MS).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

export function formatDayMonth(d: LocalDate): string {
  partsOrThrow(d);
  return `${d.slice(8, 10)}/${d.slice(5, 7)}`;
}

/** 0 = Sunday … 6 = Saturday, as in Date#getDay. */
export function dayOfWeek(d: LocalDate): number {
  const [year, month, day] = partsOrThrow(d);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The weekly rest days of civil servants, named as the other days off are. */
export const SATURDAY: Named = { name: 'Thứ Bảy', nameEn: 'Saturday' };
export const SUNDAY: Named = { name: 'Chủ nhật', nameEn: 'Sunday' };

export function isWeekendName(n: Named): boolean {
  return n.name === SATURDAY.name || n.name === SUNDAY.name;
}

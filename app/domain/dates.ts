// Calendar days in Asia/Ho_Chi_Minh and their display. Deliberately free of the holiday library, so
// pages that only format dates do not ship it to the browser.
import { TZDate } from '@date-fns/tz';
import { addDays, format, getDay } from 'date-fns';

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

function toZoned(d: LocalDate): TZDate {
  const parts = parseParts(d);
  if (!parts) throw new RangeError(`Invalid LocalDate: ${JSON.stringify(d)}`);
  const [year, month, day] = parts;
  // Noon keeps the day stable whatever the host time zone of later conversions.
  return new TZDate(year, month - 1, day, 12, VN_TIME_ZONE);
}

export function toLocalDate(instant: Date | number): LocalDate {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid instant');
  return format(new TZDate(ms, VN_TIME_ZONE), 'yyyy-MM-dd');
}

export function addCalendarDays(d: LocalDate, n: number): LocalDate {
  return format(addDays(toZoned(d), n), 'yyyy-MM-dd');
}

export function formatDateVi(d: LocalDate | Date | number): string {
  const local = typeof d === 'string' ? d : toLocalDate(d);
  return format(toZoned(local), 'dd/MM/yyyy');
}

export function formatDayMonth(d: LocalDate): string {
  return format(toZoned(d), 'dd/MM');
}

/** 0 = Sunday … 6 = Saturday, as in Date#getDay. */
export function dayOfWeek(d: LocalDate): number {
  return getDay(toZoned(d));
}

export const WEEKEND_LABELS: readonly string[] = ['Thứ Bảy', 'Chủ nhật'];

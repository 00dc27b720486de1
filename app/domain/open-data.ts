// The open-data export's columns, shared by the export and its documentation page, its rows and its date range.
import { isValidLocalDate } from '~/domain/calendar';

/** The documented columns of the export, in order (also rendered on /du-lieu-mo). */
export const OPEN_DATA_COLUMNS = [
  'code',
  'url',
  'title',
  'summary',
  'answer',
  'type',
  'category',
  'field',
  'unit',
  'received_date',
  'answer_due',
  'answered_date',
  'published_date',
  'on_time',
] as const;

/** One published answer as the export and the feeds give it. */
export type OpenDataRow = {
  code: string;
  url: string;
  title: string;
  summary: string;
  answer: string;
  type: string;
  category: number;
  field: string;
  unit: string;
  received_date: string;
  answer_due: string;
  answered_date: string;
  published_date: string;
  /** a boolean in JSON; `true`/`false`/empty in CSV; null while not known */
  on_time: boolean | null;
};

export const MAX_RANGE_DAYS = 5 * 366;
export const MAX_ROWS = 100_000;

export type RangeError = { message: 'rangeOrder' | 'rangeTooLong' | 'rangeInvalid' };

/** Local dates 'YYYY-MM-DD'; `to` inclusive. Absurd ranges are refused rather than truncated. */
export function parseRange(params: URLSearchParams): { from?: Date; to?: Date } | RangeError {
  const from = params.get('from') || undefined;
  const to = params.get('to') || undefined;
  if ((from && !isValidLocalDate(from)) || (to && !isValidLocalDate(to))) return { message: 'rangeInvalid' };
  const fromDate = from ? new Date(`${from}T00:00:00+07:00`) : undefined;
  const toDate = to ? new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000) : undefined;
  if (fromDate && toDate) {
    if (toDate <= fromDate) return { message: 'rangeOrder' };
    if ((toDate.getTime() - fromDate.getTime()) / 86_400_000 > MAX_RANGE_DAYS)
      return { message: 'rangeTooLong' };
  }
  return { from: fromDate, to: toDate };
}

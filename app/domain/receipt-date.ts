// The receipt date a coordinator may type for a PAKN received on another channel: a real calendar date,
// not after today (Asia/Ho_Chi_Minh) and not before 1 January of the agency's earliest year (the
// [policy] setting intake.earliestReceiptYear), so no code such as KHCN-1900-000001 is ever issued.
import { isValidLocalDate } from './calendar';

/** Used when the setting is missing or not a sensible year. */
export const DEFAULT_EARLIEST_RECEIPT_YEAR = 2020;

export type ReceiptDateProblem = 'invalid' | 'future' | 'tooEarly';

export function earliestReceiptDate(earliestYear: unknown): string {
  const year =
    typeof earliestYear === 'number' && Number.isInteger(earliestYear) && earliestYear >= 1000
      ? earliestYear
      : DEFAULT_EARLIEST_RECEIPT_YEAR;
  return `${String(year).padStart(4, '0')}-01-01`;
}

export function receiptDateProblem(
  date: string,
  { today, earliest }: { today: string; earliest: string },
): ReceiptDateProblem | null {
  if (!isValidLocalDate(date)) return 'invalid';
  if (date > today) return 'future';
  if (date < earliest) return 'tooEarly';
  return null;
}

// The report form's values and errors as the page shows them, and the time stamp of a generated report. Pure.
import { formatDateVi } from '~/domain/dates';
import type { ReportFormValues } from '~/domain/reports/definitions';
import type { PeriodError } from '~/domain/reports/periods';

/** The form's fields from the query string, '' for a missing one. */
export function reportFormValues(params: URLSearchParams): ReportFormValues {
  const get = (k: keyof ReportFormValues) => params.get(k) ?? '';
  return {
    period: get('period'),
    year: get('year'),
    month: get('month'),
    quarter: get('quarter'),
    half: get('half'),
    from: get('from'),
    to: get('to'),
    unit: get('unit'),
  };
}

/**
 * The id of the form field an error belongs to: an index error (month, quarter or half) goes to the field of the
 * chosen period kind, to the month when none is chosen.
 */
export function errorFieldId(
  error: PeriodError | { field: 'unit'; key: string },
  values: Pick<ReportFormValues, 'period'>,
): string {
  return error.field === 'index' ? values.period || 'month' : error.field;
}

/** '14:05 27/11/2026' in Vietnam time */
export function vietnamStamp(d: Date): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(d);
  return `${time} ${formatDateVi(d)}`;
}

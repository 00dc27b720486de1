// The report form's values and errors as the page shows them, and the time stamp of a generated report. Pure.
import { z } from 'zod';

import { formatDateVi } from '~/domain/dates';
import { REPORT_FORM_KEYS, type ReportFormValues } from '~/domain/reports/definitions';
import { parsePeriod, type PeriodError } from '~/domain/reports/periods';

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

const param = z.string({ invalid_type_error: 'reports.errors.unknownPeriod' }).optional();
/** The period and scope fields both report forms send. */
const PERIOD_FIELDS = {
  period: param,
  year: param,
  month: param,
  quarter: param,
  half: param,
  from: param,
  to: param,
  unit: param,
};

/**
 * The report form (GET): its period checked as the server checks it (parsePeriod, with the agency's cut-off day),
 * each message at its field (errorFieldId). Whether the unit exists and may be asked for is the server's check.
 */
export function reportQuerySchema(cutoffDay: number) {
  return z.object(PERIOD_FIELDS).superRefine((v, ctx) => {
    const parsed = parsePeriod(v, cutoffDay);
    if (parsed.ok) return;
    for (const e of parsed.errors)
      ctx.addIssue({
        code: 'custom',
        path: [errorFieldId(e, { period: v.period ?? '' })],
        message: `reports.errors.${e.key}`,
      });
  });
}

/** The report query's errors by field (for conform's reply), as errorFieldId places them. */
export function reportFieldErrors(
  errors: ReadonlyArray<PeriodError | { field: 'unit'; key: string }>,
  values: Pick<ReportFormValues, 'period'>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) (out[errorFieldId(e, values)] ??= []).push(`reports.errors.${e.key}`);
  return out;
}
/**
 * The publish form (POST): the intent and the period and scope it was asked with, as hidden fields. The period
 * itself is checked by the server against the cut-off day and the units (parseReportQuery), as for the GET form.
 */
export const publishReportSchema = z.object({ intent: z.literal('publish'), ...PERIOD_FIELDS });
export type PublishReportInput = z.infer<typeof publishReportSchema>;

/** The report query of a publish submission: its non-empty period and scope fields. */
export function publishQuery(input: PublishReportInput): URLSearchParams {
  const params = new URLSearchParams();
  for (const k of REPORT_FORM_KEYS) {
    const v = input[k];
    if (v) params.set(k, v);
  }
  return params;
}

const PUBLISHED_KEY = 'reports.publish.done';
/** The flash message after a publication: the document's number (shown) and id (the link to its public page). */
export const publishedFlash = (doc: { id: number; number: string }) =>
  `${PUBLISHED_KEY}|number=${doc.number}|id=${doc.id}`;

/** The publication a flash message announces, or null for any other message. */
export function publishedFromFlash(message: string | null): { id: number; number: string } | null {
  const [key, ...parts] = (message ?? '').split('|');
  if (key !== PUBLISHED_KEY) return null;
  const params = new Map(
    parts.map((p) => [p.slice(0, Math.max(0, p.indexOf('='))), p.slice(p.indexOf('=') + 1)]),
  );
  const id = Number(params.get('id'));
  const number = params.get('number');
  return Number.isInteger(id) && id > 0 && number ? { id, number } : null;
}

// The report form's values and error placement, the stamp of a generated report, the open-data range, CSV cells.
import { describe, expect, it } from 'vitest';

import { MAX_RANGE_DAYS, parseRange } from '~/domain/open-data';
import {
  errorFieldId,
  publishedFlash,
  publishedFromFlash,
  publishQuery,
  publishReportSchema,
  reportFormValues,
  reportQuerySchema,
  vietnamStamp,
} from '~/domain/reports/form';
import { csvCell, csvDocument } from '~/exports/csv';
import { parseForm } from '~/utils/forms';

describe('reportFormValues', () => {
  it('reads every field, empty when missing', () => {
    expect(reportFormValues(new URLSearchParams('period=quarter&year=2026&quarter=2&extra=x'))).toEqual({
      period: 'quarter',
      year: '2026',
      month: '',
      quarter: '2',
      half: '',
      from: '',
      to: '',
      unit: '',
    });
  });
});

describe("reportQuerySchema (the browser's check of the report form)", () => {
  const errorsOf = (query: string) => {
    const sent = parseForm(new URLSearchParams(query), reportQuerySchema(1));
    return sent.status === 'error' ? sent.error : null;
  };
  it('accepts what parsePeriod accepts, and places its messages as the server does', () => {
    expect(errorsOf('period=quarter&year=2026&quarter=2')).toBeNull();
    expect(errorsOf('period=quarter&year=2026')).toEqual({
      quarter: [expect.stringMatching(/^reports\.errors\./)],
    });
    expect(errorsOf('period=nothing')).toEqual({ period: ['reports.errors.unknownPeriod'] });
    expect(errorsOf('period=month&period=quarter')?.period).toEqual(['reports.errors.unknownPeriod']);
  });
});

describe('errorFieldId', () => {
  it('puts an index error on the chosen kind, on the month when none is chosen', () => {
    expect(errorFieldId({ field: 'index', key: 'x' }, { period: 'quarter' })).toBe('quarter');
    expect(errorFieldId({ field: 'index', key: 'x' }, { period: '' })).toBe('month');
    expect(errorFieldId({ field: 'unit', key: 'unknownUnit' }, { period: 'month' })).toBe('unit');
    expect(errorFieldId({ field: 'from', key: 'x' }, { period: 'custom' })).toBe('from');
  });
});

describe('vietnamStamp', () => {
  it('is the time and date in Vietnam (UTC+7)', () => {
    expect(vietnamStamp(new Date('2026-11-27T07:05:00Z'))).toBe('14:05 27/11/2026');
    expect(vietnamStamp(new Date('2026-11-27T17:30:00Z'))).toBe('00:30 28/11/2026');
  });
});

describe('parseRange (open data)', () => {
  const range = (q: string) => parseRange(new URLSearchParams(q));
  it('takes local dates, `to` inclusive', () => {
    expect(range('from=2026-01-01&to=2026-01-31')).toEqual({
      from: new Date('2026-01-01T00:00:00+07:00'),
      to: new Date('2026-02-01T00:00:00+07:00'),
    });
    expect(range('')).toEqual({ from: undefined, to: undefined });
  });
  it('refuses invalid, reversed and too long ranges', () => {
    expect(range('from=2026-02-30')).toEqual({ message: 'rangeInvalid' });
    expect(range('from=2026-02-02&to=2026-02-01')).toEqual({ message: 'rangeOrder' });
    expect(range(`from=2000-01-01&to=2010-01-01`)).toEqual({ message: 'rangeTooLong' });
    expect(MAX_RANGE_DAYS).toBeGreaterThan(5 * 365);
  });
});

describe('csvCell', () => {
  it('quotes separators and neutralises text that starts like a formula', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"\n')).toBe('"say ""hi""\n"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(true)).toBe('true');
  });
  it('writes a BOM and CRLF lines', () => {
    expect(csvDocument(['a', 'b'])).toBe('\uFEFFa\r\nb\r\n');
  });
});

describe('the publish form', () => {
  it('takes the intent and the non-empty period and scope fields', () => {
    const parsed = publishReportSchema.safeParse({
      intent: 'publish',
      period: 'quarter',
      year: '2025',
      quarter: '2',
      unit: '',
    });
    expect(parsed.success).toBe(true);
    expect(publishQuery(parsed.data!).toString()).toBe('period=quarter&year=2025&quarter=2');
    expect(publishReportSchema.safeParse({ intent: 'other', period: 'year' }).success).toBe(false);
  });
  it('announces the publication in a flash message that carries its number and id', () => {
    const message = publishedFlash({ id: 12, number: '3/BC-KHCN' });
    expect(publishedFromFlash(message)).toEqual({ id: 12, number: '3/BC-KHCN' });
    expect(publishedFromFlash(null)).toBeNull();
    expect(publishedFromFlash('privacy.sent')).toBeNull();
    expect(publishedFromFlash('reports.publish.done|number=3/BC-KHCN|id=x')).toBeNull();
  });
});

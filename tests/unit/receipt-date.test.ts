import { describe, expect, it } from 'vitest';

import {
  DEFAULT_EARLIEST_RECEIPT_YEAR,
  earliestReceiptDate,
  receiptDateProblem,
} from '~/domain/receipt-date';

describe('receipt date of staff intake', () => {
  const bounds = { today: '2026-03-10', earliest: '2020-01-01' };
  it('accepts the earliest day, today and anything between', () => {
    for (const d of ['2020-01-01', '2024-02-29', '2026-03-10'])
      expect(receiptDateProblem(d, bounds)).toBeNull();
  });
  it('refuses the day before the earliest, 1900-01-01, the future and impossible dates', () => {
    expect(receiptDateProblem('2019-12-31', bounds)).toBe('tooEarly');
    expect(receiptDateProblem('1900-01-01', bounds)).toBe('tooEarly');
    expect(receiptDateProblem('2026-03-11', bounds)).toBe('future');
    expect(receiptDateProblem('2025-02-29', bounds)).toBe('invalid');
    expect(receiptDateProblem('10/03/2026', bounds)).toBe('invalid');
  });
  it('takes the earliest year from the setting, else the default', () => {
    expect(earliestReceiptDate(2023)).toBe('2023-01-01');
    expect(earliestReceiptDate(undefined)).toBe(`${DEFAULT_EARLIEST_RECEIPT_YEAR}-01-01`);
    expect(earliestReceiptDate('1900')).toBe(`${DEFAULT_EARLIEST_RECEIPT_YEAR}-01-01`);
    expect(earliestReceiptDate(2.5)).toBe(`${DEFAULT_EARLIEST_RECEIPT_YEAR}-01-01`);
  });
});

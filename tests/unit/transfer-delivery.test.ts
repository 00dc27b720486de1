import { describe, expect, it } from 'vitest';

import { parseDayInput, postedDateProblem } from '~/domain/transfer-delivery';

describe('postedDateProblem', () => {
  const window = { transferDate: '2026-03-10', today: '2026-03-12' };
  it('accepts the transfer day, today and the days between', () => {
    for (const d of ['2026-03-10', '2026-03-11', '2026-03-12'])
      expect(postedDateProblem(d, window)).toBeNull();
  });
  it('refuses a day before the transfer, a future day and a non-date', () => {
    expect(postedDateProblem('2026-03-09', window)).toBe('postedBeforeTransfer');
    expect(postedDateProblem('2026-03-13', window)).toBe('postedInFuture');
    expect(postedDateProblem('2026-02-30', window)).toBe('date');
    expect(postedDateProblem('31/02/2026', window)).toBe('date');
    expect(postedDateProblem('', window)).toBe('date');
  });
});

describe('parseDayInput', () => {
  it('reads yyyy-mm-dd and dd/mm/yyyy', () => {
    expect(parseDayInput('2026-03-12')).toBe('2026-03-12');
    expect(parseDayInput(' 2/3/2026 ')).toBe('2026-03-02');
    expect(parseDayInput('2026-13-01')).toBeNull();
  });
});

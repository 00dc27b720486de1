import { describe, expect, it } from 'vitest';

import { formatDateTimeVi } from '~/domain/dates';

describe('formatDateTimeVi', () => {
  it('writes the day and the time in Vietnam, whatever the server’s zone', () => {
    // 23:30 UTC on 3 March is 06:30 on 4 March in Hà Nội
    expect(formatDateTimeVi(Date.UTC(2026, 2, 3, 23, 30))).toBe('04/03/2026 06:30');
    expect(formatDateTimeVi(new Date('2026-12-31T02:05:00Z'))).toBe('31/12/2026 09:05');
    expect(formatDateTimeVi(Date.UTC(2026, 11, 31, 17, 0))).toBe('01/01/2027 00:00');
  });

  it('agrees with Intl in Asia/Ho_Chi_Minh from 1976 to 2100', () => {
    const intl = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const from = Date.UTC(1976, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    for (let i = 0; i < 2_000; i += 1) {
      const ms = from + Math.floor(((to - from) * i) / 2_000) + i * 60_007;
      expect(formatDateTimeVi(ms)).toBe(intl.format(ms).replace(',', ''));
    }
  });

  it('refuses an invalid instant', () => {
    expect(() => formatDateTimeVi(new Date(Number.NaN))).toThrow(RangeError);
  });
});

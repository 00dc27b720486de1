import { describe, expect, it } from 'vitest';

import { formatDateTimeVi } from '~/domain/dates';

describe('formatDateTimeVi', () => {
  it('writes the day and the time in Vietnam, whatever the server’s zone', () => {
    // 23:30 UTC on 3 March is 06:30 on 4 March in Hà Nội
    expect(formatDateTimeVi(Date.UTC(2026, 2, 3, 23, 30))).toBe('04/03/2026 06:30');
    expect(formatDateTimeVi(new Date('2026-12-31T02:05:00Z'))).toBe('31/12/2026 09:05');
  });
});

import { describe, expect, it } from 'vitest';

import { createWorkingCalendar } from '~/domain/calendar';
import { infoWaitEnds, mayCloseForNoInfo } from '~/domain/info-wait';

describe('the wait for additional information', () => {
  const cal = createWorkingCalendar([]);
  it('ends 15 calendar days after the request; closing is allowed from the next day', () => {
    const ends = infoWaitEnds('2026-03-02', { days: 15, unit: 'calendar' }, cal);
    expect(ends).toBe('2026-03-17');
    expect(mayCloseForNoInfo('2026-03-17', ends)).toBe(false);
    expect(mayCloseForNoInfo('2026-03-18', ends)).toBe(true);
  });
});

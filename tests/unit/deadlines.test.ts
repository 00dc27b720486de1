import { describe, expect, it } from 'vitest';

import { type CalendarOverride, createWorkingCalendar } from '~/domain/calendar';
import { DEFAULT_CALENDAR_OVERRIDES } from '~/domain/calendar-defaults';
import { addCalendarDays } from '~/domain/dates';
import {
  computeDueDate,
  DEFAULT_DEADLINE_RULES,
  dueState,
  explainDueDate,
  maxExtensionDate,
  workingDaysBetween,
} from '~/domain/deadlines';

const cal = createWorkingCalendar(DEFAULT_CALENDAR_OVERRIDES);
/** An official schedule's note: the administrator's words, the same on English pages. */
const asWritten = (note: string) => ({ name: note, nameEn: note });

describe('DEFAULT_DEADLINE_RULES', () => {
  it('match spec §6', () => {
    const summary = Object.values(DEFAULT_DEADLINE_RULES).map((r) => [r.key, r.days, r.unit]);
    expect(summary).toEqual([
      ['classify', 2, 'working'],
      ['transfer', 5, 'working'],
      ['answer', 20, 'calendar'],
      ['progressUpdate', 7, 'calendar'],
      ['publish', 2, 'working'],
      ['extension', 10, 'working'],
      ['infoWait', 15, 'calendar'],
    ]);
    expect(DEFAULT_DEADLINE_RULES.transfer.basis).toMatch(/20\/2008.*Điều 9/);
  });
});

describe('computeDueDate, working days', () => {
  it('skips Tết Bính Ngọ (spec example) and explains it', () => {
    const d = computeDueDate({ start: '2026-02-12', days: 5, unit: 'working', calendar: cal });
    expect(d.due).toBe('2026-02-26');
    expect(d.paused).toBe(false);
    expect(d.skipped).toEqual([
      {
        from: '2026-02-14',
        to: '2026-02-22',
        kind: 'off',
        reason: asWritten('Nghỉ Tết Nguyên đán Bính Ngọ'),
      },
    ]);
    expect(explainDueDate(d, 'vi')).toBe(
      'Hạn 26/02/2026: tiếp nhận 12/02/2026, 5 ngày làm việc, bỏ qua 14/02–22/02 (Nghỉ Tết Nguyên đán Bính Ngọ)',
    );
    expect(explainDueDate(d, 'en')).toBe(
      'Due 26/02/2026: received 12/02/2026, 5 working days, 14/02–22/02 skipped (Nghỉ Tết Nguyên đán Bính Ngọ)',
    );
  });

  it('names the weekend in the language of the explanation (walk-through of 06/12/2026)', () => {
    // 20 calendar days from Sunday 06/12/2026 end on Saturday 26/12: moved to Monday 28/12
    const d = computeDueDate({ start: '2026-12-06', days: 20, unit: 'calendar', calendar: cal });
    expect(d.due).toBe('2026-12-28');
    expect(explainDueDate(d, 'vi')).toBe(
      'Hạn 28/12/2026: tiếp nhận 06/12/2026, 20 ngày, ngày cuối rơi vào ngày nghỉ 26/12–27/12 (Thứ Bảy, Chủ nhật) nên chuyển sang ngày làm việc kế tiếp',
    );
    expect(explainDueDate(d, 'en')).toBe(
      'Due 28/12/2026: received 06/12/2026, 20 days, last day fell on a day off 26/12–27/12 (Saturday, Sunday), moved to the next working day',
    );
  });

  it('does not list plain weekends', () => {
    const d = computeDueDate({ start: '2026-03-05', days: 5, unit: 'working', calendar: cal });
    expect(d.due).toBe('2026-03-12');
    expect(d.skipped).toEqual([]);
    expect(explainDueDate(d, 'vi')).toBe('Hạn 12/03/2026: tiếp nhận 05/03/2026, 5 ngày làm việc');
  });

  it('counts a make-up Saturday as a working day', () => {
    const d = computeDueDate({ start: '2025-04-24', days: 2, unit: 'working', calendar: cal });
    expect(d.due).toBe('2025-04-26');
    const withoutSchedule = computeDueDate({
      start: '2025-04-24',
      days: 2,
      unit: 'working',
      calendar: createWorkingCalendar([]),
    });
    expect(withoutSchedule.due).toBe('2025-04-28');
  });

  it('crosses the 30/4–1/5/2025 swap: Saturday counted, Friday 02/05 skipped', () => {
    // 25/04 (1), Sat 26/04 (2), 28/04 (3), 29/04 (4), off 30/04–04/05, 05/05 (5).
    const d = computeDueDate({ start: '2025-04-24', days: 5, unit: 'working', calendar: cal });
    expect(d.due).toBe('2025-05-05');
    expect(d.skipped).toEqual([
      { from: '2025-04-30', to: '2025-05-04', kind: 'off', reason: asWritten('Nghỉ lễ 30/4 và 1/5') },
    ]);
  });

  it('rejects invalid input', () => {
    expect(() => computeDueDate({ start: '2026-02-30', days: 5, unit: 'working', calendar: cal })).toThrow(
      RangeError,
    );
    expect(() => computeDueDate({ start: '2026-02-12', days: -1, unit: 'working', calendar: cal })).toThrow(
      RangeError,
    );
    expect(() => computeDueDate({ start: '2026-02-12', days: 1.5, unit: 'working', calendar: cal })).toThrow(
      RangeError,
    );
  });
});

describe('computeDueDate, calendar days', () => {
  it('gives 12/03/2026 for a 20-day answer received 20/02/2026, in the middle of Tết', () => {
    const d = computeDueDate({ start: '2026-02-20', days: 20, unit: 'calendar', calendar: cal });
    expect(d.due).toBe('2026-03-12');
    expect(d.skipped).toEqual([]);
    expect(explainDueDate(d, 'vi')).toBe('Hạn 12/03/2026: tiếp nhận 20/02/2026, 20 ngày');
    expect(explainDueDate(d, 'en')).toBe('Due 12/03/2026: received 20/02/2026, 20 days');
  });

  it('moves a last day falling on Sunday to Monday (BLDS 2015 Điều 148)', () => {
    const d = computeDueDate({ start: '2026-03-02', days: 20, unit: 'calendar', calendar: cal });
    expect(d.due).toBe('2026-03-23');
    expect(d.skipped).toEqual([
      { from: '2026-03-22', to: '2026-03-22', kind: 'off', reason: { name: 'Chủ nhật', nameEn: 'Sunday' } },
    ]);
    expect(explainDueDate(d, 'vi')).toBe(
      'Hạn 23/03/2026: tiếp nhận 02/03/2026, 20 ngày, ngày cuối rơi vào ngày nghỉ 22/03 (Chủ nhật) nên chuyển sang ngày làm việc kế tiếp',
    );
  });

  it('moves a last day falling on 30/4 past the whole holiday', () => {
    const d = computeDueDate({ start: '2026-04-10', days: 20, unit: 'calendar', calendar: cal });
    expect(d.due).toBe('2026-05-04');
    expect(d.skipped).toEqual([
      {
        from: '2026-04-30',
        to: '2026-05-03',
        kind: 'off',
        reason: {
          name: 'Ngày Giải phóng miền Nam; Quốc tế Lao động',
          nameEn: 'Reunification Day; International Labour Day',
        },
      },
    ]);
    // The Labour Code's days off have English names; English pages use them (walk-through of 06/12/2026).
    expect(explainDueDate(d, 'en')).toBe(
      'Due 04/05/2026: received 10/04/2026, 20 days, last day fell on a day off 30/04–03/05 (Reunification Day; International Labour Day), moved to the next working day',
    );
  });
});

describe('computeDueDate, pauses', () => {
  const pauses = [{ from: '2026-02-12', to: '2026-02-24' }];

  it('stops the clock over a pause that spans Tết', () => {
    // Without the pause: 11, 12, 13, 23, 24/02. Information asked 12/02, received 24/02: 11, 12, then 25, 26, 27/02.
    expect(computeDueDate({ start: '2026-02-10', days: 5, unit: 'working', calendar: cal }).due).toBe(
      '2026-02-24',
    );
    const d = computeDueDate({ start: '2026-02-10', days: 5, unit: 'working', calendar: cal, pauses });
    expect(d.due).toBe('2026-02-27');
    expect(d.paused).toBe(false);
    expect(d.skipped).toEqual([
      {
        from: '2026-02-13',
        to: '2026-02-24',
        kind: 'paused',
        reason: { name: 'Chờ bổ sung thông tin', nameEn: 'Awaiting additional information' },
      },
    ]);
    expect(explainDueDate(d, 'vi')).toBe(
      'Hạn 27/02/2026: tiếp nhận 10/02/2026, 5 ngày làm việc, tạm dừng 13/02–24/02 chờ bổ sung thông tin',
    );
    expect(explainDueDate(d, 'en')).toBe(
      'Due 27/02/2026: received 10/02/2026, 5 working days, paused 13/02–24/02 awaiting information',
    );
  });

  it('does not count paused days of a calendar-day period either', () => {
    // 2 days before the pause, 18 after it from 25/02: Saturday 14/03, moved to Monday 16/03.
    const d = computeDueDate({ start: '2026-02-10', days: 20, unit: 'calendar', calendar: cal, pauses });
    expect(d.due).toBe('2026-03-16');
    expect(d.skipped.map((s) => [s.kind, s.from, s.to])).toEqual([
      ['paused', '2026-02-13', '2026-02-24'],
      ['off', '2026-03-14', '2026-03-15'],
    ]);
  });

  it('flags an open pause without moving the date', () => {
    const d = computeDueDate({
      start: '2026-03-02',
      days: 5,
      unit: 'working',
      calendar: cal,
      pauses: [{ from: '2026-03-04', to: null }],
    });
    expect(d.due).toBe('2026-03-09');
    expect(d.paused).toBe(true);
    expect(d.pausedSince).toBe('2026-03-04');
    expect(dueState(d, '2026-03-20', cal)).toBe('paused');
    expect(explainDueDate(d, 'vi')).toBe(
      'Hạn 09/03/2026: tiếp nhận 02/03/2026, 5 ngày làm việc, đang tạm dừng từ 04/03 chờ bổ sung thông tin',
    );
    expect(explainDueDate(d, 'en')).toMatch(/paused since 04\/03 awaiting information$/);
  });

  it('keeps earlier closed pauses when a new one is open', () => {
    const d = computeDueDate({
      start: '2026-03-02',
      days: 5,
      unit: 'working',
      calendar: cal,
      pauses: [
        { from: '2026-03-03', to: '2026-03-05' },
        { from: '2026-03-09', to: null },
      ],
    });
    // 03 (1), 04–05 paused, 06 (2), 09 (3), 10 (4), 11 (5).
    expect(d.due).toBe('2026-03-11');
    expect(d.paused).toBe(true);
  });
});

describe('computeDueDate, extension', () => {
  it('replaces the due date with a later extension date', () => {
    const d = computeDueDate({
      start: '2026-02-12',
      days: 5,
      unit: 'working',
      calendar: cal,
      extendedTo: '2026-03-12',
    });
    expect(d.due).toBe('2026-03-12');
    expect(d.extendedTo).toBe('2026-03-12');
    expect(d.originalDue).toBe('2026-02-26');
    expect(explainDueDate(d, 'vi')).toBe(
      'Hạn 12/03/2026: tiếp nhận 12/02/2026, 5 ngày làm việc, bỏ qua 14/02–22/02 (Nghỉ Tết Nguyên đán Bính Ngọ), gia hạn đến 12/03/2026 (hạn ban đầu 26/02/2026)',
    );
    expect(explainDueDate(d, 'en')).toMatch(/, extended to 12\/03\/2026 \(originally 26\/02\/2026\)$/);
  });

  it('ignores an extension that is not later', () => {
    for (const extendedTo of ['2026-02-20', '2026-02-26', null]) {
      const d = computeDueDate({ start: '2026-02-12', days: 5, unit: 'working', calendar: cal, extendedTo });
      expect(d.due).toBe('2026-02-26');
      expect(d.extendedTo).toBeUndefined();
    }
  });

  it('limits the extension to 10 working days after the due date', () => {
    // After 12/02: 13, 23, 24, 25, 26, 27/02, 02, 03, 04, 05/03.
    expect(maxExtensionDate('2026-02-12', cal)).toBe('2026-03-05');
    expect(maxExtensionDate('2026-03-09', cal, 1)).toBe('2026-03-10');
  });
});

describe('recomputing after a calendar change', () => {
  it('moves the due date of an open item when an administrator adds a day off', () => {
    const args = { start: '2026-03-02', days: 5, unit: 'working' as const };
    expect(computeDueDate({ ...args, calendar: cal }).due).toBe('2026-03-09');
    const extra: CalendarOverride = { date: '2026-03-05', kind: 'off', note: 'Nghỉ đột xuất' };
    const changed = createWorkingCalendar([...DEFAULT_CALENDAR_OVERRIDES, extra]);
    const d = computeDueDate({ ...args, calendar: changed });
    expect(d.due).toBe('2026-03-10');
    expect(explainDueDate(d, 'vi')).toBe(
      'Hạn 10/03/2026: tiếp nhận 02/03/2026, 5 ngày làm việc, bỏ qua 05/03 (Nghỉ đột xuất)',
    );
  });
});

describe('workingDaysBetween and dueState', () => {
  it('counts working days in (from, to]', () => {
    expect(workingDaysBetween('2026-02-12', '2026-02-26', cal)).toBe(5);
    expect(workingDaysBetween('2026-02-12', '2026-02-12', cal)).toBe(0);
    expect(workingDaysBetween('2026-02-13', '2026-02-22', cal)).toBe(0);
    expect(workingDaysBetween('2026-02-26', '2026-02-12', cal)).toBe(-5);
  });

  it('counts the same as a walk over every day, across years, leap days and official days off', () => {
    const walk = (from: string, to: string) => {
      let n = 0;
      for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (cal.isWorkingDay(d)) n++;
      return n;
    };
    // a fixed pseudo-random walk over 2019–2028 (no Math.random: the same pairs on every run)
    let x = 12345;
    const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 300; i++) {
      const from = addCalendarDays('2019-01-01', next() % 3650);
      const to = addCalendarDays(from, next() % 1500);
      expect(workingDaysBetween(from, to, cal), `${from} → ${to}`).toBe(walk(from, to));
      expect(workingDaysBetween(to, from, cal) + 0).toBe(-walk(from, to) + 0); // +0: no -0
    }
    expect(workingDaysBetween('2024-02-28', '2024-03-01', cal)).toBe(walk('2024-02-28', '2024-03-01'));
    expect(workingDaysBetween('2025-12-31', '2026-01-01', cal)).toBe(0); // New Year's Day
  });

  it('classifies open items', () => {
    const item = { due: '2026-03-12' };
    expect(dueState(item, '2026-03-13', cal)).toBe('overdue');
    expect(dueState(item, '2026-03-12', cal)).toBe('dueSoon');
    expect(dueState(item, '2026-03-10', cal)).toBe('dueSoon');
    expect(dueState(item, '2026-03-09', cal)).toBe('onTrack');
    expect(dueState(item, '2026-03-09', cal, 3)).toBe('dueSoon');
    expect(dueState({ ...item, paused: true }, '2026-04-01', cal)).toBe('paused');
  });

  it('measures "soon" in working days, so Tết does not count', () => {
    // Only 23 and 24/02 are working days after 13/02.
    expect(dueState({ due: '2026-02-24' }, '2026-02-13', cal)).toBe('dueSoon');
  });
});

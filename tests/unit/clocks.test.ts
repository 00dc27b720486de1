// Which clock of spec §6 runs in each status, and how late each step is, in working days (issue 13, item 2).
import { describe, expect, it } from 'vitest';

import { createWorkingCalendar } from '~/domain/calendar';
import { DEFAULT_CALENDAR_OVERRIDES } from '~/domain/calendar-defaults';
import { type ClockInput, currentClock, lateSteps, runningClock } from '~/domain/clocks';
import { STATUSES } from '~/domain/workflow';

const cal = createWorkingCalendar(DEFAULT_CALENDAR_OVERRIDES);
// received Thursday 12/02/2026: classify due Monday 23/02, transfer due 26/02 (Tết 14–22/02 skipped)
const base: ClockInput = {
  status: 'received',
  publication: 'none',
  classifyDue: '2026-02-23',
  transferDue: '2026-02-26',
  answerDue: '2026-03-04',
  publishDue: null,
  infoDue: null,
};

describe('runningClock', () => {
  it('follows the status', () => {
    const byStatus = Object.fromEntries(
      STATUSES.map((status) => [status, runningClock({ status, publication: 'none' })]),
    );
    expect(byStatus).toEqual({
      received: 'classify',
      refused: null,
      transferred: null,
      forwarded: null,
      assigned: 'answer',
      in_progress: 'answer',
      awaiting_info: 'infoWait',
      drafted: 'answer',
      awaiting_approval: 'answer',
      returned: 'answer',
      keep_studying: 'answer',
      answered: 'publish',
      duplicate: null,
      closed_no_info: null,
    });
    expect(runningClock({ status: 'answered', publication: 'published' })).toBeNull();
    expect(runningClock({ status: 'answered', publication: 'withdrawn' })).toBeNull();
  });
});

describe('lateSteps and currentClock', () => {
  it('an unclassified PAKN is late for classification on the 3rd working day, counted in working days', () => {
    expect(lateSteps(base, '2026-02-23', cal)).toEqual([]);
    expect(currentClock(base, '2026-02-23', cal)).toMatchObject({
      clock: 'classify',
      state: 'dueSoon',
      workingDays: 0,
    });
    expect(lateSteps(base, '2026-02-24', cal)).toEqual([
      { clock: 'classify', due: '2026-02-23', state: 'overdue', workingDays: -1 },
    ]);
  });
  it('names the transfer and the answer too when an unclassified PAKN has passed them', () => {
    const late = lateSteps(base, '2026-03-05', cal);
    expect(late.map((l) => [l.clock, l.workingDays])).toEqual([
      ['classify', -8],
      ['transfer', -5],
      ['answer', -1],
    ]);
  });
  it('publication, information wait and answer clocks', () => {
    const answered = { ...base, status: 'answered', publishDue: '2026-04-03' };
    expect(lateSteps(answered, '2026-04-07', cal)).toEqual([
      { clock: 'publish', due: '2026-04-03', state: 'overdue', workingDays: -2 },
    ]);
    expect(lateSteps({ ...answered, publication: 'published' }, '2026-04-07', cal)).toEqual([]);
    const waiting = { ...base, status: 'awaiting_info', infoDue: '2026-03-20' };
    expect(currentClock(waiting, '2026-03-23', cal)).toMatchObject({
      clock: 'infoWait',
      state: 'overdue',
      workingDays: -1,
    });
    const working = { ...base, status: 'in_progress' };
    expect(currentClock(working, '2026-03-02', cal)).toMatchObject({
      clock: 'answer',
      state: 'dueSoon',
      workingDays: 2,
    });
    expect(lateSteps(working, '2026-03-02', cal)).toEqual([]);
    expect(currentClock({ ...base, status: 'refused' }, '2027-01-04', cal)).toBeNull();
  });
});

// Which deadline of spec §6 is running for a PAKN, and how late it is. The status decides the clock:
// classification while received (with the legal transfer deadline and the answer behind it), the submitter's
// information while awaiting_info (after it, close as R03), publication while answered and not yet public,
// the answer in every other open status. The SQL twin of runningClock is the generated column pakn.step_due
// (db/schema.ts), which the queue, the dashboard and the alerts read through its index.
import type { WorkingCalendar } from './calendar';
import type { LocalDate } from './dates';
import { type DueState, dueState, workingDaysBetween } from './deadlines';
import type { Status } from './workflow';

export type ClockKey = 'classify' | 'transfer' | 'answer' | 'publish' | 'infoWait';
export const CLOCK_KEYS: readonly ClockKey[] = ['classify', 'transfer', 'answer', 'publish', 'infoWait'];

/** The statuses in which the answer clock is the one that runs (received has its own, earlier clock). */
export const ANSWER_CLOCK_STATUSES: readonly Status[] = [
  'assigned',
  'in_progress',
  'drafted',
  'awaiting_approval',
  'returned',
  'keep_studying',
];

export type ClockInput = {
  status: string;
  publication: string;
  classifyDue: LocalDate;
  answerDue: LocalDate;
  publishDue: LocalDate | null;
  infoDue: LocalDate | null;
  /** only known on the record page (computed, not stored): the NĐ 20 Điều 9 transfer deadline */
  transferDue?: LocalDate | null;
};

export function runningClock(p: Pick<ClockInput, 'status' | 'publication'>): ClockKey | null {
  if (p.status === 'received') return 'classify';
  if (p.status === 'awaiting_info') return 'infoWait';
  if (p.status === 'answered') return p.publication === 'none' ? 'publish' : null;
  return (ANSWER_CLOCK_STATUSES as readonly string[]).includes(p.status) ? 'answer' : null;
}

function dueOf(p: ClockInput, clock: ClockKey): LocalDate | null {
  switch (clock) {
    case 'classify':
      return p.classifyDue;
    case 'transfer':
      return p.transferDue ?? null;
    case 'answer':
      return p.answerDue;
    case 'publish':
      return p.publishDue;
    case 'infoWait':
      return p.infoDue;
  }
}

export type ClockState = {
  clock: ClockKey;
  due: LocalDate;
  state: Exclude<DueState, 'paused'>;
  /** working days from today to the due date: positive = left, negative = late by that many */
  workingDays: number;
};

function stateOf(clock: ClockKey, due: LocalDate, today: LocalDate, calendar: WorkingCalendar): ClockState {
  const state = dueState({ due }, today, calendar) as ClockState['state'];
  return { clock, due, state, workingDays: workingDaysBetween(today, due, calendar) };
}

/** The running clock (null when none runs, or its date is not known yet). */
export function currentClock(p: ClockInput, today: LocalDate, calendar: WorkingCalendar): ClockState | null {
  const clock = runningClock(p);
  const due = clock ? dueOf(p, clock) : null;
  return clock && due ? stateOf(clock, due, today, calendar) : null;
}

/**
 * Every step that is late today, the running one first. An unclassified PAKN can be late for classification,
 * for the legal transfer deadline and for the answer at once: the record names each.
 */
export function lateSteps(p: ClockInput, today: LocalDate, calendar: WorkingCalendar): ClockState[] {
  const running = runningClock(p);
  if (!running) return [];
  const clocks: ClockKey[] = running === 'classify' ? ['classify', 'transfer', 'answer'] : [running];
  return clocks.flatMap((clock) => {
    const due = dueOf(p, clock);
    return due && today > due ? [stateOf(clock, due, today, calendar)] : [];
  });
}

// The deadlines of the open PAKN, computed in one pass (pauses and extensions included), and the late
// running step of each: what the daily digest and the overdue alert are made of.
import { and, eq, inArray, lt } from 'drizzle-orm';

import { type ClockKey, runningClock } from '~/domain/clocks';
import type { LocalDate } from '~/domain/dates';
import { computeDueDate, type DueDate, type DueState, dueState } from '~/domain/deadlines';
import { isClosed, STATUSES } from '~/domain/workflow/transitions';
import { getCalendar, getDeadlineRules } from '~/models/config.server';
import type { Pakn } from '~/models/pakn.server';
import type { DbOrTx } from '~/utils/db.server';
import * as s from '~db/schema';

/** Items due within this many working days are "due soon" in the digest. */
export const DIGEST_SOON_WORKING_DAYS = 2;

const OPEN_STATUSES = STATUSES.filter((st) => !isClosed(st));

export type OpenItem = { p: Pakn; due: DueDate; state: DueState };

export async function openItems(
  db: DbOrTx,
  today: LocalDate,
  where?: ReturnType<typeof and>,
): Promise<OpenItem[]> {
  const rows = await db
    .select()
    .from(s.pakn)
    .where(and(inArray(s.pakn.status, OPEN_STATUSES), where));
  if (rows.length === 0) return [];
  const pauses = new Map<number, { from: string; to: string | null }[]>();
  const pauseRows = await db
    .select({ paknId: s.paknPauses.paknId, from: s.paknPauses.fromDate, to: s.paknPauses.toDate })
    .from(s.paknPauses)
    .innerJoin(s.pakn, eq(s.pakn.id, s.paknPauses.paknId))
    .where(inArray(s.pakn.status, OPEN_STATUSES));
  for (const r of pauseRows) {
    const list = pauses.get(r.paknId) ?? [];
    list.push({ from: r.from, to: r.to });
    pauses.set(r.paknId, list);
  }
  const rules = await getDeadlineRules(db);
  const calendar = await getCalendar(db);
  return rows.map((p) => {
    const due = computeDueDate({
      start: p.receivedDate,
      ...rules.answer,
      calendar,
      pauses: pauses.get(p.id) ?? [],
      extendedTo: p.extendedTo,
    });
    return { p, due, state: dueState(due, today, calendar, DIGEST_SOON_WORKING_DAYS) };
  });
}

export type LateStep = { p: Pakn; clock: ClockKey; due: LocalDate };

/**
 * The late running step of each PAKN: the answer as openItems computes it (pauses and extension), the other
 * clocks (classification, information wait, publication) from the indexed step_due.
 */
export async function lateRunningSteps(
  db: DbOrTx,
  today: LocalDate,
  answerLate: OpenItem[],
): Promise<LateStep[]> {
  const answer = answerLate
    .filter((i) => runningClock(i.p) === 'answer')
    .map((i) => ({ p: i.p, clock: 'answer' as const, due: i.due.due }));
  const others = (
    await db
      .select()
      .from(s.pakn)
      .where(
        and(lt(s.pakn.stepDue, today), inArray(s.pakn.status, ['received', 'awaiting_info', 'answered'])),
      )
  ).flatMap((p) => {
    const clock = runningClock(p);
    return clock && p.stepDue ? [{ p, clock, due: p.stepDue }] : [];
  });
  return [...answer, ...others];
}

// Due dates follow the configuration: when an administrator changes the calendar or a deadline rule, every
// open PAKN gets the dates the new configuration gives, and its timeline says so.
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import * as s from '../../db/schema';
import { formatDateVi } from '~/domain/calendar';
import { computeDueDate, type Pause } from '~/domain/deadlines';
import { getCalendar, getDeadlineRules, invalidateCalendar } from './config.server';
import { getDb, type Db } from '~/utils/db.server';
import type { Tx } from '~/utils/mail.server';

/** Statuses whose deadlines no longer run (workflow CLOSED). */
export const CLOSED_STATUSES = [
  'answered',
  'refused',
  'transferred',
  'forwarded',
  'duplicate',
  'closed_no_info',
];

type Change = { from: string; to: string };

/**
 * Recomputes classify_due and answer_due of every open PAKN from its receipt date, the current rules and
 * calendar, its pauses and its extension. Run it inside the transaction that changed the configuration so
 * the dates and the configuration never disagree. Returns the number of PAKN whose dates changed.
 */
export function recomputeOpenDueDates(
  db: Db | Tx = getDb(),
  { actorUserId = null }: { actorUserId?: number | null } = {},
): number {
  invalidateCalendar();
  const calendar = getCalendar(db as Db);
  const rules = getDeadlineRules(db as Db);
  const open = db
    .select({
      id: s.pakn.id,
      receivedDate: s.pakn.receivedDate,
      classifyDue: s.pakn.classifyDue,
      answerDue: s.pakn.answerDue,
      extendedTo: s.pakn.extendedTo,
    })
    .from(s.pakn)
    .where(notInArray(s.pakn.status, CLOSED_STATUSES))
    .all();
  if (open.length === 0) return 0;

  const pausesById = new Map<number, Pause[]>();
  const pauseRows = db
    .select({ paknId: s.paknPauses.paknId, from: s.paknPauses.fromDate, to: s.paknPauses.toDate })
    .from(s.paknPauses)
    .where(
      inArray(
        s.paknPauses.paknId,
        db.select({ id: s.pakn.id }).from(s.pakn).where(notInArray(s.pakn.status, CLOSED_STATUSES)),
      ),
    )
    .all();
  for (const p of pauseRows) {
    const list = pausesById.get(p.paknId) ?? [];
    list.push({ from: p.from, to: p.to });
    pausesById.set(p.paknId, list);
  }

  let changed = 0;
  for (const p of open) {
    const pauses = pausesById.get(p.id) ?? [];
    // A pause after the classification date cannot move it: only days up to the due date are counted.
    const classifyDue = computeDueDate({ start: p.receivedDate, ...rules.classify, calendar, pauses }).due;
    const answerDue = computeDueDate({
      start: p.receivedDate,
      ...rules.answer,
      calendar,
      pauses,
      extendedTo: p.extendedTo,
    }).due;
    if (classifyDue === p.classifyDue && answerDue === p.answerDue) continue;

    const data: { classifyDue?: Change; answerDue?: Change } = {};
    if (classifyDue !== p.classifyDue) data.classifyDue = { from: p.classifyDue, to: classifyDue };
    if (answerDue !== p.answerDue) data.answerDue = { from: p.answerDue, to: answerDue };
    const shown = data.answerDue ?? data.classifyDue!;
    // The version is left alone: a recomputed date is not an edit that should invalidate an open form.
    db.update(s.pakn)
      .set({ classifyDue, answerDue })
      .where(and(eq(s.pakn.id, p.id), notInArray(s.pakn.status, CLOSED_STATUSES)))
      .run();
    db.insert(s.events)
      .values({
        paknId: p.id,
        type: 'due_recomputed',
        actorUserId,
        isPublic: false,
        note: `${formatDateVi(shown.from)} → ${formatDateVi(shown.to)}`,
        data: JSON.stringify(data),
      })
      .run();
    changed++;
  }
  return changed;
}

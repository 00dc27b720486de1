// Due dates follow the configuration: when an administrator changes the calendar or a deadline rule, every
// open PAKN gets the dates the new configuration gives, and its timeline says so.
import { and, eq, inArray, notInArray } from 'drizzle-orm';

import { formatDateVi, type LocalDate, toLocalDate } from '~/domain/dates';
import { computeDueDate, type Pause } from '~/domain/deadlines';
import type { Status } from '~/domain/workflow/transitions';
import { type DbOrTx, getDb } from '~/utils/db.server';
import * as s from '~db/schema';

import { getCalendar, getDeadlineRules, invalidateCalendar } from './config.server';

/** Statuses whose deadlines no longer run (workflow CLOSED). */
export const CLOSED_STATUSES: Status[] = [
  'answered',
  'refused',
  'transferred',
  'forwarded',
  'duplicate',
  'closed_no_info',
];

type Change = { from: string; to: string };

/** spec §6: publish the result within N working days after the answer is signed. */
export async function publishDueFrom(answeredDate: LocalDate, db: DbOrTx = getDb()): Promise<LocalDate> {
  const rules = await getDeadlineRules(db);
  return computeDueDate({ start: answeredDate, ...rules.publish, calendar: await getCalendar(db) }).due;
}

/** spec §6: the submitter's additional information is awaited N days from the request (then R03). */
export async function infoDueFrom(requestDate: LocalDate, db: DbOrTx = getDb()): Promise<LocalDate> {
  const rules = await getDeadlineRules(db);
  return computeDueDate({ start: requestDate, ...rules.infoWait, calendar: await getCalendar(db) }).due;
}

/** Answered and not yet published: the publication clock runs (closed for every other deadline). */
const awaitingPublication = and(eq(s.pakn.status, 'answered'), eq(s.pakn.publication, 'none'));

/**
 * Recomputes classify_due and answer_due of every open PAKN from its receipt date, the current rules and
 * calendar, its pauses and its extension; info_due of those awaiting information from the open request;
 * publish_due of the answers still to publish from their signing date. Run it inside the transaction that changed the configuration so
 * the dates and the configuration never disagree. Returns the number of PAKN whose dates changed.
 */
export async function recomputeOpenDueDates(
  db: DbOrTx = getDb(),
  { actorUserId = null }: { actorUserId?: number | null } = {},
): Promise<number> {
  invalidateCalendar();
  const calendar = await getCalendar(db);
  const rules = await getDeadlineRules(db);
  const open = await db
    .select({
      id: s.pakn.id,
      receivedDate: s.pakn.receivedDate,
      classifyDue: s.pakn.classifyDue,
      answerDue: s.pakn.answerDue,
      extendedTo: s.pakn.extendedTo,
      status: s.pakn.status,
      infoDue: s.pakn.infoDue,
    })
    .from(s.pakn)
    .where(notInArray(s.pakn.status, CLOSED_STATUSES));
  const changed = await recomputePublicationDueDates(db, actorUserId);
  if (open.length === 0) return changed;

  const pausesById = new Map<number, Pause[]>();
  const pauseRows = await db
    .select({ paknId: s.paknPauses.paknId, from: s.paknPauses.fromDate, to: s.paknPauses.toDate })
    .from(s.paknPauses)
    .where(
      inArray(
        s.paknPauses.paknId,
        db.select({ id: s.pakn.id }).from(s.pakn).where(notInArray(s.pakn.status, CLOSED_STATUSES)),
      ),
    );
  for (const p of pauseRows) {
    const list = pausesById.get(p.paknId) ?? [];
    list.push({ from: p.from, to: p.to });
    pausesById.set(p.paknId, list);
  }

  let changedOpen = 0;
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
    // the information wait runs from the open request (the latest pause without an end)
    const openPause = pauses.filter((x) => x.to === null).sort((a, b) => b.from.localeCompare(a.from))[0];
    const infoDue =
      p.status === 'awaiting_info' && openPause ? await infoDueFrom(openPause.from, db) : p.infoDue;
    if (classifyDue === p.classifyDue && answerDue === p.answerDue && infoDue === p.infoDue) continue;

    const data: { classifyDue?: Change; answerDue?: Change; infoDue?: Change } = {};
    if (classifyDue !== p.classifyDue) data.classifyDue = { from: p.classifyDue, to: classifyDue };
    if (answerDue !== p.answerDue) data.answerDue = { from: p.answerDue, to: answerDue };
    if (infoDue !== p.infoDue && infoDue) data.infoDue = { from: p.infoDue ?? '', to: infoDue };
    const shown = data.answerDue ?? data.classifyDue ?? data.infoDue!;
    // The version is left alone: a recomputed date is not an edit that should invalidate an open form.
    await db
      .update(s.pakn)
      .set({ classifyDue, answerDue, infoDue })
      .where(and(eq(s.pakn.id, p.id), notInArray(s.pakn.status, CLOSED_STATUSES)));
    await db.insert(s.events).values({
      paknId: p.id,
      type: 'due_recomputed',
      actorUserId,
      isPublic: false,
      note: `${shown.from ? formatDateVi(shown.from) : '–'} → ${formatDateVi(shown.to)}`,
      data: JSON.stringify(data),
    });
    changedOpen++;
  }
  return changed + changedOpen;
}

/** The publication date of every answer still to publish, from its signing date; returns the number changed. */
async function recomputePublicationDueDates(db: DbOrTx, actorUserId: number | null): Promise<number> {
  const rows = await db
    .select({ id: s.pakn.id, answeredAt: s.pakn.answeredAt, publishDue: s.pakn.publishDue })
    .from(s.pakn)
    .where(awaitingPublication);
  let changed = 0;
  for (const p of rows) {
    if (!p.answeredAt) continue;
    const publishDue = await publishDueFrom(toLocalDate(p.answeredAt), db);
    if (publishDue === p.publishDue) continue;
    await db
      .update(s.pakn)
      .set({ publishDue })
      .where(and(eq(s.pakn.id, p.id), awaitingPublication));
    await db.insert(s.events).values({
      paknId: p.id,
      type: 'due_recomputed',
      actorUserId,
      isPublic: false,
      note: `${p.publishDue ? formatDateVi(p.publishDue) : '–'} → ${formatDateVi(publishDue)}`,
      data: JSON.stringify({ publishDue: { from: p.publishDue, to: publishDue } }),
    });
    changed++;
  }
  return changed;
}

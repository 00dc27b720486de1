// Overdue: the coordinators' alert, and the submitter's progress update every N days while late.
import { and, desc, eq, inArray } from 'drizzle-orm';

import { CLOCK_KEYS, type ClockKey } from '~/domain/clocks';
import { addCalendarDays, formatDateVi, type LocalDate, toLocalDate } from '~/domain/dates';
import { workingDaysBetween } from '~/domain/deadlines';
import { localName } from '~/domain/local-name';
import { saluteeOf } from '~/domain/salutation';
import { publicStatus, STATUS_LABELS } from '~/domain/workflow/transitions';
import { linkInLanguage } from '~/i18n';
import { getAgency, getCalendar, getDeadlineRules } from '~/models/config.server';
import { holdJobLock } from '~/models/job-lock.server';
import { emailAgency, lookupUrl, queueUrl, recordUrl } from '~/models/notifications.server';
import { lateRunningSteps, openItems } from '~/models/open-deadlines.server';
import { enqueueMail } from '~/models/outbox.server';
import { type DbOrTx, first, getDb, transaction } from '~/utils/db.server';
import { getT } from '~/utils/i18n.server';
import { getLogger } from '~/utils/logger.server';
import * as s from '~db/schema';
import { renderOverdueEmail, renderStatusEmail } from '~emails';

function dataDue(data: string | null): string | null {
  if (!data) return null;
  try {
    const v = (JSON.parse(data) as { due?: unknown }).due;
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

function dataClock(data: string | null): ClockKey {
  try {
    const v = data ? (JSON.parse(data) as { clock?: unknown }).clock : undefined;
    return typeof v === 'string' && (CLOCK_KEYS as readonly string[]).includes(v)
      ? (v as ClockKey)
      : 'answer';
  } catch {
    return 'answer';
  }
}

/**
 * E-mails the coordinators (active users with role coordinator) the PAKN that became overdue since
 * the last run, each alerted once per due date (internal event 'overdue_alerted' with data.due; an
 * extension gives a new due date, and passing it alerts again). Also sends the submitter a progress
 * update when an answer is late: when it becomes overdue, then every `progressUpdate` days (public
 * event 'progress_update'). Items paused awaiting the submitter's information are not overdue.
 */
export async function alertNewlyOverdue(opts: { now?: Date; db?: DbOrTx } = {}): Promise<{
  alerted: number;
  progress: number;
}> {
  const db = opts.db ?? getDb();
  const now = opts.now ?? new Date();
  const today = toLocalDate(now);
  const log = getLogger();

  // the answer is late (what the submitter is told about) whatever the step; the coordinators are alerted
  // of the step that is late: the running clock of the status (app/domain/clocks.ts)
  const overdue = (await openItems(db, today)).filter((i) => i.state === 'overdue');
  const late = await lateRunningSteps(db, today, overdue);
  if (overdue.length === 0 && late.length === 0) return { alerted: 0, progress: 0 };
  const ids = late.map((i) => i.p.id);
  const calendar = await getCalendar(db);
  const agencyRow = await getAgency(db);
  const units = new Map((await db.select().from(s.units)).map((u) => [u.id, u]));

  // 1. the coordinators' alert, in one transaction with the events that make it happen once
  let alerted = 0;
  const coordinators = await db
    .select({ email: s.users.email })
    .from(s.users)
    .where(and(eq(s.users.role, 'coordinator'), eq(s.users.active, true)));
  if (coordinators.length === 0) {
    log.warn({ overdue: late.length }, 'notifications: no active coordinator to alert of overdue items');
  } else {
    alerted = await transaction(db, async (tx) => {
      await holdJobLock(tx, 'overdue-alert');
      const done = new Set(
        (
          await tx
            .select({ paknId: s.events.paknId, data: s.events.data })
            .from(s.events)
            .where(and(eq(s.events.type, 'overdue_alerted'), inArray(s.events.paknId, ids)))
        ).map((e) => `${e.paknId}|${dataDue(e.data)}|${dataClock(e.data)}`),
      );
      const fresh = late
        .filter((i) => !done.has(`${i.p.id}|${i.due}|${i.clock}`))
        .sort((a, b) => a.due.localeCompare(b.due) || a.p.id - b.p.id);
      if (fresh.length === 0) return 0;
      for (const i of fresh) {
        await tx.insert(s.events).values({
          paknId: i.p.id,
          type: 'overdue_alerted',
          isPublic: false,
          data: JSON.stringify({ due: i.due, clock: i.clock }),
          createdAt: now,
        });
      }
      const rendered = renderOverdueEmail({
        locale: 'vi',
        items: fresh.map((i) => ({
          code: i.p.code,
          title: i.p.title,
          dueDate: formatDateVi(i.due),
          statusLabel: STATUS_LABELS[i.p.status]?.vi ?? i.p.status,
          url: recordUrl(i.p.id),
          lateBy: workingDaysBetween(i.due, today, calendar),
          step: getT('vi')(`clocks.${i.clock}`),
          unitName: i.p.unitId ? (units.get(i.p.unitId)?.name ?? null) : null,
        })),
        queueUrl: queueUrl(),
        agency: emailAgency(agencyRow, 'vi'),
      });
      for (const c of coordinators) {
        await enqueueMail(tx, { to: c.email, ...rendered, template: 'overdue', paknId: null });
      }
      return fresh.length;
    });
  }

  // 2. progress updates to the submitters of late items
  const rule = (await getDeadlineRules(db)).progressUpdate;
  const isDue = (last: LocalDate) =>
    rule.unit === 'working'
      ? workingDaysBetween(last, today, calendar) >= rule.days
      : addCalendarDays(last, rule.days) <= today;
  let progress = 0;
  for (const i of overdue) {
    const p = i.p;
    if (!p.email) continue;
    const sent = await transaction(db, async (tx) => {
      await holdJobLock(tx, 'progress-update');
      const last = await first(
        tx
          .select({ at: s.events.createdAt })
          .from(s.events)
          .where(and(eq(s.events.paknId, p.id), eq(s.events.type, 'progress_update')))
          .orderBy(desc(s.events.createdAt), desc(s.events.id))
          .limit(1),
      );
      if (last && !isDue(toLocalDate(last.at))) return false;
      await tx.insert(s.events).values({
        paknId: p.id,
        type: 'progress_update',
        isPublic: true,
        data: JSON.stringify({ due: i.due.due }),
        createdAt: now,
      });
      const unit = p.unitId ? units.get(p.unitId) : undefined;
      const rendered = renderStatusEmail({
        step: 'progress',
        locale: p.lang,
        code: p.code,
        title: p.title,
        submitter: saluteeOf(p),
        agency: emailAgency(agencyRow, p.lang),
        lookupUrl: linkInLanguage(lookupUrl(), p.lang),
        dueDate: formatDateVi(i.due.due),
        statusLabel: publicStatus(p.status)[p.lang],
        unitName: unit ? localName(unit, p.lang) : null,
        everyDays: rule.days,
      });
      await enqueueMail(tx, { to: p.email!, ...rendered, template: 'status-progress', paknId: p.id });
      return true;
    });
    if (sent) progress++;
  }
  return { alerted, progress };
}

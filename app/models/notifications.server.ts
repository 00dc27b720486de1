// Every e-mail of the workflow (spec §4–§6): the submitter's status mails, the units' assignment mail
// and daily digest, the coordinators' overdue alert, the progress update while an answer is late.
// All go through the outbox, inside the transaction of the change (or the event) they report.
import { and, desc, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import * as s from '~db/schema';
import { sendScheduleWarning } from '~/models/admin/calendar-schedule.server';
import { getSetting, setSetting } from '~/models/admin/settings.server';
import { ratingUrl } from './ratings.server';
import {
  renderDigestEmail,
  renderOverdueEmail,
  renderStatusEmail,
  renderUnitAssignedEmail,
  type EmailAgency,
  type StaffMailItem,
  type StatusEmailData,
} from '~emails';
import { addCalendarDays, formatDateVi, toLocalDate, VN_TIME_ZONE, type LocalDate } from '~/domain/calendar';
import {
  computeDueDate,
  dueState,
  explainDueDate,
  workingDaysBetween,
  type DueDate,
  type DueState,
} from '~/domain/deadlines';
import { CLOCK_KEYS, runningClock, type ClockKey } from '~/domain/clocks';
import { REFUSAL_REASONS, type RefusalReason } from '~/domain/pakn';
import { isClosed, publicStatus, STATUS_LABELS, STATUSES, type Status } from '~/domain/workflow';
import { salutation, saluteeOf } from '~/domain/salutation';
import { getAgency, getCalendar, getDeadlineRules, type Agency } from './config.server';
import { answerDueDate, type Pakn } from './pakn.server';
import { getDb, type Db, type DbOrTx } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import { getT } from '~/utils/i18n.server';
import { getLogger } from '~/utils/logger.server';
import { enqueueMail, type Tx } from '~/utils/mail.server';
import { localName } from '~/domain/local-name';

export type Step =
  | 'refused'
  | 'transferred'
  | 'forwarded'
  | 'duplicate'
  | 'assigned'
  | 'reassigned'
  | 'info_requested'
  | 'extended'
  | 'answered'
  | 'closed_no_info';

/** Items due within this many working days are "due soon" in the digest. */
export const DIGEST_SOON_WORKING_DAYS = 2;
/** The digest goes out on working days from this local hour (Asia/Ho_Chi_Minh) on. */
export const DIGEST_HOUR = 7;
export const DIGEST_SETTING_KEY = 'digest.lastSent';
export const SCHEDULER_INTERVAL_MS = 15 * 60_000;

const OPEN_STATUSES = STATUSES.filter((st) => !isClosed(st));

function emailAgency(a: Agency, lang: 'vi' | 'en'): EmailAgency {
  return {
    name: localName(a, lang),
    address: a.address,
    hotline: a.hotline,
    email: a.email,
    officeHours: lang === 'en' ? a.officeHoursEn : a.officeHours,
  };
}

const baseUrl = () => getEnv().BASE_URL;
const lookupUrl = () => `${baseUrl()}/theo-doi`;
const recordUrl = (id: number) => `${baseUrl()}/can-bo/pakn/${id}`;
const queueUrl = () => `${baseUrl()}/can-bo`;

function isRefusalReason(x: string | null): x is RefusalReason {
  return x !== null && (REFUSAL_REASONS as readonly string[]).includes(x);
}

/**
 * Queues, inside the caller's transaction, the submitter's e-mail for this step (in pakn.lang; skipped
 * when the PAKN has no e-mail) and, for assigned/reassigned, the unit's e-mail (units.email).
 * Call it after the PAKN row (status, unit, refusal reason, agency, extended_to) and the answer are
 * written: it reads what it needs through `tx`. `note` is the staff's text for this step, shown as
 * plain text: to the submitter for refused/transferred/forwarded/duplicate/closed_no_info (the
 * explanation), info_requested (the question) and extended (the reason); for assigned/reassigned it
 * is the assigner's internal note and goes to the unit only; for answered it is not used (the answer
 * and its outcome are read from `answers`).
 */
export function notifyStep(
  tx: Tx | Db,
  args: {
    paknId: number;
    step: Step;
    note?: string | null;
    document?: { number: string; url: string } | null;
  },
): void {
  const db = tx as Db;
  const { paknId, step } = args;
  const note = args.note ?? null;
  const p = db.select().from(s.pakn).where(eq(s.pakn.id, paknId)).get();
  if (!p) throw new Error(`notifyStep: PAKN ${paknId} not found`);
  const agencyRow = getAgency(db);
  const unit = p.unitId ? db.select().from(s.units).where(eq(s.units.id, p.unitId)).get() : undefined;
  const needsDue = step === 'assigned' || step === 'reassigned' || step === 'extended';
  const due = needsDue ? answerDueDate(p, db) : null;

  if (p.email) {
    const lang = p.lang;
    const t = getT(lang);
    const common = {
      locale: lang,
      code: p.code,
      title: p.title,
      submitter: saluteeOf(p),
      agency: emailAgency(agencyRow, lang),
      lookupUrl: lookupUrl(),
      note,
      document: args.document ?? null,
    };
    let data: StatusEmailData;
    switch (step) {
      case 'refused': {
        const code = p.refusalReason;
        data = {
          ...common,
          step,
          reason: isRefusalReason(code)
            ? {
                code,
                label: t(`email.refusalReason.${code}`),
                guidance: t(`email.refusalGuidance.${code}`, { you: salutation(saluteeOf(p), lang).you }),
              }
            : null,
        };
        break;
      }
      case 'transferred':
      case 'forwarded': {
        const ext = p.transferAgencyId
          ? db.select().from(s.externalAgencies).where(eq(s.externalAgencies.id, p.transferAgencyId)).get()
          : undefined;
        data = {
          ...common,
          step,
          target: ext ? { name: ext.name, address: ext.address, email: ext.email } : null,
        };
        break;
      }
      case 'duplicate': {
        const original = p.duplicateOfId
          ? db
              .select({ code: s.pakn.code, email: s.pakn.email })
              .from(s.pakn)
              .where(eq(s.pakn.id, p.duplicateOfId))
              .get()
          : undefined;
        // the original's code only when it is the same submitter's: another citizen's PAKN is not theirs to know of
        const same = original?.email != null && original.email.toLowerCase() === p.email.toLowerCase();
        data = { ...common, step, originalCode: same ? original.code : null };
        break;
      }
      case 'assigned':
      case 'reassigned':
        data = {
          ...common,
          step,
          unitName: unit ? localName(unit, lang) : '',
          dueDate: formatDateVi(due!.due),
          dueExplanation: explainDueDate(due!, lang),
        };
        break;
      case 'info_requested':
        data = { ...common, step, infoWaitDays: getDeadlineRules(db).infoWait.days };
        break;
      case 'extended':
        data = {
          ...common,
          step,
          newDate: formatDateVi(p.extendedTo ?? due!.due),
          dueExplanation: explainDueDate(due!, lang),
        };
        break;
      case 'answered': {
        const answer = db.select().from(s.answers).where(eq(s.answers.paknId, p.id)).get();
        const outcome = answer?.outcome ?? null;
        data = {
          ...common,
          step,
          answerBody: answer?.body ?? '',
          outcomeLabel: outcome ? t(`outcome.${outcome}`, { defaultValue: '' }) || null : null,
          ratingUrl: ratingUrl(p.id),
          publicUrl: `${getEnv().BASE_URL}/cong-khai/${p.code}`,
        };
        break;
      }
      case 'closed_no_info':
        data = { ...common, step };
        break;
    }
    const rendered = renderStatusEmail(data);
    enqueueMail(tx, { to: p.email, ...rendered, template: `status-${step}`, paknId: p.id });
  }

  if ((step === 'assigned' || step === 'reassigned') && unit?.email.trim()) {
    const rendered = renderUnitAssignedEmail({
      locale: 'vi',
      reassigned: step === 'reassigned',
      code: p.code,
      title: p.title,
      unitName: unit.name,
      receivedDate: formatDateVi(p.receivedDate),
      dueDate: formatDateVi(due!.due),
      dueExplanation: explainDueDate(due!, 'vi'),
      note,
      recordUrl: recordUrl(p.id),
      agency: emailAgency(agencyRow, 'vi'),
    });
    enqueueMail(tx, { to: unit.email, ...rendered, template: 'unit-assigned', paknId: p.id });
  }
}

// ---------------------------------------------------------------------------------------------
// Deadlines of the open items, computed in one pass (pauses and extensions included)

type OpenItem = { p: Pakn; due: DueDate; state: DueState };

function openItems(db: DbOrTx | Tx, today: LocalDate, where?: ReturnType<typeof and>): OpenItem[] {
  const d = db as Db;
  const rows = d
    .select()
    .from(s.pakn)
    .where(and(inArray(s.pakn.status, OPEN_STATUSES), where))
    .all();
  if (rows.length === 0) return [];
  const pauses = new Map<number, { from: string; to: string | null }[]>();
  const pauseRows = d
    .select({ paknId: s.paknPauses.paknId, from: s.paknPauses.fromDate, to: s.paknPauses.toDate })
    .from(s.paknPauses)
    .innerJoin(s.pakn, eq(s.pakn.id, s.paknPauses.paknId))
    .where(inArray(s.pakn.status, OPEN_STATUSES))
    .all();
  for (const r of pauseRows) {
    const list = pauses.get(r.paknId) ?? [];
    list.push({ from: r.from, to: r.to });
    pauses.set(r.paknId, list);
  }
  const rules = getDeadlineRules(d);
  const calendar = getCalendar(d);
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

function localHour(now: Date): number {
  const h = new Intl.DateTimeFormat('en-GB', {
    timeZone: VN_TIME_ZONE,
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(now);
  return Number(h);
}

// ---------------------------------------------------------------------------------------------
// The units' daily digest

/**
 * One e-mail per unit (to units.email) listing its open PAKN that are overdue or due within
 * DIGEST_SOON_WORKING_DAYS working days; none when a unit has nothing. Sent on working days from
 * DIGEST_HOUR local time, at most once per local day per unit (settings 'digest.lastSent').
 */
export function sendDailyDigests(opts: { now?: Date; db?: DbOrTx } = {}): { units: number } {
  const db = opts.db ?? getDb();
  const now = opts.now ?? new Date();
  const today = toLocalDate(now);
  const calendar = getCalendar(db);
  if (!calendar.isWorkingDay(today) || localHour(now) < DIGEST_HOUR) return { units: 0 };

  const items = openItems(db, today, isNotNull(s.pakn.unitId)).filter(
    (i) => i.state === 'overdue' || i.state === 'dueSoon',
  );
  const byUnit = new Map<number, OpenItem[]>();
  for (const i of items) {
    const list = byUnit.get(i.p.unitId!) ?? [];
    list.push(i);
    byUnit.set(i.p.unitId!, list);
  }
  if (byUnit.size === 0) return { units: 0 };

  const agency = emailAgency(getAgency(db), 'vi');
  const units = db
    .select()
    .from(s.units)
    .where(inArray(s.units.id, [...byUnit.keys()]))
    .all();
  const toMailItem = (i: OpenItem): StaffMailItem => ({
    code: i.p.code,
    title: i.p.title,
    dueDate: formatDateVi(i.due.due),
    statusLabel: STATUS_LABELS[i.p.status as Status]?.vi ?? i.p.status,
    url: recordUrl(i.p.id),
    lateBy: i.state === 'overdue' ? workingDaysBetween(i.due.due, today, calendar) : undefined,
  });
  const byDue = (a: OpenItem, b: OpenItem) => a.due.due.localeCompare(b.due.due) || a.p.id - b.p.id;

  let sent = 0;
  for (const unit of units) {
    if (!unit.email.trim()) continue;
    const list = (byUnit.get(unit.id) ?? []).sort(byDue);
    const rendered = renderDigestEmail({
      locale: 'vi',
      unitName: unit.name,
      date: formatDateVi(today),
      soonDays: DIGEST_SOON_WORKING_DAYS,
      overdue: list.filter((i) => i.state === 'overdue').map(toMailItem),
      dueSoon: list.filter((i) => i.state === 'dueSoon').map(toMailItem),
      queueUrl: queueUrl(),
      agency,
    });
    // immediate: a second process running the same pass waits, then sees the date and skips
    const done = db.transaction(
      (tx) => {
        const last = getSetting(DIGEST_SETTING_KEY, tx);
        if (last[String(unit.id)] === today) return false;
        enqueueMail(tx, { to: unit.email, ...rendered, template: 'digest', paknId: null });
        setSetting(DIGEST_SETTING_KEY, { ...last, [String(unit.id)]: today }, tx);
        return true;
      },
      { behavior: 'immediate' },
    );
    if (done) sent++;
  }
  return { units: sent };
}

// ---------------------------------------------------------------------------------------------
// Overdue: the coordinators' alert, and the submitter's progress update every N days while late

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

type LateStep = { p: Pakn; clock: ClockKey; due: LocalDate };

/**
 * The late running step of each PAKN: the answer as openItems computes it (pauses and extension), the other
 * clocks (classification, information wait, publication) from the indexed step_due.
 */
function lateRunningSteps(db: DbOrTx, today: LocalDate, answerLate: OpenItem[]): LateStep[] {
  const answer = answerLate
    .filter((i) => runningClock(i.p) === 'answer')
    .map((i) => ({ p: i.p, clock: 'answer' as const, due: i.due.due }));
  const others = db
    .select()
    .from(s.pakn)
    .where(and(lt(s.pakn.stepDue, today), inArray(s.pakn.status, ['received', 'awaiting_info', 'answered'])))
    .all()
    .flatMap((p) => {
      const clock = runningClock(p);
      return clock && p.stepDue ? [{ p, clock, due: p.stepDue }] : [];
    });
  return [...answer, ...others];
}

/**
 * E-mails the coordinators (active users with role coordinator) the PAKN that became overdue since
 * the last run, each alerted once per due date (internal event 'overdue_alerted' with data.due; an
 * extension gives a new due date, and passing it alerts again). Also sends the submitter a progress
 * update when an answer is late: when it becomes overdue, then every `progressUpdate` days (public
 * event 'progress_update'). Items paused awaiting the submitter's information are not overdue.
 */
export function alertNewlyOverdue(opts: { now?: Date; db?: DbOrTx } = {}): {
  alerted: number;
  progress: number;
} {
  const db = opts.db ?? getDb();
  const now = opts.now ?? new Date();
  const today = toLocalDate(now);
  const log = getLogger();

  // the answer is late (what the submitter is told about) whatever the step; the coordinators are alerted
  // of the step that is late: the running clock of the status (app/domain/clocks.ts)
  const overdue = openItems(db, today).filter((i) => i.state === 'overdue');
  const late = lateRunningSteps(db, today, overdue);
  if (overdue.length === 0 && late.length === 0) return { alerted: 0, progress: 0 };
  const ids = late.map((i) => i.p.id);
  const calendar = getCalendar(db);
  const agencyRow = getAgency(db);
  const units = new Map(
    db
      .select()
      .from(s.units)
      .all()
      .map((u) => [u.id, u]),
  );

  // 1. the coordinators' alert, in one transaction with the events that make it happen once
  let alerted = 0;
  const coordinators = db
    .select({ email: s.users.email })
    .from(s.users)
    .where(and(eq(s.users.role, 'coordinator'), eq(s.users.active, true)))
    .all();
  if (coordinators.length === 0) {
    log.warn({ overdue: late.length }, 'notifications: no active coordinator to alert of overdue items');
  } else {
    alerted = db.transaction(
      (tx) => {
        const done = new Set(
          tx
            .select({ paknId: s.events.paknId, data: s.events.data })
            .from(s.events)
            .where(and(eq(s.events.type, 'overdue_alerted'), inArray(s.events.paknId, ids)))
            .all()
            .map((e) => `${e.paknId}|${dataDue(e.data)}|${dataClock(e.data)}`),
        );
        const fresh = late
          .filter((i) => !done.has(`${i.p.id}|${i.due}|${i.clock}`))
          .sort((a, b) => a.due.localeCompare(b.due) || a.p.id - b.p.id);
        if (fresh.length === 0) return 0;
        for (const i of fresh) {
          tx.insert(s.events)
            .values({
              paknId: i.p.id,
              type: 'overdue_alerted',
              isPublic: false,
              data: JSON.stringify({ due: i.due, clock: i.clock }),
              createdAt: now,
            })
            .run();
        }
        const rendered = renderOverdueEmail({
          locale: 'vi',
          items: fresh.map((i) => ({
            code: i.p.code,
            title: i.p.title,
            dueDate: formatDateVi(i.due),
            statusLabel: STATUS_LABELS[i.p.status as Status]?.vi ?? i.p.status,
            url: recordUrl(i.p.id),
            lateBy: workingDaysBetween(i.due, today, calendar),
            step: getT('vi')(`clocks.${i.clock}`),
            unitName: i.p.unitId ? (units.get(i.p.unitId)?.name ?? null) : null,
          })),
          queueUrl: queueUrl(),
          agency: emailAgency(agencyRow, 'vi'),
        });
        for (const c of coordinators) {
          enqueueMail(tx, { to: c.email, ...rendered, template: 'overdue', paknId: null });
        }
        return fresh.length;
      },
      { behavior: 'immediate' },
    );
  }

  // 2. progress updates to the submitters of late items
  const rule = getDeadlineRules(db).progressUpdate;
  const isDue = (last: LocalDate) =>
    rule.unit === 'working'
      ? workingDaysBetween(last, today, calendar) >= rule.days
      : addCalendarDays(last, rule.days) <= today;
  let progress = 0;
  for (const i of overdue) {
    const p = i.p;
    if (!p.email) continue;
    const sent = db.transaction(
      (tx) => {
        const last = tx
          .select({ at: s.events.createdAt })
          .from(s.events)
          .where(and(eq(s.events.paknId, p.id), eq(s.events.type, 'progress_update')))
          .orderBy(desc(s.events.createdAt), desc(s.events.id))
          .limit(1)
          .get();
        if (last && !isDue(toLocalDate(last.at))) return false;
        tx.insert(s.events)
          .values({
            paknId: p.id,
            type: 'progress_update',
            isPublic: true,
            data: JSON.stringify({ due: i.due.due }),
            createdAt: now,
          })
          .run();
        const unit = p.unitId ? units.get(p.unitId) : undefined;
        const rendered = renderStatusEmail({
          step: 'progress',
          locale: p.lang,
          code: p.code,
          title: p.title,
          submitter: saluteeOf(p),
          agency: emailAgency(agencyRow, p.lang),
          lookupUrl: lookupUrl(),
          dueDate: formatDateVi(i.due.due),
          statusLabel: publicStatus(p.status as Status)[p.lang],
          unitName: unit ? localName(unit, p.lang) : null,
          everyDays: rule.days,
        });
        enqueueMail(tx, { to: p.email!, ...rendered, template: 'status-progress', paknId: p.id });
        return true;
      },
      { behavior: 'immediate' },
    );
    if (sent) progress++;
  }
  return { alerted, progress };
}

// ---------------------------------------------------------------------------------------------
// Scheduler

type SchedulerState = { timer?: NodeJS.Timeout; first?: NodeJS.Timeout; handle: { stop(): void } };
// survives the dev server's rebuilds, which re-evaluate this module
declare global {
  var __paknNotifyScheduler: SchedulerState | undefined;
}
const globalForScheduler = globalThis;

/** One run of the periodic jobs; never throws (each job's failure is logged). */
export function runNotificationJobs(opts: { now?: Date; db?: DbOrTx } = {}) {
  const log = getLogger();
  try {
    const { units } = sendDailyDigests(opts);
    if (units > 0) log.info({ units }, 'notifications: daily digests queued');
  } catch (err) {
    log.error({ err }, 'notifications: daily digest failed');
  }
  try {
    const { alerted, progress } = alertNewlyOverdue(opts);
    if (alerted + progress > 0)
      log.info({ alerted, progress }, 'notifications: overdue alerts and progress updates queued');
  } catch (err) {
    log.error({ err }, 'notifications: overdue alert failed');
  }
  try {
    const { sent } = sendScheduleWarning(opts);
    if (sent > 0) log.info({ sent }, 'notifications: missing holiday schedule warning queued');
  } catch (err) {
    log.error({ err }, 'notifications: holiday schedule warning failed');
  }
}

/**
 * Runs the digest and the overdue jobs every `intervalMs` (default 15 min; the first run after
 * `firstRunMs`, default 30 s) on unref'd timers. One per process: a second call returns the running
 * one. Disabled by MAIL_WORKER=0 (tests that drive the mail themselves).
 */
export function startNotificationScheduler(opts: { intervalMs?: number; firstRunMs?: number } = {}): {
  stop(): void;
} {
  if (getEnv().MAIL_WORKER === '0') return { stop() {} };
  const running = globalForScheduler.__paknNotifyScheduler;
  if (running) return running.handle;
  const tick = () => {
    try {
      runNotificationJobs();
    } catch {
      // runNotificationJobs logs its own failures; nothing may escape a timer
    }
  };
  const state: SchedulerState = {
    handle: {
      stop() {
        if (state.first) clearTimeout(state.first);
        if (state.timer) clearInterval(state.timer);
        if (globalForScheduler.__paknNotifyScheduler === state)
          globalForScheduler.__paknNotifyScheduler = undefined;
      },
    },
  };
  state.first = setTimeout(tick, opts.firstRunMs ?? 30_000);
  state.first.unref?.();
  state.timer = setInterval(tick, opts.intervalMs ?? SCHEDULER_INTERVAL_MS);
  state.timer.unref?.();
  globalForScheduler.__paknNotifyScheduler = state;
  getLogger().info(
    { intervalMs: opts.intervalMs ?? SCHEDULER_INTERVAL_MS },
    'notifications: scheduler started',
  );
  return state.handle;
}

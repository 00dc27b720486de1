// The notification scheduler: every 15 minutes, the units' daily digest, the coordinators' overdue alert
// with the submitters' progress updates, and the warning of a missing holiday schedule. Each job decides
// itself whether anything is due (at most once a day, once per due date…), so a run too many is harmless.
import { sendScheduleWarning } from '~/models/admin/calendar-schedule.server';
import { sendDailyDigests } from '~/models/digests.server';
import { alertNewlyOverdue } from '~/models/overdue-alerts.server';
import type { DbOrTx } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import { getLogger } from '~/utils/logger.server';

export const SCHEDULER_INTERVAL_MS = 15 * 60_000;

type SchedulerState = { timer?: NodeJS.Timeout; first?: NodeJS.Timeout; handle: { stop(): void } };
// survives the dev server's rebuilds, which re-evaluate this module
declare global {
  var __paknNotifyScheduler: SchedulerState | undefined;
}
const globalForScheduler = globalThis;

/** One run of the periodic jobs; never throws (each job's failure is logged). */
export async function runNotificationJobs(opts: { now?: Date; db?: DbOrTx } = {}) {
  const log = getLogger();
  try {
    const { units } = await sendDailyDigests(opts);
    if (units > 0) log.info({ units }, 'notifications: daily digests queued');
  } catch (err) {
    log.error({ err }, 'notifications: daily digest failed');
  }
  try {
    const { alerted, progress } = await alertNewlyOverdue(opts);
    if (alerted + progress > 0)
      log.info({ alerted, progress }, 'notifications: overdue alerts and progress updates queued');
  } catch (err) {
    log.error({ err }, 'notifications: overdue alert failed');
  }
  try {
    const { sent } = await sendScheduleWarning(opts);
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
  const tick = async () => {
    try {
      await runNotificationJobs();
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
  state.first = setTimeout(() => void tick(), opts.firstRunMs ?? 30_000);
  state.first.unref?.();
  state.timer = setInterval(() => void tick(), opts.intervalMs ?? SCHEDULER_INTERVAL_MS);
  state.timer.unref?.();
  globalForScheduler.__paknNotifyScheduler = state;
  getLogger().info(
    { intervalMs: opts.intervalMs ?? SCHEDULER_INTERVAL_MS },
    'notifications: scheduler started',
  );
  return state.handle;
}

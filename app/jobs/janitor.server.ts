// The janitor: removes what nobody will come back for — drafts of the online form past their lifetime
// with their uploaded files, files of abandoned drafts, staff sessions that ended more than a day ago, and
// webhook deliveries delivered more than 90 days ago.
import { purgeOldSessions } from '~/models/sessions.server';
import { purgeStaleDrafts } from '~/models/submission.server';
import { purgeOldDeliveries } from '~/models/webhook-deliveries.server';
import { getLogger } from '~/utils/logger.server';

/** Abandoned draft files expire after two hours: sweep often enough for that to mean something. */
export const JANITOR_INTERVAL_MS = 15 * 60 * 1000;

/** One sweep; never throws (a failure is logged and the next sweep tries again). */
export async function sweep(): Promise<void> {
  try {
    await purgeStaleDrafts();
    await purgeOldSessions();
    await purgeOldDeliveries();
  } catch (error) {
    getLogger().error({ err: error }, 'draft purge failed');
  }
}

/** Sweeps now, then every JANITOR_INTERVAL_MS on an unref'd timer. */
export async function startJanitor(): Promise<{ stop(): void }> {
  await sweep();
  const timer = setInterval(() => void sweep(), JANITOR_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

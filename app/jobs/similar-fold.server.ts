// PostgreSQL only: submissions leave the similar-PAKN index's word counts and totals pending (migration 0008,
// ADR 0021) so that they never wait for each other; this job adds them into the folded tables every few seconds,
// which keeps the pending tables that every similar-PAKN query adds up small. Every process runs it; when two
// fold at once, one of them does nothing.
import { foldSimilarStatistics } from '~/models/similarity.server';
import { getLogger } from '~/utils/logger.server';

export const SIMILAR_FOLD_INTERVAL_MS = 10_000;

/** Folds now and then every `intervalMs` on an unref'd timer; a failed fold is logged and tried again later. */
export function startSimilarFold(intervalMs = SIMILAR_FOLD_INTERVAL_MS): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const fold = () => {
    if (busy) return;
    busy = true;
    running = foldSimilarStatistics()
      .then(
        (folded) => {
          if (folded > 0) getLogger().debug({ folded }, 'similar index: pending word counts folded');
        },
        (error: unknown) => getLogger().warn({ err: error }, 'similar index: fold failed, will retry'),
      )
      .finally(() => {
        busy = false;
      });
  };
  fold();
  const timer = setInterval(fold, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

// The webhook worker: drains webhook_deliveries (app/models/webhook-deliveries.server.ts) like the mail worker
// drains the outbox — a lease per claimed row so two processes never send the same delivery, retries with
// capped exponential backoff (WEBHOOK_RETRY_BASE_MS doubling, at most one hour apart), and after
// WEBHOOK_MAX_ATTEMPTS failed attempts the delivery is marked failed (an administrator may send it again).
//
// Each attempt is a signed POST (X-PAKN-Signature, see docs/webhooks.md) with a 10-second timeout.
// Logging: delivery ids, event types, HTTP statuses and errors; never the secret.
import { WEBHOOK_MAX_ATTEMPTS, webhookRetryDelayMs } from '~/domain/webhooks';
import {
  claimDueDeliveries,
  type ClaimedDelivery,
  recordDeliveryAttempt,
  renewDeliveryLease,
} from '~/models/webhook-deliveries.server';
import { type DbOrTx, getDb } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import { getLogger } from '~/utils/logger.server';
import { type PostOutcome, postWebhook, signWebhook } from '~/utils/webhook-http.server';
import { setWebhookListener } from '~/utils/webhook-signal.server';

/** Longer than one attempt (10 s timeout) with a wide margin; renewed before each delivery. */
export const WEBHOOK_LEASE_MS = 5 * 60_000;
const DEFAULT_LIMIT = 20;
const KICK_DELAY_MS = 50;

export type Sender = (args: {
  url: string;
  body: string;
  headers: Record<string, string>;
}) => Promise<PostOutcome>;

/** The headers of one attempt: the signature is made now, over this attempt's timestamp. */
export function deliveryHeaders(
  row: Pick<ClaimedDelivery, 'secret' | 'payload' | 'eventType' | 'deliveryId'>,
  at: Date,
) {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'Content-Type': 'application/json; charset=utf-8',
    'User-Agent': 'PAKN-Webhook/1',
    'X-PAKN-Event': row.eventType,
    'X-PAKN-Delivery': row.deliveryId,
    'X-PAKN-Signature': signWebhook(row.secret, timestamp, row.payload),
  };
}

/**
 * One pass: claims due deliveries, sends each, and records delivered, a retry with backoff, or failed.
 * `now` lets tests move the clock; real time elapsed during the pass is added to it.
 */
export async function processWebhooks(
  opts: { db?: DbOrTx; now?: number; limit?: number; send?: Sender } = {},
): Promise<{ delivered: number; retried: number; failed: number }> {
  const db = opts.db ?? getDb();
  const log = getLogger();
  const started = Date.now();
  const base = opts.now ?? started;
  const clock = () => base + (Date.now() - started);
  const send = opts.send ?? postWebhook;
  const retryBase = getEnv().WEBHOOK_RETRY_BASE_MS;

  const lease = new Date(base + WEBHOOK_LEASE_MS);
  const claimed = await claimDueDeliveries(db, {
    now: new Date(base),
    lease,
    limit: opts.limit ?? DEFAULT_LIMIT,
  });
  const counts = { delivered: 0, retried: 0, failed: 0 };
  for (const row of claimed) {
    const token = new Date(clock() + WEBHOOK_LEASE_MS);
    if (token.getTime() !== lease.getTime() && !(await renewDeliveryLease(db, row, lease, token))) {
      log.warn({ delivery: row.deliveryId }, 'webhook: lease lost before sending, skipped');
      continue;
    }
    const outcome = await send({
      url: row.url,
      body: row.payload,
      headers: deliveryHeaders(row, new Date(clock())),
    });
    const at = new Date(clock());
    const attempts = row.attempts + 1;
    const fields = { delivery: row.deliveryId, event: row.eventType, webhook: row.webhookId, attempts };
    if (outcome.ok) {
      if (await recordDeliveryAttempt(db, row, token, { kind: 'delivered', status: outcome.status, at })) {
        counts.delivered++;
        log.info({ ...fields, status: outcome.status }, 'webhook: delivered');
      }
      continue;
    }
    const error = outcome.error.slice(0, 300);
    if (attempts >= WEBHOOK_MAX_ATTEMPTS) {
      if (
        await recordDeliveryAttempt(db, row, token, { kind: 'failed', status: outcome.status, error, at })
      ) {
        counts.failed++;
        log.error({ ...fields, status: outcome.status, error }, 'webhook: gave up after the last attempt');
      }
      continue;
    }
    const retryAt = new Date(at.getTime() + webhookRetryDelayMs(attempts, retryBase));
    if (
      await recordDeliveryAttempt(db, row, token, {
        kind: 'retry',
        status: outcome.status,
        error,
        at,
        retryAt,
      })
    ) {
      counts.retried++;
      log.warn(
        { ...fields, status: outcome.status, error, retryAt: retryAt.toISOString() },
        'webhook: failed, will retry',
      );
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Worker

type WorkerState = {
  stopped: boolean;
  intervalMs: number;
  timer?: NodeJS.Timeout;
  timerDue?: number;
  inFlight?: Promise<void>;
  again: boolean;
  handle: { stop(): Promise<void> };
};

// survives the dev server's rebuilds, which re-evaluate this module
declare global {
  var __paknWebhookWorker: WorkerState | undefined;
}
const globalForWorker = globalThis;

function schedule(state: WorkerState, delayMs: number) {
  if (state.stopped) return;
  if (state.inFlight) {
    state.again = state.again || delayMs <= KICK_DELAY_MS;
    return;
  }
  const due = Date.now() + delayMs;
  if (state.timer && state.timerDue !== undefined && state.timerDue <= due) return;
  if (state.timer) clearTimeout(state.timer);
  state.timerDue = due;
  state.timer = setTimeout(() => void runPass(state), delayMs);
  state.timer.unref?.();
}

async function runPass(state: WorkerState) {
  state.timer = undefined;
  state.timerDue = undefined;
  if (state.stopped || state.inFlight) return;
  state.again = false;
  state.inFlight = (async () => {
    try {
      const { delivered, retried, failed } = await processWebhooks({ limit: DEFAULT_LIMIT });
      if (delivered + retried + failed >= DEFAULT_LIMIT) state.again = true;
    } catch (err) {
      getLogger().error({ err }, 'webhook: pass failed');
    }
  })();
  await state.inFlight;
  state.inFlight = undefined;
  schedule(state, state.again ? 0 : state.intervalMs);
}

/**
 * Starts the background sender (one per process; a second call returns the running one). Disabled by
 * WEBHOOK_WORKER=0, for tests that drive processWebhooks themselves.
 */
export function startWebhookWorker(opts: { intervalMs?: number } = {}): { stop(): Promise<void> } {
  const env = getEnv();
  if (env.WEBHOOK_WORKER === '0') return { stop: async () => {} };
  const running = globalForWorker.__paknWebhookWorker;
  if (running && !running.stopped) return running.handle;
  const state: WorkerState = {
    stopped: false,
    intervalMs: opts.intervalMs ?? env.MAIL_POLL_SECONDS * 1000,
    again: false,
    handle: {
      stop: async () => {
        state.stopped = true;
        if (state.timer) clearTimeout(state.timer);
        state.timer = undefined;
        await state.inFlight;
        if (globalForWorker.__paknWebhookWorker === state) {
          globalForWorker.__paknWebhookWorker = undefined;
          setWebhookListener(undefined);
        }
      },
    },
  };
  globalForWorker.__paknWebhookWorker = state;
  setWebhookListener(() => schedule(state, KICK_DELAY_MS));
  getLogger().info({ intervalMs: state.intervalMs }, 'webhook: worker started');
  schedule(state, KICK_DELAY_MS);
  return state.handle;
}

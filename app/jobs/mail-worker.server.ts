// The mail worker: drains the outbox (app/models/outbox.server.ts) at least once, never dropping a
// message, with capped exponential backoff (MAIL_RETRY_BASE_MS doubling, at most one hour apart) and a
// lease per claimed row so two processes never send the same message.
//
// Logging: only outbox ids, templates and errors (with addresses masked) — never addresses or bodies.
import { resolveMailAttachments } from '~/jobs/mail-attachments.server';
import { audit } from '~/models/audit.server';
import {
  claimDueMail,
  markMailSent,
  type OutboxRow,
  recordMailFailure,
  releaseDeadLeases,
  releaseMailBackoff,
  renewMailLease,
} from '~/models/outbox.server';
import { isDatabaseUnavailable } from '~/utils/database-faults';
import { type DbOrTx, dialectOf, getDb } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import { getLogger } from '~/utils/logger.server';
import {
  closeDefaultTransport,
  defaultTransport,
  describeSendError,
  describeTransport,
  isTransportDown,
  type SendError,
  type Transporter,
  writeEml,
} from '~/utils/mail-transport.server';
import { setOutboxListener } from '~/utils/outbox-signal.server';

import { retryDelayMs as retryDelayFrom } from './mail-retry';

export { RETRY_MAX_MS } from './mail-retry';

/**
 * How long a claimed row is reserved for the process that claimed it. Longer than the worst case of
 * one SMTP send with nodemailer's default timeouts (2 min connect + 30 s greeting + 10 min socket),
 * and renewed before each message, so a slow pass never lets a second process send the same row.
 */
export const LEASE_MS = 15 * 60_000;
const DEFAULT_LIMIT = 20;
const KICK_DELAY_MS = 50;

/** Delay before the next attempt once `attempts` attempts have failed, from MAIL_RETRY_BASE_MS. */
export function retryDelayMs(attempts: number): number {
  return retryDelayFrom(attempts, getEnv().MAIL_RETRY_BASE_MS);
}

// ---------------------------------------------------------------------------------------------
// The outbox pass

/**
 * A row a pass could not finish because the database went away (PostgreSQL restarted, docs/scaling.md):
 * with `sentAt`, the mail server accepted it but it is not marked sent yet (it is marked at the next pass,
 * never sent again); without, it was claimed and not sent (its lease is given back at the next pass instead of
 * waiting LEASE_MS). Kept by this process only: a process that dies leaves the leases to expire, as before.
 */
type Interrupted = { row: OutboxRow; token: Date; sentAt?: Date };
declare global {
  var __paknMailInterrupted: Map<number, Interrupted> | undefined;
}
const interrupted = (globalThis.__paknMailInterrupted ??= new Map<number, Interrupted>());

async function finishInterrupted(db: DbOrTx, now: Date): Promise<void> {
  for (const [id, { row, token, sentAt }] of interrupted) {
    if (sentAt) {
      if (await markMailSent(db, row, token, sentAt))
        getLogger().info(
          { outboxId: id, template: row.template, attempts: row.attempts + 1 },
          'mail: sent (recorded after the database came back)',
        );
    } else {
      await renewMailLease(db, row, token, now);
    }
    interrupted.delete(id);
  }
}

/**
 * One pass: claims due pending rows (a lease so two processes never send the same row), sends each,
 * marks sent, or schedules a retry with capped exponential backoff. Never drops a message: a row stays
 * 'pending' until it is sent.
 */
export async function processOutbox(
  opts: { db?: DbOrTx; now?: number; limit?: number; transport?: Transporter } = {},
): Promise<{ sent: number; retried: number }> {
  const db = opts.db ?? getDb();
  const limit = opts.limit ?? DEFAULT_LIMIT;
  const log = getLogger();
  // `now` lets tests move the clock; real time elapsed during the pass is added to it
  const started = Date.now();
  const base = opts.now ?? started;
  const clock = () => base + (Date.now() - started);

  await finishInterrupted(db, new Date(base));
  const lease = new Date(base + LEASE_MS);
  const claimed = await claimDueMail(db, { now: new Date(base), lease, limit });
  if (claimed.length === 0) return { sent: 0, retried: 0 };

  const transport = opts.transport ?? defaultTransport();
  const from = getEnv().MAIL_FROM;
  let sent = 0;
  let retried = 0;
  let down: SendError | undefined;

  const scheduleRetry = async (row: OutboxRow, token: Date, error: SendError) => {
    const attempts = row.attempts + 1;
    const retryAt = new Date(clock() + retryDelayMs(attempts));
    const text = [error.code, error.responseCode, error.message].filter((x) => x != null).join(' ');
    if (await recordMailFailure(db, row, token, { attempts, retryAt, error: text })) {
      retried++;
      log.warn(
        { outboxId: row.id, template: row.template, attempts, retryAt: retryAt.toISOString(), err: error },
        'mail: send failed, will retry',
      );
    }
  };

  // where the pass stands, for a database outage in the middle of it (see `interrupted` above)
  let index = 0;
  let current: Interrupted | undefined;
  try {
    for (; index < claimed.length; index++) {
      const row = claimed[index]!;
      current = { row, token: lease };
      if (down) {
        // the transport is unreachable: the rest of the batch waits its backoff without trying
        await scheduleRetry(row, lease, down);
        continue;
      }
      // renew this row's lease before sending it; if another process took it over, skip it
      const token = new Date(clock() + LEASE_MS);
      if (token.getTime() !== lease.getTime() && !(await renewMailLease(db, row, lease, token))) {
        log.warn({ outboxId: row.id, template: row.template }, 'mail: lease lost before sending, skipped');
        continue;
      }
      current.token = token;
      try {
        // a file that cannot be read or rendered fails this attempt, and it is retried like any send error
        const attachments = row.attachments ? await resolveMailAttachments(db, row.attachments) : undefined;
        const info = (await transport.sendMail({
          from,
          to: row.toAddress,
          subject: row.subject,
          html: row.html,
          text: row.text,
          messageId: row.messageId,
          headers: { 'Auto-Submitted': 'auto-generated' },
          ...(attachments ? { attachments } : {}),
        })) as { message?: unknown };
        // a buffering stream transport (no SMTP_URL) hands back the RFC 822 message: file it
        if (Buffer.isBuffer(info.message)) writeEml(row.id, row.template, info.message);
      } catch (err) {
        if (isDatabaseUnavailable(err)) throw err; // the attachments' rows: not a failed send
        const error = describeSendError(err);
        if (isTransportDown(error)) down = error;
        await scheduleRetry(row, token, error);
        continue;
      }
      current.sentAt = new Date(clock());
      if (await markMailSent(db, row, token, current.sentAt)) {
        sent++;
        log.info({ outboxId: row.id, template: row.template, attempts: row.attempts + 1 }, 'mail: sent');
      } else {
        log.warn({ outboxId: row.id, template: row.template }, 'mail: sent, but the lease had expired');
      }
    }
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      if (current) interrupted.set(current.row.id, current);
      for (const row of claimed.slice(index + 1)) interrupted.set(row.id, { row, token: lease });
    }
    throw error;
  }
  return { sent, retried };
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
  var __paknMailWorker: WorkerState | undefined;
}
const globalForMail = globalThis;

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
      const { sent, retried } = await processOutbox({ limit: DEFAULT_LIMIT });
      // a full batch that went through: there may be more due right now
      if (sent + retried >= DEFAULT_LIMIT && retried === 0) state.again = true;
    } catch (err) {
      getLogger().error({ err: describeSendError(err) }, 'mail: outbox pass failed');
    }
  })();
  await state.inFlight;
  state.inFlight = undefined;
  schedule(state, state.again ? 0 : state.intervalMs);
}

/** Runs a pass soon (after an enqueue). No-op when the worker is not running. */
function kick(): void {
  const state = globalForMail.__paknMailWorker;
  if (state) schedule(state, KICK_DELAY_MS);
}

/**
 * Starts the background sender (one per process; a second call returns the running one).
 * Disabled by MAIL_WORKER=0, for tests that drive processOutbox themselves.
 */
export async function startMailWorker(
  opts: { intervalMs?: number } = {},
): Promise<{ stop(): Promise<void> }> {
  const env = getEnv();
  if (env.MAIL_WORKER === '0') {
    getLogger().info('mail: worker disabled (MAIL_WORKER=0)');
    return { stop: async () => {} };
  }
  const running = globalForMail.__paknMailWorker;
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
        if (globalForMail.__paknMailWorker === state) {
          globalForMail.__paknMailWorker = undefined;
          setOutboxListener(undefined);
        }
        closeDefaultTransport();
      },
    },
  };
  // Mail that waits when the process starts either failed during an outage (a backoff of up to an hour) or was
  // claimed by a process that was killed (a 15-minute lease). Backoffs are released on both backends: a restart
  // after the mail server is fixed delivers now, not an hour later. Leases only on SQLite, where this process is
  // the only sender; on PostgreSQL another process may be sending that very mail (docs/scaling.md).
  const released =
    (await releaseMailBackoff()) + (dialectOf(getDb()) === 'sqlite' ? await releaseDeadLeases() : 0);
  if (released) getLogger().warn({ released }, 'mail: released waiting mail at start');
  globalForMail.__paknMailWorker = state;
  setOutboxListener(kick);
  getLogger().info({ transport: describeTransport(), intervalMs: state.intervalMs }, 'mail: worker started');
  schedule(state, KICK_DELAY_MS); // deliver whatever was left from before a restart
  return state.handle;
}

/**
 * "Retry now" (after the mail server is fixed): waits for this process's pass in progress, releases every
 * backoff (never a message another pass holds) and runs a pass at once. Returns how many messages were released.
 */
export async function retryMailNow(db: DbOrTx = getDb()): Promise<number> {
  const state = globalForMail.__paknMailWorker;
  if (state?.inFlight) await state.inFlight;
  const released = await releaseMailBackoff(db);
  kick();
  return released;
}

/** retryMailNow for an administrator: audited. */
export async function retryOutboxNow(actor: { userId: number; ip?: string }): Promise<number> {
  const released = await retryMailNow();
  await audit({ actorUserId: actor.userId, action: 'mail.retry_now', ip: actor.ip, detail: { released } });
  return released;
}

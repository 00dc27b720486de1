// Outgoing mail. Messages are written to the `outbox` table inside the transaction of the change they
// report (so a PAKN is never saved without its receipt, nor a receipt sent for a PAKN rolled back),
// then delivered by a worker: at least once, never dropped, retried with capped exponential backoff.
//
// Transport: SMTP when SMTP_URL is set; otherwise every message is written as an RFC 822 .eml file
// under DATA_DIR/mail (development, demos, air-gapped installs).
//
// Logging: only outbox ids, templates and errors (with addresses masked) — never addresses or bodies.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { events, outbox } from '~db/schema';
import { resolveMailAttachments, type MailAttachment } from '~/models/mail-attachments.server';
import { getDb, type Db, type DbOrTx } from './db.server';
import { getEnv } from './env.server';
import { getLogger } from './logger.server';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type Mail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** short name of the template, e.g. 'receipt'; also part of the .eml file name */
  template: string;
  paknId?: number | null;
  /** files attached when the message is sent, by reference: the outbox row never holds their bytes */
  attachments?: MailAttachment[];
  /** a timeline event of `paknId` written in the transaction that marks the message sent */
  sentEvent?: { type: string; data?: Record<string, unknown> };
};

export type { MailAttachment };

export type { Transporter };

/** First retry after 30 s, then doubling, at most one hour apart. */
export const RETRY_BASE_MS = 30_000;
export const RETRY_MAX_MS = 60 * 60_000;
/**
 * How long a claimed row is reserved for the process that claimed it. Longer than the worst case of
 * one SMTP send with nodemailer's default timeouts (2 min connect + 30 s greeting + 10 min socket),
 * and renewed before each message, so a slow pass never lets a second process send the same row.
 */
export const LEASE_MS = 15 * 60_000;
const DEFAULT_LIMIT = 20;
const KICK_DELAY_MS = 50;

/** Delay before the next attempt once `attempts` attempts have failed (attempts >= 1). */
export function retryDelayMs(attempts: number): number {
  const exp = Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(RETRY_BASE_MS * 2 ** exp, RETRY_MAX_MS);
}

const TEMPLATE_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

function messageIdHost(): string {
  try {
    return new URL(getEnv().BASE_URL).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

/** Writes the message to the outbox inside the caller's transaction; it is sent later by the worker. */
export function enqueueMail(db: DbOrTx | Tx, mail: Mail): void {
  if (!mail.to.trim()) throw new Error('enqueueMail: empty recipient');
  if (/[\r\n]/.test(mail.to) || /[\r\n]/.test(mail.subject)) {
    throw new Error('enqueueMail: line break in recipient or subject');
  }
  if (!TEMPLATE_RE.test(mail.template)) throw new Error(`enqueueMail: invalid template name`);
  const messageId = `<${crypto.randomBytes(16).toString('hex')}@${messageIdHost()}>`;
  db.insert(outbox)
    .values({
      messageId,
      toAddress: mail.to.trim(),
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      template: mail.template,
      paknId: mail.paknId ?? null,
      attachments: mail.attachments?.length ? JSON.stringify(mail.attachments) : null,
      sentEvent: mail.sentEvent ? JSON.stringify(mail.sentEvent) : null,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(),
    })
    .run();
  // better-sqlite3 transactions are synchronous: by the time this timer fires, the caller's
  // transaction has committed (or rolled back, and the pass finds nothing).
  kickMailWorker();
}

// ---------------------------------------------------------------------------------------------
// Transport

let cachedTransport: { key: string; transport: Transporter } | undefined;

function defaultTransport(): Transporter {
  const env = getEnv();
  const key = env.SMTP_URL ? `smtp ${env.SMTP_URL}` : `files ${env.mailDir}`;
  if (cachedTransport?.key !== key) {
    cachedTransport?.transport.close();
    const transport = env.SMTP_URL
      ? nodemailer.createTransport(env.SMTP_URL)
      : nodemailer.createTransport({ streamTransport: true, buffer: true });
    cachedTransport = { key, transport };
  }
  return cachedTransport.transport;
}

/** For the start-up log: where mail goes, without credentials. */
export function describeTransport(): string {
  const env = getEnv();
  if (env.SMTP_URL) {
    try {
      const url = new URL(env.SMTP_URL);
      const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
      return `SMTP ${url.protocol}//${url.hostname}:${port}`;
    } catch {
      return 'SMTP (unparseable SMTP_URL)';
    }
  }
  return `files in ${path.resolve(env.mailDir)}`;
}

function emlPath(id: number, template: string): string {
  const safe = template.replace(/[^a-z0-9_-]/gi, '_');
  return path.join(getEnv().mailDir, `${id}-${safe}.eml`);
}

function writeEml(file: string, message: Buffer) {
  // the message holds private links: the portal's user only
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, message, { mode: 0o600 });
  fs.renameSync(tmp, file); // a resend after a crash overwrites the same file: no duplicates
}

// ---------------------------------------------------------------------------------------------
// Errors, with addresses masked before they reach the log or the table

function maskAddresses(s: string): string {
  return s.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '[address]');
}

type SendError = { code?: string; responseCode?: number; message: string };

function describeError(err: unknown): SendError {
  const e = err as { code?: unknown; responseCode?: unknown; message?: unknown };
  return {
    code: typeof e?.code === 'string' ? e.code : undefined,
    responseCode: typeof e?.responseCode === 'number' ? e.responseCode : undefined,
    message: maskAddresses(String(e?.message ?? err)).slice(0, 500),
  };
}

/** Errors that will fail every message of the pass in the same way: stop trying this pass. */
const TRANSPORT_DOWN = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'EAUTH',
  'ETLS',
  'ECONNREFUSED',
]);

// ---------------------------------------------------------------------------------------------
// The outbox pass

type OutboxRow = typeof outbox.$inferSelect;

/**
 * One pass: claims due pending rows (a lease so two processes never send the same row), sends each,
 * marks sent, or schedules a retry with capped exponential backoff (30 s doubling, max 1 h).
 * Never drops a message: a row stays 'pending' until it is sent.
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

  // Claim: one statement, so it is atomic against other processes. The lease is the row's
  // next_attempt_at pushed into the future; its exact value is our fencing token.
  const lease = new Date(base + LEASE_MS);
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, new Date(base))))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit);
  const claimed: OutboxRow[] = db
    .update(outbox)
    .set({ nextAttemptAt: lease })
    .where(and(inArray(outbox.id, due), eq(outbox.status, 'pending')))
    .returning()
    .all()
    .sort((a, b) => a.id - b.id);
  if (claimed.length === 0) return { sent: 0, retried: 0 };

  const transport = opts.transport ?? defaultTransport();
  const from = getEnv().MAIL_FROM;
  let sent = 0;
  let retried = 0;
  let down: SendError | undefined;

  const ours = (row: OutboxRow, token: Date) =>
    and(eq(outbox.id, row.id), eq(outbox.status, 'pending'), eq(outbox.nextAttemptAt, token));

  const scheduleRetry = (row: OutboxRow, token: Date, error: SendError) => {
    const attempts = row.attempts + 1;
    const next = clock() + retryDelayMs(attempts);
    const res = db
      .update(outbox)
      .set({
        attempts,
        nextAttemptAt: new Date(next),
        lastError: [error.code, error.responseCode, error.message].filter((x) => x != null).join(' '),
      })
      .where(ours(row, token))
      .run();
    if (res.changes === 1) {
      retried++;
      log.warn(
        {
          outboxId: row.id,
          template: row.template,
          attempts,
          retryAt: new Date(next).toISOString(),
          err: error,
        },
        'mail: send failed, will retry',
      );
    }
  };

  for (const row of claimed) {
    if (down) {
      // the transport is unreachable: the rest of the batch waits its backoff without trying
      scheduleRetry(row, lease, down);
      continue;
    }
    // renew this row's lease before sending it; if another process took it over, skip it
    const token = new Date(clock() + LEASE_MS);
    if (token.getTime() !== lease.getTime()) {
      const renewed = db.update(outbox).set({ nextAttemptAt: token }).where(ours(row, lease)).run();
      if (renewed.changes !== 1) {
        log.warn({ outboxId: row.id, template: row.template }, 'mail: lease lost before sending, skipped');
        continue;
      }
    }
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
      if (Buffer.isBuffer(info.message)) writeEml(emlPath(row.id, row.template), info.message);
    } catch (err) {
      const error = describeError(err);
      if (error.code && TRANSPORT_DOWN.has(error.code)) down = error;
      scheduleRetry(row, token, error);
      continue;
    }
    const sentAt = new Date(clock());
    const done = db.transaction((tx) => {
      const res = tx
        .update(outbox)
        .set({ status: 'sent', attempts: row.attempts + 1, sentAt, lastError: null })
        .where(ours(row, token))
        .run();
      if (res.changes === 1 && row.sentEvent && row.paknId)
        writeSentEvent(tx, row.paknId, row.sentEvent, sentAt);
      return res;
    });
    if (done.changes === 1) {
      sent++;
      log.info({ outboxId: row.id, template: row.template, attempts: row.attempts + 1 }, 'mail: sent');
    } else {
      log.warn({ outboxId: row.id, template: row.template }, 'mail: sent, but the lease had expired');
    }
  }
  return { sent, retried };
}

/** The delivery on the PAKN's timeline (e.g. the transfer to the competent agency), at the time it was sent. */
function writeSentEvent(tx: Tx, paknId: number, json: string, at: Date) {
  let parsed: { type?: unknown; data?: unknown };
  try {
    parsed = JSON.parse(json) as { type?: unknown; data?: unknown };
  } catch {
    return;
  }
  if (typeof parsed.type !== 'string') return;
  tx.insert(events)
    .values({
      paknId,
      type: parsed.type,
      data: parsed.data === undefined ? null : JSON.stringify(parsed.data),
      createdAt: at,
    })
    .run();
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
      getLogger().error({ err: describeError(err) }, 'mail: outbox pass failed');
    }
  })();
  await state.inFlight;
  state.inFlight = undefined;
  schedule(state, state.again ? 0 : state.intervalMs);
}

/** Runs a pass soon (after an enqueue). No-op when the worker is not running. */
export function kickMailWorker(): void {
  const state = globalForMail.__paknMailWorker;
  if (state) schedule(state, KICK_DELAY_MS);
}

/**
 * Starts the background sender (one per process; a second call returns the running one).
 * Disabled by MAIL_WORKER=0, for tests that drive processOutbox themselves.
 */
export function startMailWorker(opts: { intervalMs?: number } = {}): { stop(): Promise<void> } {
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
        if (globalForMail.__paknMailWorker === state) globalForMail.__paknMailWorker = undefined;
        cachedTransport?.transport.close();
        cachedTransport = undefined;
      },
    },
  };
  // Mail that waits when the process starts either was claimed by a killed process (a 15-minute lease) or
  // failed during an outage (a backoff of up to an hour). This process is the only sender for its
  // database and no pass of its own runs yet, so it takes all of it back at once: a restart after the
  // mail server is fixed delivers now, not an hour later.
  const released = releaseMailBackoff();
  if (released) getLogger().warn({ released }, 'mail: released waiting mail at start');
  globalForMail.__paknMailWorker = state;
  getLogger().info({ transport: describeTransport(), intervalMs: state.intervalMs }, 'mail: worker started');
  schedule(state, KICK_DELAY_MS); // deliver whatever was left from before a restart
  return state.handle;
}

/**
 * Makes every pending message due now (it keeps its attempt count, so a new failure backs off from where
 * it was). Only call it when no pass of this process is running: a running pass's leases are its
 * fencing tokens (see retryMailNow).
 */
export function releaseMailBackoff(db: DbOrTx = getDb(), now = Date.now()): number {
  return db
    .update(outbox)
    .set({ nextAttemptAt: new Date(now) })
    .where(and(eq(outbox.status, 'pending'), gt(outbox.nextAttemptAt, new Date(now))))
    .run().changes;
}

/**
 * "Retry now" (after the mail server is fixed): waits for a pass in progress, releases every backoff and
 * runs a pass at once. Returns how many messages were released.
 */
export async function retryMailNow(db: DbOrTx = getDb()): Promise<number> {
  const state = globalForMail.__paknMailWorker;
  if (state?.inFlight) await state.inFlight;
  const released = releaseMailBackoff(db);
  kickMailWorker();
  return released;
}

// ---------------------------------------------------------------------------------------------
// Health

export type OutboxStats = { pending: number; oldestPendingAgeSeconds: number | null };

/** 'delayed' once the oldest pending message has waited longer than MAIL_DEGRADED_MINUTES. */
export function mailHealth(stats: OutboxStats): 'ok' | 'delayed' {
  const limit = getEnv().MAIL_DEGRADED_MINUTES * 60;
  return stats.oldestPendingAgeSeconds !== null && stats.oldestPendingAgeSeconds > limit ? 'delayed' : 'ok';
}

export function outboxStats(db: DbOrTx = getDb()): OutboxStats {
  const row = db
    .select({
      pending: sql<number>`count(*)`,
      oldest: sql<number | null>`min(${outbox.createdAt})`,
    })
    .from(outbox)
    .where(eq(outbox.status, 'pending'))
    .get();
  const oldest = row?.oldest;
  return {
    pending: Number(row?.pending ?? 0),
    oldestPendingAgeSeconds:
      oldest == null ? null : Math.max(0, Math.floor((Date.now() - Number(oldest)) / 1000)),
  };
}

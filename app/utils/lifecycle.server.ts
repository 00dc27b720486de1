// Start-up and shutdown of the app's own resources, called by server.mjs around the HTTP server.
import fs from 'node:fs';
import { closeDb, getDb } from './db.server';
import { getEnv } from './env.server';
import { getLogger } from './logger.server';
import { describeTransport, startMailWorker } from './mail.server';
import { ensurePrivateDir, restrictUmask, tightenTree } from './private-files.server';
import { startNotificationScheduler } from '~/models/notifications.server';
import { purgeStaleDrafts } from '~/models/submission.server';
import { purgeOldSessions } from '~/models/users.server';

let worker: { stop(): Promise<void> } | undefined;
let notifier: { stop(): void } | undefined;
let janitor: NodeJS.Timeout | undefined;

/** Validates the configuration (throws EnvError with a readable message), migrates, seeds, starts workers. */
export function startApp() {
  const env = getEnv();
  const log = getLogger();
  // personal data: the portal's user only (app/utils/private-files.server.ts)
  restrictUmask();
  ensurePrivateDir(env.DATA_DIR);
  const tightened = tightenTree(env.DATA_DIR);
  if (tightened.changed || tightened.failed) {
    log.warn({ dataDir: env.DATA_DIR, ...tightened }, 'data folder: modes tightened to 0600/0700');
  }
  getDb();
  log.info({ database: env.DATABASE_URL, dataDir: env.DATA_DIR }, 'database ready');
  log.info(
    { mail: describeTransport() },
    env.SMTP_URL ? 'mail goes to SMTP' : 'SMTP_URL unset: mail is written as .eml files',
  );
  if (env.MAIL_WORKER === '1') {
    worker = startMailWorker({ intervalMs: env.MAIL_POLL_SECONDS * 1000 });
    notifier = startNotificationScheduler();
  }
  const sweep = () => {
    try {
      purgeStaleDrafts();
      purgeOldSessions();
    } catch (error) {
      log.error({ err: error }, 'draft purge failed');
    }
  };
  sweep();
  // abandoned draft files expire after two hours: sweep often enough for that to mean something
  janitor = setInterval(sweep, 15 * 60 * 1000);
  janitor.unref();
  return { env, log };
}

export async function stopApp() {
  if (janitor) clearInterval(janitor);
  notifier?.stop();
  await worker?.stop();
  closeDb();
}

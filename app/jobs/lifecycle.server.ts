// Start-up and shutdown of the app's own resources, called by server.mjs around the HTTP server.
import { dataDirProblem } from '~/utils/data-dir.server';
import { describeDatabase } from '~/utils/database-url';
import { closeDb, getDb, POSTGRES_NOT_YET } from '~/utils/db.server';
import { EnvError, getEnv } from '~/utils/env.server';
import { getLogger } from '~/utils/logger.server';
import { describeTransport } from '~/utils/mail-transport.server';
import { ensurePrivateDir, restrictUmask, tightenTree } from '~/utils/private-files.server';

import { startJanitor } from './janitor.server';
import { startMailWorker } from './mail-worker.server';
import { startNotificationScheduler } from './notification-scheduler.server';
import { startWebhookWorker } from './webhook-worker.server';

let worker: { stop(): Promise<void> } | undefined;
let webhooks: { stop(): Promise<void> } | undefined;
let notifier: { stop(): void } | undefined;
let janitor: { stop(): void } | undefined;

/** Validates the configuration (throws EnvError with a readable message), migrates, seeds, starts workers. */
export async function startApp() {
  const env = getEnv();
  const log = getLogger();
  // before anything touches the disk: a PostgreSQL URL is refused, not taken for a file name
  if (env.database.kind === 'postgres') {
    // several processes share DATA_DIR: it must be mounted, writable shared storage before anything starts
    // (the storage's name is checked against the database's once serving from PostgreSQL is switched on:
    // sharedStorageProblem in ~/models/pg/storage.server)
    const storage = dataDirProblem(env.DATA_DIR);
    if (storage) {
      log.fatal({ dataDir: env.DATA_DIR }, 'DATA_DIR refused for PostgreSQL mode');
      throw new EnvError(storage);
    }
    log.fatal({ database: describeDatabase(env.database) }, 'database backend: PostgreSQL (not served yet)');
    throw new EnvError(`${POSTGRES_NOT_YET}\n(DATABASE_URL: ${describeDatabase(env.database)})`);
  }
  // personal data: the portal's user only (app/utils/private-files.server.ts)
  restrictUmask();
  ensurePrivateDir(env.DATA_DIR);
  const tightened = tightenTree(env.DATA_DIR);
  if (tightened.changed || tightened.failed) {
    log.warn({ dataDir: env.DATA_DIR, ...tightened }, 'data folder: modes tightened to 0600/0700');
  }
  getDb();
  log.info({ database: describeDatabase(env.database), dataDir: env.DATA_DIR }, 'database ready: SQLite');
  log.info(
    { mail: describeTransport() },
    env.SMTP_URL ? 'mail goes to SMTP' : 'SMTP_URL unset: mail is written as .eml files',
  );
  if (env.MAIL_WORKER === '1') {
    worker = await startMailWorker({ intervalMs: env.MAIL_POLL_SECONDS * 1000 });
    notifier = startNotificationScheduler();
  }
  // beside the mail worker, on the same poll interval; WEBHOOK_WORKER=0 turns it off on its own
  webhooks = startWebhookWorker({ intervalMs: env.MAIL_POLL_SECONDS * 1000 });
  janitor = await startJanitor();
  return { env, log };
}

export async function stopApp() {
  janitor?.stop();
  notifier?.stop();
  await worker?.stop();
  await webhooks?.stop();
  closeDb();
}

// Start-up and shutdown of the app's own resources, called by server.mjs around the HTTP server.
import { sharedStorageProblem } from '~/models/pg/storage.server';
import { dataDirProblem } from '~/utils/data-dir.server';
import { describeDatabase } from '~/utils/database-url';
import { closeDb, openDb } from '~/utils/db.server';
import { EnvError, getEnv } from '~/utils/env.server';
import { getLogger } from '~/utils/logger.server';
import { describeTransport } from '~/utils/mail-transport.server';
import { ensurePrivateDir, restrictUmask, tightenTree } from '~/utils/private-files.server';

import { startJanitor } from './janitor.server';
import { startMailWorker } from './mail-worker.server';
import { startNotificationScheduler } from './notification-scheduler.server';
import { startSimilarFold } from './similar-fold.server';
import { startWebhookWorker } from './webhook-worker.server';

let worker: { stop(): Promise<void> } | undefined;
let webhooks: { stop(): Promise<void> } | undefined;
let notifier: { stop(): void } | undefined;
let janitor: { stop(): void } | undefined;
let fold: { stop(): Promise<void> } | undefined;

/** Validates the configuration (throws EnvError with a readable message), migrates, seeds, starts workers. */
export async function startApp() {
  const env = getEnv();
  const log = getLogger();
  if (env.database.kind === 'postgres') {
    // several processes share DATA_DIR: it must be mounted, writable shared storage before anything touches it
    // (never created here), and the database's own storage (checked under the migration lock, below)
    const storage = dataDirProblem(env.DATA_DIR);
    if (storage) {
      log.fatal({ dataDir: env.DATA_DIR }, 'DATA_DIR refused for PostgreSQL mode');
      throw new EnvError(storage);
    }
  }
  // personal data: the portal's user only (app/utils/private-files.server.ts)
  restrictUmask();
  ensurePrivateDir(env.DATA_DIR);
  const tightened = tightenTree(env.DATA_DIR);
  if (tightened.changed || tightened.failed) {
    log.warn({ dataDir: env.DATA_DIR, ...tightened }, 'data folder: modes tightened to 0600/0700');
  }
  const database = describeDatabase(env.database);
  try {
    await openDb({
      pgCheck: async (client) => {
        const problem = await sharedStorageProblem(client, env.DATA_DIR);
        if (problem) throw new EnvError(problem);
      },
    });
  } catch (error) {
    if (error instanceof EnvError) {
      log.fatal({ database, dataDir: env.DATA_DIR }, 'DATA_DIR refused for PostgreSQL mode');
      throw error;
    }
    // an unreachable server, refused credentials, a failed migration: said plainly, the URL without its password
    const reason = error instanceof Error ? error.message : String(error);
    log.fatal({ database, err: reason }, 'database: cannot open');
    throw new EnvError(`Cannot open the database (${database}): ${reason}`);
  }
  log.info(
    { database, dataDir: env.DATA_DIR },
    `database ready: ${env.database.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}`,
  );
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
  if (env.database.kind === 'postgres') fold = startSimilarFold();
  return { env, log };
}

export async function stopApp() {
  janitor?.stop();
  notifier?.stop();
  await worker?.stop();
  await webhooks?.stop();
  await fold?.stop();
  await closeDb();
}

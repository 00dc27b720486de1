// The production build of the portal, run in-process against its own SQLite file and data folder:
// requests go through the same Remix handler as in production, without a port.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { createRequestHandler, type ServerBuild } from '@remix-run/node';

import { copyTemplateDb, TEST_TMP_DIR } from './db';
import { createPgTestDatabase, ON_PG, pgDataDir } from './pg-template';

export const BASE = 'http://localhost:3999';

export type TestApp = {
  dir: string;
  /** a request as a browser would send it; `ip` sets the client address seen by rate limits */
  fetch(pathname: string, init?: RequestInit & { ip?: string }): Promise<Response>;
  db(): import('../../app/utils/db.server').Db;
  stop(): Promise<void>;
};

/**
 * Env must be set before the build's modules read it, and they cache it: each call loads a new instance of the
 * build, which reads it anew. Call this once per test file (several files share a process, one after the
 * other: tests/support/fresh-file.ts).
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  // TEST_DB=pg: a fresh database copied from the run's PostgreSQL template, and a data folder on disk
  const pgDb = ON_PG ? await createPgTestDatabase() : undefined;
  const dir = pgDb
    ? pgDataDir('app')
    : path.join(TEST_TMP_DIR, `app-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true });
  Object.assign(process.env, {
    NODE_ENV: 'production',
    SESSION_SECRET: 'test-secret-test-secret-test-secret',
    DATABASE_URL: pgDb?.url ?? path.join(dir, 'pakn.db'),
    DATABASE_POOL_MAX: '4',
    DATA_DIR: dir,
    BASE_URL: BASE,
    // TEST_LOG_LEVEL=error shows the server's errors while a test runs
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MAIL_WORKER: '0',
    // webhook tests drive the passes themselves and post to a receiver on loopback; other addresses stay refused
    WEBHOOK_WORKER: '0',
    WEBHOOK_ALLOW_PRIVATE: '127.0.0.1,::1',
    ...env,
  });
  if (!pgDb) copyTemplateDb(process.env.DATABASE_URL!);
  // a new instance of the build's own module per app (its caches start empty, its env is read anew); the
  // packages it imports stay loaded and warm when several files share a process
  const buildPath = `${path.resolve('build/index.js')}?app=${crypto.randomBytes(6).toString('hex')}`;
  const build = (await import(/* @vite-ignore */ buildPath)) as ServerBuild & {
    entry: { module: { startApp(): unknown; stopApp(): Promise<void> } };
  };
  await build.entry.module.startApp();
  const handler = createRequestHandler(build, 'production');
  const { getDb } = (await import(
    /* @vite-ignore */ path.resolve('app/utils/db.server.ts')
  )) as typeof import('../../app/utils/db.server');
  return {
    dir,
    fetch(pathname, init = {}) {
      const { ip = '127.0.0.1', ...rest } = init;
      // a browser always sends Host; Remix compares it with Origin on posts
      const headers = new Headers(rest.headers);
      if (!headers.has('Host')) headers.set('Host', new URL(BASE).host);
      return handler(new Request(BASE + pathname, { redirect: 'manual', ...rest, headers }), {
        cspNonce: 'test-nonce',
        requestId: 'test',
        clientIp: ip,
      });
    },
    db: getDb,
    async stop() {
      await build.entry.module.stopApp();
      await pgDb?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The integration suite on PostgreSQL (`TEST_DB=pg`, `npm run test:pg`): one throwaway cluster per run, started by
// vitest's globalSetup (./build.ts), holding a template database migrated and seeded as the SQLite template is
// (openAsyncPg: db/migrations-pg, then the same seed); each test file gets a fresh database copied from it
// (`CREATE DATABASE … TEMPLATE …`, a file copy on the server's side, ≈ 50 ms).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';

/** Which backend this run tests: TEST_DB=pg runs the integration suite on PostgreSQL. */
export const TEST_DB: 'sqlite' | 'pg' = process.env.TEST_DB === 'pg' ? 'pg' : 'sqlite';
export const ON_PG = TEST_DB === 'pg';

/** For `it.skipIf(ON_PG)(…)`: why a SQLite-only test does not run on PostgreSQL is said beside it. */
export const SQLITE_ONLY = ON_PG;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type PgTemplate = { port: number; template: string };

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: PgTemplate | null;
  }
}

export const PG_TEMPLATE_DB = 'pakn_template';

const urlOf = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;

/** A fresh database copied from the run's template, and how to drop it. */
export async function createPgTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  // imported here: vitest's globalSetup imports this module too, where vitest's test API is not available
  const { inject } = await import('vitest');
  const info = inject('pgTemplate');
  if (!info)
    throw new Error('TEST_DB=pg: no PostgreSQL template (tests/support/build.ts did not start a cluster)');
  const name = `t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: urlOf(info.port, 'postgres') });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(info.template)}`);
  return {
    url: urlOf(info.port, name),
    drop: () => admin(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
  };
}

/**
 * A data folder for PostgreSQL mode: on disk, because the tests' usual folder is /dev/shm (tmpfs), which the
 * start-up check refuses as shared storage.
 */
export function pgDataDir(prefix: string): string {
  const dir = path.join(
    ROOT,
    'tests/.tmp',
    `${prefix}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`,
  );
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

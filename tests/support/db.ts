// A fresh, migrated and seeded SQLite file per call, in the test folder (./tmp.ts): a copy of the
// template database that vitest's globalSetup (tests/support/build.ts) migrates once per run.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { closeDatabase, type Db, openAsyncPg, openDatabase, sqliteClientOf } from '~/utils/db.server';

import { createPgTestDatabase, ON_PG } from './pg-template';
import { TEST_TMP_DIR } from './tmp';

export { TEST_TMP_DIR };
export const TEMPLATE_DB = path.join(TEST_TMP_DIR, 'template.db');

/**
 * Puts a copy of the template at `file` when there is a template and no such file yet; the portal then
 * opens it as its own (migrations already applied, configuration already seeded) and switches on WAL.
 */
export function copyTemplateDb(file: string): void {
  if (fs.existsSync(file) || !fs.existsSync(TEMPLATE_DB)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.copyFileSync(TEMPLATE_DB, file);
  fs.chmodSync(file, 0o600);
}

export function createTestDb(): { db: Db; file: string; cleanup(): void } {
  fs.mkdirSync(TEST_TMP_DIR, { recursive: true });
  const file = path.join(TEST_TMP_DIR, `test-${process.pid}-${crypto.randomBytes(6).toString('hex')}.db`);
  copyTemplateDb(file);
  const db = openDatabase(file);
  return {
    db,
    file,
    cleanup() {
      if (sqliteClientOf(db).open) sqliteClientOf(db).close();
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
    },
  };
}

/**
 * A fresh test database on the run's backend (TEST_DB): on SQLite a copy of the template file, on PostgreSQL a
 * database copied from the template database. It is also the models' default database (getDb) in this process.
 */
export async function openTestDb(): Promise<{
  db: Db;
  url: string;
  /** closes this process's connection and keeps the database (for a server to open it) */
  close(): Promise<void>;
  cleanup(): Promise<void>;
}> {
  if (!ON_PG) {
    const t = createTestDb();
    globalThis.__paknDb = t.db;
    return {
      db: t.db,
      url: t.file,
      async close() {
        globalThis.__paknDb = undefined;
        await closeDatabase(t.db);
      },
      async cleanup() {
        globalThis.__paknDb = undefined;
        t.cleanup();
      },
    };
  }
  const created = await createPgTestDatabase();
  const opened = await openAsyncPg(created.url, { max: 4 });
  globalThis.__paknDb = opened.db;
  return {
    db: opened.db,
    url: created.url,
    async close() {
      globalThis.__paknDb = undefined;
      await closeDatabase(opened.db);
    },
    async cleanup() {
      globalThis.__paknDb = undefined;
      await closeDatabase(opened.db);
      await created.drop();
    },
  };
}

// `npm run db:copy` end to end: a SQLite database made by the real migrations and filled by the test fixtures
// is copied to a fresh PostgreSQL database (verified by the script), copied back into a new SQLite file, and the
// two SQLite files must hold the same rows, table by table. A non-empty target is refused.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { staffSearchIds } from '~/models/pg/search.server';
import { indexPublic } from '~/models/public.server';
import { sqliteClientOf, transaction } from '~/utils/db.server';

import { tablesInForeignKeyOrder } from '../../scripts/db-copy';
import { createTestDb } from '../support/db';
import { paknFixture, seedPakn } from '../support/pakn';
import { PG_SKIP_REASON, type PgCluster, startPgCluster } from '../support/pg-cluster';
import { scriptArgs } from '../support/scripts';
import { newTmpDir, ROOT } from '../support/server-process';
import { createStaffUser } from '../support/staff';

const run = promisify(execFile);
const sqlite = createTestDb();
process.env.DATABASE_URL = sqlite.file;
process.env.BASE_URL = 'http://localhost:3999'; // vitest sets BASE_URL='/' for Vite
const dir = newTmpDir('db-copy');
let cluster: PgCluster | undefined;

beforeAll(async () => {
  if (PG_SKIP_REASON) return;
  cluster = await startPgCluster();
  await createStaffUser(sqlite.db, { role: 'handler', unitCode: undefined, name: 'Lê Thị Hoa' });
  // text and composite keys, ordered alike on both sides (C collation): Vietnamese letters sort by code point
  const raw = sqliteClientOf(sqlite.db);
  for (const [bucket, key] of [
    ['signin', 'Đà Nẵng'],
    ['signin', 'an'],
    ['intake', 'Zed'],
    ['intake', 'ă'],
  ]) {
    raw
      .prepare('INSERT INTO rate_limits (bucket, key, window_start, count) VALUES (?, ?, ?, 1)')
      .run(bucket, key, 1_790_000_000);
  }
  for (const name of ['Ánh', 'anh', 'Bình']) {
    raw
      .prepare(
        'INSERT INTO audit_log (actor_user_id, action, target_type, target_id, detail) VALUES (NULL, ?, ?, ?, ?)',
      )
      .run('test.copy', 'name', name, JSON.stringify({ name, at: '04/12/2026' }));
  }
  for (let i = 0; i < 40; i++) {
    const row = await seedPakn(
      sqlite.db,
      paknFixture({ title: `Đường truyền số ${i} bị gián đoạn`, fullName: `Người gửi ${i}` }),
    );
    if (i % 4 === 0) {
      const texts = { title: `Đường truyền ${i}`, summary: 'Tóm tắt.', answer: 'Đã khắc phục.' };
      sqliteClientOf(sqlite.db)
        .prepare(
          `UPDATE pakn SET status = 'answered', publication = 'published', public_title = ?, public_summary = ?,
             public_answer = ?, published_at = ?, on_time = 1 WHERE id = ?`,
        )
        .run(texts.title, texts.summary, texts.answer, Date.now(), row.id);
      await transaction(sqlite.db, async (tx) => indexPublic(tx, { id: row.id, ...texts }));
    }
  }
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  sqlite.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const copy = (from: string, to: string) =>
  run(process.execPath, [...scriptArgs('db-copy'), '--from', from, '--to', to], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
  });

function dump(file: string, table: string, columns: string[]) {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY 1, 2`)
      .raw()
      .all();
  } finally {
    db.close();
  }
}

it.skipIf(PG_SKIP_REASON)('copies SQLite → PostgreSQL → SQLite with every row intact', async () => {
  sqliteClientOf(sqlite.db).pragma('wal_checkpoint(TRUNCATE)');
  const there = await copy(sqlite.file, cluster!.url);
  console.info(there.stdout);
  expect(there.stdout).toMatch(/^pakn\s+40\s+40\s+ok$/m);
  expect(there.stdout).not.toContain('MISMATCH');
  // the search data is rebuilt on PostgreSQL too: the similar-PAKN rows and vocabulary, the staff search
  const client = new pg.Client({ connectionString: cluster!.url });
  await client.connect();
  try {
    const similarColumns = 'pakn_id, title_terms, content_terms, cite_keys, submitter';
    const rows = await client.query<unknown[]>({
      text: `SELECT ${similarColumns} FROM pakn_similar ORDER BY pakn_id`,
      rowMode: 'array',
    });
    const source = new Database(sqlite.file, { readonly: true });
    try {
      expect(rows.rows.length).toBe(40);
      expect(rows.rows).toEqual(
        source.prepare(`SELECT ${similarColumns} FROM pakn_similar ORDER BY pakn_id`).raw().all(),
      );
      const vocab = await client.query<unknown[]>({
        text: 'SELECT term, doc FROM pakn_similar_vocab WHERE doc > 0 ORDER BY term COLLATE "C"',
        rowMode: 'array',
      });
      expect(vocab.rows).toEqual(
        source.prepare('SELECT term, doc FROM pakn_similar_vocab ORDER BY term').raw().all(),
      );
      const staff = source
        .prepare('SELECT rowid FROM pakn_fts WHERE pakn_fts MATCH \'"duong"* "truyen"*\' ORDER BY rowid')
        .pluck()
        .all();
      expect(staff.length).toBe(40);
      expect(await staffSearchIds(client, 'Đường truyền')).toEqual(staff);
    } finally {
      source.close();
    }
  } finally {
    await client.end();
  }

  const back = path.join(dir, 'back.db');
  const again = await copy(cluster!.url, back);
  console.info(again.stdout);
  expect(again.stdout).not.toContain('MISMATCH');

  for (const t of tablesInForeignKeyOrder()) {
    expect(dump(back, t.name, t.columns), t.name).toEqual(dump(sqlite.file, t.name, t.columns));
  }
  // the search data is rebuilt on the way back: the public search and the staff search find the same rows
  for (const [table, query] of [
    ['public_fts', 'SELECT rowid FROM public_fts WHERE public_fts MATCH \'"duong"*\' ORDER BY rowid'],
    ['pakn_fts', 'SELECT rowid FROM pakn_fts WHERE pakn_fts MATCH \'"duong"*\' ORDER BY rowid'],
    ['pakn_similar', 'SELECT pakn_id, title_terms FROM pakn_similar ORDER BY pakn_id'],
  ] as const) {
    const read = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare(query).raw().all();
      } finally {
        db.close();
      }
    };
    expect(read(back).length, table).toBeGreaterThan(0);
    expect(read(back), table).toEqual(read(sqlite.file));
  }

  // a second copy into the same database is refused, and says why
  const refused = await copy(sqlite.file, cluster!.url).catch((e: { code: number; stderr: string }) => e);
  expect('code' in refused && refused.code).toBe(1);
  expect(refused.stderr).toContain('the target is not empty');
  const exists = await copy(cluster!.url, back).catch((e: { code: number; stderr: string }) => e);
  expect('code' in exists && exists.code).toBe(1);
  expect(exists.stderr).toContain('already exists');
});

it.skipIf(PG_SKIP_REASON)(
  'exits 2 and marks the table when the target does not store what was sent',
  async () => {
    // an empty, migrated database whose settings table rewrites what it is given: the checksum must see it
    const url = await cluster!.createDatabase('tampered');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await migrate(drizzle(client), { migrationsFolder: 'db/migrations-pg' });
      await client.query(`
      CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.value := upper(NEW.value); RETURN NEW; END $$;
      CREATE TRIGGER tamper BEFORE INSERT ON settings FOR EACH ROW EXECUTE FUNCTION tamper();`);
    } finally {
      await client.end();
    }
    const failed = await copy(sqlite.file, url).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect('code' in failed && failed.code).toBe(2);
    expect(failed.stdout).toMatch(/^settings\s+\d+\s+\d+\s+MISMATCH$/m);
    expect(failed.stdout).toMatch(/^pakn\s+40\s+40\s+ok$/m);
    expect(failed.stderr).toContain('verification failed');
  },
);

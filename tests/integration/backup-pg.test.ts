// db:backup and db:restore in PostgreSQL mode (scripts/db-backup-pg.ts), run as the operator runs them: a database
// filled by db:copy from the real intake code, plus uploaded files, is backed up with pg_dump, restored into a
// fresh database and folder, and compared table by table and file by file. A damaged archive and a non-empty
// target are refused; the password never shows.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { sqliteClientOf } from '~/utils/db.server';

import { copyDatabase } from '../../scripts/db-copy';
import { createTestDb } from '../support/db';
import { paknFixture, seedPakn } from '../support/pakn';
import { PG_SKIP_REASON, type PgCluster, startPgCluster } from '../support/pg-cluster';
import { scriptArgs, type TestScript } from '../support/scripts';
import { newTmpDir, ROOT } from '../support/server-process';

const run = promisify(execFile);
const SECRET = 'mật-khẩu:Bí@mật/42';
const sqlite = createTestDb();
process.env.DATABASE_URL = sqlite.file;
process.env.BASE_URL = 'http://localhost:3999'; // vitest sets BASE_URL='/' for Vite
const dir = newTmpDir('backup-pg');
const dataDir = path.join(dir, 'data');
let cluster: PgCluster | undefined;
/** the source database's URL, with a password (trust authentication ignores it; the tools still get it) */
let source = '';
const withPassword = (url: string) => url.replace('postgres@', `postgres:${encodeURIComponent(SECRET)}@`);
const STORAGE_ID = crypto.randomBytes(16).toString('hex');
const FILES = ['Giấy tờ kèm theo', 'Ảnh chụp hiện trường', 'Văn bản trả lời'];

beforeAll(async () => {
  if (PG_SKIP_REASON) return;
  cluster = await startPgCluster('pakn_source');
  for (let i = 0; i < 12; i++) {
    await seedPakn(
      sqlite.db,
      paknFixture({ title: `Sao lưu PostgreSQL số ${i}`, content: `Theo Nghị định 142/2020, lần ${i}.` }),
    );
  }
  sqliteClientOf(sqlite.db).pragma('wal_checkpoint(TRUNCATE)');
  expect((await copyDatabase({ from: sqlite.file, to: cluster.url, log: () => {} })).ok).toBe(true);
  source = withPassword(cluster.url);
  // uploaded files, each with its row
  fs.mkdirSync(path.join(dataDir, 'uploads'), { recursive: true });
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    for (const [i, name] of FILES.entries()) {
      const data = Buffer.from(`${name} — tệp số ${i}\n`.repeat(100 + i));
      const stored = crypto.randomBytes(16).toString('hex');
      fs.writeFileSync(path.join(dataDir, 'uploads', stored), data);
      await client.query(
        `INSERT INTO attachments (pakn_id, stored_name, original_name, mime, size, sha256)
         VALUES ((SELECT min(id) FROM pakn) + $1, $2, $3, 'text/plain', $4, $5)`,
        [i, stored, `${name}.txt`, data.length, crypto.createHash('sha256').update(data).digest('hex')],
      );
    }
    // the name of the shared storage (app/models/pg/storage.server.ts) goes back with the files
    await client.query(`INSERT INTO pakn_storage (id, created_at) VALUES ($1, $2)`, [STORAGE_ID, Date.now()]);
  } finally {
    await client.end();
  }
}, 180_000);
afterAll(async () => {
  await cluster?.stop();
  sqlite.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function script(name: TestScript, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [...scriptArgs(name), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Every table's rows as one digest, ordered by their text: the same tables and rows, or not. */
async function tableDigests(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `SELECT schemaname AS schema, tablename AS name FROM pg_tables
       WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    const out: Record<string, string> = {};
    for (const t of tables) {
      const q = `${pg.escapeIdentifier(t.schema)}.${pg.escapeIdentifier(t.name)}`;
      const { rows } = await client.query<{ n: string; d: string | null }>(
        `SELECT count(*) AS n, md5(string_agg(r::text, E'\\n' ORDER BY r::text COLLATE "C")) AS d FROM ${q} AS r`,
      );
      out[`${t.schema}.${t.name}`] = `${rows[0]!.n}:${rows[0]!.d ?? ''}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

it.skipIf(PG_SKIP_REASON)(
  'backs up with pg_dump and restores into a fresh database, identical table by table',
  async () => {
    const out = path.join(dir, 'backup');
    const made = await script('db-backup', ['--out', out], { DATABASE_URL: source, DATA_DIR: dataDir });
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/db-backup: .* — 12 PAKN, 3 files/);
    const manifestText = fs.readFileSync(path.join(out, 'manifest.json'), 'utf8');
    const manifest = JSON.parse(manifestText);
    expect(manifest).toMatchObject({
      format: 'pakn-backup/1',
      engine: 'postgres',
      database: { file: 'pakn.dump' },
    });
    expect(manifest.counts).toMatchObject({ pakn: 12, attachments: 3, pakn_similar: 12 });
    expect(manifest.counts['drizzle.__drizzle_migrations']).toBeGreaterThan(4);
    expect(manifest.uploads).toMatchObject({ files: 3, missing: [] });
    expect(fs.statSync(path.join(out, 'pakn.dump')).mode & 0o777).toBe(0o600);
    for (const text of [made.stdout, made.stderr, manifestText]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(encodeURIComponent(SECRET));
    }

    // into a fresh database and folder
    const restoredUrl = withPassword(await cluster!.createDatabase('pakn_restored'));
    const restoredDir = path.join(dir, 'restored');
    const back = await script('db-restore', ['--from', out, '--to-data-dir', restoredDir], {
      DATABASE_URL: restoredUrl,
    });
    expect(back.stderr).toBe('');
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('12 PAKN, 3 files');
    expect(back.stdout).not.toContain(SECRET);
    const [a, b] = [await tableDigests(cluster!.url), await tableDigests(restoredUrl)];
    expect(Object.keys(a).length).toBeGreaterThan(30);
    for (const table of Object.keys(a)) expect(b[table], table).toBe(a[table]);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const f of fs.readdirSync(path.join(dataDir, 'uploads'))) {
      expect(fs.readFileSync(path.join(restoredDir, 'uploads', f))).toEqual(
        fs.readFileSync(path.join(dataDir, 'uploads', f)),
      );
    }
    expect(fs.readFileSync(path.join(restoredDir, '.pakn-storage'), 'utf8')).toBe(`${STORAGE_ID}\n`);
    // the restored database still works as one: its searches and the similar-PAKN guard
    const client = new pg.Client({ connectionString: restoredUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM pakn WHERE pakn_staff_tsv(search_text) @@ pakn_staff_query('{sao,luu}')`,
      );
      expect(rows[0].n).toBe(12);
    } finally {
      await client.end();
    }

    // a second restore into the same database is refused, and says why; --force replaces it
    const again = await script('db-restore', ['--from', out, '--to-data-dir', restoredDir], {
      DATABASE_URL: restoredUrl,
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty \(\d+ tables, \d+ rows, pakn: 12\)/);
    expect(again.stderr).not.toContain(SECRET);
    const forced = await script('db-restore', ['--from', out, '--to-data-dir', restoredDir, '--force'], {
      DATABASE_URL: restoredUrl,
    });
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(await tableDigests(restoredUrl)).toEqual(a);
  },
  240_000,
);

it.skipIf(PG_SKIP_REASON)(
  'refuses a damaged archive before touching the target, and never shows the password',
  async () => {
    const out = path.join(dir, 'backup-2');
    expect(
      (await script('db-backup', ['--out', out], { DATABASE_URL: source, DATA_DIR: dataDir })).code,
    ).toBe(0);
    const dump = path.join(out, 'pakn.dump');
    const bytes = fs.readFileSync(dump);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    fs.writeFileSync(dump, bytes);
    const targetUrl = withPassword(await cluster!.createDatabase('pakn_tampered'));
    const refused = await script('db-restore', ['--from', out, '--to-data-dir', path.join(dir, 't')], {
      DATABASE_URL: targetUrl,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('does not match the sha256 in manifest.json: the backup is damaged');
    const digests = await tableDigests(targetUrl);
    expect(digests).toEqual({});

    // a file changed in the backup folder is refused too
    const out3 = path.join(dir, 'backup-3');
    expect(
      (await script('db-backup', ['--out', out3], { DATABASE_URL: source, DATA_DIR: dataDir })).code,
    ).toBe(0);
    const [first] = fs.readdirSync(path.join(out3, 'uploads'));
    fs.appendFileSync(path.join(out3, 'uploads', first!), 'x');
    const badFile = await script('db-restore', ['--from', out3, '--to-data-dir', path.join(dir, 't')], {
      DATABASE_URL: targetUrl,
    });
    expect(badFile.code).toBe(1);
    expect(badFile.stderr).toContain(`uploads/${first} in the backup does not match its sha256`);

    // a server that refuses the connection: the message names it without the password
    const wrong = withPassword(cluster!.url.replace(/\/[^/]+$/, '/no_such_database'));
    const failed = await script('db-backup', ['--out', path.join(dir, 'never')], {
      DATABASE_URL: wrong,
      DATA_DIR: dataDir,
    });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('no_such_database');
    expect(failed.stderr).not.toContain(SECRET);
    expect(failed.stderr).not.toContain(encodeURIComponent(SECRET));
    expect(fs.existsSync(path.join(dir, 'never'))).toBe(false);
  },
  240_000,
);

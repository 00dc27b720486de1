// Online backup under write load, then a restore into a fresh folder: `scripts/db-backup.ts` and
// `scripts/db-restore.ts` run as the operator runs them, against the files of a live server process.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { scriptArgs, type TestScript } from '../support/scripts';
import {
  ipFor,
  newTmpDir,
  ROOT,
  runPool,
  type ServerProcess,
  startServer,
  submitPakn,
} from '../support/server-process';

const run = promisify(execFile);
const PDF = fs.readFileSync('tests/fixtures/giay-to.pdf');
const PNG = fs.readFileSync('tests/fixtures/pixel.png');

let srv: ServerProcess;
let dir: string;

beforeAll(async () => {
  srv = await startServer({ env: { TRUST_PROXY: '1' } });
  dir = newTmpDir('backup');
});
afterAll(async () => {
  await srv?.cleanup();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function script(name: TestScript, args: string[], env: Record<string, string> = {}) {
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

let next = 0;
function submitOne() {
  const i = next++;
  const files =
    i % 2 === 0
      ? [
          { name: `giay-to-${i}.pdf`, data: PDF, type: 'application/pdf' },
          { name: `anh-${i}.png`, data: PNG, type: 'image/png' },
        ]
      : [];
  return submitPakn(srv.baseUrl, { title: `Sao lưu trong khi ghi, số ${i}` }, { ip: ipFor(i), files });
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

it('backs up under write load and restores into a fresh folder, consistent and complete', async () => {
  // some history first
  await runPool(30, 5, async () => {
    expect((await submitOne()).ok).toBe(true);
  });

  // a stream of writes while the backup runs
  let loading = true;
  let during = 0;
  let failed = 0;
  const load = runPool(
    1_000_000,
    4,
    async () => {
      const r = await submitOne();
      if (r.ok) during += 1;
      else failed += 1;
    },
    () => !loading,
  );
  await new Promise((r) => setTimeout(r, 500));
  const before = during;
  const out = path.join(dir, 'backup-1');
  const backup = await script('db-backup', ['--out', out], {
    DATABASE_URL: srv.dbFile,
    DATA_DIR: srv.dataDir,
  });
  const duringBackup = during - before;
  await new Promise((r) => setTimeout(r, 500));
  loading = false;
  await load;
  expect(backup.stderr).toBe('');
  expect(backup.code).toBe(0);
  expect(backup.stdout).toMatch(/^db-backup: .*backup-1 — \d+ PAKN, \d+ files/);
  expect(failed).toBe(0);

  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as {
    counts: Record<string, number>;
    database: { sha256: string };
    uploads: { files: number; missing: unknown[] };
  };
  expect(manifest.database.sha256).toBe(sha256(path.join(out, 'pakn.db')));
  expect(manifest.uploads.missing).toEqual([]);

  // restore into a fresh data folder
  const fresh = path.join(dir, 'restored');
  const restored = await script('db-restore', ['--from', out, '--to-data-dir', fresh]);
  expect(restored.stderr).toBe('');
  expect(restored.code).toBe(0);
  expect(restored.stdout).toContain('integrity_check ok, counts match');

  const db = new Database(path.join(fresh, 'pakn.db'), { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  const counts = Object.fromEntries(
    tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]),
  );
  expect(counts).toEqual(manifest.counts);
  // every attachment row has its file, byte for byte
  const rows = db
    .prepare('SELECT stored_name AS name, sha256, pakn_id AS paknId FROM attachments')
    .all() as Array<{
    name: string;
    sha256: string;
    paknId: number | null;
  }>;
  for (const r of rows) expect(sha256(path.join(fresh, 'uploads', r.name)), r.name).toBe(r.sha256);
  expect(fs.readdirSync(path.join(fresh, 'uploads')).sort()).toEqual(rows.map((r) => r.name).sort());
  expect(rows.length).toBe(manifest.uploads.files);
  // every PAKN in the snapshot came with its receipt (one transaction)
  expect(db.prepare("SELECT count(*) FROM outbox WHERE template = 'receipt'").pluck().get()).toBe(
    counts.pakn,
  );
  db.close();

  // the live database kept growing
  const live = new Database(srv.dbFile, { readonly: true });
  const livePakn = live.prepare('SELECT count(*) FROM pakn').pluck().get() as number;
  const liveFiles = live.prepare('SELECT count(*) FROM attachments').pluck().get() as number;
  live.close();
  expect(livePakn).toBeGreaterThanOrEqual(counts.pakn!);

  // the restored folder serves: the portal starts on it
  const again = await startServer({
    dir: fresh,
    env: { DATA_DIR: fresh, DATABASE_URL: path.join(fresh, 'pakn.db') },
  });
  const health = (await (await fetch(`${again.baseUrl}/healthz`)).json()) as { database: string };
  expect(health.database).toBe('ok');
  expect((await again.kill('SIGTERM')).code).toBe(0);

  console.log(
    `[backup] ${duringBackup} submissions succeeded while db:backup ran (${during} during the load, 0 failed); ` +
      `backup: ${counts.pakn} PAKN, ${counts.attachments} attachment rows, ${manifest.uploads.files} files, ` +
      `${counts.outbox} outbox rows; restored: identical counts in all ${tables.length} tables, integrity_check ok; ` +
      `source at the end: ${livePakn} PAKN, ${liveFiles} attachment rows`,
  );
}, 90_000);

it('refuses to overwrite a database or to restore a damaged backup, with one clear line', async () => {
  const out = path.join(dir, 'backup-1');
  const fresh = path.join(dir, 'restored');
  const overwrite = await script('db-restore', ['--from', out, '--to-data-dir', fresh]);
  expect(overwrite.code).toBe(1);
  expect(overwrite.stderr.trim()).toMatch(/^db-restore: .*pakn\.db already exists: .*--force/);
  expect(overwrite.stderr.trim().split('\n')).toHaveLength(1);

  const damaged = path.join(dir, 'damaged');
  fs.cpSync(out, damaged, { recursive: true });
  const file = path.join(damaged, 'pakn.db');
  const bytes = fs.readFileSync(file);
  const at = bytes.length - 100;
  bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
  fs.writeFileSync(file, bytes);
  const bad = await script('db-restore', ['--from', damaged, '--to-data-dir', path.join(dir, 'other')]);
  expect(bad.code).toBe(1);
  expect(bad.stderr.trim()).toMatch(/^db-restore: .*does not match the sha256 in manifest\.json/);
  expect(bad.stderr).not.toMatch(/\n\s+at /);
  expect(fs.existsSync(path.join(dir, 'other', 'pakn.db'))).toBe(false);

  const forced = await script('db-restore', ['--from', out, '--to-data-dir', fresh, '--force']);
  expect(forced.code).toBe(0);

  // `npm run db:backup` without --out: a timestamped folder under DATA_DIR/backups
  const dflt = await script('db-backup', [], { DATABASE_URL: srv.dbFile, DATA_DIR: srv.dataDir });
  expect(dflt.code).toBe(0);
  const made = fs.readdirSync(path.join(srv.dataDir, 'backups'));
  expect(made).toHaveLength(1);
  expect(made[0]).toMatch(/^\d{8}-\d{6}$/);

  const missing = await script('db-backup', [], { DATABASE_URL: path.join(dir, 'nope.db'), DATA_DIR: dir });
  expect(missing.code).toBe(1);
  expect(missing.stderr.trim()).toMatch(/^db-backup: no database at .*nope\.db/);
}, 60_000);

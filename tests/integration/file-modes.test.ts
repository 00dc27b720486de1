// What the portal writes under DATA_DIR holds personal data (the database, uploads, e-mails with private links,
// cached documents, backups): only the portal's own user may read it (issue 10, item 12). Files 0600, folders
// 0700, after start-up, after an upload and an e-mail, after a backup and a restore; and an existing install
// with world-readable files is tightened at start-up. The server runs with the usual umask 022.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { ON_PG, SQLITE_ONLY } from '../support/pg-template';
import { scriptArgs, type TestScript } from '../support/scripts';
import {
  newTmpDir,
  ROOT,
  type ServerProcess,
  startServer,
  submitPakn,
  waitUntil,
} from '../support/server-process';

const run = promisify(execFile);
const PDF = fs.readFileSync('tests/fixtures/giay-to.pdf');

let srv: ServerProcess;
let dir: string;
const previousUmask = process.umask(0o022);

beforeAll(async () => {
  srv = await startServer({ env: { MAIL_WORKER: '1', MAIL_POLL_SECONDS: '1', LOG_LEVEL: 'warn' } });
  dir = newTmpDir('modes');
});
afterAll(async () => {
  await srv?.cleanup();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  process.umask(previousUmask);
});

const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** Every file and folder under `root` (and root itself) with a mode other than 0600 / 0700. */
function looseModes(root: string): string[] {
  const out: string[] = [];
  const visit = (p: string) => {
    const st = fs.statSync(p);
    const want = st.isDirectory() ? 0o700 : 0o600;
    if ((st.mode & 0o777) !== want)
      out.push(`${path.relative(root, p) || '.'}: ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
  };
  visit(root);
  return out;
}

async function script(name: TestScript, args: string[]) {
  const { stdout } = await run(process.execPath, [...scriptArgs(name), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: srv.dbFile, DATA_DIR: srv.dataDir },
  });
  return stdout;
}

it('the data folder, the database and its -wal/-shm are private after start-up', () => {
  expect(mode(srv.dataDir)).toBe(0o700);
  // PostgreSQL's files are its server's, not under DATA_DIR
  for (const f of ON_PG ? [] : ['pakn.db', 'pakn.db-wal', 'pakn.db-shm']) {
    expect(mode(path.join(srv.dataDir, f)), f).toBe(0o600);
  }
  expect(looseModes(srv.dataDir)).toEqual([]);
});

it('uploads and e-mails (with their private links) are private', async () => {
  const sent = await submitPakn(
    srv.baseUrl,
    {},
    { files: [{ name: 'giay-to.pdf', data: PDF, type: 'application/pdf' }] },
  );
  expect(sent.ok).toBe(true);
  const mailDir = path.join(srv.dataDir, 'mail');
  await waitUntil(() => fs.existsSync(mailDir) && fs.readdirSync(mailDir).some((f) => f.endsWith('.eml')), {
    what: 'the receipt e-mail',
  });
  expect(fs.readdirSync(path.join(srv.dataDir, 'uploads')).length).toBeGreaterThan(0);
  expect(looseModes(srv.dataDir)).toEqual([]);
});

// the SQLite backup script; PostgreSQL's (pg_dump) is backup-pg.test.ts
it.skipIf(SQLITE_ONLY)('backups and restored data are private', async () => {
  await script('db-backup', []);
  const backups = path.join(srv.dataDir, 'backups');
  const [backup] = fs.readdirSync(backups);
  expect(fs.existsSync(path.join(backups, backup!, 'pakn.db'))).toBe(true);
  expect(looseModes(srv.dataDir)).toEqual([]);

  const restored = path.join(dir, 'restored');
  await script('db-restore', ['--from', path.join(backups, backup!), '--to-data-dir', restored]);
  expect(fs.readdirSync(path.join(restored, 'uploads')).length).toBeGreaterThan(0);
  expect(looseModes(restored)).toEqual([]);
});

it('an install with world-readable files is tightened at start-up', async () => {
  expect((await srv.kill('SIGTERM')).code).toBe(0);
  const mail = path.join(srv.dataDir, 'mail');
  for (const p of [srv.dataDir, mail, path.join(srv.dataDir, 'uploads')]) fs.chmodSync(p, 0o755);
  if (!ON_PG) fs.chmodSync(srv.dbFile, 0o644);
  for (const f of fs.readdirSync(mail)) fs.chmodSync(path.join(mail, f), 0o644);
  await srv.restart();
  expect(looseModes(srv.dataDir)).toEqual([]);
});

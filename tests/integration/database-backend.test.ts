// Start-up with DATABASE_URL naming a PostgreSQL server: the portal serves from it (several processes starting
// together migrate and seed once), says which backend it uses without the password, and leaves no folder named
// after the URL (it used to create "postgres:" as a path). A DATA_DIR that is not mounted writable storage, or not
// this database's storage, is refused and never created; so is a server that cannot be reached.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';

import { openDatabase } from '~/utils/db.server';
import { DEMO_UNITS } from '~db/seed-data';

import { PG_SKIP_REASON, type PgCluster, startPgCluster } from '../support/pg-cluster';
import { freePort, newTmpDir, ROOT, startServer } from '../support/server-process';

const dir = newTmpDir('pg-refusal');
// server.mjs imports ./build relative to the working directory: run from a folder of links to the checkout
for (const name of ['build', 'node_modules', 'db'])
  fs.symlinkSync(path.join(ROOT, name), path.join(dir, name));
for (const name of ['server.mjs', 'package.json'])
  fs.copyFileSync(path.join(ROOT, name), path.join(dir, name));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function runServer(env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string; ms: number }>((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['server.mjs'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

describe.skipIf(PG_SKIP_REASON)('serving from PostgreSQL', () => {
  let cluster: PgCluster | undefined;
  beforeAll(async () => {
    cluster = await startPgCluster('pakn_serve');
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  // DATA_DIR is the mounted shared storage: it exists before the portal starts (on disk: the tests' folder is in
  // /dev/shm, tmpfs, which PostgreSQL mode refuses)
  const sharedDir = () => {
    const shared = path.join(
      ROOT,
      'tests/.tmp',
      `pg-shared-${process.pid}-${crypto.randomBytes(4).toString('hex')}`,
    );
    fs.mkdirSync(shared, { recursive: true });
    onTestFinished(() => fs.rmSync(shared, { recursive: true, force: true }));
    return shared;
  };
  // the password is never checked by the test cluster (trust), and must never be printed
  const urlWithPassword = () => cluster!.url.replace('postgres@', 'postgres:hunter2-secret@');

  it('two processes starting together migrate and seed once, then both serve', async () => {
    const shared = sharedDir();
    const env = { DATABASE_URL: urlWithPassword(), DATA_DIR: shared, MAIL_WORKER: '0' };
    const servers = await Promise.all(
      [0, 1].map((i) => startServer({ dir: path.join(shared, `proc-${i}`), env, healthTimeoutMs: 60_000 })),
    );
    try {
      for (const server of servers) {
        const home = await fetch(`${server.baseUrl}/`);
        expect(home.status).toBe(200);
        expect(await home.text()).toContain('<html');
        const ready = server.logs().find((l) => l.msg === 'database ready: PostgreSQL');
        expect(ready?.database).toBe(`PostgreSQL 127.0.0.1:${cluster!.port}/pakn_serve`);
        expect(server.lines.join('\n')).not.toContain('hunter2-secret');
      }
      const client = new pg.Client({ connectionString: cluster!.url });
      await client.connect();
      try {
        const count = async (table: string) =>
          Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
        const journal = JSON.parse(
          fs.readFileSync(path.join(ROOT, 'db/migrations-pg/meta/_journal.json'), 'utf8'),
        ) as { entries: unknown[] };
        expect(await count('drizzle.__drizzle_migrations')).toBe(journal.entries.length);
        expect(await count('agency')).toBe(1);
        expect(await count('units')).toBe(DEMO_UNITS.length);
        expect(await count('pakn_storage')).toBe(1);
        const { rows } = await client.query<{ id: string }>('SELECT id FROM pakn_storage');
        expect(fs.readFileSync(path.join(shared, '.pakn-storage'), 'utf8').trim()).toBe(rows[0]!.id);
      } finally {
        await client.end();
      }
      // nothing of SQLite's: no database file, no folder named after the URL
      expect(fs.readdirSync(shared).filter((f) => f.endsWith('.db') || f.startsWith('postgres'))).toEqual([]);
    } finally {
      for (const server of servers) {
        await server.kill();
        await server.cleanup();
      }
    }
  });

  it("refuses a DATA_DIR that is not this database's shared storage", async () => {
    // the storage was named by the processes above: a fresh local folder lacks the name
    const result = await runServer({
      SESSION_SECRET: 'test-secret-test-secret-test-secret',
      DATA_DIR: sharedDir(),
      DATABASE_URL: urlWithPassword(),
      PORT: String(await freePort()),
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain('is not the shared storage of this database');
    expect(result.output).not.toContain('hunter2-secret');
  });

  it('refuses to start, without the password, when the server cannot be reached', async () => {
    const port = await freePort();
    const result = await runServer({
      SESSION_SECRET: 'test-secret-test-secret-test-secret',
      DATA_DIR: sharedDir(),
      DATABASE_URL: `postgres://pakn:hunter2-secret@127.0.0.1:${port}/pakn`,
      PORT: String(await freePort()),
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain(`Cannot open the database (PostgreSQL 127.0.0.1:${port}/pakn)`);
    expect(result.output).toContain('ECONNREFUSED');
    expect(result.output).not.toContain('hunter2-secret');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('postgres'))).toEqual([]);
  });
});

it('refuses PostgreSQL mode when DATA_DIR is not mounted, without creating it', async () => {
  const result = await runServer({
    SESSION_SECRET: 'test-secret-test-secret-test-secret',
    DATA_DIR: path.join(dir, 'data'),
    DATABASE_URL: 'postgres://pakn:hunter2-secret@127.0.0.1:5432/pakn',
    PORT: String(await freePort()),
  });
  expect(result.code).not.toBe(0);
  expect(result.code).not.toBeNull();
  expect(result.output).toContain(
    `DATA_DIR (${path.join(dir, 'data')}) must be writable storage shared by every process of the portal in PostgreSQL mode: it does not exist (ENOENT)`,
  );
  expect(result.output).not.toContain('hunter2-secret');
  expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
});

it('refuses a malformed PostgreSQL URL as a configuration error', async () => {
  const result = await runServer({
    SESSION_SECRET: 'test-secret-test-secret-test-secret',
    DATA_DIR: path.join(dir, 'data'),
    DATABASE_URL: 'postgres://pakn:hunter2-secret@db.example.vn',
  });
  expect(result.code).toBe(1);
  expect(result.output).toMatch(/Invalid configuration:\n {2}DATABASE_URL: .*names no database/);
  expect(result.output).not.toContain('hunter2-secret');
  expect(fs.readdirSync(dir).filter((f) => f.startsWith('postgres'))).toEqual([]);
});

describe('opening a SQLite file', () => {
  it('refuses a URL rather than making folders named after it', () => {
    const dir = newTmpDir('url');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(() => openDatabase('postgres://pakn@127.0.0.1:5432/pakn')).toThrow(/not a URL/);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Start-up with DATABASE_URL naming a PostgreSQL server: this version refuses it clearly, fast, with a
// non-zero exit, and leaves no folder named after the URL (it used to create "postgres:" as a path). A DATA_DIR
// that is not mounted writable storage is refused first, and never created.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, expect, it, onTestFinished } from 'vitest';

import { freePort, newTmpDir, ROOT } from '../support/server-process';

const dir = newTmpDir('pg-refusal');
// server.mjs imports ./build relative to the working directory: run from a folder of links to the checkout
for (const name of ['build', 'node_modules']) fs.symlinkSync(path.join(ROOT, name), path.join(dir, name));
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

it('refuses a PostgreSQL DATABASE_URL at start-up, naming the reason, creating nothing', async () => {
  // DATA_DIR is the mounted shared storage: it exists before the portal starts (on disk: the tests' folder is
  // in /dev/shm, tmpfs, which PostgreSQL mode refuses)
  const shared = path.join(ROOT, 'tests/.tmp', `pg-shared-${process.pid}-${Date.now()}`);
  fs.mkdirSync(shared, { recursive: true });
  onTestFinished(() => fs.rmSync(shared, { recursive: true, force: true }));
  const result = await runServer({
    SESSION_SECRET: 'test-secret-test-secret-test-secret',
    DATA_DIR: shared,
    DATABASE_URL: 'postgres://pakn:hunter2-secret@127.0.0.1:5432/pakn',
    PORT: String(await freePort()),
    LOG_LEVEL: 'info',
  });
  expect(result.code).not.toBe(0);
  expect(result.code).not.toBeNull();
  expect(result.output).toContain('serving from PostgreSQL is not switched on yet');
  expect(result.output).toContain('PostgreSQL 127.0.0.1:5432/pakn');
  expect(result.output).not.toContain('hunter2-secret');
  expect(fs.readdirSync(dir).filter((f) => f.startsWith('postgres'))).toEqual([]);
  expect(fs.readdirSync(shared)).toEqual([]);
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

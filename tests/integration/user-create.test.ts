// `npm run user:create`: the operator's way to create the first account, with one-line errors.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Db, openDatabaseUrl } from '~/utils/db.server';

import { TEST_TMP_DIR } from '../support/db';
import { createPgTestDatabase, ON_PG } from '../support/pg-template';
import { scriptArgs } from '../support/scripts';
import { sqlAll, sqlGet } from '../support/sql';

const dir = path.join(TEST_TMP_DIR, `user-create-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
const dbFile = path.join(dir, 'nested', 'pakn.db');
const GOOD = 'Cay-xoai-truoc-nha-2026';

// TEST_DB=pg: a fresh PostgreSQL database (from the run's template) rather than a new SQLite file
let pgTarget: Awaited<ReturnType<typeof createPgTestDatabase>> | undefined;
let databaseUrl = dbFile;
beforeAll(async () => {
  if (ON_PG) {
    pgTarget = await createPgTestDatabase();
    databaseUrl = pgTarget.url;
  }
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await pgTarget?.drop();
});

/** Reads the database the command wrote, through the app's own opener (either backend). */
async function read<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const opened = await openDatabaseUrl(databaseUrl);
  try {
    return await work(opened.db);
  } finally {
    await opened.close();
  }
}

// the script's bundle (../support/scripts.ts): the last test below runs the npm script itself
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...scriptArgs('user-create'), ...args],
      { env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production', SESSION_SECRET: '' } },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Runs the calls a few at a time (each one is a Node process). */
async function inBatches<T>(calls: Array<() => Promise<T>>, size = 4): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < calls.length; i += size)
    out.push(...(await Promise.all(calls.slice(i, i + size).map((c) => c()))));
  return out;
}

function expectError(r: { code: number; stdout: string; stderr: string }, message: string | RegExp) {
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    typeof message === 'string'
      ? new RegExp(`^Error: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
      : message,
  );
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('user:create', () => {
  it('creates the first administrator in a new database, migrating it', { timeout: 60_000 }, async () => {
    const r = await cli(
      '--email',
      'Quan.Tri@so-khcn.example.vn',
      '--password',
      GOOD,
      '--role',
      'admin',
      '--name',
      'Quản trị hệ thống',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Created admin quan.tri@so-khcn.example.vn \(id 1\)/);
    const { row, audit } = await read(async (db) => ({
      row: (await sqlGet(db, 'SELECT email, name, role, unit_id, password_hash, active FROM users'))!,
      audit: await sqlAll(db, `SELECT action, target_id FROM audit_log WHERE action = 'user.create'`),
    }));
    expect(row).toMatchObject({
      email: 'quan.tri@so-khcn.example.vn',
      name: 'Quản trị hệ thống',
      role: 'admin',
      unit_id: null,
      active: 1,
    });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(audit).toEqual([{ action: 'user.create', target_id: '1' }]);
  });

  it('creates a handler in a unit given by its code', { timeout: 60_000 }, async () => {
    const r = await cli(
      '--email',
      'cv@so-khcn.example.vn',
      '--password',
      GOOD,
      '--role',
      'handler',
      '--unit',
      'qlkhcn',
    );
    expect(r.code).toBe(0);
    const row = await read((db) =>
      sqlGet(
        db,
        `SELECT u.role, n.code FROM users u JOIN units n ON n.id = u.unit_id WHERE u.email = 'cv@so-khcn.example.vn'`,
      ),
    );
    expect(row).toEqual({ role: 'handler', code: 'QLKHCN' });
  });

  it('explains each bad argument in one line with exit code 1', async () => {
    const results = await inBatches([
      () => cli('--password', GOOD, '--role', 'admin'),
      () => cli('--email', 'not-an-email', '--password', GOOD, '--role', 'admin'),
      () => cli('--email', 'a@so-khcn.example.vn', '--role', 'admin'),
      () => cli('--email', 'a@so-khcn.example.vn', '--password', 'short', '--role', 'admin'),
      () => cli('--email', 'a@so-khcn.example.vn', '--password', 'matkhau123456', '--role', 'admin'),
      () => cli('--email', 'a@so-khcn.example.vn', '--password', GOOD),
      () => cli('--email', 'a@so-khcn.example.vn', '--password', GOOD, '--role', 'boss'),
      () => cli('--email', 'a@so-khcn.example.vn', '--password', GOOD, '--role', 'handler'),
      () => cli('--email', 'a@so-khcn.example.vn', '--password', GOOD, '--role', 'handler', '--unit', 'NOPE'),
      () => cli('--email', 'a@so-khcn.example.vn', '--password', GOOD, '--role', 'viewer', '--unit', 'TDC'),
      () => cli('--email', 'a@so-khcn.example.vn', '--password', GOOD, '--role', 'admin', '--bogus', 'x'),
      () =>
        cli('--email', 'thu.trang@so-khcn.example.vn', '--password', 'Thu.Trang-2026-ok', '--role', 'admin'),
    ]);
    const [
      noEmail,
      badEmail,
      noPassword,
      short,
      common,
      noRole,
      badRole,
      noUnit,
      badUnit,
      unitNotAllowed,
      unknownOption,
      containsEmail,
    ] = results;
    expectError(noEmail!, '--email is required');
    expectError(badEmail!, '--email "not-an-email" is not a valid e-mail address');
    expectError(noPassword!, '--password is required');
    expectError(short!, '--password is too short: at least 12 characters');
    expectError(common!, '--password is a common password');
    expectError(noRole!, '--role is required');
    expectError(
      badRole!,
      '--role "boss" is not a role; use one of admin, coordinator, handler, approver, viewer',
    );
    expectError(noUnit!, 'a handler must belong to a unit: add --unit CODE (known codes: TTHC, QLKHCN, TDC');
    expectError(badUnit!, '--unit "NOPE" is not a unit code; known codes: TTHC, QLKHCN, TDC');
    expectError(unitNotAllowed!, '--unit applies only to handler and approver, not to viewer');
    expectError(unknownOption!, /^Error: Unknown option '--bogus'/);
    expectError(containsEmail!, '--password must not contain the name in the e-mail address');
  }, 180_000);

  it('refuses a duplicate e-mail, whatever its case', { timeout: 60_000 }, async () => {
    const r = await cli('--email', 'QUAN.TRI@so-khcn.example.vn', '--password', GOOD, '--role', 'viewer');
    expectError(r, 'a user with e-mail quan.tri@so-khcn.example.vn already exists');
  });

  it('runs as the README says, `npm run user:create` (tsx on the source)', { timeout: 60_000 }, async () => {
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        'npm',
        [
          'run',
          '--silent',
          'user:create',
          '--',
          '--email',
          'npm@so-khcn.example.vn',
          '--password',
          GOOD,
          '--role',
          'viewer',
        ],
        { env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production', SESSION_SECRET: '' } },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Created viewer npm@so-khcn.example.vn \(id \d+\)/);
    const row = await read((db) =>
      sqlGet(db, `SELECT role FROM users WHERE email = 'npm@so-khcn.example.vn'`),
    );
    expect(row).toEqual({ role: 'viewer' });
  });
});

// API keys (issue 14, item 1): created by an administrator (shown once) or by `npm run apikey:create`, stored as a
// hash only, listed, revoked; each call checked for its scope, rate-limited per key and audited with the key's name.
import { execFile } from 'node:child_process';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { authorizeApiCall } from '~/models/api-keys.server';
import { first } from '~/utils/db.server';
import * as s from '~db/schema';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { scriptArgs } from '../support/scripts';
import { createStaffUser, signIn } from '../support/staff';

let app: TestApp;
let admin = '';
let coordinator = '';

beforeAll(async () => {
  app = await startTestApp();
  const a = await createStaffUser(app.db(), { role: 'admin' });
  const c = await createStaffUser(app.db(), { role: 'coordinator' });
  admin = await signIn(app, a.email, a.password);
  coordinator = await signIn(app, c.email, c.password);
});
afterAll(async () => {
  await app?.stop();
});

const PAGE = '/can-bo/quan-tri/khoa-api';
const KEY = /pakn_[A-Za-z0-9_-]{43}/;

function post(fields: Array<[string, string]>, cookie = admin) {
  return app.fetch(PAGE, {
    method: 'POST',
    headers: {
      Origin: BASE,
      Cookie: cookie,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(fields),
  });
}

const call = { method: 'GET', path: '/test', ip: '10.0.0.1' };

describe('admin page', () => {
  it('is for administrators only', async () => {
    expect((await app.fetch(PAGE, { headers: { Cookie: coordinator } })).status).toBe(403);
    expect(
      (
        await post(
          [
            ['intent', 'create'],
            ['name', 'X'],
            ['scopes', 'read'],
          ],
          coordinator,
        )
      ).status,
    ).toBe(403);
    const res = await app.fetch('/can-bo/quan-tri', { headers: { Cookie: admin } });
    expect(await res.text()).toContain('href="/can-bo/quan-tri/khoa-api"');
  });

  it('creates a key, shows it once, stores only its hash, lists and revokes it', async () => {
    const res = await post([
      ['intent', 'create'],
      ['name', 'Cổng dịch vụ công tỉnh'],
      ['scopes', 'submit'],
      ['scopes', 'read'],
    ]);
    expect(res.status).toBe(200);
    const html = await res.text();
    const key = KEY.exec(html)?.[0];
    expect(key).toBeTruthy();
    const row = (await first(
      app.db().select().from(s.apiKeys).where(eq(s.apiKeys.name, 'Cổng dịch vụ công tỉnh')),
    ))!;
    expect(row.scopes).toBe('submit,read');
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key!);
    const list = await (await app.fetch(PAGE, { headers: { Cookie: admin } })).text();
    expect(list).toContain('Cổng dịch vụ công tỉnh');
    expect(list).not.toMatch(KEY);
    const audit = await app.db().select().from(s.auditLog).where(eq(s.auditLog.action, 'apikey.create'));
    expect(audit.at(-1)?.detail).toContain('Cổng dịch vụ công tỉnh');
    expect(audit.at(-1)?.detail).not.toContain(key!);

    expect((await authorizeApiCall({ token: key!, scope: 'read', call })).ok).toBe(true);
    const revoked = await post([
      ['intent', 'revoke'],
      ['id', String(row.id)],
    ]);
    expect(revoked.status).toBe(200);
    expect(
      (await first(app.db().select().from(s.apiKeys).where(eq(s.apiKeys.id, row.id))))!.revokedAt,
    ).not.toBeNull();
    expect(await authorizeApiCall({ token: key!, scope: 'read', call })).toMatchObject({
      ok: false,
      status: 401,
    });
  });

  it('refuses a missing name, a duplicate and no scope with translated messages, keeping what was typed', async () => {
    const res = await post([
      ['intent', 'create'],
      ['name', ''],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Nhập tên khóa');
    expect(html).toContain('Chọn ít nhất một quyền');
    await post([
      ['intent', 'create'],
      ['name', 'Tổng đài'],
      ['scopes', 'read'],
    ]);
    const dup = await post([
      ['intent', 'create'],
      ['name', 'Tổng đài'],
      ['scopes', 'bogus'],
    ]);
    expect(dup.status).toBe(400);
    const text = await dup.text();
    expect(text).toContain('Đã có khóa mang tên này');
    expect(text).toContain('value="Tổng đài"');
    expect(
      (
        await post([
          ['intent', 'revoke'],
          ['id', 'x'],
        ])
      ).status,
    ).toBe(400);
    expect((await post([['intent', 'nope']])).status).toBe(400);
  });
});

describe('authorizing calls', () => {
  it('checks scope, counts the per-key limit, records last use and audits with the name', async () => {
    const { createApiKey } = await import('../../app/models/api-keys.server');
    const made = await createApiKey({ name: 'Ứng dụng Zalo', scopes: 'read' });
    if (!made.ok) throw new Error('not created');
    expect(await authorizeApiCall({ token: null, scope: 'read', call })).toMatchObject({
      status: 401,
      reason: 'missing',
    });
    expect(await authorizeApiCall({ token: 'pakn_nope', scope: 'read', call })).toMatchObject({
      status: 401,
    });
    expect(await authorizeApiCall({ token: made.key, scope: 'submit', call })).toMatchObject({ status: 403 });
    await app.db().insert(s.settings).values({ key: 'api.requestsPerMinute', value: '3' });
    const now = new Date('2026-03-02T03:00:10Z');
    const results = [];
    for (let i = 0; i < 4; i++)
      results.push(await authorizeApiCall({ token: made.key, scope: 'read', call, now }));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results[3]).toMatchObject({ status: 429 });
    // the next minute is a new window
    expect(
      (
        await authorizeApiCall({
          token: made.key,
          scope: 'read',
          call,
          now: new Date('2026-03-02T03:01:10Z'),
        })
      ).ok,
    ).toBe(true);
    await app.db().delete(s.settings).where(eq(s.settings.key, 'api.requestsPerMinute'));
    const row = (await first(app.db().select().from(s.apiKeys).where(eq(s.apiKeys.id, made.id))))!;
    expect(row.lastUsedAt).not.toBeNull();
    const entries = (
      await app
        .db()
        .select()
        .from(s.auditLog)
        .where(eq(s.auditLog.targetId, String(made.id)))
    ).filter((e) => e.action.startsWith('api.'));
    expect(entries.filter((e) => e.action === 'api.call')).toHaveLength(4);
    expect(entries.filter((e) => e.action === 'api.denied').map((e) => JSON.parse(e.detail!).reason)).toEqual(
      ['scope', 'rateLimited'],
    );
    expect(entries.every((e) => JSON.parse(e.detail!).key === 'Ứng dụng Zalo')).toBe(true);
  });
});

describe('npm run apikey:create', () => {
  function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [...scriptArgs('apikey-create'), ...args],
        // the app's own database (DATABASE_URL: its SQLite file, or its PostgreSQL database)
        { env: process.env },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('prints the key once on stdout and refuses bad arguments in one line', async () => {
    const ok = await cli('--name', 'Tổng đài 1022', '--scopes', 'submit,read');
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toMatch(new RegExp(`^${KEY.source}$`));
    const row = (await first(app.db().select().from(s.apiKeys).where(eq(s.apiKeys.name, 'Tổng đài 1022'))))!;
    expect(row.scopes).toBe('submit,read');
    expect((await authorizeApiCall({ token: ok.stdout.trim(), scope: 'submit', call })).ok).toBe(true);
    const dup = await cli('--name', 'Tổng đài 1022', '--scopes', 'read');
    expect(dup.code).toBe(1);
    expect(dup.stderr.trim()).toBe('Error: a key named "Tổng đài 1022" already exists');
    const bad = await cli('--name', 'Khác', '--scopes', 'admin');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stdout).toBe('');
  }, 90_000); // three CLI processes: slow on a loaded 2-core machine
});

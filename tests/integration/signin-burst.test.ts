// A burst of concurrent sign-in attempts against one account: the 5-failure lock must hold, so at most
// 5 password hashes are verified and the right password sent in the same burst gets no session.
import { afterAll, beforeAll, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../support/app';
import { sqlAll, sqlGet, sqlRun } from '../support/sql';
import { createStaffUser, postForm } from '../support/staff';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

async function countAudit(action: string, userId: number, reason?: string): Promise<number> {
  const rows = (await sqlAll(
    app.db(),
    'SELECT detail FROM audit_log WHERE action = ? AND target_id = ?',
    action,
    String(userId),
  )) as Array<{ detail: string | null }>;
  return rows.filter((r) => !reason || JSON.parse(r.detail ?? '{}').reason === reason).length;
}

it('checks at most 5 passwords of a burst of 31 concurrent attempts (30 wrong + 1 right) and locks', async () => {
  const u = await createStaffUser(app.db(), { role: 'coordinator' });
  const attempts = Array.from({ length: 30 }, (_, i) => `Wrong-password-${i}-xyz`).concat(u.password);
  const responses = await Promise.all(
    attempts.map((password) =>
      postForm(app, '/can-bo/dang-nhap', null, { email: u.email, password }, { ip: '10.9.0.1' }),
    ),
  );
  const wrongChecked = await countAudit('auth.signin.failed', u.id, 'password');
  const rightChecked = await countAudit('auth.signin', u.id);
  console.log(
    `[signin-burst] 31 concurrent attempts: ${wrongChecked} wrong passwords verified, ` +
      `${rightChecked} right one accepted, ${await countAudit('auth.signin.failed', u.id, 'locked')} refused as locked`,
  );
  expect(wrongChecked + rightChecked).toBeLessThanOrEqual(5);
  const right = responses.at(-1)!;
  expect(right.status).toBe(429);
  expect(right.headers.getSetCookie().some((l) => l.startsWith('pakn_staff='))).toBe(false);
  expect(responses.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(26);
  const row = (await sqlGet(app.db(), 'SELECT locked_until FROM users WHERE id = ?', u.id)) as {
    locked_until: number | null;
  };
  expect(row.locked_until).toBeGreaterThan(Date.now());
});

it('starts counting again once a lock has run out', async () => {
  const u = await createStaffUser(app.db(), { role: 'viewer' });
  const post = (password: string) =>
    postForm(app, '/can-bo/dang-nhap', null, { email: u.email, password }, { ip: '10.9.0.2' });
  for (let i = 0; i < 4; i++) expect((await post(`Wrong-password-${i}-xyz`)).status).toBe(400);
  expect((await post('Wrong-password-5-xyz')).status).toBe(429);
  await sqlRun(app.db(), 'UPDATE users SET locked_until = ? WHERE id = ?', Date.now() - 1000, u.id);
  // one wrong password after the lock is the first of a new series, not a new lock
  expect((await post('Wrong-password-6-xyz')).status).toBe(400);
  expect((await post(u.password)).status).toBe(302);
});

// The forgotten-password form does the same work whether or not the address belongs to a staff account
// (it used to answer ~6 ms faster for unknown addresses): one e-mail rendered and queued, one audit row,
// in one transaction (for an account, the reset token's row is one more insert in that transaction).
// Checked by the rows each request writes, not by timing.
import { afterAll, beforeAll, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../support/app';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { sqlGet } from '../support/sql';
import { createStaffUser, postForm } from '../support/staff';

let app: TestApp;
let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const TABLES = ['outbox', 'audit_log', 'rate_limits'] as const;
async function counts(): Promise<Record<string, number>> {
  const entries: Array<[string, number]> = [];
  for (const t of TABLES)
    entries.push([t, ((await sqlGet(app.db(), `SELECT count(*) AS n FROM ${t}`)) as { n: number }).n]);
  return Object.fromEntries(entries);
}
const outboxBytes = async () =>
  (await sqlGet(app.db(), 'SELECT length(html) + length(text) AS n FROM outbox ORDER BY id DESC')) as {
    n: number;
  };

/** What one request adds to each table, and the size of the message it queued. */
async function writesOf(email: string, ip: string) {
  const before = await counts();
  const res = await postForm(app, '/can-bo/quen-mat-khau', null, { email }, { ip });
  expect(res.status).toBe(200);
  const after = await counts();
  return {
    added: Object.fromEntries(TABLES.map((t) => [t, after[t]! - before[t]!])),
    size: (await outboxBytes())?.n ?? 0,
  };
}

it('writes the same rows for an existing and an unknown address, and mails a link only to the account', async () => {
  const u = await createStaffUser(app.db(), { role: 'handler', unitCode: 'QLKHCN', name: 'Phạm Thị Dung' });
  const known = await writesOf(u.email, '10.30.0.1');
  const unknown = await writesOf('khong-co-ai@example.vn', '10.30.0.2');
  expect(unknown.added).toEqual(known.added);
  expect(known.added).toEqual({ outbox: 1, audit_log: 1, rate_limits: 2 });
  // a message of the same kind and size class is rendered in both branches
  expect(Math.abs(unknown.size - known.size) / known.size).toBeLessThan(0.5);

  const { processOutbox } = await import('../../app/jobs/mail-worker.server');
  await processOutbox({ db: app.db() });
  const mails = await smtp.waitFor(2);
  const toAccount = mails.find((m) => m.text?.includes('Phạm Thị Dung'))!;
  expect(toAccount.text).toMatch(/\/can-bo\/dat-lai\/[A-Za-z0-9_-]+/);
  const notice = mails.find((m) => m !== toAccount)!;
  expect(notice.subject).toBe('Yêu cầu đặt lại mật khẩu tài khoản cán bộ');
  expect(notice.text).toContain('không có tài khoản cán bộ nào');
  expect(notice.text).not.toMatch(/dat-lai/);
});

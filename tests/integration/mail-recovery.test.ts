// After a mail outage: a restart releases the backoff of waiting mail, an administrator can retry at once
// (audited), and /healthz says "degraded" while the oldest pending message is older than the threshold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sqliteClientOf } from '~/utils/db.server';

import { startTestApp, type TestApp } from '../support/app';
import { createTestDb } from '../support/db';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { createStaffUser, followFlash, postForm, signIn } from '../support/staff';

let app: TestApp;
let smtp: TestSmtpServer;
const MINUTE = 60_000;

type OutboxSeed = { subject: string; attempts: number; nextInMs: number; ageMs: number };
function insertWaiting(run: (sql: string, ...p: unknown[]) => unknown, m: OutboxSeed) {
  const now = Date.now();
  run(
    `INSERT INTO outbox (message_id, to_address, subject, html, text, template, status, attempts,
       next_attempt_at, last_error, created_at)
     VALUES (?, 'nguoi.nhan@example.vn', ?, '<p>x</p>', 'x', 'receipt', 'pending', ?, ?, 'ECONNREFUSED', ?)`,
    `<${m.subject.replace(/\W/g, '')}-${now}@test>`,
    m.subject,
    m.attempts,
    now + m.nextInMs,
    now - m.ageMs,
  );
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  // the database as a server stopped during an outage leaves it: a receipt waiting an hour's backoff
  const prepared = createTestDb();
  insertWaiting(
    (q, ...p) =>
      sqliteClientOf(prepared.db)
        .prepare(q)
        .run(...p),
    {
      subject: 'Biên nhận chờ sau sự cố',
      attempts: 8,
      nextInMs: 55 * MINUTE,
      ageMs: 3 * 60 * MINUTE,
    },
  );
  sqliteClientOf(prepared.db).close();
  app = await startTestApp({
    DATABASE_URL: prepared.file,
    SMTP_URL: smtp.url,
    MAIL_WORKER: '1',
    MAIL_POLL_SECONDS: '3600',
  });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const sqlRun = (q: string, ...p: unknown[]) =>
  sqliteClientOf(app.db())
    .prepare(q)
    .run(...p);
/** the worker marks a row sent just after the SMTP server has it: wait for the outbox to agree */
async function untilNothingPending() {
  const count = () =>
    (
      sqliteClientOf(app.db()).prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as {
        n: number;
      }
    ).n;
  for (let i = 0; i < 250 && count() > 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(count()).toBe(0);
}
const health = async () => {
  const res = await app.fetch('/healthz');
  return { status: res.status, body: (await res.json()) as { status: string; mail: string } };
};

describe('mail after an outage', () => {
  it('a restart releases the backoff: mail waiting an hour is sent at start', async () => {
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe('Biên nhận chờ sau sự cố');
  });

  it('/healthz says "degraded" (HTTP 200) while the oldest pending mail is older than 15 minutes', async () => {
    await smtp.waitFor(1);
    await untilNothingPending();
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', mail: 'ok' } });
    insertWaiting(sqlRun, { subject: 'Mới chờ', attempts: 2, nextInMs: 30 * MINUTE, ageMs: 5 * MINUTE });
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', mail: 'ok' } });
    insertWaiting(sqlRun, { subject: 'Chờ lâu', attempts: 5, nextInMs: 30 * MINUTE, ageMs: 20 * MINUTE });
    expect(await health()).toMatchObject({ status: 200, body: { status: 'degraded', mail: 'delayed' } });
  });

  it('an administrator retries now from the outbox page: the waiting mail goes out, audited', async () => {
    const coordinator = await createStaffUser(app.db(), { role: 'coordinator' });
    const other = await signIn(app, coordinator.email, coordinator.password);
    expect((await postForm(app, '/can-bo/quan-tri/hop-thu', other, { intent: 'retry' })).status).toBe(403);

    const admin = await createStaffUser(app.db(), { role: 'admin' });
    const cookie = await signIn(app, admin.email, admin.password);
    const home = await (await app.fetch('/can-bo/quan-tri', { headers: { Cookie: cookie } })).text();
    expect(home).toContain('href="/can-bo/quan-tri/hop-thu"');
    const page = await app.fetch('/can-bo/quan-tri/hop-thu', { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('Gửi lại ngay');
    expect(text).toMatch(/2<\/(dd|strong|td)>/); // two messages waiting

    const before = smtp.messages.length;
    const res = await postForm(app, '/can-bo/quan-tri/hop-thu', cookie, { intent: 'retry' });
    expect(res.status).toBe(302);
    // the confirmation travels in the flash cookie, not in the address
    expect(res.headers.get('Location')).toBe('/can-bo/quan-tri/hop-thu');
    expect(await followFlash(app, res, cookie)).toContain('Đã gửi lại ngay 2 thư đang chờ.');
    const mails = await smtp.waitFor(before + 2);
    await untilNothingPending();
    expect(
      mails
        .slice(before)
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['Chờ lâu', 'Mới chờ']);
    const audit = sqliteClientOf(app.db())
      .prepare("SELECT actor_user_id AS actor, detail FROM audit_log WHERE action = 'mail.retry_now'")
      .all() as Array<{ actor: number; detail: string }>;
    expect(audit).toEqual([{ actor: admin.id, detail: JSON.stringify({ released: 2 }) }]);
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', mail: 'ok' } });
  });
});

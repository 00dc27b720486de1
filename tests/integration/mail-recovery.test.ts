// After a mail outage: a restart releases the backoff of waiting mail, an administrator can retry at once
// (audited), and /healthz says "degraded" while the oldest pending message is older than the threshold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Db } from '~/utils/db.server';

import { startTestApp, type TestApp } from '../support/app';
import { openTestDb } from '../support/db';
import { ON_PG } from '../support/pg-template';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { sqlAll, sqlGet, sqlRun } from '../support/sql';
import { createStaffUser, followFlash, postForm, signIn } from '../support/staff';

let app: TestApp;
let smtp: TestSmtpServer;
let prepared: Awaited<ReturnType<typeof openTestDb>> | undefined;
const MINUTE = 60_000;

type OutboxSeed = { subject: string; attempts: number; nextInMs: number; ageMs: number };
async function insertWaiting(db: Db, m: OutboxSeed) {
  const now = Date.now();
  await sqlRun(
    db,
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
  prepared = await openTestDb();
  await insertWaiting(prepared.db, {
    subject: 'Biên nhận chờ sau sự cố',
    attempts: 8,
    nextInMs: 55 * MINUTE,
    ageMs: 3 * 60 * MINUTE,
  });
  await prepared.close();
  app = await startTestApp({
    DATABASE_URL: prepared.url,
    SMTP_URL: smtp.url,
    MAIL_WORKER: '1',
    MAIL_POLL_SECONDS: '3600',
  });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
  await prepared?.cleanup();
});

/** the worker marks a row sent just after the SMTP server has it: wait for the outbox to agree */
async function untilNothingPending() {
  const count = async () =>
    (await sqlGet<{ n: number }>(app.db(), "SELECT count(*) AS n FROM outbox WHERE status = 'pending'"))!.n;
  for (let i = 0; i < 250 && (await count()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(await count()).toBe(0);
}
const health = async () => {
  const res = await app.fetch('/healthz');
  return { status: res.status, body: (await res.json()) as { status: string; mail: string } };
};

describe('mail after an outage', () => {
  it.skipIf(ON_PG)('a restart releases the backoff: mail waiting an hour is sent at start', async () => {
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe('Biên nhận chờ sau sự cố');
  });

  // several processes share the outbox there: the waiting row may be another live process's lease
  it.skipIf(!ON_PG)(
    'on PostgreSQL a restart leaves waiting mail to its backoff (or to "retry now")',
    async () => {
      const row = await sqlGet<{ status: string; next: number }>(
        app.db(),
        `SELECT status, next_attempt_at AS next FROM outbox WHERE subject = 'Biên nhận chờ sau sự cố'`,
      );
      expect(row!.status).toBe('pending');
      expect(row!.next).toBeGreaterThan(Date.now() + 50 * MINUTE);
      // the tests below start from an empty outbox, as on SQLite after its release
      await sqlRun(app.db(), `DELETE FROM outbox WHERE subject = 'Biên nhận chờ sau sự cố'`);
    },
  );

  it('/healthz says "degraded" (HTTP 200) while the oldest pending mail is older than 15 minutes', async () => {
    if (!ON_PG) await smtp.waitFor(1);
    await untilNothingPending();
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', mail: 'ok' } });
    await insertWaiting(app.db(), {
      subject: 'Mới chờ',
      attempts: 2,
      nextInMs: 30 * MINUTE,
      ageMs: 5 * MINUTE,
    });
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', mail: 'ok' } });
    await insertWaiting(app.db(), {
      subject: 'Chờ lâu',
      attempts: 5,
      nextInMs: 30 * MINUTE,
      ageMs: 20 * MINUTE,
    });
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
    const audit = await sqlAll<{ actor: number; detail: string }>(
      app.db(),
      "SELECT actor_user_id AS actor, detail FROM audit_log WHERE action = 'mail.retry_now'",
    );
    expect(audit).toEqual([{ actor: admin.id, detail: JSON.stringify({ released: 2 }) }]);
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', mail: 'ok' } });
  });
});

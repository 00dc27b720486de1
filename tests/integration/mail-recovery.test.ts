// After a mail outage: a restart releases the backoff of waiting mail, an administrator can retry at once
// (audited), and /healthz says "degraded" while the oldest pending message is older than the threshold. Neither
// touches a message a worker holds on PostgreSQL, where that worker may be another process sending it right now.
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

type OutboxSeed = { subject: string; attempts: number; nextInMs: number; ageMs: number; leased?: boolean };
async function insertWaiting(db: Db, m: OutboxSeed) {
  const now = Date.now();
  await sqlRun(
    db,
    `INSERT INTO outbox (message_id, to_address, subject, html, text, template, status, attempts,
       next_attempt_at, leased_until, last_error, created_at)
     VALUES (?, 'nguoi.nhan@example.vn', ?, '<p>x</p>', 'x', 'receipt', 'pending', ?, ?, ?, 'ECONNREFUSED', ?)`,
    `<${m.subject.replace(/\W/g, '')}-${now}@test>`,
    m.subject,
    m.attempts,
    now + m.nextInMs,
    m.leased ? now + m.nextInMs : null,
    now - m.ageMs,
  );
}
const BACKOFF = 'Biên nhận chờ sau sự cố';
// claimed by a worker 2 minutes ago: a 15-minute lease with 13 to go
const LEASED = 'Đang gửi ở tiến trình khác';
const leasedRow = async () =>
  (await sqlGet<{ status: string; next: number; leased: number | null }>(
    app.db(),
    `SELECT status, next_attempt_at AS next, leased_until AS leased FROM outbox WHERE subject = ?`,
    LEASED,
  ))!;

beforeAll(async () => {
  smtp = await startSmtpServer();
  // the database as a server stopped during an outage leaves it: a receipt waiting an hour's backoff
  prepared = await openTestDb();
  await insertWaiting(prepared.db, {
    subject: BACKOFF,
    attempts: 8,
    nextInMs: 55 * MINUTE,
    ageMs: 3 * 60 * MINUTE,
  });
  await insertWaiting(prepared.db, {
    subject: LEASED,
    attempts: 0,
    nextInMs: 13 * MINUTE,
    ageMs: MINUTE,
    leased: true,
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

/** the worker marks a row sent just after the SMTP server has it: wait for the outbox to agree (but for the
 *  message another process holds on PostgreSQL) */
async function untilNothingPending() {
  const count = async () =>
    (await sqlGet<{ n: number }>(
      app.db(),
      "SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND subject <> ?",
      ON_PG ? LEASED : '',
    ))!.n;
  for (let i = 0; i < 250 && (await count()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(await count()).toBe(0);
}
const health = async () => {
  const res = await app.fetch('/healthz');
  return { status: res.status, body: (await res.json()) as { status: string; mail: string } };
};

describe('mail after an outage', () => {
  it('a restart sends mail waiting out a backoff at once; a running lease only on SQLite', async () => {
    // SQLite: this process is the only sender, so a lease left at start-up is a killed process's
    const mails = await smtp.waitFor(ON_PG ? 1 : 2);
    expect(mails.map((m) => m.subject).sort()).toEqual(ON_PG ? [BACKOFF] : [BACKOFF, LEASED].sort());
    await untilNothingPending();
    // PostgreSQL: another live process may be sending it: its lease is left as it was
    if (ON_PG)
      expect(await leasedRow()).toMatchObject({ status: 'pending', leased: (await leasedRow()).next });
    else expect(await leasedRow()).toMatchObject({ status: 'sent', leased: null });
  });

  it('/healthz says "degraded" (HTTP 200) while the oldest pending mail is older than 15 minutes', async () => {
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
    // two messages waiting (three on PostgreSQL, with the one another process holds)
    expect(text).toMatch(ON_PG ? /3<\/(dd|strong|td)>/ : /2<\/(dd|strong|td)>/);

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
    // "retry now" released the two backoffs, not the lease: nothing was sent twice
    if (ON_PG) {
      expect(await leasedRow()).toMatchObject({ status: 'pending', leased: (await leasedRow()).next });
      expect(smtp.messages.filter((m) => m.subject === LEASED)).toEqual([]);
    }
  });
});

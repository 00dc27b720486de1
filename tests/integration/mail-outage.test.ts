// Mail outage: with the SMTP server down, N PAKN are registered (their receipts wait in the outbox and
// /healthz shows the backlog); once it is back, each receipt is delivered exactly once.
import { afterAll, beforeAll, expect, it } from 'vitest';

import { openDatabaseUrl } from '~/utils/db.server';

import {
  freePort,
  ipFor,
  runPool,
  type ServerProcess,
  startServer,
  submitPakn,
  waitUntil,
} from '../support/server-process';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { sqlAll, sqlGet } from '../support/sql';

const N = 20;

let smtpPort: number;
let smtp: TestSmtpServer | undefined;
let srv: ServerProcess;

type Health = { status: string; outbox: { pending: number; oldestPendingAgeSeconds: number | null } };
const health = async () => (await (await fetch(`${srv.baseUrl}/healthz`)).json()) as Health;

beforeAll(async () => {
  smtpPort = await freePort(); // nothing listens there yet: connections are refused
  srv = await startServer({
    // 5 submissions at once and the mail worker's passes: a pool of 4 made one submission wait past the
    // connection timeout (a 503) once, on PostgreSQL at load 9
    env: {
      TRUST_PROXY: '1',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_POLL_SECONDS: '1',
      DATABASE_POOL_MAX: '8',
    },
  });
});
afterAll(async () => {
  await srv?.cleanup();
  await smtp?.stop();
});

it('queues the receipts while SMTP is down and delivers each exactly once when it returns', async () => {
  const codes: string[] = [];
  await runPool(N, 5, async (i) => {
    const r = await submitPakn(
      srv.baseUrl,
      { title: `Thử mất kết nối thư số ${i}`, email: `mat.thu.${i}@example.vn` },
      { ip: ipFor(i) },
    );
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (r.ok) codes.push(r.code);
  });
  expect(codes).toHaveLength(N);

  // every receipt has been tried and refused, and waits its backoff
  // the server's database, read from here (its SQLite file, or its PostgreSQL database)
  const database = await openDatabaseUrl(srv.dbFile);
  const db = database.db;
  const failedOnce = async () =>
    (await sqlGet<{ n: number }>(
      db,
      "SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND attempts >= 1 AND last_error LIKE '%ECONNREFUSED%'",
    ))!.n;
  await waitUntil(async () => (await failedOnce()) === N, { timeoutMs: 15_000, what: 'N refused attempts' });
  await new Promise((r) => setTimeout(r, 1100)); // let the oldest age tick past 0
  const during = await health();
  expect(during.status).toBe('ok');
  expect(during.outbox.pending).toBe(N);
  expect(during.outbox.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(1);

  // SMTP comes back on the same port; the worker retries at the end of each row's backoff (30 s)
  smtp = await startSmtpServer({ port: smtpPort });
  const back = Date.now();
  const mails = await smtp.waitFor(N, 60_000);
  const deliverySeconds = (Date.now() - back) / 1000;
  await waitUntil(async () => (await health()).outbox.pending === 0, { what: 'an empty outbox' });
  const after = await health();
  expect(after.outbox).toEqual({ pending: 0, oldestPendingAgeSeconds: null });

  // later passes, and a restart, send nothing more
  await new Promise((r) => setTimeout(r, 3000));
  expect((await srv.kill('SIGTERM')).code).toBe(0);
  await srv.restart();
  await new Promise((r) => setTimeout(r, 3000));
  expect(smtp.messages).toHaveLength(N);

  const ids = smtp.messages.map((m) => m.messageId);
  expect(new Set(ids).size).toBe(N);
  for (const code of codes) {
    expect(
      smtp.messages.filter((m) => m.subject?.includes(code)),
      code,
    ).toHaveLength(1);
  }
  const rows = await sqlAll<{ status: string; attempts: number; messageId: string }>(
    db,
    `SELECT status, attempts, message_id AS "messageId" FROM outbox WHERE template = 'receipt'`,
  );
  await database.close();
  expect(rows).toHaveLength(N);
  expect(rows.every((r) => r.status === 'sent' && r.attempts >= 2)).toBe(true);
  expect(new Set(rows.map((r) => r.messageId))).toEqual(new Set(ids));

  console.log(
    `[mail-outage] ${N} PAKN registered with SMTP down: ${during.outbox.pending} receipts pending, oldest ` +
      `${during.outbox.oldestPendingAgeSeconds} s; SMTP back → ${mails.length} delivered in ` +
      `${deliverySeconds.toFixed(1)} s (first retry after the 30 s backoff), ${new Set(ids).size} distinct ` +
      `Message-IDs, each code once; 0 more after 3 s of passes and a restart`,
  );
}, 90_000);

// The mail subsystem end to end: templates → outbox (in the caller's transaction) → a real SMTP
// server (smtp-server + mailparser), outages and retries, the .eml file transport, escaping.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { first, transaction } from '~/utils/db.server';

import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { TEST_TMP_DIR } from '../support/tmp';

// getEnv() caches its first read: configure everything before the app modules are imported.
const DATA_DIR = path.join(TEST_TMP_DIR, `mail-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
const MAIL_FROM = 'Cổng PAKN Sở KH&CN <no-reply@pakn.example.gov.vn>';
Object.assign(process.env, {
  NODE_ENV: 'test',
  DATA_DIR,
  DATABASE_URL: path.join(DATA_DIR, 'pakn.db'),
  BASE_URL: 'https://pakn.example.gov.vn',
  MAIL_FROM,
  MAIL_WORKER: '0',
  LOG_LEVEL: 'silent',
});
let smtp: TestSmtpServer = await startSmtpServer();

/** The mail subsystem as one namespace: the outbox (models), the worker (jobs), the transport (utils). */
async function mailModules() {
  return {
    ...(await import('../../app/models/outbox.server')),
    ...(await import('../../app/jobs/mail-worker.server')),
    ...(await import('../../app/utils/mail-transport.server')),
  };
}
process.env.SMTP_URL = smtp.url;

const mail = await mailModules();
const { renderReceiptEmail } = await import('../../emails');
const { openTestDb } = await import('../support/db');
const { openDatabaseUrl } = await import('../../app/utils/db.server');
const schema = await import('../../db/schema');
const { eq, inArray } = await import('drizzle-orm');

type ReceiptEmailData = import('../../emails').ReceiptEmailData;
type Db = import('../../app/utils/db.server').Db;
type Tx = import('../../app/utils/db.server').Tx;

let testDb: Awaited<ReturnType<typeof openTestDb>>;
let db: Db;
let agency: ReceiptEmailData['agency'];

const TO = 'nguyen.van.a@example.vn';

function receiptData(code: string, over: Partial<ReceiptEmailData> = {}): ReceiptEmailData {
  return {
    locale: 'vi',
    code,
    title: 'Thủ tục cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ còn rườm rà',
    receivedDate: '27/11/2026',
    dueDate: '18/12/2026',
    dueExplanation: '15 ngày làm việc kể từ ngày tiếp nhận, theo Điều 15 Nghị định số 20/2008/NĐ-CP.',
    followUrl: `https://pakn.example.gov.vn/theo-doi/${code}?t=${crypto.randomBytes(12).toString('hex')}`,
    lookupUrl: 'https://pakn.example.gov.vn/tra-cuu',
    agency,
    submitter: { kind: 'individual', fullName: 'Nguyễn Văn A' },
    ...over,
  };
}

async function enqueueReceipt(target: Db | Tx, code: string, over: Partial<ReceiptEmailData> = {}) {
  const data = receiptData(code, over);
  const rendered = renderReceiptEmail(data);
  await mail.enqueueMail(target, { to: TO, ...rendered, template: 'receipt', paknId: null });
  return data;
}

const rows = async () => await db.select().from(schema.outbox).orderBy(schema.outbox.id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  // also the models' default database (getDb), which the worker below uses
  testDb = await openTestDb();
  db = testDb.db;
  const a = await first(db.select().from(schema.agency));
  if (!a) throw new Error('seeded agency missing');
  agency = {
    name: a.name,
    address: a.address,
    hotline: a.hotline,
    email: a.email,
    officeHours: a.officeHours,
  };
});

beforeEach(async () => {
  await db.delete(schema.outbox);
  smtp.messages.length = 0;
});

afterAll(async () => {
  await smtp.stop();
  await testDb.cleanup();
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
});

describe('receipt e-mail through SMTP', () => {
  it('is delivered with its code, follow link, intact diacritics and the outbox Message-ID', async () => {
    const code = 'KHCN-2026-000042';
    const data = await transaction(db, async (tx) => enqueueReceipt(tx, code));
    expect((await mail.outboxStats(db)).pending).toBe(1);

    expect(await mail.processOutbox({ db })).toEqual({ sent: 1, retried: 0 });
    const [m] = await smtp.waitFor(1);
    if (!m) throw new Error('no message');

    expect(m.subject).toBe(`[${code}] Đã tiếp nhận phản ánh, kiến nghị của Ông/Bà`);
    expect(m.text).toContain(code);
    expect(m.text).toContain(data.followUrl);
    expect(m.text).toContain('phản ánh, kiến nghị');
    expect(m.text).toContain('Kính gửi Ông/Bà Nguyễn Văn A,');
    expect(m.text).toContain(agency.hotline);
    const html = m.html || '';
    expect(html).toContain(code);
    expect(html).toContain(`href="${data.followUrl}"`);
    expect(html).toContain('phản ánh, kiến nghị');
    expect(html).toContain('lang="vi"');
    expect(html).toContain(agency.name);
    expect(m.headers.get('auto-submitted')).toBe('auto-generated');
    expect(m.from?.text).toContain('no-reply@pakn.example.gov.vn');
    expect(m.from?.value[0]?.name).toBe('Cổng PAKN Sở KH&CN');

    const [row] = await rows();
    expect(row?.messageId).toMatch(/^<[0-9a-f]{32}@pakn\.example\.gov\.vn>$/);
    expect(m.messageId).toBe(row?.messageId);
    expect(row?.status).toBe('sent');
    expect(row?.attempts).toBe(1);
    expect(row?.sentAt).toBeInstanceOf(Date);
    expect(await mail.outboxStats(db)).toEqual({ pending: 0, oldestPendingAgeSeconds: null });

    // nothing left to send
    expect(await mail.processOutbox({ db })).toEqual({ sent: 0, retried: 0 });
    await sleep(100);
    expect(smtp.messages).toHaveLength(1);
  });

  it('is not queued when the caller’s transaction rolls back', async () => {
    await expect(
      (async () =>
        await transaction(db, async (tx) => {
          await enqueueReceipt(tx, 'KHCN-2026-000043');
          throw new Error('rollback');
        }))(),
    ).rejects.toThrow('rollback');
    expect(await rows()).toHaveLength(0);
  });

  it('describes the transport without credentials', () => {
    expect(mail.describeTransport()).toBe(`SMTP smtp://127.0.0.1:${smtp.port}`);
  });

  it('keeps its SMTP connections unless the URL says otherwise, credentials untouched (ADR 0026)', async () => {
    expect(mail.pooled('smtp://127.0.0.1:2525')).toBe('smtp://127.0.0.1:2525?pool=true');
    expect(mail.pooled('smtps://th%40u:m%E1%BA%ADt@mail.example.vn:465')).toBe(
      'smtps://th%40u:m%E1%BA%ADt@mail.example.vn:465?pool=true',
    );
    expect(mail.pooled('smtp://mail.example.vn:587/?pool=false')).toBe(
      'smtp://mail.example.vn:587/?pool=false',
    );
    // ten receipts one after another through the worker's transport, new for this test: one connection carries
    // them all
    mail.closeDefaultTransport();
    const connections = new Set<string>();
    const seen = (id: string) => connections.add(id);
    smtp.onConnect = seen;
    try {
      for (let i = 0; i < 10; i++) await enqueueReceipt(db, `KHCN-2026-00020${i}`);
      expect(await mail.processOutbox({ db })).toEqual({ sent: 10, retried: 0 });
    } finally {
      smtp.onConnect = undefined;
    }
    expect(connections.size).toBe(1);
  });
});

describe('SMTP outage', () => {
  it('keeps every message, backs off, then delivers each exactly once', async () => {
    const { port } = smtp;
    await smtp.stop();
    const codes = Array.from({ length: 5 }, (_, i) => `KHCN-2026-00010${i}`);
    for (const code of codes) await enqueueReceipt(db, code);
    const t0 = Date.now();

    expect(await mail.processOutbox({ db, now: t0 })).toEqual({ sent: 0, retried: 5 });
    for (const r of await rows()) {
      expect(r.status).toBe('pending');
      expect(r.attempts).toBe(1);
      expect(r.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0 + 30_000);
      expect(r.nextAttemptAt.getTime()).toBeLessThan(t0 + 40_000);
      expect(r.lastError).toBeTruthy();
      expect(r.lastError).not.toContain(TO);
    }
    expect((await mail.outboxStats(db)).pending).toBe(5);

    // not due yet
    expect(await mail.processOutbox({ db, now: t0 + 10_000 })).toEqual({ sent: 0, retried: 0 });

    // still down at the first retry: the delay doubles
    const t1 = t0 + 45_000;
    expect(await mail.processOutbox({ db, now: t1 })).toEqual({ sent: 0, retried: 5 });
    for (const r of await rows()) {
      expect(r.attempts).toBe(2);
      expect(r.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t1 + 60_000);
      expect(r.nextAttemptAt.getTime()).toBeLessThan(t1 + 70_000);
    }

    smtp = await startSmtpServer({ port });
    const t2 = t1 + 2 * 60_000;
    expect(await mail.processOutbox({ db, now: t2 })).toEqual({ sent: 5, retried: 0 });
    const received = await smtp.waitFor(5);
    const after = await rows();
    expect(after.every((r) => r.status === 'sent' && r.attempts === 3)).toBe(true);
    expect(received.map((m) => m.messageId).sort()).toEqual(after.map((r) => r.messageId).sort());
    expect(new Set(received.map((m) => m.subject)).size).toBe(5);
    for (const code of codes) expect(received.filter((m) => m.subject?.includes(code))).toHaveLength(1);

    // a further pass, even much later, sends nothing
    expect(await mail.processOutbox({ db, now: t2 + 10 * 3600_000 })).toEqual({ sent: 0, retried: 0 });
    await sleep(200);
    expect(smtp.messages).toHaveLength(5);
  });

  it('caps the backoff at one hour and never gives up', () => {
    expect([1, 2, 3, 4].map(mail.retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(mail.retryDelayMs(7)).toBe(1_920_000);
    expect(mail.retryDelayMs(8)).toBe(3_600_000);
    expect(mail.retryDelayMs(1000)).toBe(3_600_000);
  });
});

describe('leases', () => {
  it('two processes passing at once send each message exactly once', async () => {
    const codes = Array.from({ length: 8 }, (_, i) => `KHCN-2026-00020${i}`);
    for (const code of codes) await enqueueReceipt(db, code);
    const other = await openDatabaseUrl(testDb.url); // a second connection, as another process would have
    try {
      const results = await Promise.all([
        mail.processOutbox({ db, limit: 5 }),
        mail.processOutbox({ db: other.db, limit: 5 }),
        mail.processOutbox({ db: other.db, limit: 5 }),
      ]);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(8);
    } finally {
      await other.close();
    }
    await smtp.waitFor(8);
    await sleep(200);
    expect(smtp.messages).toHaveLength(8);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(8);
  });

  it('a row claimed by a process that died is sent once its lease expires', async () => {
    await enqueueReceipt(db, 'KHCN-2026-000300');
    const t0 = Date.now();
    // what a claim leaves behind when the process is killed before sending
    await db.update(schema.outbox).set({ nextAttemptAt: new Date(t0 + mail.LEASE_MS) });
    expect(await mail.processOutbox({ db, now: t0 + 60_000 })).toEqual({ sent: 0, retried: 0 });
    expect(await mail.processOutbox({ db, now: t0 + mail.LEASE_MS + 1 })).toEqual({ sent: 1, retried: 0 });
    await smtp.waitFor(1);
  });

  it('reports the pending backlog and its age', async () => {
    await enqueueReceipt(db, 'KHCN-2026-000400');
    await enqueueReceipt(db, 'KHCN-2026-000401');
    const [first] = await rows();
    await db
      .update(schema.outbox)
      .set({ createdAt: new Date(Date.now() - 90_000) })
      .where(eq(schema.outbox.id, first!.id));
    const stats = await mail.outboxStats(db);
    expect(stats.pending).toBe(2);
    expect(stats.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(89);
    expect(stats.oldestPendingAgeSeconds).toBeLessThan(120);
  });
});

describe('worker', () => {
  it('sends soon after an enqueue, and stop() waits for the pass in flight', async () => {
    vi.resetModules();
    process.env.MAIL_WORKER = '1';
    process.env.SMTP_URL = smtp.url;
    try {
      const m = await mailModules();
      const { getDb } = await import('../../app/utils/db.server');
      const worker = await m.startMailWorker({ intervalMs: 60_000 });
      expect(await m.startMailWorker()).toBe(worker); // one per process
      let stopped = false;
      try {
        // the first pass runs right away; with a 60 s interval, only the kick can deliver these
        await sleep(300);
        const data = receiptData('KHCN-2026-000500');
        await transaction(getDb(), async (tx) =>
          m.enqueueMail(tx, { to: TO, ...renderReceiptEmail(data), template: 'receipt' }),
        );
        const [msg] = await smtp.waitFor(1, 3000);
        expect(msg?.subject).toContain('KHCN-2026-000500');

        // stop while the kicked pass is sending: stop() resolves only once it is done
        await m.enqueueMail(getDb(), {
          to: TO,
          ...renderReceiptEmail(receiptData('KHCN-2026-000501')),
          template: 'receipt',
        });
        await sleep(60);
        await worker.stop();
        stopped = true;
        const { pending } = await m.outboxStats();
        expect(pending).toBe(0);
        expect(smtp.messages).toHaveLength(2);
      } finally {
        if (!stopped) await worker.stop();
      }
      expect(await m.outboxStats()).toEqual({ pending: 0, oldestPendingAgeSeconds: null });
    } finally {
      process.env.MAIL_WORKER = '0';
    }
  });
});

describe('file transport (no SMTP_URL)', () => {
  it('writes each message as an .eml file under DATA_DIR/mail that parses back', async () => {
    delete process.env.SMTP_URL;
    vi.resetModules();
    const fileMail = await mailModules();
    const mailDir = path.join(DATA_DIR, 'mail');
    expect(fileMail.describeTransport()).toBe(`files in ${mailDir}`);

    const sent = await Promise.all(
      ['KHCN-2026-000600', 'KHCN-2026-000601'].map(async (code) => {
        const data = receiptData(code);
        await fileMail.enqueueMail(db, { to: TO, ...renderReceiptEmail(data), template: 'receipt' });
        return data;
      }),
    );
    expect(await fileMail.processOutbox({ db })).toEqual({ sent: 2, retried: 0 });

    const outRows = await rows();
    expect(outRows).toHaveLength(sent.length);
    for (const row of outRows) {
      const file = path.join(mailDir, `${row.id}-receipt.eml`);
      expect(fs.existsSync(file)).toBe(true);
      const parsed = await simpleParser(fs.readFileSync(file));
      // the two were queued at once: their rows may be in either order
      const data = sent.find((d) => row.subject.includes(d.code))!;
      expect(parsed.messageId).toBe(row.messageId);
      expect(parsed.subject).toBe(`[${data.code}] Đã tiếp nhận phản ánh, kiến nghị của Ông/Bà`);
      expect(parsed.text).toContain(data.followUrl);
      expect(parsed.text).toContain('phản ánh, kiến nghị');
      expect(parsed.html || '').toContain(data.code);
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '').toBe(TO);
      expect(row.status).toBe('sent');
    }
    expect(fs.readdirSync(mailDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(smtp.messages).toHaveLength(0);
    expect(
      await db
        .select()
        .from(schema.outbox)
        .where(inArray(schema.outbox.status, ['pending'])),
    ).toHaveLength(0);
  });

  it('never shows SMTP credentials in the transport description', async () => {
    process.env.SMTP_URL = 'smtps://pakn-user:s3cr3t@mail.example.gov.vn';
    vi.resetModules();
    try {
      const m = await mailModules();
      const d = m.describeTransport();
      expect(d).toBe('SMTP smtps://mail.example.gov.vn:465');
      expect(d).not.toContain('s3cr3t');
      expect(d).not.toContain('pakn-user');
    } finally {
      delete process.env.SMTP_URL;
    }
  });
});

describe('templates', () => {
  it('escapes what the citizen wrote in the HTML part', () => {
    const r = renderReceiptEmail(
      receiptData('KHCN-2026-000700', {
        title: '<script>alert(1)</script>',
        submitter: { kind: 'individual', fullName: '"><img src=x onerror=alert(2)>' },
      }),
    );
    expect(r.html).not.toContain('<script>');
    expect(r.html).not.toContain('<img');
    expect(r.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(r.html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    // the plain-text part is text: shown as written
    expect(r.text).toContain('<script>alert(1)</script>');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() =>
      renderReceiptEmail(receiptData('KHCN-2026-000701', { followUrl: 'javascript:alert(1)' })),
    ).toThrow();
  });

  it('renders the English version', () => {
    const r = renderReceiptEmail(
      receiptData('KHCN-2026-000702', {
        locale: 'en',
        submitter: { kind: 'individual', fullName: 'Jane Doe' },
      }),
    );
    expect(r.subject).toBe('[KHCN-2026-000702] We have received your feedback or petition');
    expect(r.html).toContain('lang="en"');
    expect(r.text).toContain('Dear Jane Doe,');
    expect(r.text).toContain('do not forward');
    expect(r.html).not.toMatch(/email\.(receipt|layout)\./); // no missing keys
    expect(r.text).not.toMatch(/email\.(receipt|layout)\./);
  });

  it('has the same keys in both languages', async () => {
    const vi_ = (await import('../../app/locales/vi/email')).default;
    const en = (await import('../../app/locales/en/email')).default;
    const keys = (o: object, p = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'object' && v !== null ? keys(v as object, `${p}${k}.`) : [`${p}${k}`],
      );
    expect(keys(en).sort()).toEqual(keys(vi_).sort());
  });
});

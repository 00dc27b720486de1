// Webhooks (issue 14): registered by an administrator, recorded in the transaction of each change (received,
// assigned, answered, published), delivered by the worker to a REAL HTTP receiver on loopback — signed, with no
// personal data, retried with backoff, exactly once per event even with two passes at once, failed after the
// cap, sent again on request. The page refuses bad input with translated messages and keeps what was typed.
import crypto from 'node:crypto';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Actor } from '~/domain/permissions';
import { WEBHOOK_MAX_ATTEMPTS } from '~/domain/webhooks';
import { processWebhooks, WEBHOOK_LEASE_MS } from '~/jobs/webhook-worker.server';
import { performAction } from '~/models/workflow/perform.server';
import { first, openDatabaseUrl } from '~/utils/db.server';
import { postWebhook } from '~/utils/webhook-http.server';
import * as s from '~db/schema';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { paknFixture, seedPakn } from '../support/pakn';
import { createStaffUser, signIn } from '../support/staff';
import { type Receiver, startReceiver } from '../support/webhook-receiver';

const PAGE = '/can-bo/quan-tri/webhook';
const SECRET = /whsec_[A-Za-z0-9_-]{43}/;
const PERSON = {
  fullName: 'Lê Thị Thu Hà',
  email: 'thuha.le@example.vn',
  phone: '0987654321',
  address: '27 Trần Hưng Đạo, phường 1, Tuy Hòa',
};
const CONTENT = 'Đề nghị rút ngắn thời gian thẩm định hồ sơ cấp phép bức xạ y tế.';

let app: TestApp;
let receiver: Receiver;
let admin = '';
let coordinatorCookie = '';
const actors: Record<'coord' | 'handler' | 'approver', Actor> = {
  coord: { id: 0, role: 'coordinator', unitId: null },
  handler: { id: 0, role: 'handler', unitId: null },
  approver: { id: 0, role: 'approver', unitId: null },
};
let unitId = 0;

function post(path: string, fields: Array<[string, string]>, cookie = admin) {
  return app.fetch(path, {
    method: 'POST',
    headers: { Origin: BASE, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
}

async function register(url: string, events: string[]): Promise<{ id: number; secret: string }> {
  const res = await post(PAGE, [
    ['intent', 'create'],
    ['url', url],
    ...events.map((e): [string, string] => ['events', e]),
  ]);
  expect(res.status).toBe(200);
  const secret = SECRET.exec(await res.text())?.[0];
  expect(secret).toBeTruthy();
  const row = (await first(app.db().select().from(s.webhooks).where(eq(s.webhooks.secret, secret!))))!;
  return { id: row.id, secret: secret! };
}

const deliveriesOf = async (webhookId: number) =>
  await app.db().select().from(s.webhookDeliveries).where(eq(s.webhookDeliveries.webhookId, webhookId));

function verify(r: { headers: Record<string, unknown>; body: string }, secret: string) {
  const header = String(r.headers['x-pakn-signature']);
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  expect(m, header).toBeTruthy();
  const expected = crypto.createHmac('sha256', secret).update(`${m![1]}.${r.body}`).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(m![2]!));
}

/** Assigns, answers and approves a PAKN through the workflow, as staff do. */
async function assignAndAnswer(paknId: number) {
  const version = async () =>
    (await first(app.db().select().from(s.pakn).where(eq(s.pakn.id, paknId))))!.version;
  await performAction({
    actor: actors.coord,
    paknId,
    input: { intent: 'assign', version: await version(), unitId },
  });
  await performAction({ actor: actors.handler, paknId, input: { intent: 'take', version: await version() } });
  await performAction({
    actor: actors.handler,
    paknId,
    input: {
      intent: 'draft',
      version: await version(),
      outcome: 'amend',
      body: 'Sở sẽ sửa đổi quy định theo thẩm quyền.',
    },
  });
  await performAction({
    actor: actors.handler,
    paknId,
    input: { intent: 'submit', version: await version() },
  });
  await performAction({
    actor: actors.approver,
    paknId,
    input: { intent: 'approve', version: await version() },
  });
}

beforeAll(async () => {
  app = await startTestApp();
  receiver = await startReceiver();
  const db = app.db();
  unitId = (await first(db.select().from(s.units).where(eq(s.units.code, 'QLKHCN'))))!.id;
  const a = await createStaffUser(db, { role: 'admin' });
  admin = await signIn(app, a.email, a.password);
  const c = await createStaffUser(db, { role: 'coordinator' });
  coordinatorCookie = await signIn(app, c.email, c.password);
  actors.coord = { id: c.id, role: 'coordinator', unitId: null };
  const h = await createStaffUser(db, { role: 'handler', unitCode: 'QLKHCN' });
  actors.handler = { id: h.id, role: 'handler', unitId };
  const ap = await createStaffUser(db, { role: 'approver', unitCode: 'QLKHCN' });
  actors.approver = { id: ap.id, role: 'approver', unitId };
});
afterAll(async () => {
  await receiver?.close();
  await app?.stop();
});

describe('the admin page', () => {
  it('is for administrators only', async () => {
    expect((await app.fetch(PAGE, { headers: { Cookie: coordinatorCookie } })).status).toBe(403);
    const refused = await post(
      PAGE,
      [
        ['intent', 'create'],
        ['url', receiver.url()],
        ['events', 'received'],
      ],
      coordinatorCookie,
    );
    expect(refused.status).toBe(403);
    expect(await app.db().select().from(s.webhooks)).toHaveLength(0);
    const nav = await (await app.fetch('/can-bo/quan-tri', { headers: { Cookie: admin } })).text();
    expect(nav).toContain(`href="${PAGE}"`);
  });

  it('refuses a bad URL, no event and a private address, with translated messages, keeping what was typed', async () => {
    const cases: Array<[string, string[], string[]]> = [
      ['', ['received'], ['Nhập địa chỉ nhận']],
      ['không phải url', ['received'], ['Địa chỉ nhận không hợp lệ']],
      ['ftp://files.example.vn/x', ['received'], ['phải bắt đầu bằng https://']],
      ['https://user:pass@example.vn/x', ['received'], ['Không ghi tên đăng nhập hay mật khẩu']],
      ['http://192.168.1.10/hook', ['answered'], ['Không gửi được đến địa chỉ nội bộ']],
      ['http://169.254.169.254/latest', ['answered'], ['Không gửi được đến địa chỉ nội bộ']],
      ['http://[fd00::1]/hook', ['answered'], ['Không gửi được đến địa chỉ nội bộ']],
      ['https://he-thong.example.vn/pakn', [], ['Chọn ít nhất một sự kiện']],
      ['https://he-thong.example.vn/pakn', ['bogus'], ['Chọn ít nhất một sự kiện']],
    ];
    for (const [url, events, messages] of cases) {
      const res = await post(PAGE, [
        ['intent', 'create'],
        ['url', url],
        ...events.map((e): [string, string] => ['events', e]),
      ]);
      expect(res.status, url).toBe(400);
      const html = (await res.text()).replace(/&amp;/g, '&');
      for (const m of messages) expect(html, url).toContain(m);
      if (url) expect(html, url).toContain(`value="${url}"`);
      if (events[0] === 'answered')
        expect(html).toMatch(/type="checkbox"[^>]*checked=""[^>]*value="answered"/);
    }
    const en = await app.fetch(PAGE, {
      method: 'POST',
      headers: {
        Origin: BASE,
        Cookie: `${admin}; lng=en`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams([
        ['intent', 'create'],
        ['url', 'http://10.1.2.3/'],
      ]),
    });
    expect(en.status).toBe(400);
    expect(await en.text()).toContain('Internal addresses (private networks, this machine) cannot be used');
    expect(await app.db().select().from(s.webhooks)).toHaveLength(0);
  });

  it('refuses hostile ids and unknown intents without a 500', async () => {
    for (const fields of [
      [
        ['intent', 'delete'],
        ['id', "1' OR 1=1"],
      ],
      [
        ['intent', 'rotate'],
        ['id', '999999'],
      ],
      [['intent', 'nonsense']],
    ] as Array<Array<[string, string]>>) {
      const res = await post(PAGE, fields);
      expect([400, 404]).toContain(res.status);
    }
    expect((await app.fetch(`${PAGE}/abc`, { headers: { Cookie: admin } })).status).toBe(404);
    expect((await app.fetch(`${PAGE}/424242`, { headers: { Cookie: admin } })).status).toBe(404);
  });
});

describe('deliveries', () => {
  let all: { id: number; secret: string };
  let answeredOnly: { id: number; secret: string };

  beforeAll(async () => {
    all = await register(receiver.url('/all'), ['received', 'assigned', 'answered', 'published']);
    answeredOnly = await register(receiver.url('/answered'), ['answered']);
  });

  it('records each event with its change and delivers it signed, with no personal data', async () => {
    receiver.received.length = 0;
    const p = await seedPakn(app.db(), paknFixture({ ...PERSON, content: CONTENT }));
    await assignAndAnswer(p.id);
    // a refused step (stale version) records nothing: the event lives and dies with its change
    await expect(
      performAction({ actor: actors.coord, paknId: p.id, input: { intent: 'assign', version: 1, unitId } }),
    ).rejects.toThrow();
    expect((await deliveriesOf(all.id)).map((d) => d.eventType)).toEqual([
      'pakn.received',
      'pakn.assigned',
      'pakn.answered',
    ]);
    expect((await deliveriesOf(answeredOnly.id)).map((d) => d.eventType)).toEqual(['pakn.answered']);

    const pass = await processWebhooks();
    expect(pass).toEqual({ delivered: 4, retried: 0, failed: 0 });
    const got = receiver.received;
    expect(got).toHaveLength(4);
    for (const r of got) {
      const secret = r.path === '/all' ? all.secret : answeredOnly.secret;
      expect(verify(r, secret)).toBe(true);
      expect(verify(r, 'whsec_wrong')).toBe(false);
      const body = JSON.parse(r.body) as {
        id: string;
        type: string;
        occurredAt: string;
        pakn: Record<string, unknown>;
      };
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(r.headers['x-pakn-event']).toBe(body.type);
      expect(r.headers['x-pakn-delivery']).toMatch(/^[0-9a-f-]{36}$/);
      expect(Object.keys(body).sort()).toEqual(['id', 'occurredAt', 'pakn', 'type']);
      expect(Object.keys(body.pakn).sort()).toEqual([
        'code',
        'publicStatus',
        'publicUrl',
        'status',
        'statusUrl',
      ]);
      expect(body.pakn.code).toBe(p.code);
      expect(body.pakn.statusUrl).toBe(`${BASE}/api/v1/pakn/${p.code}`);
      for (const personal of [...Object.values(PERSON), CONTENT, p.title, 'Sở sẽ sửa đổi'])
        expect(r.body).not.toContain(personal);
    }
    const byType = Object.fromEntries(
      got.filter((r) => r.path === '/all').map((r) => [r.headers['x-pakn-event'], JSON.parse(r.body)]),
    );
    expect(byType['pakn.received'].pakn.status).toBe('received');
    expect(byType['pakn.assigned'].pakn.status).toBe('assigned');
    expect(byType['pakn.answered'].pakn).toMatchObject({
      status: 'answered',
      publicStatus: 'answered',
      publicUrl: null,
    });
    // one event id per change, shared by the webhooks that hear of it
    const answeredIds = got
      .filter((r) => r.headers['x-pakn-event'] === 'pakn.answered')
      .map((r) => JSON.parse(r.body).id);
    expect(new Set(answeredIds).size).toBe(1);
    expect(
      (await deliveriesOf(all.id)).every(
        (d) => d.status === 'delivered' && d.attempts === 1 && d.lastStatus === 200,
      ),
    ).toBe(true);
    // nothing is sent twice
    expect(await processWebhooks()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(receiver.received).toHaveLength(4);
  });

  it('retries with exponential backoff while the receiver fails, then delivers exactly once', async () => {
    receiver.received.length = 0;
    receiver.answer = 500;
    const t0 = Date.now();
    const p = await seedPakn(app.db(), paknFixture({ receivedAt: new Date(t0) }));
    const row = async () => (await deliveriesOf(all.id)).find((d) => d.paknId === p.id)!;
    expect((await processWebhooks({ now: t0 })).retried).toBe(1);
    expect(await row()).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatus: 500,
      lastError: 'HTTP 500',
    });
    const first = (await row()).nextAttemptAt.getTime() - (await row()).lastAttemptAt!.getTime();
    expect(first).toBe(30_000);
    // not due yet: nothing is sent
    expect(await processWebhooks({ now: t0 + 10_000 })).toEqual({ delivered: 0, retried: 0, failed: 0 });
    receiver.answer = 'cut';
    expect((await processWebhooks({ now: t0 + 31_000 })).retried).toBe(1);
    expect((await row()).attempts).toBe(2);
    expect((await row()).lastStatus).toBeNull();
    expect((await row()).nextAttemptAt.getTime() - (await row()).lastAttemptAt!.getTime()).toBe(60_000);
    receiver.answer = 200;
    expect((await processWebhooks({ now: t0 + 31_000 + 61_000 })).delivered).toBe(1);
    expect(await row()).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200, lastError: null });
    expect(receiver.received.map((r) => r.answered)).toEqual([500, 0, 200]);
    expect(new Set(receiver.received.map((r) => r.headers['x-pakn-delivery'])).size).toBe(1);
    expect((await processWebhooks({ now: t0 + 10 * 3_600_000 })).delivered).toBe(0);
    expect(receiver.received).toHaveLength(3);
  });

  it('two passes at once deliver each delivery once (leases)', async () => {
    receiver.received.length = 0;
    receiver.delayMs = 150;
    for (let i = 0; i < 3; i++) await seedPakn(app.db(), paknFixture());
    // two "processes": this one's connection and a second one to the same database
    const other = await openDatabaseUrl(process.env.DATABASE_URL!);
    const [a, b] = await Promise.all([processWebhooks(), processWebhooks({ db: other.db })]);
    await other.close();
    receiver.delayMs = 0;
    expect(a.delivered + b.delivered).toBe(3);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers['x-pakn-delivery'])).size).toBe(3);
    // a lease that ran out (a process killed mid-send) is taken over later, not before
    const p = await seedPakn(app.db(), paknFixture());
    const now = Date.now();
    await app
      .db()
      .update(s.webhookDeliveries)
      .set({ nextAttemptAt: new Date(now + WEBHOOK_LEASE_MS) })
      .where(eq(s.webhookDeliveries.paknId, p.id));
    expect((await processWebhooks({ now })).delivered).toBe(0);
    expect((await processWebhooks({ now: now + WEBHOOK_LEASE_MS })).delivered).toBe(1);
  });

  it('marks a delivery failed after the last attempt; "Gửi lại" sends it again with the same delivery id', async () => {
    receiver.received.length = 0;
    receiver.answer = 503;
    const p = await seedPakn(app.db(), paknFixture());
    const row = async () => (await deliveriesOf(all.id)).find((d) => d.paknId === p.id)!;
    let now = Date.now();
    for (let i = 0; i < WEBHOOK_MAX_ATTEMPTS; i++) {
      await processWebhooks({ now });
      now += 3_600_000 + 5_000;
    }
    expect(await row()).toMatchObject({ status: 'failed', attempts: WEBHOOK_MAX_ATTEMPTS, lastStatus: 503 });
    expect(receiver.received).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    expect(await processWebhooks({ now: now + 86_400_000 })).toEqual({ delivered: 0, retried: 0, failed: 0 });

    const log = await (await app.fetch(`${PAGE}/${all.id}`, { headers: { Cookie: admin } })).text();
    expect(log).toContain(p.code);
    expect(log).toContain('Gửi không thành công');
    expect(log).toContain('HTTP 503');
    // the status once, not again as the error (walk-through of 06/12/2026)
    expect(log).not.toContain('HTTP 503 · HTTP 503');
    expect(log).toContain('Gửi lại');
    // another webhook's delivery cannot be sent again through this page
    const foreign = (await deliveriesOf(answeredOnly.id))[0]!;
    await post(`${PAGE}/${all.id}`, [
      ['intent', 'redeliver'],
      ['id', String(foreign.id)],
    ]);
    expect((await deliveriesOf(answeredOnly.id))[0]!.status).toBe('delivered');

    receiver.answer = 200;
    const res = await post(`${PAGE}/${all.id}`, [
      ['intent', 'redeliver'],
      ['id', String((await row()).id)],
    ]);
    expect(res.status).toBe(302);
    const after = await app.fetch(res.headers.get('Location')!, {
      headers: { Cookie: `${admin}; ${res.headers.get('Set-Cookie')!.split(';')[0]}` },
    });
    expect(await after.text()).toContain('Đã đưa thông báo vào hàng đợi để gửi lại.');
    expect(await row()).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await processWebhooks()).delivered).toBe(1);
    expect((await row()).status).toBe('delivered');
    const last = receiver.received.at(-1)!;
    expect(last.headers['x-pakn-delivery']).toBe((await row()).deliveryId);
    const audit = await app.db().select().from(s.auditLog).where(eq(s.auditLog.action, 'webhook.redeliver'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toContain(p.code);
  });

  it('pauses, rotates the secret, deletes — every change audited, the secret never in the log', async () => {
    receiver.received.length = 0;
    expect(
      (
        await post(PAGE, [
          ['intent', 'disable'],
          ['id', String(answeredOnly.id)],
        ])
      ).status,
    ).toBe(302);
    const list = await (await app.fetch(PAGE, { headers: { Cookie: admin } })).text();
    expect(list).toContain('Đã tạm dừng');
    expect(list).not.toMatch(SECRET);
    const rotated = await post(PAGE, [
      ['intent', 'rotate'],
      ['id', String(all.id)],
    ]);
    const secret = SECRET.exec(await rotated.text())?.[0];
    expect(secret).toBeTruthy();
    expect(secret).not.toBe(all.secret);

    const p = await seedPakn(app.db(), paknFixture());
    await assignAndAnswer(p.id);
    expect((await deliveriesOf(answeredOnly.id)).filter((d) => d.paknId === p.id)).toHaveLength(0);
    await processWebhooks();
    expect(receiver.received).toHaveLength(3);
    for (const r of receiver.received) {
      expect(verify(r, secret!)).toBe(true);
      expect(verify(r, all.secret)).toBe(false);
    }

    expect(
      (
        await post(PAGE, [
          ['intent', 'delete'],
          ['id', String(answeredOnly.id)],
        ])
      ).status,
    ).toBe(302);
    expect(
      await first(app.db().select().from(s.webhooks).where(eq(s.webhooks.id, answeredOnly.id))),
    ).toBeUndefined();
    expect(await deliveriesOf(answeredOnly.id)).toHaveLength(0);
    const audit = (await app.db().select().from(s.auditLog)).filter((r) => r.action.startsWith('webhook.'));
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'webhook.create',
        'webhook.disable',
        'webhook.rotate_secret',
        'webhook.delete',
      ]),
    );
    const text = JSON.stringify(audit);
    for (const s of [all.secret, answeredOnly.secret, secret!]) expect(text).not.toContain(s);
  });

  it('records "published" when the answer is first made public, not when it is edited', async () => {
    const { publishPakn } = await import('~/models/publication-publish.server');
    const p = await seedPakn(app.db(), paknFixture({ ...PERSON, content: CONTENT }));
    await assignAndAnswer(p.id);
    const version = async () =>
      (await first(app.db().select().from(s.pakn).where(eq(s.pakn.id, p.id))))!.version;
    const values = {
      title: 'Rút ngắn thời gian thẩm định hồ sơ cấp phép bức xạ',
      summary: 'Kiến nghị rút ngắn thời gian thẩm định.',
      answer: 'Sở sẽ sửa đổi quy định theo thẩm quyền.',
    };
    const publish = async () =>
      publishPakn({
        actor: actors.coord,
        paknId: p.id,
        version: await version(),
        input: { values, publicFileIds: [] },
      });
    expect(await publish()).toMatchObject({ ok: true });
    expect(await publish()).toMatchObject({ ok: true }); // an edit of what is public
    const published = (await deliveriesOf(all.id)).filter(
      (d) => d.paknId === p.id && d.eventType === 'pakn.published',
    );
    expect(published).toHaveLength(1);
    expect(JSON.parse(published[0]!.payload).pakn.publicUrl).toBe(`${BASE}/cong-khai/${p.code}`);
  });
});

describe('the log', () => {
  it('forgets deliveries delivered more than 90 days ago, keeps failed ones', async () => {
    const { purgeOldDeliveries, DELIVERED_RETENTION_MS } = await import('~/models/webhook-deliveries.server');
    const rows = await app.db().select().from(s.webhookDeliveries);
    const delivered = rows.filter((r) => r.status === 'delivered').length;
    expect(delivered).toBeGreaterThan(0);
    expect(await purgeOldDeliveries({ now: Date.now() })).toBe(0);
    expect(await purgeOldDeliveries({ now: Date.now() + DELIVERED_RETENTION_MS + 86_400_000 })).toBe(
      delivered,
    );
    expect(await app.db().select().from(s.webhookDeliveries)).toHaveLength(rows.length - delivered);
  });
});

describe('the HTTP call', () => {
  it('gives up after its timeout and never reaches a refused address', async () => {
    receiver.delayMs = 2_000;
    const started = Date.now();
    const slow = await postWebhook({ url: receiver.url(), body: '{}', headers: {}, timeoutMs: 200 });
    expect(slow).toMatchObject({ ok: false, status: null });
    expect(Date.now() - started).toBeLessThan(1_500);
    receiver.delayMs = 0;
    const before = receiver.received.length;
    const blocked = await postWebhook({ url: receiver.url(), body: '{}', headers: {}, allowance: [] });
    expect(blocked).toMatchObject({ ok: false, status: null });
    expect(blocked.ok ? '' : blocked.error).toContain('private or loopback');
    // a name that resolves to loopback is refused on connection, not only when it is registered
    const named = await postWebhook({
      url: receiver.url().replace('127.0.0.1', 'localhost'),
      body: '{}',
      headers: {},
      allowance: [],
    });
    expect(named.ok).toBe(false);
    expect(receiver.received.length).toBe(before);
  });
});

// Issue 13 item 20: "PAKN của tôi" — an address receives a one-time link (hashed, expiring, single use,
// rate-limited, the same answer whether or not the address sent anything) listing every PAKN sent with
// it, each opening as the follow-up page. Mail goes through the outbox to a real SMTP server.
import { isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { cookiesFrom } from '../support/staff';

let app: TestApp;
let smtp: TestSmtpServer;
const mine: Array<{ id: number; code: string }> = [];
let theirs: { id: number; code: string };

async function seedPakn(email: string, title: string) {
  const { createPakn } = await import('~/models/pakn.server');
  const { pakn } = await transaction(app.db(), async (tx) =>
    createPakn(tx, {
      type: 'phan_anh',
      subject: 'regulation',
      category: 2,
      submitterKind: 'individual',
      orgName: null,
      representative: null,
      fullName: 'Lê Văn Tâm',
      address: 'Tuy Hòa',
      phone: '0905123456',
      email,
      title,
      content: 'Nội dung đủ dài của phản ánh để kiểm tra trang của tôi.',
      regulationRef: null,
      fieldId: null,
      channel: 'online',
      lang: 'vi',
      receivedAt: new Date(),
      consent: true,
      showIdentity: false,
    }),
  );
  return { id: pakn.id, code: pakn.code };
}

const form = (fields: Record<string, string>, cookie = '', ip = '10.20.0.1') =>
  app.fetch('/pakn-cua-toi', {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    ip,
  });

const mainText = (html: string) =>
  (/<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const asCookie = (res: Response) =>
  Object.entries(cookiesFrom(res))
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

async function linkFromMail(n: number) {
  const { processOutbox } = await import('../../app/jobs/mail-worker.server');
  await processOutbox({ db: app.db() });
  const mails = await smtp.waitFor(n);
  const mail = mails[n - 1]!;
  const path = new RegExp(`${BASE}(/pakn-cua-toi/[A-Za-z0-9_-]+)`).exec(mail.text ?? '')?.[1];
  expect(path).toBeTruthy();
  return { mail, path: path! };
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ SMTP_URL: smtp.url });
  mine.push(await seedPakn('tam@example.vn', 'Phản ánh thứ nhất của tôi'));
  mine.push(await seedPakn('Tam@Example.vn', 'Phản ánh thứ hai của tôi'));
  theirs = await seedPakn('nguoi-khac@example.vn', 'Phản ánh của người khác');
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

describe('PAKN của tôi', () => {
  let cookie = '';

  it('answers the same whether or not the address sent anything, and mails a link only when it did', async () => {
    const known = await form({ email: 'TAM@example.vn' });
    const unknown = await form({ email: 'chua-gui@example.vn' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(mainText(await known.text()).replace('TAM@example.vn', 'X')).toBe(
      mainText(await unknown.text()).replace('chua-gui@example.vn', 'X'),
    );
    const { mail, path } = await linkFromMail(1);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('tam@example.vn');
    // only the hash is stored
    const token = path.split('/').pop()!;
    const rows = await app.db().select().from(s.myPaknLinks);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toBe(token);
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(smtp.messages).toHaveLength(1);

    // opening the link is a page with a button (mail scanners' GETs do not use it up)
    const landing = await app.fetch(path);
    expect(landing.status).toBe(200);
    const used = await app.fetch(path, {
      method: 'POST',
      body: new URLSearchParams({}),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(used.status).toBe(302);
    expect(used.headers.get('Location')).toBe('/pakn-cua-toi');
    cookie = asCookie(used);

    // single use
    const again = await app.fetch(path, {
      method: 'POST',
      body: new URLSearchParams({}),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(again.status).toBe(410);
  });

  it('lists every PAKN sent with the address, and only those', async () => {
    const html = await (await app.fetch('/pakn-cua-toi', { headers: { Cookie: cookie } })).text();
    for (const p of mine) expect(html).toContain(p.code);
    expect(html).toContain('Phản ánh thứ hai của tôi');
    expect(html).not.toContain(theirs.code);
  });

  it('opens each one as the follow-up page, never someone else’s', async () => {
    const open = await form({ intent: 'open', id: String(mine[1]!.id) }, cookie);
    expect(open.status).toBe(302);
    expect(open.headers.get('Location')).toBe(`/theo-doi/${mine[1]!.code}`);
    const follow = asCookie(open);
    const page = await app.fetch(`/theo-doi/${mine[1]!.code}`, { headers: { Cookie: follow } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Phản ánh thứ hai của tôi');
    const stolen = await form({ intent: 'open', id: String(theirs.id) }, cookie);
    expect(stolen.status).toBe(404);
    const noSession = await form({ intent: 'open', id: String(mine[0]!.id) });
    expect(noSession.status).toBe(302);
    expect(noSession.headers.get('Location')).toBe('/pakn-cua-toi');
  });

  it('refuses an expired link', async () => {
    await form({ email: 'tam@example.vn' }, '', '10.20.0.2');
    const { path } = await linkFromMail(2);
    await app
      .db()
      .update(s.myPaknLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(isNull(s.myPaknLinks.usedAt));
    const res = await app.fetch(path, {
      method: 'POST',
      body: new URLSearchParams({}),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(410);
  });

  it('limits requests per e-mail address and per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await form({ email: 'limit@example.vn' }, '', `10.21.0.${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const perIp: number[] = [];
    for (let i = 0; i < 11; i++)
      perIp.push((await form({ email: `x${i}@example.vn` }, '', '10.22.0.1')).status);
    expect(perIp.slice(0, 10).every((st) => st === 200)).toBe(true);
    expect(perIp[10]).toBe(429);
  });

  it('refuses a malformed address with a clear message', async () => {
    const res = await form({ email: 'not-an-email' }, '', '10.23.0.1');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Nhập địa chỉ thư điện tử đúng dạng');
  });
});

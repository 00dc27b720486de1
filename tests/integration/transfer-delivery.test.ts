// A transfer delivers the PAKN to the competent agency (issue 13 item 3): e-mailed through the outbox with the
// transfer letter as PDF and the PAKN's files to an agency of the directory with an address, recorded on the
// timeline when the worker has sent it; for an agency without one, a printable bundle and a "sent by post" step.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addCalendarDays, toLocalDate } from '~/domain/calendar';
import { createPakn } from '~/models/pakn.server';
import { first, one, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { startTestApp, type TestApp } from '../support/app';
import { paknFixture } from '../support/pakn';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { createStaffUser, postForm, signIn } from '../support/staff';

let app: TestApp;
let smtp: TestSmtpServer;
let coord: string;
let processOutbox: typeof import('../../app/jobs/mail-worker.server').processOutbox;
const today = toLocalDate(new Date());

const BASE_PAKN = paknFixture({
  type: 'kien_nghi',
  fullName: 'Lê Thị Thu Hà',
  address: '17 Lê Lợi, Tuy Hòa',
  phone: '0905111222',
  email: 'thuha@example.vn',
  title: 'Quy định về đăng ký xe chuyên dùng',
  content: 'Đề nghị sửa quy định về thời hạn đăng ký xe máy chuyên dùng trong nông nghiệp.',
  receivedAt: new Date(),
});

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ SMTP_URL: smtp.url });
  ({ processOutbox } = await import('../../app/jobs/mail-worker.server'));
  const u = await createStaffUser(app.db(), { role: 'coordinator' });
  coord = await signIn(app, u.email, u.password);
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

async function seed() {
  const db = app.db();
  const { pakn } = await transaction(db, async (tx) => createPakn(tx, BASE_PAKN));
  return pakn;
}
async function addFile(paknId: number, name: string, bytes: Buffer, mime: string) {
  const storedName = crypto.randomBytes(16).toString('hex');
  const dir = path.join(app.dir, 'uploads');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, storedName), bytes);
  await app
    .db()
    .insert(s.attachments)
    .values({
      paknId,
      storedName,
      originalName: name,
      mime,
      size: bytes.length,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    });
}
async function agency(email: string) {
  return await one(
    app
      .db()
      .insert(s.externalAgencies)
      .values({
        name: `Sở Nông nghiệp ${crypto.randomBytes(2).toString('hex')}`,
        address: '2 Trần Phú',
        email,
      })
      .returning(),
  );
}
const version = async (id: number) =>
  String((await first(app.db().select().from(s.pakn).where(eq(s.pakn.id, id))))!.version);
const events = async (id: number) => await app.db().select().from(s.events).where(eq(s.events.paknId, id));
async function transfer(paknId: number, agencyId: number) {
  const res = await postForm(app, `/can-bo/pakn/${paknId}`, coord, {
    intent: 'transfer',
    version: await version(paknId),
    agencyId: String(agencyId),
    note: 'Thuộc thẩm quyền của Sở Nông nghiệp',
  });
  expect(res.status, (await res.clone().text()).slice(0, 500)).toBe(302);
}

describe('transfer to an agency with an e-mail address', () => {
  it('mails the letter PDF and the PAKN with its files to the agency, sent event on the timeline', async () => {
    const p = await seed();
    const pdfBytes = Buffer.from('%PDF-1.4\n% scanned letter\n%%EOF\n');
    await addFile(p.id, 'don-kien-nghi.pdf', pdfBytes, 'application/pdf');
    const a = await agency('vanthu@sonn.example.gov.vn');
    await transfer(p.id, a.id);
    expect((await events(p.id)).map((e) => e.type)).toContain('transfer_queued');
    expect((await events(p.id)).map((e) => e.type)).not.toContain('transfer_sent');

    smtp.messages.length = 0;
    await processOutbox({ db: app.db() });
    const all = await smtp.waitFor(1);
    const toAgency = all.filter((m) => m.to && JSON.stringify(m.to).includes('vanthu@sonn.example.gov.vn'));
    expect(toAgency).toHaveLength(1);
    const m = toAgency[0]!;
    expect(m.text).toContain(BASE_PAKN.content);
    expect(m.text).toContain(BASE_PAKN.fullName);
    expect(m.text).toContain(BASE_PAKN.phone);
    // the agency is told why it gets the submitter's contact
    expect(m.text).toMatch(/trả lời trực tiếp cho người gửi/);
    const names = m.attachments.map((x) => x.filename);
    expect(names).toContain('don-kien-nghi.pdf');
    const letter = m.attachments.find(
      (x) => x.contentType === 'application/pdf' && x.filename !== 'don-kien-nghi.pdf',
    );
    expect(letter?.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(m.attachments.find((x) => x.filename === 'don-kien-nghi.pdf')?.content.equals(pdfBytes)).toBe(
      true,
    );

    const sent = (await events(p.id)).find((e) => e.type === 'transfer_sent');
    expect(sent).toBeDefined();
    expect(JSON.parse(sent!.data!)).toMatchObject({ to: 'vanthu@sonn.example.gov.vn' });
    const html = await (await app.fetch(`/can-bo/pakn/${p.id}`, { headers: { Cookie: coord } })).text();
    expect(html).toContain('Đã gửi thư điện tử đến cơ quan có thẩm quyền');
  });
});

describe('transfer to an agency without an e-mail address', () => {
  it('offers a printable bundle and records the date it was posted, validated', async () => {
    const p = await seed();
    await addFile(p.id, 'anh-chup.png', Buffer.from('89504e470d0a1a0a', 'hex'), 'image/png');
    const a = await agency('');
    smtp.messages.length = 0;
    await transfer(p.id, a.id);
    expect((await events(p.id)).map((e) => e.type)).not.toContain('transfer_queued');

    const record = await (await app.fetch(`/can-bo/pakn/${p.id}`, { headers: { Cookie: coord } })).text();
    expect(record).toContain(`/can-bo/pakn/${p.id}/ho-so-chuyen`);

    const bundle = await app.fetch(`/can-bo/pakn/${p.id}/ho-so-chuyen`, { headers: { Cookie: coord } });
    expect(bundle.status).toBe(200);
    const body = await bundle.text();
    expect(body).toContain(BASE_PAKN.content);
    expect(body).toContain('anh-chup.png');
    expect(body).toContain('Công văn chuyển');
    // without a session: no bundle
    expect((await app.fetch(`/can-bo/pakn/${p.id}/ho-so-chuyen`)).status).toBe(302);

    const post = async (postedOn: string) =>
      postForm(app, `/can-bo/pakn/${p.id}`, coord, {
        intent: 'transfer_posted',
        version: await version(p.id),
        postedOn,
      });
    const before = await post(addCalendarDays(today, -1));
    expect(before.status).toBe(400);
    expect(await before.text()).toContain('không được trước ngày chuyển');
    const future = await post(addCalendarDays(today, 1));
    expect(future.status).toBe(400);
    expect(await future.text()).toContain('không được sau ngày hôm nay');
    const bad = await post('31/02/2026');
    expect(bad.status).toBe(400);
    expect((await post(today)).status).toBe(302);
    const ev = (await events(p.id)).find((e) => e.type === 'transfer_posted');
    expect(JSON.parse(ev!.data!)).toMatchObject({ postedOn: today });
    const after = await (await app.fetch(`/can-bo/pakn/${p.id}`, { headers: { Cookie: coord } })).text();
    expect(after).toContain('Đã gửi qua bưu điện');
    // once posted, the step is not offered again
    expect((await post(today)).status).toBe(409);
  });
});

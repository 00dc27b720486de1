// Issue 13 item 18: the follow-up page shows the submitter's own attachments and their reply to an
// information request (with its files); the files download only in this browser's follow session.
import fs from 'node:fs';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { first } from '~/utils/db.server';
import * as s from '~db/schema';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { draftCookieOf } from '../support/server-process';
import { cookiesFrom, createStaffUser, postForm, signIn } from '../support/staff';

let app: TestApp;
const PDF = fs.readFileSync('tests/fixtures/giay-to.pdf');
const PNG = fs.readFileSync('tests/fixtures/pixel.png');

const VALID = {
  type: 'kien_nghi',
  subject: 'regulation',
  category: '2',
  submitterKind: 'individual',
  fullName: 'Phạm Văn Khoa',
  address: '3 Trần Hưng Đạo, Tuy Hòa',
  phone: '0905 111 222',
  email: 'khoa@example.vn',
  title: 'Thủ tục đăng ký hoạt động khoa học công nghệ',
  content: 'Hồ sơ đăng ký yêu cầu nhiều giấy tờ trùng lặp với dữ liệu đã có trong cơ sở dữ liệu quốc gia.',
  field: 'unknown',
  consent: 'on',
};

/** Sends a PAKN with one attachment through the form; returns its code, id and the follow cookie. */
async function sendWithFile(email: string) {
  const opened = await app.fetch('/gop-y');
  const browser = draftCookieOf(opened);
  const token = /action="\/gop-y\?t=([A-Za-z0-9_-]+)"/.exec(await opened.text())![1]!;
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...VALID, email })) form.append(k, v);
  form.append('files', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'giấy tờ gốc.pdf');
  const posted = await app.fetch(`/gop-y?t=${token}`, {
    method: 'POST',
    body: form,
    headers: { Cookie: browser },
  });
  expect(posted.status).toBe(302);
  const sent = await app.fetch('/gop-y/kiem-tra', {
    method: 'POST',
    body: new URLSearchParams({ t: token }),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: browser },
  });
  const code = /\/theo-doi\/([A-Z0-9-]+)/.exec(sent.headers.get('Location')!)![1]!;
  const id = (await first(app.db().select().from(s.pakn).where(eq(s.pakn.code, code))))!.id;
  const cookie = Object.entries(cookiesFrom(sent))
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
  return { code, id, cookie };
}

const fileLinks = (html: string, code: string) =>
  [...html.matchAll(new RegExp(`href="(/theo-doi/${code}/tep/\\d+)"`, 'g'))].map((m) => m[1]!);

let handlerCookie = '';

beforeAll(async () => {
  app = await startTestApp();
  const handler = await createStaffUser(app.db(), { role: 'handler', unitCode: 'QLKHCN' });
  handlerCookie = await signIn(app, handler.email, handler.password);
});
afterAll(async () => {
  await app?.stop();
});

describe('the follow-up page shows what the submitter sent', () => {
  it('lists the attachments as downloads for the follow session only', async () => {
    const mine = await sendWithFile('khoa@example.vn');
    const other = await sendWithFile('someone-else@example.vn');
    const html = await (
      await app.fetch(`/theo-doi/${mine.code}`, { headers: { Cookie: mine.cookie } })
    ).text();
    const links = fileLinks(html, mine.code);
    expect(links).toHaveLength(1);
    expect(html).toContain('giấy tờ gốc.pdf');

    const download = await app.fetch(links[0]!, { headers: { Cookie: mine.cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Disposition')).toMatch(/^attachment;/);
    expect(download.headers.get('Cache-Control')).toContain('no-store');
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    // nobody else: no session, another PAKN's session, or the other PAKN's code with this file id
    expect((await app.fetch(links[0]!)).status).toBe(404);
    expect((await app.fetch(links[0]!, { headers: { Cookie: other.cookie } })).status).toBe(404);
    const fileId = links[0]!.split('/').pop();
    expect(
      (await app.fetch(`/theo-doi/${other.code}/tep/${fileId}`, { headers: { Cookie: other.cookie } }))
        .status,
    ).toBe(404);
  });

  it('shows the reply to an information request with its files', async () => {
    const p = await sendWithFile('khoa2@example.vn');
    const unit = (await first(app.db().select().from(s.units).where(eq(s.units.code, 'QLKHCN'))))!;
    await app.db().update(s.pakn).set({ status: 'in_progress', unitId: unit.id }).where(eq(s.pakn.id, p.id));
    const version = String((await first(app.db().select().from(s.pakn).where(eq(s.pakn.id, p.id))))!.version);
    const asked = await postForm(app, `/can-bo/pakn/${p.id}`, handlerCookie, {
      intent: 'request_info',
      version,
      note: 'Xin gửi bản chụp giấy chứng nhận đăng ký.',
    });
    expect(asked.status).toBe(302);

    const reply = new FormData();
    reply.append('intent', 'info_reply');
    reply.append('reply', 'Tôi gửi kèm bản chụp giấy chứng nhận.');
    reply.append('files', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'chứng nhận.png');
    const res = await app.fetch(`/theo-doi/${p.code}`, {
      method: 'POST',
      body: reply,
      headers: { Cookie: p.cookie, Host: new URL(BASE).host },
    });
    expect(res.status).toBe(302);

    const html = await (await app.fetch(`/theo-doi/${p.code}`, { headers: { Cookie: p.cookie } })).text();
    const section =
      /<section[^>]*aria-labelledby="info-exchanges-title"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(section).toContain('Xin gửi bản chụp giấy chứng nhận đăng ký.');
    expect(section).toContain('Tôi gửi kèm bản chụp giấy chứng nhận.');
    expect(section).toContain('chứng nhận.png');
    expect(fileLinks(html, p.code)).toHaveLength(2);
    const links = fileLinks(section, p.code);
    expect(links).toHaveLength(1);
    const png = await app.fetch(links[0]!, { headers: { Cookie: p.cookie } });
    expect(png.status).toBe(200);
    expect(png.headers.get('Content-Type')).toBe('image/png');
  });
});

describe('the printable receipt', () => {
  it('shows the agency header, code, dates and the due date explanation to the submitter only', async () => {
    const p = await sendWithFile('bien-nhan@example.vn');
    const status = await (
      await app.fetch(`/theo-doi/${p.code}?moi=1`, { headers: { Cookie: p.cookie } })
    ).text();
    expect(status).toContain(`href="/theo-doi/${p.code}/bien-nhan"`);
    const res = await app.fetch(`/theo-doi/${p.code}/bien-nhan`, { headers: { Cookie: p.cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const { getAgency } = await import('~/models/config.server');
    const agency = await getAgency(app.db());
    expect(html).toContain(agency.parentName);
    expect(html).toContain(agency.name);
    expect(html).toContain('BIÊN NHẬN');
    expect(html).toContain(p.code);
    expect(html).toContain('Phạm Văn Khoa');
    const dates = html.match(/\d{2}\/\d{2}\/\d{4}/g) ?? [];
    expect(dates.length).toBeGreaterThanOrEqual(2);
    expect(html).toMatch(/tiếp nhận \d{2}\/\d{2}\/\d{4}/);
    expect(html).toContain('noindex');
    const stranger = await app.fetch(`/theo-doi/${p.code}/bien-nhan`);
    expect(stranger.status).toBe(302);
    expect(stranger.headers.get('Location')).toBe('/theo-doi');
  });
});

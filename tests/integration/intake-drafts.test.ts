// Drafts of the citizen's form belong to the browser that started them (issue 10): a token in a link
// opens nothing, and draft uploads cannot fill the disk.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;

const PDF = fs.readFileSync('tests/fixtures/giay-to.pdf');

const VALID = {
  type: 'kien_nghi',
  subject: 'regulation',
  category: '2',
  submitterKind: 'individual',
  fullName: 'Lê Thị Bích Ngọc',
  address: '45 Trần Hưng Đạo, phường 1, Tuy Hòa',
  phone: '0905 111 222',
  email: 'ngoc.le@example.vn',
  title: 'Thời hạn cấp giấy chứng nhận đăng ký hoạt động khoa học',
  content: 'Quy định về thời hạn cấp giấy chứng nhận quá dài so với thực tế, đề nghị rút ngắn để thuận tiện.',
  regulationRef: '',
  field: '5',
  consent: 'on',
};

/** A browser: keeps the cookies the portal sets, sends them back, and has its own address. */
function browser(ip = '127.0.0.1') {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    jar,
    async fetch(pathname: string, init: RequestInit = {}) {
      const headers = new Headers(init.headers);
      if (jar.size) headers.set('Cookie', cookie());
      const res = await app.fetch(pathname, { ...init, headers, ip });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const at = pair!.indexOf('=');
        const name = pair!.slice(0, at);
        const value = pair!.slice(at + 1);
        if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
        else jar.set(name, value);
      }
      return res;
    },
    /** Opens the form (optionally from a link) and returns the token its action posts to. */
    async openForm(query = '') {
      const res = await this.fetch(`/gop-y${query}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const token = /action="\/gop-y\?t=([A-Za-z0-9_-]+)"/.exec(html)?.[1];
      expect(token).toBeTruthy();
      return { token: token!, html };
    },
    post(token: string, body: FormData) {
      return this.fetch(`/gop-y?t=${token}`, { method: 'POST', body });
    },
    send(token: string) {
      return this.fetch('/gop-y/kiem-tra', {
        method: 'POST',
        body: new URLSearchParams({ t: token }),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    },
  };
}

function multipart(fields: Record<string, string>, files: Array<{ name: string; data: Uint8Array }> = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('files', new Blob([new Uint8Array(f.data)]), f.name);
  return form;
}

const ATTACKER_TOKEN = 'attacker-chosen-token-0123456789';

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('draft ownership', () => {
  it('ignores a token given in a link: the form gets a token of its own, held in an HttpOnly cookie', async () => {
    const victim = browser('10.20.0.1');
    const res = await victim.fetch(`/gop-y?t=${ATTACKER_TOKEN}`);
    const html = await res.text();
    const token = /action="\/gop-y\?t=([A-Za-z0-9_-]+)"/.exec(html)?.[1];
    expect(token).toBeTruthy();
    expect(token).not.toBe(ATTACKER_TOKEN);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('pakn_draft='));
    expect(setCookie).toBeTruthy();
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Secure/i);
  });

  it('does not let a fixed token read, change or follow the victim’s submission', async () => {
    const attacker = browser('10.20.0.66');
    const victim = browser('10.20.0.2');
    // the victim opens the attacker's link and fills in the form
    const { token } = await victim.openForm(`?t=${ATTACKER_TOKEN}`);
    const checked = await victim.post(token, multipart(VALID, [{ name: 'cccd.pdf', data: PDF }]));
    expect(checked.status).toBe(302);
    expect(checked.headers.get('Location')).toBe(`/gop-y/kiem-tra?t=${token}`);

    for (const t of [ATTACKER_TOKEN, token]) {
      // reading the draft: the review page and the prefilled form
      const review = await attacker.fetch(`/gop-y/kiem-tra?t=${t}`);
      expect(review.status).toBe(302);
      expect(review.headers.get('Location')).toBe('/gop-y?het-han=1');
      const form = await attacker.fetch(`/gop-y?t=${t}`);
      const html = await form.text();
      expect(html).not.toContain('Lê Thị Bích Ngọc');
      expect(html).not.toContain('ngoc.le@example.vn');
      expect(html).not.toContain('cccd.pdf');
      // overwriting it
      const overwrite = await attacker.post(t, multipart({ ...VALID, email: 'attacker@example.vn' }));
      expect(overwrite.status).toBe(302);
      expect(overwrite.headers.get('Location')).not.toContain(token);
    }
    const review = await (await victim.fetch(`/gop-y/kiem-tra?t=${token}`)).text();
    expect(review).toContain('ngoc.le@example.vn');
    expect(review).not.toContain('attacker@example.vn');
    expect(review).toContain('cccd.pdf');

    const sent = await victim.send(token);
    expect(sent.status).toBe(302);
    const location = sent.headers.get('Location')!;
    expect(location).toMatch(/^\/theo-doi\/KHCN-\d{4}-\d{6}\?moi=1$/);
    // the victim's double click still lands on the same receipt
    const again = await victim.send(token);
    expect(again.headers.get('Location')).toBe(location);

    // the attacker replays the send: no code, no follow-up cookie
    const replay = await attacker.send(token);
    expect(replay.status).toBe(302);
    expect(replay.headers.get('Location')).toBe('/gop-y?het-han=1');
    expect(replay.headers.getSetCookie().some((c) => c.startsWith('pakn_follow='))).toBe(false);
    const code = /KHCN-\d{4}-\d{6}/.exec(location)![0];
    const page = await attacker.fetch(`/theo-doi/${code}`);
    expect(page.status).toBe(302);
    expect(page.headers.get('Location')).toBe('/theo-doi');
  });

  it('keeps two drafts of the same browser apart (two tabs)', async () => {
    const citizen = browser('10.20.0.3');
    const a = await citizen.openForm();
    const b = await citizen.openForm();
    expect(a.token).not.toBe(b.token);
    expect(
      (await citizen.post(a.token, multipart({ ...VALID, title: 'Bản nháp thứ nhất về thủ tục' }))).status,
    ).toBe(302);
    expect(
      (await citizen.post(b.token, multipart({ ...VALID, title: 'Bản nháp thứ hai về thủ tục' }))).status,
    ).toBe(302);
    expect(await (await citizen.fetch(`/gop-y/kiem-tra?t=${a.token}`)).text()).toContain('Bản nháp thứ nhất');
    expect(await (await citizen.fetch(`/gop-y/kiem-tra?t=${b.token}`)).text()).toContain('Bản nháp thứ hai');
  });
});

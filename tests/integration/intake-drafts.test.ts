// Drafts of the citizen's form belong to the browser that started them (issue 10): a token in a link
// opens nothing, and draft uploads cannot fill the disk.
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../support/app';
import { sqlAll, sqlGet, sqlRun } from '../support/sql';

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
    expect(await (await attacker.fetch('/gop-y?het-han=1')).text()).toContain(
      'trình duyệt cần cho phép cookie',
    );
    const code = /KHCN-\d{4}-\d{6}/.exec(location)![0];
    const page = await attacker.fetch(`/theo-doi/${code}`);
    expect(page.status).toBe(302);
    expect(page.headers.get('Location')).toBe('/theo-doi');
  });

  it('after a post for a draft it does not hold, the browser gets a draft of its own and keeps its next files', async () => {
    const citizen = browser('10.20.0.4');
    // e.g. the draft cookie expired while the page was open: nothing typed is lost
    const first = await citizen.post(
      ATTACKER_TOKEN,
      multipart({ fullName: 'Lê Thị Bích Ngọc' }, [{ name: 'lan-1.pdf', data: PDF }]),
    );
    expect(first.status).toBe(400);
    const html = await first.text();
    expect(html).toContain('value="Lê Thị Bích Ngọc"');
    expect(html).toContain('Các tệp bạn vừa chọn chưa được lưu vì phiên làm việc đã hết hạn');
    const token = /action="\/gop-y\?t=([A-Za-z0-9_-]+)"/.exec(html)![1]!;
    expect(token).not.toBe(ATTACKER_TOKEN);
    const second = await citizen.post(
      token,
      multipart({ fullName: 'Lê Thị Bích Ngọc' }, [{ name: 'lan-2.pdf', data: PDF }]),
    );
    expect(second.status).toBe(400);
    expect(await second.text()).toContain('lan-2.pdf');
    const done = await citizen.post(token, multipart(VALID));
    expect(done.headers.get('Location')).toBe(`/gop-y/kiem-tra?t=${token}`);
    expect(await (await citizen.fetch(`/gop-y/kiem-tra?t=${token}`)).text()).toContain('lan-2.pdf');
    expect((await citizen.send(token)).headers.get('Location')).toMatch(/^\/theo-doi\/KHCN-/);
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

describe('draft storage', () => {
  const MIB = 1024 * 1024;
  /** A real PDF padded with a comment to exactly `n` MiB. */
  const pdfOf = (n: number) =>
    Buffer.concat([PDF, Buffer.from('\n%'), Buffer.alloc(n * MIB - PDF.length - 3, 120), Buffer.from('\n')]);
  const ONE = pdfOf(1);
  const files = (n: number, prefix = 'tep') =>
    Array.from({ length: n }, (_, i) => ({ name: `${prefix}-${i + 1}.pdf`, data: ONE }));
  const setSetting = async (key: string, value: number) =>
    sqlRun(
      app.db(),
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      key,
      JSON.stringify(value),
    );
  const uploadsDir = () => path.join(app.dir, 'uploads');
  const bytesOnDisk = () =>
    fs.existsSync(uploadsDir())
      ? fs.readdirSync(uploadsDir()).reduce((n, f) => n + fs.statSync(path.join(uploadsDir(), f)).size, 0)
      : 0;
  const draftBytes = async () =>
    (await sqlGet<{ n: number }>(
      app.db(),
      'SELECT coalesce(sum(size), 0) AS n FROM attachments WHERE pakn_id IS NULL AND draft_token IS NOT NULL',
    ))!.n;
  const fileErrors = (html: string) =>
    [...html.matchAll(/<p class="field-error" [^>]*id="files-error"[^>]*>(.*?)<\/p>/gs)].map((m) =>
      m[1]!.replace(/<[^>]+>/g, ''),
    );

  it('keeps nothing from posts of a browser that does not hold the draft (the issue’s anonymous flood)', async () => {
    const before = bytesOnDisk();
    for (let i = 0; i < 4; i++) {
      const res = await app.fetch(`/gop-y?t=flood-made-up-token-000${i}`, {
        method: 'POST',
        body: multipart({}, files(5, `flood${i}`)),
        ip: '10.30.0.1',
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('Các tệp bạn vừa chọn chưa được lưu vì phiên làm việc đã hết hạn');
    }
    expect(bytesOnDisk()).toBe(before);
    expect(await draftBytes()).toBe(0);
  });

  it('caps the draft storage of one address, even for parallel posts, and says so in the user’s language', async () => {
    const sentFiles = bytesOnDisk();
    await setSetting('intake.draftStoragePerAddressMb', 3);
    try {
      const flooder = browser('10.30.0.2');
      const tokens = [];
      for (let i = 0; i < 4; i++) tokens.push((await flooder.openForm()).token);
      const answers = await Promise.all(
        tokens.map((token, i) => flooder.post(token, multipart({}, files(2, `song-song-${i}`)))),
      );
      const messages: string[] = [];
      for (const res of answers) {
        expect(res.status).toBe(400);
        messages.push(...fileErrors(await res.text()));
      }
      // three 1 MiB files fit under the 3 MB cap; the five others are refused, each with a message
      expect(await draftBytes()).toBe(3 * MIB);
      expect(bytesOnDisk() - sentFiles).toBe(3 * MIB);
      expect(messages).toHaveLength(5);
      for (const m of messages)
        expect(m).toMatch(
          /^Lỗi: Tệp “song-song-\d-\d\.pdf” chưa được nhận: các bản nháp chưa gửi từ địa chỉ mạng của bạn đã dùng hết 3 MB dành cho tệp đính kèm\./,
        );

      // in English for an English reader, and everything typed is kept
      flooder.jar.set('lng', 'en');
      const { token } = await flooder.openForm();
      const en = await flooder.post(token, multipart({ fullName: 'Lê Thị Bích Ngọc' }, files(1, 'en')));
      const html = await en.text();
      expect(fileErrors(html)).toEqual([
        expect.stringContaining(
          '“en-1.pdf” was not accepted: unsent drafts from your network address already use the 3 MB allowed',
        ),
      ]);
      expect(html).toContain('value="Lê Thị Bích Ngọc"');

      // another address is not affected
      const neighbour = browser('10.30.0.3');
      const other = await neighbour.openForm();
      const ok = await neighbour.post(other.token, multipart({}, files(1, 'hang-xom')));
      expect(fileErrors(await ok.text())).toEqual([]);
      expect(await draftBytes()).toBe(4 * MIB);
    } finally {
      await setSetting('intake.draftStoragePerAddressMb', 100);
    }
  });

  it('caps the draft storage of everyone together', async () => {
    const used = (await draftBytes()) / MIB;
    const sentFiles = bytesOnDisk() - (await draftBytes());
    await setSetting('intake.draftStorageTotalMb', used + 1);
    try {
      const citizen = browser('10.30.0.4');
      const { token } = await citizen.openForm();
      const res = await citizen.post(token, multipart(VALID, files(2, 'tong')));
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(fileErrors(html)).toEqual([
        'Lỗi: Tệp “tong-2.pdf” chưa được nhận: hệ thống tạm thời không nhận thêm tệp đính kèm. Bạn vẫn có thể gửi phản ánh, kiến nghị không kèm tệp, hoặc thử lại sau.',
      ]);
      expect(html).toContain('tong-1.pdf');
      expect(await draftBytes()).toBe((used + 1) * MIB);
      expect(bytesOnDisk() - sentFiles).toBe((used + 1) * MIB);
      // the form still goes through without more files
      const again = await citizen.post(token, multipart(VALID));
      expect(again.status).toBe(302);
    } finally {
      await setSetting('intake.draftStorageTotalMb', 2048);
    }
  });

  it('deletes the files of an abandoned draft after two hours, those of a checked draft after a day', async () => {
    const { purgeStaleDrafts } = await import('../../app/models/submission.server');
    const citizen = browser('10.30.0.5');
    const abandoned = await citizen.openForm();
    expect((await citizen.post(abandoned.token, multipart({}, files(1, 'bo-do')))).status).toBe(400);
    const checked = await citizen.openForm();
    expect((await citizen.post(checked.token, multipart(VALID, files(1, 'da-kiem-tra')))).status).toBe(302);
    const draftFiles = async (token: string) =>
      sqlAll<{
        stored_name: string;
      }>(app.db(), 'SELECT stored_name FROM attachments WHERE draft_token = ?', token);
    const [abandonedFile] = await draftFiles(abandoned.token);
    const [checkedFile] = await draftFiles(checked.token);
    expect(abandonedFile && checkedFile).toBeTruthy();

    await purgeStaleDrafts({ now: Date.now() + 60 * 60 * 1000 });
    expect(await draftFiles(abandoned.token)).toHaveLength(1);

    await purgeStaleDrafts({ now: Date.now() + 2 * 60 * 60 * 1000 + 60_000 });
    expect(await draftFiles(abandoned.token)).toHaveLength(0);
    expect(fs.existsSync(path.join(uploadsDir(), abandonedFile!.stored_name))).toBe(false);
    expect(await draftFiles(checked.token)).toHaveLength(1);
    expect(fs.existsSync(path.join(uploadsDir(), checkedFile!.stored_name))).toBe(true);

    await purgeStaleDrafts({ now: Date.now() + 24 * 60 * 60 * 1000 + 60_000 });
    expect(await draftFiles(checked.token)).toHaveLength(0);
    expect(fs.existsSync(path.join(uploadsDir(), checkedFile!.stored_name))).toBe(false);
  });
});

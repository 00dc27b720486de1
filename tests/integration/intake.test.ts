// The citizen's intake through the real production build, a real SQLite file and a real SMTP server.
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { sqlAll, sqlGet, sqlRun } from '../support/sql';

let app: TestApp;
let smtp: TestSmtpServer;

const PDF = fs.readFileSync('tests/fixtures/giay-to.pdf');
const PNG = fs.readFileSync('tests/fixtures/pixel.png');

const VALID = {
  type: 'kien_nghi',
  subject: 'regulation',
  category: '2',
  submitterKind: 'individual',
  fullName: 'Nguyễn Thị Hồng Đào',
  address: '12 Lê Lợi, phường 4, Tuy Hòa',
  phone: '+84 912 345 678',
  email: 'Dao.Nguyen@example.vn',
  title: 'Thủ tục cấp giấy phép tiến hành công việc bức xạ',
  content:
    'Quy định yêu cầu nộp bản sao có chứng thực trong khi đã có dữ liệu điện tử, gây tốn kém thời gian.',
  regulationRef: 'Thông tư 08/2010/TT-BKHCN',
  field: '5',
  consent: 'on',
};

/** The cookies of the browser that opened each draft (the draft is bound to its browser). */
const browserOf = new Map<string, string>();

async function getToken(cookie = '') {
  const res = await app.fetch('/gop-y', { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  const html = await res.text();
  const token = /action="\/gop-y\?t=([A-Za-z0-9_-]+)"/.exec(html)?.[1];
  expect(token).toBeTruthy();
  const draft = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('pakn_draft='))
    ?.split(';')[0];
  browserOf.set(token!, [cookie, draft].filter(Boolean).join('; '));
  return token!;
}

/** A request from the browser that holds the draft `token`. */
function fromBrowserOf(token: string, pathname: string, init: RequestInit & { ip?: string } = {}) {
  const headers = new Headers(init.headers);
  headers.set('Cookie', browserOf.get(token) ?? '');
  return app.fetch(pathname, { ...init, headers });
}

function multipart(
  fields: Record<string, string>,
  files: Array<{ name: string; data: Buffer; type?: string }> = [],
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files)
    form.append(
      'files',
      new Blob([new Uint8Array(f.data)], { type: f.type ?? 'application/octet-stream' }),
      f.name,
    );
  return form;
}

async function postForm(
  token: string,
  body: FormData | string,
  headers: Record<string, string> = {},
  ip?: string,
) {
  return fromBrowserOf(token, `/gop-y?t=${token}`, { method: 'POST', body, headers, ip });
}

async function countRows(table: string): Promise<number> {
  return ((await sqlGet(app.db(), `SELECT count(*) AS n FROM ${table}`)) as { n: number }).n;
}

function uploadedFiles(): string[] {
  const dir = path.join(app.dir, 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

describe('sending a PAKN', () => {
  let code = '';
  let followLink = '';
  let cookie = '';

  it('checks, reviews and registers a PAKN with an attachment, once', async () => {
    const token = await getToken();
    const res = await postForm(token, multipart(VALID, [{ name: 'giấy tờ.pdf', data: PDF }]));
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe(`/gop-y/kiem-tra?t=${token}`);

    const review = await (await fromBrowserOf(token, `/gop-y/kiem-tra?t=${token}`)).text();
    expect(review).toContain('Nguyễn Thị Hồng Đào');
    expect(review).toContain('0912345678');
    expect(review).toContain('giấy tờ.pdf');
    expect(await countRows('pakn')).toBe(0);

    const send = () =>
      fromBrowserOf(token, '/gop-y/kiem-tra', {
        method: 'POST',
        body: new URLSearchParams({ t: token }),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    const sent = await send();
    expect(sent.status).toBe(302);
    const location = sent.headers.get('Location')!;
    const year = new Date().getFullYear();
    expect(location).toMatch(new RegExp(`^/theo-doi/KHCN-${year}-000001\\?moi=1$`));
    code = `KHCN-${year}-000001`;
    cookie = sent.headers.get('Set-Cookie')!.split(';')[0]!;

    // a double click or a resubmit creates nothing new
    const again = await send();
    expect(again.headers.get('Location')).toBe(location);
    expect(await countRows('pakn')).toBe(1);

    const row = (await sqlGet(app.db(), 'SELECT * FROM pakn')) as Record<string, unknown>;
    expect(row).toMatchObject({
      code,
      full_name: 'Nguyễn Thị Hồng Đào',
      phone: '0912345678',
      email: 'dao.nguyen@example.vn',
      channel: 'online',
      status: 'received',
      show_identity: 0,
    });
    const files = (await sqlAll(app.db(), 'SELECT * FROM attachments')) as Array<Record<string, unknown>>;
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({
      pakn_id: row.id,
      original_name: 'giấy tờ.pdf',
      mime: 'application/pdf',
    });
    expect(uploadedFiles()).toEqual([files[0]!.stored_name]);

    const receipt = await (await app.fetch(location, { headers: { Cookie: cookie } })).text();
    expect(receipt).toContain(code);
    expect(receipt).toMatch(/\d{2}\/\d{2}\/\d{4}/);
  });

  it('sends the receipt e-mail with the code and a private link that works', async () => {
    const { processOutbox } = await import('../../app/jobs/mail-worker.server');
    await processOutbox({ db: app.db() });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toContain(code);
    expect(mail!.text).toContain(code);
    expect(mail!.text).toContain('phản ánh, kiến nghị');
    const link = new RegExp(`${BASE}(/theo-doi/truy-cap/[A-Za-z0-9_-]+)`).exec(mail!.text ?? '')?.[1];
    expect(link).toBeTruthy();
    const res = await app.fetch(link!);
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe(`/theo-doi/${code}`);
    const page = await app.fetch(`/theo-doi/${code}`, {
      headers: { Cookie: res.headers.get('Set-Cookie')!.split(';')[0]! },
    });
    expect(await page.text()).toContain('Nguyễn Thị Hồng Đào');
    followLink = link!;
  });

  it("opens the private link in the PAKN's language when the reader has chosen none (walk-through of 06/12/2026)", async () => {
    await sqlRun(app.db(), "UPDATE pakn SET lang = 'en' WHERE code = ?", code);
    try {
      const res = await app.fetch(followLink);
      expect(res.status).toBe(302);
      const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
      expect(cookies).toContain('lng=en');
      const page = await app.fetch(`/theo-doi/${code}`, { headers: { Cookie: cookies.join('; ') } });
      expect(await page.text()).toContain('<html lang="en"');
      // a language the reader chose stays
      const chosen = await app.fetch(followLink, { headers: { Cookie: 'lng=vi' } });
      expect(chosen.headers.getSetCookie().some((c) => c.startsWith('lng='))).toBe(false);
      // the links of an English e-mail carry the language, for a reader with no choice stored
      const lookup = await app.fetch('/theo-doi?lng=en');
      expect(await lookup.text()).toContain('<html lang="en"');
      expect(lookup.headers.getSetCookie().map((c) => c.split(';')[0])).toContain('lng=en');
      // and the language switch on that page goes back to it without the link's language
      const back = await app.fetch('/ngon-ngu', {
        method: 'POST',
        headers: { Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: 'lng=en' },
        body: new URLSearchParams({ lng: 'vi', redirectTo: '/theo-doi?lng=en&x=1' }),
      });
      expect(back.headers.get('Location')).toBe('/theo-doi?x=1');
    } finally {
      await sqlRun(app.db(), "UPDATE pakn SET lang = 'vi' WHERE code = ?", code);
    }
  });

  it('lets nobody else see the status page', async () => {
    const res = await app.fetch(`/theo-doi/${code}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/theo-doi');
  });

  it('follows up by code and e-mail or phone, and says nothing about which part was wrong', async () => {
    const lookup = (c: string, contact: string, ip = '10.0.0.1') =>
      app.fetch('/theo-doi?index', {
        method: 'POST',
        body: new URLSearchParams({ code: c, contact }),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        ip,
      });
    expect((await lookup(code.toLowerCase(), 'DAO.nguyen@example.vn')).status).toBe(302);
    expect((await lookup(` ${code} `, '0912 345 678')).status).toBe(302);
    const wrongCode = await lookup('KHCN-2026-999999', 'dao.nguyen@example.vn', '10.0.0.2');
    const wrongContact = await lookup(code, 'someone@example.vn', '10.0.0.3');
    expect(wrongCode.status).toBe(400);
    expect(wrongContact.status).toBe(400);
    const message = (html: string) => /class="field-error"[^>]*>(.*?)<\/p>/s.exec(html)?.[1];
    expect(message(await wrongCode.text())).toBe(message(await wrongContact.text()));
  });

  it('throttles repeated wrong follow-up attempts', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) {
      last = await app.fetch('/theo-doi?index', {
        method: 'POST',
        body: new URLSearchParams({ code: 'KHCN-2026-000777', contact: `x${i}@example.vn` }),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        ip: '10.9.9.9',
      });
    }
    expect(last!.status).toBe(429);
  });
});

describe('bad input', () => {
  it('shows every missing field, in Vietnamese and in English, and saves nothing', async () => {
    const before = await countRows('pakn');
    const token = await getToken();
    const res = await postForm(token, multipart({ fullName: 'Trần Văn Ấn' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Có lỗi cần sửa');
    for (const text of [
      'Chọn phản ánh hoặc kiến nghị',
      'Nhập số điện thoại',
      'Nhập tiêu đề',
      'Bạn cần đồng ý',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain('value="Trần Văn Ấn"');
    const en = await postForm(await getToken('lng=en'), multipart({}), { Cookie: 'lng=en' });
    const enHtml = await en.text();
    expect(enHtml).toContain('There is a problem');
    expect(enHtml).toContain('Enter your phone number');
    expect(enHtml).toContain('<html lang="en"');
    expect(await countRows('pakn')).toBe(before);
  });

  it('rejects invalid phone, e-mail, category mismatch and missing consent with precise messages', async () => {
    const token = await getToken();
    const { consent: _consent, ...noConsent } = VALID;
    const res = await postForm(token, multipart({ ...noConsent, phone: '12345', email: 'not-an-email' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Nhập số điện thoại hợp lệ');
    expect(html).toContain('Nhập địa chỉ thư điện tử đúng dạng');
    expect(html).toContain('Bạn cần đồng ý xử lý dữ liệu cá nhân');
    expect(html).toContain('value="12345"');
    const mismatch = await postForm(token, multipart({ ...VALID, subject: 'behaviour', category: '3' }));
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('Nội dung cụ thể không khớp');
  });

  it('checks files by content, keeps the good ones attached and leaves no orphan file', async () => {
    const token = await getToken();
    const res = await postForm(
      token,
      multipart({ ...VALID, phone: 'x' }, [
        { name: 'ok.png', data: PNG },
        { name: 'fake.pdf', data: PNG },
        { name: 'virus.exe.pdf', data: Buffer.from('MZ this is not a pdf') },
        { name: 'empty.pdf', data: Buffer.alloc(0) },
      ]),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Nội dung tệp “fake.pdf” không khớp');
    expect(html).toContain('Tệp “virus.exe.pdf” không đúng định dạng');
    expect(html).toContain('ok.png');
    const kept = (await sqlAll(
      app.db(),
      'SELECT stored_name FROM attachments WHERE draft_token = ?',
      token,
    )) as Array<{
      stored_name: string;
    }>;
    expect(kept).toHaveLength(1);
    expect(uploadedFiles()).toContain(kept[0]!.stored_name);
    // the accepted file stays attached through the fix and the review
    const fixed = await postForm(token, multipart(VALID));
    expect(fixed.status).toBe(302);
    const review = await (await fromBrowserOf(token, `/gop-y/kiem-tra?t=${token}`)).text();
    expect(review).toContain('ok.png');
    // every file on disk belongs to a row
    const known = new Set(
      (
        (await sqlAll(app.db(), 'SELECT stored_name FROM attachments')) as Array<{
          stored_name: string;
        }>
      ).map((r) => r.stored_name),
    );
    expect(uploadedFiles().every((f) => known.has(f))).toBe(true);
  });

  it('refuses oversize files and too many files with a message, keeping the rest of the form', async () => {
    await sqlRun(app.db(), "UPDATE settings SET value = '1' WHERE key = 'intake.maxFileMb'");
    try {
      const token = await getToken();
      const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10, 32)]);
      const res = await postForm(
        token,
        multipart(VALID, [
          { name: 'big.pdf', data: big },
          ...Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.png`, data: PNG })),
        ]),
      );
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('Tệp “big.pdf” lớn hơn 1 MB');
      expect(html).toContain('Chỉ được đính kèm tối đa 5 tệp; tệp “p5.png” chưa được nhận');
      expect(html).toContain('value="Nguyễn Thị Hồng Đào"');
    } finally {
      await sqlRun(app.db(), "UPDATE settings SET value = '10' WHERE key = 'intake.maxFileMb'");
    }
  });

  it('answers malformed, truncated and wrongly typed bodies with 4xx, never 500', async () => {
    const token = await getToken();
    const broken = await postForm(token, '--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\nabc', {
      'Content-Type': 'multipart/form-data; boundary=xyz',
    });
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    const json = await postForm(token, '{"a":1}', { 'Content-Type': 'application/json' });
    expect(json.status).toBe(415);
    const noToken = await app.fetch('/gop-y', { method: 'POST', body: multipart(VALID) });
    expect(noToken.status).toBe(400);
  });

  it('keeps Vietnamese as typed (NFD becomes NFC) and shows script tags as text', async () => {
    const token = await getToken();
    const nfdName = 'Nguyễn Văn Đức'.normalize('NFD');
    const res = await postForm(
      token,
      multipart({ ...VALID, fullName: nfdName, title: '<script>alert(1)</script> thủ tục' }),
    );
    expect(res.status).toBe(302);
    const review = await (await fromBrowserOf(token, `/gop-y/kiem-tra?t=${token}`)).text();
    expect(review).toContain('Nguyễn Văn Đức'.normalize('NFC'));
    expect(review).not.toContain('<script>alert(1)</script>');
    expect(review).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses the honeypot and unknown fields of the form', async () => {
    const token = await getToken();
    const res = await postForm(token, multipart({ ...VALID, website: 'http://spam.example' }));
    expect(res.status).toBe(400);
    const unknownField = await postForm(token, multipart({ ...VALID, field: '99999' }));
    expect(unknownField.status).toBe(400);
    expect(await unknownField.text()).toContain('Chọn lĩnh vực');
  });

  it('limits submissions per address', async () => {
    await sqlRun(app.db(), "UPDATE settings SET value = '2' WHERE key = 'intake.submissionsPerIpPerHour'");
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const token = await getToken();
      await postForm(token, multipart(VALID), {}, '10.1.1.1');
      const sent = await fromBrowserOf(token, '/gop-y/kiem-tra', {
        method: 'POST',
        body: new URLSearchParams({ t: token }),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        ip: '10.1.1.1',
      });
      statuses.push(sent.status);
    }
    expect(statuses).toEqual([302, 302, 429]);
  });
});

describe('health', () => {
  it('reports the database and the outbox', async () => {
    const res = await app.fetch('/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; outbox: { pending: number } };
    expect(body.status).toBe('ok');
    expect(typeof body.outbox.pending).toBe('number');
  });
});

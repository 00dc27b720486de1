// The citizen's walk-through of issue 13 (form side): foreign phone numbers, categories that go with
// the type and subject, the error summary in the form's order, "Lỗi:" in the title, codes typed
// loosely, organisation fields, and the Vietnamese-only rule said in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '../support/app';
import { draftCookieOf } from '../support/server-process';

let app: TestApp;

const VALID = {
  type: 'kien_nghi',
  subject: 'regulation',
  category: '2',
  submitterKind: 'individual',
  fullName: 'Jean Dupont',
  address: '12 rue de la Paix, Paris',
  phone: '0912 345 678',
  email: 'jean.dupont@example.fr',
  title: 'Thủ tục cấp giấy phép tiến hành công việc bức xạ',
  content: 'Quy định yêu cầu nộp bản sao có chứng thực trong khi đã có dữ liệu điện tử, gây tốn kém.',
  field: 'unknown',
  consent: 'on',
};

/** The cookies of the browser that opened each draft (a draft is bound to its browser). */
const browserOf = new Map<string, string>();

async function getToken(cookie = '') {
  const res = await app.fetch('/gop-y', { headers: { Cookie: cookie } });
  const html = await res.text();
  const token = /action="\/gop-y\?t=([A-Za-z0-9_-]+)"/.exec(html)![1]!;
  browserOf.set(token, [cookie, draftCookieOf(res)].filter(Boolean).join('; '));
  return token;
}

function form(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

async function post(fields: Record<string, string>, cookie = '') {
  const token = await getToken(cookie);
  const res = await app.fetch(`/gop-y?t=${token}`, {
    method: 'POST',
    body: form(fields),
    headers: { Cookie: browserOf.get(token)! },
  });
  return { res, token };
}

async function send(fields: Record<string, string>) {
  const { res, token } = await post(fields);
  expect(res.status).toBe(302);
  const sent = await app.fetch('/gop-y/kiem-tra', {
    method: 'POST',
    body: new URLSearchParams({ t: token }),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: browserOf.get(token)! },
  });
  expect(sent.status).toBe(302);
  return /\/theo-doi\/([A-Z0-9-]+)/.exec(sent.headers.get('Location')!)![1]!;
}

const titleOf = (html: string) => /<title>(.*?)<\/title>/s.exec(html)?.[1] ?? '';

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('item 11: foreign phone numbers', () => {
  it('accepts an international number through the form and keeps it in E.164', async () => {
    const { res, token } = await post({ ...VALID, phone: '+33 6 12 34 56 78' });
    expect(res.status).toBe(302);
    const review = await (
      await app.fetch(`/gop-y/kiem-tra?t=${token}`, { headers: { Cookie: browserOf.get(token)! } })
    ).text();
    expect(review).toContain('+33612345678');
  });

  it('follows up with the foreign number as typed', async () => {
    const code = await send({ ...VALID, phone: '+33.6.12.34.56.78', email: 'a.b@example.fr' });
    const res = await app.fetch('/theo-doi?index', {
      method: 'POST',
      body: new URLSearchParams({ code, contact: '+33 6 12 34 56 78' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      ip: '10.11.0.1',
    });
    expect(res.status).toBe(302);
  });
});

describe('item 14: categories, error order, title, codes', () => {
  it('refuses a category that does not go with the type, saying why', async () => {
    const { res } = await post({ ...VALID, type: 'phan_anh', category: '8' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('sáng kiến ban hành quy định mới và phương án xử lý là kiến nghị');
    const behaviour = await post({ ...VALID, subject: 'behaviour', category: '3' });
    expect(await behaviour.res.text()).toContain('hành vi hành chính chỉ có một mục');
  });

  it('lists the errors in the order of the form and prefixes the title with "Lỗi:"', async () => {
    const { res } = await post({});
    expect(res.status).toBe(400);
    const html = await res.text();
    const summary = /class="error-summary"[\s\S]*?<\/ul>/.exec(html)![0];
    const ids = [...summary.matchAll(/href="#([A-Za-z]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([
      'type',
      'subject',
      'category',
      'title',
      'content',
      'field',
      'submitterKind',
      'fullName',
      'address',
      'phone',
      'email',
      'consent',
    ]);
    expect(titleOf(html)).toMatch(/^Lỗi: Gửi phản ánh, kiến nghị/);
    const en = await post({}, 'lng=en');
    expect(titleOf(await en.res.text())).toMatch(/^Error: Send feedback/);
    // without errors, no prefix
    expect(titleOf(await (await app.fetch('/gop-y')).text())).toMatch(/^Gửi phản ánh/);
  });

  it('prefixes the follow-up page title on error too', async () => {
    const res = await app.fetch('/theo-doi?index', {
      method: 'POST',
      body: new URLSearchParams({ code: '', contact: '' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(titleOf(await res.text())).toMatch(/^Lỗi: /);
  });

  it('finds a code typed with spaces, in lower case or without dashes', async () => {
    const code = await send({ ...VALID, email: 'loose.code@example.vn' });
    const [prefix, year, seq] = code.split('-');
    for (const [i, typed] of [
      `${prefix} ${year} ${seq}`,
      `${prefix!.toLowerCase()} ${year} ${seq}`,
      `${prefix}${year}${seq}`,
      `${prefix!.toLowerCase()}-${year}${seq}`,
      ` ${prefix}.${year}.${seq} `,
    ].entries()) {
      const res = await app.fetch('/theo-doi?index', {
        method: 'POST',
        body: new URLSearchParams({ code: typed, contact: 'loose.code@example.vn' }),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        ip: `10.12.0.${i}`,
      });
      expect(res.status, typed).toBe(302);
      expect(res.headers.get('Location')).toBe(`/theo-doi/${code}`);
    }
  });
});

describe('item 13: organisation fields', () => {
  it('groups the organisation fields in a fieldset that says when to fill them and why', async () => {
    const html = await (await app.fetch('/gop-y')).text();
    const group = /<fieldset[^>]*id="org-fields"[\s\S]*?<\/fieldset>/.exec(html)?.[0] ?? '';
    expect(group).toContain('Chỉ điền nếu bạn gửi thay mặt tổ chức');
    expect(group).toContain('có thể là cùng một người');
    expect(group).toContain('name="orgName"');
    expect(group).toContain('name="representative"');
    const en = await (await app.fetch('/gop-y', { headers: { Cookie: 'lng=en' } })).text();
    expect(en).toContain('Only if you send on behalf of an organisation');
  });

  it('still requires both names from an organisation', async () => {
    const { res } = await post({ ...VALID, submitterKind: 'organisation' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Nhập tên tổ chức, doanh nghiệp');
    expect(html).toContain('Nhập họ và tên người đại diện');
  });
});

describe('item 12: the content must be in Vietnamese', () => {
  it('says so on the English form next to the content and on the English home page', async () => {
    const formHtml = await (await app.fetch('/gop-y', { headers: { Cookie: 'lng=en' } })).text();
    const content = /<label[^>]*for="content"[\s\S]*?<textarea/.exec(formHtml)?.[0] ?? '';
    expect(content).toContain('must be written in Vietnamese');
    const home = await (await app.fetch('/', { headers: { Cookie: 'lng=en' } })).text();
    expect(home).toContain('must be written in Vietnamese');
  });
});

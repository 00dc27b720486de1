// No personal data on any public page (spec §8). Ten PAKN full of personal data — names with diacritics,
// phones in several formats, e-mails, ID numbers, addresses — in their titles, contents, answers, file
// names and a public timeline note are published through the real staff page, redacting every flag; then
// every public page, feed, export and file is crawled and searched for the data in any form.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { transaction } from '~/utils/db.server';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { answerDirectly } from '../support/pakn';
import { sqlGet, sqlRun } from '../support/sql';
import { createStaffUser, signIn } from '../support/staff';

let app: TestApp;
let cookie = '';
const PDF = fs.readFileSync('tests/fixtures/giay-to.pdf');

type Person = {
  fullName: string;
  /** as typed in the texts, with its separators */
  phone: string;
  email: string;
  /** CCCD / CMND as typed */
  id: string;
  address: string;
  org?: string;
};

const PEOPLE: Person[] = [
  {
    fullName: 'Nguyễn Thị Hồng Đào',
    phone: '0912 345 678',
    email: 'dao.nguyen@example.vn',
    id: '079203004567',
    address: '12 Lê Lợi, phường 4, Tuy Hòa',
  },
  {
    fullName: 'Trần Văn Bình',
    phone: '+84 905 111 222',
    email: 'tvbinh1970@mail.example',
    id: '221 345 678',
    address: '45 Hùng Vương, phường 7, Tuy Hòa',
  },
  {
    fullName: 'Lê Hoàng Phúc',
    phone: '0987.654.321',
    email: 'phuc.le.hoang@mail.example.vn',
    id: '054 199 004 321',
    address: '78/3 Nguyễn Huệ, phường 5, Tuy Hòa',
  },
  {
    fullName: 'Phạm Thị Thu Hương',
    phone: '028 3829 1234',
    email: 'huongpham.tth@example.org',
    id: '052301012345',
    address: 'thôn Phú Lương, xã Hòa An, Phú Hòa',
  },
  {
    fullName: 'Võ Minh Tuấn',
    phone: '0356-789-012',
    email: 'tuan.vo@minhtuan.example.vn',
    id: '054088009876',
    address: '21 Lý Thường Kiệt, phường 1, Tuy Hòa',
    org: 'Công ty TNHH Kỹ thuật Thiên Phước',
  },
  {
    fullName: 'Đặng Quốc Việt',
    phone: '(0257) 3 822 456',
    email: 'viet.dang.q@example.vn',
    id: '054087001234',
    address: '9 Nguyễn Trãi, thị xã Sông Cầu',
  },
  {
    fullName: 'Huỳnh Ngọc Ánh',
    phone: '84 773 456 789',
    email: 'anh.huynh.ngoc@example.vn',
    id: '054 300 123 456',
    address: '33 Bà Triệu, phường 3, Tuy Hòa',
  },
  {
    fullName: 'Bùi Đức Thắng',
    phone: '0868 246 810',
    email: 'thang.bui.duc@example.vn',
    id: '225.678.901',
    address: '120 Lạc Long Quân, phường 9, Tuy Hòa',
  },
  {
    fullName: 'Ngô Thị Lan Anh',
    phone: '0398765432',
    email: 'lananh.ngo@example.vn',
    id: '001190012345',
    address: '7 Điện Biên Phủ, phường 6, Tuy Hòa',
  },
  {
    fullName: 'Đỗ Trọng Hiếu',
    phone: '0707 123 456',
    email: 'hieu.do.trong@example.vn',
    id: '079090007777',
    address: '56 Nguyễn Tất Thành, phường 2, Tuy Hòa',
  },
];

const fold = (s: string) =>
  s.toLowerCase().replace(/đ/g, 'd').normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
/** folded, every run of non-alphanumerics a single space: 'Nguyen-Thi_Hong  Đào' → ' nguyen thi hong dao ' */
const words = (s: string) =>
  ` ${fold(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
/** digits with the separators people type between them removed */
const joinDigits = (s: string) => s.replace(/(\d)[\s.\-()\u00a0]+(?=\d)/g, '$1');
const digits = (s: string) => s.replace(/\D/g, '');

function decode(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Every form in which this person's data could show, and the text to search it in. */
function leaksOf(p: Person, body: string): string[] {
  const text = decode(body);
  const lower = text.toLowerCase();
  const w = words(text);
  const joined = joinDigits(text);
  const found: string[] = [];
  const names = [p.fullName, ...(p.org ? [p.org] : [])];
  for (const n of names) {
    if (text.includes(n)) found.push(`name ${n}`);
    if (w.includes(words(n))) found.push(`folded name ${words(n)}`);
    const last2 = n.split(' ').slice(-2).join(' ');
    if (n.split(' ').length >= 3 && w.includes(words(last2))) found.push(`last two syllables ${last2}`);
  }
  // the subscriber part of the phone, whatever prefix (0, +84, 84) and separators
  if (joined.includes(digits(p.phone).slice(-9))) found.push(`phone ${p.phone}`);
  if (text.includes(p.phone)) found.push(`raw phone ${p.phone}`);
  if (joined.includes(digits(p.id))) found.push(`id ${p.id}`);
  if (lower.includes(p.email.toLowerCase())) found.push(`email ${p.email}`);
  if (lower.includes(p.email.split('@')[0]!.toLowerCase())) found.push(`email local part ${p.email}`);
  const street = p.address.split(',')[0]!;
  if (text.includes(street) || w.includes(words(street))) found.push(`address ${street}`);
  return found;
}

async function publishThroughStaffPage(
  p: Person,
  i: number,
): Promise<{ id: number; code: string; copyId: number }> {
  const { createPakn } = await import('~/models/pakn.server');
  const db = app.db();
  const first = p.fullName.split(' ').at(-1)!;
  const ascii = fold(p.fullName);
  const { pakn } = await transaction(db, async (tx) =>
    createPakn(tx, {
      type: i % 2 ? 'phan_anh' : 'kien_nghi',
      subject: 'regulation',
      category: 2,
      submitterKind: p.org ? 'organisation' : 'individual',
      orgName: p.org ?? null,
      representative: p.org ? p.fullName : null,
      fullName: p.fullName,
      address: p.address,
      phone: digits(p.phone),
      email: p.email,
      title: `${p.org ?? p.fullName} kiến nghị về hồ sơ thẩm định công nghệ số ${i + 1}`,
      content:
        `Tôi là ${p.fullName} (${ascii}), số CCCD/CMND ${p.id}, điện thoại ${p.phone}, thư điện tử ${p.email}, ` +
        `địa chỉ ${p.address}. ${p.org ? `Đại diện ${p.org}. ` : ''}` +
        `Đề nghị rút ngắn thời hạn thẩm định hồ sơ công nghệ, nhóm thủ tục số ${i + 1}.`,
      regulationRef: null,
      fieldId: null,
      channel: 'online',
      lang: 'vi',
      receivedAt: new Date(Date.now() - (5 + i) * 86_400_000),
      consent: true,
      showIdentity: false,
    }),
  );
  await answerDirectly(db, pakn.id, {
    outcome: 'stands',
    body:
      `Kính gửi ông/bà ${first}. Sở đã trả lời qua ${p.email} và gọi số ${p.phone}.\n\n` +
      `- Hồ sơ của ${ascii} tại ${p.address.split(',')[0]} đã được xem xét.\n- Quy định **giữ nguyên**, xem https://skhcn.example.vn/van-ban.`,
  });
  // a public timeline note that names the submitter: the public pages scrub it
  await sqlRun(
    db,
    `INSERT INTO events (pakn_id, type, to_status, note, is_public) VALUES (?, 'approve', 'answered', ?, 1)`,
    pakn.id,
    `Đã trả lời bà/ông ${p.fullName}, điện thoại ${p.phone}.`,
  );
  const stored = crypto.randomBytes(16).toString('hex');
  fs.mkdirSync(path.join(app.dir, 'uploads'), { recursive: true });
  fs.writeFileSync(path.join(app.dir, 'uploads', stored), PDF);
  const original = (await sqlGet<{ id: number }>(
    db,
    `INSERT INTO attachments (pakn_id, stored_name, original_name, mime, size, sha256, source) VALUES (?, ?, ?, 'application/pdf', ?, 'x', 'submitter') RETURNING id`,
    pakn.id,
    stored,
    `${p.fullName} - CCCD ${p.id}.pdf`,
    PDF.length,
  ))!;

  const pagePath = `/can-bo/pakn/${pakn.id}/cong-khai`;
  const headers = { Origin: BASE, Cookie: cookie };
  // a redacted copy whose file name still names the submitter
  const form = new FormData();
  form.append('intent', 'upload');
  form.append('kind', 'copy');
  form.append('copyOf', String(original.id));
  form.append(
    'upload',
    new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }),
    `ban-sao-${ascii.replace(/ /g, '-')}.pdf`,
  );
  const up = await app.fetch(pagePath, { method: 'POST', headers, body: form });
  expect(up.status).toBe(302);
  const copyId = Number(/tep=(\d+)/.exec(up.headers.get('Location')!)![1]);

  const page = decode(await (await app.fetch(pagePath, { headers: { Cookie: cookie } })).text());
  const textarea = (name: string) =>
    new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`)
      .exec(page)![1]!
      .replace(/^\n/, '');
  const fields: Array<[string, string]> = [
    ['version', /name="version" value="(\d+)"/.exec(page)![1]!],
    ['title', /name="title" type="text"[^>]*value="([^"]*)"/.exec(page)![1]!],
    ['summary', textarea('summary')],
    ['answer', textarea('answer')],
    ['publicFile', String(copyId)],
  ];
  const post = (extra: Array<[string, string]>) =>
    app.fetch(pagePath, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([...fields, ...extra]),
    });
  const check = await post([['intent', 'check']]);
  expect(check.status).toBe(200);
  const keys = [...new Set([...(await check.text()).matchAll(/name="d_([0-9a-f]{12})"/g)].map((m) => m[1]!))];
  expect(keys.length).toBeGreaterThanOrEqual(6);
  const res = await post([...keys.map((k): [string, string] => [`d_${k}`, 'redact']), ['intent', 'publish']]);
  expect(
    res.status,
    `publish ${pakn.code}: ${res.status === 302 ? '' : (await res.text()).slice(0, 200)}`,
  ).toBe(302);
  return { id: pakn.id, code: pakn.code, copyId };
}

let published: Array<{ id: number; code: string; copyId: number }> = [];
const WITHDRAWN = 9;

beforeAll(async () => {
  app = await startTestApp();
  const c = await createStaffUser(app.db(), { role: 'coordinator' });
  cookie = await signIn(app, c.email, c.password);
  published = [];
  for (const [i, p] of PEOPLE.entries()) published.push(await publishThroughStaffPage(p, i));
  // one is withdrawn: its 410 page is public too
  const w = published[WITHDRAWN]!;
  const version = (await sqlGet<{ version: number }>(
    app.db(),
    `SELECT version FROM pakn WHERE id = ?`,
    w.id,
  ))!.version;
  const res = await app.fetch(`/can-bo/pakn/${w.id}/cong-khai`, {
    method: 'POST',
    headers: { Origin: BASE, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      intent: 'withdraw',
      version: String(version),
      withdrawReason: 'Công khai nhầm bản chưa hoàn chỉnh.',
    }),
  });
  expect(res.status).toBe(302);
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

describe('no personal data on any public page', () => {
  /** path → the whole response as the public gets it (no cookie), headers included */
  const crawled = new Map<string, { status: number; body: string }>();

  async function crawl(p: string, init: { lang?: 'en' } = {}) {
    const res = await app.fetch(p, { headers: init.lang ? { Cookie: `lng=${init.lang}` } : {} });
    const head = [...res.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n');
    let body = decode(`${head}\n\n${await res.text()}`);
    // a search page shows the visitor's own query back to them: that echo is not a leak, the results would be
    const q = new URL(p, BASE).searchParams.get('q');
    if (q) {
      for (const echo of [q, encodeURIComponent(q), new URLSearchParams({ q }).toString().slice(2)])
        body = body.split(echo).join('');
    }
    crawled.set(`${p}${init.lang ? ` (${init.lang})` : ''}`, { status: res.status, body });
    return { status: res.status, body };
  }

  beforeAll(async () => {
    const pages = [
      '/',
      '/cong-khai',
      '/cong-khai?sort=oldest',
      '/cong-khai?q=tham+dinh+cong+nghe',
      '/cong-khai?q=h%E1%BB%93+s%C6%A1',
      '/cong-khai.atom',
      '/sitemap.xml',
      '/du-lieu-mo',
      '/du-lieu-mo.csv',
      '/du-lieu-mo.json',
      '/so-cong-khai',
      '/noi-tiep-nhan',
    ];
    for (const p of pages) await crawl(p);
    for (const p of ['/cong-khai', '/cong-khai.atom', '/du-lieu-mo.json']) await crawl(p, { lang: 'en' });
    for (const person of PEOPLE) {
      for (const q of [
        person.fullName,
        fold(person.fullName),
        person.email,
        digits(person.phone),
        person.address.split(',')[0]!,
      ]) {
        await crawl(`/cong-khai?q=${encodeURIComponent(q)}`);
      }
    }
    for (const [i, p] of published.entries()) {
      await crawl(`/cong-khai/${p.code}`);
      await crawl(`/cong-khai/${p.code}`, { lang: 'en' });
      if (i !== WITHDRAWN) await crawl(`/cong-khai/${p.code}/tep/${p.copyId}`);
    }
  }, 120_000);

  it('crawled every page, answer and file', () => {
    const ok = [...crawled].filter(([, r]) => r.status === 200).length;
    expect(ok).toBeGreaterThanOrEqual(12 + 3 + PEOPLE.length * 5 + (PEOPLE.length - 1) * 3);
    expect(crawled.get(`/cong-khai/${published[WITHDRAWN]!.code}`)!.status).toBe(410);
    for (const [i, p] of published.entries()) {
      const feed = crawled.get('/cong-khai.atom')!.body;
      if (i === WITHDRAWN) expect(feed).not.toContain(p.code);
      else expect(feed).toContain(p.code);
    }
    // the answers really are there, redacted
    const page = decode(crawled.get(`/cong-khai/${published[0]!.code}`)!.body);
    expect(page).toContain('[đã ẩn thông tin cá nhân]');
    expect(page).toContain('rút ngắn thời hạn thẩm định hồ sơ công nghệ');
    expect(page).toContain('tai-lieu-1.pdf');
  });

  it('the checker itself finds the data where it legitimately is: the staff record page', async () => {
    const res = await app.fetch(`/can-bo/pakn/${published[0]!.id}`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const found = leaksOf(PEOPLE[0]!, await res.text()).map((l) => l.split(' ')[0]);
    for (const kind of ['name', 'folded', 'phone', 'id', 'email', 'address']) expect(found).toContain(kind);
  });

  it('finds none of the personal data, in any form, anywhere', () => {
    const leaks: string[] = [];
    for (const [p, r] of crawled) {
      for (const person of PEOPLE) for (const l of leaksOf(person, r.body)) leaks.push(`${p}: ${l}`);
    }
    expect(leaks).toEqual([]);
  });

  it("a search for a person's name, e-mail, phone or street finds nothing", () => {
    for (const person of PEOPLE) {
      for (const q of [
        person.fullName,
        fold(person.fullName),
        person.email,
        digits(person.phone),
        person.address.split(',')[0]!,
      ]) {
        const r = crawled.get(`/cong-khai?q=${encodeURIComponent(q)}`)!;
        expect(r.status).toBe(200);
        expect(r.body, q).not.toMatch(/href="\/cong-khai\/KHCN-/);
      }
    }
    // while an ordinary search does find the answers
    expect(crawled.get('/cong-khai?q=tham+dinh+cong+nghe')!.body).toMatch(/href="\/cong-khai\/KHCN-/);
  });

  it('the public files are the redacted copies under neutral names', () => {
    for (const [i, p] of published.entries()) {
      if (i === WITHDRAWN) continue;
      const r = crawled.get(`/cong-khai/${p.code}/tep/${p.copyId}`)!;
      expect(r.status).toBe(200);
      expect(r.body).toMatch(/content-disposition: attachment; filename="tai-lieu-1\.pdf"/);
    }
  });
});

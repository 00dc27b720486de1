// The personal-data check of the publish page against the real app (issues 10 and 13): personal data written
// with other separators or full-width characters is caught by the check that blocks publishing too; the
// agency's own contact details are not flagged; one decision hides every flag of a kind (a plain form post);
// publishing again does not repeat "Công khai kết quả" on the public timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { transaction } from '~/utils/db.server';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { answerDirectly } from '../support/pakn';
import { sqlGet, sqlRun } from '../support/sql';
import { createStaffUser, signIn } from '../support/staff';

let app: TestApp;
let coordinator = '';
const MARKER = '[đã ẩn thông tin cá nhân]';

async function html(res: Response): Promise<string> {
  return (await res.text())
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const one = async <T extends Record<string, unknown> = Record<string, unknown>>(
  q: string,
  ...params: unknown[]
) => (await sqlGet<T>(app.db(), q, ...params))!;

/** An answered PAKN with these texts, created directly in the database. */
async function answered(content: string, body: string): Promise<{ id: number; code: string }> {
  const { createPakn } = await import('~/models/pakn.server');
  const db = app.db();
  const { pakn } = await transaction(db, async (tx) =>
    createPakn(tx, {
      type: 'kien_nghi',
      subject: 'regulation',
      category: 2,
      submitterKind: 'individual',
      orgName: null,
      representative: null,
      fullName: 'Trần Văn Bình',
      address: '45 Nguyễn Huệ, phường 7, Tuy Hòa',
      phone: '0987654321',
      email: null,
      title: 'Kiến nghị về thủ tục cấp phép',
      content,
      regulationRef: null,
      fieldId: null,
      channel: 'online',
      lang: 'vi',
      receivedAt: new Date(Date.now() - 3 * 86_400_000),
      consent: true,
      showIdentity: false,
    }),
  );
  await answerDirectly(db, pakn.id, { body });
  return { id: pakn.id, code: pakn.code };
}

const pagePath = (id: number) => `/can-bo/pakn/${id}/cong-khai`;

function post(p: string, fields: Array<[string, string]>) {
  return app.fetch(p, {
    method: 'POST',
    headers: { Origin: BASE, Cookie: coordinator, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
}

type Texts = { version: string; title: string; summary: string; answer: string };
const base = (t: Texts): Array<[string, string]> => [
  ['version', t.version],
  ['title', t.title],
  ['summary', t.summary],
  ['answer', t.answer],
];

async function texts(id: number, content: string, body: string): Promise<Texts> {
  const page = await html(await app.fetch(pagePath(id), { headers: { Cookie: coordinator } }));
  return {
    version: /name="version" value="(\d+)"/.exec(page)![1]!,
    title: 'Kiến nghị về thủ tục cấp phép',
    summary: content,
    answer: body,
  };
}

/** Flag key → legend, and the options ticked, from the rendered check result. */
function flagsOf(page: string): Map<string, { legend: string; checked: string | null }> {
  const out = new Map<string, { legend: string; checked: string | null }>();
  for (const chunk of page.split('<fieldset').slice(1)) {
    const key = /name="d_([0-9a-f]{12})"/.exec(chunk)?.[1];
    const legend = /<legend[^>]*>([\s\S]*?)<\/legend>/.exec(chunk)?.[1];
    const checked = /type="radio" checked="" value="(\w+)"/.exec(chunk)?.[1] ?? null;
    if (key && legend) out.set(key, { legend, checked });
  }
  return out;
}

beforeAll(async () => {
  app = await startTestApp();
  const c = await createStaffUser(app.db(), { role: 'coordinator' });
  coordinator = await signIn(app, c.email, c.password);
});
afterAll(async () => {
  await app?.stop();
});

describe('normalised detection in the publish check (issue 10)', () => {
  const content = 'Số của tôi: ０９８７６５４３２１, số cũ 0912–345–678, thư a＠b.vn, số bàn 0905/123/456.';
  const body = 'Kính gửi ông Bình. Sở đã nhận được kiến nghị (gọi lại 0987—654—321).';

  it('flags full-width digits, dashes, slashes and the full-width @, and blocks publishing until decided', async () => {
    const p = await answered(content, body);
    const t = await texts(p.id, content, body);
    const check = await html(await post(pagePath(p.id), [...base(t), ['intent', 'check']]));
    const legends = [...flagsOf(check).values()].map((f) => f.legend);
    for (const needle of ['０９８７６５４３２１', '0912–345–678', 'a＠b.vn', '0905/123/456', '0987—654—321'])
      expect(
        legends.some((l) => l.includes(`“${needle}”`)),
        `${needle} in ${legends.join(' | ')}`,
      ).toBe(true);
    const undecided = await post(pagePath(p.id), [...base(t), ['intent', 'publish']]);
    expect(undecided.status).toBe(400);
    expect(await one(`SELECT publication FROM pakn WHERE id = ?`, p.id)).toEqual({ publication: 'none' });

    const all = [...flagsOf(check).keys()].map((k): [string, string] => [`d_${k}`, 'redact']);
    const res = await post(pagePath(p.id), [...base(t), ...all, ['intent', 'publish']]);
    expect(res.status).toBe(302);
    const row = await one<{ public_summary: string; public_answer: string }>(
      `SELECT public_summary, public_answer FROM pakn WHERE id = ?`,
      p.id,
    );
    expect(row.public_summary).toBe(
      `Số của tôi: ${MARKER}, số cũ ${MARKER}, thư ${MARKER}, số bàn ${MARKER}.`,
    );
    // the bracket before the number stays (issue 13.17)
    expect(row.public_answer).toBe(`Kính gửi ông ${MARKER}. Sở đã nhận được kiến nghị (gọi lại ${MARKER}).`);
  });
});

describe("the agency's own contacts and bulk decisions (issue 13.27)", () => {
  const content =
    'Tôi đã gọi 0257 3842 123 và đường dây nóng 0257.3842.124, gửi thư tới pakn@skhcn.phuyen.gov.vn và ' +
    'QLKHCN@skhcn.phuyen.gov.vn nhưng chưa được trả lời. Số của tôi 0987 654 321, số nhà 0912 345 678.';
  const body = 'Sở đã liên hệ lại qua số 0987654321 và 0905 111 222; mọi thắc mắc gọi 0257 3842 123.';

  it('does not flag the agency phone, hotline and e-mail, nor a unit e-mail', async () => {
    const p = await answered(content, body);
    const t = await texts(p.id, content, body);
    const page = await html(await post(pagePath(p.id), [...base(t), ['intent', 'check']]));
    const legends = [...flagsOf(page).values()].map((f) => f.legend);
    for (const own of ['0257 3842 123', '0257.3842.124', 'pakn@skhcn', 'QLKHCN@skhcn'])
      expect(
        legends.filter((l) => l.includes(own)),
        own,
      ).toEqual([]);
    expect(legends.filter((l) => l.startsWith('Số điện thoại'))).toHaveLength(4);
  });

  it("the public timeline keeps the agency phone in a note and still hides the submitter's", async () => {
    const p = await answered('Đề nghị đơn giản hoá thủ tục.', 'Sở tiếp thu.');
    await sqlRun(
      app.db(),
      `INSERT INTO events (pakn_id, type, is_public, note) VALUES (?, 'request_info', 1, ?)`,
      p.id,
      'Đề nghị ông bổ sung hồ sơ; gọi 0257 3842 123, không gọi 0912 345 678.',
    );
    const t = await texts(p.id, 'Đề nghị đơn giản hoá thủ tục.', 'Sở tiếp thu.');
    expect((await post(pagePath(p.id), [...base(t), ['intent', 'publish']])).status).toBe(302);
    const page = await html(await app.fetch(`/cong-khai/${p.code}`));
    expect(page).toContain(`gọi 0257 3842 123, không gọi ${MARKER}.`);
  });

  it('"Ẩn tất cả số điện thoại" decides every phone flag at once, without JavaScript, keeping what was typed', async () => {
    const p = await answered(content, body);
    const t = await texts(p.id, content, body);
    const page = await html(await post(pagePath(p.id), [...base(t), ['intent', 'check']]));
    expect(page).toMatch(/<button[^>]*name="intent"[^>]*value="hideAll:phone"[^>]*>Ẩn tất cả số điện thoại/);
    // one of them already decided otherwise stays as it was
    const flags = flagsOf(page);
    const [firstKey] = [...flags].find(([, f]) => f.legend.startsWith('Số điện thoại'))!;
    const res = await post(pagePath(p.id), [
      ...base(t),
      [`d_${firstKey}`, 'dismiss'],
      [`r_${firstKey}`, 'Số của cơ quan khác'],
      ['intent', 'hideAll:phone'],
    ]);
    expect(res.status).toBe(200);
    const after = await html(res);
    const decided = flagsOf(after);
    const phones = [...decided].filter(([, f]) => f.legend.startsWith('Số điện thoại'));
    expect(phones).toHaveLength(4);
    expect(phones.map(([k, f]) => (k === firstKey ? f.checked : f.checked))).toEqual([
      'dismiss',
      'redact',
      'redact',
      'redact',
    ]);
    expect(after).toContain('Số của cơ quan khác');
    expect(after).toContain('số nhà 0912 345 678');
    // nothing was written
    expect(await one(`SELECT publication FROM pakn WHERE id = ?`, p.id)).toEqual({ publication: 'none' });
    // an unknown kind is a 400, not a 500
    expect((await post(pagePath(p.id), [...base(t), ['intent', 'hideAll:nope']])).status).toBe(400);
  });
});

describe('publishing twice (issue 13.28)', () => {
  const content = 'Đề nghị đơn giản hoá thủ tục.';
  const body = 'Sở tiếp thu kiến nghị.';
  const publicPublished = async (id: number) =>
    (
      await one<{ n: number }>(
        `SELECT count(*) AS n FROM events WHERE pakn_id = ? AND type = 'published' AND is_public = 1`,
        id,
      )
    ).n;
  const timelineCount = async (code: string, label: string) => {
    const page = await html(await app.fetch(`/cong-khai/${code}`));
    return page.split(label).length - 1;
  };

  it('an edit of a published answer adds no second public "Công khai kết quả"; a re-publication after a withdrawal does', async () => {
    const p = await answered(content, body);
    let t = await texts(p.id, content, body);
    expect((await post(pagePath(p.id), [...base(t), ['intent', 'publish']])).status).toBe(302);
    const once = await timelineCount(p.code, 'Công khai kết quả');
    expect(await publicPublished(p.id)).toBe(1);

    t = { ...(await texts(p.id, content, body)), answer: `${body} Đã bổ sung.` };
    expect((await post(pagePath(p.id), [...base(t), ['intent', 'publish']])).status).toBe(302);
    expect(await publicPublished(p.id)).toBe(1);
    expect(await timelineCount(p.code, 'Công khai kết quả')).toBe(once);
    // the edit is on the staff timeline
    const staff = await html(await app.fetch(`/can-bo/pakn/${p.id}`, { headers: { Cookie: coordinator } }));
    expect(staff).toContain('Cập nhật nội dung công khai');

    t = await texts(p.id, content, body);
    expect(
      (
        await post(pagePath(p.id), [
          ['version', t.version],
          ['withdrawReason', 'Đang rà soát lại nội dung'],
          ['intent', 'withdraw'],
        ])
      ).status,
    ).toBe(302);
    t = await texts(p.id, content, body);
    expect((await post(pagePath(p.id), [...base(t), ['intent', 'publish']])).status).toBe(302);
    expect(await publicPublished(p.id)).toBe(2);
  });
});

describe('a text over its maximum (walk-through of 06/12: one 4.8 MB post held the server for minutes)', () => {
  it('is refused for its length before any personal-data check, and what was typed comes back', async () => {
    const p = await answered('Đề nghị đơn giản hoá thủ tục.', 'Sở tiếp thu.');
    const t = await texts(p.id, 'Đề nghị đơn giản hoá thủ tục.', 'Sở tiếp thu.');
    // 25,000 characters of phone numbers and e-mail addresses, over the answer's 20,000
    const long = 'Gọi 0905123456 hoặc a@b.vn. '.repeat(900);
    const res = await post(pagePath(p.id), [...base({ ...t, answer: long }), ['intent', 'check']]);
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain('Nội dung trả lời công khai không quá 20.000 ký tự');
    // the detector did not run on the text it refused: no flag, and none of its cost (it grows faster than
    // the text: 5 s for 224,000 characters, minutes for 4.8 MB)
    expect(flagsOf(page).size).toBe(0);
    expect(page).toContain(long.trim());
    // the texts within their limits are still checked in the same round trip
    const both = await post(pagePath(p.id), [
      ...base({ ...t, summary: 'Gọi tôi: 0912 345 678.', answer: long }),
      ['intent', 'check'],
    ]);
    expect([...flagsOf(await html(both)).values()].map((f) => f.legend).join(' | ')).toContain(
      '0912 345 678',
    );
  });
});

describe('a stale publish (walk-through of 06/12: two coordinators on one page)', () => {
  it('comes back at the fresh version with what was typed and decided, checked again, and saves nothing', async () => {
    const content = 'Số của tôi là 0912 345 678.';
    const p = await answered(content, 'Sở tiếp thu.');
    const t = await texts(p.id, content, 'Sở tiếp thu.');
    const check = await html(await post(pagePath(p.id), [...base(t), ['intent', 'check']]));
    const decided = [...flagsOf(check).keys()].map((k): [string, string] => [`d_${k}`, 'redact']);
    // the first coordinator publishes; the second, on the page loaded before, publishes another summary
    expect((await post(pagePath(p.id), [...base(t), ...decided, ['intent', 'publish']])).status).toBe(302);
    const mine = { ...t, summary: `${content} Tóm tắt của người thứ hai.` };
    const res = await post(pagePath(p.id), [...base(mine), ...decided, ['intent', 'publish']]);
    expect(res.status).toBe(409);
    const page = await html(res);
    expect(page).toContain('nội dung bạn vừa nhập vẫn được giữ trong biểu mẫu');
    expect(page).toContain('Tóm tắt của người thứ hai.');
    // the decision made stays made, and the form goes back at the version now stored
    expect([...flagsOf(page).values()].map((f) => f.checked)).toEqual(['redact']);
    const stored = await one<{ version: number; public_summary: string }>(
      `SELECT version, public_summary FROM pakn WHERE id = ?`,
      p.id,
    );
    expect(page).toContain(`name="version" value="${stored.version}"`);
    expect(stored.public_summary).not.toContain('người thứ hai');
  });
});

describe('the messages of the publication form name their field (walk-through of 06/12)', () => {
  it('says which text is missing or too long, and which kept item a long reason belongs to', async () => {
    const content = 'Số của tôi là 0912 345 678.';
    const p = await answered(content, 'Sở tiếp thu.');
    const t = await texts(p.id, content, 'Sở tiếp thu.');
    const empty = await html(
      await post(pagePath(p.id), [
        ...base({ ...t, title: ' ', summary: '', answer: '' }),
        ['intent', 'publish'],
      ]),
    );
    for (const m of [
      'Nhập tiêu đề công khai',
      'Nhập tóm tắt nội dung công khai',
      'Nhập nội dung trả lời công khai',
    ])
      expect(empty).toContain(m);
    expect(empty).not.toContain('Trường này là bắt buộc');
    const long = await html(
      await post(pagePath(p.id), [...base({ ...t, title: 'T'.repeat(301) }), ['intent', 'check']]),
    );
    expect(long).toContain('Tiêu đề công khai không quá 300 ký tự');
    const check = await html(await post(pagePath(p.id), [...base(t), ['intent', 'check']]));
    const [key] = [...flagsOf(check).keys()];
    const reason = await html(
      await post(pagePath(p.id), [
        ...base(t),
        [`d_${key!}`, 'dismiss'],
        [`r_${key!}`, 'x'.repeat(1001)],
        ['intent', 'publish'],
      ]),
    );
    expect(reason).toContain('Lý do giữ lại “0912 345 678” không quá 1.000 ký tự');
  });
});

// Publishing an answer through the real staff page (issue #4): the personal-data check with a decision per
// flag, publishing blocked until every flag is decided, redaction markers, identity only by opt-in, public
// files only as uploaded redacted copies, withdrawal (410 with the reason), re-publishing, access rules.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Status } from '~/domain/workflow';
import { transaction } from '~/utils/db.server';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { answerDirectly } from '../support/pakn';
import { sqlAll, sqlGet, sqlRun } from '../support/sql';
import { createStaffUser, signIn } from '../support/staff';

let app: TestApp;
let coordinator = '';
let handler = '';
let coordinatorId = 0;

const PDF = fs.readFileSync('tests/fixtures/giay-to.pdf');
const PNG = fs.readFileSync('tests/fixtures/pixel.png');
const MARKER = '[đã ẩn thông tin cá nhân]';

const PERSON = {
  fullName: 'Nguyễn Thị Hồng Đào',
  address: '12 Lê Lợi, phường 4, Tuy Hòa',
  phone: '0912345678',
  email: 'dao.nguyen@example.vn',
};

/** The page's text with the entities React writes decoded. */
async function html(res: Response): Promise<string> {
  return (await res.text())
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const rows = async <T extends Record<string, unknown> = Record<string, unknown>>(
  q: string,
  ...params: unknown[]
) => sqlAll<T>(app.db(), q, ...params);
const one = async <T extends Record<string, unknown> = Record<string, unknown>>(
  q: string,
  ...params: unknown[]
) => (await sqlGet<T>(app.db(), q, ...params))!;

type Over = Partial<{
  showIdentity: boolean;
  status: Status;
  title: string;
  content: string;
  body: string;
  receivedDaysAgo: number;
}>;

/** A PAKN answered by its unit, created directly in the database, with one attachment from the submitter. */
async function answeredPakn(over: Over = {}): Promise<{ id: number; code: string }> {
  const { createPakn } = await import('~/models/pakn.server');
  const db = app.db();
  const receivedAt = new Date(Date.now() - (over.receivedDaysAgo ?? 3) * 86_400_000);
  const { pakn } = await transaction(db, async (tx) =>
    createPakn(tx, {
      type: 'kien_nghi',
      subject: 'regulation',
      category: 2,
      submitterKind: 'individual',
      orgName: null,
      representative: null,
      ...PERSON,
      title: over.title ?? `Bà ${PERSON.fullName} kiến nghị về thủ tục cấp phép bức xạ`,
      content:
        over.content ??
        `Tôi là Nguyen Thi Hong Dao, CCCD 079203004567, điện thoại 0912 345 678, ở ${PERSON.address}. ` +
          'Đề nghị bỏ yêu cầu nộp bản sao có chứng thực khi đã có dữ liệu điện tử.',
      regulationRef: null,
      fieldId: null,
      channel: 'online',
      lang: 'vi',
      receivedAt,
      consent: true,
      showIdentity: over.showIdentity ?? false,
    }),
  );
  await answerDirectly(db, pakn.id, {
    status: over.status ?? 'answered',
    body:
      over.body ??
      `Kính gửi bà Đào. Sở đã nhận được kiến nghị; kết quả đã gửi tới ${PERSON.email}.\n\n` +
        '- Sở sẽ **sửa đổi** quy định theo thẩm quyền.\n- Xem https://so-khcn.example.vn/van-ban.',
  });
  const stored = crypto.randomBytes(16).toString('hex');
  fs.mkdirSync(path.join(app.dir, 'uploads'), { recursive: true });
  fs.writeFileSync(path.join(app.dir, 'uploads', stored), PDF);
  await sqlRun(
    db,
    `INSERT INTO attachments (pakn_id, stored_name, original_name, mime, size, sha256, source) VALUES (?, ?, ?, 'application/pdf', ?, 'x', 'submitter')`,
    pakn.id,
    stored,
    'giay-to-cua-Nguyen-Thi-Hong-Dao.pdf',
    PDF.length,
  );
  return { id: pakn.id, code: pakn.code };
}

const pagePath = (id: number) => `/can-bo/pakn/${id}/cong-khai`;

function get(p: string, cookie = coordinator) {
  return app.fetch(p, { headers: cookie ? { Cookie: cookie } : {} });
}

function post(p: string, fields: Array<[string, string]>, cookie = coordinator) {
  return app.fetch(p, {
    method: 'POST',
    headers: { Origin: BASE, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
}

async function uploadCopy(id: number, copyOf: number | null, name: string, data = PDF, cookie = coordinator) {
  const form = new FormData();
  form.append('intent', 'upload');
  form.append('kind', copyOf ? 'copy' : 'letter');
  if (copyOf) form.append('copyOf', String(copyOf));
  form.append('upload', new Blob([new Uint8Array(data)], { type: 'application/pdf' }), name);
  return app.fetch(pagePath(id), { method: 'POST', headers: { Origin: BASE, Cookie: cookie }, body: form });
}

/** The texts the page prefilled, as a browser would send them back. */
async function prefilled(id: number) {
  const page = await html(await get(pagePath(id)));
  const textarea = (name: string) =>
    new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(page)?.[1] ?? '';
  return {
    page,
    version: /name="version" value="(\d+)"/.exec(page)![1]!,
    title:
      /name="title"[^>]*value="([^"]*)"/.exec(page)?.[1] ??
      /value="([^"]*)"[^>]*name="title"/.exec(page)?.[1] ??
      '',
    summary: textarea('summary').replace(/^\n/, ''),
    answer: textarea('answer').replace(/^\n/, ''),
  };
}

/** Flag key → its legend ("Họ tên trong tiêu đề: “…”"), read from the rendered check result. */
function flagsOf(page: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const chunk of page.split('<fieldset').slice(1)) {
    const key = /name="d_([0-9a-f]{12})"/.exec(chunk)?.[1];
    const legend = /<legend[^>]*>([\s\S]*?)<\/legend>/.exec(chunk)?.[1];
    if (key && legend) out.set(key, legend);
  }
  return out;
}

type Texts = { version: string; title: string; summary: string; answer: string };
const base = (t: Texts, files: number[] = []): Array<[string, string]> => [
  ['version', t.version],
  ['title', t.title],
  ['summary', t.summary],
  ['answer', t.answer],
  ...files.map((f): [string, string] => ['publicFile', String(f)]),
];

/** a ticked "publish this file" box */
const checkedBox = (fileId: number) =>
  new RegExp(`name="publicFile" type="checkbox" checked="" value="${fileId}"`);

const attachmentsOf = (id: number) =>
  rows<{ id: number; original_name: string; source: string; is_public: number }>(
    `SELECT id, original_name, source, is_public FROM attachments WHERE pakn_id = ? ORDER BY id`,
    id,
  );

beforeAll(async () => {
  app = await startTestApp();
  const c = await createStaffUser(app.db(), { role: 'coordinator' });
  coordinatorId = c.id;
  coordinator = await signIn(app, c.email, c.password);
  const h = await createStaffUser(app.db(), { role: 'handler', unitCode: 'QLKHCN' });
  handler = await signIn(app, h.email, h.password);
});
afterAll(async () => {
  await app?.stop();
});

describe('publishing with redaction as a checked step', () => {
  let p: { id: number; code: string };
  let texts: Texts;
  let copyId = 0;
  let flags = new Map<string, string>();

  beforeAll(async () => {
    p = await answeredPakn();
  });

  it('prefills the form and shows the publish due date and the outcome', async () => {
    const res = await get(pagePath(p.id));
    expect(res.status).toBe(200);
    const f = await prefilled(p.id);
    expect(f.title).toContain('kiến nghị về thủ tục cấp phép bức xạ');
    expect(f.summary).toContain('bản sao có chứng thực');
    expect(f.answer).toContain('sửa đổi');
    expect(f.page).toContain('Hạn công khai');
    expect(f.page).toMatch(/2 ngày làm việc sau ngày trả lời \d{2}\/\d{2}\/\d{4}/);
    expect(f.page).toContain('Sửa đổi, bổ sung, bãi bỏ quy định hành chính theo thẩm quyền');
    // the texts have a heading of their own (they sat under "Tệp đính kèm"), and the page says what the check
    // does not look for
    expect(f.page).toContain('<h2>Nội dung công khai</h2>');
    expect(f.page).toContain('họ tên người khác (ví dụ cán bộ được nhắc đến) cần tự rà soát');
    texts = f;
  });

  it('takes a redacted copy of an attachment as a new internal staff file', async () => {
    const original = (await attachmentsOf(p.id))[0]!;
    const res = await uploadCopy(p.id, original.id, `don-cua-Nguyen-Thi-Hong-Dao.pdf`);
    expect(res.status).toBe(302);
    const copy = (await attachmentsOf(p.id)).find((a) => a.source === 'staff')!;
    expect(copy).toMatchObject({ original_name: 'don-cua-Nguyen-Thi-Hong-Dao.pdf', is_public: 0 });
    copyId = copy.id;
    const page = await html(await get(res.headers.get('Location')!));
    expect(page).toMatch(checkedBox(copyId));
    // the signed letter must be a PDF
    const png = await uploadCopy(p.id, null, 'cong-van.png', PNG);
    expect(png.status).toBe(400);
    expect(await html(png)).toContain('Công văn trả lời phải là tệp PDF');
  });

  it('check flags the phone, the name with and without diacritics, the e-mail, the CCCD and the file name', async () => {
    const res = await post(pagePath(p.id), [...base(texts, [copyId]), ['intent', 'check']]);
    expect(res.status).toBe(200);
    const page = await html(res);
    flags = flagsOf(page);
    const legends = [...flags.values()];
    const has = (s: string) =>
      expect(
        legends.some((l) => l.includes(s)),
        `${s} in ${legends.join(' | ')}`,
      ).toBe(true);
    has('Họ tên trong tiêu đề: “Nguyễn Thị Hồng Đào”');
    has('Họ tên trong tóm tắt: “Nguyen Thi Hong Dao”');
    has('Số điện thoại trong tóm tắt: “0912 345 678”');
    has('Số CCCD/CMND trong tóm tắt: “079203004567”');
    has('Địa chỉ trong tóm tắt: “12 Lê Lợi, phường 4, Tuy Hòa”');
    has(`Thư điện tử trong nội dung trả lời: “${PERSON.email}”`);
    has('Họ tên trong nội dung trả lời: “Đào”');
    has('Họ tên trong tên tệp “don-cua-Nguyen-Thi-Hong-Dao.pdf”: “Nguyen-Thi-Hong-Dao”');
    // in context, highlighted; and what was typed is kept
    expect(page).toMatch(/điện thoại <mark>0912 345 678<\/mark>/);
    expect(page).toContain('bản sao có chứng thực');
    expect(page).toMatch(checkedBox(copyId));
  });

  it('refuses to publish while a flag is undecided, and saves nothing', async () => {
    const keys = [...flags.keys()];
    const decided = keys.slice(1).map((k): [string, string] => [`d_${k}`, 'redact']);
    const res = await post(pagePath(p.id), [...base(texts, [copyId]), ...decided, ['intent', 'publish']]);
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain('error-summary');
    expect(page).toContain(`href="#flag-${keys[0]}"`);
    expect(page).toMatch(/Chọn Ẩn hoặc Giữ lại cho “Nguyễn Thị Hồng Đào”/);
    const none = await post(pagePath(p.id), [...base(texts, [copyId]), ['intent', 'publish']]);
    expect(none.status).toBe(400);
    expect(await one(`SELECT publication, public_title FROM pakn WHERE id = ?`, p.id)).toEqual({
      publication: 'none',
      public_title: null,
    });
    expect(await rows(`SELECT * FROM redaction_flags WHERE pakn_id = ?`, p.id)).toHaveLength(0);
    expect(await rows(`SELECT * FROM events WHERE pakn_id = ? AND type = 'published'`, p.id)).toHaveLength(0);
    expect((await attachmentsOf(p.id)).filter((a) => a.is_public)).toHaveLength(0);
  });

  it('refuses to keep a flag without a reason', async () => {
    const [first, ...rest] = [...flags.keys()];
    const res = await post(pagePath(p.id), [
      ...base(texts, [copyId]),
      [`d_${first}`, 'dismiss'],
      [`r_${first}`, '   '],
      ...rest.map((k): [string, string] => [`d_${k}`, 'redact']),
      ['intent', 'publish'],
    ]);
    expect(res.status).toBe(400);
    expect(await html(res)).toContain(`href="#r_${first}"`);
    expect(await one(`SELECT publication FROM pakn WHERE id = ?`, p.id)).toEqual({ publication: 'none' });
  });

  it('publishes with every flag redacted: markers, none of the data, the copy under a neutral name', async () => {
    const res = await post(pagePath(p.id), [
      ...base(texts, [copyId]),
      ...[...flags.keys()].map((k): [string, string] => [`d_${k}`, 'redact']),
      ['intent', 'publish'],
    ]);
    expect(res.status).toBe(302);
    // the confirmation travels in the flash cookie, not in the address
    expect(res.headers.get('Location')).toBe(pagePath(p.id));
    const flash = /pakn_flash=[^;]+/.exec(res.headers.get('Set-Cookie') ?? '')?.[0];
    expect(flash).toBeDefined();
    const landed = await get(pagePath(p.id), `${coordinator}; ${flash}`);
    expect(await html(landed)).toContain('Đã công khai kết quả.<');
    const row = await one<Record<string, unknown>>(`SELECT * FROM pakn WHERE id = ?`, p.id);
    expect(row).toMatchObject({ publication: 'published', on_time: 1 });
    expect(row.published_at).toBeTypeOf('number');
    expect(String(row.public_title)).toContain(MARKER);
    const decisions = await rows<{ decision: string; decided_by_user_id: number }>(
      `SELECT decision, decided_by_user_id FROM redaction_flags WHERE pakn_id = ?`,
      p.id,
    );
    expect(decisions).toHaveLength(flags.size);
    expect(decisions.every((d) => d.decision === 'redact' && d.decided_by_user_id === coordinatorId)).toBe(
      true,
    );
    expect(
      await rows(`SELECT * FROM events WHERE pakn_id = ? AND type = 'published' AND is_public = 1`, p.id),
    ).toHaveLength(1);
    expect(
      await rows(`SELECT * FROM audit_log WHERE action = 'pakn.publish' AND target_id = ?`, String(p.id)),
    ).toHaveLength(1);
    const copy = (await attachmentsOf(p.id)).find((a) => a.id === copyId)!;
    expect(copy).toMatchObject({ original_name: 'tai-lieu-1.pdf', is_public: 1 });
    expect((await attachmentsOf(p.id)).find((a) => a.source === 'submitter')!.is_public).toBe(0);

    const pub = await get(`/cong-khai/${p.code}`, '');
    expect(pub.status).toBe(200);
    const page = await html(pub);
    expect(page).toContain(MARKER);
    for (const leak of [
      'Nguyễn Thị Hồng Đào',
      'Nguyen Thi Hong Dao',
      'Hồng Đào',
      '0912 345 678',
      '0912345678',
      '079203004567',
      'dao.nguyen',
      'Lê Lợi',
      'Nguyen-Thi-Hong-Dao',
    ]) {
      expect(page, leak).not.toContain(leak);
    }
    expect(page).not.toContain('Người gửi</dt>');
    expect(page).toContain(`/cong-khai/${p.code}/tep/${copyId}`);
    // the public search index holds only the redacted texts
    expect(await html(await get(`/cong-khai?q=${encodeURIComponent('Hong Dao')}`, ''))).not.toContain(p.code);
    expect(await html(await get(`/cong-khai?q=${encodeURIComponent('cấp phép bức xạ')}`, ''))).toContain(
      p.code,
    );
    // in English, the agency's Vietnamese texts say they are Vietnamese, for a screen reader's voice (WCAG 3.1.2)
    const en = await html(await get(`/cong-khai/${p.code}`, 'lng=en'));
    expect(en).toMatch(/<h1 lang="vi">/);
    expect(en).toMatch(/<p class="pre-line" lang="vi">/);
    expect(en).toMatch(/<div class="answer-body" lang="vi">/);
    const list = await html(await get(`/cong-khai?q=${encodeURIComponent('cấp phép bức xạ')}`, 'lng=en'));
    const link = new RegExp(`<a [^>]*href="/cong-khai/${p.code}"[^>]*>`).exec(list)?.[0];
    expect(link).toContain('lang="vi"');
    expect(list).toMatch(/<p class="result-summary" lang="vi">/);
  });

  it('serves only public copies of published answers, as downloads', async () => {
    const ok = await get(`/cong-khai/${p.code}/tep/${copyId}`, '');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Content-Disposition')).toMatch(/^attachment; filename="tai-lieu-1.pdf"/);
    expect(ok.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(ok.headers.get('Content-Type')).toBe('application/pdf');
    expect(Buffer.from(await ok.arrayBuffer()).equals(PDF)).toBe(true);
    const original = (await attachmentsOf(p.id)).find((a) => a.source === 'submitter')!;
    expect((await get(`/cong-khai/${p.code}/tep/${original.id}`, '')).status).toBe(404);
    expect((await get(`/cong-khai/KHAC-2026-000001/tep/${copyId}`, '')).status).toBe(404);
    expect((await get(`/cong-khai/${p.code}/tep/abc`, '')).status).toBe(404);
  });

  it('re-publishes edits, keeping the first publication date', async () => {
    const before = await one<{ published_at: number; version: number }>(
      `SELECT published_at, version FROM pakn WHERE id = ?`,
      p.id,
    );
    const f = await prefilled(p.id);
    expect(f.summary).toContain(MARKER);
    const edited = { ...f, summary: `${f.summary}\nĐã bổ sung thông tin về lệ phí.` };
    // the neutral file name raises nothing; the redacted texts raise nothing
    const check = await post(pagePath(p.id), [...base(edited, [copyId]), ['intent', 'check']]);
    expect(flagsOf(await html(check)).size).toBe(0);
    const res = await post(pagePath(p.id), [...base(edited, [copyId]), ['intent', 'publish']]);
    expect(res.status).toBe(302);
    const after = await one<{ published_at: number; version: number; public_summary: string }>(
      `SELECT published_at, version, public_summary FROM pakn WHERE id = ?`,
      p.id,
    );
    expect(after.published_at).toBe(before.published_at);
    expect(after.version).toBe(before.version + 1);
    expect(after.public_summary).toContain('lệ phí');
    // an edit is an internal event: the public timeline keeps one "Công khai kết quả"
    expect(await rows(`SELECT * FROM events WHERE pakn_id = ? AND type = 'published'`, p.id)).toHaveLength(1);
    expect(
      await rows(
        `SELECT * FROM events WHERE pakn_id = ? AND type = 'publication_updated' AND is_public = 0`,
        p.id,
      ),
    ).toHaveLength(1);
    // a stale form is refused
    const stale = await post(pagePath(p.id), [
      ...base({ ...edited, version: String(before.version) }, [copyId]),
      ['intent', 'publish'],
    ]);
    expect(stale.status).toBe(409);
  });

  it('withdraws with a public reason: the page answers 410 with it, files and search are gone', async () => {
    const f = await prefilled(p.id);
    const pii = await post(pagePath(p.id), [
      ['version', f.version],
      ['withdrawReason', 'Theo yêu cầu của bà Nguyễn Thị Hồng Đào'],
      ['intent', 'withdraw'],
    ]);
    expect(pii.status).toBe(400);
    const piiPage = await html(pii);
    expect(piiPage).toContain('hãy bỏ thông tin cá nhân');
    // in the error summary, linked to the field, and the typed reason kept
    expect(piiPage).toContain('href="#withdrawReason"');
    expect(piiPage).toContain('Theo yêu cầu của bà Nguyễn Thị Hồng Đào</textarea>');
    const empty = await post(pagePath(p.id), [
      ['version', f.version],
      ['withdrawReason', ' '],
      ['intent', 'withdraw'],
    ]);
    expect(empty.status).toBe(400);
    const reason = 'Công khai nhầm phiên bản chưa hoàn chỉnh của công văn.';
    const res = await post(pagePath(p.id), [
      ['version', f.version],
      ['withdrawReason', reason],
      ['intent', 'withdraw'],
    ]);
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe(pagePath(p.id));
    expect(res.headers.get('Set-Cookie')).toContain('pakn_flash=');
    expect(await one(`SELECT publication, withdrawn_reason FROM pakn WHERE id = ?`, p.id)).toEqual({
      publication: 'withdrawn',
      withdrawn_reason: reason,
    });
    expect(
      await rows(
        `SELECT * FROM events WHERE pakn_id = ? AND type = 'withdrawn' AND is_public = 1 AND note = ?`,
        p.id,
        reason,
      ),
    ).toHaveLength(1);
    expect(
      await rows(`SELECT * FROM audit_log WHERE action = 'pakn.withdraw' AND target_id = ?`, String(p.id)),
    ).toHaveLength(1);
    const gone = await get(`/cong-khai/${p.code}`, '');
    expect(gone.status).toBe(410);
    expect(await html(gone)).toContain(reason);
    expect((await get(`/cong-khai/${p.code}/tep/${copyId}`, '')).status).toBe(404);
    expect(await html(await get(`/cong-khai?q=${encodeURIComponent('lệ phí')}`, ''))).not.toContain(p.code);
    // withdrawing twice is a conflict; the staff page says why it was withdrawn
    const again = await post(pagePath(p.id), [
      ['version', String(Number(f.version) + 1)],
      ['withdrawReason', reason],
      ['intent', 'withdraw'],
    ]);
    expect(again.status).toBe(409);
    expect(await html(await get(pagePath(p.id)))).toContain(`Lý do gỡ: ${reason}`);
  });
});

describe('identity and dismissals', () => {
  it('shows the submitter only when they opted in, and keeps a dismissed name with its reason', async () => {
    const p = await answeredPakn({ showIdentity: true, receivedDaysAgo: 40 });
    const f = await prefilled(p.id);
    const check = await html(await post(pagePath(p.id), [...base(f), ['intent', 'check']]));
    expect(check).toContain('Người gửi đã đồng ý công khai danh tính');
    const flags = flagsOf(check);
    const decisions = [...flags].flatMap(([k, legend]): Array<[string, string]> =>
      legend.startsWith('Họ tên trong tiêu đề')
        ? [
            [`d_${k}`, 'dismiss'],
            [`r_${k}`, 'Người gửi đồng ý công khai danh tính'],
          ]
        : [[`d_${k}`, 'redact']],
    );
    const res = await post(pagePath(p.id), [...base(f), ...decisions, ['intent', 'publish']]);
    expect(res.status).toBe(302);
    const page = await html(await get(`/cong-khai/${p.code}`, ''));
    expect(page).toMatch(/Người gửi<\/dt><dd>Nguyễn Thị Hồng Đào/);
    expect(page).not.toContain('0912 345 678');
    expect(page).toContain('Trả lời quá hạn');
    expect(await one(`SELECT on_time FROM pakn WHERE id = ?`, p.id)).toEqual({ on_time: 0 });
    expect(
      await rows(`SELECT kind, reason FROM redaction_flags WHERE pakn_id = ? AND decision = 'dismiss'`, p.id),
    ).toEqual([{ kind: 'name', reason: 'Người gửi đồng ý công khai danh tính' }]);
  });

  it('refuses personal data hidden from the detector by Markdown formatting', async () => {
    const p = await answeredPakn({ body: 'Liên hệ số 0912\\.345\\.678 để biết thêm.' });
    const f = await prefilled(p.id);
    const res = await post(pagePath(p.id), [...base(f), ['intent', 'check']]);
    expect(res.status).toBe(400);
    expect(await html(res)).toContain('bị định dạng che khuất: 0912.345.678');
  });
});

describe('who may publish what', () => {
  it('opens for coordinators only: the role matrix of the page', async () => {
    const p = await answeredPakn();
    const expected: Record<string, number> = {
      coordinator: 200,
      admin: 403,
      handler: 403,
      approver: 403,
      viewer: 403,
    };
    for (const role of ['admin', 'approver', 'viewer'] as const) {
      const u = await createStaffUser(app.db(), {
        role,
        unitCode: role === 'approver' ? 'QLKHCN' : undefined,
      });
      const c = await signIn(app, u.email, u.password);
      expect((await get(pagePath(p.id), c)).status, role).toBe(expected[role]);
      expect((await post(pagePath(p.id), [['intent', 'check']], c)).status, role).toBe(expected[role]);
    }
    expect((await get(pagePath(p.id))).status).toBe(expected.coordinator);
    expect((await get(pagePath(p.id), handler)).status).toBe(expected.handler);
  });

  it('is for coordinators: a handler gets 403 on the page and on posts', async () => {
    const p = await answeredPakn();
    expect((await get(pagePath(p.id), handler)).status).toBe(403);
    const f = await prefilled(p.id);
    expect((await post(pagePath(p.id), [...base(f), ['intent', 'check']], handler)).status).toBe(403);
    expect((await uploadCopy(p.id, null, 'cong-van.pdf', PDF, handler)).status).toBe(403);
    expect((await attachmentsOf(p.id)).filter((a) => a.source === 'staff')).toHaveLength(0);
  });

  it('needs an answered PAKN (409), an existing one (404) and a signed-in user', async () => {
    const p = await answeredPakn({ status: 'in_progress' });
    const res = await get(pagePath(p.id));
    expect(res.status).toBe(409);
    expect(await html(res)).toContain('Chỉ công khai được phản ánh, kiến nghị đã trả lời');
    expect((await post(pagePath(p.id), [['intent', 'check']])).status).toBe(409);
    expect((await get(pagePath(999_999))).status).toBe(404);
    const anon = await get(pagePath(p.id), '');
    expect(anon.status).toBe(302);
    expect(anon.headers.get('Location')).toMatch(/^\/can-bo\/dang-nhap/);
  });

  it('refuses cross-site posts', async () => {
    const p = await answeredPakn();
    const res = await app.fetch(pagePath(p.id), {
      method: 'POST',
      headers: {
        'Sec-Fetch-Site': 'cross-site',
        Cookie: coordinator,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ intent: 'withdraw' }),
    });
    expect(res.status).toBe(403);
  });
});

describe('the publish due date', () => {
  it("names the days off it skips in the reader's language (walk-through of 06/12/2026)", async () => {
    const p = await answeredPakn();
    // answered on Wednesday 29/04/2026: 30/04 and 01/05 are days off the Labour Code gives, then a weekend
    await sqlRun(app.db(), 'UPDATE pakn SET answered_at = ? WHERE id = ?', Date.UTC(2026, 3, 29, 3), p.id);
    const vi = await html(await get(pagePath(p.id)));
    expect(vi).toContain('bỏ qua 30/04/2026–03/05/2026 (Ngày Giải phóng miền Nam; Quốc tế Lao động)');
    const en = await html(await get(pagePath(p.id), `${coordinator}; lng=en`));
    expect(en).toContain('30/04/2026–03/05/2026 skipped (Reunification Day; International Labour Day)');
    expect(en).not.toContain('Quốc tế Lao động');
  });
});

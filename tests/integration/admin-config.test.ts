// The admin area through the real production build: permissions per page, every create/update with valid and
// invalid input (typed values kept, translated messages, 400 never 500), audit entries, the deadline calculator.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { first } from '~/utils/db.server';
import * as s from '~db/schema';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { createStaffUser, followFlash, postForm, signIn } from '../support/staff';

let app: TestApp;
let admin = '';
let coordinator = '';

const PAGES = [
  '/can-bo/quan-tri',
  '/can-bo/quan-tri/co-quan',
  '/can-bo/quan-tri/don-vi',
  '/can-bo/quan-tri/linh-vuc',
  '/can-bo/quan-tri/dinh-tuyen',
  '/can-bo/quan-tri/co-quan-chuyen',
  '/can-bo/quan-tri/thoi-han',
  '/can-bo/quan-tri/lich',
  '/can-bo/quan-tri/cai-dat',
];

/** Remix refuses a POST with an Origin but no Host header (CSRF check), so send Host as a browser does. */

beforeAll(async () => {
  app = await startTestApp();
  const a = await createStaffUser(app.db(), { role: 'admin' });
  const c = await createStaffUser(app.db(), { role: 'coordinator' });
  admin = await signIn(app, a.email, a.password);
  coordinator = await signIn(app, c.email, c.password);
});
afterAll(async () => {
  await app?.stop();
});

const get = (path: string, cookie = admin) => app.fetch(path, { headers: { Cookie: cookie } });
const post = (path: string, fields: Record<string, string>, cookie = admin) =>
  postForm(app, path, cookie, fields);

async function lastAudit(action: string) {
  const rows = await app.db().select().from(s.auditLog).where(eq(s.auditLog.action, action));
  const row = rows[rows.length - 1];
  return row
    ? { ...row, detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null }
    : undefined;
}

async function unitByCode(code: string) {
  return await first(app.db().select().from(s.units).where(eq(s.units.code, code)));
}

describe('permissions', () => {
  it.each(PAGES)('%s: 200 for an administrator, 403 for a coordinator', async (path) => {
    const ok = await get(path);
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain('Các mục quản trị');
    expect(html).toContain('href="/can-bo/quan-tri/nguoi-dung"');
    expect(html).toContain('href="/can-bo/quan-tri/nhat-ky"');
    const denied = await get(path, coordinator);
    expect(denied.status).toBe(403);
  });

  it('names the admin area in every admin page title (walk-through of 06/12/2026)', async () => {
    const pages = ['don-vi', 'co-quan', 'lich', 'cai-dat', 'nguoi-dung', 'nguoi-dung/moi', 'nhat-ky'];
    for (const page of pages) {
      const html = await (await get(`/can-bo/quan-tri/${page}`)).text();
      expect(/<title>(.*?)<\/title>/.exec(html)?.[1], page).toMatch(/ – Quản trị hệ thống$/);
    }
  });

  it('refuses a coordinator’s post with 403 and changes nothing', async () => {
    const res = await post(
      '/can-bo/quan-tri/don-vi',
      { intent: 'create', code: 'X1', name: 'X', nameEn: 'X', email: 'x@example.vn' },
      coordinator,
    );
    expect(res.status).toBe(403);
    expect(await unitByCode('X1')).toBeUndefined();
  });

  it('answers an address no admin page has with the translated 404 inside the admin area', async () => {
    const res = await get('/can-bo/quan-tri/khong-co');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<title>Không tìm thấy trang');
    expect(html).toContain('Các mục quản trị');
    const en = await get('/can-bo/quan-tri/khong-co', `${admin}; lng=en`);
    expect(en.status).toBe(404);
    expect(await en.text()).toContain('<title>Page not found');
    const posted = await post('/can-bo/quan-tri/khong-co', { intent: 'create', name: 'X' });
    expect(posted.status).toBe(404);
    // nothing tells those without admin rights which addresses exist
    expect((await get('/can-bo/quan-tri/khong-co', coordinator)).status).toBe(403);
    const signedOut = await app.fetch('/can-bo/quan-tri/khong-co');
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get('Location')).toContain('/can-bo/dang-nhap');
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const res = await app.fetch('/can-bo/quan-tri/lich');
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toContain('/can-bo/dang-nhap');
  });
});

describe('units', () => {
  const PATH = '/can-bo/quan-tri/don-vi';
  const valid = {
    intent: 'create',
    code: 'vp',
    name: 'Văn phòng Sở',
    nameEn: 'Office',
    email: 'vanphong@example.vn',
    sortOrder: '4',
    active: 'on',
  };

  it('creates a unit (code upper-cased) with an audit entry', async () => {
    const res = await post(PATH, valid);
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe(PATH);
    const unit = await unitByCode('VP');
    expect(unit).toMatchObject({ name: 'Văn phòng Sở', sortOrder: 4, active: true });
    const entry = await lastAudit('settings.unit.create');
    expect(entry?.targetId).toBe(String(unit!.id));
    expect(entry?.detail).toMatchObject({ code: 'VP', name: 'Văn phòng Sở' });
    const page = await followFlash(app, res, admin);
    expect(page).toContain('Đã thêm.');
    expect(page).toContain('Văn phòng Sở');
  });

  it('keeps what was typed and explains each error', async () => {
    const res = await post(PATH, { ...valid, code: 'Mã sai!', name: '', email: 'không-phải-email' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="Mã sai!"');
    expect(html).toContain('value="không-phải-email"');
    expect(html).toContain('Mã chỉ gồm chữ cái không dấu');
    expect(html).toContain('Vui lòng nhập thông tin này.');
    expect(html).toContain('Địa chỉ thư điện tử không đúng định dạng');
    expect(html).toContain('href="#new-code"');
    // the summary names each field: the same message under several fields must say which is which
    expect(html.replace(/<!-- -->/g, '')).toContain(
      '<a href="#new-name">Tên đơn vị: Vui lòng nhập thông tin này.</a>',
    );
  });

  it('answers in English for an English session', async () => {
    const res = await postForm(app, PATH, `${admin}; lng=en`, { ...valid, email: 'nope' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Enter an e-mail address in the right format');
  });

  it('turns a duplicate code into a field error', async () => {
    const res = await post(PATH, { ...valid, code: 'QLKHCN' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Mã này đã được dùng');
  });

  it('refuses a name another unit has, without diacritics or case, on create and on update', async () => {
    const before = (await app.db().select().from(s.units)).length;
    const res = await post(PATH, { ...valid, code: 'QL2', name: 'phong quan ly khoa hoc va cong nghe' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Tên này đã có trong danh sách.');
    expect(html).toContain('value="phong quan ly khoa hoc va cong nghe"');
    expect((await app.db().select().from(s.units)).length).toBe(before);
    const other = (await unitByCode('TDC'))!;
    const renamed = await post(PATH, {
      ...valid,
      intent: 'update',
      id: String(other.id),
      code: 'TDC',
      name: 'Phòng Quản lý Khoa học và Công nghệ',
    });
    expect(renamed.status).toBe(400);
    expect(await renamed.text()).toContain('href="#edit-name"');
  });

  it('updates a unit and audits only what changed', async () => {
    const unit = (await unitByCode('VP'))!;
    const res = await post(PATH, {
      ...valid,
      intent: 'update',
      id: String(unit.id),
      code: 'VP',
      name: 'Văn phòng',
      active: '',
    });
    expect(res.status).toBe(302);
    expect(await unitByCode('VP')).toMatchObject({ name: 'Văn phòng', active: false });
    const entry = await lastAudit('settings.unit.update');
    expect(entry?.detail).toEqual({
      name: { from: 'Văn phòng Sở', to: 'Văn phòng' },
      active: { from: true, to: false },
    });
    const bad = await post(PATH, { ...valid, intent: 'update', id: String(unit.id), code: 'TDC' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Mã này đã được dùng');
    expect(html).toContain('href="#edit-code"');
  });

  it('refuses to delete a unit in use, deletes an unused one', async () => {
    const used = (await unitByCode('QLKHCN'))!;
    const res = await post(PATH, { intent: 'delete', id: String(used.id) });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Không thể xóa đơn vị đang được dùng \(6 lĩnh vực, 4 từ khóa/);
    expect(await unitByCode('QLKHCN')).toBeDefined();
    const unused = (await unitByCode('VP'))!;
    expect((await post(PATH, { intent: 'delete', id: String(unused.id) })).status).toBe(302);
    expect(await unitByCode('VP')).toBeUndefined();
    expect((await lastAudit('settings.unit.delete'))?.detail).toMatchObject({ code: 'VP' });
  });

  it('rejects an unknown intent with 400', async () => {
    expect((await post(PATH, { intent: 'drop-table' })).status).toBe(400);
  });
});

describe('fields', () => {
  const PATH = '/can-bo/quan-tri/linh-vuc';

  it('creates a field with a default unit, refuses an unknown unit and a duplicate code', async () => {
    const tdc = (await unitByCode('TDC'))!;
    const ok = await post(PATH, {
      intent: 'create',
      code: 'ATBX',
      name: 'An toàn bức xạ',
      nameEn: 'Radiation safety',
      defaultUnitId: String(tdc.id),
      active: 'on',
    });
    expect(ok.status).toBe(302);
    const field = await first(app.db().select().from(s.fields).where(eq(s.fields.code, 'ATBX')));
    expect(field?.defaultUnitId).toBe(tdc.id);
    expect((await lastAudit('settings.field.create'))?.detail).toMatchObject({
      code: 'ATBX',
      defaultUnitId: tdc.id,
    });

    const bad = await post(PATH, {
      intent: 'create',
      code: 'SHTT',
      name: 'Tên mới',
      nameEn: 'New name',
      defaultUnitId: '9999',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Mã này đã được dùng');
    expect(html).toContain('Hãy chọn một đơn vị đang sử dụng.');
    expect(html).toContain('value="Tên mới"');
  });

  it('updates the default unit', async () => {
    const field = (await first(app.db().select().from(s.fields).where(eq(s.fields.code, 'ATBX'))))!;
    const q = (await unitByCode('QLKHCN'))!;
    const res = await post(PATH, {
      intent: 'update',
      id: String(field.id),
      code: 'ATBX',
      name: 'An toàn bức xạ',
      nameEn: 'Radiation safety',
      defaultUnitId: String(q.id),
      sortOrder: 'x',
      active: 'on',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Nhập một số nguyên');
    const ok = await post(PATH, {
      intent: 'update',
      id: String(field.id),
      code: 'ATBX',
      name: 'An toàn bức xạ',
      nameEn: 'Radiation safety',
      defaultUnitId: String(q.id),
      sortOrder: '9',
      active: 'on',
    });
    expect(ok.status).toBe(302);
    expect((await lastAudit('settings.field.update'))?.detail).toEqual({
      defaultUnitId: { from: (await unitByCode('TDC'))!.id, to: q.id },
      sortOrder: { from: 0, to: 9 },
    });
  });
});

describe('routing keywords', () => {
  const PATH = '/can-bo/quan-tri/dinh-tuyen';

  it('adds, refuses a duplicate that differs only in diacritics, edits and deletes', async () => {
    const tdc = (await unitByCode('TDC'))!;
    const page = await (await get(PATH)).text();
    expect(page).toContain('đo lường');
    const dup = await post(PATH, { intent: 'create', keyword: 'DO LUONG', unitId: String(tdc.id) });
    expect(dup.status).toBe(400);
    const html = await dup.text();
    expect(html).toContain('Từ khóa này đã có');
    expect(html).toContain('value="DO LUONG"');
    const empty = await post(PATH, { intent: 'create', keyword: 'x', unitId: '' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Từ khóa cần ít nhất 2 ký tự.');

    expect((await post(PATH, { intent: 'create', keyword: 'tem nhãn', unitId: String(tdc.id) })).status).toBe(
      302,
    );
    const kw = (await first(
      app.db().select().from(s.routingKeywords).where(eq(s.routingKeywords.keyword, 'tem nhãn')),
    ))!;
    expect((await lastAudit('settings.keyword.create'))?.detail).toEqual({
      keyword: 'tem nhãn',
      unitId: tdc.id,
    });
    expect(
      (
        await post(PATH, {
          intent: 'update',
          id: String(kw.id),
          keyword: 'tem nhãn hàng hóa',
          unitId: String(tdc.id),
        })
      ).status,
    ).toBe(302);
    expect((await lastAudit('settings.keyword.update'))?.detail).toEqual({
      keyword: { from: 'tem nhãn', to: 'tem nhãn hàng hóa' },
    });
    expect((await post(PATH, { intent: 'delete', id: String(kw.id) })).status).toBe(302);
    expect(
      await first(app.db().select().from(s.routingKeywords).where(eq(s.routingKeywords.id, kw.id))),
    ).toBeUndefined();
    expect((await lastAudit('settings.keyword.delete'))?.targetId).toBe(String(kw.id));
  });
});

describe('external agencies', () => {
  const PATH = '/can-bo/quan-tri/co-quan-chuyen';

  it('adds, validates, edits, deactivates and deletes', async () => {
    const bad = await post(PATH, { intent: 'create', name: '', email: 'sai@', address: 'Tuy Hòa' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('value="Tuy Hòa"');
    expect(html).toContain('Vui lòng nhập thông tin này.');
    expect(html).toContain('Địa chỉ thư điện tử không đúng định dạng');
    const dup = await post(PATH, { intent: 'create', name: 'Bộ Khoa học và Công nghệ' });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain('Tên này đã có trong danh sách.');

    expect(
      (
        await post(PATH, {
          intent: 'create',
          name: 'Sở Y tế tỉnh Phú Yên',
          email: 'syt@example.vn',
          active: 'on',
        })
      ).status,
    ).toBe(302);
    const row = (await first(
      app.db().select().from(s.externalAgencies).where(eq(s.externalAgencies.name, 'Sở Y tế tỉnh Phú Yên')),
    ))!;
    expect(row.active).toBe(true);
    expect((await lastAudit('settings.external_agency.create'))?.detail).toMatchObject({
      email: 'syt@example.vn',
    });
    const upd = await post(PATH, {
      intent: 'update',
      id: String(row.id),
      name: 'Sở Y tế tỉnh Phú Yên',
      email: 'syt@example.vn',
      note: 'Dược, thiết bị y tế',
    });
    expect(upd.status).toBe(302);
    expect((await lastAudit('settings.external_agency.update'))?.detail).toEqual({
      note: { from: '', to: 'Dược, thiết bị y tế' },
      active: { from: true, to: false },
    });
    expect((await post(PATH, { intent: 'delete', id: String(row.id) })).status).toBe(302);
  });
});

describe('agency details', () => {
  const PATH = '/can-bo/quan-tri/co-quan';

  it('warns that the prefix applies to new codes, validates and saves', async () => {
    const page = await (await get(PATH)).text();
    expect(page).toContain('chỉ áp dụng cho phản ánh, kiến nghị tiếp nhận sau khi lưu');
    const agency = (await first(app.db().select().from(s.agency)))!;
    const { id: _id, updatedAt: _u, ...values } = agency;
    const form = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v ?? '')]));

    const bad = await post(PATH, { ...form, codePrefix: 'KH-CN', email: 'x', website: 'ftp://x' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('value="KH-CN"');
    expect(html).toContain('Tiền tố gồm 1 đến 12 chữ cái');
    expect(html).toContain('Địa chỉ trang web phải bắt đầu bằng http://');
    const empty = await (await post(PATH, { ...form, name: '', address: '' })).text();
    expect(empty).toMatch(/<a href="#name">[^<]+: Vui lòng nhập thông tin này\.<\/a>/);
    expect(empty).toMatch(/<a href="#address">[^<]+: Vui lòng nhập thông tin này\.<\/a>/);

    const ok = await post(PATH, { ...form, codePrefix: 'skhcn', hotline: '1900 1234' });
    expect(ok.status).toBe(302);
    expect(await first(app.db().select().from(s.agency))).toMatchObject({
      codePrefix: 'SKHCN',
      hotline: '1900 1234',
    });
    expect((await lastAudit('settings.agency.update'))?.detail).toEqual({
      hotline: { from: agency.hotline, to: '1900 1234' },
      codePrefix: { from: 'KHCN', to: 'SKHCN' },
    });
  });
});

describe('deadline rules', () => {
  const PATH = '/can-bo/quan-tri/thoi-han';

  it('lists every rule with its legal basis', async () => {
    const html = await (await get(PATH)).text();
    expect(html).toContain('Nghị định 20/2008/NĐ-CP, Điều 9');
    expect(html).toContain('Thông tư 02/2017/TT-VPCP');
    expect(html).toContain('<caption>');
    // the agency's own rules are named in words, not by the settings' marker
    expect(html).toContain('<td>Quy định của cơ quan</td>');
    expect(html).not.toContain('<td>[policy]</td>');
    expect(await (await get(PATH, `${admin}; lng=en`)).text()).toContain(
      '<td>The agency&#x27;s own rule</td>',
    );
  });

  it('validates days, unit and basis, keeping the input', async () => {
    const res = await post(PATH, { intent: 'update', key: 'publish', days: '400', unit: 'weeks', basis: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Nhập một số từ 1 đến 365.');
    expect(html).toContain('Chọn ngày làm việc hoặc ngày theo lịch.');
    expect(html).toContain('value="400"');
    expect(
      (await post(PATH, { intent: 'update', key: 'nope', days: '3', unit: 'working', basis: 'x' })).status,
    ).toBe(400);
  });

  it('saves a rule with an audit entry', async () => {
    const res = await post(PATH, {
      intent: 'update',
      key: 'publish',
      days: '3',
      unit: 'working',
      basis: 'Thông tư 02/2017/TT-VPCP, Điều 7',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe(PATH);
    expect(await followFlash(app, res, admin)).toMatch(
      /Đã lưu thay đổi\. Đã tính lại hạn xử lý của \d+ phản ánh, kiến nghị đang mở\./,
    );
    expect(
      await first(app.db().select().from(s.deadlineRules).where(eq(s.deadlineRules.key, 'publish'))),
    ).toMatchObject({ days: 3, unit: 'working' });
    expect((await lastAudit('settings.deadline_rule.update'))?.detail).toMatchObject({
      days: { from: 2, to: 3 },
      recomputed: 0,
    });
  });
});

describe('working-day calendar', () => {
  const PATH = '/can-bo/quan-tri/lich';

  it('shows the year: overrides and library holidays, dd/mm/yyyy', async () => {
    const html = await (await get(`${PATH}?nam=2026`)).text();
    expect(html).toContain('Nghỉ Tết Nguyên đán Bính Ngọ');
    expect(html).toContain('16/02/2026');
    expect(html).toContain('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(html).toContain('02/09/2026'); // Quốc khánh from the library
    expect(html).toMatch(/Năm 2026 có \d+ ngày làm việc/);
  });

  it('validates an override and keeps the input', async () => {
    const res = await post(PATH, {
      intent: 'save',
      date: '2026-02-30',
      kind: 'holiday',
      note: 'Ghi chú giữ lại',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Nhập ngày hợp lệ');
    expect(html).toContain('Chọn ngày nghỉ hoặc ngày làm việc bù.');
    expect(html).toContain('value="Ghi chú giữ lại"');
    expect(html).toContain('value="2026-02-30"');
  });

  it('adds, replaces and removes an override with audit entries', async () => {
    const add = await post(PATH, { intent: 'save', date: '2027-01-02', kind: 'work', note: 'Làm bù' });
    expect(add.status).toBe(302);
    expect(add.headers.get('Location')).toBe('/can-bo/quan-tri/lich?nam=2027');
    expect(await followFlash(app, add, admin)).toMatch(
      /Đã lưu\. Đã tính lại hạn xử lý của \d+ phản ánh, kiến nghị đang mở\./,
    );
    expect((await lastAudit('settings.calendar.create'))?.detail).toMatchObject({
      date: '2027-01-02',
      kind: 'work',
    });
    expect(
      (await post(PATH, { intent: 'save', date: '2027-01-02', kind: 'work', note: 'Làm bù Tết Dương lịch' }))
        .status,
    ).toBe(302);
    expect((await lastAudit('settings.calendar.update'))?.detail).toMatchObject({
      note: { from: 'Làm bù', to: 'Làm bù Tết Dương lịch' },
    });
    const page = await (await get('/can-bo/quan-tri/lich?nam=2027')).text();
    expect(page).toContain('02/01/2027');
    expect(page).toContain('Làm bù Tết Dương lịch');
    expect((await post(PATH, { intent: 'delete', date: '2027-01-02' })).status).toBe(302);
    expect((await lastAudit('settings.calendar.delete'))?.targetId).toBe('2027-01-02');
    const missing = await post(PATH, { intent: 'delete', date: '2027-01-02' });
    expect(missing.status).toBe(400);
  });

  it('calculator: 5 working days from 12/02/2026 skip Tết', async () => {
    const res = await get(`${PATH}?start=2026-02-12&days=5&unit=working`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Hạn: 26/02/2026');
    expect(html).toContain(
      'Hạn 26/02/2026: tiếp nhận 12/02/2026, 5 ngày làm việc, bỏ qua 14/02–22/02 (Nghỉ Tết Nguyên đán Bính Ngọ)',
    );
  });

  it('calculator: a make-up Saturday counts as a working day', async () => {
    // 26/04/2025 was worked in exchange for Friday 02/05/2025.
    const html = await (await get(`${PATH}?start=2025-04-24&days=2&unit=working`)).text();
    expect(html).toContain('Hạn: 26/04/2025');
  });

  it('calculator: calendar days ending on a day off move to the next working day, in English too', async () => {
    const html = await (
      await app.fetch(`${PATH}?start=2026-02-01&days=20&unit=calendar`, {
        headers: { Cookie: `${admin}; lng=en` },
      })
    ).text();
    expect(html).toContain('Due: 23/02/2026');
    expect(html).toContain('moved to the next working day');
  });

  it('calculator: invalid input is a 400 with the values kept', async () => {
    const res = await get(`${PATH}?start=12/02/2026&days=-3&unit=working`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="12/02/2026"');
    expect(html).toContain('Nhập ngày hợp lệ');
    expect(html).toContain('Nhập một số từ 0 đến 365.');
  });
});

describe('settings', () => {
  const PATH = '/can-bo/quan-tri/cai-dat';
  const policy = {
    intent: 'policy',
    maxAttachments: '5',
    maxFileMb: '10',
    submissionsPerIpPerHour: '10',
    draftStoragePerAddressMb: '100',
    draftStorageTotalMb: '2048',
    followupAttempts: '10',
    reportCutoffDay: '15',
  };
  const setting = async (key: string) =>
    JSON.parse(
      (await first(app.db().select().from(s.settings).where(eq(s.settings.key, key))))!.value,
    ) as unknown;

  it('validates the policy values', async () => {
    const res = await post(PATH, {
      ...policy,
      maxAttachments: '0',
      reportCutoffDay: '31',
      maxFileMb: 'mười',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Nhập một số từ 1 đến 20.');
    expect(html).toContain('Nhập một số từ 1 đến 28.');
    expect(html).toContain('value="mười"');
    expect(await setting('intake.maxAttachments')).toBe(5);
  });

  it('saves the policy values with an audit entry', async () => {
    const res = await post(PATH, { ...policy, maxAttachments: '3', reportCutoffDay: '20' });
    expect(res.status).toBe(302);
    expect(await setting('intake.maxAttachments')).toBe(3);
    expect(await setting('report.cutoffDay')).toBe(20);
    expect((await lastAudit('settings.policy.update'))?.detail).toEqual({
      maxAttachments: { from: 5, to: 3 },
      reportCutoffDay: { from: 15, to: 20 },
    });
  });

  it('sets the abbreviations of document numbers (NĐ 30/2020), validated, with an audit entry', async () => {
    const page = await (await get(PATH)).text();
    expect(page).toContain('value="SKHCN"');
    expect(page).toContain('value="TTHC"');
    const bad = await post(PATH, { intent: 'documents', agencyAbbreviation: 'SỞ KH/CN', draftingUnit: '' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Chỉ dùng chữ cái không dấu và chữ số, tối đa 20 ký tự.');
    expect(html).toContain('value="SỞ KH/CN"');
    expect(await setting('documents.agencyAbbreviation')).toBe('SKHCN');
    const ok = await post(PATH, { intent: 'documents', agencyAbbreviation: 'skhcnpy', draftingUnit: 'vp' });
    expect(ok.status).toBe(302);
    expect(await setting('documents.agencyAbbreviation')).toBe('SKHCNPY');
    expect(await setting('documents.draftingUnit')).toBe('VP');
    expect((await lastAudit('settings.documents.update'))?.detail).toEqual({
      agencyAbbreviation: { from: 'SKHCN', to: 'SKHCNPY' },
      draftingUnit: { from: 'TTHC', to: 'VP' },
    });
    await post(PATH, { intent: 'documents', agencyAbbreviation: 'SKHCN', draftingUnit: 'TTHC' });
  });

  it('sets the roles that must use TOTP', async () => {
    const bad = await post(PATH, { intent: 'totp', roles: 'superuser' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Vai trò không hợp lệ.');
    const body = new URLSearchParams([
      ['intent', 'totp'],
      ['roles', 'approver'],
      ['roles', 'coordinator'],
    ]);
    const res = await app.fetch(PATH, {
      method: 'POST',
      headers: { Cookie: admin, Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(res.status).toBe(302);
    expect(await setting('security.totpRequiredRoles')).toEqual(['coordinator', 'approver']);
    expect((await lastAudit('settings.totp_roles.update'))?.detail).toEqual({
      from: [],
      to: ['coordinator', 'approver'],
    });
    const page = await (await get(PATH)).text();
    expect(page).toContain('checked="" value="coordinator"');
    expect(page).not.toContain('checked="" value="admin"');
    expect((await post(PATH, { intent: 'totp' })).status).toBe(302);
    expect(await setting('security.totpRequiredRoles')).toEqual([]);
  });
});

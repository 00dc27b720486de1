// Issue 13, item 31: the queue's handler column, the "mine" tab, days left or late per row, the export of the
// filtered list (CSV, XLSX; contact data only for roles that may read it), saved filters (named, per user, in
// the database, plain forms) and the collapsible filter panel (<details>, open when filters are active).
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addCalendarDays, toLocalDate } from '~/domain/calendar';
import type { Actor } from '~/domain/permissions';
import type { NewPakn } from '~/models/pakn.server';
import { countQueueTabs, listQueue, parseQueueParams, queueTabs } from '~/models/queue.server';
import { first } from '~/utils/db.server';
import * as s from '~db/schema';

import { startTestApp, type TestApp } from '../support/app';
import { paknFixture, seedPakn } from '../support/pakn';
import { createStaffUser, postForm, signIn } from '../support/staff';

let app: TestApp;
let unitA: number;
let unitB: number;
let handler: Actor;
let colleague: Actor;
let coordCookie: string;
let handlerCookie: string;
let colleagueCookie: string;
let viewerCookie: string;
const today = toLocalDate(new Date());
const ids: Record<string, number> = {};

const BASE_PAKN = paknFixture({
  fullName: 'Võ Thị Thanh',
  address: '12 Lê Lợi, Tuy Hòa',
  phone: '0905777888',
  email: 'thanh@example.vn',
  title: 'Thủ tục cấp phép',
  content: 'Nội dung.',
  receivedAt: new Date(),
});

async function seed(key: string, over: Partial<NewPakn>, set: Partial<typeof s.pakn.$inferInsert> = {}) {
  const pakn = await seedPakn(app.db(), { ...BASE_PAKN, ...over }, set);
  ids[key] = pakn.id;
  return pakn;
}
const at = (date: string) => new Date(`${date}T09:00:00+07:00`);
const page = async (path: string, cookie: string) =>
  (await (await app.fetch(path, { headers: { Cookie: cookie } })).text()).replaceAll('<!-- -->', '');
const codeOf = async (key: string) =>
  (await first(app.db().select().from(s.pakn).where(eq(s.pakn.id, ids[key]!))))!.code;

beforeAll(async () => {
  app = await startTestApp();
  const db = app.db();
  unitA = (await first(db.select().from(s.units).where(eq(s.units.code, 'QLKHCN'))))!.id;
  unitB = (await first(db.select().from(s.units).where(eq(s.units.code, 'TDC'))))!.id;
  const c = await createStaffUser(db, { role: 'coordinator' });
  const h = await createStaffUser(db, { role: 'handler', unitCode: 'QLKHCN', name: 'Nguyễn Văn Hùng' });
  const h2 = await createStaffUser(db, { role: 'handler', unitCode: 'QLKHCN', name: 'Trần Thị Mai' });
  const v = await createStaffUser(db, { role: 'viewer' });
  handler = { id: h.id, role: 'handler', unitId: unitA };
  colleague = { id: h2.id, role: 'handler', unitId: unitA };
  coordCookie = await signIn(app, c.email, c.password);
  handlerCookie = await signIn(app, h.email, h.password);
  colleagueCookie = await signIn(app, h2.email, h2.password);
  viewerCookie = await signIn(app, v.email, v.password);

  await seed(
    'mine',
    { title: 'Hồ sơ của tôi', receivedAt: at(addCalendarDays(today, -3)) },
    {
      status: 'in_progress',
      unitId: unitA,
      handlerUserId: handler.id,
    },
  );
  await seed(
    'mineLate',
    { title: 'Hồ sơ trễ của tôi', receivedAt: at(addCalendarDays(today, -40)) },
    {
      status: 'in_progress',
      unitId: unitA,
      handlerUserId: handler.id,
    },
  );
  await seed(
    'mineDone',
    { receivedAt: at(addCalendarDays(today, -60)) },
    {
      status: 'answered',
      unitId: unitA,
      handlerUserId: handler.id,
      publication: 'published',
    },
  );
  await seed(
    'theirs',
    { title: 'Hồ sơ của đồng nghiệp' },
    { status: 'in_progress', unitId: unitA, handlerUserId: colleague.id },
  );
  await seed(
    'unitB',
    { title: 'Hồ sơ đơn vị khác', phone: '0988111222' },
    { status: 'assigned', unitId: unitB },
  );
});
afterAll(async () => app?.stop());

describe('the handler column and days left per row', () => {
  it('lists the handler of each row and the working days left or late', async () => {
    const rows = (
      await listQueue({
        actor: handler,
        filters: parseQueueParams(new URLSearchParams('tab=all'), handler),
      })
    ).rows;
    expect(rows.find((r) => r.id === ids.mine)!.handlerName).toBe('Nguyễn Văn Hùng');
    expect(rows.find((r) => r.id === ids.theirs)!.handlerName).toBe('Trần Thị Mai');
    const html = await page('/can-bo?tab=all', coordCookie);
    expect(html).toContain('<th scope="col">Người xử lý</th>');
    expect(html).toContain('Nguyễn Văn Hùng');
    expect(html).toMatch(/Quá hạn \d+ ngày làm việc/);
    expect(html).toMatch(/Còn \d+ ngày làm việc/);
  });
});

describe('the "mine" tab', () => {
  it('holds the open PAKN assigned to me, for those who take PAKN', async () => {
    expect(queueTabs(handler)).toContain('mine');
    expect(queueTabs({ id: 1, role: 'coordinator', unitId: null })).not.toContain('mine');
    expect((await countQueueTabs({ actor: handler })).mine).toBe(2);
    expect((await countQueueTabs({ actor: colleague })).mine).toBe(1);
    const mine = await listQueue({
      actor: handler,
      filters: parseQueueParams(new URLSearchParams('tab=mine'), handler),
    });
    expect(mine.rows.map((r) => r.id).sort()).toEqual([ids.mine, ids.mineLate].sort());
    const html = await page('/can-bo?tab=mine', handlerCookie);
    expect(html).toContain('Của tôi <span class="staff-count">(2)</span>');
    expect(html).toContain(await codeOf('mine'));
    expect(html).not.toContain(await codeOf('theirs'));
  });
});

describe('export of the filtered list', () => {
  it('CSV: the rows of the filter, with contact data for a role that may read it', async () => {
    const res = await app.fetch('/can-bo/danh-sach.csv?tab=all&q=ho+so', {
      headers: { Cookie: coordCookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/csv/);
    expect(res.headers.get('Content-Disposition')).toMatch(/attachment; filename="danh-sach-pakn-.*\.csv"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads UTF-8
    const text = bytes.toString('utf8');
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toContain('so_dien_thoai');
    for (const key of ['mine', 'mineLate', 'theirs', 'unitB']) expect(text).toContain(await codeOf(key));
    expect(text).toContain('0988111222');
    expect(text).toContain('Nguyễn Văn Hùng');
    expect(text).not.toContain('Thủ tục cấp phép,'); // the unfiltered ones are not in it
  });
  it('CSV: no contact data for a viewer, only the unit for a handler', async () => {
    const viewer = await (
      await app.fetch('/can-bo/danh-sach.csv?tab=all', { headers: { Cookie: viewerCookie } })
    ).text();
    expect(viewer).toContain(await codeOf('unitB'));
    expect(viewer).not.toContain('0988111222');
    expect(viewer).not.toContain('thanh@example.vn');
    expect(viewer).not.toContain('so_dien_thoai');
    const own = await (
      await app.fetch('/can-bo/danh-sach.csv?tab=all', { headers: { Cookie: handlerCookie } })
    ).text();
    expect(own).toContain(await codeOf('mine'));
    expect(own).not.toContain(await codeOf('unitB'));
  });
  it('XLSX: the same rows in a workbook', async () => {
    const res = await app.fetch('/can-bo/danh-sach.xlsx?tab=mine', { headers: { Cookie: handlerCookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = wb.worksheets[0]!;
    const codes = sheet.getColumn(1).values.slice(2).map(String);
    expect(codes.sort()).toEqual([await codeOf('mine'), await codeOf('mineLate')].sort());
  });
  it('needs a signed-in staff member', async () => {
    const res = await app.fetch('/can-bo/danh-sach.csv?tab=all');
    expect(res.status).toBe(302);
  });
});

describe('saved filters', () => {
  it('are named, per user, stored, and work with plain forms', async () => {
    const saved = await postForm(app, '/can-bo?index', colleagueCookie, {
      intent: 'save_filter',
      name: 'Trễ hạn của tôi',
      query: 'tab=overdue&q=ho+so',
    });
    expect(saved.status).toBe(302);
    const rows = await app.db().select().from(s.savedQueueFilters);
    expect(rows).toMatchObject([
      { userId: colleague.id, name: 'Trễ hạn của tôi', query: 'tab=overdue&q=ho+so' },
    ]);
    const html = await page('/can-bo', colleagueCookie);
    expect(html).toContain('href="/can-bo?tab=overdue&amp;q=ho+so"');
    expect(html).toContain('Trễ hạn của tôi');
    expect(await page('/can-bo', handlerCookie)).not.toContain('Trễ hạn của tôi');

    const bad = await postForm(app, '/can-bo?index', colleagueCookie, {
      intent: 'save_filter',
      name: '  ',
      query: 'tab=all',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Nhập tên cho bộ lọc');

    const other = await postForm(app, '/can-bo?index', handlerCookie, {
      intent: 'delete_filter',
      id: String(rows[0]!.id),
    });
    expect(other.status).toBe(404);
    const del = await postForm(app, '/can-bo?index', colleagueCookie, {
      intent: 'delete_filter',
      id: String(rows[0]!.id),
    });
    expect(del.status).toBe(302);
    expect(await app.db().select().from(s.savedQueueFilters)).toEqual([]);
  });
});

describe('bad posts on the queue answer the page with a message (the one form pipeline)', () => {
  it('a filter name too long or a list full: the message beside the name, the name kept', async () => {
    const long = 'Bộ lọc có tên rất dài '.repeat(4);
    const res = await postForm(app, '/can-bo?index', colleagueCookie, {
      intent: 'save_filter',
      name: long,
      query: 'tab=all',
    });
    expect(res.status).toBe(400);
    const html = (await res.text()).replaceAll('<!-- -->', '');
    expect(html).toContain('Tên bộ lọc tối đa 60 ký tự.');
    expect(html).toMatch(/id="saved-filter-name-error"/);
    expect(html).toContain(long.replace(/\s+/g, ' ').trim().slice(0, 40));
    expect(html).toMatch(/<details class="staff-tools" open="">/);
  });

  it('a bulk assignment with no row, a forged row or no unit: 400 with its message, nothing assigned', async () => {
    const p = await seedPakn(app.db(), paknFixture());
    const none = await postForm(app, '/can-bo?index', coordCookie, { intent: 'bulk_assign', unitId: '' });
    expect(none.status).toBe(400);
    const noneHtml = await none.text();
    expect(noneHtml).toContain('Chọn ít nhất một phản ánh, kiến nghị');
    expect(noneHtml).toContain('Chọn một đơn vị đang hoạt động');
    const forged = await postForm(app, '/can-bo?index', coordCookie, {
      intent: 'bulk_assign',
      unitId: '1',
      ids: `${p.id}.x`,
    });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('Yêu cầu không hợp lệ.');
    expect((await first(app.db().select().from(s.pakn).where(eq(s.pakn.id, p.id))))!.status).toBe('received');
  });
});

describe('the filter panel', () => {
  it('is a <details>, open only when a filter is active', async () => {
    const plain = await page('/can-bo?tab=all', coordCookie);
    expect(plain).toMatch(/<details class="staff-filters-panel">/);
    const filtered = await page('/can-bo?tab=all&status=in_progress', coordCookie);
    expect(filtered).toMatch(/<details class="staff-filters-panel" open="">/);
  });
});

// Where the answer clock no longer applies (refused, transferred, forwarded, duplicate, closed for no
// information) no page shows "Hạn trả lời"; what applies instead ("Đã chuyển … ngày …") is shown.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addCalendarDays, toLocalDate } from '~/domain/calendar';
import { first } from '~/utils/db.server';
import * as s from '~db/schema';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { paknFixture, seedPakn } from '../support/pakn';
import { cookiesFrom, createStaffUser, postForm, signIn } from '../support/staff';

let app: TestApp;
let coord: string;

const BASE_PAKN = paknFixture({
  fullName: 'Trần Văn Bình',
  address: '5 Nguyễn Huệ, Tuy Hòa',
  phone: '0912345678',
  email: 'binh@example.vn',
  title: 'Thủ tục cấp phép bức xạ còn rườm rà',
  content: 'Hồ sơ đề nghị cấp giấy phép yêu cầu quá nhiều bản sao có chứng thực.',
  receivedAt: new Date('2026-03-02T02:00:00Z'),
});

function seed(set: Partial<typeof s.pakn.$inferInsert> = {}) {
  return seedPakn(app.db(), BASE_PAKN, set);
}
/** the page's HTML without React's text separators */
const html = async (res: Response) => (await res.text()).replace(/<!-- -->/g, '');
const get = (path: string, cookie = '') =>
  app.fetch(path, { headers: { Cookie: cookie, Host: new URL(BASE).host } });
async function followPage(p: { code: string; accessToken: string }) {
  const link = await get(`/theo-doi/truy-cap/${p.accessToken}`);
  const res = await get(`/theo-doi/${p.code}`, `pakn_follow=${cookiesFrom(link).pakn_follow}`);
  expect(res.status).toBe(200);
  return res.text();
}

/** Remix refuses a POST with an Origin but no Host header (its CSRF check): send Host as a browser does. */

beforeAll(async () => {
  app = await startTestApp();
  const u = await createStaffUser(app.db(), { role: 'coordinator' });
  coord = await signIn(app, u.email, u.password);
});
afterAll(async () => app?.stop());

describe('answer due date where the clock no longer applies', () => {
  const closedAt = new Date('2026-03-04T03:00:00Z'); // 04/03/2026 in Hà Nội
  it.each([
    ['transferred', 'Đã chuyển cơ quan có thẩm quyền ngày 04/03/2026'],
    ['refused', 'Đã từ chối tiếp nhận ngày 04/03/2026'],
    ['forwarded', 'Đã chuyển cơ quan xử lý theo quy định ngày 04/03/2026'],
    ['duplicate', 'Đã xác định trùng lặp ngày 04/03/2026'],
    ['closed_no_info', 'Đã đóng ngày 04/03/2026 do không nhận được thông tin bổ sung'],
  ] as const)('%s: follow-up page, staff record and the "all" queue tab', async (status, instead) => {
    const p = await seed({ status, closedAt });
    const due = p.answerDue.split('-').reverse().join('/');

    const follow = await followPage(p);
    expect(follow).not.toContain('Hạn trả lời');
    expect(follow).toContain(instead);

    const record = await (await get(`/can-bo/pakn/${p.id}`, coord)).text();
    expect(record).not.toContain('Hạn trả lời');
    expect(record).toContain(instead);

    const queue = await (await get('/can-bo?tab=all', coord)).text();
    const row = queue.slice(queue.indexOf(p.code), queue.indexOf('</tr>', queue.indexOf(p.code)));
    expect(row).toContain(p.code);
    expect(row).not.toContain(due);
  });

  it('an open or answered PAKN keeps its answer due date', async () => {
    const p = await seed();
    expect(await followPage(p)).toContain('Hạn trả lời');
    expect(await (await get(`/can-bo/pakn/${p.id}`, coord)).text()).toContain('Hạn trả lời');
  });
});

describe('an extension made before the due date is not a late apology', () => {
  async function publishedWithExtension(extendedOn: string, previousDue: string, seq: number) {
    const at = new Date(`${extendedOn}T03:00:00Z`);
    const p = await seed({
      status: 'answered',
      answerDue: '2026-04-06',
      extendedTo: '2026-04-06',
      answeredAt: new Date('2026-04-01T03:00:00Z'),
      onTime: true,
      publication: 'published',
      publishedAt: new Date('2026-04-02T03:00:00Z'),
      publicTitle: `Thủ tục cấp phép ${seq}`,
      publicSummary: 'Tóm tắt',
      publicAnswer: 'Nội dung trả lời',
    });
    const db = app.db();
    await db.insert(s.events).values({
      paknId: p.id,
      type: 'extend',
      isPublic: true,
      note: 'Cần lấy ý kiến của Bộ',
      data: JSON.stringify({ from: previousDue, to: '2026-04-06' }),
      createdAt: at,
    });
    await db.insert(s.documents).values({
      paknId: p.id,
      type: 'late_apology',
      year: 2026,
      seq: 900 + seq,
      number: `${900 + seq}/TB-SKHCN`,
      issuedDate: extendedOn,
      content: 'x',
      publicContent: 'x',
      isPublic: true,
    });
    return p;
  }

  it('public page, public timeline and the documents register say "gia hạn", not "quá hạn"', async () => {
    const inTime = await publishedWithExtension('2026-03-20', '2026-03-30', 1);
    const page = await html(await get(`/cong-khai/${inTime.code}`));
    expect(page).toContain('Trả lời đúng hạn');
    expect(page).not.toContain('quá hạn');
    expect(page).toContain('Thông báo gia hạn thời hạn trả lời 901/TB-SKHCN');

    const register = await html(await get('/so-cong-khai?nam=2026'));
    const row = register.slice(
      register.indexOf('901/TB-SKHCN') - 400,
      register.indexOf('901/TB-SKHCN') + 400,
    );
    expect(row).toContain('Thông báo gia hạn thời hạn trả lời');
    expect(row).not.toContain('quá hạn');
  });

  it('an extension made after the due date keeps the late-answer label', async () => {
    const late = await publishedWithExtension('2026-03-31', '2026-03-30', 2);
    const page = await html(await get(`/cong-khai/${late.code}`));
    expect(page).toContain('Văn bản giải trình, xin lỗi do trả lời quá hạn 902/TB-SKHCN');
    expect(page).toContain('Gia hạn thời hạn trả lời sau khi đã quá hạn');
  });
});

describe('closing for no information', () => {
  const today = toLocalDate(new Date());
  async function waiting(pauseFrom: string) {
    const unitId = (await first(app.db().select().from(s.units).where(eq(s.units.code, 'QLKHCN'))))!.id;
    const p = await seed({ status: 'awaiting_info', unitId });
    await app.db().insert(s.paknPauses).values({ paknId: p.id, fromDate: pauseFrom });
    return p;
  }
  const closeButton = 'name="intent" value="close_no_info"';

  it('offers the button only once the wait is over', async () => {
    const early = await waiting(today);
    expect(await html(await get(`/can-bo/pakn/${early.id}`, coord))).not.toContain(closeButton);
    const over = await waiting(addCalendarDays(today, -40));
    expect(await html(await get(`/can-bo/pakn/${over.id}`, coord))).toContain(closeButton);
  });

  it('answers a stale early post with a translated message and the date as dd/mm/yyyy', async () => {
    const early = await waiting(today);
    const res = await postForm(app, `/can-bo/pakn/${early.id}`, coord, {
      intent: 'close_no_info',
      version: String(early.version),
    });
    expect(res.status).toBe(409);
    const body = await html(res);
    expect(body).toMatch(/Người gửi còn thời hạn bổ sung thông tin đến hết ngày \d{2}\/\d{2}\/\d{4}\./);
    expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}\./);
    expect((await first(app.db().select().from(s.pakn).where(eq(s.pakn.id, early.id))))!.status).toBe(
      'awaiting_info',
    );
  });
});

// After the answer: the submitter rates it through the signed link of the answer e-mail, may ask for
// reconsideration, which lands in the coordinators' queue; the coordinator reopens it for the unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { transaction } from '~/utils/db.server';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { sqlGet, sqlRun } from '../support/sql';
import { createStaffUser, postForm, signIn } from '../support/staff';

let app: TestApp;
let paknId = 0;
let token = '';

beforeAll(async () => {
  app = await startTestApp();
  const { createPakn } = await import('~/models/pakn.server');
  const { ratingToken } = await import('~/models/ratings.server');
  const db = app.db();
  const { pakn } = await transaction(db, async (tx) =>
    createPakn(tx, {
      type: 'kien_nghi',
      subject: 'regulation',
      category: 2,
      submitterKind: 'individual',
      orgName: null,
      representative: null,
      fullName: 'Võ Thị Lan',
      address: 'Sông Cầu',
      phone: '0905111222',
      email: 'lan@example.vn',
      title: 'Thủ tục đăng ký kết quả nhiệm vụ khoa học',
      content: 'Hồ sơ yêu cầu quá nhiều bản sao.',
      regulationRef: null,
      fieldId: 1,
      channel: 'online',
      lang: 'vi',
      receivedAt: new Date(),
      consent: true,
      showIdentity: false,
    }),
  );
  paknId = pakn.id;
  await sqlRun(
    db,
    `UPDATE pakn SET status='answered', unit_id=2, answered_at=?, closed_at=? WHERE id=?`,
    Date.now(),
    Date.now(),
    paknId,
  );
  await sqlRun(
    db,
    `INSERT INTO answers (pakn_id, outcome, body) VALUES (?, 'stands', 'Giữ nguyên quy định.')`,
    paknId,
  );
  token = ratingToken(paknId);
});
afterAll(async () => app?.stop());

const rate = (fields: Record<string, string>, t = token) => postForm(app, `/danh-gia/${t}`, null, fields);

describe('rating an answer', () => {
  it('refuses a forged or unknown link', async () => {
    expect((await app.fetch(`/danh-gia/${paknId}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    expect((await app.fetch('/danh-gia/abc')).status).toBe(404);
  });

  it('shows the question without any personal data', async () => {
    const html = await (await app.fetch(`/danh-gia/${token}`)).text();
    expect(html).toContain('Ông/Bà có hài lòng với kết quả trả lời không?');
    expect(html).not.toContain('Võ Thị Lan');
    expect(html).not.toContain('lan@example.vn');
  });

  it('validates: a rating is required, reconsideration needs dissatisfaction and a reason', async () => {
    const none = await rate({ comment: 'x' });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Chọn mức độ hài lòng');
    const wrong = await rate({ rating: 'satisfied', reconsider: 'on', comment: 'Tôi muốn xem lại kết quả' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Chỉ đề nghị xem xét lại khi chưa hài lòng');
    const noReason = await rate({ rating: 'unsatisfied', reconsider: 'on', comment: '' });
    expect(noReason.status).toBe(400);
    const html = await noReason.text();
    expect(html).toContain('Nêu lý do đề nghị xem xét lại');
    expect(Number((await sqlGet(app.db(), 'SELECT count(*) AS n FROM feedback_ratings'))?.n)).toBe(0);
  });

  it('records the rating and the request, which appears in the coordinator queue, and reopens', async () => {
    const res = await rate({
      rating: 'unsatisfied',
      reconsider: 'on',
      comment: 'Quy định vẫn gây khó khăn cho doanh nghiệp.',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Đề nghị xem xét lại đã được chuyển');
    const row = await sqlGet(app.db(), 'SELECT rating, reconsideration_requested AS r FROM feedback_ratings');
    expect(row).toEqual({ rating: 'unsatisfied', r: 1 });
    // a second request is refused
    const again = await rate({
      rating: 'unsatisfied',
      reconsider: 'on',
      comment: 'Lần nữa, vẫn chưa hài lòng.',
    });
    expect(again.status).toBe(409); // the checkbox is gone; a forged post is refused
    const coordinator = await createStaffUser(app.db(), {
      role: 'coordinator',
      email: 'dieu-phoi@example.vn',
    });
    const cookie = await signIn(app, coordinator.email, coordinator.password);
    const queue = await (await app.fetch('/can-bo?tab=reconsider', { headers: { Cookie: cookie } })).text();
    expect(queue).toContain('Thủ tục đăng ký kết quả nhiệm vụ khoa học');
    const version = (
      await sqlGet<{ version: number }>(app.db(), 'SELECT version FROM pakn WHERE id=?', paknId)
    )?.version;
    const reopened = await postForm(app, `/can-bo/pakn/${paknId}`, cookie, {
      intent: 'reopen',
      version: String(version),
      note: 'Người gửi đề nghị xem xét lại.',
    });
    expect(reopened.status).toBe(302);
    const p = await sqlGet(app.db(), 'SELECT status, closed_at FROM pakn WHERE id=?', paknId);
    expect(p).toEqual({ status: 'assigned', closed_at: null });
    const after = await (await app.fetch('/can-bo?tab=reconsider', { headers: { Cookie: cookie } })).text();
    expect(after).not.toContain('Thủ tục đăng ký kết quả nhiệm vụ khoa học');
  });

  it('links the rating page from the answer e-mail', async () => {
    const { ratingUrl } = await import('~/models/ratings.server');
    expect(ratingUrl(paknId)).toBe(`${BASE}/danh-gia/${token}`);
  });
});

// Issue #15, staff side: the record page shows similar PAKN with why and how strongly (also without diacritics
// and with another citation of the same decree); a coordinator refuses a repeat of an ANSWERED PAKN under R08,
// and the refusal notice and e-mail link to the earlier answer; bad input is refused with a message.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { first } from '~/utils/db.server';
import * as s from '~db/schema';

import { startTestApp, type TestApp } from '../support/app';
import { paknFixture, type PaknRow, seedPakn } from '../support/pakn';
import { sqlGet } from '../support/sql';
import { createStaffUser, postForm, signIn } from '../support/staff';

let app: TestApp;
let cookie = '';
let answered: PaknRow;
let open: PaknRow;
let repeat: PaknRow;

const TEXT = {
  title: 'Thời hạn cấp giấy phép tiến hành công việc bức xạ quá dài',
  content:
    'Cơ sở X-quang nha khoa của chúng tôi nộp hồ sơ cấp giấy phép tiến hành công việc bức xạ theo Nghị định 142/2020/NĐ-CP từ ba tháng nay nhưng chưa nhận được giấy phép.',
};

beforeAll(async () => {
  app = await startTestApp();
  const db = app.db();
  const c = await createStaffUser(db, { role: 'coordinator' });
  cookie = await signIn(app, c.email, c.password);
  answered = await seedPakn(db, paknFixture({ ...TEXT, email: 'lan@example.vn' }), {
    status: 'answered',
    answeredAt: new Date(),
  });
  open = await seedPakn(
    db,
    paknFixture({ ...TEXT, title: `${TEXT.title} (lần hai)`, email: 'khac@example.vn' }),
  );
  // typed without diacritics, the decree cited in a short form, by the same submitter
  repeat = await seedPakn(
    db,
    paknFixture({
      title: 'Cap giay phep tien hanh cong viec buc xa qua lau',
      content:
        'Phong kham X-quang nha khoa nop ho so cap giay phep buc xa theo ND 142/2020 da ba thang nhung chua nhan duoc giay phep.',
      email: 'LAN@example.vn',
    }),
  );
});
afterAll(() => app.stop());

const page = async (id: number) =>
  (await app.fetch(`/can-bo/pakn/${id}`, { headers: { Cookie: cookie } })).text();
const version = async (id: number) =>
  String((await first(app.db().select({ v: s.pakn.version }).from(s.pakn).where(eq(s.pakn.id, id))))!.v);

describe('suggestions on the record page', () => {
  it('list the earlier PAKN with the shared citation, similar wording and the same submitter', async () => {
    const html = await page(repeat.id);
    expect(html).toContain('Phản ánh, kiến nghị tương tự');
    const item = html.slice(html.indexOf(`data-similar="${answered.code}"`));
    expect(item).toContain('Cùng trích dẫn văn bản NĐ 142/2020');
    expect(item).toContain('Cách diễn đạt gần giống');
    expect(item).toContain('Cùng người gửi');
    expect(html).toContain(`data-similar="${open.code}"`);
    // the repeat form is offered for the answered one only
    expect(html).toContain(`Từ chối vì trùng với ${answered.code} đã được trả lời (R08)`);
    expect(html).not.toContain(`Từ chối vì trùng với ${open.code}`);
    expect(html).not.toContain(`data-similar="${repeat.code}"`);
  });
});

describe('refusing a repeat under R08', () => {
  const refuse = async (fields: Record<string, string>) =>
    postForm(app, `/can-bo/pakn/${repeat.id}`, cookie, {
      intent: 'refuse',
      reason: 'R08',
      note: 'Nội dung đã được trả lời.',
      version: await version(repeat.id),
      ...fields,
    });

  it('is refused when the earlier PAKN is not answered, keeping what was typed', async () => {
    const res = await refuse({ repeatOf: open.code });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('chưa được trả lời');
    expect(html).toContain(open.code);
  });

  it('is refused for a code that does not exist, or with another reason', async () => {
    expect((await refuse({ repeatOf: 'KHONG-CO' })).status).toBe(400);
    const other = await refuse({ repeatOf: answered.code, reason: 'R01' });
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('Chỉ ghi mã phản ánh, kiến nghị trùng khi lý do từ chối là R08');
  });

  it('is refused from a stale page', async () => {
    const res = await refuse({
      repeatOf: answered.code,
      version: String(Number(await version(repeat.id)) - 1 || 99),
    });
    expect(res.status).toBe(409);
    expect((await first(app.db().select().from(s.pakn).where(eq(s.pakn.id, repeat.id))))!.status).toBe(
      'received',
    );
  });

  it('records the link, and the notice and e-mail point to the earlier answer', async () => {
    const res = await refuse({ repeatOf: answered.code.toLowerCase() });
    expect(res.status).toBe(302);
    const db = app.db();
    const row = (await first(db.select().from(s.pakn).where(eq(s.pakn.id, repeat.id))))!;
    expect(row).toMatchObject({ status: 'refused', refusalReason: 'R08', duplicateOfId: answered.id });
    const event = (await db.select().from(s.events).where(eq(s.events.paknId, repeat.id))).find(
      (e) => e.type === 'refuse',
    )!;
    expect(JSON.parse(event.data!)).toMatchObject({ reason: 'R08', repeatOfCode: answered.code });
    const audit = await sqlGet<{ detail: string }>(
      db,
      `SELECT detail FROM audit_log WHERE action = 'pakn.refuse_repeat' AND target_id = ?`,
      String(repeat.id),
    );
    expect(JSON.parse(audit!.detail)).toMatchObject({ repeatOf: answered.code });
    const url = `/cong-khai/${answered.code}`;
    const doc = (await first(db.select().from(s.documents).where(eq(s.documents.paknId, repeat.id))))!;
    expect(doc.type).toBe('refusal');
    expect(doc.content).toContain(answered.code);
    expect(doc.content).toContain(url);
    const mail = (await db.select().from(s.outbox).where(eq(s.outbox.paknId, repeat.id))).at(-1)!;
    expect(mail.template).toBe('status-refused');
    expect(mail.text).toContain(url);
    expect(mail.html).toContain(url);
  });
});

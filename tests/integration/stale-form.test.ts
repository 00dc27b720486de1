// A stale second tab (issue 13 item 25): the post of an out-of-date form is refused (409, nothing changes), but
// the answer is the record page again, at its fresh version, with the text the user typed kept in the form and a
// link back to the record, so it can be checked and sent again — not a dead end that loses the text.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createPakn, type NewPakn } from '~/models/pakn.server';
import { first, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { startTestApp, type TestApp } from '../support/app';
import { createStaffUser, postForm, signIn } from '../support/staff';

let app: TestApp;
let coord: string;

const NEW: NewPakn = {
  type: 'phan_anh',
  subject: 'regulation',
  category: 2,
  submitterKind: 'individual',
  orgName: null,
  representative: null,
  fullName: 'Đặng Văn Hải',
  address: '3 Nguyễn Trãi',
  phone: '0905123123',
  email: null,
  title: 'Thủ tục thẩm định công nghệ',
  content: 'Phản ánh thời gian thẩm định công nghệ quá dài.',
  regulationRef: null,
  fieldId: null,
  channel: 'online',
  lang: 'vi',
  receivedAt: new Date(),
  consent: true,
  showIdentity: false,
};

beforeAll(async () => {
  app = await startTestApp();
  const u = await createStaffUser(app.db(), { role: 'coordinator' });
  coord = await signIn(app, u.email, u.password);
});
afterAll(async () => app?.stop());

const row = async (id: number) => (await first(app.db().select().from(s.pakn).where(eq(s.pakn.id, id))))!;

describe('a form posted from a stale tab', () => {
  it('answers the record page at the fresh version with the typed text kept, and re-sending works', async () => {
    const { pakn } = await transaction(app.db(), async (tx) => createPakn(tx, NEW));
    const oldVersion = String(pakn.version);
    // another tab classifies meanwhile: the version moves on
    const classify = await postForm(app, `/can-bo/pakn/${pakn.id}`, coord, {
      intent: 'classify',
      version: oldVersion,
      type: 'kien_nghi',
      subject: 'regulation',
      category: '2',
      fieldId: '',
    });
    expect(classify.status).toBe(302);
    const fresh = (await row(pakn.id)).version;

    const typed = 'Đây là khiếu nại về quyết định hành chính, đề nghị ông gửi theo Luật Khiếu nại năm 2011.';
    const res = await postForm(app, `/can-bo/pakn/${pakn.id}`, coord, {
      intent: 'refuse',
      version: oldVersion,
      reason: 'R04',
      note: typed,
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('đã được người khác thay đổi');
    // the typed text, the chosen reason and the fresh version are in the form, ready to send again
    expect(html).toContain(typed);
    expect(html).toMatch(/<option value="R04" selected/);
    expect(html).toContain(`name="version" value="${fresh}"`);
    expect(html).toContain(`href="/can-bo/pakn/${pakn.id}"`);
    expect((await row(pakn.id)).status).toBe('received');

    const again = await postForm(app, `/can-bo/pakn/${pakn.id}`, coord, {
      intent: 'refuse',
      version: String(fresh),
      reason: 'R04',
      note: typed,
    });
    expect(again.status).toBe(302);
    expect((await row(pakn.id)).status).toBe('refused');
  });

  it('keeps the typed text on the page even when the action is no longer offered at the new state', async () => {
    const { pakn } = await transaction(app.db(), async (tx) => createPakn(tx, NEW));
    const oldVersion = String(pakn.version);
    const refuse = await postForm(app, `/can-bo/pakn/${pakn.id}`, coord, {
      intent: 'refuse',
      version: oldVersion,
      reason: 'R03',
      note: 'Nội dung không rõ',
    });
    expect(refuse.status).toBe(302);
    const typed = 'Chuyển Sở Xây dựng vì nội dung thuộc lĩnh vực quy hoạch đô thị.';
    const res = await postForm(app, `/can-bo/pakn/${pakn.id}`, coord, {
      intent: 'forward',
      version: oldVersion,
      note: typed,
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(typed);
    expect((await row(pakn.id)).status).toBe('refused');
  });
});

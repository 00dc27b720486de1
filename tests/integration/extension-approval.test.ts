// Whether an extension needs a leader's approval is a policy setting (default: yes). With approval, a
// handler's or coordinator's extension is a request the unit's approver approves or declines; without, they
// extend directly.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { maxExtensionDate } from '~/domain/deadlines';
import { getCalendar, getDeadlineRules } from '~/models/config.server';
import { first } from '~/utils/db.server';
import * as s from '~db/schema';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { paknFixture, seedPakn } from '../support/pakn';
import { createStaffUser, postForm, signIn } from '../support/staff';

let app: TestApp;
const cookie: Record<string, string> = {};
let unitA: number;

const BASE_PAKN = paknFixture({
  fullName: 'Trần Văn Bình',
  address: '5 Nguyễn Huệ, Tuy Hòa',
  phone: '0912345678',
  email: 'binh@example.vn',
  title: 'Thủ tục cấp phép bức xạ còn rườm rà',
  content: 'Hồ sơ đề nghị cấp giấy phép yêu cầu quá nhiều bản sao có chứng thực.',
  receivedAt: new Date(),
});

async function seed() {
  return row((await seedPakn(app.db(), BASE_PAKN, { status: 'in_progress', unitId: unitA })).id);
}
const row = async (id: number) => (await first(app.db().select().from(s.pakn).where(eq(s.pakn.id, id))))!;
const events = async (id: number, type: string) =>
  await app
    .db()
    .select()
    .from(s.events)
    .where(and(eq(s.events.paknId, id), eq(s.events.type, type)));
const act = async (who: string, id: number, fields: Record<string, string>) =>
  postForm(app, `/can-bo/pakn/${id}`, cookie[who]!, { version: String((await row(id)).version), ...fields });
const page = async (who: string, id: number) =>
  (await (await app.fetch(`/can-bo/pakn/${id}`, { headers: { Cookie: cookie[who]! } })).text()).replace(
    /<!-- -->/g,
    '',
  );
const maxFor = async (id: number) =>
  maxExtensionDate(
    (await row(id)).answerDue,
    await getCalendar(app.db()),
    (await getDeadlineRules(app.db())).extension.days,
  );
async function ok(res: Response) {
  if (res.status !== 302)
    throw new Error(`expected 302, got ${res.status}: ${(await res.text()).slice(0, 1500)}`);
}

beforeAll(async () => {
  const raw = await startTestApp();
  const host = new URL(BASE).host;
  app = {
    ...raw,
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has('Host')) headers.set('Host', host);
      return raw.fetch(path, { ...init, headers });
    },
  };
  const db = app.db();
  unitA = (await first(db.select().from(s.units).where(eq(s.units.code, 'QLKHCN'))))!.id;
  const roles = {
    admin: { role: 'admin' },
    coord: { role: 'coordinator' },
    handlerA: { role: 'handler', unitCode: 'QLKHCN' },
    approverA: { role: 'approver', unitCode: 'QLKHCN' },
    approverB: { role: 'approver', unitCode: 'TDC' },
  } as const;
  for (const [key, spec] of Object.entries(roles)) {
    const u = await createStaffUser(db, spec);
    cookie[key] = await signIn(app, u.email, u.password);
  }
});
afterAll(async () => app?.stop());

describe('with approval required (the default)', () => {
  it('turns a handler’s extension into a request the unit’s approver approves', async () => {
    const p = await seed();
    const max = await maxFor(p.id);
    expect(await page('handlerA', p.id)).toContain('Đề nghị gia hạn trả lời');
    await ok(await act('handlerA', p.id, { intent: 'extend', newDate: max, note: 'Cần lấy ý kiến Bộ' }));
    expect(await row(p.id)).toMatchObject({ extendedTo: null, answerDue: p.answerDue });
    expect(await events(p.id, 'extension_requested')).toHaveLength(1);
    expect(await events(p.id, 'extend')).toHaveLength(0);

    // one request at a time
    const again = await act('handlerA', p.id, { intent: 'extend', newDate: max, note: 'Lần nữa' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('đang chờ lãnh đạo duyệt');

    // another unit's approver cannot decide it
    const other = await act('approverB', p.id, { intent: 'approve_extension' });
    expect([403, 404]).toContain(other.status);

    const approverPage = await page('approverA', p.id);
    expect(approverPage).toContain('name="intent" value="approve_extension"');
    expect(approverPage).toContain('Cần lấy ý kiến Bộ');
    await ok(await act('approverA', p.id, { intent: 'approve_extension' }));
    expect(await row(p.id)).toMatchObject({ extendedTo: max, answerDue: max });
    const ext = await events(p.id, 'extend');
    expect(ext).toHaveLength(1);
    expect(ext[0]).toMatchObject({ note: 'Cần lấy ý kiến Bộ', isPublic: true });
    const docs = await app
      .db()
      .select()
      .from(s.documents)
      .where(and(eq(s.documents.paknId, p.id), eq(s.documents.type, 'late_apology')));
    expect(docs).toHaveLength(1);
  });

  it('a declined request leaves the due date and allows a new request', async () => {
    const p = await seed();
    const max = await maxFor(p.id);
    await ok(await act('coord', p.id, { intent: 'extend', newDate: max, note: 'Chờ kết quả kiểm tra' }));
    const noNote = await act('approverA', p.id, { intent: 'decline_extension' });
    expect(noNote.status).toBe(400);
    await ok(await act('approverA', p.id, { intent: 'decline_extension', note: 'Đủ thời gian trả lời' }));
    expect((await row(p.id)).extendedTo).toBeNull();
    expect(await events(p.id, 'extension_declined')).toHaveLength(1);
    expect(await page('approverA', p.id)).not.toContain('value="approve_extension"');
    await ok(await act('handlerA', p.id, { intent: 'extend', newDate: max, note: 'Lý do mới' }));
    expect(await events(p.id, 'extension_requested')).toHaveLength(2);
  });
});

describe('without approval', () => {
  it('the settings page switches the policy; the handler then extends directly', async () => {
    const settings = await (
      await app.fetch('/can-bo/quan-tri/cai-dat', { headers: { Cookie: cookie.admin! } })
    ).text();
    expect(settings).toContain('name="extensionNeedsApproval"');
    const res = await postForm(app, '/can-bo/quan-tri/cai-dat', cookie.admin!, {
      intent: 'extension',
      extensionNeedsApproval: 'no',
    });
    expect(res.status).toBe(302);

    const p = await seed();
    const max = await maxFor(p.id);
    expect(await page('handlerA', p.id)).not.toContain('Đề nghị gia hạn trả lời');
    await ok(await act('handlerA', p.id, { intent: 'extend', newDate: max, note: 'Cần lấy ý kiến Bộ' }));
    expect(await row(p.id)).toMatchObject({ extendedTo: max, answerDue: max });
    expect(await events(p.id, 'extension_requested')).toHaveLength(0);

    await postForm(app, '/can-bo/quan-tri/cai-dat', cookie.admin!, {
      intent: 'extension',
      extensionNeedsApproval: 'yes',
    });
  });
});

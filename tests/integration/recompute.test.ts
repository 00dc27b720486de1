// Changing the calendar or a deadline rule recomputes the due dates of open PAKN (and only open ones), with an
// internal event on each; pauses and extensions are applied exactly. Tết Bính Ngọ 2026 is 14–22/02 (seeded).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Status } from '~/domain/workflow';
import { first, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { startTestApp, type TestApp } from '../support/app';
import { createStaffUser, followFlash, postForm, signIn } from '../support/staff';

type Pakn = typeof s.pakn.$inferSelect;

let app: TestApp;
let admin = '';
let models: {
  createPakn: typeof import('../../app/models/pakn.server').createPakn;
  answerDueDate: typeof import('../../app/models/pakn.server').answerDueDate;
  recomputeOpenDueDates: typeof import('../../app/models/deadlines.server').recomputeOpenDueDates;
  invalidateCalendar: typeof import('../../app/models/config.server').invalidateCalendar;
  explainDueDate: typeof import('../../app/domain/deadlines').explainDueDate;
};

/** Remix refuses a POST with an Origin but no Host header (CSRF check), so send Host as a browser does. */

beforeAll(async () => {
  app = await startTestApp();
  const a = await createStaffUser(app.db(), { role: 'admin' });
  admin = await signIn(app, a.email, a.password);
  const pakn = await import('../../app/models/pakn.server');
  const deadlines = await import('../../app/models/deadlines.server');
  const config = await import('../../app/models/config.server');
  const domain = await import('../../app/domain/deadlines');
  models = {
    createPakn: pakn.createPakn,
    answerDueDate: pakn.answerDueDate,
    recomputeOpenDueDates: deadlines.recomputeOpenDueDates,
    invalidateCalendar: config.invalidateCalendar,
    explainDueDate: domain.explainDueDate,
  };
});
afterAll(async () => {
  await app?.stop();
});

async function newPakn(receivedDate: string, status?: Status): Promise<Pakn> {
  // The admin pages change the calendar inside the app build; this test process keeps its own cache.
  models.invalidateCalendar();
  const db = app.db();
  const { pakn } = await transaction(db, async (tx) =>
    models.createPakn(tx, {
      type: 'kien_nghi',
      subject: 'regulation',
      category: 2,
      submitterKind: 'individual',
      orgName: null,
      representative: null,
      fullName: 'Trần Văn Bình',
      address: '5 Hùng Vương, Tuy Hòa',
      phone: '0905123456',
      email: null,
      title: 'Thủ tục đăng ký hợp đồng chuyển giao công nghệ',
      content: 'Hồ sơ yêu cầu nhiều bản sao giấy tờ đã có trong cơ sở dữ liệu quốc gia.',
      regulationRef: null,
      fieldId: null,
      channel: 'online',
      lang: 'vi',
      receivedAt: new Date(`${receivedDate}T09:00:00+07:00`),
      consent: true,
      showIdentity: false,
    }),
  );
  if (status) await db.update(s.pakn).set({ status }).where(eq(s.pakn.id, pakn.id));
  return pakn;
}

const row = async (id: number) => (await first(app.db().select().from(s.pakn).where(eq(s.pakn.id, id))))!;
const recomputeEvents = async (id: number) =>
  await app
    .db()
    .select()
    .from(s.events)
    .where(and(eq(s.events.paknId, id), eq(s.events.type, 'due_recomputed')));

const post = (path: string, fields: Record<string, string>) => postForm(app, path, admin, fields);
const setRule = (days: number, unit: 'working' | 'calendar') =>
  post('/can-bo/quan-tri/thoi-han', {
    intent: 'update',
    key: 'answer',
    days: String(days),
    unit,
    basis: 'Thông tư 02/2017/TT-VPCP',
  });
const addOverride = (date: string, kind: 'off' | 'work', note: string) =>
  post('/can-bo/quan-tri/lich', { intent: 'save', date, kind, note });
const removeOverride = (date: string) => post('/can-bo/quan-tri/lich', { intent: 'delete', date });

describe('recomputing open due dates', () => {
  let open: Pakn;
  let closed: Pakn;

  it('changing the answer rule from 20 calendar days to 15 working days recomputes open PAKN only', async () => {
    open = await newPakn('2026-03-04');
    closed = await newPakn('2026-03-04', 'answered');
    // 04/03 + 20 days = Tuesday 24/03
    expect(open.answerDue).toBe('2026-03-24');
    expect(open.classifyDue).toBe('2026-03-06');

    const res = await setRule(15, 'working');
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/can-bo/quan-tri/thoi-han');
    expect(await followFlash(app, res, admin)).toContain(
      'Đã lưu thay đổi. Đã tính lại hạn xử lý của 1 phản ánh, kiến nghị đang mở.',
    );

    // 15 working days after Wednesday 04/03: 05, 06, 09–13, 16–20, 23, 24, 25
    expect((await row(open.id)).answerDue).toBe('2026-03-25');
    expect((await row(open.id)).classifyDue).toBe('2026-03-06');
    expect((await row(open.id)).version).toBe(open.version);
    const events = await recomputeEvents(open.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ note: '24/03/2026 → 25/03/2026', isPublic: false });
    expect(JSON.parse(events[0]!.data!)).toEqual({ answerDue: { from: '2026-03-24', to: '2026-03-25' } });

    expect((await row(closed.id)).answerDue).toBe('2026-03-24');
    expect(await recomputeEvents(closed.id)).toHaveLength(0);

    const audit = (
      await app.db().select().from(s.auditLog).where(eq(s.auditLog.action, 'settings.deadline_rule.update'))
    ).at(-1);
    expect(JSON.parse(audit!.detail!)).toMatchObject({
      days: { from: 20, to: 15 },
      unit: { from: 'calendar', to: 'working' },
      recomputed: 1,
    });
  });

  it('an official day off inside the period moves the due date by one working day', async () => {
    const res = await addOverride('2026-03-11', 'off', 'Nghỉ bù (thử nghiệm)');
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/can-bo/quan-tri/lich?nam=2026');
    expect(await followFlash(app, res, admin)).toContain(
      'Đã lưu. Đã tính lại hạn xử lý của 1 phản ánh, kiến nghị đang mở.',
    );
    expect((await row(open.id)).answerDue).toBe('2026-03-26');
    expect((await recomputeEvents(open.id)).at(-1)?.note).toBe('25/03/2026 → 26/03/2026');
    expect((await row(closed.id)).answerDue).toBe('2026-03-24');
    expect(await recomputeEvents(closed.id)).toHaveLength(0);
  });

  it('a make-up Saturday counts as a working day', async () => {
    expect((await addOverride('2026-03-14', 'work', 'Làm bù cho ngày nghỉ 11/03')).status).toBe(302);
    expect((await row(open.id)).answerDue).toBe('2026-03-25');
    expect((await recomputeEvents(open.id)).at(-1)?.note).toBe('26/03/2026 → 25/03/2026');

    expect((await removeOverride('2026-03-11')).status).toBe(302);
    expect((await row(open.id)).answerDue).toBe('2026-03-24');
    expect((await removeOverride('2026-03-14')).status).toBe(302);
    expect((await row(open.id)).answerDue).toBe('2026-03-25');
    expect(await recomputeEvents(open.id)).toHaveLength(5);
  });

  it('Tết is skipped, and correcting the Tết schedule moves the open PAKN it touches', async () => {
    const tet = await newPakn('2026-02-12');
    // classify: 13/02, then 23/02 after Tết; answer: 13/02 + 14 working days from 23/02 = 12/03
    expect(tet.classifyDue).toBe('2026-02-23');
    expect(tet.answerDue).toBe('2026-03-12');
    const before = (await recomputeEvents(open.id)).length;

    expect((await addOverride('2026-02-13', 'off', 'Nghỉ thêm trước Tết (thử nghiệm)')).status).toBe(302);
    expect(await row(tet.id)).toMatchObject({ classifyDue: '2026-02-24', answerDue: '2026-03-13' });
    const event = (await recomputeEvents(tet.id)).at(-1)!;
    expect(event.note).toBe('12/03/2026 → 13/03/2026');
    expect(JSON.parse(event.data!)).toEqual({
      classifyDue: { from: '2026-02-23', to: '2026-02-24' },
      answerDue: { from: '2026-03-12', to: '2026-03-13' },
    });
    // a PAKN whose period does not contain the changed day is untouched
    expect(await recomputeEvents(open.id)).toHaveLength(before);

    expect((await removeOverride('2026-02-13')).status).toBe(302);
    expect(await row(tet.id)).toMatchObject({ classifyDue: '2026-02-23', answerDue: '2026-03-12' });
  });

  it('a pause across Tết stops the clock exactly once for each day', async () => {
    const paused = await newPakn('2026-02-09');
    // 10–13/02, 23–27/02, 02–06/03, 09/03
    expect(paused.answerDue).toBe('2026-03-09');
    // information asked on 11/02, received on 25/02: days 12/02–25/02 do not count
    await app
      .db()
      .insert(s.paknPauses)
      .values({ paknId: paused.id, fromDate: '2026-02-11', toDate: '2026-02-25' });

    const changed = await models.recomputeOpenDueDates(app.db());
    expect(changed).toBe(1);
    // 10, 11/02, then 26, 27/02, 02–06/03, 09–13/03, 16/03
    expect(await row(paused.id)).toMatchObject({ classifyDue: '2026-02-11', answerDue: '2026-03-16' });
    const due = await models.answerDueDate(await row(paused.id), app.db());
    expect(due.due).toBe('2026-03-16');
    expect(models.explainDueDate(due, 'vi')).toContain('tạm dừng 12/02–25/02 chờ bổ sung thông tin');
    expect(await models.recomputeOpenDueDates(app.db())).toBe(0);
  });

  it('an open pause does not move the date; an extension replaces a shorter date', async () => {
    const waiting = await newPakn('2026-03-02');
    await app.db().insert(s.paknPauses).values({ paknId: waiting.id, fromDate: '2026-03-05', toDate: null });
    const extended = await newPakn('2026-03-02');
    await app.db().update(s.pakn).set({ extendedTo: '2026-04-10' }).where(eq(s.pakn.id, extended.id));

    expect(await models.recomputeOpenDueDates(app.db())).toBe(1);
    expect((await row(waiting.id)).answerDue).toBe(waiting.answerDue);
    expect((await row(extended.id)).answerDue).toBe('2026-04-10');

    // a calendar change inside the original period leaves the extended date alone
    expect((await addOverride('2026-03-10', 'off', 'Nghỉ (thử nghiệm)')).status).toBe(302);
    expect((await row(extended.id)).answerDue).toBe('2026-04-10');
    expect((await row(waiting.id)).answerDue > waiting.answerDue).toBe(true);
    expect((await removeOverride('2026-03-10')).status).toBe(302);
  });

  it('back to 20 calendar days: a period ending in Tết moves to the first working day after it', async () => {
    const beforeTet = await newPakn('2026-01-26');
    expect((await setRule(20, 'calendar')).status).toBe(302);
    // 26/01 + 20 days = Sunday 15/02, inside Tết: due Monday 23/02
    expect((await row(beforeTet.id)).answerDue).toBe('2026-02-23');
    expect((await row(closed.id)).answerDue).toBe('2026-03-24');
  });
});

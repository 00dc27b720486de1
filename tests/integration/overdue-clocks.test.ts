// Issue 13, item 2: every clock of spec §6 (classify, transfer, answer, publish, the information wait) is
// overdue-aware in the queue (tabs, counts, rows), the record page, the dashboard, the coordinators' alert and
// the report, and the stored dates follow calendar changes. The clock is moved through Feb–Apr 2026 by passing
// `today` / `now`; the pages run on the real date, after all of these.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Actor } from '~/domain/permissions';
import { lastReportMonths, periodContaining } from '~/domain/reports/periods';
import { invalidateCalendar } from '~/models/config.server';
import { recomputeOpenDueDates } from '~/models/deadlines.server';
import { alertNewlyOverdue } from '~/models/overdue-alerts.server';
import { countQueueTabs, listQueue, parseQueueParams } from '~/models/queue.server';
import { buildDashboard } from '~/models/reports/dashboard.server';
import { performAction } from '~/models/workflow/perform.server';
import { first, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { startTestApp, type TestApp } from '../support/app';
import { paknFixture, seedPakn } from '../support/pakn';
import { createStaffUser, signIn } from '../support/staff';

let app: TestApp;
let coordinator: Actor;
let leader: Actor;
let handler: Actor;
let unitId: number;
let coordCookie: string;

const at = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);
const BASE_PAKN = paknFixture({
  type: 'kien_nghi',
  fullName: 'Lê Thị Hồng',
  address: 'Tuy Hòa',
  phone: '0912000222',
  email: null,
  title: 'Thủ tục cấp giấy chứng nhận',
  content: 'Hồ sơ yêu cầu nhiều bản sao.',
  receivedAt: at('2026-02-12'),
});

function seed(receivedDate: string, set: Partial<typeof s.pakn.$inferInsert> = {}) {
  return seedPakn(app.db(), { ...BASE_PAKN, receivedAt: at(receivedDate) }, set);
}
const overdueIds = async (today: string, actor: Actor = coordinator) =>
  (
    await listQueue({
      actor,
      filters: parseQueueParams(new URLSearchParams({ tab: 'overdue' }), actor),
      today,
    })
  ).rows;
const row = async (id: number) => (await first(app.db().select().from(s.pakn).where(eq(s.pakn.id, id))))!;

let unclassified: Awaited<ReturnType<typeof seed>>;
let answered: Awaited<ReturnType<typeof seed>>;
let waiting: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  app = await startTestApp();
  const db = app.db();
  unitId = (await first(db.select().from(s.units).where(eq(s.units.code, 'QLKHCN'))))!.id;
  const c = await createStaffUser(db, { role: 'coordinator' });
  const l = await createStaffUser(db, { role: 'approver' });
  const h = await createStaffUser(db, { role: 'handler', unitCode: 'QLKHCN' });
  coordinator = { id: c.id, role: 'coordinator', unitId: null };
  leader = { id: l.id, role: 'approver', unitId: null };
  handler = { id: h.id, role: 'handler', unitId };
  coordCookie = await signIn(app, c.email, c.password);

  // Thursday 12/02/2026, before Tết (14–22/02 off): classify due Monday 23/02, transfer due 26/02
  unclassified = await seed('2026-02-12');
  // an answer approved on Monday 02/03/2026: to be published by Wednesday 04/03
  answered = await seed('2026-02-23', { status: 'awaiting_approval', unitId, handlerUserId: handler.id });
  await db
    .insert(s.answers)
    .values({ paknId: answered.id, body: 'Trả lời.', outcome: 'stands', draftedByUserId: handler.id });
  await performAction({
    actor: leader,
    paknId: answered.id,
    input: { intent: 'approve', version: answered.version },
    now: at('2026-03-02'),
  });
  // additional information asked on Monday 02/03/2026: awaited 15 days, until Tuesday 17/03
  waiting = await seed('2026-02-24', { status: 'in_progress', unitId, handlerUserId: handler.id });
  await performAction({
    actor: handler,
    paknId: waiting.id,
    input: { intent: 'request_info', version: waiting.version, note: 'Xin gửi bản sao giấy phép.' },
    now: at('2026-03-02'),
  });
});
afterAll(async () => app?.stop());

describe('the dates of each clock are stored', () => {
  it('approving sets the publication date, asking for information sets the end of the wait', async () => {
    expect(await row(answered.id)).toMatchObject({
      status: 'answered',
      publishDue: '2026-03-04',
      stepDue: '2026-03-04',
    });
    expect(await row(waiting.id)).toMatchObject({
      status: 'awaiting_info',
      infoDue: '2026-03-17',
      stepDue: '2026-03-17',
    });
    expect(await row(unclassified.id)).toMatchObject({ classifyDue: '2026-02-23', stepDue: '2026-02-23' });
  });
});

describe('the queue', () => {
  it('an unclassified PAKN past its 2 working days is overdue: count, tab and row say so', async () => {
    expect((await countQueueTabs({ actor: coordinator, today: '2026-02-23' })).overdue).toBe(0);
    const counts = await countQueueTabs({ actor: coordinator, today: '2026-02-24' });
    expect(counts.overdue).toBe(1);
    const rows = await overdueIds('2026-02-24');
    expect(rows.map((r) => r.id)).toEqual([unclassified.id]);
    expect(rows[0]).toMatchObject({
      clock: 'classify',
      dueState: 'overdue',
      stepDue: '2026-02-23',
      workingDays: -1,
    });
  });
  it('publication and the information wait are overdue after their dates', async () => {
    expect((await overdueIds('2026-03-04')).map((r) => r.id)).toEqual([unclassified.id]);
    const late = await overdueIds('2026-03-18');
    expect(late.map((r) => [r.id, r.clock])).toEqual([
      [unclassified.id, 'classify'],
      [answered.id, 'publish'],
      [waiting.id, 'infoWait'],
    ]);
    expect((await countQueueTabs({ actor: coordinator, today: '2026-03-18' })).overdue).toBe(3);
    // a unit-scoped handler sees its unit's late steps
    expect((await countQueueTabs({ actor: handler, today: '2026-03-18' })).overdue).toBe(2);
  });
  it('the page shows the overdue count and the late step of each row', async () => {
    const res = await app.fetch('/can-bo?tab=overdue', { headers: { Cookie: coordCookie } });
    const html = (await res.text()).replaceAll('<!-- -->', '');
    expect(html).toContain('Quá hạn <span class="staff-count">(3)</span>');
    expect(html).toContain(unclassified.code);
    expect(html).toMatch(/Phân loại[^<]*<\/span>/);
  });
});

describe('the record page', () => {
  it('names the late steps and by how many working days', async () => {
    const html = await (
      await app.fetch(`/can-bo/pakn/${unclassified.id}`, { headers: { Cookie: coordCookie } })
    ).text();
    expect(html).toMatch(/Phân loại: quá hạn \d+ ngày làm việc/);
    expect(html).toMatch(/Chuyển cơ quan có thẩm quyền: quá hạn \d+ ngày làm việc/);
    const pub = await (
      await app.fetch(`/can-bo/pakn/${answered.id}`, { headers: { Cookie: coordCookie } })
    ).text();
    expect(pub).toMatch(/Công khai kết quả: quá hạn \d+ ngày làm việc/);
  });
});

describe('the dashboard', () => {
  it('counts and lists every late step', async () => {
    const months = lastReportMonths('2026-03-18', 12, 1);
    const year = periodContaining('year', '2026-03-18', 1);
    const dash = await buildDashboard({ months, year, today: '2026-03-18', cutoffDay: 1 });
    expect(dash.overdue.total).toBe(3);
    expect(dash.overdue.items.map((i) => [i.id, i.clock, i.daysLate])).toEqual([
      [unclassified.id, 'classify', 17],
      [answered.id, 'publish', 10],
      [waiting.id, 'infoWait', 1],
    ]);
    expect(dash.workload.find((w) => w.unitId === null)!.overdue).toBe(1);
    expect(dash.workload.find((w) => w.unitId === unitId)!.overdue).toBe(2);
  });
});

describe('the coordinators’ alert', () => {
  it('alerts each late step once, with its step', async () => {
    expect((await alertNewlyOverdue({ now: at('2026-02-24') })).alerted).toBe(1);
    expect((await alertNewlyOverdue({ now: at('2026-02-25') })).alerted).toBe(0);
    expect((await alertNewlyOverdue({ now: at('2026-03-18') })).alerted).toBe(2);
    const events = (await app.db().select().from(s.events).where(eq(s.events.type, 'overdue_alerted'))).map(
      (e) => [e.paknId, JSON.parse(e.data!)],
    );
    expect(events).toEqual([
      [unclassified.id, { due: '2026-02-23', clock: 'classify' }],
      [answered.id, { due: '2026-03-04', clock: 'publish' }],
      [waiting.id, { due: '2026-03-17', clock: 'infoWait' }],
    ]);
    const mail = await app.db().select().from(s.outbox).where(eq(s.outbox.template, 'overdue'));
    expect(mail.at(-1)!.text).toContain('Bước quá hạn: Công khai kết quả');
  });
});

describe('calendar changes', () => {
  it('recompute the publication date and the end of the information wait', async () => {
    const db = app.db();
    // 03/03 and 17/03 become days off: publication moves to 05/03, the wait (calendar days) ends 18/03
    await db.insert(s.calendarOverrides).values([
      { date: '2026-03-03', kind: 'off', note: 'Thử nghiệm' },
      { date: '2026-03-17', kind: 'off', note: 'Thử nghiệm' },
    ]);
    invalidateCalendar();
    await transaction(db, async (tx) => recomputeOpenDueDates(tx));
    expect(await row(answered.id)).toMatchObject({ publishDue: '2026-03-05', stepDue: '2026-03-05' });
    expect(await row(waiting.id)).toMatchObject({ infoDue: '2026-03-18' });
    const recomputed = await db
      .select()
      .from(s.events)
      .where(and(eq(s.events.paknId, answered.id), eq(s.events.type, 'due_recomputed')));
    expect(recomputed).toHaveLength(1);
  });
});

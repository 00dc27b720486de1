// Issue #15 in the periodic report: "repeats refused under R08" and "grouped answers" (groups answered together,
// counted once by their lead, and the PAKN answered through a group). One group goes through the real record page
// (grouped by a coordinator, drafted by the lead's handler, approved once); the cases around it are seeded rows: a
// group answered in an earlier period, a member reopened and answered again on its own, a group not answered yet,
// refusals for R08 and for another reason, in two units. Then the figures per unit and in total, and the same
// figures on the staff report page, in the CSV, the workbook and the narrative behind the PDF and Word files.
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { customPeriod } from '~/domain/reports/periods';
import { first, one } from '~/utils/db.server';
import * as s from '~db/schema';

import { startTestApp, type TestApp } from '../support/app';
import { paknFixture, type PaknRow, seedPakn } from '../support/pakn';
import { createStaffUser, postForm, signIn } from '../support/staff';

let app: TestApp;
let unitA: number;
let unitB: number;
const cookie: Record<'coord' | 'handler' | 'approver', string> = { coord: '', handler: '', approver: '' };
const YEAR = new Date().getUTCFullYear();
const THIS_YEAR = customPeriod(`${YEAR}-01-01`, `${YEAR}-12-31`);
const LAST_YEAR = customPeriod(`${YEAR - 1}-01-01`, `${YEAR - 1}-12-31`);
const at = (date: string) => new Date(`${date}T09:00:00+07:00`);

const loadModules = async () => ({
  ...(await import('~/models/reports/report.server')),
  ...(await import('~/exports/report-csv.server')),
  ...(await import('~/exports/report-narrative.server')),
  ...(await import('~/exports/report-xlsx.server')),
});
let m: Awaited<ReturnType<typeof loadModules>>;

beforeAll(async () => {
  app = await startTestApp();
  const db = app.db();
  unitA = (await first(db.select().from(s.units).where(eq(s.units.code, 'QLKHCN'))))!.id;
  unitB = (await first(db.select().from(s.units).where(eq(s.units.code, 'TDC'))))!.id;
  const users = {
    coord: await createStaffUser(db, { role: 'coordinator' }),
    handler: await createStaffUser(db, { role: 'handler', unitCode: 'QLKHCN' }),
    approver: await createStaffUser(db, { role: 'approver', unitCode: 'QLKHCN' }),
  };
  for (const who of ['coord', 'handler', 'approver'] as const)
    cookie[who] = await signIn(app, users[who].email, users[who].password);
  m = await loadModules();

  // --- one group answered through the record page: three PAKN, one answer approved once ---
  const open = (email: string) =>
    seedPakn(db, paknFixture({ email }), {
      status: 'in_progress',
      unitId: unitA,
      handlerUserId: users.handler.id,
    });
  const [lead, a, b] = [
    await open('lead@example.vn'),
    await open('a@example.vn'),
    await open('b@example.vn'),
  ];
  const post = async (who: keyof typeof cookie, p: PaknRow, fields: Record<string, string>) => {
    const version = String((await first(db.select().from(s.pakn).where(eq(s.pakn.id, p.id))))!.version);
    const res = await postForm(app, `/can-bo/pakn/${p.id}`, cookie[who], { version, ...fields });
    expect(res.status, `${fields.intent} on ${p.code}`).toBe(302);
  };
  await post('coord', lead, { intent: 'group', code: a.code });
  await post('coord', lead, { intent: 'group', code: b.code });
  await post('handler', lead, {
    intent: 'draft',
    body: 'Sở đã rà soát và điều chỉnh quy trình tiếp nhận hồ sơ.',
    outcome: 'stands',
  });
  await post('handler', lead, { intent: 'submit' });
  await post('approver', lead, { intent: 'approve' });

  // --- the seeded cases around it ---
  const seed = (set: Partial<typeof s.pakn.$inferInsert>) =>
    seedPakn(db, paknFixture({ receivedAt: at(`${YEAR}-01-05`) }), set);
  const group = async (leadId: number, unitId: number, answeredAt: Date | null) =>
    (await one(db.insert(s.paknGroups).values({ leadPaknId: leadId, unitId, answeredAt }).returning())).id;
  const answered = (when: Date, unitId = unitA) => ({
    status: 'answered' as const,
    unitId,
    answeredAt: when,
    closedAt: when,
  });
  // a group of two answered last year: counted in last year's report, not this year's
  const lastYear = at(`${YEAR - 1}-12-20`);
  const oldLead = await seed({ ...answered(lastYear), receivedAt: at(`${YEAR - 1}-12-01`) });
  const oldMember = await seed({ ...answered(lastYear), receivedAt: at(`${YEAR - 1}-12-02`) });
  const oldGroup = await group(oldLead.id, unitA, lastYear);
  await db.update(s.pakn).set({ groupId: oldGroup }).where(eq(s.pakn.id, oldLead.id));
  await db.update(s.pakn).set({ groupId: oldGroup }).where(eq(s.pakn.id, oldMember.id));
  // a group of two answered this year whose member was reopened and answered again alone later: the lead only
  const grouped = at(`${YEAR}-02-10`);
  const reLead = await seed(answered(grouped));
  const reMember = await seed(answered(at(`${YEAR}-03-10`)));
  const reGroup = await group(reLead.id, unitA, grouped);
  await db.update(s.pakn).set({ groupId: reGroup }).where(eq(s.pakn.id, reLead.id));
  await db.update(s.pakn).set({ groupId: reGroup }).where(eq(s.pakn.id, reMember.id));
  // a group not answered yet: nothing
  const waitingLead = await seed({ status: 'in_progress', unitId: unitA });
  const waiting = await group(waitingLead.id, unitA, null);
  await db.update(s.pakn).set({ groupId: waiting }).where(eq(s.pakn.id, waitingLead.id));
  // repeats refused under R08 (two in unit A, one in unit B) and a refusal for another reason
  const refused = (unitId: number, refusalReason: 'R01' | 'R08') =>
    seed({ status: 'refused', unitId, refusalReason, closedAt: at(`${YEAR}-01-20`) });
  await refused(unitA, 'R08');
  await refused(unitA, 'R08');
  await refused(unitB, 'R08');
  await refused(unitA, 'R01');
}, 120_000);
afterAll(async () => {
  await app.stop();
});

const figures = (c: { refusedRepeat: number; groupsAnswered: number; answeredInGroup: number }) => ({
  refusedRepeat: c.refusedRepeat,
  groupsAnswered: c.groupsAnswered,
  answeredInGroup: c.answeredInGroup,
});

describe('repeats refused under R08 and grouped answers in the report', () => {
  it('are counted per unit and in total, in the period the answer or refusal falls in', async () => {
    const report = await m.buildReport({ period: THIS_YEAR }, app.db());
    const unit = (id: number) => report.units.find((u) => u.unitId === id)!.counts;
    // the record page's group (3 PAKN) and the reopened one's lead (1 PAKN)
    expect(figures(unit(unitA))).toEqual({ refusedRepeat: 2, groupsAnswered: 2, answeredInGroup: 4 });
    expect(figures(unit(unitB))).toEqual({ refusedRepeat: 1, groupsAnswered: 0, answeredInGroup: 0 });
    expect(figures(report.total.counts)).toEqual({ refusedRepeat: 3, groupsAnswered: 2, answeredInGroup: 4 });
    // they are parts of the outcomes, not outcomes of their own
    expect(report.total.counts.refused).toBe(4);
    expect(report.total.counts.answered).toBeGreaterThanOrEqual(5);
    const last = await m.buildReport({ period: LAST_YEAR }, app.db());
    expect(figures(last.total.counts)).toEqual({ refusedRepeat: 0, groupsAnswered: 1, answeredInGroup: 2 });
    // one unit's report sees only its own
    const b = await m.buildReport({ period: THIS_YEAR, unitId: unitB }, app.db());
    expect(figures(b.total.counts)).toEqual({ refusedRepeat: 1, groupsAnswered: 0, answeredInGroup: 0 });
  });

  it('are on the staff report page, as a table per unit with their labels', async () => {
    const res = await app.fetch(`/can-bo/bao-cao?period=custom&from=${YEAR}-01-01&to=${YEAR}-12-31`, {
      headers: { Cookie: cookie.coord },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('PAKN lặp lại và trả lời chung');
    for (const label of [
      'Từ chối do lặp lại PAKN đã được trả lời (R08)',
      'Số nhóm được trả lời chung',
      'Số PAKN được trả lời chung theo nhóm',
    ])
      expect(html).toContain(label);
  });

  it('are in the CSV, the workbook and the narrative of the PDF and Word files, with their labels', async () => {
    const ctx = await m.reportContext({ period: THIS_YEAR, unitId: null }, app.db());
    const csv = m.reportCsv(ctx);
    const csvLine = (key: string) =>
      csv.split(/\r?\n/).filter((l) => l.includes(`,${key},`) && l.includes('QLKHCN'));
    expect(csvLine('refusedRepeat')).toHaveLength(1);
    expect(csvLine('refusedRepeat')[0]).toContain('Từ chối do lặp lại PAKN đã được trả lời (R08)');
    expect(csvLine('refusedRepeat')[0]).toMatch(/,2$/);
    expect(csvLine('groupsAnswered')[0]).toMatch(/,2$/);
    expect(csvLine('answeredInGroup')[0]).toContain('Số PAKN được trả lời chung theo nhóm');
    expect(csvLine('answeredInGroup')[0]).toMatch(/,4$/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(m.reportWorkbookStream(ctx, (async function* () {})()));
    const ws = wb.worksheets[0]!;
    const texts: Array<{ row: number; col: number; text: string }> = [];
    ws.eachRow((r, row) =>
      r.eachCell((c, col) => {
        texts.push({ row, col, text: String(c.value) });
      }),
    );
    const col = (label: string) => texts.find((x) => x.text === label)!.col;
    const unitName = ctx.report.units.find((u) => u.unitId === unitA)!.name;
    const unitRow = texts.find((x) => x.text === unitName)!.row;
    expect(ws.getRow(unitRow).getCell(col('Từ chối do lặp lại PAKN đã được trả lời (R08)')).value).toBe(2);
    expect(ws.getRow(unitRow).getCell(col('Số nhóm được trả lời chung')).value).toBe(2);
    expect(ws.getRow(unitRow).getCell(col('Số PAKN được trả lời chung theo nhóm')).value).toBe(4);

    const narrative = m.reportNarrative(ctx);
    const text = JSON.stringify(narrative);
    expect(text).toContain(
      'PAKN lặp lại và trả lời chung: từ chối do lặp lại PAKN đã được trả lời (lý do R08) 3; trả lời chung 2 nhóm, gồm 4 PAKN.',
    );
  });
});

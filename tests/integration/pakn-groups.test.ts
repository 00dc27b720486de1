// Issue #15, grouping: a coordinator groups related open PAKN of one unit from the record page; the lead's
// handler drafts one answer, a leader approves it once, and every submitter gets exactly one answer mail with
// their own code (real SMTP server); one publication page lists the codes. Bad input is refused with a
// translated message and changes nothing; ungrouping stops once the answer is approved.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { first } from '~/utils/db.server';
import * as s from '~db/schema';

import { startTestApp, type TestApp } from '../support/app';
import { paknFixture, type PaknRow, seedPakn } from '../support/pakn';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { sqlGet } from '../support/sql';
import { createStaffUser, postForm, signIn } from '../support/staff';

let app: TestApp;
let smtp: TestSmtpServer;
const cookie: Record<'coord' | 'handler' | 'approver', string> = { coord: '', handler: '', approver: '' };
let lead: PaknRow;
let member: PaknRow;
let third: PaknRow;
let fourth: PaknRow;
let otherUnit: PaknRow;
let answered: PaknRow;
let received: PaknRow;

const TEXT = {
  title: 'Hồ sơ đăng ký hoạt động khoa học và công nghệ bị trả lại nhiều lần',
  content: 'Hồ sơ đăng ký theo Nghị định 08/2014/NĐ-CP bị trả lại ba lần mà không nêu rõ lý do.',
};

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ SMTP_URL: smtp.url });
  const db = app.db();
  const unitA = (await first(db.select().from(s.units).where(eq(s.units.code, 'QLKHCN'))))!.id;
  const unitB = (await first(db.select().from(s.units).where(eq(s.units.code, 'TDC'))))!.id;
  const users = {
    coord: await createStaffUser(db, { role: 'coordinator' }),
    handler: await createStaffUser(db, { role: 'handler', unitCode: 'QLKHCN' }),
    approver: await createStaffUser(db, { role: 'approver', unitCode: 'QLKHCN' }),
  };
  for (const who of ['coord', 'handler', 'approver'] as const)
    cookie[who] = await signIn(app, users[who].email, users[who].password);
  const seed = (email: string, set: Partial<typeof s.pakn.$inferInsert>) =>
    seedPakn(db, paknFixture({ ...TEXT, email }), set);
  lead = await seed('lead@example.vn', {
    status: 'in_progress',
    unitId: unitA,
    handlerUserId: users.handler.id,
  });
  member = await seed('member@example.vn', { status: 'assigned', unitId: unitA });
  third = await seed('third@example.vn', { status: 'in_progress', unitId: unitA });
  fourth = await seed('fourth@example.vn', { status: 'assigned', unitId: unitA });
  otherUnit = await seed('b@example.vn', { status: 'assigned', unitId: unitB });
  answered = await seed('done@example.vn', { status: 'answered', unitId: unitA, answeredAt: new Date() });
  received = await seed('new@example.vn', {});
});
afterAll(async () => {
  await app.stop();
  await smtp.stop();
});

const row = async (id: number) => (await first(app.db().select().from(s.pakn).where(eq(s.pakn.id, id))))!;
const version = async (id: number) => String((await row(id)).version);
const post = async (who: keyof typeof cookie, id: number, fields: Record<string, string>) =>
  postForm(app, `/can-bo/pakn/${id}`, cookie[who], { version: await version(id), ...fields });
const groupWith = (id: number, code: string, over: Record<string, string> = {}) =>
  post('coord', id, { intent: 'group', code, ...over });
const eventsOf = async (id: number) => await app.db().select().from(s.events).where(eq(s.events.paknId, id));
const auditCount = async (action: string, id: number) =>
  Number(
    (
      await sqlGet<{ n: number }>(
        app.db(),
        `SELECT count(*) AS n FROM audit_log WHERE action = ? AND target_id = ?`,
        action,
        String(id),
      )
    )?.n,
  );

describe('grouping: what is refused', () => {
  it.each([
    [
      'a PAKN of another unit',
      () => otherUnit.code,
      'Chỉ gộp được các phản ánh, kiến nghị do cùng một đơn vị xử lý',
    ],
    ['an answered PAKN', () => answered.code, 'đã được trả lời, bị từ chối hoặc đã đóng'],
    ['a PAKN with no unit yet', () => received.code, 'chưa được giao đơn vị xử lý'],
    ['an unknown code', () => 'KHONG-CO-MA', 'Không có phản ánh, kiến nghị nào với mã số'],
    ['the PAKN itself', () => lead.code, 'Không thể gộp một phản ánh, kiến nghị với chính nó'],
  ])('%s, with a translated message and the typed code kept', async (_what, code, message) => {
    const before = (await row(lead.id)).version;
    const res = await groupWith(lead.id, code());
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain(`value="${code()}"`);
    expect(await row(lead.id)).toMatchObject({ version: before, groupId: null });
    expect(await app.db().select().from(s.paknGroups)).toHaveLength(0);
  });

  it('in English too', async () => {
    const res = await postForm(app, `/can-bo/pakn/${lead.id}`, `${cookie.coord}; lng=en`, {
      intent: 'group',
      version: await version(lead.id),
      code: otherUnit.code,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Only PAKN handled by the same unit can be grouped.');
  });

  it('from a stale page (409, nothing saved)', async () => {
    const res = await groupWith(lead.id, member.code, { version: String((await row(lead.id)).version + 5) });
    expect(res.status).toBe(409);
    expect((await row(lead.id)).groupId).toBeNull();
    expect((await row(member.id)).groupId).toBeNull();
  });

  it('hostile values answer 400 or 409 with a message, never a 500, and save nothing', async () => {
    const hostile = [
      '',
      ' ',
      'x'.repeat(5000),
      "' OR 1=1 --",
      '<script>alert(1)</script>',
      `${answered.code}\u0000`,
      'KHCN-2026-00000１',
      `\u202e${otherUnit.code}`,
    ];
    for (const code of hostile) {
      for (const intent of ['group', 'ungroup']) {
        const res = await post('coord', lead.id, { intent, code });
        expect([400, 409], `${intent} ${JSON.stringify(code).slice(0, 40)}`).toContain(res.status);
        expect(await res.text()).not.toContain('<script>alert(1)</script>');
      }
    }
    for (const version of ['', 'abc', '-1', '1e9', '0']) {
      const res = await postForm(app, `/can-bo/pakn/${lead.id}`, cookie.coord, {
        intent: 'group',
        version,
        code: member.code,
      });
      expect([400, 409]).toContain(res.status);
    }
    expect((await row(lead.id)).groupId).toBeNull();
    expect(await app.db().select().from(s.paknGroups)).toHaveLength(0);
  });

  it('to a handler (403) and to the page of a unit it cannot read (404)', async () => {
    const res = await post('handler', lead.id, { intent: 'group', code: member.code });
    expect(res.status).toBe(403);
    expect((await post('handler', otherUnit.id, { intent: 'group', code: member.code })).status).toBe(404);
    expect((await row(lead.id)).groupId).toBeNull();
  });
});

describe('grouping and ungrouping', () => {
  it('groups two open PAKN of one unit, on both timelines and in the audit log', async () => {
    const res = await groupWith(lead.id, member.code.toLowerCase());
    expect(res.status).toBe(302);
    const g = (await first(app.db().select().from(s.paknGroups)))!;
    expect(g).toMatchObject({ leadPaknId: lead.id, answeredAt: null });
    expect((await row(lead.id)).groupId).toBe(g.id);
    expect((await row(member.id)).groupId).toBe(g.id);
    for (const id of [lead.id, member.id]) {
      const ev = (await eventsOf(id)).find((e) => e.type === 'group')!;
      expect(ev).toMatchObject({ isPublic: false, note: `${lead.code}, ${member.code}` });
      expect(await auditCount('pakn.group', id)).toBe(1);
    }
    const html = await (
      await app.fetch(`/can-bo/pakn/${member.id}`, { headers: { Cookie: cookie.coord } })
    ).text();
    expect(html).toContain(`thuộc nhóm trả lời chung do ${lead.code} chủ trì`);
    expect(html).toContain(`data-group-member="${lead.code}"`);
  });

  it('refuses a PAKN that is already in another group', async () => {
    expect((await groupWith(third.id, fourth.code)).status).toBe(302);
    const res = await groupWith(lead.id, third.code);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('đã thuộc một nhóm trả lời chung khác');
    expect((await row(third.id)).groupId).not.toBe((await row(lead.id)).groupId);
  });

  it('ungroups: the lead leaving dissolves its group, on each timeline', async () => {
    const res = await post('coord', fourth.id, { intent: 'ungroup', code: third.code });
    expect(res.status).toBe(302);
    expect((await row(third.id)).groupId).toBeNull();
    expect((await row(fourth.id)).groupId).toBeNull();
    for (const id of [third.id, fourth.id]) {
      expect((await eventsOf(id)).some((e) => e.type === 'ungroup')).toBe(true);
      expect(await auditCount('pakn.ungroup', id)).toBe(1);
    }
  });

  it('adds a third PAKN to an existing group, then takes it out again', async () => {
    expect((await groupWith(lead.id, third.code)).status).toBe(302);
    expect((await row(third.id)).groupId).toBe((await row(lead.id)).groupId);
    const stale = await post('coord', lead.id, {
      intent: 'ungroup',
      code: third.code,
      version: String((await row(lead.id)).version - 1),
    });
    expect(stale.status).toBe(409);
    expect((await row(third.id)).groupId).toBe((await row(lead.id)).groupId);
    const bad = await post('coord', lead.id, { intent: 'ungroup', code: answered.code });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('không thuộc nhóm này');
    expect((await post('coord', lead.id, { intent: 'ungroup', code: third.code })).status).toBe(302);
    expect((await row(third.id)).groupId).toBeNull();
    expect((await row(member.id)).groupId).toBe((await row(lead.id)).groupId);
  });

  it('a member is not answered on its own, nor taken to another unit while grouped', async () => {
    expect(
      (
        await post('coord', member.id, {
          intent: 'reassign',
          unitId: String(otherUnit.unitId),
          note: 'Sai đơn vị',
        })
      ).status,
    ).toBe(409);
    await post('handler', member.id, { intent: 'take' });
    expect(
      (await post('handler', member.id, { intent: 'draft', body: 'Riêng', outcome: 'stands' })).status,
    ).toBe(409);
    expect((await row(member.id)).groupId).toBe((await row(lead.id)).groupId);
  });
});

describe('one answer for the group', () => {
  const BODY = 'Sở đã rà soát quy trình và sẽ trả lời hồ sơ trong 05 ngày làm việc.';

  it('is drafted on the lead, approved once, and sent to every submitter with their own code', async () => {
    expect((await post('handler', lead.id, { intent: 'draft', body: BODY, outcome: 'stands' })).status).toBe(
      302,
    );
    expect((await post('handler', lead.id, { intent: 'submit' })).status).toBe(302);
    expect((await post('approver', lead.id, { intent: 'approve' })).status).toBe(302);
    const db = app.db();
    const l = await row(lead.id);
    const m = await row(member.id);
    expect(l.status).toBe('answered');
    expect(m).toMatchObject({ status: 'answered', answeredAt: l.answeredAt, closedAt: l.closedAt });
    expect(m.stepDue).toBe(m.publishDue); // the answer clock stopped; the publication one runs as usual
    const answers = await Promise.all(
      [lead.id, member.id].map(
        async (id) => (await first(db.select().from(s.answers).where(eq(s.answers.paknId, id))))!,
      ),
    );
    expect(answers.map((a) => a.body)).toEqual([BODY, BODY]);
    expect(answers[1]!.approvedAt).toEqual(answers[0]!.approvedAt);
    const g = (await first(db.select().from(s.paknGroups).where(eq(s.paknGroups.id, l.groupId!))))!;
    expect(g).toMatchObject({ answeredCount: 2 });
    expect(g.answeredAt).not.toBeNull();
    expect(
      (await eventsOf(member.id)).some((e) => e.type === 'group_answered' && e.note?.startsWith(lead.code)),
    ).toBe(true);
    expect(await auditCount('pakn.group_answered', member.id)).toBe(1);
    expect(await auditCount('pakn.approve', member.id)).toBe(1);

    const { processOutbox } = await import('../../app/jobs/mail-worker.server');
    await processOutbox({ db });
    const mails = smtp.messages.filter((x) =>
      ['lead@example.vn', 'member@example.vn'].includes(x.to && 'text' in x.to ? x.to.text : ''),
    );
    const toLead = mails.filter((x) => (x.to && 'text' in x.to ? x.to.text : '') === 'lead@example.vn');
    const toMember = mails.filter((x) => (x.to && 'text' in x.to ? x.to.text : '') === 'member@example.vn');
    expect(toLead).toHaveLength(1);
    expect(toMember).toHaveLength(1);
    expect(toLead[0]!.text).toContain(lead.code);
    expect(toLead[0]!.text).not.toContain(member.code);
    expect(toMember[0]!.text).toContain(member.code);
    expect(toMember[0]!.text).not.toContain(lead.code);
    // the third PAKN left the group before approval and is untouched
    expect((await row(third.id)).status).toBe('in_progress');
  });

  it('cannot be ungrouped after approval', async () => {
    const res = await post('coord', lead.id, { intent: 'ungroup', code: member.code });
    // the panel offers no ungrouping any more; a forged post is refused with the message
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Câu trả lời của nhóm đã được duyệt');
    expect((await row(member.id)).groupId).toBe((await row(lead.id)).groupId);
  });

  it('is published once: the lead’s page lists both codes and the member’s address leads to it', async () => {
    await app
      .db()
      .update(s.pakn)
      .set({
        publication: 'published',
        publishedAt: new Date(),
        publicTitle: 'Hồ sơ đăng ký hoạt động KH&CN bị trả lại',
        publicSummary: 'Hồ sơ bị trả lại nhiều lần.',
        publicAnswer: BODY,
      })
      .where(eq(s.pakn.id, lead.id));
    const html = await (await app.fetch(`/cong-khai/${lead.code}`)).text();
    expect(html).toContain(`${lead.code}, ${member.code}`);
    expect(html).not.toContain('member@example.vn');
    const res = await app.fetch(`/cong-khai/${member.code}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe(`/cong-khai/${lead.code}`);
    expect((await app.fetch(`/cong-khai/${third.code}`)).status).toBe(404);
  });
});

// Every workflow action through the real record page route, with the database checked afterwards:
// happy paths, illegal transitions, stale versions, scope, bad input, the clock pause, the extension,
// bulk assignment, staff intake, attachment download and the contact audit.
import fs from 'node:fs';

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addCalendarDays, toLocalDate } from '~/domain/calendar';
import { computeDueDate, maxExtensionDate } from '~/domain/deadlines';
import { getCalendar, getDeadlineRules } from '~/models/config.server';
import { createPakn, type NewPakn } from '~/models/pakn.server';
import { first, one, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { BASE, startTestApp, type TestApp } from '../support/app';
import { cookiesFrom, createStaffUser, postForm, signIn } from '../support/staff';

let app: TestApp;
const cookie: Record<string, string> = {};
const userId: Record<string, number> = {};
let unitA: number;
let unitB: number;
const today = toLocalDate(new Date());

const BASE_PAKN: NewPakn = {
  type: 'phan_anh',
  subject: 'regulation',
  category: 2,
  submitterKind: 'individual',
  orgName: null,
  representative: null,
  fullName: 'Trần Văn Bình',
  address: '5 Nguyễn Huệ, Tuy Hòa',
  phone: '0912345678',
  email: 'binh@example.vn',
  title: 'Thủ tục cấp phép bức xạ còn rườm rà',
  content: 'Hồ sơ đề nghị cấp giấy phép yêu cầu quá nhiều bản sao có chứng thực.',
  regulationRef: null,
  fieldId: null,
  channel: 'online',
  lang: 'vi',
  receivedAt: new Date(),
  consent: true,
  showIdentity: false,
};

async function seed(over: Partial<NewPakn> = {}, set: Partial<typeof s.pakn.$inferInsert> = {}) {
  const db = app.db();
  const { pakn, accessToken } = await transaction(db, async (tx) =>
    createPakn(tx, { ...BASE_PAKN, ...over }),
  );
  if (Object.keys(set).length) await db.update(s.pakn).set(set).where(eq(s.pakn.id, pakn.id));
  return { ...(await row(pakn.id)), accessToken };
}
async function row(id: number) {
  return (await first(app.db().select().from(s.pakn).where(eq(s.pakn.id, id))))!;
}
async function events(id: number) {
  return await app.db().select().from(s.events).where(eq(s.events.paknId, id));
}
async function audits(action: string, id: number) {
  return await app
    .db()
    .select()
    .from(s.auditLog)
    .where(and(eq(s.auditLog.action, action), eq(s.auditLog.targetId, String(id))));
}
function act(who: string, id: number, fields: Record<string, string>) {
  return postForm(app, `/can-bo/pakn/${id}`, cookie[who]!, fields);
}
async function ok(res: Response) {
  if (res.status !== 302)
    throw new Error(`expected 302, got ${res.status}: ${(await res.text()).slice(0, 2000)}`);
}
const v = async (id: number) => String((await row(id)).version);

/** Remix refuses a POST with an Origin but no Host header (its CSRF check): send Host as a browser does. */
function withHost(raw: TestApp): TestApp {
  const host = new URL(BASE).host;
  return {
    ...raw,
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has('Host')) headers.set('Host', host);
      return raw.fetch(path, { ...init, headers });
    },
  };
}

beforeAll(async () => {
  app = withHost(await startTestApp());
  const db = app.db();
  unitA = (await first(db.select().from(s.units).where(eq(s.units.code, 'QLKHCN'))))!.id;
  unitB = (await first(db.select().from(s.units).where(eq(s.units.code, 'TDC'))))!.id;
  const roles = {
    coord: { role: 'coordinator' },
    coord2: { role: 'coordinator' },
    handlerA: { role: 'handler', unitCode: 'QLKHCN' },
    handlerB: { role: 'handler', unitCode: 'TDC' },
    approverA: { role: 'approver', unitCode: 'QLKHCN' },
    viewer: { role: 'viewer' },
  } as const;
  for (const [key, spec] of Object.entries(roles)) {
    const u = await createStaffUser(db, spec);
    userId[key] = u.id;
    cookie[key] = await signIn(app, u.email, u.password);
  }
});
afterAll(async () => app?.stop());

describe('classification and assignment', () => {
  it('classifies (type, subject, category, field) and bumps the version', async () => {
    const p = await seed();
    const field = (await first(app.db().select().from(s.fields).where(eq(s.fields.code, 'TDC'))))!;
    await ok(
      await act('coord', p.id, {
        intent: 'classify',
        version: await v(p.id),
        type: 'kien_nghi',
        subject: 'regulation',
        category: '3',
        fieldId: String(field.id),
      }),
    );
    const after = await row(p.id);
    expect(after).toMatchObject({
      type: 'kien_nghi',
      category: 3,
      fieldId: field.id,
      status: 'received',
      version: p.version + 1,
    });
    expect((await events(p.id)).map((e) => e.type)).toContain('classify');
  });

  it('suggests the unit from the field rule and keywords on the record page', async () => {
    const field = (await first(app.db().select().from(s.fields).where(eq(s.fields.code, 'TDC'))))!;
    const p = await seed({ fieldId: field.id, title: 'Thủ tục về đo lường còn chậm' });
    const html = await (
      await app.fetch(`/can-bo/pakn/${p.id}`, { headers: { Cookie: cookie.coord! } })
    ).text();
    expect(html).toContain('Gợi ý đơn vị');
    expect(html).toMatch(new RegExp(`<option value="${unitB}" selected`));
  });

  it('assigns to a unit: status, unit, event with actor, audit', async () => {
    const p = await seed();
    const res = await act('coord', p.id, { intent: 'assign', version: await v(p.id), unitId: String(unitA) });
    await ok(res);
    // the confirmation travels in the flash cookie, shown once on the record page, not in the address
    expect(res.headers.get('Location')).toBe(`/can-bo/pakn/${p.id}`);
    const flash = cookiesFrom(res).pakn_flash;
    expect(flash).toBeTruthy();
    const shown = await app.fetch(`/can-bo/pakn/${p.id}`, {
      headers: { Cookie: `${cookie.coord!}; pakn_flash=${flash}` },
    });
    expect(await shown.text()).toContain('Đã thực hiện: Giao đơn vị xử lý.');
    expect(cookiesFrom(shown).pakn_flash).toBe('');
    expect(await row(p.id)).toMatchObject({ status: 'assigned', unitId: unitA, version: p.version + 1 });
    const ev = (await events(p.id)).find((e) => e.type === 'assign')!;
    expect(ev).toMatchObject({
      actorUserId: userId.coord,
      fromStatus: 'received',
      toStatus: 'assigned',
      isPublic: true,
    });
    expect(await audits('pakn.assign', p.id)).toHaveLength(1);
  });

  it('reassigns with a reason, which is required', async () => {
    const p = await seed({}, { status: 'in_progress', unitId: unitA, handlerUserId: 1 });
    const missing = await act('coord', p.id, {
      intent: 'reassign',
      version: await v(p.id),
      unitId: String(unitB),
      note: '',
    });
    expect(missing.status).toBe(400);
    await ok(
      await act('coord', p.id, {
        intent: 'reassign',
        version: await v(p.id),
        unitId: String(unitB),
        note: 'Thuộc lĩnh vực đo lường',
      }),
    );
    expect(await row(p.id)).toMatchObject({ status: 'assigned', unitId: unitB, handlerUserId: null });
    expect((await events(p.id)).find((e) => e.type === 'reassign')?.note).toBe('Thuộc lĩnh vực đo lường');
  });

  it('refuses with a reason code and an explanation', async () => {
    const p = await seed();
    await ok(
      await act('coord', p.id, {
        intent: 'refuse',
        version: await v(p.id),
        reason: 'R04',
        note: 'Đây là khiếu nại, đề nghị gửi theo Luật Khiếu nại.',
      }),
    );
    const after = await row(p.id);
    expect(after).toMatchObject({ status: 'refused', refusalReason: 'R04' });
    expect(after.closedAt).not.toBeNull();
  });

  it('transfers to an agency of the directory', async () => {
    const p = await seed();
    const agency = (await first(app.db().select().from(s.externalAgencies)))!;
    await ok(
      await act('coord', p.id, {
        intent: 'transfer',
        version: await v(p.id),
        agencyId: String(agency.id),
        note: 'Ngoài thẩm quyền của Sở',
      }),
    );
    expect(await row(p.id)).toMatchObject({ status: 'transferred', transferAgencyId: agency.id });
  });

  it('forwards a behaviour complaint', async () => {
    const p = await seed({ subject: 'behaviour', category: 1 });
    await ok(
      await act('coord', p.id, { intent: 'forward', version: await v(p.id), note: 'Chuyển Thanh tra Sở' }),
    );
    expect((await row(p.id)).status).toBe('forwarded');
  });

  it('marks a duplicate of another PAKN by its code', async () => {
    const original = await seed();
    const p = await seed();
    const self = await act('coord', p.id, {
      intent: 'mark_duplicate',
      version: await v(p.id),
      duplicateOf: p.code,
      note: 'x',
    });
    expect(self.status).toBe(400);
    await ok(
      await act('coord', p.id, {
        intent: 'mark_duplicate',
        version: await v(p.id),
        duplicateOf: original.code.toLowerCase(),
        note: 'Trùng nội dung',
      }),
    );
    expect(await row(p.id)).toMatchObject({ status: 'duplicate', duplicateOfId: original.id });
  });

  it('bulk-assigns from the queue, all or nothing', async () => {
    const a = await seed();
    const b = await seed();
    const res = await postForm(
      app,
      '/can-bo?index',
      cookie.coord!,
      new URLSearchParams([
        ['intent', 'bulk_assign'],
        ['unitId', String(unitA)],
        ['ids', `${a.id}.${a.version}`],
        ['ids', `${b.id}.${b.version}`],
        ['returnTo', '/can-bo?tab=classify'],
      ]) as unknown as Record<string, string>,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe('/can-bo?tab=classify&da-giao=2');
    expect([(await row(a.id)).status, (await row(b.id)).status]).toEqual(['assigned', 'assigned']);

    const c = await seed();
    const d = await seed();
    const stale = await postForm(
      app,
      '/can-bo?index',
      cookie.coord!,
      new URLSearchParams([
        ['intent', 'bulk_assign'],
        ['unitId', String(unitA)],
        ['ids', `${c.id}.${c.version}`],
        ['ids', `${d.id}.${d.version + 5}`],
      ]) as unknown as Record<string, string>,
    );
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain(d.code);
    expect([(await row(c.id)).status, (await row(d.id)).status]).toEqual(['received', 'received']);

    const handler = await postForm(app, '/can-bo?index', cookie.handlerA!, {
      intent: 'bulk_assign',
      unitId: String(unitA),
      ids: `${c.id}.${c.version}`,
    });
    expect(handler.status).toBe(403);
  });
});

describe('refusals of bad or stale posts', () => {
  it('an illegal transition is a 409 with a clear message, and nothing changes', async () => {
    const p = await seed({}, { status: 'assigned', unitId: unitA });
    const res = await act('coord', p.id, { intent: 'assign', version: await v(p.id), unitId: String(unitB) });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(
      'Không thể “Giao đơn vị xử lý” khi phản ánh, kiến nghị đang ở trạng thái “Đã giao đơn vị”',
    );
    expect(await row(p.id)).toMatchObject({ status: 'assigned', unitId: unitA, version: p.version });
  });

  it('a stale version is a 409 "changed meanwhile"; two coordinators cannot both succeed', async () => {
    const p = await seed();
    const version = await v(p.id);
    const [first, second] = await Promise.all([
      act('coord', p.id, { intent: 'assign', version, unitId: String(unitA) }),
      act('coord2', p.id, { intent: 'refuse', version, reason: 'R03', note: 'Nội dung không rõ' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([302, 409]);
    const loser = first.status === 409 ? first : second;
    expect(await loser.text()).toContain('đã được người khác thay đổi');
    expect((await events(p.id)).filter((e) => e.type === 'assign' || e.type === 'refuse')).toHaveLength(1);
  });

  it("another unit's PAKN is a 404, for pages and posts alike", async () => {
    const p = await seed({}, { status: 'assigned', unitId: unitB });
    expect((await app.fetch(`/can-bo/pakn/${p.id}`, { headers: { Cookie: cookie.handlerA! } })).status).toBe(
      404,
    );
    expect((await act('handlerA', p.id, { intent: 'take', version: await v(p.id) })).status).toBe(404);
    expect((await act('handlerA', 99999999, { intent: 'take', version: '1' })).status).toBe(404);
    expect((await row(p.id)).status).toBe('assigned');
  });

  it('a missing or tampered field is a 400 with the error next to the field and the typed values kept', async () => {
    const p = await seed();
    const res = await act('coord', p.id, {
      intent: 'refuse',
      version: await v(p.id),
      reason: 'R99',
      note: 'Lời giải thích đã gõ',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Giá trị không hợp lệ');
    expect(html).toContain('Lời giải thích đã gõ');
    expect(html).toMatch(/id="refuse-reason-error"/);

    const noVersion = await act('coord', p.id, { intent: 'assign', unitId: String(unitA) });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.text()).toContain('thiếu thông tin phiên bản');

    // a tampered version or field id reads as one of our messages, never zod's English
    const halfVersion = await act('coord', p.id, { intent: 'assign', version: '1.5', unitId: String(unitA) });
    expect(halfVersion.status).toBe(400);
    expect(await halfVersion.text()).toContain('thiếu thông tin phiên bản');
    const badField = await act('coord', p.id, {
      intent: 'classify',
      version: await v(p.id),
      type: 'phan_anh',
      subject: 'regulation',
      category: '2',
      fieldId: 'abc',
    });
    expect(badField.status).toBe(400);
    const badFieldHtml = await badField.text();
    expect(badFieldHtml).toMatch(/id="classify-fieldId-error"[^>]*>.*Giá trị không hợp lệ/s);
    expect(badFieldHtml).not.toMatch(/Invalid input|Expected/);

    const forgedUnit = await act('coord', p.id, {
      intent: 'assign',
      version: await v(p.id),
      unitId: '424242',
    });
    expect(forgedUnit.status).toBe(400);
    expect(await forgedUnit.text()).toContain('Chọn một đơn vị đang hoạt động');

    const unknown = await act('coord', p.id, { intent: 'delete_everything', version: await v(p.id) });
    expect(unknown.status).toBe(400);
    expect(await row(p.id)).toMatchObject({ status: 'received', version: p.version });
  });

  it('a post without proof of coming from our pages is refused', async () => {
    const p = await seed();
    const res = await postForm(
      app,
      `/can-bo/pakn/${p.id}`,
      cookie.coord!,
      { intent: 'assign', version: await v(p.id), unitId: String(unitA) },
      { origin: null },
    );
    expect(res.status).toBe(403);
    expect((await row(p.id)).status).toBe('received');
  });
});

describe('handling', () => {
  it('take, note, draft, submit, return, edit, submit, approve', async () => {
    const p = await seed({}, { status: 'assigned', unitId: unitA });
    await ok(await act('handlerA', p.id, { intent: 'take', version: await v(p.id) }));
    expect(await row(p.id)).toMatchObject({ status: 'in_progress', handlerUserId: userId.handlerA });

    await ok(await act('handlerA', p.id, { intent: 'note', note: 'Đã gọi điện cho người gửi' }));
    const note = (await events(p.id)).find((e) => e.type === 'note')!;
    expect(note).toMatchObject({
      isPublic: false,
      actorUserId: userId.handlerA,
      note: 'Đã gọi điện cho người gửi',
    });
    expect(await audits('pakn.note', p.id)).toHaveLength(1);

    const badOutcome = await act('handlerA', p.id, {
      intent: 'draft',
      version: await v(p.id),
      outcome: 'whatever',
      body: 'Nội dung',
    });
    expect(badOutcome.status).toBe(400);
    await ok(
      await act('handlerA', p.id, {
        intent: 'draft',
        version: await v(p.id),
        outcome: 'amend',
        body: 'Sở sẽ sửa đổi quy định.',
      }),
    );
    expect((await row(p.id)).status).toBe('drafted');
    expect(await first(app.db().select().from(s.answers).where(eq(s.answers.paknId, p.id)))).toMatchObject({
      body: 'Sở sẽ sửa đổi quy định.',
      outcome: 'amend',
    });

    await ok(await act('handlerA', p.id, { intent: 'submit', version: await v(p.id) }));
    expect((await row(p.id)).status).toBe('awaiting_approval');
    // the handler may not approve their own answer
    expect((await act('handlerA', p.id, { intent: 'approve', version: await v(p.id) })).status).toBe(403);

    await ok(
      await act('approverA', p.id, {
        intent: 'return',
        version: await v(p.id),
        note: 'Bổ sung căn cứ pháp lý',
      }),
    );
    expect((await row(p.id)).status).toBe('returned');
    expect(
      (await first(app.db().select().from(s.answers).where(eq(s.answers.paknId, p.id))))?.returnComment,
    ).toBe('Bổ sung căn cứ pháp lý');

    await ok(
      await act('handlerA', p.id, {
        intent: 'edit_draft',
        version: await v(p.id),
        outcome: 'stands',
        body: 'Quy định vẫn phù hợp vì …',
      }),
    );
    await ok(await act('handlerA', p.id, { intent: 'submit', version: await v(p.id) }));
    await ok(await act('approverA', p.id, { intent: 'approve', version: await v(p.id) }));
    const after = await row(p.id);
    expect(after.status).toBe('answered');
    expect(after.answeredAt).not.toBeNull();
    expect(after.closedAt).not.toBeNull();
    const answer = (await first(app.db().select().from(s.answers).where(eq(s.answers.paknId, p.id))))!;
    expect(answer).toMatchObject({ approvedByUserId: userId.approverA, outcome: 'stands' });
    const types = (await events(p.id)).map((e) => e.type);
    expect(types).toEqual([
      'received',
      'take',
      'note',
      'draft',
      'submit',
      'return',
      'edit_draft',
      'submit',
      'approve',
    ]);
    for (const t of ['take', 'draft', 'submit', 'return', 'edit_draft', 'approve'])
      expect((await audits(`pakn.${t}`, p.id)).length).toBeGreaterThan(0);
  });

  it('keep studying (leader) and resume', async () => {
    const p = await seed({}, { status: 'in_progress', unitId: unitA });
    expect(
      (await act('handlerA', p.id, { intent: 'keep_studying', version: await v(p.id), note: 'x' })).status,
    ).toBe(403);
    await ok(
      await act('approverA', p.id, {
        intent: 'keep_studying',
        version: await v(p.id),
        note: 'Chờ Bộ hướng dẫn',
      }),
    );
    expect((await row(p.id)).status).toBe('keep_studying');
    await ok(await act('handlerA', p.id, { intent: 'resume_study', version: await v(p.id) }));
    expect((await row(p.id)).status).toBe('in_progress');
  });

  it('request info stops the clock; the submitter answers on the follow-up page with a file; the due date moves exactly', async () => {
    const received = addCalendarDays(today, -10);
    const p = await seed(
      { receivedAt: new Date(`${received}T09:00:00+07:00`) },
      { status: 'in_progress', unitId: unitA },
    );
    await ok(
      await act('handlerA', p.id, {
        intent: 'request_info',
        version: await v(p.id),
        note: 'Xin gửi bản chụp giấy phép cũ',
      }),
    );
    expect((await row(p.id)).status).toBe('awaiting_info');
    const pause = (await first(app.db().select().from(s.paknPauses).where(eq(s.paknPauses.paknId, p.id))))!;
    expect(pause).toMatchObject({ fromDate: today, toDate: null });
    // pretend the request went out six days ago
    const from = addCalendarDays(today, -6);
    await app.db().update(s.paknPauses).set({ fromDate: from }).where(eq(s.paknPauses.id, pause.id));

    // the submitter opens their private link, sees the question and answers with a PDF
    const link = await app.fetch(`/theo-doi/truy-cap/${p.accessToken}`);
    const followCookie = Object.entries(cookiesFrom(link))
      .map(([k, val]) => `${k}=${val}`)
      .join('; ');
    const page = await (await app.fetch(`/theo-doi/${p.code}`, { headers: { Cookie: followCookie } })).text();
    expect(page).toContain('Xin gửi bản chụp giấy phép cũ');
    const form = new FormData();
    form.append('intent', 'info_reply');
    form.append('reply', '');
    const empty = await app.fetch(`/theo-doi/${p.code}`, {
      method: 'POST',
      body: form,
      headers: { Cookie: followCookie },
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Nhập thông tin bổ sung');
    const good = new FormData();
    good.append('intent', 'info_reply');
    good.append('reply', 'Tôi gửi kèm bản chụp giấy phép.');
    good.append(
      'files',
      new Blob([new Uint8Array(fs.readFileSync('tests/fixtures/giay-to.pdf'))], { type: 'application/pdf' }),
      'giấy phép.pdf',
    );
    const res = await app.fetch(`/theo-doi/${p.code}`, {
      method: 'POST',
      body: good,
      headers: { Cookie: followCookie },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('Location')).toBe(`/theo-doi/${p.code}`);
    const flash = (res.headers.get('Set-Cookie') ?? '').split(';')[0]!;
    const done = await app.fetch(`/theo-doi/${p.code}`, { headers: { Cookie: `${followCookie}; ${flash}` } });
    expect(await done.text()).toContain('Chúng tôi đã nhận thông tin bổ sung của bạn');

    const after = await row(p.id);
    expect(after.status).toBe('in_progress');
    const closed = (await first(app.db().select().from(s.paknPauses).where(eq(s.paknPauses.id, pause.id))))!;
    expect(closed).toMatchObject({ fromDate: from, toDate: today });
    const rules = await getDeadlineRules(app.db());
    const expected = computeDueDate({
      start: received,
      ...rules.answer,
      calendar: await getCalendar(app.db()),
      pauses: [{ from, to: today }],
    }).due;
    const unpaused = computeDueDate({
      start: received,
      ...rules.answer,
      calendar: await getCalendar(app.db()),
    }).due;
    expect(after.answerDue).toBe(expected);
    expect(expected > unpaused).toBe(true);
    const files = await app.db().select().from(s.attachments).where(eq(s.attachments.paknId, p.id));
    expect(files).toMatchObject([{ source: 'info', originalName: 'giấy phép.pdf' }]);
    expect((await events(p.id)).map((e) => e.type).slice(-3)).toEqual([
      'request_info',
      'info_reply',
      'receive_info',
    ]);

    // a second reply is refused: nothing is waiting any more
    const again = await app.fetch(`/theo-doi/${p.code}`, {
      method: 'POST',
      body: good,
      headers: { Cookie: followCookie },
    });
    expect(again.status).toBe(409);
  });

  it('staff can record that the information arrived another way; close_no_info only after the wait', async () => {
    const p = await seed({}, { status: 'in_progress', unitId: unitA });
    await ok(
      await act('handlerA', p.id, {
        intent: 'request_info',
        version: await v(p.id),
        note: 'Cần số giấy phép',
      }),
    );
    await ok(await act('handlerA', p.id, { intent: 'receive_info', version: await v(p.id) }));
    expect((await row(p.id)).status).toBe('in_progress');

    await ok(
      await act('handlerA', p.id, { intent: 'request_info', version: await v(p.id), note: 'Cần thêm' }),
    );
    const early = await act('coord', p.id, { intent: 'close_no_info', version: await v(p.id) });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('còn thời hạn bổ sung');
    await app
      .db()
      .update(s.paknPauses)
      .set({ fromDate: addCalendarDays(today, -40) })
      .where(and(eq(s.paknPauses.paknId, p.id), eq(s.paknPauses.fromDate, today)));
    await ok(await act('coord', p.id, { intent: 'close_no_info', version: await v(p.id) }));
    expect(await row(p.id)).toMatchObject({ status: 'closed_no_info', refusalReason: 'R03' });
  });

  it('extends the deadline once, within the maximum (policy: no approval needed)', async () => {
    // with the default policy the extension is a request to the approver: tests/integration/extension-approval.test.ts
    const policy = { key: 'workflow.extensionNeedsApproval', value: 'false' };
    await app
      .db()
      .insert(s.settings)
      .values(policy)
      .onConflictDoUpdate({ target: s.settings.key, set: { value: policy.value } });
    const p = await seed({}, { status: 'in_progress', unitId: unitA });
    const calendar = await getCalendar(app.db());
    const max = maxExtensionDate(p.answerDue, calendar, (await getDeadlineRules(app.db())).extension.days);
    const tooFar = await act('handlerA', p.id, {
      intent: 'extend',
      version: await v(p.id),
      newDate: addCalendarDays(max, 1),
      note: 'Cần lấy ý kiến Bộ',
    });
    expect(tooFar.status).toBe(400);
    expect(await tooFar.text()).toContain('không vượt quá hạn gia hạn tối đa');
    await ok(
      await act('handlerA', p.id, {
        intent: 'extend',
        version: await v(p.id),
        newDate: max,
        note: 'Cần lấy ý kiến Bộ',
      }),
    );
    expect(await row(p.id)).toMatchObject({ extendedTo: max, answerDue: max });
    const ev = (await events(p.id)).find((e) => e.type === 'extend')!;
    expect(ev).toMatchObject({ note: 'Cần lấy ý kiến Bộ', isPublic: true });
    expect(await audits('pakn.extend', p.id)).toHaveLength(1);
    const second = await act('handlerA', p.id, {
      intent: 'extend',
      version: await v(p.id),
      newDate: addCalendarDays(max, 1),
      note: 'Lần nữa',
    });
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('đã được gia hạn một lần');
    await app.db().delete(s.settings).where(eq(s.settings.key, policy.key));
  });
});

describe('record page, contact and files', () => {
  it('shows the due date explanation, audits the contact view, masks it for viewers', async () => {
    const p = await seed({ phone: '0987654321' });
    const html = await (
      await app.fetch(`/can-bo/pakn/${p.id}`, { headers: { Cookie: cookie.coord! } })
    ).text();
    expect(html).toContain('0987654321');
    expect(html).toMatch(/Hạn \d\d\/\d\d\/\d{4}: tiếp nhận/);
    expect(await audits('pakn.contact.view', p.id)).toHaveLength(1);

    const viewer = await (
      await app.fetch(`/can-bo/pakn/${p.id}`, { headers: { Cookie: cookie.viewer! } })
    ).text();
    expect(viewer).not.toContain('0987654321');
    expect(viewer).not.toContain('binh@example.vn');
    expect(viewer).toContain('•••••••321');
    expect(await audits('pakn.contact.view', p.id)).toHaveLength(1);
    // the viewer sees no action forms
    expect(viewer).not.toContain('name="intent"');
  });

  it('downloads an attachment as an attachment, only for readers of the PAKN', async () => {
    const p = await seed({}, { status: 'assigned', unitId: unitA });
    const dir = `${app.dir}/uploads`;
    fs.mkdirSync(dir, { recursive: true });
    const storedName = 'a'.repeat(32);
    fs.copyFileSync('tests/fixtures/giay-to.pdf', `${dir}/${storedName}`);
    const size = fs.statSync(`${dir}/${storedName}`).size;
    const file = await one(
      app
        .db()
        .insert(s.attachments)
        .values({
          paknId: p.id,
          storedName,
          originalName: 'Đơn đề nghị.pdf',
          mime: 'application/pdf',
          size,
          sha256: 'x',
          source: 'submitter',
        })
        .returning(),
    );
    const res = await app.fetch(`/can-bo/pakn/${p.id}/tep/${file.id}`, {
      headers: { Cookie: cookie.handlerA! },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toBe(
      `attachment; filename="Don de nghi.pdf"; filename*=UTF-8''${encodeURIComponent('Đơn đề nghị.pdf')}`,
    );
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).length).toBe(size);
    expect(
      (await app.fetch(`/can-bo/pakn/${p.id}/tep/${file.id}`, { headers: { Cookie: cookie.handlerB! } }))
        .status,
    ).toBe(404);
    const other = await seed();
    expect(
      (await app.fetch(`/can-bo/pakn/${other.id}/tep/${file.id}`, { headers: { Cookie: cookie.coord! } }))
        .status,
    ).toBe(404);
    expect((await app.fetch(`/can-bo/pakn/${p.id}/tep/${file.id}`)).status).toBe(302);
  });
});

describe('staff intake of other channels', () => {
  const form = {
    channel: 'post',
    type: 'phan_anh',
    subject: 'regulation',
    category: '2',
    submitterKind: 'individual',
    fullName: 'Lê Thị Cúc',
    phone: '0905 111 222',
    address: '',
    email: '',
    title: 'Thủ tục đăng ký đề tài',
    content: 'Thư gửi qua bưu điện phản ánh thủ tục đăng ký đề tài cấp tỉnh.',
    field: 'unknown',
  };

  it('records a letter with its real receipt date; deadlines run from it; no e-mail without an address', async () => {
    const date = addCalendarDays(today, -3);
    const outboxBefore = (await app.db().select().from(s.outbox)).length;
    const res = await postForm(app, '/can-bo/tiep-nhan', cookie.coord!, { ...form, receivedDate: date });
    expect(res.status).toBe(302);
    const id = Number(/^\/can-bo\/pakn\/(\d+)$/.exec(res.headers.get('Location') ?? '')?.[1]);
    expect(cookiesFrom(res).pakn_flash).toBeTruthy();
    const p = await row(id);
    expect(p).toMatchObject({
      channel: 'post',
      receivedDate: date,
      phone: '0905111222',
      address: '',
      email: null,
      status: 'received',
    });
    expect(toLocalDate(p.receivedAt)).toBe(date);
    const rules = await getDeadlineRules(app.db());
    expect(p.answerDue).toBe(
      computeDueDate({ start: date, ...rules.answer, calendar: await getCalendar(app.db()) }).due,
    );
    expect((await app.db().select().from(s.outbox)).length).toBe(outboxBefore);
    expect(await audits('pakn.intake', id)).toHaveLength(1);
  });

  it('queues the receipt e-mail when an address is given', async () => {
    const res = await postForm(app, '/can-bo/tiep-nhan', cookie.coord!, {
      ...form,
      channel: 'email',
      phone: '',
      address: '3 Hùng Vương',
      email: 'Cuc@Example.vn',
      receivedDate: today,
    });
    expect(res.status).toBe(302);
    const id = Number(/\/can-bo\/pakn\/(\d+)/.exec(res.headers.get('Location') ?? '')?.[1]);
    const mails = await app.db().select().from(s.outbox).where(eq(s.outbox.paknId, id));
    expect(mails.map((m) => [m.template, m.toAddress])).toEqual([['receipt', 'cuc@example.vn']]);
  });

  it('refuses a receipt date before the earliest year (1900-01-01), in both languages, keeping the form', async () => {
    const count = async () => (await app.db().select().from(s.pakn)).length;
    const before = await count();
    const res = await postForm(app, '/can-bo/tiep-nhan', cookie.coord!, {
      ...form,
      receivedDate: '1900-01-01',
      fullName: 'Tên gõ trước',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Ngày tiếp nhận không thể trước ngày 01/01/2020');
    expect(html).toContain('value="1900-01-01"');
    expect(html).toContain('Tên gõ trước');
    const en = await postForm(app, '/can-bo/tiep-nhan', `${cookie.coord!}; lng=en`, {
      ...form,
      receivedDate: '2019-12-31',
    });
    expect(en.status).toBe(400);
    expect(await en.text()).toContain('The date of receipt cannot be before 01/01/2020');
    expect(await count()).toBe(before);
    expect((await app.db().select().from(s.codeSequences)).some((r) => r.year < 2020)).toBe(false);
  });

  it('refuses a future date, a missing contact and an online channel', async () => {
    const res = await postForm(app, '/can-bo/tiep-nhan', cookie.coord!, {
      ...form,
      phone: '',
      receivedDate: addCalendarDays(today, 1),
      channel: 'online',
      fullName: 'Tên đã gõ',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Ngày tiếp nhận không thể sau hôm nay');
    expect(html).toContain('Nhập số điện thoại hoặc địa chỉ bưu chính');
    expect(html).toContain('Chọn kênh tiếp nhận');
    expect(html).toContain('Tên đã gõ');
    expect(
      (await postForm(app, '/can-bo/tiep-nhan', cookie.handlerA!, { ...form, receivedDate: today })).status,
    ).toBe(403);
  });
});

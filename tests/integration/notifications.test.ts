// The workflow's e-mails end to end: notifyStep inside the caller's transaction → outbox → a real
// SMTP server; the units' daily digest, the coordinators' overdue alert and the submitter's progress
// update every 7 days while an answer is late.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { first, one, transaction } from '~/utils/db.server';

import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { TEST_TMP_DIR } from '../support/tmp';

// getEnv() caches its first read: configure everything before the app modules are imported.
const DATA_DIR = path.join(TEST_TMP_DIR, `notify-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
Object.assign(process.env, {
  NODE_ENV: 'test',
  DATA_DIR,
  DATABASE_URL: path.join(DATA_DIR, 'pakn.db'),
  BASE_URL: 'https://pakn.example.gov.vn',
  MAIL_WORKER: '0',
  LOG_LEVEL: 'silent',
});
const smtp: TestSmtpServer = await startSmtpServer();
process.env.SMTP_URL = smtp.url;

const { processOutbox } = await import('../../app/jobs/mail-worker.server');
const { openTestDb } = await import('../support/db');
const { createPakn, answerDueDate } = await import('../../app/models/pakn.server');
const { notifyStep } = await import('../../app/models/notifications.server');
const { sendDailyDigests } = await import('../../app/models/digests.server');
const { alertNewlyOverdue } = await import('../../app/models/overdue-alerts.server');
const { startNotificationScheduler } = await import('../../app/jobs/notification-scheduler.server');
const { formatDateVi, addCalendarDays } = await import('../../app/domain/calendar');
const { getT } = await import('../../app/utils/i18n.server');
const schema = await import('../../db/schema');
const { eq, and } = await import('drizzle-orm');

type Db = import('../../app/utils/db.server').Db;
let testDb: Awaited<ReturnType<typeof openTestDb>>;
type Step = import('../../app/models/notifications.server').Step;
type PaknRow = typeof schema.pakn.$inferSelect;

const toOf = (m: ParsedMail) =>
  (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).map((a) => a.text).join(',');
const htmlOf = (m: ParsedMail) => (typeof m.html === 'string' ? m.html : '');

/** Delivers the outbox of `db` and returns the messages that arrived. */
async function deliver(db: Db, expected: number): Promise<ParsedMail[]> {
  const before = smtp.messages.length;
  const { sent } = await processOutbox({ db });
  expect(sent).toBe(expected);
  if (expected === 0) return [];
  const all = await smtp.waitFor(before + expected);
  return all.slice(before);
}

let seq = 0;
async function newPakn(
  db: Db,
  over: { lang?: 'vi' | 'en'; email?: string | null; receivedAt?: Date; title?: string } = {},
): Promise<PaknRow> {
  seq++;
  return await transaction(
    db,
    async (tx) =>
      (
        await createPakn(tx, {
          type: 'kien_nghi',
          subject: 'regulation',
          category: 2,
          submitterKind: 'individual',
          orgName: null,
          representative: null,
          fullName: 'Nguyễn Văn An',
          address: '12 Lê Lợi, Tuy Hòa',
          phone: '0905123456',
          email: over.email === undefined ? `citizen${seq}@example.vn` : over.email,
          title: over.title ?? `Thủ tục cấp phép số ${seq} còn rườm rà`,
          content: 'Đề nghị đơn giản hóa hồ sơ.',
          regulationRef: null,
          fieldId: null,
          channel: 'online',
          lang: over.lang ?? 'vi',
          receivedAt: over.receivedAt ?? new Date(),
          consent: true,
          showIdentity: false,
        })
      ).pakn,
  );
}

async function update(db: Db, id: number, set: Partial<typeof schema.pakn.$inferInsert>) {
  await db.update(schema.pakn).set(set).where(eq(schema.pakn.id, id));
}

async function addUnit(db: Db, code: string, email: string) {
  return await one(
    db
      .insert(schema.units)
      .values({ code, name: `Phòng thử nghiệm ${code}`, nameEn: `Test Division ${code}`, email })
      .returning(),
  );
}

/** An instant at the given local (Asia/Ho_Chi_Minh, UTC+7) date and hour. */
const at = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);

afterAll(async () => {
  await smtp.stop();
  await testDb.cleanup();
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------

describe('notifyStep: the submitter is told of each step in their language', () => {
  let db: Db;
  let unit: Awaited<ReturnType<typeof addUnit>>;
  let extAgencyId: number;

  beforeAll(async () => {
    testDb = await openTestDb();
    db = testDb.db;
    unit = await addUnit(db, 'TN1', 'phong.tn1@skhcn.example.vn');
    extAgencyId = (
      await one(
        db
          .insert(schema.externalAgencies)
          .values({
            name: 'Sở Xây dựng tỉnh Phú Yên',
            address: '45 Trần Hưng Đạo, Tuy Hòa',
            email: 'sxd@example.vn',
          })
          .returning(),
      )
    ).id;
  });

  type Want = { subject: RegExp; text: Array<string | RegExp> };
  type Case = {
    step: Step;
    note?: string;
    setup(p: PaknRow): unknown;
    expect(lang: 'vi' | 'en', p: PaknRow): Want | Promise<Want>;
  };

  const cases: Case[] = [
    {
      step: 'refused',
      note: 'Đơn đề nghị hủy quyết định xử phạt số 12/QĐ-XPHC.',
      setup: (p) => update(db, p.id, { status: 'refused', refusalReason: 'R04' }),
      expect: (lang) => ({
        subject: lang === 'vi' ? /không được tiếp nhận/ : /could not be accepted/,
        text: [
          getT(lang)('email.refusalReason.R04'),
          lang === 'vi' ? 'Luật Khiếu nại 2011' : 'Law on Complaints 2011',
          'quyết định xử phạt số 12/QĐ-XPHC',
        ],
      }),
    },
    {
      step: 'transferred',
      note: 'Nội dung thuộc lĩnh vực xây dựng.',
      setup: (p) => update(db, p.id, { status: 'transferred', transferAgencyId: extAgencyId }),
      expect: (lang) => ({
        subject: lang === 'vi' ? /chuyển cơ quan có thẩm quyền/ : /transferred to the competent agency/,
        text: ['Sở Xây dựng tỉnh Phú Yên', '45 Trần Hưng Đạo, Tuy Hòa', 'Nội dung thuộc lĩnh vực xây dựng.'],
      }),
    },
    {
      step: 'forwarded',
      note: 'Chuyển Thanh tra Sở xem xét thái độ của công chức tiếp nhận hồ sơ.',
      setup: (p) => update(db, p.id, { status: 'forwarded', subject: 'behaviour', category: 1 }),
      expect: (lang) => ({
        subject: lang === 'vi' ? /hành vi hành chính đã được chuyển xử lý/ : /conduct has been forwarded/,
        text: ['Chuyển Thanh tra Sở xem xét thái độ'],
      }),
    },
    {
      step: 'duplicate',
      setup: async (p) => {
        const original = await newPakn(db, { email: p.email!.toUpperCase() });
        await update(db, p.id, { status: 'duplicate', duplicateOfId: original.id });
        dupOriginal.set(p.id, original.code);
      },
      expect: (lang, p) => ({
        subject:
          lang === 'vi' ? /trùng với nội dung đang được xử lý/ : /duplicates one already being handled/,
        text: [dupOriginal.get(p.id)!],
      }),
    },
    {
      step: 'assigned',
      note: 'Đề nghị phòng trả lời trước hạn.',
      setup: (p) => update(db, p.id, { status: 'assigned', unitId: unit.id }),
      expect: async (lang, p) => ({
        subject: lang === 'vi' ? /đã được giao đơn vị xử lý/ : /accepted and assigned/,
        text: [
          lang === 'vi' ? 'Phòng thử nghiệm TN1' : 'Test Division TN1',
          formatDateVi((await answerDueDate(p, db)).due),
        ],
      }),
    },
    {
      step: 'reassigned',
      note: 'Thuộc chức năng của phòng TN1.',
      setup: (p) => update(db, p.id, { status: 'assigned', unitId: unit.id }),
      expect: (lang) => ({
        subject: lang === 'vi' ? /Thay đổi đơn vị xử lý/ : /Change of handling unit/,
        text: [lang === 'vi' ? 'Phòng thử nghiệm TN1' : 'Test Division TN1'],
      }),
    },
    {
      step: 'info_requested',
      note: 'Xin cung cấp số hiệu giấy phép và ngày cấp.',
      setup: (p) => update(db, p.id, { status: 'awaiting_info', unitId: unit.id }),
      expect: (lang) => ({
        subject: lang === 'vi' ? /bổ sung thông tin/ : /provide more information/,
        text: [
          'Xin cung cấp số hiệu giấy phép và ngày cấp.',
          'https://pakn.example.gov.vn/theo-doi',
          lang === 'vi' ? 'sau 15 ngày' : 'within 15 days',
          lang === 'vi' ? 'thư xác nhận tiếp nhận vẫn dùng được' : 'receipt e-mail still works',
        ],
      }),
    },
    {
      step: 'extended',
      note: 'Cần lấy ý kiến của Bộ Khoa học và Công nghệ.',
      setup: async (p) => {
        const due = (await answerDueDate(p, db)).due;
        await update(db, p.id, {
          status: 'in_progress',
          unitId: unit.id,
          extendedTo: addCalendarDays(due, 14),
        });
      },
      expect: async (lang, p) => {
        const fresh = (await first(db.select().from(schema.pakn).where(eq(schema.pakn.id, p.id))))!;
        return {
          subject: lang === 'vi' ? /xin lỗi và gia hạn/i : /Apology and extension/,
          text: [
            lang === 'vi' ? 'thành thật xin lỗi' : 'sincerely apologises',
            formatDateVi(fresh.extendedTo!),
            lang === 'vi'
              ? `gia hạn đến ${formatDateVi(fresh.extendedTo!)}`
              : `extended to ${formatDateVi(fresh.extendedTo!)}`,
            'Cần lấy ý kiến của Bộ Khoa học và Công nghệ.',
          ],
        };
      },
    },
    {
      step: 'answered',
      setup: async (p) => {
        await update(db, p.id, { status: 'answered', unitId: unit.id, answeredAt: new Date() });
        await db.insert(schema.answers).values({
          paknId: p.id,
          outcome: 'amend',
          body: 'Sở sẽ sửa đổi Quyết định 15.\nHồ sơ giảm còn 3 thành phần.',
        });
      },
      expect: (lang) => ({
        subject: lang === 'vi' ? /Trả lời phản ánh, kiến nghị/ : /Answer to your submission/,
        text: ['Sở sẽ sửa đổi Quyết định 15.\nHồ sơ giảm còn 3 thành phần.', getT(lang)('outcome.amend')],
      }),
    },
    {
      step: 'closed_no_info',
      setup: (p) => update(db, p.id, { status: 'closed_no_info', unitId: unit.id }),
      expect: (lang) => ({
        subject: lang === 'vi' ? /Đóng phản ánh, kiến nghị/ : /Submission closed/,
        text: [lang === 'vi' ? 'gửi phản ánh, kiến nghị mới' : 'send a new submission'],
      }),
    },
  ];
  const dupOriginal = new Map<number, string>();

  for (const c of cases) {
    for (const lang of ['vi', 'en'] as const) {
      it(`${c.step} (${lang})`, async () => {
        const p = await newPakn(db, { lang });
        await c.setup(p);
        await transaction(db, async (tx) =>
          notifyStep(tx, { paknId: p.id, step: c.step, note: c.note ?? null }),
        );
        const unitMail = c.step === 'assigned' || c.step === 'reassigned';
        const got = await deliver(db, unitMail ? 2 : 1);
        const mine = got.find((m) => toOf(m) === p.email)!;
        expect(mine, 'submitter mail').toBeTruthy();
        const want = await c.expect(lang, p);
        expect(mine.subject).toContain(p.code);
        expect(mine.subject).toMatch(want.subject);
        const text = mine.text ?? '';
        for (const s of want.text) expect(text).toContain(s);
        expect(text).toContain(lang === 'vi' ? 'Kính gửi Ông/Bà Nguyễn Văn An' : 'Dear Nguyễn Văn An');
        expect(htmlOf(mine)).toContain(`lang="${lang}"`);
        // its links open the pages in the mail's language, wherever it is read (walk-through of 06/12/2026)
        const links = [...text.matchAll(/https:\/\/pakn\.example\.gov\.vn\/(?!can-bo)[^\s)]*/g)].map((m) =>
          m[0].replace(/[.,;]+$/, ''),
        );
        expect(links.length).toBeGreaterThan(0);
        for (const link of links)
          if (lang === 'en') expect(link).toMatch(/[?&]lng=en$/);
          else expect(link).not.toContain('lng=');
        // the assigner's note is internal: the unit sees it, the submitter does not
        if (c.note) {
          if (unitMail) expect(text).not.toContain(c.note);
          else expect(text).toContain(c.note);
        }
        const rows = await db.select().from(schema.outbox).where(eq(schema.outbox.paknId, p.id));
        expect(rows.map((r) => r.template).sort()).toEqual(
          unitMail ? [`status-${c.step}`, 'unit-assigned'].sort() : [`status-${c.step}`],
        );

        if (unitMail) {
          const u = got.find((m) => toOf(m) === 'phong.tn1@skhcn.example.vn')!;
          expect(u.subject).toBe(`[${p.code}] Giao Phòng thử nghiệm TN1 xử lý phản ánh, kiến nghị`);
          expect(u.text).toContain(p.title);
          expect(u.text).toContain(c.note!);
          expect(u.text).toContain(`https://pakn.example.gov.vn/can-bo/pakn/${p.id}`);
          expect(u.text).toContain(c.step === 'reassigned' ? 'đã được chuyển giao' : 'đã được giao cho');
          // no personal data of the submitter in the unit's mailbox
          expect(u.text).not.toContain(p.email!);
          expect(u.text).not.toContain('0905123456');
        }
      });
    }
  }

  it('duplicate of another citizen’s PAKN does not reveal its code', async () => {
    const other = await newPakn(db, { email: 'someone.else@example.vn' });
    const p = await newPakn(db);
    await update(db, p.id, { status: 'duplicate', duplicateOfId: other.id });
    await transaction(db, async (tx) => notifyStep(tx, { paknId: p.id, step: 'duplicate', note: null }));
    const [m] = await deliver(db, 1);
    expect(m!.text).not.toContain(other.code);
  });

  it('escapes hostile notes and answers in the HTML part', async () => {
    const hostile = '<script>alert("x")</script> <img src=x onerror=alert(1)> & "quotes"';
    const p = await newPakn(db, { title: '<b>Tiêu đề</b> & <i>độc</i>' });
    await update(db, p.id, { status: 'refused', refusalReason: 'R03' });
    await transaction(db, async (tx) => notifyStep(tx, { paknId: p.id, step: 'refused', note: hostile }));
    const q = await newPakn(db);
    await update(db, q.id, { status: 'answered', unitId: unit.id });
    await db.insert(schema.answers).values({ paknId: q.id, outcome: 'stands', body: `Dòng một\n${hostile}` });
    await transaction(db, async (tx) => notifyStep(tx, { paknId: q.id, step: 'answered' }));
    const got = await deliver(db, 2);
    for (const m of got) {
      const html = htmlOf(m);
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<b>Tiêu đề</b>');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(m.text).toContain(hostile);
    }
    const answered = got.find((m) => toOf(m) === q.email)!;
    expect(htmlOf(answered)).toMatch(/Dòng một<br\/?>\s*&lt;script&gt;/);
  });

  it('renders the Markdown of the answer in the HTML part and as clean text in the text part', async () => {
    const q = await newPakn(db);
    await update(db, q.id, { status: 'answered', unitId: unit.id });
    await db.insert(schema.answers).values({
      paknId: q.id,
      outcome: 'amend',
      body: 'Sở đã xem xét **kỹ lưỡng** và *ghi nhận*.\n\n- Hồ sơ giảm còn 4 loại;\n- Nộp tại [Cổng](https://dichvucong.gov.vn).',
    });
    await transaction(db, async (tx) => notifyStep(tx, { paknId: q.id, step: 'answered' }));
    const [m] = await deliver(db, 1);
    const html = htmlOf(m!);
    expect(html).toContain('<strong>kỹ lưỡng</strong>');
    expect(html).toContain('<em>ghi nhận</em>');
    expect(html).toMatch(/<ul[^>]*>\s*<li[^>]*>Hồ sơ giảm còn 4 loại;<\/li>/);
    expect(html).not.toContain('**');
    const text = m!.text ?? '';
    expect(text).toContain('Sở đã xem xét kỹ lưỡng và ghi nhận.');
    expect(text).toContain('- Hồ sơ giảm còn 4 loại;\n- Nộp tại Cổng (https://dichvucong.gov.vn).');
    expect(text).not.toContain('**');
    expect(text).not.toContain('*ghi');
  });

  it('sends nothing to a submitter without e-mail, but still tells the unit', async () => {
    const p = await newPakn(db, { email: null });
    await update(db, p.id, { status: 'refused', refusalReason: 'R02' });
    await transaction(db, async (tx) => notifyStep(tx, { paknId: p.id, step: 'refused' }));
    await deliver(db, 0);
    await update(db, p.id, { status: 'assigned', unitId: unit.id, refusalReason: null });
    await transaction(db, async (tx) => notifyStep(tx, { paknId: p.id, step: 'assigned' }));
    const [m] = await deliver(db, 1);
    expect(toOf(m!)).toBe('phong.tn1@skhcn.example.vn');
  });

  it('queues nothing when the caller’s transaction rolls back', async () => {
    const p = await newPakn(db);
    await expect(
      (async () =>
        await transaction(db, async (tx) => {
          await tx
            .update(schema.pakn)
            .set({ status: 'refused', refusalReason: 'R03' })
            .where(eq(schema.pakn.id, p.id));
          await notifyStep(tx, { paknId: p.id, step: 'refused' });
          throw new Error('stale version');
        }))(),
    ).rejects.toThrow('stale version');
    expect(await db.select().from(schema.outbox).where(eq(schema.outbox.paknId, p.id))).toHaveLength(0);
    await deliver(db, 0);
  });
});

// ---------------------------------------------------------------------------------------------

describe('daily digest to the units', () => {
  let t: Awaited<ReturnType<typeof openTestDb>>;
  let db: Db;
  beforeAll(async () => {
    t = await openTestDb();
    db = t.db;
  });
  afterAll(() => t.cleanup());

  it('one e-mail per unit with its overdue and due-soon items, not twice a day, none for an idle unit', async () => {
    const a = await addUnit(db, 'DA', 'unit.a@example.vn');
    const b = await addUnit(db, 'DB', 'unit.b@example.vn');
    await addUnit(db, 'DC', 'unit.c@example.vn');
    // received 02/03/2026: 20 days → 22/03 is a Sunday → due Monday 23/03/2026
    const soon = await newPakn(db, { receivedAt: at('2026-03-02') });
    await update(db, soon.id, { status: 'in_progress', unitId: a.id });
    // received 25/02: due 17/03 (Tuesday): overdue on 20/03
    const late = await newPakn(db, { receivedAt: at('2026-02-25') });
    await update(db, late.id, { status: 'drafted', unitId: a.id });
    // received 10/03: due 30/03, more than 2 working days away on 20/03
    const calm = await newPakn(db, { receivedAt: at('2026-03-10') });
    await update(db, calm.id, { status: 'assigned', unitId: a.id });
    // paused awaiting the submitter: not due
    const paused = await newPakn(db, { receivedAt: at('2026-02-25') });
    await update(db, paused.id, { status: 'awaiting_info', unitId: b.id });
    await db.insert(schema.paknPauses).values({ paknId: paused.id, fromDate: '2026-03-05', toDate: null });
    // closed: not listed
    const closed = await newPakn(db, { receivedAt: at('2026-02-25') });
    await update(db, closed.id, { status: 'answered', unitId: b.id });
    const lateB = await newPakn(db, { receivedAt: at('2026-02-26') });
    await update(db, lateB.id, { status: 'assigned', unitId: b.id });
    // not yet classified: the coordinator's, not in a unit digest
    await newPakn(db, { receivedAt: at('2026-02-25') });

    expect((await answerDueDate(soon, db)).due).toBe('2026-03-23');
    expect((await answerDueDate(late, db)).due).toBe('2026-03-17');

    // before 07:00 and on a Saturday: nothing
    expect(await sendDailyDigests({ db, now: at('2026-03-20', 6) })).toEqual({ units: 0 });
    expect(await sendDailyDigests({ db, now: at('2026-03-21', 9) })).toEqual({ units: 0 });

    expect(await sendDailyDigests({ db, now: at('2026-03-20', 8) })).toEqual({ units: 2 });
    const got = await deliver(db, 2);
    expect(got.map(toOf).sort()).toEqual(['unit.a@example.vn', 'unit.b@example.vn']);
    const ma = got.find((m) => toOf(m) === 'unit.a@example.vn')!;
    expect(ma.subject).toBe('[PAKN] Phòng thử nghiệm DA: 1 quá hạn, 1 sắp đến hạn – 20/03/2026');
    expect(ma.text).toContain(soon.code);
    expect(ma.text).toContain(late.code);
    expect(ma.text).not.toContain(calm.code);
    expect(ma.text).toContain('quá hạn 3 ngày làm việc'); // 18, 19, 20/03
    expect(ma.text!.indexOf(late.code)).toBeLessThan(ma.text!.indexOf(soon.code)); // overdue first
    expect(ma.text).toContain(`https://pakn.example.gov.vn/can-bo/pakn/${late.id}`);
    const mb = got.find((m) => toOf(m) === 'unit.b@example.vn')!;
    expect(mb.text).toContain(lateB.code);
    expect(mb.text).not.toContain(paused.code);
    expect(mb.text).not.toContain(closed.code);

    // later the same day: not again
    expect(await sendDailyDigests({ db, now: at('2026-03-20', 16) })).toEqual({ units: 0 });
    await deliver(db, 0);
    // the next working day (Monday 23/03): again
    expect(await sendDailyDigests({ db, now: at('2026-03-23', 8) })).toEqual({ units: 2 });
    await deliver(db, 2);
  });
});

// ---------------------------------------------------------------------------------------------

describe('overdue alert to the coordinators and progress updates to the submitter', () => {
  let t: Awaited<ReturnType<typeof openTestDb>>;
  let db: Db;
  beforeAll(async () => {
    t = await openTestDb();
    db = t.db;
  });
  afterAll(() => t.cleanup());

  const addUser = async (email: string, role: 'coordinator' | 'handler', active = true) =>
    await db.insert(schema.users).values({ email, name: email, passwordHash: 'x', role, active });
  const eventsOf = async (id: number, type: string) =>
    await db
      .select()
      .from(schema.events)
      .where(and(eq(schema.events.paknId, id), eq(schema.events.type, type)));

  it('alerts each item once, and updates the submitter every 7 days while late', async () => {
    await addUser('dieu.phoi1@example.vn', 'coordinator');
    await addUser('dieu.phoi2@example.vn', 'coordinator');
    await addUser('nghi.viec@example.vn', 'coordinator', false);
    await addUser('chuyen.vien@example.vn', 'handler');
    const unit = await addUnit(db, 'OV', 'unit.ov@example.vn');

    const x = await newPakn(db, { lang: 'en', receivedAt: at('2026-03-02') }); // due 23/03
    await update(db, x.id, { status: 'in_progress', unitId: unit.id });
    const y = await newPakn(db, { email: null, receivedAt: at('2026-03-02') }); // never classified
    const z = await newPakn(db, { receivedAt: at('2026-03-02') });
    await update(db, z.id, { status: 'awaiting_info', unitId: unit.id });
    await db.insert(schema.paknPauses).values({ paknId: z.id, fromDate: '2026-03-10', toDate: null });

    // the unclassified one is late for classification (2 working days, due 04/03) from 05/03
    expect(await alertNewlyOverdue({ db, now: at('2026-03-04', 18) })).toEqual({ alerted: 0, progress: 0 });
    expect(await alertNewlyOverdue({ db, now: at('2026-03-05') })).toEqual({ alerted: 1, progress: 0 });
    const early = await deliver(db, 2);
    expect(early.map(toOf).sort()).toEqual(['dieu.phoi1@example.vn', 'dieu.phoi2@example.vn']);
    for (const m of early) {
      expect(m.subject).toBe('[PAKN] 1 phản ánh, kiến nghị vừa quá hạn');
      expect(m.text).toContain(y.code);
      expect(m.text).toContain('Bước quá hạn: Phân loại (quá hạn 1 ngày làm việc)');
      expect(m.text).toContain('Đơn vị: Chưa giao đơn vị');
      expect(m.text).not.toContain(x.code);
    }
    expect(await alertNewlyOverdue({ db, now: at('2026-03-23', 18) })).toEqual({ alerted: 0, progress: 0 });

    expect(await alertNewlyOverdue({ db, now: at('2026-03-24') })).toEqual({ alerted: 1, progress: 1 });
    const got = await deliver(db, 3);
    const coord = got.filter((m) => toOf(m).startsWith('dieu.phoi'));
    expect(coord.map(toOf).sort()).toEqual(['dieu.phoi1@example.vn', 'dieu.phoi2@example.vn']);
    for (const m of coord) {
      expect(m.subject).toBe('[PAKN] 1 phản ánh, kiến nghị vừa quá hạn');
      expect(m.text).toContain(x.code);
      expect(m.text).toContain('Bước quá hạn: Trả lời');
      expect(m.text).not.toContain(y.code);
      expect(m.text).not.toContain(z.code);
      expect(m.text).toContain('Đơn vị: Phòng thử nghiệm OV');
    }
    const upd = got.find((m) => toOf(m) === x.email)!;
    expect(upd.subject).toBe(`[${x.code}] Progress update on your submission`);
    expect(upd.text).toContain('past its due date (23/03/2026)');
    expect(upd.text).toContain('sincerely apologises');
    expect(upd.text).toContain('Current status: Being handled');
    expect(upd.text).toContain('Test Division OV');
    expect(upd.text).toContain('every 7 days');
    expect(upd.text).toContain('https://pakn.example.gov.vn/theo-doi?lng=en');

    expect(await eventsOf(x.id, 'overdue_alerted')).toHaveLength(1);
    expect((await eventsOf(x.id, 'overdue_alerted'))[0]!.isPublic).toBe(false);
    expect(await eventsOf(x.id, 'progress_update')).toHaveLength(1);
    expect((await eventsOf(x.id, 'progress_update'))[0]!.isPublic).toBe(true);

    // the next runs: nothing new
    expect(await alertNewlyOverdue({ db, now: at('2026-03-24', 10) })).toEqual({ alerted: 0, progress: 0 });
    expect(await alertNewlyOverdue({ db, now: at('2026-03-30', 23) })).toEqual({ alerted: 0, progress: 0 });
    await deliver(db, 0);
    // 7 days after the first update: the second
    expect(await alertNewlyOverdue({ db, now: at('2026-03-31', 8) })).toEqual({ alerted: 0, progress: 1 });
    const [second] = await deliver(db, 1);
    expect(toOf(second!)).toBe(x.email);
    expect(await alertNewlyOverdue({ db, now: at('2026-04-06') })).toEqual({ alerted: 0, progress: 0 });
    expect(await alertNewlyOverdue({ db, now: at('2026-04-07') })).toEqual({ alerted: 0, progress: 1 });
    await deliver(db, 1);
    expect(await eventsOf(x.id, 'progress_update')).toHaveLength(3);

    // answered: no more updates
    await update(db, x.id, { status: 'answered' });
    expect(await alertNewlyOverdue({ db, now: at('2026-04-20') })).toEqual({ alerted: 0, progress: 0 });
    await deliver(db, 0);
    expect(await eventsOf(y.id, 'overdue_alerted')).toHaveLength(1);
    expect(await eventsOf(z.id, 'overdue_alerted')).toHaveLength(0);
  });

  it('an extended item that passes its new date is alerted again', async () => {
    const w = await newPakn(db, { receivedAt: at('2026-03-02') });
    await update(db, w.id, { status: 'in_progress', extendedTo: '2026-04-30' });
    expect(await alertNewlyOverdue({ db, now: at('2026-04-29') })).toEqual({ alerted: 0, progress: 0 });
    // it was never alerted for 23/03 since the extension came first; now it passes 30/04
    expect(await alertNewlyOverdue({ db, now: at('2026-05-04') })).toEqual({ alerted: 1, progress: 1 });
    await deliver(db, 3);
    await update(db, w.id, { extendedTo: '2026-05-15' });
    expect(await alertNewlyOverdue({ db, now: at('2026-05-14') })).toEqual({ alerted: 0, progress: 0 });
    const r = await alertNewlyOverdue({ db, now: at('2026-05-18') });
    expect(r.alerted).toBe(1);
    await deliver(db, 2 + r.progress);
    expect((await eventsOf(w.id, 'overdue_alerted')).map((e) => JSON.parse(e.data!).due)).toEqual([
      '2026-04-30',
      '2026-05-15',
    ]);
  });
});

describe('scheduler', () => {
  it('is disabled when MAIL_WORKER=0 and stops cleanly', () => {
    const s = startNotificationScheduler({ intervalMs: 10 });
    expect(() => s.stop()).not.toThrow();
  });
});

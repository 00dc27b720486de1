// Internal mail of the workflow, through the outbox to a real SMTP server: the handler hears when the
// submitter supplies the information asked for and when the approver returns the draft; the approvers
// of the unit (else the agency leaders) hear when a draft is submitted for approval.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { first, transaction } from '~/utils/db.server';

import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { TEST_TMP_DIR } from '../support/tmp';

// getEnv() caches its first read: configure everything before the app modules are imported.
const DATA_DIR = path.join(TEST_TMP_DIR, `staffmail-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
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
const { createPakn } = await import('../../app/models/pakn.server');
const { performAction } = await import('../../app/models/workflow/perform.server');
const { submitInfoReply } = await import('../../app/models/workflow/info-reply.server');
const { renderStaffUpdateEmail } = await import('../../emails/staff-update');
const { createStaffUser } = await import('../support/staff');
const schema = await import('../../db/schema');
const { eq } = await import('drizzle-orm');

type Db = import('../../app/utils/db.server').Db;
let testDb: Awaited<ReturnType<typeof openTestDb>>;
type Actor = import('../../app/domain/permissions').Actor;

const toOf = (m: ParsedMail) =>
  (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).map((a) => a.text).join(',');

/** Delivers the outbox and returns what arrived. */
async function deliver(): Promise<ParsedMail[]> {
  const before = smtp.messages.length;
  const { sent } = await processOutbox({ db });
  if (sent === 0) return [];
  return (await smtp.waitFor(before + sent)).slice(before);
}

let db: Db;
const unitId = async (code: string) =>
  (await first(db.select().from(schema.units).where(eq(schema.units.code, code))))!.id;
const version = async (id: number) =>
  (await first(db.select().from(schema.pakn).where(eq(schema.pakn.id, id))))!.version;
let coordinator: Actor;
let handler: Actor & { email: string };
let unitApprover: Actor & { email: string };
let leader: Actor & { email: string };

async function staff(
  role: 'coordinator' | 'handler' | 'approver',
  unitCode: string | undefined,
  email: string,
) {
  const u = await createStaffUser(db, { role, unitCode, email, name: `Cán bộ ${email.split('@')[0]}` });
  return { id: u.id, role, unitId: unitCode ? await unitId(unitCode) : null, email: u.email };
}

async function newPakn(title: string) {
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
          email: 'nguoi.gui@example.vn',
          title,
          content: 'Đề nghị đơn giản hóa hồ sơ.',
          regulationRef: null,
          fieldId: null,
          channel: 'online',
          lang: 'vi',
          receivedAt: new Date(),
          consent: true,
          showIdentity: false,
        })
      ).pakn,
  );
}

/** A PAKN assigned to the unit, taken by the handler, with a draft answer. */
async function drafted(unitCode: string, by: Actor, title: string) {
  const p = await newPakn(title);
  await performAction({
    actor: coordinator,
    paknId: p.id,
    input: { intent: 'assign', version: await version(p.id), unitId: await unitId(unitCode) },
  });
  await performAction({ actor: by, paknId: p.id, input: { intent: 'take', version: await version(p.id) } });
  await performAction({
    actor: by,
    paknId: p.id,
    input: { intent: 'draft', version: await version(p.id), body: 'Sở đã rút gọn hồ sơ.', outcome: 'amend' },
  });
  await deliver(); // the assignment mails
  return p;
}

beforeAll(async () => {
  testDb = await openTestDb();
  db = testDb.db;
  coordinator = await staff('coordinator', undefined, 'dieu.phoi@skhcn.example.vn');
  handler = await staff('handler', 'QLKHCN', 'chuyen.vien@skhcn.example.vn');
  unitApprover = await staff('approver', 'QLKHCN', 'truong.phong@skhcn.example.vn');
  leader = await staff('approver', undefined, 'giam.doc@skhcn.example.vn');
});
afterAll(async () => {
  await smtp.stop();
  await testDb.cleanup();
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
});

describe('internal mail of the workflow', () => {
  it('tells the handler when the submitter supplies the information asked for', async () => {
    const p = await newPakn('Thủ tục cần bổ sung thông tin');
    await performAction({
      actor: coordinator,
      paknId: p.id,
      input: { intent: 'assign', version: await version(p.id), unitId: await unitId('QLKHCN') },
    });
    await performAction({
      actor: handler,
      paknId: p.id,
      input: { intent: 'take', version: await version(p.id) },
    });
    await performAction({
      actor: handler,
      paknId: p.id,
      input: { intent: 'request_info', version: await version(p.id), note: 'Xin số giấy phép.' },
    });
    await deliver();
    await submitInfoReply({
      paknId: p.id,
      text: 'Số giấy phép 12/GP-SKHCN, cấp ngày 02/01/2026.',
      files: [],
    });
    const mails = await deliver();
    expect(mails.map(toOf)).toEqual([handler.email]);
    const [m] = mails;
    expect(m!.subject).toBe(`[${p.code}] Người gửi đã bổ sung thông tin`);
    expect(m!.text).toContain('Thủ tục cần bổ sung thông tin');
    expect(m!.text).toContain(`https://pakn.example.gov.vn/can-bo/pakn/${p.id}`);
    // what the submitter wrote stays on the record, not in the mail
    expect(m!.text).not.toContain('12/GP-SKHCN');
  });

  it("tells the unit's approvers, not the agency leaders, when a draft is submitted", async () => {
    const p = await drafted('QLKHCN', handler, 'Dự thảo chờ duyệt');
    await performAction({
      actor: handler,
      paknId: p.id,
      input: { intent: 'submit', version: await version(p.id) },
    });
    const mails = await deliver();
    expect(mails.map(toOf)).toEqual([unitApprover.email]);
    expect(mails[0]!.subject).toBe(`[${p.code}] Dự thảo trả lời chờ phê duyệt`);
    expect(mails[0]!.text).toContain('Dự thảo chờ duyệt');
  });

  it('tells the agency leaders when the unit has no approver', async () => {
    const tdcHandler = await staff('handler', 'TDC', 'chuyen.vien.tdc@skhcn.example.vn');
    const p = await drafted('TDC', tdcHandler, 'Dự thảo của phòng không có trưởng phòng');
    await performAction({
      actor: tdcHandler,
      paknId: p.id,
      input: { intent: 'submit', version: await version(p.id) },
    });
    const mails = await deliver();
    expect(mails.map(toOf)).toEqual([leader.email]);
  });

  it('tells the handler when the approver returns the draft, with the reason', async () => {
    const p = await drafted('QLKHCN', handler, 'Dự thảo bị trả lại');
    await performAction({
      actor: handler,
      paknId: p.id,
      input: { intent: 'submit', version: await version(p.id) },
    });
    await deliver();
    await performAction({
      actor: unitApprover,
      paknId: p.id,
      input: { intent: 'return', version: await version(p.id), note: 'Cần dẫn chiếu Nghị định 20/2008.' },
    });
    const mails = await deliver();
    expect(mails.map(toOf)).toEqual([handler.email]);
    expect(mails[0]!.subject).toBe(`[${p.code}] Dự thảo trả lời bị trả lại`);
    expect(mails[0]!.text).toContain('Cần dẫn chiếu Nghị định 20/2008.');
  });

  it("asks the unit's approvers to decide an extension request, then tells the requester", async () => {
    const p = await drafted('QLKHCN', handler, 'Gia hạn cần duyệt');
    const due = async () =>
      (await first(db.select().from(schema.pakn).where(eq(schema.pakn.id, p.id))))!.answerDue;
    const { maxExtensionDate } = await import('../../app/domain/deadlines');
    const { getCalendar, getDeadlineRules } = await import('../../app/models/config.server');
    const max = maxExtensionDate(
      await due(),
      await getCalendar(db),
      (await getDeadlineRules(db)).extension.days,
    );
    const ask = async (note: string) =>
      performAction({
        actor: handler,
        paknId: p.id,
        input: { intent: 'extend', version: await version(p.id), newDate: max, note },
      });
    await ask('Cần lấy ý kiến Bộ');
    const asked = await deliver();
    expect(asked.map(toOf)).toEqual([unitApprover.email]);
    expect(asked[0]!.subject).toBe(`[${p.code}] Đề nghị gia hạn chờ phê duyệt`);
    expect(asked[0]!.text).toContain('Cần lấy ý kiến Bộ');

    await performAction({
      actor: unitApprover,
      paknId: p.id,
      input: { intent: 'decline_extension', version: await version(p.id), note: 'Đủ thời gian trả lời' },
    });
    const declined = await deliver();
    expect(declined.map(toOf)).toEqual([handler.email]);
    expect(declined[0]!.subject).toBe(`[${p.code}] Đề nghị gia hạn không được chấp thuận`);
    expect(declined[0]!.text).toContain('Đủ thời gian trả lời');

    await ask('Lý do mới');
    await deliver();
    await performAction({
      actor: unitApprover,
      paknId: p.id,
      input: { intent: 'approve_extension', version: await version(p.id) },
    });
    // the submitter hears of the new deadline as before; the requester gets the staff mail
    const approved = (await deliver()).filter((m) => toOf(m) !== 'nguoi.gui@example.vn');
    expect(approved.map(toOf)).toEqual([handler.email]);
    expect(approved[0]!.subject).toBe(`[${p.code}] Đề nghị gia hạn đã được chấp thuận`);
  });

  it('has English templates too', () => {
    const agency = {
      name: 'Department of Science and Technology',
      address: 'x',
      hotline: '1',
      email: 'a@b.vn',
      officeHours: 'x',
    };
    const common = {
      locale: 'en' as const,
      code: 'KHCN-2026-000001',
      title: 'T',
      recordUrl: 'https://x/can-bo/pakn/1',
      agency,
    };
    expect(renderStaffUpdateEmail({ ...common, kind: 'infoSupplied' }).subject).toBe(
      '[KHCN-2026-000001] The submitter has supplied information',
    );
    expect(renderStaffUpdateEmail({ ...common, kind: 'draftSubmitted' }).subject).toBe(
      '[KHCN-2026-000001] Draft answer awaiting approval',
    );
    const returned = renderStaffUpdateEmail({ ...common, kind: 'draftReturned', note: 'Cite the decree.' });
    expect(returned.subject).toBe('[KHCN-2026-000001] Draft answer returned');
    expect(returned.text).toContain('Cite the decree.');
  });
});

// The warning that next year's official holiday schedule is missing: shown from 1 October, mailed to the
// administrators through the outbox by the notification jobs once a week (not daily) until recorded.
import crypto from 'node:crypto';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TEST_TMP_DIR } from '../support/tmp';

const DATA_DIR = path.join(TEST_TMP_DIR, `calsched-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
Object.assign(process.env, {
  NODE_ENV: 'test',
  DATA_DIR,
  BASE_URL: 'https://pakn.example.gov.vn',
  MAIL_WORKER: '0',
  LOG_LEVEL: 'silent',
});

const { openTestDb } = await import('../support/db');
const { createStaffUser } = await import('../support/staff');
const { runNotificationJobs } = await import('../../app/jobs/notification-scheduler.server');
const { getScheduleWarning, recordOfficialYear, listOfficialYears } =
  await import('~/models/admin/calendar-schedule.server');
const schema = await import('../../db/schema');
const { eq } = await import('drizzle-orm');

type Db = import('../../app/utils/db.server').Db;
let db: Db;
let cleanup: () => Promise<void>;
let adminEmails: string[];

// 09:00 in Hà Nội on the given local day
const at = (day: string) => new Date(`${day}T02:00:00Z`);
const warnings = async () =>
  await db.select().from(schema.outbox).where(eq(schema.outbox.template, 'calendar_schedule'));

beforeAll(async () => {
  ({ db, cleanup } = await openTestDb());
  const a1 = await createStaffUser(db, { role: 'admin' });
  const a2 = await createStaffUser(db, { role: 'admin' });
  await createStaffUser(db, { role: 'coordinator' });
  adminEmails = [a1.email, a2.email].sort();
});
afterAll(() => cleanup());

describe('missing official schedule', () => {
  it('ships 2024–2026 as entered', async () => {
    expect((await listOfficialYears(db)).map((y) => y.year)).toEqual([2024, 2025, 2026]);
  });

  it('warns only from 1 October, listing the days the rules give', async () => {
    expect(await getScheduleWarning({ now: at('2026-09-30'), db })).toBeNull();
    const w = await getScheduleWarning({ now: at('2026-10-01'), db });
    expect(w?.year).toBe(2027);
    expect(w?.days).toContainEqual({
      date: '2027-05-03',
      display: '03/05/2027',
      name: 'Nghỉ bù Quốc tế Lao động (01/05/2027 trùng Thứ Bảy)',
      nameEn: 'Day off in lieu of International Labour Day (01/05/2027 is a Saturday)',
    });
  });

  it('mails every administrator once a week through the outbox until the year is recorded', async () => {
    await runNotificationJobs({ now: at('2026-09-30'), db });
    expect(await warnings()).toHaveLength(0);

    await runNotificationJobs({ now: at('2026-10-01'), db });
    const first = await warnings();
    expect(first.map((m) => m.toAddress).sort()).toEqual(adminEmails);
    expect(first[0]!.subject).toBe('[PAKN] Chưa nhập lịch nghỉ lễ, Tết chính thức năm 2027');
    expect(first[0]!.text).toContain('03/05/2027 – Nghỉ bù Quốc tế Lao động');
    expect(first[0]!.text).toContain('https://pakn.example.gov.vn/can-bo/quan-tri/lich?nam=2027');

    // the scheduler runs every 15 minutes: nothing more the same day nor the next six days
    await runNotificationJobs({ now: new Date(at('2026-10-01').getTime() + 15 * 60_000), db });
    await runNotificationJobs({ now: at('2026-10-07'), db });
    expect(await warnings()).toHaveLength(2);
    await runNotificationJobs({ now: at('2026-10-08'), db });
    expect(await warnings()).toHaveLength(4);

    expect(
      await recordOfficialYear({ year: 2027, reference: 'Thông báo số 1/TB-BNV' }, { userId: 1 }, db),
    ).toEqual({ ok: true, value: null });
    expect(await getScheduleWarning({ now: at('2026-10-20'), db })).toBeNull();
    await runNotificationJobs({ now: at('2026-10-20'), db });
    expect(await warnings()).toHaveLength(4);
  });
});

// Whether each year's official holiday schedule has been entered, and the reminder to administrators from
// 1 October while next year's is missing (dashboard, admin calendar page, and a weekly e-mail).
import { and, eq } from 'drizzle-orm';

import type { OfficialYearValues } from '~/domain/admin/calendar';
import type { Actor, Outcome } from '~/domain/admin/outcome';
import { addCalendarDays, formatDateVi, type LocalDate, toLocalDate } from '~/domain/calendar';
import type { OfficialYear } from '~/domain/settings';
import { missingScheduleWarning, type RuleDayOff } from '~/domain/statutory-days';
import { audit } from '~/models/audit.server';
import { getAgency } from '~/models/config.server';
import { holdJobLock } from '~/models/job-lock.server';
import { enqueueMail } from '~/models/outbox.server';
import { type DbOrTx, getDb, transaction } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import * as s from '~db/schema';
import { renderCalendarScheduleEmail } from '~emails';

import { getSetting, setSetting } from './settings.server';

/** The reminder is repeated every this many days until the schedule is entered (not daily). */
export const SCHEDULE_WARNING_EVERY_DAYS = 7;

export type { OfficialYear };

export async function listOfficialYears(db: DbOrTx = getDb()): Promise<OfficialYear[]> {
  return [...(await getSetting('calendar.officialYears', db))].sort((a, b) => a.year - b.year);
}

/** Records that `year`'s official schedule has been entered (with the notice it comes from). */
export async function recordOfficialYear(
  { year, reference }: OfficialYearValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Promise<Outcome> {
  await transaction(db, async (tx) => {
    const years = (await listOfficialYears(tx)).filter((y) => y.year !== year);
    await setSetting('calendar.officialYears', [...years, { year, reference }], tx);
    await audit(
      {
        actorUserId: actor.userId,
        action: 'calendar.official_year',
        ip: actor.ip,
        detail: { year, reference },
      },
      tx,
    );
  });
  return { ok: true, value: null };
}

export type ScheduleWarning = { year: number; days: Array<RuleDayOff & { display: string }> };

/** The warning to show administrators today, or null. */
export async function getScheduleWarning({
  now = new Date(),
  db = getDb(),
}: { now?: Date; db?: DbOrTx } = {}) {
  const w = missingScheduleWarning(
    toLocalDate(now),
    (await listOfficialYears(db)).map((y) => y.year),
  );
  if (!w) return null;
  return {
    year: w.year,
    days: w.days.map((d) => ({ ...d, display: formatDateVi(d.date) })),
  } satisfies ScheduleWarning;
}

/**
 * Mails every active administrator the warning, on the first scheduler run from 1 October and then every
 * SCHEDULE_WARNING_EVERY_DAYS days until the year is recorded (setting 'calendar.scheduleWarningSent').
 */
export async function sendScheduleWarning({
  now = new Date(),
  db = getDb(),
}: { now?: Date; db?: DbOrTx } = {}): Promise<{
  sent: number;
}> {
  const warning = await getScheduleWarning({ now, db });
  if (!warning) return { sent: 0 };
  const today: LocalDate = toLocalDate(now);
  const admins = await db
    .select({ email: s.users.email })
    .from(s.users)
    .where(and(eq(s.users.role, 'admin'), eq(s.users.active, true)));
  if (admins.length === 0) return { sent: 0 };
  const agency = await getAgency(db);
  const rendered = renderCalendarScheduleEmail({
    locale: 'vi',
    year: warning.year,
    days: warning.days.map((d) => `${d.display} – ${d.name}`),
    calendarUrl: `${getEnv().BASE_URL}/can-bo/quan-tri/lich?nam=${warning.year}`,
    agency: {
      name: agency.name,
      address: agency.address,
      hotline: agency.hotline,
      email: agency.email,
      officeHours: agency.officeHours,
    },
  });
  // immediate: a second process running the same pass waits, then sees the marker and skips
  return await transaction(db, async (tx) => {
    await holdJobLock(tx, 'calendar-schedule-warning');
    const last = await getSetting('calendar.scheduleWarningSent', tx);
    if (last?.year === warning.year && addCalendarDays(last.date, SCHEDULE_WARNING_EVERY_DAYS) > today)
      return { sent: 0 };
    for (const a of admins)
      await enqueueMail(tx, { to: a.email, ...rendered, template: 'calendar_schedule', paknId: null });
    await setSetting('calendar.scheduleWarningSent', { year: warning.year, date: today }, tx);
    return { sent: admins.length };
  });
}

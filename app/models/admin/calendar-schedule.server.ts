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
import { enqueueMail } from '~/models/outbox.server';
import { type DbOrTx, getDb } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import * as s from '~db/schema';
import { renderCalendarScheduleEmail } from '~emails';

import { getSetting, setSetting } from './settings.server';

/** The reminder is repeated every this many days until the schedule is entered (not daily). */
export const SCHEDULE_WARNING_EVERY_DAYS = 7;

export type { OfficialYear };

export function listOfficialYears(db: DbOrTx = getDb()): OfficialYear[] {
  return [...getSetting('calendar.officialYears', db)].sort((a, b) => a.year - b.year);
}

/** Records that `year`'s official schedule has been entered (with the notice it comes from). */
export function recordOfficialYear(
  { year, reference }: OfficialYearValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Outcome {
  db.transaction((tx) => {
    const years = listOfficialYears(tx).filter((y) => y.year !== year);
    setSetting('calendar.officialYears', [...years, { year, reference }], tx);
    audit(
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
export function getScheduleWarning({ now = new Date(), db = getDb() }: { now?: Date; db?: DbOrTx } = {}) {
  const w = missingScheduleWarning(
    toLocalDate(now),
    listOfficialYears(db).map((y) => y.year),
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
export function sendScheduleWarning({ now = new Date(), db = getDb() }: { now?: Date; db?: DbOrTx } = {}): {
  sent: number;
} {
  const warning = getScheduleWarning({ now, db });
  if (!warning) return { sent: 0 };
  const today: LocalDate = toLocalDate(now);
  const admins = db
    .select({ email: s.users.email })
    .from(s.users)
    .where(and(eq(s.users.role, 'admin'), eq(s.users.active, true)))
    .all();
  if (admins.length === 0) return { sent: 0 };
  const agency = getAgency(db);
  const rendered = renderCalendarScheduleEmail({
    locale: 'vi',
    year: warning.year,
    days: warning.days.map((d) => `${d.display} – ${d.label}`),
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
  return db.transaction(
    (tx) => {
      const last = getSetting('calendar.scheduleWarningSent', tx);
      if (last?.year === warning.year && addCalendarDays(last.date, SCHEDULE_WARNING_EVERY_DAYS) > today)
        return { sent: 0 };
      for (const a of admins)
        enqueueMail(tx, { to: a.email, ...rendered, template: 'calendar_schedule', paknId: null });
      setSetting('calendar.scheduleWarningSent', { year: warning.year, date: today }, tx);
      return { sent: admins.length };
    },
    { behavior: 'immediate' },
  );
}

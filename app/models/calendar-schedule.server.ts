// Whether each year's official holiday schedule has been entered, and the reminder to administrators from
// 1 October while next year's is missing (dashboard, admin calendar page, and a weekly e-mail).
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '~db/schema';
import { renderCalendarScheduleEmail } from '~emails';
import { addCalendarDays, formatDateVi, toLocalDate, type LocalDate } from '~/domain/dates';
import { DEFAULT_OFFICIAL_YEARS } from '~/domain/calendar-defaults';
import { missingScheduleWarning, type RuleDayOff } from '~/domain/statutory-days';
import { audit } from './audit.server';
import { getAgency } from './config.server';
import { getDb, type Db, type DbOrTx } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import { enqueueMail } from '~/models/outbox.server';
import type { Tx } from '~/utils/db.server';

export const OFFICIAL_YEARS_KEY = 'calendar.officialYears';
export const SCHEDULE_WARNING_SENT_KEY = 'calendar.scheduleWarningSent';
/** The reminder is repeated every this many days until the schedule is entered (not daily). */
export const SCHEDULE_WARNING_EVERY_DAYS = 7;

export type OfficialYear = { year: number; reference: string };

function readSetting<T>(db: DbOrTx | Tx, key: string): T | undefined {
  const row = (db as Db).select().from(s.settings).where(eq(s.settings.key, key)).get();
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return undefined;
  }
}

function writeSetting(db: DbOrTx | Tx, key: string, value: unknown) {
  (db as Db)
    .insert(s.settings)
    .values({ key, value: JSON.stringify(value) })
    .onConflictDoUpdate({ target: s.settings.key, set: { value: JSON.stringify(value) } })
    .run();
}

export function listOfficialYears(db: DbOrTx | Tx = getDb()): OfficialYear[] {
  const stored = readSetting<OfficialYear[]>(db, OFFICIAL_YEARS_KEY);
  if (!Array.isArray(stored))
    return DEFAULT_OFFICIAL_YEARS.map((year) => ({ year, reference: 'calendar-defaults.ts' }));
  return stored.filter((y) => Number.isInteger(y?.year)).sort((a, b) => a.year - b.year);
}

export const officialYearSchema = z.object({
  year: z.coerce
    .number({ invalid_type_error: 'admin.errors.invalid' })
    .int('admin.errors.invalid')
    .min(2000, 'admin.errors.invalid')
    .max(2100, 'admin.errors.invalid'),
  reference: z
    .string({ required_error: 'admin.errors.required' })
    .trim()
    .min(1, 'admin.errors.required')
    .max(300, 'admin.errors.tooLong|max=300'),
});

/** Records that `year`'s official schedule has been entered (with the notice it comes from). */
export function recordOfficialYear(
  input: unknown,
  actor: { userId: number; ip?: string },
  db: DbOrTx = getDb(),
): { ok: true } | { ok: false; errors: Record<string, string> } {
  const parsed = officialYearSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { ok: false, errors };
  }
  const { year, reference } = parsed.data;
  db.transaction((tx) => {
    const years = listOfficialYears(tx).filter((y) => y.year !== year);
    writeSetting(tx, OFFICIAL_YEARS_KEY, [...years, { year, reference }]);
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
  return { ok: true };
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
      const last = readSetting<{ year: number; date: LocalDate }>(tx, SCHEDULE_WARNING_SENT_KEY);
      if (last?.year === warning.year && addCalendarDays(last.date, SCHEDULE_WARNING_EVERY_DAYS) > today)
        return { sent: 0 };
      for (const a of admins)
        enqueueMail(tx, { to: a.email, ...rendered, template: 'calendar_schedule', paknId: null });
      writeSetting(tx, SCHEDULE_WARNING_SENT_KEY, { year: warning.year, date: today });
      return { sent: admins.length };
    },
    { behavior: 'immediate' },
  );
}

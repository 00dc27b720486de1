// The units' daily digest: one e-mail per unit listing its open PAKN that are overdue or due soon.
import { inArray, isNotNull } from 'drizzle-orm';

import { formatDateVi, toLocalDate, VN_TIME_ZONE } from '~/domain/dates';
import { workingDaysBetween } from '~/domain/deadlines';
import { STATUS_LABELS } from '~/domain/workflow/transitions';
import { getSetting, setSetting } from '~/models/admin/settings.server';
import { getAgency, getCalendar } from '~/models/config.server';
import { holdJobLock } from '~/models/job-lock.server';
import { emailAgency, queueUrl, recordUrl } from '~/models/notifications.server';
import { DIGEST_SOON_WORKING_DAYS, type OpenItem, openItems } from '~/models/open-deadlines.server';
import { enqueueMail } from '~/models/outbox.server';
import { type DbOrTx, getDb, transaction } from '~/utils/db.server';
import * as s from '~db/schema';
import { renderDigestEmail, type StaffMailItem } from '~emails';

/** The digest goes out on working days from this local hour (Asia/Ho_Chi_Minh) on. */
export const DIGEST_HOUR = 7;
export const DIGEST_SETTING_KEY = 'digest.lastSent' as const;

function localHour(now: Date): number {
  const h = new Intl.DateTimeFormat('en-GB', {
    timeZone: VN_TIME_ZONE,
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(now);
  return Number(h);
}

// ---------------------------------------------------------------------------------------------
// The units' daily digest

/**
 * One e-mail per unit (to units.email) listing its open PAKN that are overdue or due within
 * DIGEST_SOON_WORKING_DAYS working days; none when a unit has nothing. Sent on working days from
 * DIGEST_HOUR local time, at most once per local day per unit (settings 'digest.lastSent').
 */
export async function sendDailyDigests(opts: { now?: Date; db?: DbOrTx } = {}): Promise<{ units: number }> {
  const db = opts.db ?? getDb();
  const now = opts.now ?? new Date();
  const today = toLocalDate(now);
  const calendar = await getCalendar(db);
  if (!calendar.isWorkingDay(today) || localHour(now) < DIGEST_HOUR) return { units: 0 };

  const items = (await openItems(db, today, isNotNull(s.pakn.unitId))).filter(
    (i) => i.state === 'overdue' || i.state === 'dueSoon',
  );
  const byUnit = new Map<number, OpenItem[]>();
  for (const i of items) {
    const list = byUnit.get(i.p.unitId!) ?? [];
    list.push(i);
    byUnit.set(i.p.unitId!, list);
  }
  if (byUnit.size === 0) return { units: 0 };

  const agency = emailAgency(await getAgency(db), 'vi');
  const units = await db
    .select()
    .from(s.units)
    .where(inArray(s.units.id, [...byUnit.keys()]));
  const toMailItem = (i: OpenItem): StaffMailItem => ({
    code: i.p.code,
    title: i.p.title,
    dueDate: formatDateVi(i.due.due),
    statusLabel: STATUS_LABELS[i.p.status]?.vi ?? i.p.status,
    url: recordUrl(i.p.id),
    lateBy: i.state === 'overdue' ? workingDaysBetween(i.due.due, today, calendar) : undefined,
  });
  const byDue = (a: OpenItem, b: OpenItem) => a.due.due.localeCompare(b.due.due) || a.p.id - b.p.id;

  let sent = 0;
  for (const unit of units) {
    if (!unit.email.trim()) continue;
    const list = (byUnit.get(unit.id) ?? []).sort(byDue);
    const rendered = renderDigestEmail({
      locale: 'vi',
      unitName: unit.name,
      date: formatDateVi(today),
      soonDays: DIGEST_SOON_WORKING_DAYS,
      overdue: list.filter((i) => i.state === 'overdue').map(toMailItem),
      dueSoon: list.filter((i) => i.state === 'dueSoon').map(toMailItem),
      queueUrl: queueUrl(),
      agency,
    });
    // immediate: a second process running the same pass waits, then sees the date and skips
    const done = await transaction(db, async (tx) => {
      await holdJobLock(tx, 'daily-digest');
      const last = await getSetting(DIGEST_SETTING_KEY, tx);
      if (last[String(unit.id)] === today) return false;
      await enqueueMail(tx, { to: unit.email, ...rendered, template: 'digest', paknId: null });
      await setSetting(DIGEST_SETTING_KEY, { ...last, [String(unit.id)]: today }, tx);
      return true;
    });
    if (done) sent++;
  }
  return { units: sent };
}

// Internal mail of the workflow (issue 13): the handler hears when the submitter supplies the information
// asked for and when a draft is returned; the approvers hear when a draft awaits them. Queued in the
// outbox inside the transaction of the change, like every other mail. Staff mail is in Vietnamese, the
// agency's working language (accounts carry no language of their own); the templates have both.
import { and, eq, isNull, type SQL } from 'drizzle-orm';

import { formatDateVi } from '~/domain/dates';
import { enqueueMail } from '~/models/outbox.server';
import { type DbOrTx, first } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import * as s from '~db/schema';
import { renderStaffUpdateEmail, type StaffUpdateKind } from '~emails/staff-update';

import { getAgency } from './config.server';
import { answerDueDate } from './pakn.server';

type Recipient = { email: string };

async function activeUser(db: DbOrTx, id: number | null | undefined): Promise<Recipient | undefined> {
  if (!id) return undefined;
  const u = await first(
    db
      .select({ email: s.users.email })
      .from(s.users)
      .where(and(eq(s.users.id, id), eq(s.users.active, true))),
  );
  return u;
}

/** The handler of the PAKN; else whoever wrote the draft; else the unit's own address. */
async function handlerOf(db: DbOrTx, p: typeof s.pakn.$inferSelect): Promise<Recipient[]> {
  const drafter = await first(
    db.select({ id: s.answers.draftedByUserId }).from(s.answers).where(eq(s.answers.paknId, p.id)),
  );
  const person = (await activeUser(db, p.handlerUserId)) ?? (await activeUser(db, drafter?.id));
  if (person) return [person];
  const unit = p.unitId ? await first(db.select().from(s.units).where(eq(s.units.id, p.unitId))) : undefined;
  return unit?.email.trim() ? [{ email: unit.email.trim() }] : [];
}

/** The active approvers of the PAKN's unit; when it has none, the agency leaders (approvers without a unit). */
async function approversOf(db: DbOrTx, p: typeof s.pakn.$inferSelect): Promise<Recipient[]> {
  const approvers = async (unit: SQL) =>
    await db
      .select({ email: s.users.email })
      .from(s.users)
      .where(and(eq(s.users.role, 'approver'), eq(s.users.active, true), unit))
      .orderBy(s.users.id);
  const ofUnit = p.unitId ? await approvers(eq(s.users.unitId, p.unitId)) : [];
  return ofUnit.length ? ofUnit : await approvers(isNull(s.users.unitId));
}

const NOTE_KINDS: StaffUpdateKind[] = ['draftReturned', 'extensionRequested', 'extensionDeclined'];

/** Queues the internal mail of this step for the PAKN, inside the caller's transaction. */
export async function notifyStaffUpdate(
  tx: DbOrTx,
  {
    paknId,
    kind,
    note = null,
    toUserId = null,
  }: {
    paknId: number;
    kind: StaffUpdateKind;
    note?: string | null;
    /** the staff member this step concerns (who asked for an extension); else the handler */
    toUserId?: number | null;
  },
): Promise<void> {
  const db = tx;
  const p = await first(db.select().from(s.pakn).where(eq(s.pakn.id, paknId)));
  if (!p) throw new Error(`notifyStaffUpdate: PAKN ${paknId} not found`);
  const toApprovers = kind === 'draftSubmitted' || kind === 'extensionRequested';
  const person = await activeUser(db, toUserId);
  const recipients = toApprovers ? await approversOf(db, p) : person ? [person] : await handlerOf(db, p);
  if (recipients.length === 0) return;
  const agency = await getAgency(db);
  const rendered = renderStaffUpdateEmail({
    locale: 'vi',
    kind,
    code: p.code,
    title: p.title,
    dueDate: formatDateVi((await answerDueDate(p, db)).due),
    note: NOTE_KINDS.includes(kind) ? note : null,
    recordUrl: `${getEnv().BASE_URL}/can-bo/pakn/${p.id}`,
    agency: {
      name: agency.name,
      address: agency.address,
      hotline: agency.hotline,
      email: agency.email,
      officeHours: agency.officeHours,
    },
  });
  const template = `staff-${kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  for (const r of recipients) await enqueueMail(tx, { to: r.email, ...rendered, template, paknId: p.id });
}

// Staff intake of the other channels (post, in person, phone, e-mail, hotline): the coordinator types in
// a PAKN with its real receipt date, from which the deadlines run (spec §3: phone OR address suffices).

import { toLocalDate } from '~/domain/dates';
import { STAFF_CHANNELS } from '~/domain/pakn';
import type { Actor } from '~/domain/permissions';
import { earliestReceiptDate } from '~/domain/receipt-date';
import type { StaffIntake } from '~/domain/staff-intake';
import { normalisePhone } from '~/domain/text';
import { getSetting } from '~/models/admin/settings.server';
import { enqueueMail } from '~/models/outbox.server';
import { type DbOrTx, getDb, transaction } from '~/utils/db.server';
import type { StoredUpload } from '~/utils/uploads.server';

import { audit } from './audit.server';
import { listFields } from './config.server';
import { createPakn } from './pakn.server';
import { attachStaffFiles } from './staff-files.server';
import { receiptEmail } from './submission.server';

export { STAFF_CHANNELS };

/** The first receipt date a coordinator may type (the [policy] setting intake.earliestReceiptYear). */
export async function intakeEarliestDate(db: DbOrTx = getDb()): Promise<string> {
  return earliestReceiptDate(await getSetting('intake.earliestReceiptYear', db));
}

/** A field id that names no field (the form's own check is app/domain/staff-intake.ts): its message, or null. */
export async function intakeFieldProblem(field: string, db: DbOrTx = getDb()): Promise<string | null> {
  if (!/^\d+$/.test(field)) return null;
  return (await listFields({ db })).some((f) => f.id === Number(field)) ? null : 'intake.errors.field';
}

/** The receipt instant: now for today's items, 08:00 Vietnam time on the day of receipt otherwise. */
export function receiptInstant(date: string, now = new Date()): Date {
  return date === toLocalDate(now) ? now : new Date(`${date}T08:00:00+07:00`);
}

export async function recordStaffIntake(
  {
    actor,
    input,
    lang,
    ip,
    now = new Date(),
    files = [],
  }: {
    actor: Actor;
    input: StaffIntake;
    lang: 'vi' | 'en';
    ip?: string;
    now?: Date;
    /** checked uploads (the scanned letter), attached as staff files in the same transaction */
    files?: StoredUpload[];
  },
  db: DbOrTx = getDb(),
): Promise<{ id: number; code: string; emailed: boolean }> {
  return await transaction(db, async (tx) => {
    const organisation = input.submitterKind === 'organisation';
    const email = input.email ? input.email.toLowerCase() : null;
    const { pakn, accessToken, answerDue, agency } = await createPakn(tx, {
      type: input.type,
      subject: input.subject,
      category: input.category,
      submitterKind: input.submitterKind,
      orgName: organisation ? input.orgName : null,
      representative: organisation ? input.representative : null,
      fullName: input.fullName,
      address: input.address,
      phone: input.phone ? normalisePhone(input.phone)! : '',
      email,
      title: input.title,
      content: input.content,
      regulationRef: input.regulationRef || null,
      fieldId: input.field === 'unknown' ? null : Number(input.field),
      channel: input.channel,
      lang,
      receivedAt: receiptInstant(input.receivedDate, now),
      consent: input.consent,
      showIdentity: input.showIdentity,
      actorUserId: actor.id,
    });
    await audit(
      {
        actorUserId: actor.id,
        action: 'pakn.intake',
        targetType: 'pakn',
        targetId: pakn.id,
        ip,
        detail: { code: pakn.code, channel: input.channel },
      },
      tx,
    );
    await attachStaffFiles(tx, { paknId: pakn.id, actorUserId: actor.id, files, ip });
    if (email) {
      const rendered = receiptEmail({ pakn, accessToken, due: answerDue, lang, agency });
      await enqueueMail(tx, { to: email, template: 'receipt', paknId: pakn.id, ...rendered });
    }
    return { id: pakn.id, code: pakn.code, emailed: email !== null };
  });
}

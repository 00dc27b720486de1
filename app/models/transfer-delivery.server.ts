// Delivering a transferred PAKN to the competent agency (NĐ 20 Điều 9; spec §4). The transfer letter says the
// PAKN goes with it, so it must actually go:
// - to an agency of the directory with an e-mail address: one mail through the outbox, queued in the transfer's
//   transaction, with the letter as PDF and the PAKN's files attached by reference; the timeline shows
//   "transfer_queued" at once and "transfer_sent" when the worker has handed it to the mail server;
// - to an agency without one: a printable bundle (letter, PAKN, list of files) at a staff URL, and a
//   "transfer_posted" step recording the day it was posted.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';

import { formatDateVi, type LocalDate, toLocalDate } from '~/domain/dates';
import type { MailAttachment } from '~/domain/mail-attachments';
import { type Actor, canOnPakn, canReadPakn } from '~/domain/permissions';
import { parseDayInput, postedDateProblem } from '~/domain/transfer-delivery';
import { enqueueMail } from '~/models/outbox.server';
import { type DbOrTx, first, getDb, transaction } from '~/utils/db.server';
import * as s from '~db/schema';
import { renderTransferAgencyEmail } from '~emails';

import { audit } from './audit.server';
import { getAgency } from './config.server';
import { getDocument, type StoredDocument } from './documents.server';

export const TRANSFER_EVENTS = ['transfer_queued', 'transfer_sent', 'transfer_posted'] as const;

export class TransferDeliveryError extends Error {
  constructor(
    public status: number,
    public key: string,
    public fieldErrors?: Record<string, string>,
  ) {
    super(key);
  }
}

async function filesOf(db: DbOrTx, paknId: number) {
  return await db
    .select()
    .from(s.attachments)
    .where(eq(s.attachments.paknId, paknId))
    .orderBy(asc(s.attachments.id));
}

async function latestTransferLetter(db: DbOrTx, paknId: number) {
  return await first(
    db
      .select()
      .from(s.documents)
      .where(and(eq(s.documents.paknId, paknId), eq(s.documents.type, 'transfer')))
      .orderBy(desc(s.documents.id)),
  );
}

/**
 * Called in the transfer's transaction, after its letter is issued: queues the agency's mail (agencies with an
 * address) and records it on the timeline. Agencies without an address wait for the "sent by post" step.
 */
export async function queueTransferDelivery(
  db: DbOrTx,
  { paknId, actorUserId }: { paknId: number; actorUserId: number | null },
): Promise<void> {
  const p = await first(db.select().from(s.pakn).where(eq(s.pakn.id, paknId)));
  if (!p?.transferAgencyId) return;
  const target = await first(
    db.select().from(s.externalAgencies).where(eq(s.externalAgencies.id, p.transferAgencyId)),
  );
  const to = target?.email.trim();
  if (!target || !to) return;
  const letter = await latestTransferLetter(db, paknId);
  if (!letter) throw new Error(`queueTransferDelivery: no transfer letter for PAKN ${paknId}`);
  const files = await filesOf(db, paknId);
  const a = await getAgency(db);
  const reason =
    (
      await first(
        db
          .select({ note: s.events.note })
          .from(s.events)
          .where(and(eq(s.events.paknId, paknId), eq(s.events.type, 'transfer')))
          .orderBy(desc(s.events.id)),
      )
    )?.note ?? '';
  // the receiving agency is Vietnamese: its copy is in Vietnamese whatever the submitter's language
  const mail = renderTransferAgencyEmail({
    locale: 'vi',
    agency: {
      name: a.name,
      address: a.address,
      hotline: a.hotline,
      email: a.email,
      officeHours: a.officeHours,
    },
    targetName: target.name,
    code: p.code,
    receivedDate: formatDateVi(p.receivedDate),
    letterNumber: letter.number,
    reason,
    title: p.title,
    content: p.content,
    submitter: {
      name: p.submitterKind === 'organisation' && p.orgName ? `${p.orgName} (${p.fullName})` : p.fullName,
      address: p.address,
      phone: p.phone,
      email: p.email,
    },
    files: files.map((f) => f.originalName),
  });
  const attachments: MailAttachment[] = [
    { kind: 'document', documentId: letter.id },
    ...files.map((f): MailAttachment => ({
      kind: 'upload',
      storedName: f.storedName,
      filename: f.originalName,
      contentType: f.mime,
    })),
  ];
  const data = { to, agencyName: target.name, letterNumber: letter.number, files: files.length };
  await enqueueMail(db, {
    ...mail,
    to,
    template: 'transfer_agency',
    paknId,
    attachments,
    sentEvent: { type: 'transfer_sent', data },
  });
  await db
    .insert(s.events)
    .values({ paknId, type: 'transfer_queued', actorUserId, data: JSON.stringify(data) });
}

export type TransferDelivery = {
  mode: 'email' | 'post';
  to: string | null;
  transferDate: LocalDate;
  sentAt: Date | null;
  postedOn: LocalDate | null;
};

/** How the latest transfer of the PAKN reached (or is to reach) the agency; null when it is not transferred. */
export async function getTransferDelivery(
  { paknId }: { paknId: number },
  db: DbOrTx = getDb(),
): Promise<TransferDelivery | null> {
  const p = await first(db.select().from(s.pakn).where(eq(s.pakn.id, paknId)));
  if (!p || p.status !== 'transferred') return null;
  const rows = await db
    .select()
    .from(s.events)
    .where(and(eq(s.events.paknId, paknId), inArray(s.events.type, ['transfer', ...TRANSFER_EVENTS])))
    .orderBy(asc(s.events.id));
  const start = rows.map((r) => r.type).lastIndexOf('transfer');
  if (start < 0) return null;
  const after = rows.slice(start + 1);
  const queued = after.find((r) => r.type === 'transfer_queued');
  const sent = after.find((r) => r.type === 'transfer_sent');
  const posted = after.find((r) => r.type === 'transfer_posted');
  const data = (json: string | null) => (json ? (JSON.parse(json) as Record<string, unknown>) : {});
  const postedOn = posted ? data(posted.data).postedOn : null;
  const to = queued ? data(queued.data).to : null;
  return {
    mode: queued ? 'email' : 'post',
    to: typeof to === 'string' ? to : null,
    transferDate: toLocalDate(rows[start]!.createdAt),
    sentAt: sent?.createdAt ?? null,
    postedOn: typeof postedOn === 'string' ? postedOn : null,
  };
}

/** The "sent by post on …" step of a transfer to an agency without e-mail. Throws TransferDeliveryError. */
export async function recordTransferPosted(
  {
    actor,
    paknId,
    postedOn,
    ip,
    now = new Date(),
  }: { actor: Actor; paknId: number; postedOn: string; ip?: string; now?: Date },
  db: DbOrTx = getDb(),
): Promise<void> {
  await transaction(db, async (tx) => {
    const p = await first(tx.select().from(s.pakn).where(eq(s.pakn.id, paknId)));
    if (!p || !canReadPakn(actor, p)) throw new TransferDeliveryError(404, 'staff.errors.notFound');
    if (!canOnPakn(actor, 'pakn:transfer', p)) throw new TransferDeliveryError(403, 'staff.errors.forbidden');
    const delivery = await getTransferDelivery({ paknId }, tx);
    if (!delivery || delivery.mode !== 'post' || delivery.postedOn) {
      throw new TransferDeliveryError(409, 'staff.errors.notAwaitingPost');
    }
    const problem = postedDateProblem(postedOn, {
      transferDate: delivery.transferDate,
      today: toLocalDate(now),
    });
    if (problem) {
      const key = `staff.errors.${problem}`;
      throw new TransferDeliveryError(400, key, { postedOn: key });
    }
    await tx.insert(s.events).values({
      paknId,
      type: 'transfer_posted',
      actorUserId: actor.id,
      data: JSON.stringify({ postedOn: parseDayInput(postedOn) }),
    });
    await audit(
      {
        actorUserId: actor.id,
        action: 'pakn.transfer_posted',
        targetType: 'pakn',
        targetId: p.id,
        ip,
        detail: { code: p.code },
      },
      tx,
    );
  });
}

/** What the printable bundle shows; null when there is nothing to print (not transferred, or no access). */
export async function getTransferBundle(
  { actor, paknId }: { actor: Actor; paknId: number },
  db: DbOrTx = getDb(),
) {
  const p = await first(db.select().from(s.pakn).where(eq(s.pakn.id, paknId)));
  if (!p || !canReadPakn(actor, p) || !canOnPakn(actor, 'pakn:transfer', p) || p.status !== 'transferred') {
    return null;
  }
  const letter = await latestTransferLetter(db, paknId);
  const target = p.transferAgencyId
    ? await first(db.select().from(s.externalAgencies).where(eq(s.externalAgencies.id, p.transferAgencyId)))
    : undefined;
  if (!letter || !target) return null;
  return { pakn: p, letterId: letter.id, target, files: await filesOf(db, paknId) };
}

export type TransferBundle = NonNullable<Awaited<ReturnType<typeof getTransferBundle>>> & {
  letter: StoredDocument;
};

/**
 * The printable bundle's data for a staff member (app/exports/transfer-bundle.server.ts draws it), or null (not
 * transferred, no letter, or not allowed). Opening it is audited: it shows the submitter's contact.
 */
export async function openTransferBundle(
  { actor, paknId, ip }: { actor: Actor; paknId: number; ip?: string },
  db: DbOrTx = getDb(),
): Promise<TransferBundle | null> {
  const b = await getTransferBundle({ actor, paknId }, db);
  if (!b) return null;
  const letter = await getDocument({ id: b.letterId }, db);
  if (!letter) return null;
  await audit(
    {
      actorUserId: actor.id,
      action: 'pakn.transfer_bundle',
      targetType: 'pakn',
      targetId: b.pakn.id,
      ip,
      detail: { code: b.pakn.code },
    },
    db,
  );
  return { ...b, letter };
}

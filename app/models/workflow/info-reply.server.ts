// The submitter's answer to an information request (NĐ 20/2008 Điều 14): it resumes the clock.
import { and, desc, eq } from 'drizzle-orm';

import { toLocalDate } from '~/domain/dates';
import { WorkflowError } from '~/domain/workflow/errors';
import { findTransition } from '~/domain/workflow/transitions';
import { audit } from '~/models/audit.server';
import { notifyStaffUpdate } from '~/models/staff-notifications.server';
import { type DbOrTx, first, getDb, transaction } from '~/utils/db.server';
import type { StoredUpload } from '~/utils/uploads.server';
import * as s from '~db/schema';

import { closeOpenPause, type Ctx, loadPakn, updateGuarded } from './step.server';

/** The question the submitter has to answer, while the PAKN waits for it. */
export async function getOpenInfoRequest({ paknId }: { paknId: number }, db: DbOrTx = getDb()) {
  const p = await loadPakn(db, paknId);
  if (!p || p.status !== 'awaiting_info') return null;
  const ev = await first(
    db
      .select({ note: s.events.note, at: s.events.createdAt })
      .from(s.events)
      .where(and(eq(s.events.paknId, paknId), eq(s.events.type, 'request_info')))
      .orderBy(desc(s.events.id)),
  );
  return { question: ev?.note ?? '', askedAt: ev?.at ?? null, version: p.version };
}

/** The reply resumes the clock: files and text go on the record (staff only), then receive_info runs. */
export async function submitInfoReply(
  {
    paknId,
    text: reply,
    files,
    ip,
    now = new Date(),
  }: { paknId: number; text: string; files: StoredUpload[]; ip?: string; now?: Date },
  db: DbOrTx = getDb(),
) {
  return await transaction(db, async (tx) => {
    const p = await loadPakn(tx, paknId);
    if (!p) throw new WorkflowError(404, 'staff.errors.notFound');
    if (p.status !== 'awaiting_info') throw new WorkflowError(409, 'staff.followup.notWaiting');
    // the submitter acts as nobody in particular: actor id 0 is never a user, stored as null
    const ctx: Ctx = {
      tx,
      actor: { id: 0, role: 'viewer', unitId: null },
      p,
      version: p.version,
      ip,
      now,
      today: toLocalDate(now),
    };
    for (const f of files) await tx.insert(s.attachments).values({ ...f, paknId, source: 'info' });
    await tx.insert(s.events).values({
      paknId,
      type: 'info_reply',
      actorUserId: null,
      note: reply,
      isPublic: false,
      data: JSON.stringify({ files: files.length }),
    });
    const to = findTransition('awaiting_info', 'receive_info')!.to;
    await updateGuarded(ctx, { ...(await closeOpenPause(ctx)), status: to });
    await tx.insert(s.events).values({
      paknId,
      type: 'receive_info',
      actorUserId: null,
      fromStatus: p.status,
      toStatus: to,
      isPublic: true,
    });
    await audit(
      {
        actorUserId: null,
        action: 'pakn.info_reply',
        targetType: 'pakn',
        targetId: paknId,
        ip,
        detail: { code: p.code, files: files.length },
      },
      tx,
    );
    await notifyStaffUpdate(tx, { paknId, kind: 'infoSupplied' });
  });
}

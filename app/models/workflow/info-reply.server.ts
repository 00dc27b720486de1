// The submitter's answer to an information request (NĐ 20/2008 Điều 14): it resumes the clock.
import { and, desc, eq } from 'drizzle-orm';

import { toLocalDate } from '~/domain/dates';
import { WorkflowError } from '~/domain/workflow/errors';
import { findTransition } from '~/domain/workflow/transitions';
import { audit } from '~/models/audit.server';
import { notifyStaffUpdate } from '~/models/staff-notifications.server';
import { type DbOrTx, getDb } from '~/utils/db.server';
import type { StoredUpload } from '~/utils/uploads.server';
import * as s from '~db/schema';

import { closeOpenPause, type Ctx, loadPakn, updateGuarded } from './step.server';

/** The question the submitter has to answer, while the PAKN waits for it. */
export function getOpenInfoRequest({ paknId }: { paknId: number }, db: DbOrTx = getDb()) {
  const p = loadPakn(db, paknId);
  if (!p || p.status !== 'awaiting_info') return null;
  const ev = db
    .select({ note: s.events.note, at: s.events.createdAt })
    .from(s.events)
    .where(and(eq(s.events.paknId, paknId), eq(s.events.type, 'request_info')))
    .orderBy(desc(s.events.id))
    .get();
  return { question: ev?.note ?? '', askedAt: ev?.at ?? null, version: p.version };
}

/** The reply resumes the clock: files and text go on the record (staff only), then receive_info runs. */
export function submitInfoReply(
  {
    paknId,
    text: reply,
    files,
    ip,
    now = new Date(),
  }: { paknId: number; text: string; files: StoredUpload[]; ip?: string; now?: Date },
  db: DbOrTx = getDb(),
) {
  return db.transaction((tx) => {
    const p = loadPakn(tx, paknId);
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
    for (const f of files)
      tx.insert(s.attachments)
        .values({ ...f, paknId, source: 'info' })
        .run();
    tx.insert(s.events)
      .values({
        paknId,
        type: 'info_reply',
        actorUserId: null,
        note: reply,
        isPublic: false,
        data: JSON.stringify({ files: files.length }),
      })
      .run();
    const to = findTransition('awaiting_info', 'receive_info')!.to;
    updateGuarded(ctx, { ...closeOpenPause(ctx), status: to });
    tx.insert(s.events)
      .values({
        paknId,
        type: 'receive_info',
        actorUserId: null,
        fromStatus: p.status,
        toStatus: to,
        isPublic: true,
      })
      .run();
    audit(
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
    notifyStaffUpdate(tx, { paknId, kind: 'infoSupplied' });
  });
}

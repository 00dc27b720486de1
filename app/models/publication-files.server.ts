// The files of a publication: a redacted copy of an attachment or the signed letter, uploaded by staff and kept
// internal until a publication selects it; and the public download of a selected file while the answer is public.
import { and, eq } from 'drizzle-orm';

import type { Actor } from '~/domain/permissions';
import { WorkflowError } from '~/domain/workflow/errors';
import { type DbOrTx, first, getDb, one, transaction } from '~/utils/db.server';
import type { StoredUpload } from '~/utils/uploads.server';
import * as s from '~db/schema';

import { audit } from './audit.server';
import { loadForPublication } from './publication.server';

/** A redacted copy or the signed letter, stored internal (isPublic false) until a publication selects it. */
export async function addPublicationFile(
  {
    actor,
    paknId,
    upload,
    kind,
    copyOf,
    ip,
  }: {
    actor: Actor;
    paknId: number;
    upload: StoredUpload;
    kind: 'copy' | 'letter';
    copyOf?: number;
    ip?: string;
  },
  db: DbOrTx = getDb(),
) {
  return await transaction(db, async (tx) => {
    const p = await loadForPublication({ actor, paknId }, tx);
    if (kind === 'letter' && upload.mime !== 'application/pdf')
      throw new WorkflowError(400, 'publish.files.letterPdf');
    if (kind === 'copy') {
      const original = copyOf
        ? await first(
            tx
              .select({ id: s.attachments.id })
              .from(s.attachments)
              .where(and(eq(s.attachments.id, copyOf), eq(s.attachments.paknId, p.id))),
          )
        : undefined;
      if (!original) throw new WorkflowError(400, 'publish.errors.unknownFile');
    }
    const row = await one(
      tx
        .insert(s.attachments)
        .values({ ...upload, paknId: p.id, source: 'staff', isPublic: false })
        .returning({ id: s.attachments.id }),
    );
    await audit(
      {
        actorUserId: actor.id,
        action: 'pakn.attachment.upload',
        targetType: 'pakn',
        targetId: p.id,
        ip,
        detail: { code: p.code, fileId: row.id, kind, ...(copyOf ? { copyOf } : {}) },
      },
      tx,
    );
    return { id: row.id, name: upload.originalName };
  });
}

/** A public file of a published PAKN, or null (unknown, internal, withdrawn or unpublished). */
export async function getPublicFile(
  { code, fileId }: { code: string; fileId: number },
  db: DbOrTx = getDb(),
) {
  return (
    (await first(
      db
        .select({
          storedName: s.attachments.storedName,
          name: s.attachments.originalName,
          mime: s.attachments.mime,
          size: s.attachments.size,
        })
        .from(s.attachments)
        .innerJoin(s.pakn, eq(s.pakn.id, s.attachments.paknId))
        .where(
          and(
            eq(s.pakn.code, code),
            eq(s.pakn.publication, 'published'),
            eq(s.attachments.id, fileId),
            eq(s.attachments.isPublic, true),
          ),
        ),
    )) ?? null
  );
}

// Files staff add to a PAKN (the scanned letter of a post or in-person PAKN, a record of a phone call), so paper
// and phone PAKN are digitised too (plan II.1). They go through the citizen form's checks (uploads.server.ts:
// size, count, type by content, optional ClamAV), are stored as source 'staff', and each addition is an event on
// the timeline with who added what and when.
import { and, eq, sql } from 'drizzle-orm';

import { type Actor, canOnPakn, canReadPakn } from '~/domain/permissions';
import { getSetting } from '~/models/admin/settings.server';
import { type DbOrTx, first, getDb, transaction } from '~/utils/db.server';
import {
  type FileProblem,
  parseSubmissionForm,
  removeUpload,
  type StoredUpload,
} from '~/utils/uploads.server';
import * as s from '~db/schema';

import { audit } from './audit.server';

export type StaffUploadForm = {
  form: FormData;
  stored: StoredUpload[];
  /** translated messages of the refused files (empty when all were fine) */
  fileErrors: string[];
  scannerDown: boolean;
};

type T = (key: string, opts?: Record<string, unknown>) => string;

export class StaffFilesError extends Error {
  constructor(
    public status: number,
    public key: string,
  ) {
    super(key);
  }
}

export async function staffUploadLimits(db: DbOrTx = getDb()) {
  return {
    maxFiles: await getSetting('intake.maxAttachments', db),
    maxMb: await getSetting('intake.maxFileMb', db),
  };
}

async function countStaffFiles(db: DbOrTx, paknId: number): Promise<number> {
  const row = await first(
    db
      .select({ n: sql<number>`count(*)` })
      .from(s.attachments)
      .where(and(eq(s.attachments.paknId, paknId), eq(s.attachments.source, 'staff'))),
  );
  return Number(row?.n ?? 0);
}

/**
 * Reads a staff form that may carry files (multipart, field "files") or not (urlencoded): files are streamed to
 * disk and checked as they arrive, the text fields kept. `paknId` counts the files the PAKN already has.
 */
export async function readStaffUploadForm(
  request: Request,
  { t, paknId }: { t: T; paknId?: number },
  db: DbOrTx = getDb(),
): Promise<StaffUploadForm | null> {
  const type = request.headers.get('Content-Type') ?? '';
  if (!type.startsWith('multipart/form-data')) {
    const form = await request.formData().catch(() => null);
    return form ? { form, stored: [], fileErrors: [], scannerDown: false } : null;
  }
  const { maxFiles, maxMb } = await staffUploadLimits(db);
  const parsed = await parseSubmissionForm(request, {
    maxFiles,
    maxBytes: maxMb * 1024 * 1024,
    existingFiles: paknId ? await countStaffFiles(db, paknId) : 0,
  });
  if (!parsed) return null;
  const fileErrors = parsed.problems.map((p: FileProblem) =>
    t(`intake.errors.${p.key}`, { name: p.name, mb: maxMb, count: maxFiles }),
  );
  if (parsed.tooManyParts) fileErrors.push(t('intake.errors.tooManyFields'));
  const scannerDown =
    parsed.problems.length > 0 && parsed.problems.every((p) => p.key === 'fileScanUnavailable');
  return { form: parsed.form, stored: parsed.stored, fileErrors, scannerDown };
}

/** Deletes checked files that will not be kept (the form failed): nothing is half-saved. */
export function discardStaffUploads(files: StoredUpload[]): void {
  for (const f of files) removeUpload(f.storedName);
}

/** Attaches checked files to the PAKN as staff files, with the timeline event; call inside the step's transaction. */
export async function attachStaffFiles(
  tx: DbOrTx,
  {
    paknId,
    actorUserId,
    files,
    ip,
  }: { paknId: number; actorUserId: number; files: StoredUpload[]; ip?: string },
): Promise<void> {
  if (files.length === 0) return;
  const db = tx;
  for (const f of files) {
    await db.insert(s.attachments).values({
      paknId,
      storedName: f.storedName,
      originalName: f.originalName,
      mime: f.mime,
      size: f.size,
      sha256: f.sha256,
      source: 'staff',
    });
  }
  const names = files.map((f) => f.originalName);
  await db.insert(s.events).values({
    paknId,
    type: 'staff_files_added',
    actorUserId,
    note: names.join(', '),
    data: JSON.stringify({ files: names }),
  });
  // names only in the timeline; the log keeps the count
  await audit(
    {
      actorUserId,
      action: 'pakn.staff_files',
      targetType: 'pakn',
      targetId: paknId,
      ip,
      detail: { count: files.length },
    },
    tx,
  );
}

/** Who may add files to the PAKN (before its upload is read): throws StaffFilesError 404/403. */
export async function authorizeAddFiles(
  { actor, paknId }: { actor: Actor; paknId: number },
  db: DbOrTx = getDb(),
) {
  const p = await first(db.select().from(s.pakn).where(eq(s.pakn.id, paknId)));
  if (!p || !canReadPakn(actor, p)) throw new StaffFilesError(404, 'staff.errors.notFound');
  if (!canOnPakn(actor, 'pakn:note', p)) throw new StaffFilesError(403, 'staff.errors.forbidden');
}

/** "Add files (scans)" on the record page. Throws StaffFilesError (404/403) before anything is stored. */
export async function addStaffFiles(
  { actor, paknId, files, ip }: { actor: Actor; paknId: number; files: StoredUpload[]; ip?: string },
  db: DbOrTx = getDb(),
): Promise<void> {
  await transaction(db, async (tx) => {
    const p = await first(tx.select().from(s.pakn).where(eq(s.pakn.id, paknId)));
    if (!p || !canReadPakn(actor, p)) throw new StaffFilesError(404, 'staff.errors.notFound');
    if (!canOnPakn(actor, 'pakn:note', p)) throw new StaffFilesError(403, 'staff.errors.forbidden');
    await attachStaffFiles(tx, { paknId, actorUserId: actor.id, files, ip });
  });
}

// How much disk the files of unsent drafts may take: per network address and in total ([policy]
// settings `intake.draftStoragePerAddressMb`, `intake.draftStorageTotalMb`). Files already recorded are
// counted from the database; files still arriving are counted in memory as their bytes arrive, so
// parallel posts from one address cannot pass the cap together.
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';

import { getSetting } from '~/models/admin/settings.server';
import { type DbOrTx, first, getDb } from '~/utils/db.server';
import type { UploadBudget } from '~/utils/uploads.server';
import * as s from '~db/schema';

const MB = 1024 * 1024;

/** Bytes being written right now (not yet in the database), per uploader and in total. */
const inflight = new Map<string, number>();
let inflightTotal = 0;
/** Changes whenever recorded usage may have changed, so open budgets read it again. */
let generation = 0;

function addInflight(uploader: string, bytes: number) {
  const next = (inflight.get(uploader) ?? 0) + bytes;
  if (next > 0) inflight.set(uploader, next);
  else inflight.delete(uploader);
  inflightTotal += bytes;
}

/** Bytes of unsent draft files recorded for one uploader and for everyone. */
export async function draftStorageUsed({ uploader }: { uploader: string }, db: DbOrTx = getDb()) {
  const unsent = and(isNull(s.attachments.paknId), isNotNull(s.attachments.draftToken));
  const sum = sql<number>`coalesce(sum(${s.attachments.size}), 0)`;
  const total = (await first(db.select({ n: sum }).from(s.attachments).where(unsent)))?.n ?? 0;
  const mine =
    (
      await first(
        db
          .select({ n: sum })
          .from(s.attachments)
          .where(and(unsent, eq(s.attachments.draftUploader, uploader))),
      )
    )?.n ?? 0;
  return { mine, total };
}

export async function draftStorageCaps(db: DbOrTx = getDb()) {
  return {
    perAddressMb: await getSetting('intake.draftStoragePerAddressMb', db),
    totalMb: await getSetting('intake.draftStorageTotalMb', db),
  };
}

export type DraftUploadBudget = UploadBudget & {
  /** Call once the request's files are recorded (or removed): their bytes now count from the database. */
  close(): void;
};

/** The room left for one request's draft files from `uploader` (a pseudonymised address). */
export async function openDraftUploadBudget(
  { uploader }: { uploader: string },
  db: DbOrTx = getDb(),
): Promise<DraftUploadBudget> {
  const caps = await draftStorageCaps(db);
  const perAddress = caps.perAddressMb * MB;
  const total = caps.totalMb * MB;
  let used = await draftStorageUsed({ uploader }, db);
  let seen = generation;
  let reserved = 0;
  return {
    async reserve(bytes) {
      if (seen !== generation) {
        used = await draftStorageUsed({ uploader }, db);
        seen = generation;
      }
      if (used.mine + (inflight.get(uploader) ?? 0) + bytes > perAddress) return 'address';
      if (used.total + inflightTotal + bytes > total) return 'total';
      addInflight(uploader, bytes);
      reserved += bytes;
      return 'ok';
    },
    release(bytes) {
      const n = Math.min(bytes, reserved);
      addInflight(uploader, -n);
      reserved -= n;
    },
    close() {
      addInflight(uploader, -reserved);
      reserved = 0;
      generation += 1;
    },
  };
}

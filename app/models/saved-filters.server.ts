// Named queue filters, per staff member (issue 13, item 31): the queue's query string, stored so that it can be
// replayed as a plain link. Only the queue's own parameters are kept (never a page cursor).
import { and, asc, count, eq } from 'drizzle-orm';

import { SAVED_FILTER_NAME_MAX, SAVED_FILTERS_MAX } from '~/domain/queue';
import { changesOf, type DbOrTx, first, getDb, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

const KEPT_PARAMS = [
  'tab',
  'status',
  'unit',
  'field',
  'category',
  'type',
  'channel',
  'from',
  'to',
  'q',
  'sort',
];

/** The queue parameters worth saving, in a stable order; cursors and unknown keys are dropped. */
export function savedQuery(raw: string): string {
  const input = new URLSearchParams(raw.replace(/^\?/, ''));
  const out = new URLSearchParams();
  for (const key of KEPT_PARAMS) {
    const v = input.get(key)?.trim();
    if (v) out.set(key, v.slice(0, 200));
  }
  return out.toString();
}

export async function listSavedFilters({ userId }: { userId: number }, db: DbOrTx = getDb()) {
  return await db
    .select({ id: s.savedQueueFilters.id, name: s.savedQueueFilters.name, query: s.savedQueueFilters.query })
    .from(s.savedQueueFilters)
    .where(eq(s.savedQueueFilters.userId, userId))
    .orderBy(asc(s.savedQueueFilters.name));
}

export type SaveFilterResult =
  { ok: true } | { ok: false; error: 'nameRequired' | 'nameTooLong' | 'tooMany' };

/** Saves (or replaces, by name) one of the user's filters. */
export async function saveFilter(
  { userId, name, query }: { userId: number; name: string; query: string },
  db: DbOrTx = getDb(),
): Promise<SaveFilterResult> {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean) return { ok: false, error: 'nameRequired' };
  if (clean.length > SAVED_FILTER_NAME_MAX) return { ok: false, error: 'nameTooLong' };
  return await transaction(db, async (tx) => {
    const existing = await first(
      tx
        .select({ id: s.savedQueueFilters.id })
        .from(s.savedQueueFilters)
        .where(and(eq(s.savedQueueFilters.userId, userId), eq(s.savedQueueFilters.name, clean))),
    );
    if (existing) {
      await tx
        .update(s.savedQueueFilters)
        .set({ query: savedQuery(query) })
        .where(eq(s.savedQueueFilters.id, existing.id));
      return { ok: true } as const;
    }
    const n =
      (
        await first(
          tx.select({ n: count() }).from(s.savedQueueFilters).where(eq(s.savedQueueFilters.userId, userId)),
        )
      )?.n ?? 0;
    if (n >= SAVED_FILTERS_MAX) return { ok: false, error: 'tooMany' } as const;
    await tx.insert(s.savedQueueFilters).values({ userId, name: clean, query: savedQuery(query) });
    return { ok: true } as const;
  });
}

/** Deletes one of the user's own filters; false when there is no such filter of theirs. */
export async function deleteSavedFilter(
  { userId, id }: { userId: number; id: number },
  db: DbOrTx = getDb(),
): Promise<boolean> {
  const res = await db
    .delete(s.savedQueueFilters)
    .where(and(eq(s.savedQueueFilters.id, id), eq(s.savedQueueFilters.userId, userId)));
  return changesOf(res) > 0;
}

// Routing keywords: each suggests a unit for a PAKN whose text contains it (compared without diacritics).
import { asc, eq } from 'drizzle-orm';

import { type KeywordValues, matchesFolded } from '~/domain/admin/keywords';
import { type Actor, diff, fail, type Outcome } from '~/domain/admin/outcome';
import { type DbOrTx, first, getDb, one, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { recordChange } from './change-log.server';
import { checkUnitChoice } from './units.server';

export async function listKeywords(db: DbOrTx = getDb()) {
  return await db
    .select({
      id: s.routingKeywords.id,
      keyword: s.routingKeywords.keyword,
      unitId: s.routingKeywords.unitId,
      unitName: s.units.name,
      unitNameEn: s.units.nameEn,
    })
    .from(s.routingKeywords)
    .innerJoin(s.units, eq(s.units.id, s.routingKeywords.unitId))
    .orderBy(asc(s.units.sortOrder), asc(s.routingKeywords.keyword));
}

async function saveKeyword(
  keywordId: number | null,
  value: KeywordValues,
  actor: Actor,
  db: DbOrTx,
): Promise<Outcome<{ id: number }>> {
  return await transaction(db, async (tx) => {
    const before =
      keywordId === null
        ? undefined
        : await first(tx.select().from(s.routingKeywords).where(eq(s.routingKeywords.id, keywordId)));
    if (keywordId !== null && !before) return fail({ form: 'admin.errors.notFound' });
    const errors = await checkUnitChoice(tx, value.unitId, before?.unitId ?? null, 'unitId');
    const others = (
      await tx
        .select({ id: s.routingKeywords.id, keyword: s.routingKeywords.keyword })
        .from(s.routingKeywords)
    ).filter((k) => k.id !== keywordId);
    if (
      matchesFolded(
        value.keyword,
        others.map((k) => k.keyword),
      )
    )
      errors.keyword = 'admin.errors.keywordTaken';
    if (Object.keys(errors).length) return fail(errors);
    if (before) {
      const changed = diff(before, value);
      if (Object.keys(changed).length) {
        await tx.update(s.routingKeywords).set(value).where(eq(s.routingKeywords.id, before.id));
        await recordChange(tx, actor, 'settings.keyword.update', 'routing_keyword', before.id, changed);
      }
      return { ok: true as const, value: { id: before.id } };
    }
    const row = await one(tx.insert(s.routingKeywords).values(value).returning({ id: s.routingKeywords.id }));
    await recordChange(tx, actor, 'settings.keyword.create', 'routing_keyword', row.id, value);
    return { ok: true as const, value: row };
  });
}

export const createKeyword = (value: KeywordValues, actor: Actor, db: DbOrTx = getDb()) =>
  saveKeyword(null, value, actor, db);
export const updateKeyword = (keywordId: number, value: KeywordValues, actor: Actor, db: DbOrTx = getDb()) =>
  saveKeyword(keywordId, value, actor, db);

export async function deleteKeyword(keywordId: number, actor: Actor, db: DbOrTx = getDb()): Promise<Outcome> {
  return await transaction(db, async (tx) => {
    const before = await first(
      tx.select().from(s.routingKeywords).where(eq(s.routingKeywords.id, keywordId)),
    );
    if (!before) return fail({ form: 'admin.errors.notFound' });
    await tx.delete(s.routingKeywords).where(eq(s.routingKeywords.id, keywordId));
    await recordChange(tx, actor, 'settings.keyword.delete', 'routing_keyword', keywordId, before);
    return { ok: true as const, value: null };
  });
}

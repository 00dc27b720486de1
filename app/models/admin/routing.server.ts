// Routing keywords: each suggests a unit for a PAKN whose text contains it (compared without diacritics).
import { asc, eq } from 'drizzle-orm';

import { type KeywordValues, matchesFolded } from '~/domain/admin/keywords';
import { type Actor, diff, fail, type Outcome } from '~/domain/admin/outcome';
import { type DbOrTx, getDb } from '~/utils/db.server';
import * as s from '~db/schema';

import { recordChange } from './change-log.server';
import { checkUnitChoice } from './units.server';

export function listKeywords(db: DbOrTx = getDb()) {
  return db
    .select({
      id: s.routingKeywords.id,
      keyword: s.routingKeywords.keyword,
      unitId: s.routingKeywords.unitId,
      unitName: s.units.name,
      unitNameEn: s.units.nameEn,
    })
    .from(s.routingKeywords)
    .innerJoin(s.units, eq(s.units.id, s.routingKeywords.unitId))
    .orderBy(asc(s.units.sortOrder), asc(s.routingKeywords.keyword))
    .all();
}

function saveKeyword(
  keywordId: number | null,
  value: KeywordValues,
  actor: Actor,
  db: DbOrTx,
): Outcome<{ id: number }> {
  return db.transaction((tx) => {
    const before =
      keywordId === null
        ? undefined
        : tx.select().from(s.routingKeywords).where(eq(s.routingKeywords.id, keywordId)).get();
    if (keywordId !== null && !before) return fail({ form: 'admin.errors.notFound' });
    const errors = checkUnitChoice(tx, value.unitId, before?.unitId ?? null, 'unitId');
    const others = tx
      .select({ id: s.routingKeywords.id, keyword: s.routingKeywords.keyword })
      .from(s.routingKeywords)
      .all()
      .filter((k) => k.id !== keywordId);
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
        tx.update(s.routingKeywords).set(value).where(eq(s.routingKeywords.id, before.id)).run();
        recordChange(tx, actor, 'settings.keyword.update', 'routing_keyword', before.id, changed);
      }
      return { ok: true as const, value: { id: before.id } };
    }
    const row = tx.insert(s.routingKeywords).values(value).returning({ id: s.routingKeywords.id }).get();
    recordChange(tx, actor, 'settings.keyword.create', 'routing_keyword', row.id, value);
    return { ok: true as const, value: row };
  });
}

export const createKeyword = (value: KeywordValues, actor: Actor, db: DbOrTx = getDb()) =>
  saveKeyword(null, value, actor, db);
export const updateKeyword = (keywordId: number, value: KeywordValues, actor: Actor, db: DbOrTx = getDb()) =>
  saveKeyword(keywordId, value, actor, db);

export function deleteKeyword(keywordId: number, actor: Actor, db: DbOrTx = getDb()): Outcome {
  return db.transaction((tx) => {
    const before = tx.select().from(s.routingKeywords).where(eq(s.routingKeywords.id, keywordId)).get();
    if (!before) return fail({ form: 'admin.errors.notFound' });
    tx.delete(s.routingKeywords).where(eq(s.routingKeywords.id, keywordId)).run();
    recordChange(tx, actor, 'settings.keyword.delete', 'routing_keyword', keywordId, before);
    return { ok: true as const, value: null };
  });
}

// Units: create, edit, delete (only a unit nothing refers to), each audited in its own transaction. A code is
// unique, and so is a name without diacritics or case (two units of one name could not be told apart in a list).
import { asc, count, eq, ne } from 'drizzle-orm';

import { matchesFolded } from '~/domain/admin/keywords';
import { type Actor, diff, fail, type FieldErrors, type Outcome } from '~/domain/admin/outcome';
import type { UnitValues } from '~/domain/admin/units';
import { type DbOrTx, first, getDb, one, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { recordChange } from './change-log.server';

/** Whether another unit (not `except`) has this name, compared without diacritics or case. */
async function nameTaken(tx: DbOrTx, name: string, except?: number): Promise<boolean> {
  const q = tx.select({ name: s.units.name }).from(s.units);
  const others = except === undefined ? await q : await q.where(ne(s.units.id, except));
  return matchesFolded(
    name,
    others.map((u) => u.name),
  );
}

/** The error of choosing `unitId` for `fieldName`: an inactive unit may stay where it is (`keep`), not be chosen anew. */
export async function checkUnitChoice(
  tx: DbOrTx,
  unitId: number | null,
  keep: number | null,
  fieldName: string,
): Promise<FieldErrors> {
  if (unitId === null) return {};
  const unit = await first(tx.select().from(s.units).where(eq(s.units.id, unitId)));
  if (!unit || (!unit.active && unitId !== keep)) return { [fieldName]: 'admin.errors.unitUnknown' };
  return {};
}

export async function createUnit(
  value: UnitValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Promise<Outcome<{ id: number }>> {
  return await transaction(db, async (tx) => {
    if (await first(tx.select({ id: s.units.id }).from(s.units).where(eq(s.units.code, value.code)))) {
      return fail({ code: 'admin.errors.codeTaken' });
    }
    if (await nameTaken(tx, value.name)) return fail({ name: 'admin.errors.nameTaken' });
    const row = await one(tx.insert(s.units).values(value).returning({ id: s.units.id }));
    await recordChange(tx, actor, 'settings.unit.create', 'unit', row.id, value);
    return { ok: true as const, value: row };
  });
}

export async function updateUnit(
  unitId: number,
  value: UnitValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Promise<Outcome> {
  return await transaction(db, async (tx) => {
    const before = await first(tx.select().from(s.units).where(eq(s.units.id, unitId)));
    if (!before) return fail({ form: 'admin.errors.notFound' });
    const clash = await first(
      tx.select({ id: s.units.id }).from(s.units).where(eq(s.units.code, value.code)),
    );
    if (clash && clash.id !== unitId) return fail({ code: 'admin.errors.codeTaken' });
    if (await nameTaken(tx, value.name, unitId)) return fail({ name: 'admin.errors.nameTaken' });
    const changed = diff(before, value);
    if (Object.keys(changed).length) {
      await tx.update(s.units).set(value).where(eq(s.units.id, unitId));
      await recordChange(tx, actor, 'settings.unit.update', 'unit', unitId, changed);
    }
    return { ok: true as const, value: null };
  });
}

/** Only a unit nothing refers to can be deleted; otherwise the message counts the references. */
export async function deleteUnit(unitId: number, actor: Actor, db: DbOrTx = getDb()): Promise<Outcome> {
  return await transaction(db, async (tx) => {
    const before = await first(tx.select().from(s.units).where(eq(s.units.id, unitId)));
    if (!before) return fail({ form: 'admin.errors.notFound' });
    const n = (q: { n: number } | undefined) => q?.n ?? 0;
    const refs = {
      fields: n(
        await first(tx.select({ n: count() }).from(s.fields).where(eq(s.fields.defaultUnitId, unitId))),
      ),
      pakn: n(await first(tx.select({ n: count() }).from(s.pakn).where(eq(s.pakn.unitId, unitId)))),
      users: n(await first(tx.select({ n: count() }).from(s.users).where(eq(s.users.unitId, unitId)))),
      keywords: n(
        await first(
          tx.select({ n: count() }).from(s.routingKeywords).where(eq(s.routingKeywords.unitId, unitId)),
        ),
      ),
    };
    if (refs.fields + refs.pakn + refs.users + refs.keywords > 0) {
      const params = Object.entries(refs)
        .map(([k, c]) => `${k}=${c}`)
        .join('|');
      return fail({ form: `admin.errors.unitInUse|${params}` });
    }
    await tx.delete(s.units).where(eq(s.units.id, unitId));
    await recordChange(tx, actor, 'settings.unit.delete', 'unit', unitId, before);
    return { ok: true as const, value: null };
  });
}

/** Every unit as a choice of a select (an inactive one stays selectable where it is already chosen). */
export async function listUnitChoices(db: DbOrTx = getDb()) {
  return await db
    .select({ id: s.units.id, name: s.units.name, nameEn: s.units.nameEn, active: s.units.active })
    .from(s.units)
    .orderBy(asc(s.units.sortOrder), asc(s.units.id));
}

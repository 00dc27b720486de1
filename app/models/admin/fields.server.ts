// Fields (lĩnh vực): create, edit, delete (only a field no PAKN uses), each audited in its own transaction.
import { count, eq } from 'drizzle-orm';

import type { FieldValues } from '~/domain/admin/fields';
import { type Actor, diff, fail, type Outcome } from '~/domain/admin/outcome';
import { type DbOrTx, first, getDb, one, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { recordChange } from './change-log.server';
import { checkUnitChoice } from './units.server';

export async function createField(
  value: FieldValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Promise<Outcome<{ id: number }>> {
  return await transaction(db, async (tx) => {
    const errors = await checkUnitChoice(tx, value.defaultUnitId, null, 'defaultUnitId');
    if (await first(tx.select({ id: s.fields.id }).from(s.fields).where(eq(s.fields.code, value.code)))) {
      errors.code = 'admin.errors.codeTaken';
    }
    if (Object.keys(errors).length) return fail(errors);
    const row = await one(tx.insert(s.fields).values(value).returning({ id: s.fields.id }));
    await recordChange(tx, actor, 'settings.field.create', 'field', row.id, value);
    return { ok: true as const, value: row };
  });
}

export async function updateField(
  fieldId: number,
  value: FieldValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Promise<Outcome> {
  return await transaction(db, async (tx) => {
    const before = await first(tx.select().from(s.fields).where(eq(s.fields.id, fieldId)));
    if (!before) return fail({ form: 'admin.errors.notFound' });
    const errors = await checkUnitChoice(tx, value.defaultUnitId, before.defaultUnitId, 'defaultUnitId');
    const clash = await first(
      tx.select({ id: s.fields.id }).from(s.fields).where(eq(s.fields.code, value.code)),
    );
    if (clash && clash.id !== fieldId) errors.code = 'admin.errors.codeTaken';
    if (Object.keys(errors).length) return fail(errors);
    const changed = diff(before, value);
    if (Object.keys(changed).length) {
      await tx.update(s.fields).set(value).where(eq(s.fields.id, fieldId));
      await recordChange(tx, actor, 'settings.field.update', 'field', fieldId, changed);
    }
    return { ok: true as const, value: null };
  });
}

export async function deleteField(fieldId: number, actor: Actor, db: DbOrTx = getDb()): Promise<Outcome> {
  return await transaction(db, async (tx) => {
    const before = await first(tx.select().from(s.fields).where(eq(s.fields.id, fieldId)));
    if (!before) return fail({ form: 'admin.errors.notFound' });
    const used =
      (await first(tx.select({ n: count() }).from(s.pakn).where(eq(s.pakn.fieldId, fieldId))))?.n ?? 0;
    if (used > 0) return fail({ form: `admin.errors.fieldInUse|pakn=${used}` });
    await tx.delete(s.fields).where(eq(s.fields.id, fieldId));
    await recordChange(tx, actor, 'settings.field.delete', 'field', fieldId, before);
    return { ok: true as const, value: null };
  });
}

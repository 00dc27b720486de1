// Fields (lĩnh vực): create, edit, delete (only a field no PAKN uses), each audited in its own transaction.
import { count, eq } from 'drizzle-orm';

import type { FieldValues } from '~/domain/admin/fields';
import { type Actor, diff, fail, type Outcome } from '~/domain/admin/outcome';
import { type DbOrTx, getDb } from '~/utils/db.server';
import * as s from '~db/schema';

import { recordChange } from './change-log.server';
import { checkUnitChoice } from './units.server';

export function createField(value: FieldValues, actor: Actor, db: DbOrTx = getDb()): Outcome<{ id: number }> {
  return db.transaction((tx) => {
    const errors = checkUnitChoice(tx, value.defaultUnitId, null, 'defaultUnitId');
    if (tx.select({ id: s.fields.id }).from(s.fields).where(eq(s.fields.code, value.code)).get()) {
      errors.code = 'admin.errors.codeTaken';
    }
    if (Object.keys(errors).length) return fail(errors);
    const row = tx.insert(s.fields).values(value).returning({ id: s.fields.id }).get();
    recordChange(tx, actor, 'settings.field.create', 'field', row.id, value);
    return { ok: true as const, value: row };
  });
}

export function updateField(
  fieldId: number,
  value: FieldValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Outcome {
  return db.transaction((tx) => {
    const before = tx.select().from(s.fields).where(eq(s.fields.id, fieldId)).get();
    if (!before) return fail({ form: 'admin.errors.notFound' });
    const errors = checkUnitChoice(tx, value.defaultUnitId, before.defaultUnitId, 'defaultUnitId');
    const clash = tx.select({ id: s.fields.id }).from(s.fields).where(eq(s.fields.code, value.code)).get();
    if (clash && clash.id !== fieldId) errors.code = 'admin.errors.codeTaken';
    if (Object.keys(errors).length) return fail(errors);
    const changed = diff(before, value);
    if (Object.keys(changed).length) {
      tx.update(s.fields).set(value).where(eq(s.fields.id, fieldId)).run();
      recordChange(tx, actor, 'settings.field.update', 'field', fieldId, changed);
    }
    return { ok: true as const, value: null };
  });
}

export function deleteField(fieldId: number, actor: Actor, db: DbOrTx = getDb()): Outcome {
  return db.transaction((tx) => {
    const before = tx.select().from(s.fields).where(eq(s.fields.id, fieldId)).get();
    if (!before) return fail({ form: 'admin.errors.notFound' });
    const used = tx.select({ n: count() }).from(s.pakn).where(eq(s.pakn.fieldId, fieldId)).get()?.n ?? 0;
    if (used > 0) return fail({ form: `admin.errors.fieldInUse|pakn=${used}` });
    tx.delete(s.fields).where(eq(s.fields.id, fieldId)).run();
    recordChange(tx, actor, 'settings.field.delete', 'field', fieldId, before);
    return { ok: true as const, value: null };
  });
}

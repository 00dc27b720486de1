// The competent external agencies a PAKN can be transferred to: a name is unique without diacritics or case,
// and an agency a PAKN was transferred to is deactivated rather than deleted.
import { asc, count, eq } from 'drizzle-orm';

import { matchesFolded } from '~/domain/admin/keywords';
import { type Actor, diff, fail, type Outcome } from '~/domain/admin/outcome';
import type { ExternalAgencyValues } from '~/domain/admin/transfer-agencies';
import { type DbOrTx, first, getDb, one, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { recordChange } from './change-log.server';

export async function listExternalAgencies({
  activeOnly = false,
  db = getDb(),
}: { activeOnly?: boolean; db?: DbOrTx } = {}) {
  const q = db.select().from(s.externalAgencies).orderBy(asc(s.externalAgencies.name));
  return activeOnly ? await q.where(eq(s.externalAgencies.active, true)) : await q;
}

export async function createExternalAgency(
  value: ExternalAgencyValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Promise<Outcome<{ id: number }>> {
  return await transaction(db, async (tx) => {
    const names = await tx.select({ name: s.externalAgencies.name }).from(s.externalAgencies);
    if (
      matchesFolded(
        value.name,
        names.map((a) => a.name),
      )
    )
      return fail({ name: 'admin.errors.nameTaken' });
    const row = await one(
      tx.insert(s.externalAgencies).values(value).returning({ id: s.externalAgencies.id }),
    );
    await recordChange(tx, actor, 'settings.external_agency.create', 'external_agency', row.id, value);
    return { ok: true as const, value: row };
  });
}

export async function updateExternalAgency(
  agencyId: number,
  value: ExternalAgencyValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Promise<Outcome> {
  return await transaction(db, async (tx) => {
    const all = await tx.select().from(s.externalAgencies);
    const before = all.find((a) => a.id === agencyId);
    if (!before) return fail({ form: 'admin.errors.notFound' });
    const others = all.filter((a) => a.id !== agencyId).map((a) => a.name);
    if (matchesFolded(value.name, others)) return fail({ name: 'admin.errors.nameTaken' });
    const changed = diff(before, value);
    if (Object.keys(changed).length) {
      await tx.update(s.externalAgencies).set(value).where(eq(s.externalAgencies.id, agencyId));
      await recordChange(tx, actor, 'settings.external_agency.update', 'external_agency', agencyId, changed);
    }
    return { ok: true as const, value: null };
  });
}

export async function deleteExternalAgency(
  agencyId: number,
  actor: Actor,
  db: DbOrTx = getDb(),
): Promise<Outcome> {
  return await transaction(db, async (tx) => {
    const before = await first(
      tx.select().from(s.externalAgencies).where(eq(s.externalAgencies.id, agencyId)),
    );
    if (!before) return fail({ form: 'admin.errors.notFound' });
    const used =
      (await first(tx.select({ n: count() }).from(s.pakn).where(eq(s.pakn.transferAgencyId, agencyId))))?.n ??
      0;
    if (used > 0) return fail({ form: `admin.errors.agencyInUse|pakn=${used}` });
    await tx.delete(s.externalAgencies).where(eq(s.externalAgencies.id, agencyId));
    await recordChange(tx, actor, 'settings.external_agency.delete', 'external_agency', agencyId, before);
    return { ok: true as const, value: null };
  });
}

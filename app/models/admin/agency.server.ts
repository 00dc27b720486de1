// The administrator's edit of the agency's own details (one row, id 1), audited with what changed.
import { eq } from 'drizzle-orm';

import type { AgencyValues } from '~/domain/admin/agency';
import { type Actor, diff, type Outcome } from '~/domain/admin/outcome';
import { getAgency } from '~/models/config.server';
import { type DbOrTx, getDb, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { recordChange } from './change-log.server';

export async function updateAgency(
  value: AgencyValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Promise<Outcome> {
  await transaction(db, async (tx) => {
    const before = await getAgency(tx);
    const changed = diff(before, value);
    if (Object.keys(changed).length === 0) return;
    await tx
      .update(s.agency)
      .set({ ...value, updatedAt: new Date() })
      .where(eq(s.agency.id, 1));
    await recordChange(tx, actor, 'settings.agency.update', 'agency', 1, changed);
  });
  return { ok: true, value: null };
}

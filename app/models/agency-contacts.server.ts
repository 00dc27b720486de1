// The agency's own contact details, which the personal-data check must not flag (issue 13.27): staff quote
// the agency's phone, hotline and e-mail, and units' e-mail addresses, in almost every answer.
import type { Tx } from '~/utils/db.server';
import { type DbOrTx, getDb } from '~/utils/db.server';
import * as s from '~db/schema';

export async function listAgencyContacts(db: DbOrTx | Tx = getDb()): Promise<string[]> {
  const agency = await db
    .select({ phone: s.agency.phone, hotline: s.agency.hotline, email: s.agency.email })
    .from(s.agency);
  const units = await db.select({ email: s.units.email }).from(s.units);
  return [...agency.flatMap((a) => [a.phone, a.hotline, a.email]), ...units.map((u) => u.email)].filter(
    (v) => v.trim() !== '',
  );
}

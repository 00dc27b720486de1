// The counts of the admin overview page.
import { count, eq, sql } from 'drizzle-orm';

import { type DbOrTx, getDb } from '~/utils/db.server';
import * as s from '~db/schema';

export function getAdminOverview(db: DbOrTx = getDb()) {
  const n = (q: { n: number } | undefined) => q?.n ?? 0;
  const year = new Date().getFullYear();
  const overridesIn = (y: number) =>
    n(
      db
        .select({ n: count() })
        .from(s.calendarOverrides)
        .where(sql`substr(${s.calendarOverrides.date}, 1, 4) = ${String(y)}`)
        .get(),
    );
  return {
    units: n(db.select({ n: count() }).from(s.units).where(eq(s.units.active, true)).get()),
    fields: n(db.select({ n: count() }).from(s.fields).where(eq(s.fields.active, true)).get()),
    keywords: n(db.select({ n: count() }).from(s.routingKeywords).get()),
    externalAgencies: n(
      db.select({ n: count() }).from(s.externalAgencies).where(eq(s.externalAgencies.active, true)).get(),
    ),
    overridesThisYear: overridesIn(year),
    overridesNextYear: overridesIn(year + 1),
    year,
  };
}

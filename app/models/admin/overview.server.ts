// The counts of the admin overview page.
import { count, eq, sql } from 'drizzle-orm';

import { type DbOrTx, first, getDb } from '~/utils/db.server';
import * as s from '~db/schema';

export async function getAdminOverview(db: DbOrTx = getDb()) {
  const n = (q: { n: number } | undefined) => q?.n ?? 0;
  const year = new Date().getFullYear();
  const overridesIn = async (y: number) =>
    n(
      await first(
        db
          .select({ n: count() })
          .from(s.calendarOverrides)
          .where(sql`substr(${s.calendarOverrides.date}, 1, 4) = ${String(y)}`),
      ),
    );
  return {
    units: n(await first(db.select({ n: count() }).from(s.units).where(eq(s.units.active, true)))),
    fields: n(await first(db.select({ n: count() }).from(s.fields).where(eq(s.fields.active, true)))),
    keywords: n(await first(db.select({ n: count() }).from(s.routingKeywords))),
    externalAgencies: n(
      await first(
        db.select({ n: count() }).from(s.externalAgencies).where(eq(s.externalAgencies.active, true)),
      ),
    ),
    overridesThisYear: await overridesIn(year),
    overridesNextYear: await overridesIn(year + 1),
    year,
  };
}

// Seeds the agency configuration on first start (an empty agency table), never overwriting edits.
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';

import { DEFAULT_CALENDAR_OVERRIDES } from '~/domain/calendar-defaults';
import { DEFAULT_DEADLINE_RULES } from '~/domain/deadlines';
import { seededSettings } from '~/domain/settings';
import type { Db } from '~/utils/db.server';

import * as s from './schema';
import { DEMO_AGENCY, DEMO_EXTERNAL_AGENCIES, DEMO_FIELDS, DEMO_KEYWORDS, DEMO_UNITS } from './seed-data';

export function seedConfiguration(db: BetterSQLite3Database<typeof s>) {
  if (db.select({ id: s.agency.id }).from(s.agency).get()) return;
  db.transaction((tx) => {
    tx.insert(s.agency).values(DEMO_AGENCY).run();
    const unitIds = new Map<string, number>();
    for (const u of DEMO_UNITS) {
      const row = tx.insert(s.units).values(u).returning({ id: s.units.id }).get();
      unitIds.set(u.code, row.id);
    }
    for (const { unit, ...f } of DEMO_FIELDS) {
      tx.insert(s.fields)
        .values({ ...f, defaultUnitId: unitIds.get(unit) ?? null })
        .run();
    }
    for (const k of DEMO_KEYWORDS) {
      tx.insert(s.routingKeywords)
        .values({ keyword: k.keyword, unitId: unitIds.get(k.unit)! })
        .run();
    }
    tx.insert(s.externalAgencies).values(DEMO_EXTERNAL_AGENCIES).run();
    for (const r of Object.values(DEFAULT_DEADLINE_RULES)) {
      tx.insert(s.deadlineRules).values({ key: r.key, days: r.days, unit: r.unit, basis: r.basis }).run();
    }
    for (const o of DEFAULT_CALENDAR_OVERRIDES) {
      tx.insert(s.calendarOverrides).values(o).onConflictDoNothing().run();
    }
    for (const row of seededSettings()) tx.insert(s.settings).values(row).run();
  });
}

/**
 * The same configuration on PostgreSQL, through the async layer (SQLite seeds synchronously in openDatabase,
 * before anything else runs). The caller holds the migration lock, so two processes starting together seed once;
 * like the SQLite seed, it writes nothing once an agency exists.
 */
export async function seedConfigurationAsync(db: Db): Promise<void> {
  const [existing] = await db.select({ id: s.agency.id }).from(s.agency).limit(1);
  if (existing) return;
  await db.transaction(async (tx) => {
    await tx.insert(s.agency).values(DEMO_AGENCY);
    const unitIds = new Map<string, number>();
    for (const u of DEMO_UNITS) {
      const [row] = await tx.insert(s.units).values(u).returning({ id: s.units.id });
      if (row) unitIds.set(u.code, row.id);
    }
    for (const { unit, ...f } of DEMO_FIELDS) {
      await tx.insert(s.fields).values({ ...f, defaultUnitId: unitIds.get(unit) ?? null });
    }
    for (const k of DEMO_KEYWORDS) {
      await tx.insert(s.routingKeywords).values({ keyword: k.keyword, unitId: unitIds.get(k.unit)! });
    }
    await tx.insert(s.externalAgencies).values(DEMO_EXTERNAL_AGENCIES);
    for (const r of Object.values(DEFAULT_DEADLINE_RULES)) {
      await tx.insert(s.deadlineRules).values({ key: r.key, days: r.days, unit: r.unit, basis: r.basis });
    }
    for (const o of DEFAULT_CALENDAR_OVERRIDES) {
      await tx.insert(s.calendarOverrides).values(o).onConflictDoNothing();
    }
    for (const row of seededSettings()) await tx.insert(s.settings).values(row);
  });
}

// The `settings` table, read and written only through the typed map of app/domain/settings.ts.
import { eq } from 'drizzle-orm';

import { checkSetting, parseSetting, type SettingKey, type SettingValue } from '~/domain/settings';
import { type DbOrTx, first, getDb } from '~/utils/db.server';
import * as s from '~db/schema';

/** The stored value of `key`, or its declared fallback when the row is missing or not of its type. */
export async function getSetting<K extends SettingKey>(
  key: K,
  db: DbOrTx = getDb(),
): Promise<SettingValue<K>> {
  const row = await first(
    db.select({ value: s.settings.value }).from(s.settings).where(eq(s.settings.key, key)),
  );
  return parseSetting(key, row?.value);
}

export async function setSetting<K extends SettingKey>(key: K, value: SettingValue<K>, db: DbOrTx = getDb()) {
  const json = JSON.stringify(checkSetting(key, value));
  await db
    .insert(s.settings)
    .values({ key, value: json })
    .onConflictDoUpdate({ target: s.settings.key, set: { value: json } });
}

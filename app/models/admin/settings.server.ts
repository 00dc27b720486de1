// The `settings` table, read and written only through the typed map of app/domain/settings.ts.
import { eq } from 'drizzle-orm';

import { checkSetting, parseSetting, type SettingKey, type SettingValue } from '~/domain/settings';
import { type DbOrTx, getDb } from '~/utils/db.server';
import * as s from '~db/schema';

/** The stored value of `key`, or its declared fallback when the row is missing or not of its type. */
export function getSetting<K extends SettingKey>(key: K, db: DbOrTx = getDb()): SettingValue<K> {
  const row = db.select({ value: s.settings.value }).from(s.settings).where(eq(s.settings.key, key)).get();
  return parseSetting(key, row?.value);
}

export function setSetting<K extends SettingKey>(key: K, value: SettingValue<K>, db: DbOrTx = getDb()) {
  const json = JSON.stringify(checkSetting(key, value));
  db.insert(s.settings)
    .values({ key, value: json })
    .onConflictDoUpdate({ target: s.settings.key, set: { value: json } })
    .run();
}

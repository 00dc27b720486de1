// Every row of the `settings` table, declared once: its key, the zod type its JSON value must have, and the
// value used when the row is missing or does not match (an edited database, an install older than the key).
// `getSetting(key)` / `setSetting(key, value)` (models/admin/settings.server.ts) are typed by this map, so a
// setting is never read by an untyped string key. `seeded` rows are written on first start (db/seed.ts);
// the others are state the portal records as it runs.
import { z } from 'zod';

import { BUILT_IN_SCHEDULE, DEFAULT_OFFICIAL_YEARS } from './calendar-defaults';
import { ROLES } from './permissions';

/** A whole number; a numeric string (a hand-edited row) is read as its number. */
const wholeNumber = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ])
  .pipe(z.number().int());

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const officialYearSchema = z.object({ year: z.number().int(), reference: z.string() });
export type OfficialYear = z.output<typeof officialYearSchema>;

function setting<S extends z.ZodTypeAny>(schema: S, fallback: z.output<S>, seeded = true) {
  return { schema, fallback, seeded };
}

const DECLARED = {
  // [policy] limits of the public forms (README "Policy settings"); the admin page bounds them further
  'intake.maxAttachments': setting(wholeNumber, 5),
  'intake.maxFileMb': setting(wholeNumber, 10),
  'intake.submissionsPerIpPerHour': setting(wholeNumber, 10),
  /** calls per API key per minute (JSON API and Open311); not seeded: the fallback holds until a row is written */
  'api.requestsPerMinute': setting(wholeNumber, 120, false),
  /** staff intake refuses a receipt date before 1 January of this year (app/domain/receipt-date.ts) */
  'intake.earliestReceiptYear': setting(wholeNumber, 2020),
  /** disk the files of unsent drafts may take, from one network address and from everyone */
  'intake.draftStoragePerAddressMb': setting(wholeNumber, 100),
  'intake.draftStorageTotalMb': setting(wholeNumber, 2048),
  'followup.attemptsPer15Min': setting(wholeNumber, 10),
  'report.cutoffDay': setting(wholeNumber, 15),
  'feedback.reconsiderationDays': setting(wholeNumber, 15),
  'security.totpRequiredRoles': setting(z.array(z.enum(ROLES)), []),
  // an extension (spec §6) is a request the approver decides; false: handlers and coordinators extend directly
  'workflow.extensionNeedsApproval': setting(z.boolean(), true),
  // Years whose official holiday schedule is entered; from 1 October administrators are warned about the next.
  'calendar.officialYears': setting(
    z.array(officialYearSchema),
    DEFAULT_OFFICIAL_YEARS.map((year) => ({
      year,
      reference: BUILT_IN_SCHEDULE,
    })),
  ),
  // document numbers (NĐ 30/2020): 01/TB-SKHCN, 01/SKHCN-TTHC; the unit drafts letters of PAKN not yet assigned
  'documents.agencyAbbreviation': setting(z.string(), 'SKHCN'),
  'documents.draftingUnit': setting(z.string(), 'TTHC'),
  /** the last missing-schedule reminder mailed to administrators (models/admin/calendar-schedule.server.ts) */
  'calendar.scheduleWarningSent': setting(
    z.object({ year: z.number().int(), date: localDate }).nullable(),
    null,
    false,
  ),
  /** unit id → the local day its daily digest was last sent */
  'digest.lastSent': setting(z.record(z.string(), z.string()), {}, false),
};

export type SettingKey = keyof typeof DECLARED;
type SettingTypes = { [K in SettingKey]: z.output<(typeof DECLARED)[K]['schema']> };
export type SettingValue<K extends SettingKey> = SettingTypes[K];

type Declaration<T> = { schema: z.ZodType<T, z.ZodTypeDef, unknown>; fallback: T; seeded: boolean };
/** The map as a mapped type, so that `SETTINGS[key]` keeps the type of its own key. */
export const SETTINGS: { [K in SettingKey]: Declaration<SettingTypes[K]> } = DECLARED;

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

export const SETTING_KEYS: SettingKey[] = Object.keys(SETTINGS).filter(isSettingKey);

/** Checks a value before it is written; throws on a value of the wrong type (a programming error). */
export function checkSetting<K extends SettingKey>(key: K, value: SettingValue<K>): SettingValue<K> {
  return SETTINGS[key].schema.parse(value);
}

/** The stored JSON text of a row read as its key's type; the fallback when it is missing or wrong. */
export function parseSetting<K extends SettingKey>(key: K, stored: string | undefined): SettingValue<K> {
  const { schema, fallback } = SETTINGS[key];
  if (stored === undefined) return fallback;
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    return fallback;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : fallback;
}

/** The rows written on first start: key → JSON text. */
export function seededSettings(): Array<{ key: SettingKey; value: string }> {
  return SETTING_KEYS.filter((key) => SETTINGS[key].seeded).map((key) => ({
    key,
    value: JSON.stringify(SETTINGS[key].fallback),
  }));
}

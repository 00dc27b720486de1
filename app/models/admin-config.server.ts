// The administrator's edits of the agency configuration. Every write is validated here (zod, messages are
// i18n keys), runs in one transaction with its audit entry, and — for the calendar and the deadline rules —
// recomputes the due dates of open PAKN in that same transaction.
import type { TFunction } from 'i18next';
import { asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '~db/schema';
import { DEFAULT_SETTINGS } from '~db/seed-data';
import { createWorkingCalendar } from '~/domain/calendar';
import { addCalendarDays, isValidLocalDate, WEEKEND_LABELS, type CalendarOverride } from '~/domain/dates';
import { DEFAULT_DEADLINE_RULES, type DeadlineKey } from '~/domain/deadlines';
import { ROLES, type Role } from '~/domain/permissions';
import { foldVietnamese } from '~/domain/routing';
import { cleanLine, cleanText } from '~/domain/text';
import { audit } from './audit.server';
import { getAgency, getCalendar, getSetting, invalidateCalendar, setSetting } from './config.server';
import { recomputeOpenDueDates } from './deadlines.server';
import { getDb, type Db, type DbOrTx } from '~/utils/db.server';
import type { Tx } from '~/utils/db.server';

export type Actor = { userId: number; ip?: string };
/** field name → message: an i18n key, optionally followed by `|name=value` parameters */
export type FieldErrors = Record<string, string>;
export type Outcome<T = null> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

// ---------------------------------------------------------------------------------------------- form helpers

/** The string fields of a posted form; a repeated name keeps its last value except for the names in `lists`. */
export function formToValues(form: FormData, lists: string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
    out[key] = lists.includes(key) ? all : (all[all.length - 1] ?? '');
  }
  return out;
}

export function translateError(t: TFunction, message: string): string {
  const [key = 'admin.errors.invalid', ...params] = message.split('|');
  return t(key, Object.fromEntries(params.map((p) => p.split('=') as [string, string])));
}

export function translateErrors(t: TFunction, errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, m]) => [k, translateError(t, m)]));
}

function fail(errors: FieldErrors): { ok: false; errors: FieldErrors } {
  return { ok: false, errors };
}

function validate<S extends z.ZodTypeAny>(schema: S, input: unknown): Outcome<z.output<S>> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return fail(errors);
}

function record(
  tx: Tx,
  actor: Actor,
  action: string,
  targetType: string,
  targetId: string | number | undefined,
  detail: Record<string, unknown>,
) {
  audit({ actorUserId: actor.userId, ip: actor.ip, action, targetType, targetId, detail }, tx);
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) changed[k] = { from: before[k], to: v };
  return changed;
}

// ---------------------------------------------------------------------------------------------- zod pieces

const REQUIRED = 'admin.errors.required';
const tooLong = (max: number) => `admin.errors.tooLong|max=${max}`;

const str = z.string({ required_error: REQUIRED, invalid_type_error: REQUIRED });
const text = (max: number) =>
  str.transform(cleanLine).pipe(z.string().min(1, REQUIRED).max(max, tooLong(max)));
const optText = (max: number) =>
  z
    .string({ invalid_type_error: 'admin.errors.invalid' })
    .optional()
    .transform((v) => (v ? cleanLine(v) : ''))
    .pipe(z.string().max(max, tooLong(max)));
const longText = (max: number) =>
  str.transform(cleanText).pipe(z.string().min(1, REQUIRED).max(max, tooLong(max)));

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const email = text(254).refine((v) => EMAIL_RE.test(v), 'admin.errors.email');
const optEmail = optText(254).refine((v) => v === '' || EMAIL_RE.test(v), 'admin.errors.email');

const int = (min: number, max: number, fallback?: number) =>
  z
    .union([z.string(), z.number()], { errorMap: () => ({ message: REQUIRED }) })
    .optional()
    .transform((v) => (v === undefined ? '' : String(v).trim()))
    .transform((v) => (v === '' && fallback !== undefined ? String(fallback) : v))
    .pipe(
      z
        .string()
        .min(1, REQUIRED)
        .regex(/^-?\d+$/, 'admin.errors.integer'),
    )
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `admin.errors.range|min=${min}|max=${max}`)
        .max(max, `admin.errors.range|min=${min}|max=${max}`),
    );

const code = (max: number) =>
  text(max)
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9_-]*$/, 'admin.errors.code'));

const checkbox = z
  .unknown()
  .optional()
  .transform((v) => v === 'on' || v === 'true' || v === '1' || v === true);

const optId = z
  .string()
  .optional()
  .transform((v) => (v ? v.trim() : ''))
  .pipe(z.string().regex(/^(\d+)?$/, 'admin.errors.invalid'))
  .transform((v) => (v === '' ? null : Number(v)));
const id = (message = REQUIRED) => optId.refine((v) => v !== null, message).transform((v) => v as number);

const isoDate = str
  .transform((v) => v.trim())
  .pipe(z.string().min(1, REQUIRED))
  .refine((v) => isValidLocalDate(v) && v >= '2000-01-01' && v <= '2100-12-31', 'admin.errors.date');

// ---------------------------------------------------------------------------------------------- agency

export const agencySchema = z.object({
  name: text(200),
  nameEn: text(200),
  parentName: optText(200),
  address: text(300),
  phone: text(50),
  hotline: text(50),
  email,
  website: optText(200).refine((v) => v === '' || /^https?:\/\/[^\s]+\.[^\s]+$/.test(v), 'admin.errors.url'),
  officeHours: longText(300),
  officeHoursEn: longText(300),
  // PAKN_CODE_PATTERN accepts 1–12 capital letters or digits before the year.
  codePrefix: text(12)
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{1,12}$/, 'admin.errors.codePrefix')),
  province: optText(100),
  signerTitle: optText(100),
  signerName: optText(120),
});

export function updateAgency(input: unknown, actor: Actor, db: DbOrTx = getDb()): Outcome {
  const v = validate(agencySchema, input);
  if (!v.ok) return v;
  db.transaction((tx) => {
    const before = getAgency(tx);
    const changed = diff(before, v.value);
    if (Object.keys(changed).length === 0) return;
    tx.update(s.agency)
      .set({ ...v.value, updatedAt: new Date() })
      .where(eq(s.agency.id, 1))
      .run();
    record(tx, actor, 'settings.agency.update', 'agency', 1, changed);
  });
  return { ok: true, value: null };
}

// ---------------------------------------------------------------------------------------------- units

export const unitSchema = z.object({
  code: code(20),
  name: text(200),
  nameEn: text(200),
  email,
  sortOrder: int(0, 999, 0),
  active: checkbox,
});

export function createUnit(input: unknown, actor: Actor, db: DbOrTx = getDb()): Outcome<{ id: number }> {
  const v = validate(unitSchema, input);
  if (!v.ok) return v;
  return db.transaction((tx) => {
    if (tx.select({ id: s.units.id }).from(s.units).where(eq(s.units.code, v.value.code)).get()) {
      return fail({ code: 'admin.errors.codeTaken' });
    }
    const row = tx.insert(s.units).values(v.value).returning({ id: s.units.id }).get();
    record(tx, actor, 'settings.unit.create', 'unit', row.id, v.value);
    return { ok: true as const, value: row };
  });
}

export function updateUnit(unitId: number, input: unknown, actor: Actor, db: DbOrTx = getDb()): Outcome {
  const v = validate(unitSchema, input);
  if (!v.ok) return v;
  return db.transaction((tx) => {
    const before = tx.select().from(s.units).where(eq(s.units.id, unitId)).get();
    if (!before) return fail({ form: 'admin.errors.notFound' });
    const clash = tx.select({ id: s.units.id }).from(s.units).where(eq(s.units.code, v.value.code)).get();
    if (clash && clash.id !== unitId) return fail({ code: 'admin.errors.codeTaken' });
    const changed = diff(before, v.value);
    if (Object.keys(changed).length) {
      tx.update(s.units).set(v.value).where(eq(s.units.id, unitId)).run();
      record(tx, actor, 'settings.unit.update', 'unit', unitId, changed);
    }
    return { ok: true as const, value: null };
  });
}

/** Only a unit nothing refers to can be deleted; otherwise the message counts the references. */
export function deleteUnit(unitId: number, actor: Actor, db: DbOrTx = getDb()): Outcome {
  return db.transaction((tx) => {
    const before = tx.select().from(s.units).where(eq(s.units.id, unitId)).get();
    if (!before) return fail({ form: 'admin.errors.notFound' });
    const refs = {
      fields:
        tx.select({ n: count() }).from(s.fields).where(eq(s.fields.defaultUnitId, unitId)).get()?.n ?? 0,
      pakn: tx.select({ n: count() }).from(s.pakn).where(eq(s.pakn.unitId, unitId)).get()?.n ?? 0,
      users: tx.select({ n: count() }).from(s.users).where(eq(s.users.unitId, unitId)).get()?.n ?? 0,
      keywords:
        tx.select({ n: count() }).from(s.routingKeywords).where(eq(s.routingKeywords.unitId, unitId)).get()
          ?.n ?? 0,
    };
    if (refs.fields + refs.pakn + refs.users + refs.keywords > 0) {
      const params = Object.entries(refs)
        .map(([k, c]) => `${k}=${c}`)
        .join('|');
      return fail({ form: `admin.errors.unitInUse|${params}` });
    }
    tx.delete(s.units).where(eq(s.units.id, unitId)).run();
    record(tx, actor, 'settings.unit.delete', 'unit', unitId, before);
    return { ok: true as const, value: null };
  });
}

// ---------------------------------------------------------------------------------------------- fields

export const fieldSchema = z.object({
  code: code(20),
  name: text(200),
  nameEn: text(200),
  defaultUnitId: optId,
  sortOrder: int(0, 999, 0),
  active: checkbox,
});

function checkUnitChoice(tx: Tx, unitId: number | null, keep: number | null, fieldName: string): FieldErrors {
  if (unitId === null) return {};
  const unit = tx.select().from(s.units).where(eq(s.units.id, unitId)).get();
  // An inactive unit may stay where it already is, but is not chosen anew.
  if (!unit || (!unit.active && unitId !== keep)) return { [fieldName]: 'admin.errors.unitUnknown' };
  return {};
}

export function createField(input: unknown, actor: Actor, db: DbOrTx = getDb()): Outcome<{ id: number }> {
  const v = validate(fieldSchema, input);
  if (!v.ok) return v;
  return db.transaction((tx) => {
    const errors = checkUnitChoice(tx, v.value.defaultUnitId, null, 'defaultUnitId');
    if (tx.select({ id: s.fields.id }).from(s.fields).where(eq(s.fields.code, v.value.code)).get()) {
      errors.code = 'admin.errors.codeTaken';
    }
    if (Object.keys(errors).length) return fail(errors);
    const row = tx.insert(s.fields).values(v.value).returning({ id: s.fields.id }).get();
    record(tx, actor, 'settings.field.create', 'field', row.id, v.value);
    return { ok: true as const, value: row };
  });
}

export function updateField(fieldId: number, input: unknown, actor: Actor, db: DbOrTx = getDb()): Outcome {
  const v = validate(fieldSchema, input);
  if (!v.ok) return v;
  return db.transaction((tx) => {
    const before = tx.select().from(s.fields).where(eq(s.fields.id, fieldId)).get();
    if (!before) return fail({ form: 'admin.errors.notFound' });
    const errors = checkUnitChoice(tx, v.value.defaultUnitId, before.defaultUnitId, 'defaultUnitId');
    const clash = tx.select({ id: s.fields.id }).from(s.fields).where(eq(s.fields.code, v.value.code)).get();
    if (clash && clash.id !== fieldId) errors.code = 'admin.errors.codeTaken';
    if (Object.keys(errors).length) return fail(errors);
    const changed = diff(before, v.value);
    if (Object.keys(changed).length) {
      tx.update(s.fields).set(v.value).where(eq(s.fields.id, fieldId)).run();
      record(tx, actor, 'settings.field.update', 'field', fieldId, changed);
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
    record(tx, actor, 'settings.field.delete', 'field', fieldId, before);
    return { ok: true as const, value: null };
  });
}

// ---------------------------------------------------------------------------------------------- routing keywords

export const keywordSchema = z.object({
  keyword: text(100).refine((v) => foldVietnamese(v).length >= 2, 'admin.errors.keywordShort'),
  unitId: id(),
});

export function listKeywords(db: DbOrTx = getDb()) {
  return db
    .select({
      id: s.routingKeywords.id,
      keyword: s.routingKeywords.keyword,
      unitId: s.routingKeywords.unitId,
      unitName: s.units.name,
      unitNameEn: s.units.nameEn,
    })
    .from(s.routingKeywords)
    .innerJoin(s.units, eq(s.units.id, s.routingKeywords.unitId))
    .orderBy(asc(s.units.sortOrder), asc(s.routingKeywords.keyword))
    .all();
}

function saveKeyword(
  keywordId: number | null,
  input: unknown,
  actor: Actor,
  db: DbOrTx,
): Outcome<{ id: number }> {
  const v = validate(keywordSchema, input);
  if (!v.ok) return v;
  return db.transaction((tx) => {
    const before =
      keywordId === null
        ? undefined
        : tx.select().from(s.routingKeywords).where(eq(s.routingKeywords.id, keywordId)).get();
    if (keywordId !== null && !before) return fail({ form: 'admin.errors.notFound' });
    const errors = checkUnitChoice(tx, v.value.unitId, before?.unitId ?? null, 'unitId');
    const folded = foldVietnamese(v.value.keyword);
    const clash = tx
      .select({ id: s.routingKeywords.id, keyword: s.routingKeywords.keyword })
      .from(s.routingKeywords)
      .all()
      .find((k) => k.id !== keywordId && foldVietnamese(k.keyword) === folded);
    if (clash) errors.keyword = 'admin.errors.keywordTaken';
    if (Object.keys(errors).length) return fail(errors);
    if (before) {
      const changed = diff(before, v.value);
      if (Object.keys(changed).length) {
        tx.update(s.routingKeywords).set(v.value).where(eq(s.routingKeywords.id, before.id)).run();
        record(tx, actor, 'settings.keyword.update', 'routing_keyword', before.id, changed);
      }
      return { ok: true as const, value: { id: before.id } };
    }
    const row = tx.insert(s.routingKeywords).values(v.value).returning({ id: s.routingKeywords.id }).get();
    record(tx, actor, 'settings.keyword.create', 'routing_keyword', row.id, v.value);
    return { ok: true as const, value: row };
  });
}

export const createKeyword = (input: unknown, actor: Actor, db: DbOrTx = getDb()) =>
  saveKeyword(null, input, actor, db);
export const updateKeyword = (keywordId: number, input: unknown, actor: Actor, db: DbOrTx = getDb()) =>
  saveKeyword(keywordId, input, actor, db);

export function deleteKeyword(keywordId: number, actor: Actor, db: DbOrTx = getDb()): Outcome {
  return db.transaction((tx) => {
    const before = tx.select().from(s.routingKeywords).where(eq(s.routingKeywords.id, keywordId)).get();
    if (!before) return fail({ form: 'admin.errors.notFound' });
    tx.delete(s.routingKeywords).where(eq(s.routingKeywords.id, keywordId)).run();
    record(tx, actor, 'settings.keyword.delete', 'routing_keyword', keywordId, before);
    return { ok: true as const, value: null };
  });
}

// ---------------------------------------------------------------------------------------------- external agencies

export const externalAgencySchema = z.object({
  name: text(200),
  address: optText(300),
  email: optEmail,
  note: optText(500),
  active: checkbox,
});

export function listExternalAgencies({
  activeOnly = false,
  db = getDb(),
}: { activeOnly?: boolean; db?: DbOrTx } = {}) {
  const q = db.select().from(s.externalAgencies).orderBy(asc(s.externalAgencies.name));
  return activeOnly ? q.where(eq(s.externalAgencies.active, true)).all() : q.all();
}

export function createExternalAgency(
  input: unknown,
  actor: Actor,
  db: DbOrTx = getDb(),
): Outcome<{ id: number }> {
  const v = validate(externalAgencySchema, input);
  if (!v.ok) return v;
  return db.transaction((tx) => {
    const folded = foldVietnamese(v.value.name);
    if (
      tx
        .select()
        .from(s.externalAgencies)
        .all()
        .some((a) => foldVietnamese(a.name) === folded)
    ) {
      return fail({ name: 'admin.errors.nameTaken' });
    }
    const row = tx.insert(s.externalAgencies).values(v.value).returning({ id: s.externalAgencies.id }).get();
    record(tx, actor, 'settings.external_agency.create', 'external_agency', row.id, v.value);
    return { ok: true as const, value: row };
  });
}

export function updateExternalAgency(
  agencyId: number,
  input: unknown,
  actor: Actor,
  db: DbOrTx = getDb(),
): Outcome {
  const v = validate(externalAgencySchema, input);
  if (!v.ok) return v;
  return db.transaction((tx) => {
    const all = tx.select().from(s.externalAgencies).all();
    const before = all.find((a) => a.id === agencyId);
    if (!before) return fail({ form: 'admin.errors.notFound' });
    const folded = foldVietnamese(v.value.name);
    if (all.some((a) => a.id !== agencyId && foldVietnamese(a.name) === folded))
      return fail({ name: 'admin.errors.nameTaken' });
    const changed = diff(before, v.value);
    if (Object.keys(changed).length) {
      tx.update(s.externalAgencies).set(v.value).where(eq(s.externalAgencies.id, agencyId)).run();
      record(tx, actor, 'settings.external_agency.update', 'external_agency', agencyId, changed);
    }
    return { ok: true as const, value: null };
  });
}

export function deleteExternalAgency(agencyId: number, actor: Actor, db: DbOrTx = getDb()): Outcome {
  return db.transaction((tx) => {
    const before = tx.select().from(s.externalAgencies).where(eq(s.externalAgencies.id, agencyId)).get();
    if (!before) return fail({ form: 'admin.errors.notFound' });
    const used =
      tx.select({ n: count() }).from(s.pakn).where(eq(s.pakn.transferAgencyId, agencyId)).get()?.n ?? 0;
    if (used > 0) return fail({ form: `admin.errors.agencyInUse|pakn=${used}` });
    tx.delete(s.externalAgencies).where(eq(s.externalAgencies.id, agencyId)).run();
    record(tx, actor, 'settings.external_agency.delete', 'external_agency', agencyId, before);
    return { ok: true as const, value: null };
  });
}

// ---------------------------------------------------------------------------------------------- deadline rules

export const DEADLINE_KEYS = Object.keys(DEFAULT_DEADLINE_RULES) as DeadlineKey[];

export const deadlineRuleSchema = z.object({
  key: z.enum(DEADLINE_KEYS as [DeadlineKey, ...DeadlineKey[]], {
    errorMap: () => ({ message: 'admin.errors.invalid' }),
  }),
  days: int(1, 365),
  unit: z.enum(['working', 'calendar'], { errorMap: () => ({ message: 'admin.errors.dayUnit' }) }),
  basis: text(300),
});

/** Changes one rule and recomputes the due dates of open PAKN; `value.recomputed` counts the PAKN moved. */
export function updateDeadlineRule(
  input: unknown,
  actor: Actor,
  db: DbOrTx = getDb(),
): Outcome<{ recomputed: number }> {
  const v = validate(deadlineRuleSchema, input);
  if (!v.ok) return v;
  try {
    return db.transaction((tx) => {
      const before = tx.select().from(s.deadlineRules).where(eq(s.deadlineRules.key, v.value.key)).get();
      const { days, unit, basis } = v.value;
      const changed = diff(before ?? {}, { days, unit, basis });
      if (Object.keys(changed).length === 0) return { ok: true as const, value: { recomputed: 0 } };
      tx.insert(s.deadlineRules)
        .values(v.value)
        .onConflictDoUpdate({ target: s.deadlineRules.key, set: { days, unit, basis } })
        .run();
      const recomputed = recomputeOpenDueDates(tx, { actorUserId: actor.userId });
      record(tx, actor, 'settings.deadline_rule.update', 'deadline_rule', v.value.key, {
        ...changed,
        recomputed,
      });
      return { ok: true as const, value: { recomputed } };
    });
  } finally {
    invalidateCalendar();
  }
}

// ---------------------------------------------------------------------------------------------- calendar

export const calendarOverrideSchema = z.object({
  date: isoDate,
  kind: z.enum(['off', 'work'], { errorMap: () => ({ message: 'admin.errors.overrideKind' }) }),
  note: text(200),
});

export type CalendarYear = {
  year: number;
  overrides: CalendarOverride[];
  /** days the holiday library marks off, and whether an override replaces them */
  holidays: Array<{ date: string; name: string; overridden: boolean }>;
  workingDays: number;
};

export function getCalendarYear(year: number, db: DbOrTx = getDb()): CalendarYear {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const overrides = db
    .select({
      date: s.calendarOverrides.date,
      kind: s.calendarOverrides.kind,
      note: s.calendarOverrides.note,
    })
    .from(s.calendarOverrides)
    .where(sql`${s.calendarOverrides.date} BETWEEN ${from} AND ${to}`)
    .orderBy(asc(s.calendarOverrides.date))
    .all();
  const overridden = new Set(overrides.map((o) => o.date));
  const library = createWorkingCalendar([]);
  const calendar = getCalendar(db);
  const holidays: CalendarYear['holidays'] = [];
  let workingDays = 0;
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) {
    const reason = library.offReason(d);
    if (reason !== null && !WEEKEND_LABELS.includes(reason))
      holidays.push({ date: d, name: reason, overridden: overridden.has(d) });
    if (calendar.isWorkingDay(d)) workingDays++;
  }
  return { year, overrides, holidays, workingDays };
}

/** Adds or replaces the override of a date, then recomputes the due dates of open PAKN. */
export function saveCalendarOverride(
  input: unknown,
  actor: Actor,
  db: DbOrTx = getDb(),
): Outcome<{ recomputed: number }> {
  const v = validate(calendarOverrideSchema, input);
  if (!v.ok) return v;
  try {
    return db.transaction((tx) => {
      const before = tx
        .select()
        .from(s.calendarOverrides)
        .where(eq(s.calendarOverrides.date, v.value.date))
        .get();
      tx.insert(s.calendarOverrides)
        .values(v.value)
        .onConflictDoUpdate({
          target: s.calendarOverrides.date,
          set: { kind: v.value.kind, note: v.value.note },
        })
        .run();
      const recomputed = recomputeOpenDueDates(tx, { actorUserId: actor.userId });
      record(
        tx,
        actor,
        before ? 'settings.calendar.update' : 'settings.calendar.create',
        'calendar_override',
        v.value.date,
        { ...(before ? diff(before, v.value) : v.value), recomputed },
      );
      return { ok: true as const, value: { recomputed } };
    });
  } finally {
    invalidateCalendar();
  }
}

export function deleteCalendarOverride(
  date: string,
  actor: Actor,
  db: DbOrTx = getDb(),
): Outcome<{ recomputed: number }> {
  try {
    return db.transaction((tx) => {
      const before = tx.select().from(s.calendarOverrides).where(eq(s.calendarOverrides.date, date)).get();
      if (!before) return fail({ form: 'admin.errors.notFound' });
      tx.delete(s.calendarOverrides).where(eq(s.calendarOverrides.date, date)).run();
      const recomputed = recomputeOpenDueDates(tx, { actorUserId: actor.userId });
      record(tx, actor, 'settings.calendar.delete', 'calendar_override', date, { ...before, recomputed });
      return { ok: true as const, value: { recomputed } };
    });
  } finally {
    invalidateCalendar();
  }
}

export const calculatorSchema = z.object({
  start: isoDate,
  days: int(0, 365),
  unit: z.enum(['working', 'calendar'], { errorMap: () => ({ message: 'admin.errors.dayUnit' }) }),
});

export function validateCalculator(input: unknown) {
  return validate(calculatorSchema, input);
}

// ---------------------------------------------------------------------------------------------- settings

/** The [policy] numbers an administrator may change; `name` is the form field. */
export const POLICY_SETTINGS = [
  { key: 'intake.maxAttachments', name: 'maxAttachments', min: 1, max: 20 },
  { key: 'intake.maxFileMb', name: 'maxFileMb', min: 1, max: 50 },
  { key: 'intake.submissionsPerIpPerHour', name: 'submissionsPerIpPerHour', min: 1, max: 1000 },
  { key: 'intake.draftStoragePerAddressMb', name: 'draftStoragePerAddressMb', min: 10, max: 10000 },
  { key: 'intake.draftStorageTotalMb', name: 'draftStorageTotalMb', min: 100, max: 100000 },
  { key: 'followup.attemptsPer15Min', name: 'followupAttempts', min: 1, max: 100 },
  // Day 29–31 does not exist in every month.
  { key: 'report.cutoffDay', name: 'reportCutoffDay', min: 1, max: 28 },
] as const;
export type PolicyName = (typeof POLICY_SETTINGS)[number]['name'];

export const policySchema = z.object(
  Object.fromEntries(POLICY_SETTINGS.map((p) => [p.name, int(p.min, p.max)])) as Record<
    PolicyName,
    ReturnType<typeof int>
  >,
);

export const TOTP_SETTING = 'security.totpRequiredRoles';
export const totpRolesSchema = z.object({
  roles: z
    .array(z.string())
    .optional()
    .transform((v) => v ?? [])
    .pipe(z.array(z.enum(ROLES, { errorMap: () => ({ message: 'admin.errors.role' }) })))
    .transform((roles) => ROLES.filter((r) => roles.includes(r))),
});

export function getPolicySettings(db: DbOrTx = getDb()): Record<PolicyName, number> {
  return Object.fromEntries(
    POLICY_SETTINGS.map((p) => [p.name, Number(getSetting(p.key, db) ?? DEFAULT_SETTINGS[p.key])]),
  ) as Record<PolicyName, number>;
}

export function getTotpRequiredRoles(db: DbOrTx = getDb()): Role[] {
  const value = getSetting<unknown>(TOTP_SETTING, db);
  return Array.isArray(value) ? ROLES.filter((r) => value.includes(r)) : [];
}

export function updatePolicySettings(input: unknown, actor: Actor, db: DbOrTx = getDb()): Outcome {
  const v = validate(policySchema, input);
  if (!v.ok) return v;
  db.transaction((tx) => {
    const before = getPolicySettings(tx);
    const changed = diff(before, v.value);
    if (Object.keys(changed).length === 0) return;
    for (const p of POLICY_SETTINGS) setSetting(p.key, v.value[p.name], tx);
    record(tx, actor, 'settings.policy.update', 'settings', undefined, changed);
  });
  return { ok: true, value: null };
}

export function updateTotpRequiredRoles(input: unknown, actor: Actor, db: DbOrTx = getDb()): Outcome<Role[]> {
  const v = validate(totpRolesSchema, input);
  if (!v.ok) return v;
  const roles = v.value.roles;
  db.transaction((tx) => {
    const before = getTotpRequiredRoles(tx);
    if (before.join() === roles.join()) return;
    setSetting(TOTP_SETTING, roles, tx);
    record(tx, actor, 'settings.totp_roles.update', 'settings', TOTP_SETTING, { from: before, to: roles });
  });
  return { ok: true, value: roles };
}

// ---------------------------------------------------------------------------------------------- overview

export function getAdminOverview(db: DbOrTx = getDb()) {
  const n = (q: { n: number } | undefined) => q?.n ?? 0;
  const year = new Date().getFullYear();
  return {
    units: n(db.select({ n: count() }).from(s.units).where(eq(s.units.active, true)).get()),
    fields: n(db.select({ n: count() }).from(s.fields).where(eq(s.fields.active, true)).get()),
    keywords: n(db.select({ n: count() }).from(s.routingKeywords).get()),
    externalAgencies: n(
      db.select({ n: count() }).from(s.externalAgencies).where(eq(s.externalAgencies.active, true)).get(),
    ),
    overridesThisYear: n(
      db
        .select({ n: count() })
        .from(s.calendarOverrides)
        .where(sql`substr(${s.calendarOverrides.date}, 1, 4) = ${String(year)}`)
        .get(),
    ),
    overridesNextYear: n(
      db
        .select({ n: count() })
        .from(s.calendarOverrides)
        .where(sql`substr(${s.calendarOverrides.date}, 1, 4) = ${String(year + 1)}`)
        .get(),
    ),
    year,
  };
}

// ---------------------------------------------------------------------------------------------- page helpers

const FLASH_KEYS = ['created', 'updated', 'deleted', 'saved'] as const;

/** The confirmation after a redirect: `?ok=<key>` and, after a calendar or rule change, `&n=<recomputed>`. */
export function flashFromUrl(t: TFunction, url: URL): string | null {
  const key = url.searchParams.get('ok');
  if (!key || !(FLASH_KEYS as readonly string[]).includes(key)) return null;
  const n = url.searchParams.get('n');
  const recomputed =
    n !== null && /^\d+$/.test(n) ? ` ${t('admin.flash.recomputed', { count: Number(n) })}` : '';
  return t(`admin.flash.${key}`) + recomputed;
}

/** A positive integer id from a form or query value, else null. */
export function parseId(value: unknown): number | null {
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : null;
}

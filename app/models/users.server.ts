// Staff accounts: the list, creation and validation, updates, sign-in bookkeeping (failed attempts and the
// lock) and TOTP secrets. Sessions are in sessions.server.ts, reset links in password-resets.server.ts.
import { and, asc, eq, ne, sql } from 'drizzle-orm';

import { checkPassword, type PasswordProblem } from '~/domain/password-policy';
import { isRole, type Role } from '~/domain/permissions';
import { randomToken } from '~/utils/crypto.server';
import { type Db, type DbOrTx, first, getDb, one, rawGet } from '~/utils/db.server';
import { hashPassword } from '~/utils/password-hash.server';
import * as s from '~db/schema';

export type User = typeof s.users.$inferSelect;

/** Sign-in lock: this many wrong passwords in a row lock the account for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL_RE.test(email);
}

// ---------------------------------------------------------------------------------------------
// Users

export async function findUserByEmail(email: string, db: DbOrTx = getDb()): Promise<User | undefined> {
  return await first(
    db
      .select()
      .from(s.users)
      .where(eq(s.users.email, normaliseEmail(email))),
  );
}

export async function getUser(id: number, db: DbOrTx = getDb()): Promise<User | undefined> {
  return await first(db.select().from(s.users).where(eq(s.users.id, id)));
}

export type UserListRow = Pick<
  User,
  | 'id'
  | 'email'
  | 'name'
  | 'role'
  | 'unitId'
  | 'active'
  | 'totpEnabled'
  | 'lockedUntil'
  | 'lastLoginAt'
  | 'createdAt'
> & {
  unitCode: string | null;
  unitName: string | null;
  activeSessions: number;
};

export async function listUsers(db: DbOrTx = getDb(), now = Date.now()): Promise<UserListRow[]> {
  return await db
    .select({
      id: s.users.id,
      email: s.users.email,
      name: s.users.name,
      role: s.users.role,
      unitId: s.users.unitId,
      active: s.users.active,
      totpEnabled: s.users.totpEnabled,
      lockedUntil: s.users.lockedUntil,
      lastLoginAt: s.users.lastLoginAt,
      createdAt: s.users.createdAt,
      unitCode: s.units.code,
      unitName: s.units.name,
      activeSessions: sql<number>`(SELECT count(*) FROM sessions ss WHERE ss.user_id = ${s.users.id}
        AND ss.revoked_at IS NULL AND ss.expires_at > ${now})`,
    })
    .from(s.users)
    .leftJoin(s.units, eq(s.units.id, s.users.unitId))
    .orderBy(asc(s.users.email));
}

export async function findUnitByCode(code: string, db: DbOrTx = getDb()) {
  return await first(db.select().from(s.units).where(eq(s.units.code, code.trim().toUpperCase())));
}

/** Only handlers and approvers belong to a unit; a handler must. */
export function roleUnitProblem(role: Role, unitId: number | null): 'unitRequired' | 'unitNotAllowed' | null {
  if (role === 'handler' && unitId === null) return 'unitRequired';
  if (unitId !== null && role !== 'handler' && role !== 'approver') return 'unitNotAllowed';
  return null;
}

export type UserField = 'email' | 'name' | 'role' | 'unit' | 'password';
export type UserProblem =
  | 'emailRequired'
  | 'emailInvalid'
  | 'emailTaken'
  | 'nameRequired'
  | 'nameTooLong'
  | 'roleUnknown'
  | 'unitUnknown'
  | 'unitRequired'
  | 'unitNotAllowed'
  | PasswordProblem;

export type UserInput = {
  email: string;
  name: string;
  role: string;
  unitCode?: string | null;
  password?: string;
};

/**
 * Validates a new account; `password` is checked only when given (accounts created by an
 * administrator get a "set your password" link instead).
 */
export async function validateNewUser(
  input: UserInput,
  db: DbOrTx = getDb(),
): Promise<
  | { ok: true; value: { email: string; name: string; role: Role; unitId: number | null } }
  | { ok: false; errors: Partial<Record<UserField, UserProblem>> }
> {
  const errors: Partial<Record<UserField, UserProblem>> = {};
  const email = normaliseEmail(input.email);
  if (!email) errors.email = 'emailRequired';
  else if (!isValidEmail(email)) errors.email = 'emailInvalid';
  else if (await findUserByEmail(email, db)) errors.email = 'emailTaken';
  const name = input.name.trim();
  if (!name) errors.name = 'nameRequired';
  else if (name.length > 120) errors.name = 'nameTooLong';
  let unitId: number | null = null;
  if (!isRole(input.role)) errors.role = 'roleUnknown';
  const code = input.unitCode?.trim();
  if (code) {
    const unit = await findUnitByCode(code, db);
    if (!unit) errors.unit = 'unitUnknown';
    else unitId = unit.id;
  }
  if (isRole(input.role) && !errors.unit) {
    const p = roleUnitProblem(input.role, unitId);
    if (p) errors.unit = p;
  }
  if (input.password !== undefined) {
    const p = checkPassword(input.password, { email });
    if (p) errors.password = p;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { email, name, role: input.role as Role, unitId } };
}

export async function createUser(
  value: { email: string; name: string; role: Role; unitId: number | null; password?: string },
  db: DbOrTx = getDb(),
): Promise<User> {
  const passwordHash = await hashPassword(value.password ?? randomToken(32));
  return await one(
    db
      .insert(s.users)
      .values({
        email: normaliseEmail(value.email),
        name: value.name.trim(),
        role: value.role,
        unitId: value.unitId,
        passwordHash,
      })
      .returning(),
  );
}

export async function updateUser(
  id: number,
  patch: Partial<Pick<User, 'name' | 'role' | 'unitId' | 'active'>>,
  db: DbOrTx = getDb(),
): Promise<void> {
  await db.update(s.users).set(patch).where(eq(s.users.id, id));
}

export async function countActiveAdmins(db: DbOrTx = getDb(), exceptUserId?: number): Promise<number> {
  const where = [eq(s.users.role, 'admin'), eq(s.users.active, true)];
  if (exceptUserId !== undefined) where.push(ne(s.users.id, exceptUserId));
  return (await first(
    db
      .select({ n: sql<number>`count(*)` })
      .from(s.users)
      .where(and(...where)),
  ))!.n;
}

export async function setPassword(userId: number, password: string, db: DbOrTx = getDb()): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db
    .update(s.users)
    .set({ passwordHash, failedLogins: 0, lockedUntil: null })
    .where(eq(s.users.id, userId));
}

export type LoginReservation = { allowed: true; locksNow: boolean } | { allowed: false; lockedUntil: Date };

/**
 * Counts this attempt as a failure before its password is checked, in one statement, so concurrent
 * attempts cannot all pass a check made before any of them is counted: the attempt that reaches the limit
 * locks the account, later ones are refused without verifying a hash. A right password then clears the
 * count (recordLoginSuccess). A lock that has run out starts the count again.
 */
export async function reserveLoginAttempt(
  userId: number,
  now = Date.now(),
  db: Db = getDb(),
): Promise<LoginReservation> {
  const lockUntil = now + LOCK_MINUTES * 60_000;
  const row = await rawGet<{ n: number }>(
    db,
    sql`UPDATE users SET
         failed_logins = (CASE WHEN locked_until IS NULL THEN failed_logins ELSE 0 END) + 1,
         locked_until = CASE
           WHEN (CASE WHEN locked_until IS NULL THEN failed_logins ELSE 0 END) + 1 >= ${MAX_FAILED_LOGINS} THEN CAST(${lockUntil} AS BIGINT)
           ELSE NULL END
       WHERE id = ${userId} AND (locked_until IS NULL OR locked_until <= ${now})
       RETURNING failed_logins AS n`,
  );
  if (row) return { allowed: true, locksNow: row.n >= MAX_FAILED_LOGINS };
  const current = await first(
    db.select({ lockedUntil: s.users.lockedUntil }).from(s.users).where(eq(s.users.id, userId)),
  );
  return { allowed: false, lockedUntil: current?.lockedUntil ?? new Date(lockUntil) };
}

export async function recordLoginSuccess(
  userId: number,
  now = Date.now(),
  db: DbOrTx = getDb(),
): Promise<void> {
  await db
    .update(s.users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date(now) })
    .where(eq(s.users.id, userId));
}

export async function unlockUser(userId: number, db: DbOrTx = getDb()): Promise<void> {
  await db.update(s.users).set({ failedLogins: 0, lockedUntil: null }).where(eq(s.users.id, userId));
}

export function isLocked(user: Pick<User, 'lockedUntil'>, now = Date.now()): boolean {
  return !!user.lockedUntil && user.lockedUntil.getTime() > now;
}

// ---------------------------------------------------------------------------------------------
// TOTP secrets (the codes themselves are checked in app/auth/totp.server.ts)

/** Stores a new secret not yet confirmed by a code (totpEnabled stays false). */
export async function setPendingTotpSecret(
  userId: number,
  secret: string,
  db: DbOrTx = getDb(),
): Promise<void> {
  await db.update(s.users).set({ totpSecret: secret, totpEnabled: false }).where(eq(s.users.id, userId));
}

export async function enableTotp(userId: number, db: DbOrTx = getDb()): Promise<void> {
  await db.update(s.users).set({ totpEnabled: true }).where(eq(s.users.id, userId));
}

export async function disableTotp(userId: number, db: DbOrTx = getDb()): Promise<void> {
  await db.update(s.users).set({ totpEnabled: false, totpSecret: null }).where(eq(s.users.id, userId));
}

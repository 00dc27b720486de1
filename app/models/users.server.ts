// Staff accounts, their sessions, sign-in bookkeeping, TOTP secrets and password-reset tokens.
import { fixedLimit } from '~/domain/rate-limits';
import { hash, verify } from '@node-rs/argon2';
import { and, asc, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import * as s from '~db/schema';
import { renderNoAccountEmail, renderPasswordResetEmail } from '~emails/password-reset';
import { checkPassword, type PasswordProblem } from '~/domain/password-policy';
import { isRole, type Role } from '~/domain/permissions';
import { audit } from '~/models/audit.server';
import { getAgency } from '~/models/config.server';
import { hitRateLimit } from '~/models/rate-limit.server';
import { randomToken, sha256 } from '~/utils/crypto.server';
import { getDb, type Db, type DbOrTx } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import type { Locale } from '~/i18n';
import { enqueueMail, type Tx } from '~/utils/mail.server';
import { localName } from '~/domain/local-name';

export type User = typeof s.users.$inferSelect;
export type Session = typeof s.sessions.$inferSelect;

/** Sign-in lock: this many wrong passwords in a row lock the account for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
export const RESET_TTL_MS = 60 * 60 * 1000;
/** A new account's "set your password" link lasts longer than a reset link. */
export const INVITE_TTL_MS = 72 * 60 * 60 * 1000;
/** Reset requests per client address, and e-mails sent per account, per window. */
export const RESET_IP_LIMIT = fixedLimit('reset-ip');
export const RESET_EMAIL_LIMIT = fixedLimit('reset-email');

// argon2id (algorithm 2; the const enum cannot be imported under isolatedModules), OWASP parameters.
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2 as Parameters<typeof hash>[1]);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A fixed hash to verify against when the e-mail is unknown, so both paths take as long.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomToken());
  await verifyPassword(await dummyHash, password);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL_RE.test(email);
}

// ---------------------------------------------------------------------------------------------
// Users

export function findUserByEmail(email: string, db: DbOrTx = getDb()): User | undefined {
  return db
    .select()
    .from(s.users)
    .where(eq(s.users.email, normaliseEmail(email)))
    .get();
}

export function getUser(id: number, db: DbOrTx = getDb()): User | undefined {
  return db.select().from(s.users).where(eq(s.users.id, id)).get();
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

export function listUsers(db: DbOrTx = getDb(), now = Date.now()): UserListRow[] {
  return db
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
    .orderBy(asc(s.users.email))
    .all();
}

export function findUnitByCode(code: string, db: DbOrTx = getDb()) {
  return db.select().from(s.units).where(eq(s.units.code, code.trim().toUpperCase())).get();
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
export function validateNewUser(
  input: UserInput,
  db: DbOrTx = getDb(),
):
  | { ok: true; value: { email: string; name: string; role: Role; unitId: number | null } }
  | { ok: false; errors: Partial<Record<UserField, UserProblem>> } {
  const errors: Partial<Record<UserField, UserProblem>> = {};
  const email = normaliseEmail(input.email);
  if (!email) errors.email = 'emailRequired';
  else if (!isValidEmail(email)) errors.email = 'emailInvalid';
  else if (findUserByEmail(email, db)) errors.email = 'emailTaken';
  const name = input.name.trim();
  if (!name) errors.name = 'nameRequired';
  else if (name.length > 120) errors.name = 'nameTooLong';
  let unitId: number | null = null;
  if (!isRole(input.role)) errors.role = 'roleUnknown';
  const code = input.unitCode?.trim();
  if (code) {
    const unit = findUnitByCode(code, db);
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
  return db
    .insert(s.users)
    .values({
      email: normaliseEmail(value.email),
      name: value.name.trim(),
      role: value.role,
      unitId: value.unitId,
      passwordHash,
    })
    .returning()
    .get();
}

export function updateUser(
  id: number,
  patch: Partial<Pick<User, 'name' | 'role' | 'unitId' | 'active'>>,
  db: DbOrTx | Tx = getDb(),
): void {
  db.update(s.users).set(patch).where(eq(s.users.id, id)).run();
}

export function countActiveAdmins(db: DbOrTx = getDb(), exceptUserId?: number): number {
  const where = [eq(s.users.role, 'admin'), eq(s.users.active, true)];
  if (exceptUserId !== undefined) where.push(ne(s.users.id, exceptUserId));
  return db
    .select({ n: sql<number>`count(*)` })
    .from(s.users)
    .where(and(...where))
    .get()!.n;
}

export async function setPassword(userId: number, password: string, db: DbOrTx = getDb()): Promise<void> {
  const passwordHash = await hashPassword(password);
  db.update(s.users)
    .set({ passwordHash, failedLogins: 0, lockedUntil: null })
    .where(eq(s.users.id, userId))
    .run();
}

export type LoginReservation = { allowed: true; locksNow: boolean } | { allowed: false; lockedUntil: Date };

/**
 * Counts this attempt as a failure before its password is checked, in one statement, so concurrent
 * attempts cannot all pass a check made before any of them is counted: the attempt that reaches the limit
 * locks the account, later ones are refused without verifying a hash. A right password then clears the
 * count (recordLoginSuccess). A lock that has run out starts the count again.
 */
export function reserveLoginAttempt(userId: number, now = Date.now(), db: Db = getDb()): LoginReservation {
  const lockUntil = now + LOCK_MINUTES * 60_000;
  const row = db.$client
    .prepare(
      `UPDATE users SET
         failed_logins = (CASE WHEN locked_until IS NULL THEN failed_logins ELSE 0 END) + 1,
         locked_until = CASE
           WHEN (CASE WHEN locked_until IS NULL THEN failed_logins ELSE 0 END) + 1 >= ? THEN ?
           ELSE NULL END
       WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?)
       RETURNING failed_logins AS n`,
    )
    .get(MAX_FAILED_LOGINS, lockUntil, userId, now) as { n: number } | undefined;
  if (row) return { allowed: true, locksNow: row.n >= MAX_FAILED_LOGINS };
  const current = db
    .select({ lockedUntil: s.users.lockedUntil })
    .from(s.users)
    .where(eq(s.users.id, userId))
    .get();
  return { allowed: false, lockedUntil: current?.lockedUntil ?? new Date(lockUntil) };
}

export function recordLoginSuccess(userId: number, now = Date.now(), db: DbOrTx = getDb()): void {
  db.update(s.users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date(now) })
    .where(eq(s.users.id, userId))
    .run();
}

export function unlockUser(userId: number, db: DbOrTx = getDb()): void {
  db.update(s.users).set({ failedLogins: 0, lockedUntil: null }).where(eq(s.users.id, userId)).run();
}

export function isLocked(user: Pick<User, 'lockedUntil'>, now = Date.now()): boolean {
  return !!user.lockedUntil && user.lockedUntil.getTime() > now;
}

// ---------------------------------------------------------------------------------------------
// TOTP secrets (the codes themselves are checked in auth.server.ts)

/** Stores a new secret not yet confirmed by a code (totpEnabled stays false). */
export function setPendingTotpSecret(userId: number, secret: string, db: DbOrTx = getDb()): void {
  db.update(s.users).set({ totpSecret: secret, totpEnabled: false }).where(eq(s.users.id, userId)).run();
}

export function enableTotp(userId: number, db: DbOrTx = getDb()): void {
  db.update(s.users).set({ totpEnabled: true }).where(eq(s.users.id, userId)).run();
}

export function disableTotp(userId: number, db: DbOrTx = getDb()): void {
  db.update(s.users).set({ totpEnabled: false, totpSecret: null }).where(eq(s.users.id, userId)).run();
}

// ---------------------------------------------------------------------------------------------
// Sessions: the cookie holds a random token; the table keeps only its SHA-256 as the id.

export function createSession(
  {
    userId,
    secondFactorDone,
    ip,
    userAgent,
    absoluteMs,
    now = Date.now(),
  }: {
    userId: number;
    secondFactorDone: boolean;
    ip?: string;
    userAgent?: string | null;
    absoluteMs: number;
    now?: number;
  },
  db: DbOrTx = getDb(),
): { token: string; id: string } {
  const token = randomToken(32);
  const id = sha256(token);
  db.insert(s.sessions)
    .values({
      id,
      userId,
      secondFactorDone,
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      expiresAt: new Date(now + absoluteMs),
      ip: ip ?? null,
      userAgent: userAgent?.slice(0, 300) ?? null,
    })
    .run();
  return { token, id };
}

export function findSessionByToken(
  token: string,
  db: DbOrTx = getDb(),
): { session: Session; user: User } | undefined {
  if (!token || token.length > 200) return undefined;
  const row = db
    .select({ session: s.sessions, user: s.users })
    .from(s.sessions)
    .innerJoin(s.users, eq(s.users.id, s.sessions.userId))
    .where(eq(s.sessions.id, sha256(token)))
    .get();
  return row;
}

export function touchSession(id: string, now = Date.now(), db: DbOrTx = getDb()): void {
  db.update(s.sessions)
    .set({ lastSeenAt: new Date(now) })
    .where(eq(s.sessions.id, id))
    .run();
}

export function revokeSession(id: string, now = Date.now(), db: DbOrTx | Tx = getDb()): void {
  db.update(s.sessions)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(s.sessions.id, id), isNull(s.sessions.revokedAt)))
    .run();
}

/** Ends every live session of a user (optionally but one); returns how many were ended. */
export function revokeUserSessions(
  userId: number,
  { exceptId, now = Date.now() }: { exceptId?: string; now?: number } = {},
  db: DbOrTx | Tx = getDb(),
): number {
  const where = [eq(s.sessions.userId, userId), isNull(s.sessions.revokedAt)];
  if (exceptId) where.push(ne(s.sessions.id, exceptId));
  return db
    .update(s.sessions)
    .set({ revokedAt: new Date(now) })
    .where(and(...where))
    .run().changes;
}

export function listLiveSessions(userId: number, db: DbOrTx = getDb(), now = Date.now()): Session[] {
  return db
    .select()
    .from(s.sessions)
    .where(
      and(
        eq(s.sessions.userId, userId),
        isNull(s.sessions.revokedAt),
        gt(s.sessions.expiresAt, new Date(now)),
      ),
    )
    .orderBy(desc(s.sessions.lastSeenAt))
    .all();
}

/** Removes sessions that ended more than a day ago (the audit log keeps the sign-ins). */
export function purgeOldSessions(now = Date.now(), db: Db = getDb()): number {
  const cutoff = now - 24 * 60 * 60 * 1000;
  return db.$client
    .prepare('DELETE FROM sessions WHERE expires_at < ? OR (revoked_at IS NOT NULL AND revoked_at < ?)')
    .run(cutoff, cutoff).changes;
}

// ---------------------------------------------------------------------------------------------
// Password resets: single-use, expiring, only the token's hash is stored.

export function resetUrl(token: string): string {
  return `${getEnv().BASE_URL}/can-bo/dat-lai/${token}`;
}

/**
 * Creates a reset token for this user and queues the e-mail carrying it, in one transaction.
 * `kind: 'invite'` is the first "set your password" link of a new account.
 */
export function issuePasswordReset(
  user: Pick<User, 'id' | 'email' | 'name'>,
  {
    locale,
    kind = 'reset',
    actorUserId = null,
    ip,
    now = Date.now(),
  }: { locale: Locale; kind?: 'reset' | 'invite'; actorUserId?: number | null; ip?: string; now?: number },
  db: DbOrTx = getDb(),
): void {
  const token = randomToken(32);
  const ttl = kind === 'invite' ? INVITE_TTL_MS : RESET_TTL_MS;
  const agency = getAgency(db);
  const rendered = renderPasswordResetEmail({
    locale,
    kind,
    name: user.name,
    url: resetUrl(token),
    expiresHours: Math.round(ttl / 3_600_000),
    agency: {
      name: localName(agency, locale),
      address: agency.address,
      hotline: agency.hotline,
      email: agency.email,
      officeHours: locale === 'en' ? agency.officeHoursEn : agency.officeHours,
    },
  });
  db.transaction((tx) => {
    tx.insert(s.passwordResets)
      .values({ tokenHash: sha256(token), userId: user.id, expiresAt: new Date(now + ttl) })
      .run();
    enqueueMail(tx, {
      to: user.email,
      ...rendered,
      template: kind === 'invite' ? 'staff-invite' : 'password-reset',
    });
    audit(
      {
        actorUserId,
        action: kind === 'invite' ? 'user.invite.sent' : 'auth.reset.requested',
        targetType: 'user',
        targetId: user.id,
        ip,
      },
      tx,
    );
  });
}

/** The account a reset link belongs to, if the link is unused, unexpired and the account active. */
export function findValidReset(token: string, now = Date.now(), db: DbOrTx = getDb()): User | undefined {
  if (!token || token.length > 200) return undefined;
  const row = db
    .select({ user: s.users })
    .from(s.passwordResets)
    .innerJoin(s.users, eq(s.users.id, s.passwordResets.userId))
    .where(
      and(
        eq(s.passwordResets.tokenHash, sha256(token)),
        isNull(s.passwordResets.usedAt),
        gt(s.passwordResets.expiresAt, new Date(now)),
        eq(s.users.active, true),
      ),
    )
    .get();
  return row?.user;
}

/**
 * Uses the token (once) and sets the new password; unlocks the account and ends all its sessions.
 * Returns the user id, or null when the link was already used, expired or unknown.
 */
export async function completePasswordReset(
  token: string,
  password: string,
  { ip, now = Date.now() }: { ip?: string; now?: number } = {},
  db: DbOrTx = getDb(),
): Promise<number | null> {
  const passwordHash = await hashPassword(password);
  return db.transaction((tx) => {
    const user = findValidReset(token, now, tx);
    if (!user) return null;
    const used = tx
      .update(s.passwordResets)
      .set({ usedAt: new Date(now) })
      .where(and(eq(s.passwordResets.tokenHash, sha256(token)), isNull(s.passwordResets.usedAt)))
      .returning({ userId: s.passwordResets.userId })
      .get();
    if (!used) return null;
    tx.update(s.users)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null })
      .where(eq(s.users.id, used.userId))
      .run();
    // every other outstanding link of this account dies with this one
    tx.update(s.passwordResets)
      .set({ usedAt: new Date(now) })
      .where(and(eq(s.passwordResets.userId, used.userId), isNull(s.passwordResets.usedAt)))
      .run();
    revokeUserSessions(used.userId, { now }, tx);
    audit(
      {
        actorUserId: used.userId,
        action: 'auth.reset.completed',
        targetType: 'user',
        targetId: used.userId,
        ip,
      },
      tx,
    );
    return used.userId;
  });
}

/**
 * The "forgot password" form. Same answer whether or not the account exists; requests are limited per
 * address (answered with "throttled") and mails per account (silently not sent, so no one can flood an inbox).
 */
export function requestPasswordReset(
  rawEmail: string,
  { locale, ip, now = Date.now() }: { locale: Locale; ip: string; now?: number },
  db: Db = getDb(),
): { ok: true } | { ok: false; reason: 'emailRequired' | 'emailInvalid' | 'throttled'; minutes?: number } {
  const email = normaliseEmail(rawEmail);
  if (!email) return { ok: false, reason: 'emailRequired' };
  if (!isValidEmail(email)) return { ok: false, reason: 'emailInvalid' };
  const byIp = hitRateLimit({ bucket: 'reset-ip', key: ip, now }, db);
  if (!byIp.allowed)
    return { ok: false, reason: 'throttled', minutes: Math.ceil(byIp.retryAfterSeconds / 60) };
  const byEmail = hitRateLimit({ bucket: 'reset-email', key: email, now }, db);
  // Past the per-address quota nothing is sent, whether or not an account uses the address.
  if (!byEmail.allowed) {
    audit({ actorUserId: null, action: 'auth.reset.requested', ip, detail: { email, sent: false } }, db);
    return { ok: true };
  }
  // Otherwise both branches render one message and queue it with one audit row in one transaction: a
  // reset link to the account, or a notice without a link to an address no active account uses. So the
  // answer takes as long either way and does not tell which addresses are staff accounts.
  const user = findUserByEmail(email, db);
  if (user && user.active) issuePasswordReset(user, { locale, ip, now }, db);
  else sendNoAccountNotice(email, { locale, ip }, db);
  return { ok: true };
}

function sendNoAccountNotice(
  email: string,
  { locale, ip }: { locale: Locale; ip: string },
  db: DbOrTx,
): void {
  const agency = getAgency(db);
  const rendered = renderNoAccountEmail({
    locale,
    agency: {
      name: localName(agency, locale),
      address: agency.address,
      hotline: agency.hotline,
      email: agency.email,
      officeHours: locale === 'en' ? agency.officeHoursEn : agency.officeHours,
    },
  });
  db.transaction((tx) => {
    enqueueMail(tx, { to: email, ...rendered, template: 'password-reset-no-account' });
    audit({ actorUserId: null, action: 'auth.reset.requested', ip, detail: { email, account: false } }, tx);
  });
}

// Password resets: single-use, expiring links; only the token's hash is stored. Also the first
// "set your password" link of a new account (an invitation).
import { and, eq, gt, isNull } from 'drizzle-orm';

import { localName } from '~/domain/local-name';
import { fixedLimit } from '~/domain/rate-limits';
import type { Locale } from '~/i18n';
import { audit } from '~/models/audit.server';
import { getAgency } from '~/models/config.server';
import { enqueueMail } from '~/models/outbox.server';
import { hitRateLimit } from '~/models/rate-limit.server';
import { revokeUserSessions } from '~/models/sessions.server';
import { findUserByEmail, isValidEmail, normaliseEmail, type User } from '~/models/users.server';
import { randomToken, sha256 } from '~/utils/crypto.server';
import { type Db, type DbOrTx, first, getDb, transaction } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import { hashPassword } from '~/utils/password-hash.server';
import * as s from '~db/schema';
import { renderNoAccountEmail, renderPasswordResetEmail } from '~emails/password-reset';

export const RESET_TTL_MS = 60 * 60 * 1000;
/** A new account's "set your password" link lasts longer than a reset link. */
export const INVITE_TTL_MS = 72 * 60 * 60 * 1000;
/** Reset requests per client address, and e-mails sent per account, per window. */
export const RESET_IP_LIMIT = fixedLimit('reset-ip');
export const RESET_EMAIL_LIMIT = fixedLimit('reset-email');

export function resetUrl(token: string): string {
  return `${getEnv().BASE_URL}/can-bo/dat-lai/${token}`;
}

/**
 * Creates a reset token for this user and queues the e-mail carrying it, in one transaction.
 * `kind: 'invite'` is the first "set your password" link of a new account.
 */
export async function issuePasswordReset(
  user: Pick<User, 'id' | 'email' | 'name'>,
  {
    locale,
    kind = 'reset',
    actorUserId = null,
    ip,
    now = Date.now(),
  }: { locale: Locale; kind?: 'reset' | 'invite'; actorUserId?: number | null; ip?: string; now?: number },
  db: DbOrTx = getDb(),
): Promise<void> {
  const token = randomToken(32);
  const ttl = kind === 'invite' ? INVITE_TTL_MS : RESET_TTL_MS;
  const agency = await getAgency(db);
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
  await transaction(db, async (tx) => {
    await tx
      .insert(s.passwordResets)
      .values({ tokenHash: sha256(token), userId: user.id, expiresAt: new Date(now + ttl) });
    await enqueueMail(tx, {
      to: user.email,
      ...rendered,
      template: kind === 'invite' ? 'staff-invite' : 'password-reset',
    });
    await audit(
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
export async function findValidReset(
  token: string,
  now = Date.now(),
  db: DbOrTx = getDb(),
): Promise<User | undefined> {
  if (!token || token.length > 200) return undefined;
  const row = await first(
    db
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
      ),
  );
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
  return await transaction(db, async (tx) => {
    const user = await findValidReset(token, now, tx);
    if (!user) return null;
    const used = await first(
      tx
        .update(s.passwordResets)
        .set({ usedAt: new Date(now) })
        .where(and(eq(s.passwordResets.tokenHash, sha256(token)), isNull(s.passwordResets.usedAt)))
        .returning({ userId: s.passwordResets.userId }),
    );
    if (!used) return null;
    await tx
      .update(s.users)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null })
      .where(eq(s.users.id, used.userId));
    // every other outstanding link of this account dies with this one
    await tx
      .update(s.passwordResets)
      .set({ usedAt: new Date(now) })
      .where(and(eq(s.passwordResets.userId, used.userId), isNull(s.passwordResets.usedAt)));
    await revokeUserSessions(used.userId, { now }, tx);
    await audit(
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
export async function requestPasswordReset(
  rawEmail: string,
  { locale, ip, now = Date.now() }: { locale: Locale; ip: string; now?: number },
  db: Db = getDb(),
): Promise<
  { ok: true } | { ok: false; reason: 'emailRequired' | 'emailInvalid' | 'throttled'; minutes?: number }
> {
  const email = normaliseEmail(rawEmail);
  if (!email) return { ok: false, reason: 'emailRequired' };
  if (!isValidEmail(email)) return { ok: false, reason: 'emailInvalid' };
  const byIp = await hitRateLimit({ bucket: 'reset-ip', key: ip, now }, db);
  if (!byIp.allowed)
    return { ok: false, reason: 'throttled', minutes: Math.ceil(byIp.retryAfterSeconds / 60) };
  const byEmail = await hitRateLimit({ bucket: 'reset-email', key: email, now }, db);
  // Past the per-address quota nothing is sent, whether or not an account uses the address.
  if (!byEmail.allowed) {
    await audit(
      { actorUserId: null, action: 'auth.reset.requested', ip, detail: { email, sent: false } },
      db,
    );
    return { ok: true };
  }
  // Otherwise both branches render one message and queue it with one audit row in one transaction: a
  // reset link to the account, or a notice without a link to an address no active account uses. So the
  // answer takes as long either way and does not tell which addresses are staff accounts.
  const user = await findUserByEmail(email, db);
  if (user && user.active) await issuePasswordReset(user, { locale, ip, now }, db);
  else await sendNoAccountNotice(email, { locale, ip }, db);
  return { ok: true };
}

async function sendNoAccountNotice(
  email: string,
  { locale, ip }: { locale: Locale; ip: string },
  db: DbOrTx,
): Promise<void> {
  const agency = await getAgency(db);
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
  await transaction(db, async (tx) => {
    await enqueueMail(tx, { to: email, ...rendered, template: 'password-reset-no-account' });
    await audit(
      { actorUserId: null, action: 'auth.reset.requested', ip, detail: { email, account: false } },
      tx,
    );
  });
}

// Sign-in and sign-out: e-mail and password with throttling per address and lock per account, a fresh
// session (new id) at every step, and the way on to the TOTP step or its set-up.
import { fixedLimit } from '~/domain/rate-limits';
import { audit } from '~/models/audit.server';
import { hitRateLimit, refundRateLimit } from '~/models/rate-limit.server';
import { createSession, findSessionByToken, revokeSession } from '~/models/sessions.server';
import {
  findUserByEmail,
  LOCK_MINUTES,
  normaliseEmail,
  recordLoginSuccess,
  reserveLoginAttempt,
  type User,
} from '~/models/users.server';
import { verifyAgainstDummy, verifyPassword } from '~/utils/password-hash.server';
import {
  ABSOLUTE_TIMEOUT_MS,
  clearSessionCookie,
  readSessionToken,
  sessionCookie,
} from '~/utils/staff-cookie.server';

import { ACCOUNT_PATH, loadSession, SECOND_FACTOR_PATH, totpRequiredFor } from './guards.server';

/** Failed sign-ins per client address before it is throttled, per window. */
export const SIGNIN_IP_LIMIT = fixedLimit('signin-ip');

/** Starts a fresh session (a new id every time: sign-in, TOTP step, TOTP set-up) and ends `replaces`. */
export async function startSession(
  user: Pick<User, 'id'>,
  {
    secondFactorDone,
    request,
    ip,
    replaces,
  }: { secondFactorDone: boolean; request: Request; ip?: string; replaces?: string },
): Promise<string> {
  if (replaces) await revokeSession(replaces);
  const { token } = await createSession({
    userId: user.id,
    secondFactorDone,
    ip,
    userAgent: request.headers.get('User-Agent'),
    absoluteMs: ABSOLUTE_TIMEOUT_MS,
  });
  return sessionCookie(token);
}

/** Where to go after a password was accepted. */
export async function nextStepAfterPassword(
  user: Pick<User, 'totpEnabled' | 'role'>,
  redirectTo: string,
): Promise<string> {
  if (user.totpEnabled) return `${SECOND_FACTOR_PATH}?${new URLSearchParams({ redirectTo })}`;
  if (await totpRequiredFor(user.role)) return `${ACCOUNT_PATH}?bat-2fa=1`;
  return redirectTo;
}

export type SignInResult =
  | { ok: true; user: User; setCookie: string; next: string }
  | { ok: false; reason: 'invalid' | 'locked' | 'throttled'; minutes: number };

/**
 * Checks e-mail and password with throttling per address and lock per account. The answer never
 * says whether the e-mail exists (unknown e-mails are "locked" after as many tries as real ones).
 */
export async function attemptSignIn({
  request,
  email: rawEmail,
  password,
  ip,
  redirectTo,
}: {
  request: Request;
  email: string;
  password: string;
  ip: string;
  redirectTo: string;
}): Promise<SignInResult> {
  const now = Date.now();
  const email = normaliseEmail(rawEmail).slice(0, 254);
  const ipLimit = { bucket: 'signin-ip', key: ip, now } as const;
  // Every limit is counted before the (slow) hash is verified, in one statement each, so a burst of
  // concurrent attempts cannot all pass a check made before any of them was counted; a success, or an
  // attempt refused before any hash was checked, takes its address hit back.
  const ipState = await hitRateLimit(ipLimit);
  if (!ipState.allowed) {
    await audit({ actorUserId: null, action: 'auth.signin.throttled', ip, detail: { email } });
    return { ok: false, reason: 'throttled', minutes: Math.ceil(ipState.retryAfterSeconds / 60) };
  }
  const user = await findUserByEmail(email);
  if (!user) {
    const unknownLimit = { bucket: 'signin-unknown', key: email, now } as const;
    const state = await hitRateLimit(unknownLimit);
    if (!state.allowed) {
      await refundRateLimit(ipLimit);
      return { ok: false, reason: 'locked', minutes: Math.ceil(state.retryAfterSeconds / 60) };
    }
    await verifyAgainstDummy(password);
    await audit({
      actorUserId: null,
      action: 'auth.signin.failed',
      ip,
      detail: { email, reason: 'unknown' },
    });
    return { ok: false, reason: 'invalid', minutes: 0 };
  }
  const reservation = await reserveLoginAttempt(user.id, now);
  if (!reservation.allowed) {
    await refundRateLimit(ipLimit);
    await audit({
      actorUserId: null,
      action: 'auth.signin.failed',
      targetType: 'user',
      targetId: user.id,
      ip,
      detail: { email, reason: 'locked' },
    });
    return {
      ok: false,
      reason: 'locked',
      minutes: Math.max(1, Math.ceil((reservation.lockedUntil.getTime() - now) / 60_000)),
    };
  }
  const good = await verifyPassword(user.passwordHash, password);
  if (!good || !user.active) {
    await audit({
      actorUserId: null,
      action: 'auth.signin.failed',
      targetType: 'user',
      targetId: user.id,
      ip,
      detail: { email, reason: good ? 'inactive' : 'password' },
    });
    if (!good && reservation.locksNow) {
      await audit({
        actorUserId: null,
        action: 'auth.lockout',
        targetType: 'user',
        targetId: user.id,
        ip,
        detail: { email },
      });
      return { ok: false, reason: 'locked', minutes: LOCK_MINUTES };
    }
    return { ok: false, reason: 'invalid', minutes: 0 };
  }
  await refundRateLimit(ipLimit);
  await recordLoginSuccess(user.id, now);
  const old = await loadSession(request);
  const setCookie = await startSession(user, {
    secondFactorDone: false,
    request,
    ip,
    replaces: old?.session.id,
  });
  await audit({
    actorUserId: user.id,
    action: 'auth.signin',
    targetType: 'user',
    targetId: user.id,
    ip,
    detail: user.totpEnabled ? { secondFactor: 'pending' } : undefined,
  });
  return { ok: true, user, setCookie, next: await nextStepAfterPassword(user, redirectTo) };
}

/** Ends this request's session on the server and returns the cookie that clears it in the browser. */
export async function signOut(request: Request, ip?: string): Promise<string> {
  const token = await readSessionToken(request);
  const found = token ? await findSessionByToken(token) : undefined;
  if (found && !found.session.revokedAt) {
    await revokeSession(found.session.id);
    await audit({
      actorUserId: found.user.id,
      action: 'auth.signout',
      targetType: 'user',
      targetId: found.user.id,
      ip,
    });
  }
  return clearSessionCookie();
}

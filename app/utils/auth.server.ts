// Staff authentication: database-backed sessions behind an opaque cookie, sign-in with throttling
// and account lock, the TOTP second factor, and the same-origin check on every staff form post.
import { json, redirect } from '@remix-run/node';
import QRCode from 'qrcode';
import { Secret, TOTP } from 'otpauth';
import { can, type Permission, type Role } from '~/domain/permissions';
import { audit } from '~/models/audit.server';
import { getAgency } from '~/models/config.server';
import { getSetting } from '~/models/admin/settings.server';
import { hitRateLimit, peekRateLimit, refundRateLimit } from '~/models/rate-limit.server';
import { auditDenied, auditForged } from '~/models/security-audit.server';
import {
  createSession,
  findSessionByToken,
  findUserByEmail,
  LOCK_MINUTES,
  normaliseEmail,
  recordLoginSuccess,
  reserveLoginAttempt,
  revokeSession,
  touchSession,
  verifyAgainstDummy,
  verifyPassword,
  type Session,
  type User,
} from '~/models/users.server';
import { getEnv } from './env.server';
import { getLocale, getT } from './i18n.server';

export const SESSION_COOKIE = 'pakn_staff';
/** A session ends after 30 minutes without a request … */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** … and 12 hours after sign-in whatever happens. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often (fewer writes; the idle limit stays exact to the minute). */
const TOUCH_EVERY_MS = 15 * 1000;

/** Failed sign-ins per client address before it is throttled, per window. */
export const SIGNIN_IP_LIMIT = 20;
export const SIGNIN_WINDOW_SECONDS = 15 * 60;
/** Wrong TOTP codes per account per window. */
export const TOTP_FAIL_LIMIT = 5;

export const SIGN_IN_PATH = '/can-bo/dang-nhap';
export const SECOND_FACTOR_PATH = '/can-bo/xac-thuc';
export const ACCOUNT_PATH = '/can-bo/tai-khoan';

export type StaffUser = {
  id: number;
  email: string;
  name: string;
  role: Role;
  unitId: number | null;
  sessionId: string;
};

// ---------------------------------------------------------------------------------------------
// Cookie

function cookieAttributes(maxAgeSeconds: number): string {
  const secure = getEnv().NODE_ENV === 'production' ? '; Secure' : '';
  return `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; ${cookieAttributes(Math.floor(ABSOLUTE_TIMEOUT_MS / 1000))}`;
}

export function clearSessionCookie(): string {
  return `${SESSION_COOKIE}=; ${cookieAttributes(0)}`;
}

function readToken(request: Request): string | null {
  const header = request.headers.get('Cookie') ?? '';
  const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([A-Za-z0-9_-]{20,100})`).exec(header);
  return match?.[1] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Cross-site form posts

/** True when a state-changing request comes from our own pages (Origin, else Sec-Fetch-Site). */
export function isSameOrigin(request: Request): boolean {
  const expected = new URL(getEnv().BASE_URL).origin;
  const origin = request.headers.get('Origin');
  if (origin && origin !== 'null') return origin === expected;
  if (origin === 'null') return false;
  return request.headers.get('Sec-Fetch-Site') === 'same-origin';
}

/** Refuses (403) a non-GET request that does not come from this site. */
export function assertSameOrigin(request: Request): void {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return;
  if (!isSameOrigin(request)) {
    auditForged({ request, reason: 'badOrigin' });
    throw json({ message: getT(getLocale(request))('auth.errors.crossSite') }, { status: 403 });
  }
}

// ---------------------------------------------------------------------------------------------
// Sessions

export function totpRequiredRoles(): Role[] {
  return getSetting('security.totpRequiredRoles');
}

export function totpRequiredFor(role: Role): boolean {
  return totpRequiredRoles().includes(role);
}

export type SessionState = {
  session: Session;
  user: User;
  /** 'verify': enter a TOTP code first; 'setup': the role requires TOTP and the account has none */
  pending: 'verify' | 'setup' | null;
};

/** The live session of this request (not revoked, not idle, not past its absolute end), or null. */
export function loadSession(request: Request, now = Date.now()): SessionState | null {
  const token = readToken(request);
  if (!token) return null;
  const found = findSessionByToken(token);
  if (!found) return null;
  const { session, user } = found;
  if (session.revokedAt) return null;
  if (session.expiresAt.getTime() <= now) return null;
  if (session.createdAt.getTime() + ABSOLUTE_TIMEOUT_MS <= now) return null;
  if (session.lastSeenAt.getTime() + IDLE_TIMEOUT_MS <= now) return null;
  if (!user.active) return null;
  if (now - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) touchSession(session.id, now);
  let pending: SessionState['pending'] = null;
  if (!session.secondFactorDone) {
    if (user.totpEnabled) pending = 'verify';
    else if (totpRequiredFor(user.role)) pending = 'setup';
  }
  return { session, user, pending };
}

function toStaffUser({ user, session }: SessionState): StaffUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    unitId: user.unitId,
    sessionId: session.id,
  };
}

/** The fully signed-in staff member (second factor passed where required), or null. */
export async function getStaffUser(request: Request): Promise<StaffUser | null> {
  const state = loadSession(request);
  return state && !state.pending ? toStaffUser(state) : null;
}

function here(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

function signInRedirect(request: Request): never {
  const method = request.method.toUpperCase();
  const url = new URL(request.url);
  const target = method === 'GET' ? here(request) : url.pathname;
  const params = new URLSearchParams({ redirectTo: target });
  // a cookie without a live session: it expired, was revoked or signed out elsewhere
  const hadSession = readToken(request) !== null;
  if (hadSession) params.set('het-han', '1');
  if (hadSession) auditForged({ request, reason: 'staleSession' });
  throw redirect(
    `${SIGN_IN_PATH}?${params}`,
    hadSession ? { headers: { 'Set-Cookie': clearSessionCookie() } } : undefined,
  );
}

/**
 * The signed-in staff member, or a redirect to the sign-in page (or to the TOTP step / set-up).
 * Non-GET requests that do not come from this site are refused with 403 first.
 * `allowTotpSetup` is for the account page, where a user whose role requires TOTP sets it up.
 */
export async function requireStaff(
  request: Request,
  opts: { allowTotpSetup?: boolean } = {},
): Promise<StaffUser> {
  assertSameOrigin(request);
  const state = loadSession(request);
  if (!state) signInRedirect(request);
  if (state.pending === 'verify') {
    throw redirect(`${SECOND_FACTOR_PATH}?${new URLSearchParams({ redirectTo: here(request) })}`);
  }
  if (state.pending === 'setup' && !opts.allowTotpSetup) throw redirect(`${ACCOUNT_PATH}?bat-2fa=1`);
  return toStaffUser(state);
}

/** requireStaff, then the permission or 403. */
export async function requirePermission(request: Request, permission: Permission): Promise<StaffUser> {
  const user = await requireStaff(request);
  if (!can(user, permission)) {
    auditDenied({ request, actorUserId: user.id, permission });
    throw json({ message: getT(getLocale(request))('auth.errors.forbidden') }, { status: 403 });
  }
  return user;
}

/** Starts a fresh session (a new id every time: sign-in, TOTP step, TOTP set-up) and ends `replaces`. */
export function startSession(
  user: Pick<User, 'id'>,
  {
    secondFactorDone,
    request,
    ip,
    replaces,
  }: { secondFactorDone: boolean; request: Request; ip?: string; replaces?: string },
): string {
  if (replaces) revokeSession(replaces);
  const { token } = createSession({
    userId: user.id,
    secondFactorDone,
    ip,
    userAgent: request.headers.get('User-Agent'),
    absoluteMs: ABSOLUTE_TIMEOUT_MS,
  });
  return sessionCookie(token);
}

/** Where to go after a password was accepted. */
export function nextStepAfterPassword(user: Pick<User, 'totpEnabled' | 'role'>, redirectTo: string): string {
  if (user.totpEnabled) return `${SECOND_FACTOR_PATH}?${new URLSearchParams({ redirectTo })}`;
  if (totpRequiredFor(user.role)) return `${ACCOUNT_PATH}?bat-2fa=1`;
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
  const ipLimit = {
    bucket: 'signin-ip',
    key: ip,
    limit: SIGNIN_IP_LIMIT,
    windowSeconds: SIGNIN_WINDOW_SECONDS,
    now,
  };
  // Every limit is counted before the (slow) hash is verified, in one statement each, so a burst of
  // concurrent attempts cannot all pass a check made before any of them was counted; a success, or an
  // attempt refused before any hash was checked, takes its address hit back.
  const ipState = hitRateLimit(ipLimit);
  if (!ipState.allowed) {
    audit({ actorUserId: null, action: 'auth.signin.throttled', ip, detail: { email } });
    return { ok: false, reason: 'throttled', minutes: Math.ceil(ipState.retryAfterSeconds / 60) };
  }
  const user = findUserByEmail(email);
  if (!user) {
    const unknownLimit = { bucket: 'signin-unknown', key: email, limit: 5, windowSeconds: 15 * 60, now };
    const state = hitRateLimit(unknownLimit);
    if (!state.allowed) {
      refundRateLimit(ipLimit);
      return { ok: false, reason: 'locked', minutes: Math.ceil(state.retryAfterSeconds / 60) };
    }
    await verifyAgainstDummy(password);
    audit({ actorUserId: null, action: 'auth.signin.failed', ip, detail: { email, reason: 'unknown' } });
    return { ok: false, reason: 'invalid', minutes: 0 };
  }
  const reservation = reserveLoginAttempt(user.id, now);
  if (!reservation.allowed) {
    refundRateLimit(ipLimit);
    audit({
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
    audit({
      actorUserId: null,
      action: 'auth.signin.failed',
      targetType: 'user',
      targetId: user.id,
      ip,
      detail: { email, reason: good ? 'inactive' : 'password' },
    });
    if (!good && reservation.locksNow) {
      audit({
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
  refundRateLimit(ipLimit);
  recordLoginSuccess(user.id, now);
  const old = loadSession(request);
  const setCookie = startSession(user, { secondFactorDone: false, request, ip, replaces: old?.session.id });
  audit({
    actorUserId: user.id,
    action: 'auth.signin',
    targetType: 'user',
    targetId: user.id,
    ip,
    detail: user.totpEnabled ? { secondFactor: 'pending' } : undefined,
  });
  return { ok: true, user, setCookie, next: nextStepAfterPassword(user, redirectTo) };
}

/** Ends this request's session on the server and returns the cookie that clears it in the browser. */
export function signOut(request: Request, ip?: string): string {
  const token = readToken(request);
  const found = token ? findSessionByToken(token) : undefined;
  if (found && !found.session.revokedAt) {
    revokeSession(found.session.id);
    audit({
      actorUserId: found.user.id,
      action: 'auth.signout',
      targetType: 'user',
      targetId: found.user.id,
      ip,
    });
  }
  return clearSessionCookie();
}

// ---------------------------------------------------------------------------------------------
// TOTP (RFC 6238: SHA-1, 6 digits, 30 s; one step of clock drift either way)

function totpFor(secret: string, email: string): TOTP {
  const agency = getAgency();
  return new TOTP({
    issuer: `PAKN ${agency.codePrefix}`,
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, email: string): string {
  return totpFor(secret, email).toString();
}

export function totpQrDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 220 });
}

export type TotpCheck = 'ok' | 'invalid' | 'throttled';

/** Checks a code against the secret; each code is accepted once, and wrong codes are throttled. */
export function checkTotpCode(
  user: Pick<User, 'id' | 'email'>,
  secret: string,
  code: string,
  now = Date.now(),
): TotpCheck {
  const failLimit = {
    bucket: 'totp-fail',
    key: String(user.id),
    limit: TOTP_FAIL_LIMIT,
    windowSeconds: 15 * 60,
    now,
  };
  if (!peekRateLimit(failLimit).allowed) return 'throttled';
  const token = code.replace(/\s+/g, '');
  const delta = /^\d{6}$/.test(token)
    ? totpFor(secret, user.email).validate({ token, window: 1, timestamp: now })
    : null;
  if (delta === null) {
    hitRateLimit(failLimit);
    return 'invalid';
  }
  const counter = Math.floor(now / 30_000) + delta;
  const replay = hitRateLimit({
    bucket: 'totp-used',
    key: `${user.id}:${counter}`,
    limit: 1,
    windowSeconds: 10 * 365 * 24 * 3600,
    now,
  });
  if (!replay.allowed) {
    hitRateLimit(failLimit);
    return 'invalid';
  }
  return 'ok';
}

// Request guards for staff pages: the live session behind the staff cookie (idle and absolute limits,
// the TOTP step), requireStaff / requirePermission, and the same-origin check on every staff form post.
import { json, redirect } from '@remix-run/node';

import { can, type Permission, type Role } from '~/domain/permissions';
import { getSetting } from '~/models/admin/settings.server';
import { auditDenied, auditForged } from '~/models/security-audit.server';
import { findSessionByToken, type Session, touchSession } from '~/models/sessions.server';
import type { User } from '~/models/users.server';
import { isSameOrigin } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';
import {
  ABSOLUTE_TIMEOUT_MS,
  clearSessionCookie,
  hasSessionCookie,
  readSessionToken,
} from '~/utils/staff-cookie.server';

export { ABSOLUTE_TIMEOUT_MS };
/** A session ends after 30 minutes without a request … (and ABSOLUTE_TIMEOUT_MS after sign-in) */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** lastSeenAt is written at most this often (fewer writes; the idle limit stays exact to the minute). */
const TOUCH_EVERY_MS = 15 * 1000;

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

/** Refuses (403) a non-GET request that does not come from this site. */
export async function assertSameOrigin(request: Request): Promise<void> {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return;
  if (!isSameOrigin(request)) {
    await auditForged({ request, reason: 'badOrigin' });
    throw json({ message: getT(getLocale(request))('auth.errors.crossSite') }, { status: 403 });
  }
}

// ---------------------------------------------------------------------------------------------
// Sessions

export async function totpRequiredRoles(): Promise<Role[]> {
  return getSetting('security.totpRequiredRoles');
}

export async function totpRequiredFor(role: Role): Promise<boolean> {
  return (await totpRequiredRoles()).includes(role);
}

export type SessionState = {
  session: Session;
  user: User;
  /** 'verify': enter a TOTP code first; 'setup': the role requires TOTP and the account has none */
  pending: 'verify' | 'setup' | null;
};

/** The live session of this request (not revoked, not idle, not past its absolute end), or null. */
export async function loadSession(request: Request, now = Date.now()): Promise<SessionState | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  const found = await findSessionByToken(token);
  if (!found) return null;
  const { session, user } = found;
  if (session.revokedAt) return null;
  if (session.expiresAt.getTime() <= now) return null;
  if (session.createdAt.getTime() + ABSOLUTE_TIMEOUT_MS <= now) return null;
  if (session.lastSeenAt.getTime() + IDLE_TIMEOUT_MS <= now) return null;
  if (!user.active) return null;
  if (now - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await touchSession(session.id, now);
  let pending: SessionState['pending'] = null;
  if (!session.secondFactorDone) {
    if (user.totpEnabled) pending = 'verify';
    else if (await totpRequiredFor(user.role)) pending = 'setup';
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
  const state = await loadSession(request);
  return state && !state.pending ? toStaffUser(state) : null;
}

function here(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

async function signInRedirect(request: Request): Promise<never> {
  const method = request.method.toUpperCase();
  const url = new URL(request.url);
  const target = method === 'GET' ? here(request) : url.pathname;
  const params = new URLSearchParams({ redirectTo: target });
  // a cookie without a live session: it expired, was revoked or signed out elsewhere
  const hadSession = await hasSessionCookie(request);
  if (hadSession) params.set('het-han', '1');
  if (hadSession) await auditForged({ request, reason: 'staleSession' });
  throw redirect(
    `${SIGN_IN_PATH}?${params}`,
    hadSession ? { headers: { 'Set-Cookie': await clearSessionCookie() } } : undefined,
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
  await assertSameOrigin(request);
  const state = await loadSession(request);
  if (!state) return signInRedirect(request);
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
    await auditDenied({ request, actorUserId: user.id, permission });
    throw json({ message: getT(getLocale(request))('auth.errors.forbidden') }, { status: 403 });
  }
  return user;
}

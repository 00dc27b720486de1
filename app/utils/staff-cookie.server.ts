// The staff session cookie: an opaque random token (the sessions table keeps only its hash), HttpOnly,
// SameSite=Lax, Secure in production, for at most the session's absolute lifetime.
import { type Cookie, createCookie } from '@remix-run/node';

import { getEnv } from './env.server';

export const SESSION_COOKIE = 'pakn_staff';
/** A session ends 12 hours after sign-in whatever happens: the cookie does not outlive it. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

let cookie: Cookie | undefined;
function getCookie(): Cookie {
  cookie ??= createCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: getEnv().NODE_ENV === 'production',
    maxAge: Math.floor(ABSOLUTE_TIMEOUT_MS / 1000),
  });
  return cookie;
}

/** The Set-Cookie header that hands `token` to the browser. */
export function sessionCookie(token: string): Promise<string> {
  return getCookie().serialize(token);
}

/** The Set-Cookie header that removes the cookie. */
export function clearSessionCookie(): Promise<string> {
  return getCookie().serialize('', { maxAge: 0 });
}

/** The session token this request carries, or null. */
export async function readSessionToken(request: Request): Promise<string | null> {
  const value: unknown = await getCookie().parse(request.headers.get('Cookie'));
  return typeof value === 'string' && TOKEN.test(value) ? value : null;
}

/** True when the request carries a staff cookie at all (a live session or not). */
export async function hasSessionCookie(request: Request): Promise<boolean> {
  const value: unknown = await getCookie().parse(request.headers.get('Cookie'));
  return value !== null && value !== '';
}

// Which PAKN this browser has proved it may follow (by code + contact, or by the private link).
import { createCookieSessionStorage } from '@remix-run/node';

import { getEnv } from './env.server';

const MAX_ITEMS = 20;

type FollowData = { ids: number[] };
let storage: ReturnType<typeof createCookieSessionStorage<FollowData>> | undefined;
function getStorage() {
  const env = getEnv();
  storage ??= createCookieSessionStorage<FollowData>({
    cookie: {
      name: 'pakn_follow',
      httpOnly: true,
      sameSite: 'lax',
      secure: env.NODE_ENV === 'production',
      path: '/',
      maxAge: 60 * 60 * 24 * 7,
      secrets: [env.SESSION_SECRET],
    },
  });
  return storage;
}

export async function getFollowedIds(request: Request): Promise<number[]> {
  const session = await getStorage().getSession(request.headers.get('Cookie'));
  const ids = session.get('ids');
  return Array.isArray(ids) ? ids.filter((n): n is number => Number.isInteger(n)) : [];
}

/** Returns the Set-Cookie header granting this browser access to one more PAKN. */
export async function grantFollowAccess(request: Request, paknId: number): Promise<string> {
  const s = getStorage();
  const session = await s.getSession(request.headers.get('Cookie'));
  const ids = (await getFollowedIds(request)).filter((id) => id !== paknId);
  session.set('ids', [paknId, ...ids].slice(0, MAX_ITEMS));
  return s.commitSession(session);
}

export async function clearFollowAccess(request: Request): Promise<string> {
  const s = getStorage();
  return s.destroySession(await s.getSession(request.headers.get('Cookie')));
}

// The address a browser proved it reads (by a "PAKN của tôi" link), for one hour: signed, httpOnly.
import { createCookieSessionStorage } from '@remix-run/node';

import { getEnv } from './env.server';

const TTL_SECONDS = 60 * 60;

type MineData = { email: string; until: number };
let storage: ReturnType<typeof createCookieSessionStorage<MineData>> | undefined;
function getStorage() {
  const env = getEnv();
  storage ??= createCookieSessionStorage<MineData>({
    cookie: {
      name: 'pakn_mine',
      httpOnly: true,
      sameSite: 'lax',
      secure: env.NODE_ENV === 'production',
      path: '/',
      maxAge: TTL_SECONDS,
      secrets: [env.SESSION_SECRET],
    },
  });
  return storage;
}

export async function getVerifiedEmail(request: Request, now = Date.now()): Promise<string | null> {
  const session = await getStorage().getSession(request.headers.get('Cookie'));
  const email = session.get('email');
  const until = session.get('until');
  return typeof email === 'string' && typeof until === 'number' && until > now ? email : null;
}

/** Returns the Set-Cookie header for a browser that has just used a link sent to `email`. */
export async function setVerifiedEmail(request: Request, email: string, now = Date.now()): Promise<string> {
  const s = getStorage();
  const session = await s.getSession(request.headers.get('Cookie'));
  session.set('email', email);
  session.set('until', now + TTL_SECONDS * 1000);
  return s.commitSession(session);
}

export async function clearVerifiedEmail(request: Request): Promise<string> {
  const s = getStorage();
  return s.destroySession(await s.getSession(request.headers.get('Cookie')));
}

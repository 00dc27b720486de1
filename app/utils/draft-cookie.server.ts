// Which drafts of the online form this browser started. The server makes every draft token and
// lists it in a signed HttpOnly cookie; a token seen only in a URL (a link someone sent) opens nothing.
import { type Cookie, createCookie } from '@remix-run/node';

import { randomToken } from './crypto.server';
import { getEnv } from './env.server';

/** Drafts one browser may hold at once (tabs); the oldest is forgotten first. */
const MAX_DRAFTS = 10;
const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

let cookie: Cookie | undefined;
function getCookie() {
  const env = getEnv();
  cookie ??= createCookie('pakn_draft', {
    httpOnly: true,
    sameSite: 'lax',
    secure: env.NODE_ENV === 'production',
    // the form and its review page only
    path: '/gop-y',
    // as long as a draft lives
    maxAge: 24 * 60 * 60,
    secrets: [env.SESSION_SECRET],
  });
  return cookie;
}

/** The draft tokens this browser holds, newest first. */
export async function heldDraftTokens(request: Request): Promise<string[]> {
  const value: unknown = await getCookie().parse(request.headers.get('Cookie'));
  return Array.isArray(value)
    ? value.filter((t): t is string => typeof t === 'string' && TOKEN.test(t)).slice(0, MAX_DRAFTS)
    : [];
}

export async function holdsDraft(request: Request, token: string): Promise<boolean> {
  return (await heldDraftTokens(request)).includes(token);
}

/** A new draft token for this browser and the Set-Cookie header that hands it over. */
export async function issueDraftToken(request: Request): Promise<{ token: string; setCookie: string }> {
  const token = randomToken();
  const held = await heldDraftTokens(request);
  const setCookie = await getCookie().serialize([token, ...held].slice(0, MAX_DRAFTS));
  return { token, setCookie };
}

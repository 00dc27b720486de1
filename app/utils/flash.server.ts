// A one-time confirmation after POST → redirect → GET ("Đã nhận yêu cầu của bạn"), carried in a signed
// cookie instead of the query string, so it works without JavaScript, is shown once and leaves no
// `?da-gui=1` in the address bar or the history. The message is a translation key (the encoding of
// ~/utils/forms translateMessage: 'key', 'key|name=value', '!already translated'); the page that the
// redirect lands on reads it in its loader and renders <FlashMessage> (~/components/ui/flash).
import { type Cookie, createCookie, redirect } from '@remix-run/node';

import { getEnv } from './env.server';

let cookie: Cookie | undefined;
function getCookie() {
  const env = getEnv();
  cookie ??= createCookie('pakn_flash', {
    httpOnly: true,
    sameSite: 'lax',
    secure: env.NODE_ENV === 'production',
    path: '/',
    // read by the very next page; a flash nobody reads does not linger
    maxAge: 10 * 60,
    secrets: [env.SESSION_SECRET],
  });
  return cookie;
}

/** The Set-Cookie header that carries `message` to the next page. */
export async function flashCookie(message: string): Promise<string> {
  return getCookie().serialize(message);
}

/** A redirect that shows `message` once on the page it lands on. */
export async function redirectWithFlash(url: string, message: string, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append('Set-Cookie', await flashCookie(message));
  return redirect(url, { ...init, headers });
}

/**
 * The flash message waiting for this request, if any, and the Set-Cookie header that clears it (to send
 * with the loader's answer). Both null when there is none.
 */
export async function readFlash(
  request: Request,
): Promise<{ message: string | null; setCookie: string | null }> {
  const header = request.headers.get('Cookie');
  if (!header?.includes('pakn_flash=')) return { message: null, setCookie: null };
  const value: unknown = await getCookie().parse(header);
  const setCookie = await getCookie().serialize('', { maxAge: 0, expires: new Date(0) });
  return { message: typeof value === 'string' && value ? value : null, setCookie };
}

// The confirmation an admin page shows after a change, carried in the flash cookie (~/utils/flash.server):
// what was done and, after a calendar or rule change, how many open PAKN had their due dates recomputed.
import { readFlash } from './flash.server';

export type AdminDone = 'created' | 'updated' | 'deleted' | 'saved';

/** The flash message (a translation key with its parameters, see ~/utils/forms translateMessage). */
export function adminFlash(done: AdminDone, recomputed?: number): string {
  return recomputed === undefined
    ? `admin.flash.${done}`
    : `admin.flash.${done}Recomputed|count=${recomputed}`;
}

/** The confirmation waiting for this admin page, and the headers of its answer (which clear it). */
export async function readAdminFlash(request: Request) {
  const { message, setCookie } = await readFlash(request);
  return { flash: message, headers: setCookie ? { 'Set-Cookie': setCookie } : undefined };
}

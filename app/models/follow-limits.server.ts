// Limits on wrong follow-up look-ups (code + e-mail or phone). Counted per (address, code) pair, so that
// guesses at a code from other addresses never lock its real owner out (codes are sequential: a limit per
// code alone would let anyone lock anyone), and per address over all codes, so one address cannot walk
// through the codes. Both live in rate_limits, so they hold across restarts.
import { getSetting } from '~/models/admin/settings.server';
import { hitRateLimit, peekRateLimit } from '~/models/rate-limit.server';

const WINDOW_SECONDS = 15 * 60;
/** An address may fail this many times the per-code limit over all codes together. */
export const FOLLOW_ADDRESS_FACTOR = 3;

function limits(ip: string, code: string) {
  const perCode = getSetting('followup.attemptsPer15Min');
  return [
    { bucket: 'follow-ip-code', key: `${ip} ${code}`, limit: perCode, windowSeconds: WINDOW_SECONDS },
    { bucket: 'follow-ip', key: ip, limit: perCode * FOLLOW_ADDRESS_FACTOR, windowSeconds: WINDOW_SECONDS },
  ];
}

/** null when this address may try this code now, else the minutes until it may. */
export function followLookupBlocked({ ip, code }: { ip: string; code: string }): number | null {
  const blocked = limits(ip, code)
    .map((l) => peekRateLimit(l))
    .find((r) => !r.allowed);
  return blocked ? Math.ceil(blocked.retryAfterSeconds / 60) : null;
}

/** Counts one wrong look-up of this code from this address. */
export function recordFollowLookupFailure({ ip, code }: { ip: string; code: string }): void {
  for (const l of limits(ip, code)) hitRateLimit(l);
}

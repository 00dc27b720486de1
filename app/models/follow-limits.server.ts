// Limits on wrong follow-up look-ups (code + e-mail or phone). Counted per (address, code) pair, so that
// guesses at a code from other addresses never lock its real owner out (codes are sequential: a limit per
// code alone would let anyone lock anyone), and per address over all codes, so one address cannot walk
// through the codes. Both live in rate_limits, so they hold across restarts.
// The numbers are in app/domain/rate-limits.ts ('follow-ip-code', 'follow-ip').
import { hitRateLimit, peekRateLimit, type RateLimitCall } from '~/models/rate-limit.server';

export { FOLLOW_ADDRESS_FACTOR } from '~/domain/rate-limits';

function limits(ip: string, code: string): RateLimitCall[] {
  return [
    { bucket: 'follow-ip-code', key: `${ip} ${code}` },
    { bucket: 'follow-ip', key: ip },
  ];
}

/** null when this address may try this code now, else the minutes until it may. */
export async function followLookupBlocked({
  ip,
  code,
}: {
  ip: string;
  code: string;
}): Promise<number | null> {
  const peeks = await Promise.all(limits(ip, code).map((l) => peekRateLimit(l)));
  const blocked = peeks.find((r) => !r.allowed);
  return blocked ? Math.ceil(blocked.retryAfterSeconds / 60) : null;
}

/** Counts one wrong look-up of this code from this address. */
export async function recordFollowLookupFailure({ ip, code }: { ip: string; code: string }): Promise<void> {
  for (const l of limits(ip, code)) await hitRateLimit(l);
}

// The TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s; one step of clock drift either way): secrets,
// the otpauth URI and its QR code, and checking a code (each accepted once, wrong codes throttled).
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

import { fixedLimit } from '~/domain/rate-limits';
import { getAgency } from '~/models/config.server';
import { hitRateLimit, peekRateLimit } from '~/models/rate-limit.server';
import type { User } from '~/models/users.server';

/** Wrong TOTP codes per account per window. */
export const TOTP_FAIL_LIMIT = fixedLimit('totp-fail');

async function totpFor(secret: string, email: string): Promise<TOTP> {
  const agency = await getAgency();
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

export async function totpUri(secret: string, email: string): Promise<string> {
  return (await totpFor(secret, email)).toString();
}

export function totpQrDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 220 });
}

export type TotpCheck = 'ok' | 'invalid' | 'throttled';

/** Checks a code against the secret; each code is accepted once, and wrong codes are throttled. */
export async function checkTotpCode(
  user: Pick<User, 'id' | 'email'>,
  secret: string,
  code: string,
  now = Date.now(),
): Promise<TotpCheck> {
  const failLimit = { bucket: 'totp-fail', key: String(user.id), now } as const;
  if (!(await peekRateLimit(failLimit)).allowed) return 'throttled';
  const token = code.replace(/\s+/g, '');
  const delta = /^\d{6}$/.test(token)
    ? (await totpFor(secret, user.email)).validate({ token, window: 1, timestamp: now })
    : null;
  if (delta === null) {
    await hitRateLimit(failLimit);
    return 'invalid';
  }
  const counter = Math.floor(now / 30_000) + delta;
  const replay = await hitRateLimit({ bucket: 'totp-used', key: `${user.id}:${counter}`, now });
  if (!replay.allowed) {
    await hitRateLimit(failLimit);
    return 'invalid';
  }
  return 'ok';
}

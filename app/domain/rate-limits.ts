// Every rate limit of the portal in one table: bucket → hits allowed per fixed window. The counters
// live in SQLite (app/models/rate-limit.server.ts), so a limit holds across restarts and processes.
// Three limits are agency policy, read from settings (admin "Settings" page); the table names the key.

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/** Settings that set a limit (a number per window), see db/seed-data.ts. */
export type LimitSetting =
  'intake.submissionsPerIpPerHour' | 'followup.attemptsPer15Min' | 'api.requestsPerMinute';

export type RateLimitPolicy = {
  windowSeconds: number;
  /** a fixed number, or `times` × the number in a setting */
  limit: number | { setting: LimitSetting; times: number };
  /** what is counted, for the reader of this table */
  counts: string;
};

/** An address may fail follow-up look-ups this many times the per-code limit over all codes together. */
export const FOLLOW_ADDRESS_FACTOR = 3;

export const RATE_LIMITS = {
  'intake-form': { limit: 120, windowSeconds: HOUR, counts: 'citizen form drafts checked, per address' },
  'intake-submit': {
    limit: { setting: 'intake.submissionsPerIpPerHour', times: 1 },
    windowSeconds: HOUR,
    counts: 'PAKN sent, per address',
  },
  'follow-ip-code': {
    limit: { setting: 'followup.attemptsPer15Min', times: 1 },
    windowSeconds: 15 * MINUTE,
    counts: 'wrong follow-up look-ups of one code, per address',
  },
  'follow-ip': {
    limit: { setting: 'followup.attemptsPer15Min', times: FOLLOW_ADDRESS_FACTOR },
    windowSeconds: 15 * MINUTE,
    counts: 'wrong follow-up look-ups of any code, per address',
  },
  'follow-link': { limit: 30, windowSeconds: 15 * MINUTE, counts: 'follow-up links opened, per address' },
  'info-reply': {
    limit: 30,
    windowSeconds: HOUR,
    counts: 'information supplied by a submitter, per address',
  },
  rating: { limit: 30, windowSeconds: HOUR, counts: 'answer ratings, per address' },
  'similar-suggest': {
    limit: 60,
    windowSeconds: 15 * MINUTE,
    counts: 'similar published answers asked for while writing (/gop-y/goi-y), per address',
  },
  'privacy-request': { limit: 10, windowSeconds: HOUR, counts: 'privacy requests, per address' },
  'my-pakn-ip': { limit: 10, windowSeconds: HOUR, counts: '"my PAKN" links asked for, per address' },
  'my-pakn-email': { limit: 3, windowSeconds: HOUR, counts: '"my PAKN" links asked for, per e-mail' },
  'signin-ip': { limit: 20, windowSeconds: 15 * MINUTE, counts: 'staff sign-in attempts, per address' },
  'signin-unknown': {
    limit: 5,
    windowSeconds: 15 * MINUTE,
    counts: 'sign-in attempts with an unknown e-mail, per e-mail',
  },
  'totp-fail': { limit: 5, windowSeconds: 15 * MINUTE, counts: 'wrong two-factor codes, per account' },
  'totp-used': {
    limit: 1,
    windowSeconds: 10 * 365 * 24 * HOUR,
    counts: 'uses of one two-factor code (replay guard), per account and code',
  },
  'password-confirm': {
    limit: 5,
    windowSeconds: 15 * MINUTE,
    counts: 'wrong current passwords on the account page, per account',
  },
  'reset-ip': { limit: 5, windowSeconds: HOUR, counts: 'password reset requests, per address' },
  'reset-email': { limit: 3, windowSeconds: HOUR, counts: 'password reset e-mails, per e-mail' },
  'api-key': {
    limit: { setting: 'api.requestsPerMinute', times: 1 },
    windowSeconds: MINUTE,
    counts: 'API and Open311 calls, per key',
  },
  'api-anon': {
    limit: 300,
    windowSeconds: MINUTE,
    counts: 'API and Open311 reads without a key, per address',
  },
  'audit-forged': {
    limit: 30,
    windowSeconds: 15 * MINUTE,
    counts: 'cross-site posts written to the audit log, per address',
  },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitBucket = keyof typeof RATE_LIMITS;

/** The fixed number of a bucket whose limit is not a setting. */
export function fixedLimit(
  bucket: {
    [B in RateLimitBucket]: (typeof RATE_LIMITS)[B]['limit'] extends number ? B : never;
  }[RateLimitBucket],
): number {
  return RATE_LIMITS[bucket].limit;
}

/** The limit of a bucket, given the value of its setting when it has one. */
export function limitOf(bucket: RateLimitBucket, settingValue: (key: LimitSetting) => number): number {
  const { limit } = RATE_LIMITS[bucket];
  return typeof limit === 'number' ? limit : limit.times * settingValue(limit.setting);
}

/**
 * The window actually used: the table's, times `scale` (env RATE_LIMIT_WINDOW_SCALE, 1 in production), so that a
 * test can make a window long enough never to turn over while it runs.
 */
export function windowOf(bucket: RateLimitBucket, scale = 1): number {
  return Math.max(1, Math.round(RATE_LIMITS[bucket].windowSeconds * scale));
}

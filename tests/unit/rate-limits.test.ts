// The table of rate-limit policies: the numbers every caller uses, settings-based limits and the window scale.
import { describe, expect, it } from 'vitest';

import { fixedLimit, limitOf, RATE_LIMITS, type RateLimitBucket, windowOf } from '~/domain/rate-limits';
import { parseEnv } from '~/utils/env.server';

describe('rate-limit policies', () => {
  it('keeps the limits and windows the callers had before the table', () => {
    const fixed: Array<[RateLimitBucket, number, number]> = [
      ['intake-form', 120, 3600],
      ['follow-link', 30, 900],
      ['info-reply', 30, 3600],
      ['rating', 30, 3600],
      ['privacy-request', 10, 3600],
      ['my-pakn-ip', 10, 3600],
      ['my-pakn-email', 3, 3600],
      ['signin-ip', 20, 900],
      ['signin-unknown', 5, 900],
      ['totp-fail', 5, 900],
      ['totp-used', 1, 10 * 365 * 24 * 3600],
      ['password-confirm', 5, 900],
      ['reset-ip', 5, 3600],
      ['reset-email', 3, 3600],
      ['audit-forged', 30, 900],
      ['api-anon', 300, 60],
    ];
    for (const [bucket, limit, window] of fixed) {
      expect(
        limitOf(bucket, () => Number.NaN),
        bucket,
      ).toBe(limit);
      expect(windowOf(bucket), bucket).toBe(window);
    }
    expect(fixedLimit('signin-ip')).toBe(20);
  });

  it('reads the agency-policy limits from their settings (the per-address follow-up limit is three times it)', () => {
    const settings = {
      'intake.submissionsPerIpPerHour': 7,
      'followup.attemptsPer15Min': 4,
      'api.requestsPerMinute': 90,
    };
    const read = (k: keyof typeof settings) => settings[k];
    expect(limitOf('intake-submit', read)).toBe(7);
    expect(limitOf('follow-ip-code', read)).toBe(4);
    expect(limitOf('follow-ip', read)).toBe(12);
    expect(limitOf('api-key', read)).toBe(90);
    expect(windowOf('intake-submit')).toBe(3600);
    expect(windowOf('follow-ip')).toBe(900);
  });

  it('every bucket has a positive limit and window', () => {
    for (const bucket of Object.keys(RATE_LIMITS) as RateLimitBucket[]) {
      expect(
        limitOf(bucket, () => 1),
        bucket,
      ).toBeGreaterThan(0);
      expect(windowOf(bucket), bucket).toBeGreaterThan(0);
    }
  });

  it('scales every window by RATE_LIMIT_WINDOW_SCALE, which is 1 unless set', () => {
    expect(windowOf('signin-ip', 1000)).toBe(900_000);
    expect(windowOf('signin-ip', 0.001)).toBe(1);
    expect(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).RATE_LIMIT_WINDOW_SCALE).toBe(
      1,
    );
    expect(parseEnv({ RATE_LIMIT_WINDOW_SCALE: '1000' }).RATE_LIMIT_WINDOW_SCALE).toBe(1000);
    expect(() => parseEnv({ RATE_LIMIT_WINDOW_SCALE: '0' })).toThrow(/RATE_LIMIT_WINDOW_SCALE/);
  });
});

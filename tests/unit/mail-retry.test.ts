// The mail retry base is configuration (MAIL_RETRY_BASE_MS), so tests can make the backoff short.
import { expect, it } from 'vitest';

import { retryDelayMs } from '~/jobs/mail-retry';
import { parseEnv } from '~/utils/env.server';

it('reads MAIL_RETRY_BASE_MS, 30 s by default', () => {
  expect(parseEnv({}).MAIL_RETRY_BASE_MS).toBe(30_000);
  expect(parseEnv({ MAIL_RETRY_BASE_MS: '20' }).MAIL_RETRY_BASE_MS).toBe(20);
  expect(() => parseEnv({ MAIL_RETRY_BASE_MS: '0' })).toThrow(/MAIL_RETRY_BASE_MS/);
  expect(() => parseEnv({ MAIL_RETRY_BASE_MS: 'soon' })).toThrow(/MAIL_RETRY_BASE_MS/);
});

it('doubles from the base and stops at one hour', () => {
  expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
  expect([1, 2, 3].map((n) => retryDelayMs(n, 20))).toEqual([20, 40, 80]);
  expect(retryDelayMs(1000, 20)).toBe(3_600_000);
  expect(retryDelayMs(0, 20)).toBe(20);
});

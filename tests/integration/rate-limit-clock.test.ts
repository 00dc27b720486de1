// Rate-limit windows follow the injectable clock (tests move time instead of waiting) and the window
// scale of the environment; the counters are those the app itself reads.
import { afterAll, beforeAll, expect, it } from 'vitest';

import { hitRateLimit, peekRateLimit, refundRateLimit } from '~/models/rate-limit.server';

import { startTestApp, type TestApp } from '../support/app';
import { type TestClock, useTestClock } from '../support/clock';

let app: TestApp;
let clock: TestClock;

beforeAll(async () => {
  // every window twice as long as in the table
  app = await startTestApp({ RATE_LIMIT_WINDOW_SCALE: '2' });
  // the start of a (scaled) one-hour window of 'rating', so that the test is the same at any time of day
  clock = useTestClock(Date.UTC(2026, 0, 5, 0, 0, 0));
});
afterAll(async () => {
  clock.restore();
  await app.stop();
});

it('a window turns over when the clock is moved past it, not before', async () => {
  const key = '10.1.2.3';
  for (let i = 0; i < 30; i += 1) expect((await hitRateLimit({ bucket: 'rating', key })).allowed).toBe(true);
  const refused = await hitRateLimit({ bucket: 'rating', key });
  expect(refused.allowed).toBe(false);
  expect(refused.retryAfterSeconds).toBe(2 * 3600);
  await refundRateLimit({ bucket: 'rating', key });

  clock.advance(3600 * 1000); // the table's window, but this run doubles it
  expect((await peekRateLimit({ bucket: 'rating', key })).allowed).toBe(false);
  expect((await peekRateLimit({ bucket: 'rating', key })).retryAfterSeconds).toBe(3600);

  clock.advance(3600 * 1000);
  expect(await peekRateLimit({ bucket: 'rating', key })).toEqual({
    allowed: true,
    retryAfterSeconds: 7200,
    remaining: 30,
  });
  expect((await hitRateLimit({ bucket: 'rating', key })).remaining).toBe(29);
});

it('a route counts on the same clock: the follow-up link limit per address', async () => {
  clock.set(Date.UTC(2026, 0, 6, 0, 0, 0));
  const open = (ip: string) => app.fetch('/theo-doi/truy-cap/khong-co-lien-ket-nay', { ip });
  for (let i = 0; i < 30; i += 1) await open('10.9.9.9');
  expect((await peekRateLimit({ bucket: 'follow-link', key: '10.9.9.9' })).allowed).toBe(false);
  clock.advance(2 * 900 * 1000);
  expect((await peekRateLimit({ bucket: 'follow-link', key: '10.9.9.9' })).remaining).toBe(30);
  await open('10.9.9.9');
  expect((await peekRateLimit({ bucket: 'follow-link', key: '10.9.9.9' })).remaining).toBe(29);
});

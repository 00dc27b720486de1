// Fixed-window counters in SQLite, so limits survive a restart and hold across processes. The limit and
// window of each bucket come from one table, app/domain/rate-limits.ts.
import { limitOf, type LimitSetting, type RateLimitBucket, windowOf } from '~/domain/rate-limits';
import { getSetting } from '~/models/admin/settings.server';
import { nowMs } from '~/utils/clock.server';
import { pseudonymise } from '~/utils/crypto.server';
import { type Db, getDb } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number; remaining: number };

/** One counter: a bucket of the table and what it counts (an address, an account…); `now` in ms. */
export type RateLimitCall = { bucket: RateLimitBucket; key: string; now?: number };

function policy({ bucket, now = nowMs() }: RateLimitCall, db: Db) {
  const windowSeconds = windowOf(bucket, getEnv().RATE_LIMIT_WINDOW_SCALE);
  const limit = limitOf(bucket, (key: LimitSetting) => getSetting(key, db));
  const windowStart = Math.floor(now / 1000 / windowSeconds) * windowSeconds;
  const retryAfterSeconds = windowStart + windowSeconds - Math.floor(now / 1000);
  return { limit, windowStart, retryAfterSeconds };
}

/** Counts one hit for (bucket, key) and says whether it is within the bucket's limit. */
export function hitRateLimit(call: RateLimitCall, db: Db = getDb()): RateLimitResult {
  const { limit, windowStart, retryAfterSeconds } = policy(call, db);
  const row = db.$client
    .prepare(
      `INSERT INTO rate_limits (bucket, key, window_start, count) VALUES (?, ?, ?, 1)
       ON CONFLICT(bucket, key) DO UPDATE SET
         count = CASE WHEN window_start = excluded.window_start THEN count + 1 ELSE 1 END,
         window_start = excluded.window_start
       RETURNING count`,
    )
    .get(call.bucket, pseudonymise(call.key), windowStart) as { count: number };
  return { allowed: row.count <= limit, retryAfterSeconds, remaining: Math.max(0, limit - row.count) };
}

/** Reads without counting (for "is this key already blocked?"). */
export function peekRateLimit(call: RateLimitCall, db: Db = getDb()): RateLimitResult {
  const { limit, windowStart, retryAfterSeconds } = policy(call, db);
  const row = db.$client
    .prepare('SELECT count, window_start AS ws FROM rate_limits WHERE bucket = ? AND key = ?')
    .get(call.bucket, pseudonymise(call.key)) as { count: number; ws: number } | undefined;
  const count = row && row.ws === windowStart ? row.count : 0;
  return { allowed: count < limit, retryAfterSeconds, remaining: Math.max(0, limit - count) };
}

export function resetRateLimit({ bucket, key }: RateLimitCall, db: Db = getDb()) {
  db.$client.prepare('DELETE FROM rate_limits WHERE bucket = ? AND key = ?').run(bucket, pseudonymise(key));
}

/**
 * Takes back one hit of the current window: for limits counted before the outcome is known (so that
 * concurrent requests cannot all pass a check made before any of them counted), when it went well.
 */
export function refundRateLimit(call: RateLimitCall, db: Db = getDb()): void {
  const { windowStart } = policy(call, db);
  db.$client
    .prepare(
      'UPDATE rate_limits SET count = max(count - 1, 0) WHERE bucket = ? AND key = ? AND window_start = ?',
    )
    .run(call.bucket, pseudonymise(call.key), windowStart);
}

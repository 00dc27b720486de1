// Fixed-window counters in SQLite, so limits survive a restart and hold across processes. The limit and
// window of each bucket come from one table, app/domain/rate-limits.ts.
import { sql } from 'drizzle-orm';

import { limitOf, RATE_LIMITS, type RateLimitBucket, windowOf } from '~/domain/rate-limits';
import { getSetting } from '~/models/admin/settings.server';
import { nowMs } from '~/utils/clock.server';
import { pseudonymise } from '~/utils/crypto.server';
import { type Db, getDb, one, rawAll, rawGet, rawRun } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number; remaining: number };

/** One counter: a bucket of the table and what it counts (an address, an account…); `now` in ms. */
export type RateLimitCall = { bucket: RateLimitBucket; key: string; now?: number };

async function policy({ bucket, now = nowMs() }: RateLimitCall, db: Db) {
  const windowSeconds = windowOf(bucket, getEnv().RATE_LIMIT_WINDOW_SCALE);
  const rule = RATE_LIMITS[bucket].limit;
  const setting = typeof rule === 'number' ? 0 : await getSetting(rule.setting, db);
  const limit = limitOf(bucket, () => setting);
  const windowStart = Math.floor(now / 1000 / windowSeconds) * windowSeconds;
  const retryAfterSeconds = windowStart + windowSeconds - Math.floor(now / 1000);
  return { limit, windowStart, retryAfterSeconds };
}

/** Counts one hit for (bucket, key) and says whether it is within the bucket's limit. */
export async function hitRateLimit(call: RateLimitCall, db: Db = getDb()): Promise<RateLimitResult> {
  const { limit, windowStart, retryAfterSeconds } = await policy(call, db);
  const row = await one(
    await rawAll<{ count: number }>(
      db,
      sql`INSERT INTO rate_limits (bucket, key, window_start, count) VALUES (${call.bucket}, ${pseudonymise(call.key)}, ${windowStart}, 1)
       ON CONFLICT(bucket, key) DO UPDATE SET
         count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
         window_start = excluded.window_start
       RETURNING count`,
    ),
  );
  return { allowed: row.count <= limit, retryAfterSeconds, remaining: Math.max(0, limit - row.count) };
}

/** Reads without counting (for "is this key already blocked?"). */
export async function peekRateLimit(call: RateLimitCall, db: Db = getDb()): Promise<RateLimitResult> {
  const { limit, windowStart, retryAfterSeconds } = await policy(call, db);
  const row = await rawGet<{ count: number; ws: number }>(
    db,
    sql`SELECT count, window_start AS ws FROM rate_limits WHERE bucket = ${call.bucket} AND key = ${pseudonymise(call.key)}`,
  );
  const count = row && row.ws === windowStart ? row.count : 0;
  return { allowed: count < limit, retryAfterSeconds, remaining: Math.max(0, limit - count) };
}

export async function resetRateLimit({ bucket, key }: RateLimitCall, db: Db = getDb()) {
  await rawRun(db, sql`DELETE FROM rate_limits WHERE bucket = ${bucket} AND key = ${pseudonymise(key)}`);
}

/**
 * Takes back one hit of the current window: for limits counted before the outcome is known (so that
 * concurrent requests cannot all pass a check made before any of them counted), when it went well.
 */
export async function refundRateLimit(call: RateLimitCall, db: Db = getDb()): Promise<void> {
  const { windowStart } = await policy(call, db);
  // CASE rather than SQLite's two-argument max(), which PostgreSQL spells greatest()
  await rawRun(
    db,
    sql`UPDATE rate_limits SET count = CASE WHEN count > 0 THEN count - 1 ELSE 0 END
        WHERE bucket = ${call.bucket} AND key = ${pseudonymise(call.key)} AND window_start = ${windowStart}`,
  );
}

// Fixed-window counters in SQLite, so limits survive a restart and hold across processes.
import { getDb, type Db } from '~/utils/db.server';
import { pseudonymise } from '~/utils/crypto.server';

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number; remaining: number };

/** Counts one hit for (bucket, key) and says whether it is within `limit` per `windowSeconds`. */
export function hitRateLimit(
  {
    bucket,
    key,
    limit,
    windowSeconds,
    now = Date.now(),
  }: { bucket: string; key: string; limit: number; windowSeconds: number; now?: number },
  db: Db = getDb(),
): RateLimitResult {
  const windowStart = Math.floor(now / 1000 / windowSeconds) * windowSeconds;
  const row = db.$client
    .prepare(
      `INSERT INTO rate_limits (bucket, key, window_start, count) VALUES (?, ?, ?, 1)
       ON CONFLICT(bucket, key) DO UPDATE SET
         count = CASE WHEN window_start = excluded.window_start THEN count + 1 ELSE 1 END,
         window_start = excluded.window_start
       RETURNING count`,
    )
    .get(bucket, pseudonymise(key), windowStart) as { count: number };
  const retryAfterSeconds = windowStart + windowSeconds - Math.floor(now / 1000);
  return { allowed: row.count <= limit, retryAfterSeconds, remaining: Math.max(0, limit - row.count) };
}

/** Reads without counting (for "is this key already blocked?"). */
export function peekRateLimit(
  {
    bucket,
    key,
    limit,
    windowSeconds,
    now = Date.now(),
  }: { bucket: string; key: string; limit: number; windowSeconds: number; now?: number },
  db: Db = getDb(),
): RateLimitResult {
  const windowStart = Math.floor(now / 1000 / windowSeconds) * windowSeconds;
  const row = db.$client
    .prepare('SELECT count, window_start AS ws FROM rate_limits WHERE bucket = ? AND key = ?')
    .get(bucket, pseudonymise(key)) as { count: number; ws: number } | undefined;
  const count = row && row.ws === windowStart ? row.count : 0;
  const retryAfterSeconds = windowStart + windowSeconds - Math.floor(now / 1000);
  return { allowed: count < limit, retryAfterSeconds, remaining: Math.max(0, limit - count) };
}

export function resetRateLimit({ bucket, key }: { bucket: string; key: string }, db: Db = getDb()) {
  db.$client.prepare('DELETE FROM rate_limits WHERE bucket = ? AND key = ?').run(bucket, pseudonymise(key));
}

/**
 * Takes back one hit of the current window: for limits counted before the outcome is known (so that
 * concurrent requests cannot all pass a check made before any of them counted), when it went well.
 */
export function refundRateLimit(
  {
    bucket,
    key,
    windowSeconds,
    now = Date.now(),
  }: { bucket: string; key: string; windowSeconds: number; now?: number },
  db: Db = getDb(),
): void {
  const windowStart = Math.floor(now / 1000 / windowSeconds) * windowSeconds;
  db.$client
    .prepare(
      'UPDATE rate_limits SET count = max(count - 1, 0) WHERE bucket = ? AND key = ? AND window_start = ?',
    )
    .run(bucket, pseudonymise(key), windowStart);
}

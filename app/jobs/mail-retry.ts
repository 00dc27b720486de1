// The backoff of a failed e-mail: pure, so the worker and its tests share one rule.

/** Retries are never more than one hour apart. */
export const RETRY_MAX_MS = 60 * 60_000;

/**
 * Delay before the next attempt once `attempts` attempts have failed (attempts >= 1): `baseMs`
 * (MAIL_RETRY_BASE_MS, 30 s by default) doubling, at most RETRY_MAX_MS.
 */
export function retryDelayMs(attempts: number, baseMs: number): number {
  const exp = Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(baseMs * 2 ** exp, RETRY_MAX_MS);
}

// Structured logs. Never pass PAKN text or a citizen's contact details to the logger.
import pino from 'pino';

import { getEnv } from './env.server';

declare global {
  var __paknLogger: pino.Logger | undefined;
}
const globalForLog = globalThis;

export function getLogger(): pino.Logger {
  globalForLog.__paknLogger ??= pino({
    level: getEnv().LOG_LEVEL,
    base: { app: 'pakn' },
    redact: ['email', 'phone', 'fullName', 'address', 'content', '*.email', '*.phone', '*.fullName'],
  });
  return globalForLog.__paknLogger;
}

/** The path segments after which a private link's token follows: follow-up, password reset, rating. */
const TOKEN_AFTER = new Set(['truy-cap', 'dat-lai', 'danh-gia']);

/**
 * A path fit for the log: the token of a private link (it opens personal data, and the rating link never
 * expires) becomes `[token]`. Routes match case-insensitively and after percent-decoding, so does this.
 */
export function maskPathTokens(path: string): string {
  const segments = path.split('/');
  for (let i = 0; i < segments.length - 1; i++) {
    let name = segments[i]!;
    try {
      name = decodeURIComponent(name);
    } catch {
      // a malformed escape: compare as written
    }
    if (TOKEN_AFTER.has(name.toLowerCase()) && segments[i + 1] !== '') segments[i + 1] = '[token]';
  }
  return segments.join('/');
}

// Structured logs. Never pass PAKN text or a citizen's contact details to the logger.
import pino from 'pino';
import { getEnv } from './env.server';

const globalForLog = globalThis as unknown as { __paknLogger?: pino.Logger };

export function getLogger(): pino.Logger {
  globalForLog.__paknLogger ??= pino({
    level: getEnv().LOG_LEVEL,
    base: { app: 'pakn' },
    redact: ['email', 'phone', 'fullName', 'address', 'content', '*.email', '*.phone', '*.fullName'],
  });
  return globalForLog.__paknLogger;
}

// The configuration contract: every environment variable the portal reads, validated once.
import path from 'node:path';

import { z } from 'zod';

import { type DatabaseTarget, DatabaseUrlError, parseDatabaseUrl } from './database-url';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    BASE_URL: z.string().url().optional(),
    DATABASE_URL: z.string().min(1).default('./data/pakn.db'),
    DATA_DIR: z.string().min(1).default('./data'),
    /** PostgreSQL: connections this process keeps at most (the server's max_connections is shared by all) */
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Cổng PAKN <no-reply@localhost>'),
    SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** seconds between outbox passes */
    MAIL_POLL_SECONDS: z.coerce.number().positive().default(5),
    /** set to "0" in tests that drive the outbox themselves */
    MAIL_WORKER: z.enum(['0', '1']).default('1'),
    /** the first retry of a failed e-mail waits this long, then the wait doubles (capped at one hour) */
    MAIL_RETRY_BASE_MS: z.coerce.number().int().positive().default(30_000),
    /** /healthz says "degraded" once the oldest pending e-mail is older than this */
    MAIL_DEGRADED_MINUTES: z.coerce.number().positive().default(15),
    TRUST_PROXY: z.enum(['0', '1']).default('0'),
    /** multiplies every rate-limit window (app/domain/rate-limits.ts); tests only, 1 in production */
    RATE_LIMIT_WINDOW_SCALE: z.coerce.number().positive().max(100_000).default(1),
    /** clamd's unix socket; when set, every upload is scanned (docs/clamav.md) */
    CLAMD_SOCKET: z.string().min(1).optional(),
    /** "0": no webhook worker in this process (tests that drive the passes themselves) */
    WEBHOOK_WORKER: z.enum(['0', '1']).default('1'),
    /** the first retry of a failed webhook delivery waits this long, then the wait doubles (capped at one hour) */
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().positive().default(30_000),
    /** private/loopback targets a webhook may reach: "1" any, or a comma-separated list of addresses */
    WEBHOOK_ALLOW_PRIVATE: z.string().max(2000).optional(),
    /** "off": no similar published answers for citizens; `npm run bench -- --similar-compare` only (docs/benchmarks.md) */
    SIMILAR_SUGGESTIONS: z.enum(['on', 'off']).default('on'),
  })
  .superRefine((env, ctx) => {
    try {
      parseDatabaseUrl(env.DATABASE_URL);
    } catch (error) {
      if (!(error instanceof DatabaseUrlError)) throw error;
      // shown as "DATABASE_URL: …": the message need not name the variable again
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: error.message.replace(/^DATABASE_URL /, ''),
      });
    }
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'is required when NODE_ENV=production',
      });
    }
  });

export type Env = z.infer<typeof schema> & {
  BASE_URL: string;
  SESSION_SECRET: string;
  mailDir: string;
  /** DATABASE_URL read: which backend, and where (app/utils/database-url.ts) */
  database: DatabaseTarget;
};

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // empty strings mean "unset", as in most shells' env files
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}\nSee README.md, "Configuration".`);
  }
  const env = result.data;
  return {
    ...env,
    BASE_URL: (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    // development-only fallback; production requires a real secret (checked above)
    SESSION_SECRET: env.SESSION_SECRET ?? 'dev-only-session-secret-change-me',
    mailDir: path.join(env.DATA_DIR, 'mail'),
    database: parseDatabaseUrl(env.DATABASE_URL),
  };
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

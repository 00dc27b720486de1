// The database going away (PostgreSQL restarted, failed over, a network cut) is an outage, not a bug: every
// loader and action whose error says so answers 503 with Retry-After, and the error boundary renders the
// translated "briefly unavailable" page (app/components/ui/error-boundary.tsx) in the visitor's language.
// Remix v2 has no middleware: the server build's route modules are wrapped once, where the HTTP server loads
// the build (server.mjs), so no route has to remember it. The pool's own error events are handled here too.
import { json, type ServerBuild } from '@remix-run/node';
import type pg from 'pg';

import { DATABASE_UNAVAILABLE, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './database-faults';
import { getLogger } from './logger.server';

/** How long a request waits for a PostgreSQL connection (a server that accepts and never answers): then 503. */
export const PG_CONNECT_TIMEOUT_MS = 5_000;

/** One warning per interval while the outage lasts, not one per request. */
const WARN_EVERY_MS = 5_000;
let lastWarned = 0;

function warnOutage(error: unknown, where: string): void {
  const now = Date.now();
  if (now - lastWarned < WARN_EVERY_MS) return;
  lastWarned = now;
  try {
    getLogger().warn({ err: error, where }, 'database unavailable: answering 503');
  } catch (logError) {
    // this runs in the pool's error listener too, where a throw would end the process: when even the logger
    // cannot be made (a configuration that no longer validates), the outage goes to stderr
    console.error('database unavailable:', where, error, 'and the logger failed:', logError);
  }
}

export function databaseUnavailableResponse(): Response {
  return json(
    { error: DATABASE_UNAVAILABLE },
    {
      status: 503,
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' },
    },
  );
}

function guarded<A extends { request: Request }, R>(
  fn: (args: A) => R | Promise<R>,
  where: string,
): (args: A) => Promise<R> {
  return async (args: A) => {
    try {
      return await fn(args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      warnOutage(error, `${args.request.method} ${where}`);
      throw databaseUnavailableResponse();
    }
  };
}

/** The same build with every loader and action answering 503 when the database is unreachable. */
export function withDatabaseFaults(build: ServerBuild): ServerBuild {
  const routes: ServerBuild['routes'] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    // the module is an ES namespace (read-only): a plain copy of it, with the two functions replaced
    const { loader, action } = route.module;
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        ...(loader ? { loader: guarded(loader, id) } : {}),
        ...(action ? { action: guarded(action, id) } : {}),
      },
    };
  }
  return { ...build, routes };
}

/**
 * A pool that outlives its server: node-postgres emits 'error' on the pool for an idle client whose connection
 * died, and on a checked-out client (a transaction between two statements) — with no listener, either would be
 * an uncaught exception and end the process. The pool drops broken clients by itself and opens new ones on the
 * next query, so reconnecting needs nothing more.
 */
export function guardPool(pool: pg.Pool): void {
  pool.on('error', (error) => warnOutage(error, 'idle pool client'));
  pool.on('connect', (client) => {
    client.on('error', (error) => warnOutage(error, 'pool client'));
  });
}

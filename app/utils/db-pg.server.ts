// Opening PostgreSQL: a pool, migrated by db/migrations-pg and seeded under an advisory lock, so that several
// processes starting together migrate and seed once. db.server.ts registers the result as a database.
import crypto from 'node:crypto';

import { drizzle as pgDrizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as pgMigrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

import * as schema from '~db/schema';
import { seedConfigurationAsync } from '~db/seed';

import { guardPool, PG_CONNECT_TIMEOUT_MS } from './database-faults.server';
import type { Db } from './db.server';

/** Every process migrates and seeds under this advisory lock: several starting together do it once. */
const MIGRATION_LOCK = "hashtext('pakn-portal:migrations')";

/**
 * An async database over PostgreSQL. On one connection holding the migration lock: migrated by
 * db/migrations-pg, seeded as SQLite is, then `underLock` (start-up checks that need the migrated tables). Its
 * query API is drizzle's PostgreSQL one given the SQLite table objects; the models see it through the one type
 * they are written against (`asPortable` below checks the shape at run time; the suites run on both backends,
 * ADR 0018).
 */
export async function openPgPool(
  url: string,
  opts: { max?: number; seed?: boolean; underLock?: (client: pg.ClientBase) => Promise<void> } = {},
): Promise<{ pool: pg.Pool; db: Db }> {
  // epoch milliseconds and counts: numbers, as SQLite gives them (safe below 2^53)
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  // two at least: the seed runs on the pool while one client holds the migration lock
  const pool = new pg.Pool({
    connectionString: url,
    max: Math.max(opts.max ?? 10, 2),
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    // named statements (below) are planned for their parameters on every run, as unnamed ones are: a generic
    // plan cannot see how common a searched word or a queue filter is (ADR 0022)
    options: '-c plan_cache_mode=force_custom_plan',
  });
  pool.on('connect', nameStatements);
  guardPool(pool); // the database going away never crashes the process; the next query reconnects
  const db = asPortable(pgDrizzle(pool, { schema }));
  try {
    const client = await pool.connect();
    try {
      await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
      try {
        const migrationsFolder = process.env.MIGRATIONS_PG_DIR ?? 'db/migrations-pg';
        await pgMigrate(pgDrizzle(client, { schema }), { migrationsFolder });
        if (opts.seed !== false) await seedConfigurationAsync(db);
        await opts.underLock?.(client);
      } finally {
        await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { pool, db };
}

/** How many statements one connection keeps parsed and planned (PostgreSQL holds them in the session's memory). */
export const NAMED_STATEMENTS_PER_CONNECTION = 500;
const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * The statements of the models are a few hundred texts run again and again (drizzle writes them; the rest are
 * app/models/pg/). pg sends each as an unnamed statement, which PostgreSQL parses and plans on every run. Here a
 * connection names each data statement after a hash of its text the first time (up to
 * NAMED_STATEMENTS_PER_CONNECTION), and later runs on that connection bind and execute it only: the twin of the
 * SQLite connection's statement cache (ADR 0021). pg tracks the names per connection; a connection that is
 * replaced starts again. pg types `query` with many overloads, so the wrapper is defined as a property.
 */
function nameStatements(client: pg.PoolClient): void {
  const query = client.query;
  const named = new Set<string>();
  const withName = (config: unknown, values: unknown): unknown => {
    const text =
      typeof config === 'string' && Array.isArray(values) && values.length > 0
        ? config
        : typeof config === 'object' &&
            config !== null &&
            'text' in config &&
            !Reflect.get(config, 'name') &&
            !Reflect.get(config, 'submit') // a cursor or a stream: left as it is
          ? config.text
          : null;
    if (typeof text !== 'string' || !DATA_STATEMENT.test(text)) return config;
    const name = `s${crypto.createHash('sha1').update(text).digest('base64url')}`;
    if (!named.has(name)) {
      if (named.size >= NAMED_STATEMENTS_PER_CONNECTION) return config;
      named.add(name);
    }
    return typeof config === 'string' ? { text, name } : { ...Object(config), name };
  };
  Object.defineProperty(client, 'query', {
    configurable: true,
    value: (config: unknown, values: unknown, ...rest: unknown[]): unknown =>
      Reflect.apply(query, client, [withName(config, values), values, ...rest]),
  });
}

function isPortable(x: object): x is Db {
  return ['select', 'insert', 'update', 'delete', 'transaction', 'execute'].every(
    (m) => typeof Reflect.get(x, m) === 'function',
  );
}

/** The PostgreSQL database seen through the models' type: the builder methods they call, checked here. */
function asPortable(db: NodePgDatabase<typeof schema>): Db {
  if (!isPortable(db))
    throw new Error('async-db: the PostgreSQL database lacks the query API the models use');
  return db;
}

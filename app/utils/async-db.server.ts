// The async data layer of ADR 0018, beside today's synchronous one until the models move to it: one type for
// the models (drizzle's async SQLite database over `~db/schema`), two drivers under it.
//
// - SQLite: drizzle's sqlite-proxy over one better-sqlite3 connection. A transaction holds a process-wide lock
//   for its whole body, awaits included (BEGIN IMMEDIATE … COMMIT); a query outside a transaction waits for the
//   lock; AsyncLocalStorage tells the two apart, so code inside a transaction body that reaches for the database
//   itself joins the transaction, as it does today. Statements are prepared once per SQL text.
// - PostgreSQL: node-postgres through drizzle's PostgreSQL dialect, given the same SQLite table objects (they
//   build valid PostgreSQL for the statements the models use, and the stored values are the same: ADR 0017).
//   bigint is read as a number, so epoch milliseconds map to Date as on SQLite. A transaction is a pooled client.
//
// Builders are awaited (`await db.select()…`), never finished with .get()/.all()/.run()/.values(), which
// PostgreSQL builders lack; raw SQL goes through rawAll/rawGet/rawRun, which return objects on both.
import { AsyncLocalStorage } from 'node:async_hooks';

import Database from 'better-sqlite3';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { drizzle as pgDrizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as pgMigrate } from 'drizzle-orm/node-postgres/migrator';
import { SQLiteAsyncDialect, type SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import {
  drizzle as proxyDrizzle,
  type SqliteRemoteDatabase,
  type SqliteRemoteResult,
} from 'drizzle-orm/sqlite-proxy';
import pg from 'pg';

import * as schema from '~db/schema';

import { tuneConnection } from './db.server';

export type AsyncDb = SqliteRemoteDatabase<typeof schema>;
export type AsyncTx = SQLiteTransaction<
  'async',
  SqliteRemoteResult,
  typeof schema,
  ExtractTablesWithRelations<typeof schema>
>;
export type AsyncDbOrTx = AsyncDb | AsyncTx;
export type Dialect = 'sqlite' | 'pg';

/** A FIFO lock: acquire() resolves with the function that releases it. */
class Lock {
  private tail: Promise<void> = Promise.resolve();
  async acquire(): Promise<() => void> {
    let release = () => {};
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    return release;
  }
}

type SqliteBackend = {
  dialect: 'sqlite';
  sqlite: Database.Database;
  lock: Lock;
  inTransaction: AsyncLocalStorage<SqliteBackend>;
  prepare(text: string): Database.Statement;
};
type PgBackend = { dialect: 'pg'; pool: pg.Pool };
type Backend = SqliteBackend | PgBackend;

// which backend a database or transaction object runs on (transactions are registered when opened)
const backends = new WeakMap<object, Backend>();

function backendOf(db: AsyncDbOrTx): Backend {
  const b = backends.get(db);
  if (!b) throw new Error('async-db: a database or transaction not opened by async-db');
  return b;
}

export function dialectOf(db: AsyncDbOrTx): Dialect {
  return backendOf(db).dialect;
}

// renders raw SQL for better-sqlite3 (the builders render their own)
const SQLITE = new SQLiteAsyncDialect();

export type OpenedAsyncDb = { db: AsyncDb; dialect: Dialect; close(): Promise<void> };

/** An async database over a SQLite file that the synchronous layer has already migrated and seeded. */
export function openAsyncSqlite(file: string): OpenedAsyncDb {
  const sqlite = new Database(file);
  tuneConnection(sqlite);
  const backend: SqliteBackend = {
    dialect: 'sqlite',
    sqlite,
    lock: new Lock(),
    inTransaction: new AsyncLocalStorage<SqliteBackend>(),
    // compiled once per SQL text by the connection's statement cache (db.server)
    prepare: (text) => sqlite.prepare(text),
  };
  // what drizzle's builders ask for: rows as arrays of values (drizzle maps them to the selected fields)
  const run = (text: string, params: unknown[], method: 'run' | 'all' | 'values' | 'get') => {
    const st = backend.prepare(text);
    if (method === 'run' || !st.reader) {
      st.run(...params);
      return { rows: [] };
    }
    st.raw(true);
    if (method === 'get') return { rows: toRow(st.get(...params)) };
    return { rows: toRows(st.all(...params)) };
  };
  const db: AsyncDb = proxyDrizzle(
    async (text, params, method) => {
      if (backend.inTransaction.getStore() === backend) return run(text, params, method);
      const release = await backend.lock.acquire();
      try {
        return run(text, params, method);
      } finally {
        release();
      }
    },
    { schema },
  );
  backends.set(db, backend);
  return {
    db,
    dialect: 'sqlite',
    async close() {
      const release = await backend.lock.acquire();
      try {
        sqlite.close();
      } finally {
        release();
      }
    },
  };
}

// better-sqlite3 types rows as unknown; raw(true) makes them arrays
function toRow(row: unknown): unknown[] {
  return Array.isArray(row) ? row : [];
}
function toRows(rows: unknown[]): unknown[][] {
  return rows.map(toRow);
}

/**
 * An async database over PostgreSQL, migrated by db/migrations-pg. Its query API is drizzle's PostgreSQL one
 * given the SQLite table objects; the models see it through the one type they are written against
 * (`asPortable` below checks the shape at run time; the suites run on both backends, ADR 0018).
 */
export async function openAsyncPg(url: string, opts: { max?: number } = {}): Promise<OpenedAsyncDb> {
  // epoch milliseconds and counts: numbers, as SQLite gives them (safe below 2^53)
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  const pgdb = pgDrizzle(pool, { schema });
  await pgMigrate(pgdb, { migrationsFolder: process.env.MIGRATIONS_PG_DIR ?? 'db/migrations-pg' });
  const db = asPortable(pgdb);
  backends.set(db, { dialect: 'pg', pool });
  return { db, dialect: 'pg', close: () => pool.end() };
}

function isPortable(x: object): x is AsyncDb {
  return ['select', 'insert', 'update', 'delete', 'transaction', 'execute'].every(
    (m) => typeof Reflect.get(x, m) === 'function',
  );
}

/** The PostgreSQL database seen through the models' type: the builder methods they call, checked here. */
function asPortable(db: NodePgDatabase<typeof schema>): AsyncDb {
  if (!isPortable(db))
    throw new Error('async-db: the PostgreSQL database lacks the query API the models use');
  return db;
}

/**
 * Runs `fn` in a transaction; a nested call joins the outer one through a savepoint. On SQLite the body holds
 * the process lock (other queries wait, never interleave); on PostgreSQL it holds one pooled client.
 */
export async function transaction<T>(db: AsyncDbOrTx, fn: (tx: AsyncTx) => Promise<T>): Promise<T> {
  const backend = backendOf(db);
  const register = (tx: AsyncTx) => {
    backends.set(tx, backend);
    return fn(tx);
  };
  if (backend.dialect === 'pg') return db.transaction(register);
  if (backend.inTransaction.getStore() === backend) return db.transaction(register);
  const release = await backend.lock.acquire();
  try {
    return await backend.inTransaction.run(backend, () =>
      db.transaction(register, { behavior: 'immediate' }),
    );
  } finally {
    release();
  }
}

async function onSqlite<T>(backend: SqliteBackend, work: () => T): Promise<T> {
  if (backend.inTransaction.getStore() === backend) return work();
  const release = await backend.lock.acquire();
  try {
    return work();
  } finally {
    release();
  }
}

type PgResult = { rows: Record<string, unknown>[]; rowCount: number | null };
function isPgExecutor(x: unknown): x is { execute(query: SQL): Promise<PgResult> } {
  return typeof x === 'object' && x !== null && typeof Reflect.get(x, 'execute') === 'function';
}

/** A PostgreSQL transaction object runs on its client, the database on the pool. */
async function pgQuery(db: AsyncDbOrTx, query: SQL): Promise<PgResult> {
  if (!isPgExecutor(db)) throw new Error('async-db: no execute() on a PostgreSQL handle');
  return db.execute(query);
}

/** Raw SQL, rows as objects keyed by column name, on either backend. */
export async function rawAll<T extends Record<string, unknown>>(db: AsyncDbOrTx, query: SQL): Promise<T[]> {
  const backend = backendOf(db);
  if (backend.dialect === 'pg') return (await pgQuery(db, query)).rows as T[];
  const { sql: text, params } = SQLITE.sqlToQuery(query);
  return onSqlite(
    backend,
    () =>
      backend
        .prepare(text)
        .raw(false)
        .all(...params) as T[],
  );
}

export async function rawGet<T extends Record<string, unknown>>(
  db: AsyncDbOrTx,
  query: SQL,
): Promise<T | undefined> {
  return (await rawAll<T>(db, query))[0];
}

/** Raw SQL that changes rows; how many it changed. */
export async function rawRun(db: AsyncDbOrTx, query: SQL): Promise<{ changes: number }> {
  const backend = backendOf(db);
  if (backend.dialect === 'pg') return { changes: (await pgQuery(db, query)).rowCount ?? 0 };
  const { sql: text, params } = SQLITE.sqlToQuery(query);
  return onSqlite(backend, () => ({ changes: backend.prepare(text).run(...params).changes }));
}

/** The first row of an awaited builder (`first(db.select()…)`): `.get()` exists on SQLite builders only. */
export async function first<T>(rows: PromiseLike<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}

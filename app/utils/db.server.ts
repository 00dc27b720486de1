import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as syncDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { SQLiteAsyncDialect, type SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import {
  drizzle as proxyDrizzle,
  type SqliteRemoteDatabase,
  type SqliteRemoteResult,
} from 'drizzle-orm/sqlite-proxy';
import type pg from 'pg';

import * as schema from '~db/schema';
import { seedConfiguration } from '~db/seed';

import { describeDatabase, parseDatabaseUrl } from './database-url';
import { openPgPool } from './db-pg.server';
import { getEnv } from './env.server';
import { makePrivate } from './private-files.server';
import { tuneConnection } from './sqlite-connection.server';

export { STATEMENT_CACHE_SIZE, tuneConnection } from './sqlite-connection.server';

export type Db = SqliteRemoteDatabase<typeof schema>;
export type Tx = SQLiteTransaction<
  'async',
  SqliteRemoteResult,
  typeof schema,
  ExtractTablesWithRelations<typeof schema>
>;
export type DbOrTx = Db | Tx;
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
// on globalThis: the tests load this module twice (their own copy and the server build's), and a database
// opened by one copy is used by the other
declare global {
  var __paknDbBackends: WeakMap<object, Backend> | undefined;
  var __paknDbRoots: WeakSet<object> | undefined;
}
const backends = (globalThis.__paknDbBackends ??= new WeakMap<object, Backend>());
// the databases themselves, as opposed to their transactions
const roots = (globalThis.__paknDbRoots ??= new WeakSet<object>());

/** True for the database itself, false inside a transaction. */
export function isDatabase(db: DbOrTx): db is Db {
  return roots.has(db);
}

function backendOf(db: DbOrTx): Backend {
  const b = backends.get(db);
  if (!b) throw new Error('async-db: a database or transaction not opened by async-db');
  return b;
}

export function dialectOf(db: DbOrTx): Dialect {
  return backendOf(db).dialect;
}

// renders raw SQL for better-sqlite3 (the builders render their own)
const SQLITE = new SQLiteAsyncDialect();

export type OpenedDb = { db: Db; dialect: Dialect; close(): Promise<void> };

const MIGRATIONS = path.resolve(process.env.MIGRATIONS_DIR ?? 'db/migrations');

/** Opens a SQLite file: created 0600 if new, migrated and seeded (synchronously, before anything else runs). */
export function openDatabase(file: string): Db {
  // a URL is never a file name: "postgres://…" would become folders "postgres:/user@host:port/" (it did, in tests)
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) throw new Error('openDatabase: a SQLite file path, not a URL');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const sqlite = new Database(file);
  // 0600 before the WAL is switched on: SQLite gives the -wal and -shm files the database file's mode
  if (file !== ':memory:') for (const suffix of ['', '-wal', '-shm']) makePrivate(file + suffix);
  tuneConnection(sqlite);
  const boot = syncDrizzle(sqlite, { schema });
  migrate(boot, { migrationsFolder: MIGRATIONS });
  seedConfiguration(boot);
  return asyncOver(sqlite);
}

function asyncOver(sqlite: Database.Database): Db {
  const backend: SqliteBackend = {
    dialect: 'sqlite',
    sqlite,
    lock: new Lock(),
    inTransaction: new AsyncLocalStorage<SqliteBackend>(),
    // cached per text by cacheStatements
    prepare: (text) => sqlite.prepare(text),
  };
  // what drizzle's builders ask for: rows as arrays of values (drizzle maps them to the selected fields)
  const run = (text: string, params: unknown[], method: 'run' | 'all' | 'values' | 'get') => {
    const st = backend.prepare(text);
    if (method === 'run' || !st.reader) {
      // drizzle hands this object back from an awaited write: changesOf() reads `changes` from it
      const info = st.run(...params);
      return { rows: [], changes: info.changes };
    }
    st.raw(true);
    if (method === 'get') return { rows: toRow(st.get(...params)) };
    return { rows: toRows(st.all(...params)) };
  };
  const db: Db = proxyDrizzle(
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
  roots.add(db);
  return db;
}

// better-sqlite3 types rows as unknown; raw(true) makes them arrays
function toRow(row: unknown): unknown[] {
  return Array.isArray(row) ? row : [];
}
function toRows(rows: unknown[]): unknown[][] {
  return rows.map(toRow);
}

/** PostgreSQL, migrated and seeded under the migration lock (./db-pg.server.ts), registered as a database here. */
export async function openAsyncPg(
  url: string,
  opts: { max?: number; seed?: boolean; underLock?: (client: pg.ClientBase) => Promise<void> } = {},
): Promise<OpenedDb> {
  const { pool, db } = await openPgPool(url, opts);
  backends.set(db, { dialect: 'pg', pool });
  roots.add(db);
  return { db, dialect: 'pg', close: () => pool.end() };
}

/**
 * Runs `fn` in a transaction; a nested call joins the outer one through a savepoint. On SQLite the body holds
 * the process lock (other queries wait, never interleave); on PostgreSQL it holds one pooled client.
 */
export async function transaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const backend = backendOf(db);
  const register = (tx: Tx) => {
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
async function pgQuery(db: DbOrTx, query: SQL): Promise<PgResult> {
  if (!isPgExecutor(db)) throw new Error('async-db: no execute() on a PostgreSQL handle');
  return db.execute(query);
}

/** What the PostgreSQL-only SQL of the models runs on (app/models/pg/): pg's client, or the one below. */
export type PgQueryable = {
  query<R extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
};

/**
 * A PostgreSQL database or transaction as a queryable taking `$1…` placeholders (each value one parameter,
 * arrays included), for the SQL that exists on PostgreSQL only (search, the similar-PAKN index).
 */
export function pgQueryableOf(db: DbOrTx): PgQueryable {
  if (backendOf(db).dialect !== 'pg') throw new Error('pgQueryableOf: not a PostgreSQL database');
  return {
    async query<R extends Record<string, unknown>>(text: string, values: unknown[] = []) {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = [];
      parts.forEach((part, i) =>
        chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${sql.param(values[Number(part) - 1])}`),
      );
      return { rows: (await pgQuery(db, sql.join(chunks, sql.raw('')))).rows as R[] };
    },
  };
}

/** Raw SQL, rows as objects keyed by column name, on either backend. */
export async function rawAll<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
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
  db: DbOrTx,
  query: SQL,
): Promise<T | undefined> {
  return (await rawAll<T>(db, query))[0];
}

/** Raw SQL that changes rows; how many it changed. */
export async function rawRun(db: DbOrTx, query: SQL): Promise<{ changes: number }> {
  const backend = backendOf(db);
  if (backend.dialect === 'pg') return { changes: (await pgQuery(db, query)).rowCount ?? 0 };
  const { sql: text, params } = SQLITE.sqlToQuery(query);
  return onSqlite(backend, () => ({ changes: backend.prepare(text).run(...params).changes }));
}

/** The first row of an awaited builder (`first(db.select()…)`): `.get()` exists on SQLite builders only. */
export async function first<T>(rows: T[] | PromiseLike<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}

/** How many rows an awaited insert, update or delete changed: SQLite's `changes`, PostgreSQL's `rowCount`. */
export function changesOf(result: unknown): number {
  if (typeof result !== 'object' || result === null) return 0;
  const n = Reflect.get(result, 'changes') ?? Reflect.get(result, 'rowCount');
  return typeof n === 'number' ? n : 0;
}

/** The one row a statement must give (an insert … returning): an error when there is none. */
export async function one<T>(rows: T[] | PromiseLike<T[]>): Promise<T> {
  const [row] = await rows;
  if (row === undefined) throw new Error('db: expected a row, got none');
  return row;
}

/**
 * SQLite-only work on the connection itself (pragmas, statements with named parameters), run under the same lock
 * as every query. PostgreSQL has no such connection: callers branch on dialectOf(db) first.
 */
export async function withSqliteClient<T>(db: DbOrTx, work: (client: Database.Database) => T): Promise<T> {
  const backend = backendOf(db);
  if (backend.dialect !== 'sqlite') throw new Error('withSqliteClient: not a SQLite database');
  return onSqlite(backend, () => work(backend.sqlite));
}

/**
 * The SQLite connection itself, for scripts and tests that seed or inspect a file directly (bench data, raw
 * fixtures). Not for the models: outside the lock, a statement could run inside another request's transaction.
 */
export function sqliteClientOf(db: Db): Database.Database {
  const backend = backendOf(db);
  if (backend.dialect !== 'sqlite') throw new Error('sqliteClientOf: not a SQLite database');
  return backend.sqlite;
}

// survives the dev server's rebuilds, which re-evaluate this module
declare global {
  var __paknDb: Db | undefined;
}
const globalForDb = globalThis;

/** The SQLite file a DATABASE_URL names (scripts that open a SQLite file themselves); PostgreSQL is refused. */
export function sqliteFileOf(databaseUrl: string): string {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind !== 'sqlite')
    throw new Error('this command opens a SQLite file; DATABASE_URL names PostgreSQL');
  return target.file;
}

/** The database a DATABASE_URL names, for the CLI scripts: migrated and seeded like the server's; close() it. */
export async function openDatabaseUrl(databaseUrl: string): Promise<OpenedDb & { where: string }> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === 'postgres')
    return { ...(await openAsyncPg(target.url, { max: 2 })), where: describeDatabase(target) };
  const db = openDatabase(target.file);
  return { db, dialect: 'sqlite', close: () => closeDatabase(db), where: target.file };
}

/**
 * Opens the database DATABASE_URL names, once per process: start-up awaits it before the server listens.
 * SQLite: the file, migrated and seeded (getDb alone would do the same). PostgreSQL: a pool, migrated and seeded
 * under the migration lock; `pgCheck` runs under that lock too (start-up's shared-storage check).
 */
export async function openDb(
  opts: { pgCheck?: (client: pg.ClientBase) => Promise<void> } = {},
): Promise<{ db: Db; dialect: Dialect }> {
  const target = getEnv().database;
  if (target.kind === 'sqlite') return { db: getDb(), dialect: 'sqlite' };
  if (!globalForDb.__paknDb) {
    const opened = await openAsyncPg(target.url, {
      max: getEnv().DATABASE_POOL_MAX,
      underLock: opts.pgCheck,
    });
    globalForDb.__paknDb = opened.db;
  }
  return { db: globalForDb.__paknDb, dialect: 'pg' };
}

export function getDb(): Db {
  if (!globalForDb.__paknDb) {
    const target = getEnv().database;
    // never a file named after the URL (a folder "postgres:" used to appear)
    if (target.kind !== 'sqlite')
      throw new Error('db: the PostgreSQL database is opened by start-up (openDb in startApp), not yet here');
    globalForDb.__paknDb = openDatabase(target.file);
  }
  return globalForDb.__paknDb;
}

/** Closes a database: SQLite's connection, or PostgreSQL's pool (waiting for its clients to be released). */
export async function closeDatabase(db: Db): Promise<void> {
  const backend = backends.get(db);
  if (backend?.dialect === 'sqlite') backend.sqlite.close();
  else if (backend?.dialect === 'pg' && !backend.pool.ended) await backend.pool.end();
}

export async function closeDb(): Promise<void> {
  const db = globalForDb.__paknDb;
  globalForDb.__paknDb = undefined;
  if (db) await closeDatabase(db);
}

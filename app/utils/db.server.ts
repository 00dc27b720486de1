// One SQLite connection per process, migrated and seeded on first use.
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

import * as schema from '~db/schema';
import { seedConfiguration } from '~db/seed';

import { parseDatabaseUrl } from './database-url';
import { getEnv } from './env.server';
import { makePrivate } from './private-files.server';
import { registerSqlFunctions } from './sql-functions.server';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle: the query API of `Db` without the connection. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type DbOrTx = Db | Tx;

/** True for the database itself, false inside a transaction. */
export function isDatabase(db: DbOrTx): db is Db {
  return '$client' in db;
}

const MIGRATIONS = path.resolve(process.env.MIGRATIONS_DIR ?? 'db/migrations');

/** How many compiled statements a connection keeps (least recently used out first). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * drizzle compiles every query it runs (`prepare` was 7 % of a request's CPU in the hostile-input sweep,
 * docs/testing.md), and most are the same few hundred SQL texts: keep the compiled statements per
 * connection, keyed by their text. A statement another caller is still iterating is not shared; a reused
 * one is put back in its default mode (drizzle switches its statements to `raw()`).
 */
function cacheStatements(sqlite: Database.Database): void {
  const compile = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  function prepare(source: string): Database.Statement {
    const kept = cache.get(source);
    if (kept && !kept.busy) {
      cache.delete(source);
      cache.set(source, kept);
      if (kept.reader) kept.raw(false).pluck(false).expand(false);
      return kept;
    }
    const stmt = compile(source);
    if (kept) return stmt; // the kept one is busy: this one is used once
    cache.set(source, stmt);
    const oldest = cache.keys().next();
    if (cache.size > STATEMENT_CACHE_SIZE && !oldest.done) cache.delete(oldest.value);
    return stmt;
  }
  // an own property over the prototype's method: the statement's type parameters are the caller's claim
  // either way (a kept statement is the same object a fresh `prepare` of that text would be)
  Object.defineProperty(sqlite, 'prepare', { value: prepare, configurable: true, writable: true });
}

/**
 * What every connection to the portal's SQLite file needs. WAL lets readers run during a write;
 * synchronous=FULL makes every acknowledged PAKN survive a power cut, not only a crash (one fsync per commit,
 * cheap at our write rate); busy_timeout lets a second process (backup, CLI) wait instead of failing
 * (docs/decisions/0002-sqlite.md). Then the SQL functions the triggers call, and the statement cache.
 */
export function tuneConnection(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  registerSqlFunctions(sqlite);
  cacheStatements(sqlite);
}

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const sqlite = new Database(file);
  // 0600 before the WAL is switched on: SQLite gives the -wal and -shm files the database file's mode
  if (file !== ':memory:') for (const suffix of ['', '-wal', '-shm']) makePrivate(file + suffix);
  tuneConnection(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: MIGRATIONS });
  seedConfiguration(db);
  return db;
}

// survives the dev server's rebuilds, which re-evaluate this module
declare global {
  var __paknDb: Db | undefined;
}
const globalForDb = globalThis;

/** Serving from PostgreSQL needs the async data layer (docs/postgresql.md); until then, a clear refusal. */
export const POSTGRES_NOT_YET =
  'DATABASE_URL names a PostgreSQL server, but this version serves from SQLite only: the PostgreSQL schema, ' +
  'its migrations (db/migrations-pg) and `npm run db:copy` exist, serving from PostgreSQL is not switched on yet ' +
  '(docs/postgresql.md). Set DATABASE_URL to a SQLite file, e.g. ./data/pakn.db.';

/** The SQLite file a DATABASE_URL names (scripts that open the database themselves); PostgreSQL is refused. */
export function sqliteFileOf(databaseUrl: string): string {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind !== 'sqlite') throw new Error(POSTGRES_NOT_YET);
  return target.file;
}

export function getDb(): Db {
  if (!globalForDb.__paknDb) {
    const target = getEnv().database;
    // never a file named after the URL (a folder "postgres:" used to appear)
    if (target.kind !== 'sqlite') throw new Error(POSTGRES_NOT_YET);
    globalForDb.__paknDb = openDatabase(target.file);
  }
  return globalForDb.__paknDb;
}

export function closeDb() {
  globalForDb.__paknDb?.$client.close();
  globalForDb.__paknDb = undefined;
}

// The SQLite connection's set-up, shared by the async layer (db.server.ts) and scripts that open a file
// themselves: pragmas, the SQL functions the triggers call, and a statement cache.
import type Database from 'better-sqlite3';

import { registerSqlFunctions } from './sql-functions.server';

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

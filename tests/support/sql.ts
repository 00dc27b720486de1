// Raw SQL in tests on either backend: SQLite's `?` placeholders, run through the async layer's raw helpers (on
// PostgreSQL they become $1, $2…). For fixtures that set columns no model writes (dates in the past, states
// reached by shortcut); the SQL itself must be valid on both backends.
import { type SQL, sql } from 'drizzle-orm';

import { type DbOrTx, rawAll, rawGet, rawRun } from '~/utils/db.server';

/** `text` with each `?` bound to the next parameter (no `?` inside string literals). */
export function bind(text: string, params: unknown[]): SQL {
  const parts = text.split('?');
  if (parts.length !== params.length + 1)
    throw new Error(`bind: ${parts.length - 1} placeholders for ${params.length} parameters`);
  const chunks: SQL[] = [sql.raw(parts[0]!)];
  params.forEach((p, i) => chunks.push(sql`${p}`, sql.raw(parts[i + 1]!)));
  return sql.join(chunks, sql.raw(''));
}

/** drizzle wraps PostgreSQL's errors ("Failed query: …"): the server's own message is added, as SQLite gives it. */
async function withCause<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof Error && error.cause instanceof Error)
      throw new Error(`${error.message}: ${error.cause.message}`, { cause: error.cause });
    throw error;
  }
}

export async function sqlRun(db: DbOrTx, text: string, ...params: unknown[]): Promise<number> {
  return (await withCause(rawRun(db, bind(text, params)))).changes;
}

export function sqlGet<T extends Record<string, unknown>>(
  db: DbOrTx,
  text: string,
  ...params: unknown[]
): Promise<T | undefined> {
  return withCause(rawGet<T>(db, bind(text, params)));
}

export function sqlAll<T extends Record<string, unknown>>(
  db: DbOrTx,
  text: string,
  ...params: unknown[]
): Promise<T[]> {
  return withCause(rawAll<T>(db, bind(text, params)));
}

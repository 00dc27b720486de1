// SQL functions the schema relies on: the triggers of the similar-PAKN index (migration similarity_index) call
// them, so every connection that writes `pakn` must have them — openDatabase registers them, and so must a
// script that opens the file with better-sqlite3 directly and inserts PAKN (scripts/bench-seed.ts).
import { createHash } from 'node:crypto';

import type Database from 'better-sqlite3';

import { indexCiteKeys, indexCiteTokens, indexTokens } from '~/domain/similarity-index';

/** The submitter key of the scoring: a hash of the normalised e-mail, else of the phone's digits (spec §8). */
export function submitterKeyOf(
  email: string | null | undefined,
  phone: string | null | undefined,
): string | null {
  const e = email?.trim().toLowerCase();
  const p = phone?.replace(/\D+/g, '');
  const raw = e ? `e:${e}` : p ? `p:${p}` : null;
  return raw ? createHash('sha256').update(raw).digest('hex').slice(0, 32) : null;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function registerSqlFunctions(sqlite: Database.Database): void {
  sqlite.function('similarity_tokens', { deterministic: true }, (text: unknown) => indexTokens(str(text)));
  sqlite.function(
    'similarity_cite_keys',
    { deterministic: true },
    (title: unknown, content: unknown, ref: unknown) =>
      indexCiteKeys(str(title), str(content), typeof ref === 'string' ? ref : null),
  );
  sqlite.function('similarity_submitter', { deterministic: true }, (email: unknown, phone: unknown) =>
    submitterKeyOf(typeof email === 'string' ? email : null, str(phone)),
  );
  sqlite.function('similarity_cite_tokens', { deterministic: true }, (keys: unknown) =>
    indexCiteTokens(str(keys)),
  );
}

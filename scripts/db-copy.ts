// `npm run db:copy -- --from ./data/pakn.db --to postgres://…` (or the reverse): moves an install between
// SQLite and PostgreSQL (docs/postgresql.md). The target is migrated by its own migrations and must hold no
// rows; every table of db/schema.ts is copied in foreign-key order, in batches, in ONE transaction on the
// target; identities are moved past the copied ids; the search data is rebuilt (PostgreSQL: the searches are
// expression indexes, the similar-PAKN rows are written here and their triggers fill the vocabulary; SQLite: the
// triggers of pakn fill pakn_fts and pakn_similar, public_fts is written here). Then each table is verified on both sides: row count and a SHA-256 over its rows in key order,
// each row serialised the same way (JSON array of the stored values: numbers, strings, nulls).
// Exit codes: 0 copied and verified, 1 refused (bad arguments, non-empty target), 2 verification mismatch.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import Database from 'better-sqlite3';
import { is } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';

import { foldVietnamese } from '~/domain/routing';
import { rebuildSimilarIndex } from '~/models/pg/search.server';
import { type DatabaseTarget, describeDatabase, parseDatabaseUrl } from '~/utils/database-url';
import { registerSqlFunctions } from '~/utils/sql-functions.server';
import * as schema from '~db/schema';

import { isMainScript } from './is-main';

class CliError extends Error {}

type Row = unknown[];
type TableSpec = { name: string; columns: string[]; key: string[]; identity: boolean };

/** The tables of db/schema.ts, parents before children; copied columns exclude generated ones. */
export function tablesInForeignKeyOrder(): TableSpec[] {
  const exported: unknown[] = Object.values(schema);
  const configs = exported.filter((v): v is SQLiteTable => is(v, SQLiteTable)).map((t) => getTableConfig(t));
  const byName = new Map(configs.map((c) => [c.name, c]));
  const ordered: TableSpec[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`foreign-key cycle through ${name}`);
    state.set(name, 'visiting');
    const config = byName.get(name)!;
    for (const fk of config.foreignKeys) {
      const parent = fk.reference().foreignTable;
      const parentName = is(parent, SQLiteTable) ? getTableConfig(parent).name : name;
      if (parentName !== name) visit(parentName);
    }
    state.set(name, 'done');
    const columns = config.columns.filter((c) => !c.generated).map((c) => c.name);
    const primary = config.columns.filter((c) => c.primary).map((c) => c.name);
    const key = primary.length ? primary : (config.primaryKeys[0]?.columns.map((c) => c.name) ?? columns);
    const id = config.columns.find((c) => c.name === 'id');
    ordered.push({ name, columns, key, identity: Boolean(id?.primary && id.columnType === 'SQLiteInteger') });
  };
  for (const name of [...byName.keys()].sort()) visit(name);
  return ordered;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** One side of the copy, behind the few operations the copy needs. */
interface Side {
  label: string;
  count(t: TableSpec): Promise<number>;
  /** rows in key order (C collation for text keys on both sides), `limit` from `offset` */
  read(t: TableSpec, offset: number, limit: number): Promise<Row[]>;
  begin(): Promise<void>;
  insert(t: TableSpec, rows: Row[]): Promise<void>;
  /** after the rows, inside the transaction: identities past the ids, search data */
  finish(tables: TableSpec[]): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): Promise<void>;
}

const MIGRATIONS = { sqlite: 'db/migrations', postgres: 'db/migrations-pg' };

async function openSqlite(file: string, asTarget: boolean): Promise<Side> {
  if (!asTarget && !fs.existsSync(file)) throw new CliError(`no SQLite database at ${file}`);
  if (asTarget && fs.existsSync(file) && fs.statSync(file).size > 0) {
    // never migrate someone's database as a side effect: a SQLite target is a new file
    throw new CliError(`the target ${file} already exists; copy into a new file`);
  }
  if (asTarget) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const db = new Database(file, { fileMustExist: !asTarget });
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  registerSqlFunctions(db); // the similarity triggers of pakn call them
  if (asTarget) {
    db.pragma('journal_mode = WAL');
    migrateSqlite(drizzleSqlite(db), { migrationsFolder: MIGRATIONS.sqlite });
  }
  return {
    label: `SQLite ${file}`,
    count: async (t) => (db.prepare(`SELECT count(*) AS n FROM ${q(t.name)}`).get() as { n: number }).n,
    read: async (t, offset, limit) =>
      db
        .prepare(
          `SELECT ${t.columns.map(q).join(', ')} FROM ${q(t.name)} ORDER BY ${t.key.map(q).join(', ')} LIMIT ? OFFSET ?`,
        )
        .raw()
        .all(limit, offset) as Row[],
    begin: async () => void db.exec('BEGIN IMMEDIATE'),
    insert: async (t, rows) => {
      const stmt = db.prepare(
        `INSERT INTO ${q(t.name)} (${t.columns.map(q).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`,
      );
      for (const row of rows) stmt.run(row);
    },
    finish: async () => {
      // public_fts is written by the publication code, not by a trigger (app/models/public.server.ts indexPublic)
      const published = db
        .prepare(
          `SELECT id, public_title, public_summary, public_answer FROM pakn WHERE publication = 'published'`,
        )
        .raw()
        .all() as Array<[number, string | null, string | null, string | null]>;
      const add = db.prepare('INSERT INTO public_fts (rowid, text) VALUES (?, ?)');
      for (const [id, title, summary, answer] of published) {
        add.run(id, foldVietnamese(`${title ?? ''} ${summary ?? ''} ${answer ?? ''}`));
      }
    },
    commit: async () => void db.exec('COMMIT'),
    rollback: async () => void (db.inTransaction && db.exec('ROLLBACK')),
    close: async () => void db.close(),
  };
}

async function openPostgres(
  target: Extract<DatabaseTarget, { kind: 'postgres' }>,
  asTarget: boolean,
): Promise<Side> {
  // int8 (epoch milliseconds) as numbers, as SQLite gives them: every stored instant fits a double exactly
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text'),
  };
  const client = new pg.Client({ connectionString: target.url, types });
  try {
    await client.connect();
  } catch (error) {
    throw new CliError(`cannot connect to ${describeDatabase(target)}: ${(error as Error).message}`);
  }
  if (asTarget) {
    // refused before migrating, so a database in use is left exactly as it was
    const names = tablesInForeignKeyOrder().map((t) => t.name);
    const { rows: existing } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ANY($1)`,
      [names],
    );
    for (const { name } of existing) {
      const n = Number((await client.query(`SELECT count(*) AS n FROM ${q(name)}`)).rows[0].n);
      if (n > 0) {
        await client.end();
        throw new CliError(`the target is not empty (${name}: ${n} rows); copy into a new database`);
      }
    }
    await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS.postgres });
  }
  const text = new Set<string>();
  const { rows: textColumns } = await client.query<{ t: string; c: string }>(
    `SELECT table_name AS t, column_name AS c FROM information_schema.columns
     WHERE table_schema = current_schema() AND data_type = 'text'`,
  );
  for (const r of textColumns) text.add(`${r.t}.${r.c}`);
  const order = (t: TableSpec) =>
    t.key.map((k) => (text.has(`${t.name}.${k}`) ? `${q(k)} COLLATE "C"` : q(k))).join(', ');
  return {
    label: describeDatabase(target),
    count: async (t) => Number((await client.query(`SELECT count(*) AS n FROM ${q(t.name)}`)).rows[0].n),
    read: async (t, offset, limit) =>
      (
        await client.query<Row>({
          text: `SELECT ${t.columns.map(q).join(', ')} FROM ${q(t.name)} ORDER BY ${order(t)} LIMIT $1 OFFSET $2`,
          values: [limit, offset],
          rowMode: 'array',
        })
      ).rows,
    begin: async () => void (await client.query('BEGIN')),
    insert: async (t, rows) => {
      const width = t.columns.length;
      const tuples = rows.map((_, r) => `(${t.columns.map((_c, i) => `$${r * width + i + 1}`).join(', ')})`);
      // OVERRIDING SYSTEM VALUE: ids are kept as they are (identities are BY DEFAULT, this only says it)
      await client.query(
        `INSERT INTO ${q(t.name)} (${t.columns.map(q).join(', ')}) ${t.identity ? 'OVERRIDING SYSTEM VALUE ' : ''}VALUES ${tuples.join(', ')}`,
        rows.flat(),
      );
    },
    finish: async (tables) => {
      for (const t of tables.filter((x) => x.identity)) {
        await client.query(
          `SELECT setval(pg_get_serial_sequence($1, 'id'), coalesce((SELECT max(id) FROM ${q(t.name)}), 0) + 1, false)`,
          [t.name],
        );
      }
      // the similar-PAKN rows are written by the application (db/migrations-pg 0004): here, for every PAKN copied
      await rebuildSimilarIndex(client);
    },
    commit: async () => void (await client.query('COMMIT')),
    rollback: async () => void (await client.query('ROLLBACK')),
    close: () => client.end(),
  };
}

async function open(value: string, asTarget: boolean): Promise<Side> {
  const target = parseDatabaseUrl(value);
  return target.kind === 'sqlite'
    ? await openSqlite(target.file, asTarget)
    : await openPostgres(target, asTarget);
}

/** Count and SHA-256 of a table: rows in key order, each the JSON array of its values, one per line. */
async function fingerprint(side: Side, t: TableSpec, batch: number) {
  const hash = crypto.createHash('sha256');
  let rows = 0;
  for (let offset = 0; ; offset += batch) {
    const page = await side.read(t, offset, batch);
    for (const row of page) hash.update(`${JSON.stringify(row)}\n`);
    rows += page.length;
    if (page.length < batch) break;
  }
  return { rows, sha256: hash.digest('hex') };
}

export async function copyDatabase(opts: {
  from: string;
  to: string;
  batch?: number;
  log?: (line: string) => void;
}) {
  const log = opts.log ?? console.log;
  const batch = opts.batch ?? 500;
  const tables = tablesInForeignKeyOrder();
  const from = await open(opts.from, false);
  let to: Side | undefined;
  try {
    to = await open(opts.to, true);
    for (const t of tables) {
      const n = await to.count(t);
      if (n > 0)
        throw new CliError(`the target is not empty (${t.name}: ${n} rows); copy into a new database`);
    }
    const started = Date.now();
    await to.begin();
    try {
      for (const t of tables) {
        // PostgreSQL takes at most 65 535 parameters per statement
        const size = Math.max(1, Math.min(batch, Math.floor(30_000 / t.columns.length)));
        for (let offset = 0; ; offset += size) {
          const rows = await from.read(t, offset, size);
          if (rows.length) await to.insert(t, rows);
          if (rows.length < size) break;
        }
      }
      await to.finish(tables);
      await to.commit();
    } catch (error) {
      await to.rollback();
      throw error;
    }
    const copyMs = Date.now() - started;
    const report: Array<{ table: string; source: number; target: number; same: boolean }> = [];
    for (const t of tables) {
      const [a, b] = [await fingerprint(from, t, batch), await fingerprint(to, t, batch)];
      report.push({
        table: t.name,
        source: a.rows,
        target: b.rows,
        same: a.rows === b.rows && a.sha256 === b.sha256,
      });
    }
    log(`${from.label} → ${to.label}`);
    const width = Math.max(...report.map((r) => r.table.length));
    log(`${'table'.padEnd(width)}  ${'source'.padStart(8)}  ${'target'.padStart(8)}  rows+sha256`);
    for (const r of report) {
      log(
        `${r.table.padEnd(width)}  ${String(r.source).padStart(8)}  ${String(r.target).padStart(8)}  ${r.same ? 'ok' : 'MISMATCH'}`,
      );
    }
    const rows = report.reduce((sum, r) => sum + r.source, 0);
    log(
      `${rows} rows in ${tables.length} tables copied in ${copyMs} ms, verified in ${Date.now() - started - copyMs} ms`,
    );
    return { ok: report.every((r) => r.same), report, copyMs };
  } finally {
    await from.close();
    await to?.close();
  }
}

async function main() {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' }, batch: { type: 'string' } },
  });
  if (!values.from || !values.to) {
    throw new CliError(
      'usage: npm run db:copy -- --from <file.db | postgres://…> --to <postgres://… | file.db>',
    );
  }
  const result = await copyDatabase({
    from: values.from,
    to: values.to,
    batch: values.batch ? Number(values.batch) : undefined,
  });
  if (!result.ok) {
    console.error('verification failed: the tables marked MISMATCH differ between source and target');
    process.exitCode = 2;
  }
}

if (isMainScript('db-copy')) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`db:copy: ${message.replace(/(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/gi, '$1:***@')}`);
    process.exitCode = 1;
  });
}

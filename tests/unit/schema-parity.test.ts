// db/schema.ts (SQLite) and db/schema-pg.ts (PostgreSQL) describe one database: same tables, columns,
// nullability, keys, indexes and foreign keys, by name. A change to one without the other fails here.
import { getTableColumns, is, SQL } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { expect, it } from 'vitest';

import * as sqliteSchema from '~db/schema';
import * as pgSchema from '~db/schema-pg';

const sqliteExports: unknown[] = Object.values(sqliteSchema);
const pgExports: unknown[] = Object.values(pgSchema);

type Named = { name: string };
type IndexLike = { config: { name?: string; unique: boolean; columns: unknown[]; where?: SQL } };
type ForeignKeyLike = {
  reference(): { columns: Named[]; foreignColumns: Named[]; foreignTable: unknown };
  onDelete?: string;
};
type ConfigLike = {
  name: string;
  columns: Array<
    Named & {
      notNull: boolean;
      primary: boolean;
      hasDefault: boolean;
      isUnique: boolean;
      uniqueName?: string;
      enumValues?: string[];
      generated?: unknown;
    }
  >;
  primaryKeys: Array<{ columns: Named[] }>;
  indexes: IndexLike[];
  foreignKeys: ForeignKeyLike[];
};

function describeTable(config: ConfigLike, tableName: (t: unknown) => string) {
  const columns = Object.fromEntries(
    config.columns.map((c) => [
      c.name,
      {
        notNull: c.notNull,
        primary: c.primary,
        // SQLite counts every integer primary key (the rowid) as defaulted; ids are identities on PostgreSQL
        hasDefault: c.primary ? 'key' : c.hasDefault,
        unique: c.isUnique ? (c.uniqueName ?? true) : false,
        enumValues: c.enumValues && c.enumValues.length > 0 ? c.enumValues : undefined,
        generated: Boolean(c.generated),
      },
    ]),
  );
  const indexes = Object.fromEntries(
    config.indexes.map((i) => [
      i.config.name,
      {
        unique: i.config.unique,
        // expressions (lower(email), substr(…)) are compared by position only: their SQL is dialect text
        columns: i.config.columns.map((c) => (is(c, SQL) ? 'expression' : (c as Named).name)),
        partial: Boolean(i.config.where),
      },
    ]),
  );
  const foreignKeys = config.foreignKeys
    .map((fk) => {
      const ref = fk.reference();
      const cols = ref.columns.map((c) => c.name).join(',');
      const target = `${tableName(ref.foreignTable)}(${ref.foreignColumns.map((c) => c.name).join(',')})`;
      return `${cols} → ${target} on delete ${fk.onDelete ?? 'no action'}`;
    })
    .sort();
  const primaryKeys = config.primaryKeys.map((pk) => pk.columns.map((c) => c.name).join(','));
  return { columns, indexes, foreignKeys, primaryKeys };
}

function sqliteTables() {
  const tables = sqliteExports.filter((v): v is SQLiteTable => is(v, SQLiteTable));
  const nameOf = (t: unknown) => (is(t, SQLiteTable) ? sqliteConfig(t).name : '?');
  return Object.fromEntries(
    tables.map((t) => [sqliteConfig(t).name, describeTable(sqliteConfig(t), nameOf)]),
  );
}

function pgTables() {
  const tables = pgExports.filter((v): v is PgTable => is(v, PgTable));
  const nameOf = (t: unknown) => (is(t, PgTable) ? pgConfig(t).name : '?');
  return Object.fromEntries(tables.map((t) => [pgConfig(t).name, describeTable(pgConfig(t), nameOf)]));
}

it('has the same tables in both schemas', () => {
  expect(Object.keys(pgTables()).sort()).toEqual(Object.keys(sqliteTables()).sort());
});

it('has the same columns, keys, indexes and foreign keys in every table', () => {
  const pg = pgTables();
  for (const [name, table] of Object.entries(sqliteTables())) {
    expect(pg[name], name).toEqual(table);
  }
});

it('keeps the TypeScript shape of every column (Date, boolean, number, string)', () => {
  // the model code must read the same values from both: compare drizzle's data kind per column
  const kinds = (columns: Record<string, { dataType: string }>) =>
    Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, c.dataType]));
  const sqlite = sqliteExports.filter((v): v is SQLiteTable => is(v, SQLiteTable));
  const byName = new Map(
    pgExports.filter((v): v is PgTable => is(v, PgTable)).map((t) => [pgConfig(t).name, t]),
  );
  for (const table of sqlite) {
    const name = sqliteConfig(table).name;
    const twin = byName.get(name)!;
    const pgKinds = kinds(getTableColumns(twin));
    const expected = kinds(getTableColumns(table));
    for (const [column, kind] of Object.entries(expected)) {
      // drizzle calls a custom type 'custom'; epochMs and flag are the Date and boolean columns
      const seen = pgKinds[column] === 'custom' ? kind : pgKinds[column];
      expect(`${name}.${column}: ${seen}`).toBe(`${name}.${column}: ${kind}`);
    }
  }
});

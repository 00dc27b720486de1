import { describe, expect, it } from 'vitest';

import {
  DatabaseUrlError,
  describeDatabase,
  parseDatabaseUrl,
  redactDatabaseUrl,
} from '~/utils/database-url';
import { sqliteFileOf } from '~/utils/db.server';
import { parseEnv } from '~/utils/env.server';

describe('parseDatabaseUrl', () => {
  it('takes a path or a file: URL for SQLite', () => {
    expect(parseDatabaseUrl('./data/pakn.db')).toEqual({ kind: 'sqlite', file: './data/pakn.db' });
    expect(parseDatabaseUrl('/srv/pakn/pakn.db')).toEqual({ kind: 'sqlite', file: '/srv/pakn/pakn.db' });
    expect(parseDatabaseUrl('file:///srv/pakn/dữ%20liệu.db')).toEqual({
      kind: 'sqlite',
      file: '/srv/pakn/dữ liệu.db',
    });
    expect(parseDatabaseUrl(':memory:')).toEqual({ kind: 'sqlite', file: ':memory:' });
  });

  it('reads both PostgreSQL schemes', () => {
    expect(parseDatabaseUrl('postgres://pakn:s3cret@db.example.vn:6432/pakn')).toEqual({
      kind: 'postgres',
      url: 'postgres://pakn:s3cret@db.example.vn:6432/pakn',
      host: 'db.example.vn',
      port: 6432,
      database: 'pakn',
      user: 'pakn',
    });
    const plain = parseDatabaseUrl('postgresql://localhost/pakn?sslmode=require');
    expect(plain).toMatchObject({
      kind: 'postgres',
      host: 'localhost',
      port: 5432,
      database: 'pakn',
      user: undefined,
    });
  });

  it('refuses a PostgreSQL URL without host or database, never showing the password', () => {
    for (const bad of [
      'postgres://pakn:s3cret@db.example.vn',
      'postgres://pakn:s3cret@db.example.vn/',
      'postgres://pakn:s3cret@db.example.vn:notaport/pakn',
      'postgres://pakn:s3cret@/pakn',
      'postgres://pakn:s3cret@db.example.vn/a/b',
    ]) {
      let caught: unknown;
      try {
        parseDatabaseUrl(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught, bad).toBeInstanceOf(DatabaseUrlError);
      expect(String(caught)).not.toContain('s3cret');
    }
  });

  it('refuses other schemes instead of taking them for a file name', () => {
    expect(() => parseDatabaseUrl('mysql://h/db')).toThrow(/scheme "mysql:"/);
    expect(() => parseDatabaseUrl('  ')).toThrow(DatabaseUrlError);
  });

  it('redacts the password, even one holding an @', () => {
    expect(redactDatabaseUrl('postgres://u:p@ss@h/db')).toBe('postgres://u:***@h/db');
    expect(redactDatabaseUrl('postgresql://u@h/db')).toBe('postgresql://u@h/db');
    expect(redactDatabaseUrl('./data/pakn.db')).toBe('./data/pakn.db');
  });

  it('describes the backend in one line', () => {
    expect(describeDatabase(parseDatabaseUrl('postgres://u:pw@h:5433/pakn'))).toBe('PostgreSQL h:5433/pakn');
    expect(describeDatabase(parseDatabaseUrl('data/pakn.db'))).toBe('SQLite data/pakn.db');
  });
});

describe('parseEnv and DATABASE_URL', () => {
  it('exposes the target and reports a malformed URL as a configuration error', () => {
    expect(parseEnv({}).database).toEqual({ kind: 'sqlite', file: './data/pakn.db' });
    expect(parseEnv({ DATABASE_URL: 'postgres://h/pakn' }).database.kind).toBe('postgres');
    expect(() => parseEnv({ DATABASE_URL: 'postgres://u:topsecret@h' })).toThrow(
      /DATABASE_URL: .*names no database/,
    );
    expect(() => parseEnv({ DATABASE_URL: 'postgres://u:topsecret@h' })).not.toThrow(/topsecret/);
  });
});

describe('sqliteFileOf (the CLI scripts that open the database themselves)', () => {
  it('gives the file of a path or file: URL and refuses PostgreSQL with the reason', () => {
    expect(sqliteFileOf('file:///srv/pakn/pakn.db')).toBe('/srv/pakn/pakn.db');
    expect(sqliteFileOf('./data/pakn.db')).toBe('./data/pakn.db');
    expect(() => sqliteFileOf('postgres://u:topsecret@h/pakn')).toThrow(
      /opens a SQLite file; DATABASE_URL names PostgreSQL/,
    );
  });
});

import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import Database from 'better-sqlite3';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

import { isDatabaseUnavailable } from '~/utils/database-faults';

import { TEST_TMP_DIR } from '../support/tmp';

/** A port nobody listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('a real refused connection from node-postgres, bare and wrapped by drizzle', async () => {
    const client = new pg.Client({ connectionString: `postgres://u@127.0.0.1:${await closedPort()}/db` });
    const error: unknown = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(new DrizzleQueryError('select 1', [], error as Error))).toBe(true);
  });

  it('a pool that waited past connectionTimeoutMillis', async () => {
    // a listener that accepts and never answers: the pool gives up with its own words
    const srv = net.createServer(() => {});
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const { port } = srv.address() as net.AddressInfo;
    const pool = new pg.Pool({
      connectionString: `postgres://u@127.0.0.1:${port}/db`,
      connectionTimeoutMillis: 100,
    });
    const error: unknown = await pool.query('SELECT 1').then(
      () => undefined,
      (e: unknown) => e,
    );
    await pool.end();
    srv.close();
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'crash shutdown'],
    ['57P03', 'the database system is starting up'],
    ['08006', 'connection failure'],
    ['08001', 'unable to connect'],
    ['53300', 'too many connections'],
    ['ECONNRESET', 'read ECONNRESET'],
    ['SQLITE_BUSY', 'database is locked'],
  ])('SQLSTATE or errno %s', (code, message) => {
    expect(isDatabaseUnavailable(withCode(code, message))).toBe(true);
  });

  it("SQLite's extended busy codes: a write on a snapshot another process has moved past", () => {
    // two connections to one WAL file, as the server and a CLI script would have: the reader's snapshot is stale
    // once the other commits, and its write is refused at once with SQLITE_BUSY_SNAPSHOT (no busy wait)
    const dir = fs.mkdtempSync(path.join(TEST_TMP_DIR, 'busy-'));
    const file = path.join(dir, 'busy.db');
    const a = new Database(file);
    const b = new Database(file);
    try {
      a.pragma('journal_mode = WAL');
      a.exec('CREATE TABLE t (x INTEGER)');
      a.exec('BEGIN');
      a.prepare('SELECT count(*) FROM t').get();
      b.prepare('INSERT INTO t VALUES (1)').run();
      let error: unknown;
      try {
        a.prepare('INSERT INTO t VALUES (2)').run();
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'SQLITE_BUSY_SNAPSHOT' });
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(isDatabaseUnavailable(new DrizzleQueryError('insert', [], error as Error))).toBe(true);
      expect(isDatabaseUnavailable(withCode('SQLITE_BUSY_RECOVERY'))).toBe(true);
      expect(isDatabaseUnavailable(withCode('SQLITE_BUSY_TIMEOUT'))).toBe(true);
    } finally {
      a.close();
      b.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('node-postgres messages without a code', () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('an AggregateError of refused addresses', () => {
    const e = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect');
    expect(isDatabaseUnavailable(e)).toBe(true);
  });

  it('bugs and bad data stay 500s', () => {
    expect(isDatabaseUnavailable(withCode('23505', 'duplicate key value violates unique constraint'))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(withCode('42P01', 'relation "x" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('SQLITE_CONSTRAINT_UNIQUE'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('relation terminated'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    const loop: Error & { cause?: unknown } = new Error('loop');
    loop.cause = loop;
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });
});

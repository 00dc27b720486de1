// The throwaway cluster of tests/support/pg-cluster.ts: starts, answers on 127.0.0.1, goes away.
import fs from 'node:fs';

import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { PG_SKIP_REASON, type PgCluster, startPgCluster } from '../support/pg-cluster';

let cluster: PgCluster | undefined;
beforeAll(async () => {
  if (PG_SKIP_REASON) return;
  cluster = await startPgCluster();
  console.info(`PostgreSQL test cluster ready in ${cluster.startMs} ms`);
});
afterAll(() => cluster?.stop());

it.skipIf(PG_SKIP_REASON)('serves a fresh UTF-8 database on loopback, without durability', async () => {
  const client = new pg.Client({ connectionString: cluster!.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ enc: string; fsync: string; addr: string }>(
      "SELECT pg_encoding_to_char(encoding) AS enc, current_setting('fsync') AS fsync, current_setting('listen_addresses') AS addr FROM pg_database WHERE datname = current_database()",
    );
    expect(rows[0]).toEqual({ enc: 'UTF8', fsync: 'off', addr: '127.0.0.1' });
    const other = await cluster!.createDatabase('second');
    expect(other).toMatch(/\/second$/);
  } finally {
    await client.end();
  }
});

it.skipIf(PG_SKIP_REASON)('leaves nothing behind once stopped', async () => {
  await cluster!.stop();
  expect(fs.existsSync(cluster!.dir)).toBe(false);
  const client = new pg.Client({ connectionString: cluster!.url, connectionTimeoutMillis: 2000 });
  await expect(client.connect()).rejects.toThrow();
});

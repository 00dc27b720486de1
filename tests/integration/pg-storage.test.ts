// PostgreSQL mode's start-up check of DATA_DIR (app/utils/data-dir.server.ts, app/models/pg/storage.server.ts): the
// folder must exist, take files, not be held in this machine's memory, and be the storage this database uses
// (its name in DATA_DIR/.pakn-storage, remembered by the database). Real folders, a real cluster.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sharedStorageProblem } from '~/models/pg/storage.server';
import { dataDirProblem, STORAGE_MARKER } from '~/utils/data-dir.server';

import { PG_SKIP_REASON, type PgCluster, startPgCluster } from '../support/pg-cluster';
import { ROOT } from '../support/server-process';

// on disk: the tests' usual folder is /dev/shm, which is tmpfs, which the check refuses (tested below)
const dir = path.join(
  ROOT,
  'tests/.tmp',
  `pg-storage-${process.pid}-${crypto.randomBytes(4).toString('hex')}`,
);
fs.mkdirSync(dir, { recursive: true });
let cluster: PgCluster | undefined;
let client: pg.Client | undefined;
afterAll(async () => {
  await client?.end();
  await cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('DATA_DIR on the file system', () => {
  it('accepts an existing writable folder and leaves nothing behind', () => {
    const ok = path.join(dir, 'ok');
    fs.mkdirSync(ok);
    expect(dataDirProblem(ok)).toBeNull();
    expect(fs.readdirSync(ok)).toEqual([]);
  });
  it('refuses a missing folder without creating it', () => {
    const missing = path.join(dir, 'not-mounted');
    expect(dataDirProblem(missing)).toMatch(
      /must be writable storage shared .* it does not exist \(ENOENT\)\. Mount the shared volume/,
    );
    expect(fs.existsSync(missing)).toBe(false);
  });
  it('refuses a file', () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, '');
    expect(dataDirProblem(file)).toMatch(/it is not a folder/);
  });
  it('refuses a folder this process cannot write', () => {
    // root writes through modes: /proc/self is a folder that takes no file, whoever asks
    let target = '/proc/self';
    if (process.getuid?.() !== 0) {
      target = path.join(dir, 'read-only');
      fs.mkdirSync(target, { mode: 0o500 });
    }
    expect(dataDirProblem(target)).toMatch(/this process cannot write there \(E[A-Z]+\)/);
  });
  it.skipIf(!fs.existsSync('/dev/shm') || fs.statfsSync('/dev/shm').type !== 0x01021994)(
    'refuses a folder in memory (tmpfs)',
    () => {
      const shm = fs.mkdtempSync('/dev/shm/pakn-');
      try {
        expect(dataDirProblem(shm)).toMatch(/it is on tmpfs, held in this machine's memory/);
      } finally {
        fs.rmSync(shm, { recursive: true, force: true });
      }
    },
  );
});

describe.skipIf(PG_SKIP_REASON)('DATA_DIR as this database’s shared storage', () => {
  beforeAll(async () => {
    cluster = await startPgCluster();
    client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    await migrate(drizzle(client), { migrationsFolder: 'db/migrations-pg' });
  }, 120_000);

  it('names the storage on the first start, then refuses any other folder', async () => {
    const shared = path.join(dir, 'shared');
    fs.mkdirSync(shared);
    expect(await sharedStorageProblem(client!, shared)).toBeNull();
    const id = fs.readFileSync(path.join(shared, STORAGE_MARKER), 'utf8').trim();
    expect(id).toMatch(/^[a-f0-9]{32}$/);
    const { rows } = await client!.query('SELECT id FROM pakn_storage');
    expect(rows).toEqual([{ id }]);
    // the same storage again (another process, a restart): accepted, nothing changed
    expect(await sharedStorageProblem(client!, shared)).toBeNull();

    // a local folder on another machine (the volume not mounted there): empty, no name
    const local = path.join(dir, 'local');
    fs.mkdirSync(local);
    const refused = await sharedStorageProblem(client!, local);
    expect(refused).toContain(
      `is not the shared storage of this database: the database uses storage ${id} since `,
    );
    expect(refused).toContain('.pakn-storage is missing');
    expect(refused).toMatch(/since \d{2}\/\d{2}\/\d{4}/);
    expect(fs.readdirSync(local)).toEqual([]);

    // another database's storage
    const other = path.join(dir, 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, STORAGE_MARKER), `${'a'.repeat(32)}\n`);
    expect(await sharedStorageProblem(client!, other)).toContain(`.pakn-storage names ${'a'.repeat(32)}`);
    // a marker the portal did not write
    fs.writeFileSync(path.join(other, STORAGE_MARKER), 'hello');
    expect(await sharedStorageProblem(client!, other)).toMatch(
      /is not a storage name; it was not written by the portal/,
    );
  });

  it('adopts existing storage for a new database (db:copy onto the same volume)', async () => {
    const url = await cluster!.createDatabase('pakn_moved');
    const fresh = new pg.Client({ connectionString: url });
    await fresh.connect();
    try {
      await migrate(drizzle(fresh), { migrationsFolder: 'db/migrations-pg' });
      const shared = path.join(dir, 'shared');
      const id = fs.readFileSync(path.join(shared, STORAGE_MARKER), 'utf8').trim();
      expect(await sharedStorageProblem(fresh, shared)).toBeNull();
      expect((await fresh.query('SELECT id FROM pakn_storage')).rows).toEqual([{ id }]);
    } finally {
      await fresh.end();
    }
  });
});

// The staff queue's tab counts are remembered between writes (they count whole index ranges), on both backends:
// a change committed by another connection, another process on PostgreSQL, shows in the next counts at once; one
// not yet committed does not.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Actor } from '~/domain/permissions';
import { countQueueTabs } from '~/models/queue.server';
import type { Db } from '~/utils/db.server';

import { openTestDb } from '../support/db';
import { seedPakn } from '../support/pakn';
import { ON_PG } from '../support/pg-template';

let opened: Awaited<ReturnType<typeof openTestDb>>;
let db: Db;
const coordinator: Actor = { id: 1, role: 'coordinator', unitId: null };
const today = '2026-12-04';
const counts = () => countQueueTabs({ actor: coordinator, today }, db);

/** Runs statements on a connection of its own, as another process would. */
async function otherConnection() {
  if (ON_PG) {
    const client = new pg.Client({ connectionString: opened.url });
    await client.connect();
    return {
      run: async (text: string) => void (await client.query(text)),
      close: () => client.end(),
    };
  }
  const conn = new Database(opened.url);
  return {
    run: async (text: string) => void conn.exec(text),
    close: async () => void conn.close(),
  };
}

beforeAll(async () => {
  opened = await openTestDb();
  db = opened.db;
  for (let i = 0; i < 3; i++) await seedPakn(db);
});
afterAll(() => opened.cleanup());

describe('the queue counts', () => {
  it('follow a change another connection commits, and not one it has not committed', async () => {
    expect((await counts()).classify).toBe(3);
    expect((await counts()).classify).toBe(3);
    const other = await otherConnection();
    try {
      await other.run(ON_PG ? 'BEGIN' : 'BEGIN IMMEDIATE');
      await other.run(
        "UPDATE pakn SET status = 'assigned' WHERE id = (SELECT min(id) FROM pakn WHERE status = 'received')",
      );
      expect((await counts()).classify).toBe(3);
      await other.run('COMMIT');
      expect((await counts()).classify).toBe(2);
      // and again, with the counts of the new state remembered in between
      expect((await counts()).classify).toBe(2);
      await other.run("UPDATE pakn SET status = 'assigned' WHERE status = 'received'");
      expect(await counts()).toMatchObject({ classify: 0 });
    } finally {
      await other.close();
    }
  });
});

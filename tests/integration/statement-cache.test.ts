// The compiled statements a connection keeps (app/utils/db.server.ts): the same text gives the same statement,
// in its default mode whatever the last caller did with it; a statement still being iterated is not shared;
// past STATEMENT_CACHE_SIZE the least recently used one is compiled again.
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';

import { first, sqliteClientOf, STATEMENT_CACHE_SIZE } from '~/utils/db.server';
import * as s from '~db/schema';

import { createTestDb } from '../support/db';

const { db, cleanup } = createTestDb();
const client = sqliteClientOf(db);
afterAll(cleanup);

describe('statement cache', () => {
  it('gives the same statement for the same text, in its default mode after raw use', () => {
    const text = 'SELECT code, name FROM units ORDER BY id LIMIT 1';
    const first = client.prepare(text);
    const asArray = first.raw().get();
    expect(Array.isArray(asArray)).toBe(true);
    const again = client.prepare(text);
    expect(again).toBe(first);
    // a fresh statement answers objects: so does the kept one
    expect(again.get()).toEqual({ code: expect.any(String), name: expect.any(String) });
    expect(again.pluck().get()).toEqual(expect.any(String));
    expect(client.prepare(text).get()).toEqual({ code: expect.any(String), name: expect.any(String) });
  });

  it('drizzle queries (raw mode inside) and plain statements of one text do not disturb each other', async () => {
    const unit = (await first(db.select().from(s.units).limit(1)))!;
    for (let i = 0; i < 3; i++) {
      expect(await first(db.select({ id: s.units.id }).from(s.units).where(eq(s.units.id, unit.id)))).toEqual(
        {
          id: unit.id,
        },
      );
      expect(await db.select().from(s.units).where(eq(s.units.id, unit.id))).toEqual([unit]);
    }
  });

  it('does not hand out a statement that is still being iterated', () => {
    const text = 'SELECT id FROM units ORDER BY id';
    const outer = client.prepare(text);
    const all = client.prepare(text).all();
    const seen: unknown[] = [];
    for (const row of outer.iterate()) {
      const inner = client.prepare(text);
      expect(inner).not.toBe(outer);
      expect(inner.all()).toEqual(all);
      seen.push(row);
    }
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(0);
    expect(client.prepare(text)).toBe(outer);
  });

  it('keeps at most STATEMENT_CACHE_SIZE statements, the least recently used out first', () => {
    const first = client.prepare('SELECT 1 AS n');
    const kept = client.prepare('SELECT 2 AS n');
    for (let i = 0; i < STATEMENT_CACHE_SIZE; i++) {
      client.prepare(`SELECT ${i + 10} AS n`);
      if (i % 100 === 0) expect(client.prepare('SELECT 2 AS n')).toBe(kept); // used: stays
    }
    expect(client.prepare('SELECT 2 AS n')).toBe(kept);
    expect(client.prepare('SELECT 1 AS n')).not.toBe(first);
    expect(client.prepare('SELECT 1 AS n').get()).toEqual({ n: 1 });
  });
});

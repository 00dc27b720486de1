// The data layer (ADR 0018) on both backends: the same builder code and raw helpers give the same values
// (Date, boolean, counts) on SQLite and PostgreSQL; a transaction's body may await and is still whole — no other
// query sees its writes before the commit, a failure rolls everything back, a nested call joins it; on SQLite,
// queries outside the transaction wait for it instead of interleaving.
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type Db,
  dialectOf,
  first,
  openAsyncPg,
  type OpenedDb,
  rawAll,
  rawGet,
  rawRun,
  transaction,
} from '~/utils/db.server';
import * as s from '~db/schema';

import { createTestDb } from '../support/db';
import { PG_SKIP_REASON, type PgCluster, startPgCluster } from '../support/pg-cluster';

const sqliteFile = createTestDb();
let cluster: PgCluster | undefined;
const opened: OpenedDb[] = [];

beforeAll(async () => {
  opened.push({ db: sqliteFile.db, dialect: 'sqlite', close: async () => {} });
  if (PG_SKIP_REASON) return;
  cluster = await startPgCluster('async_db');
  opened.push(await openAsyncPg(cluster.url, { max: 4 }));
}, 120_000);
afterAll(async () => {
  for (const o of opened) await o.close();
  await cluster?.stop();
  sqliteFile.cleanup();
});

const backends = ['sqlite', 'pg'] as const;
const dbFor = (dialect: (typeof backends)[number]): Db | undefined =>
  opened.find((o) => o.dialect === dialect)?.db;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(backends)('on %s', (dialect) => {
  const skip = dialect === 'pg' && PG_SKIP_REASON;
  const db = () => {
    const d = dbFor(dialect);
    if (!d) throw new Error(`no ${dialect} database`);
    return d;
  };

  it.skipIf(skip)('says which backend it is', () => {
    expect(dialectOf(db())).toBe(dialect);
  });

  it.skipIf(skip)('maps instants to Date and flags to booleans through the same builders', async () => {
    const at = new Date('2026-12-01T02:03:04.567Z');
    await db()
      .insert(s.units)
      .values({
        code: `U-${dialect}`,
        name: 'Phòng thử',
        nameEn: 'Test unit',
        email: 'u@x.vn',
        active: false,
      });
    const unit = await first(
      db()
        .select()
        .from(s.units)
        .where(eq(s.units.code, `U-${dialect}`))
        .limit(1),
    );
    expect(unit?.active).toBe(false);
    await db()
      .insert(s.users)
      .values({
        email: `a-${dialect}@x.vn`,
        name: 'Lê Thị Ánh',
        passwordHash: 'x',
        role: 'handler',
        unitId: unit!.id,
        createdAt: at,
      });
    const user = await first(
      db()
        .select()
        .from(s.users)
        .where(eq(s.users.email, `a-${dialect}@x.vn`)),
    );
    expect(user?.createdAt).toBeInstanceOf(Date);
    expect(user?.createdAt.getTime()).toBe(at.getTime());
    expect(user?.active).toBe(true);
    const [{ n } = { n: -1 }] = await db()
      .select({ n: count() })
      .from(s.users)
      .where(eq(s.users.unitId, unit!.id));
    expect(n).toBe(1);
  });

  it.skipIf(skip)('runs raw SQL with rows as objects, and reports changed rows', async () => {
    await rawRun(db(), sql`INSERT INTO settings (key, value) VALUES (${`raw.${dialect}`}, ${'một'})`);
    const row = await rawGet<{ key: string; value: string }>(
      db(),
      sql`SELECT key, value FROM settings WHERE key = ${`raw.${dialect}`}`,
    );
    expect(row).toEqual({ key: `raw.${dialect}`, value: 'một' });
    const changed = await rawRun(db(), sql`UPDATE settings SET value = ${'hai'} WHERE key LIKE ${'raw.%'}`);
    expect(changed.changes).toBe(1);
    expect(await rawAll(db(), sql`SELECT value FROM settings WHERE key = ${'nothing'}`)).toEqual([]);
  });

  it.skipIf(skip)(
    'keeps a transaction whole across awaits: unseen until commit, rolled back on failure',
    async () => {
      const key = `tx.${dialect}`;
      await db().insert(s.settings).values({ key, value: 'trước' });
      const seen: string[] = [];
      let updated!: () => void;
      const afterUpdate = new Promise<void>((r) => (updated = r));
      let readDone!: () => void;
      const afterRead = new Promise<void>((r) => (readDone = r));
      const writer = transaction(db(), async (tx) => {
        await tx.update(s.settings).set({ value: 'sau' }).where(eq(s.settings.key, key));
        updated();
        // PostgreSQL: commit only once the reader has read; SQLite: the reader waits for the lock, so go on
        await Promise.race([afterRead, sleep(200)]);
      });
      await afterUpdate;
      const reader = first(db().select().from(s.settings).where(eq(s.settings.key, key))).then((r) => {
        seen.push(r?.value ?? '');
        readDone();
      });
      await Promise.all([writer, reader]);
      // SQLite: the reader waited for the commit; PostgreSQL: it read the committed value before the commit
      expect(seen).toEqual([dialect === 'sqlite' ? 'sau' : 'trước']);

      await expect(
        transaction(db(), async (tx) => {
          await tx.update(s.settings).set({ value: 'không lưu' }).where(eq(s.settings.key, key));
          await rawRun(tx, sql`INSERT INTO settings (key, value) VALUES (${`${key}.2`}, ${'x'})`);
          await sleep(5);
          throw new Error('hỏng');
        }),
      ).rejects.toThrow('hỏng');
      expect((await first(db().select().from(s.settings).where(eq(s.settings.key, key))))?.value).toBe('sau');
      expect(await rawGet(db(), sql`SELECT key FROM settings WHERE key = ${`${key}.2`}`)).toBeUndefined();
    },
  );

  it.skipIf(skip)('joins a nested transaction to the outer one', async () => {
    const key = `nested.${dialect}`;
    await expect(
      transaction(db(), async (tx) => {
        await tx.insert(s.settings).values({ key, value: 'ngoài' });
        await transaction(tx, async (inner) => {
          await inner.insert(s.settings).values({ key: `${key}.in`, value: 'trong' });
        });
        throw new Error('hủy cả hai');
      }),
    ).rejects.toThrow();
    expect(await rawAll(db(), sql`SELECT key FROM settings WHERE key LIKE ${`${key}%`}`)).toEqual([]);
  });

  it.skipIf(skip)('gives concurrent increments inside transactions no lost update', async () => {
    const key = `counter.${dialect}`;
    await db().insert(s.settings).values({ key, value: '0' });
    await Promise.all(
      Array.from({ length: 20 }, () =>
        transaction(db(), async (tx) => {
          // PostgreSQL: the row lock is what serialises; SQLite: the process lock
          const row =
            dialect === 'pg'
              ? await rawGet<{ value: string }>(
                  tx,
                  sql`SELECT value FROM settings WHERE key = ${key} FOR UPDATE`,
                )
              : await first(tx.select().from(s.settings).where(eq(s.settings.key, key)));
          await sleep(1);
          await tx
            .update(s.settings)
            .set({ value: String(Number(row?.value ?? 0) + 1) })
            .where(eq(s.settings.key, key));
        }),
      ),
    );
    expect((await first(db().select().from(s.settings).where(eq(s.settings.key, key))))?.value).toBe('20');
  });

  // the twin of SQLite's statement cache (app/utils/sqlite-connection.server.ts): a connection parses and plans a
  // statement of the models once, then binds and executes it
  it.skipIf(skip || dialect !== 'pg')(
    'keeps each statement of the models parsed on its connection',
    async () => {
      await transaction(db(), async (tx) => {
        const key = 'named.statement';
        for (let i = 0; i < 3; i++) await first(tx.select().from(s.settings).where(eq(s.settings.key, key)));
        await rawAll(tx, sql`SELECT ${1}::int AS one`);
        await rawAll(tx, sql`SELECT ${2}::int AS one`);
        const prepared = await rawAll<{ name: string; statement: string; calls: number }>(
          tx,
          sql`SELECT name, statement, (generic_plans + custom_plans)::int AS calls FROM pg_prepared_statements`,
        );
        const bySettings = prepared.filter((p) =>
          p.statement.startsWith('select "key", "value" from "settings"'),
        );
        expect(bySettings).toHaveLength(1);
        expect(bySettings[0]!.calls).toBeGreaterThanOrEqual(3);
        expect(prepared.filter((p) => p.statement === 'SELECT $1::int AS one')).toHaveLength(1);
        // the statement that asked is itself named on this connection; DDL and transaction control are not
        expect(prepared.every((p) => /^\s*(select|insert|update|delete|with)\b/i.test(p.statement))).toBe(
          true,
        );
      });
    },
  );
});

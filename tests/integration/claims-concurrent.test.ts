// Several workers claiming from one database at once (#12, many processes): every due mail and every due webhook
// delivery is claimed by exactly one of them. On PostgreSQL the claimers are separate connections of a pool, as
// separate app processes would be; on SQLite they share the process lock, which the test keeps honest too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { claimDueMail, enqueueMail } from '~/models/outbox.server';
import { claimDueDeliveries } from '~/models/webhook-deliveries.server';
import { type Db, openAsyncPg, type OpenedDb } from '~/utils/db.server';
import * as s from '~db/schema';

import { createTestDb } from '../support/db';
import { PG_SKIP_REASON, type PgCluster, startPgCluster } from '../support/pg-cluster';

const sqliteFile = createTestDb();
let cluster: PgCluster | undefined;
const opened: OpenedDb[] = [];
const ROWS = 300;
const CLAIMERS = 8;

beforeAll(async () => {
  opened.push({ db: sqliteFile.db, dialect: 'sqlite', close: async () => {} });
  if (PG_SKIP_REASON) return;
  cluster = await startPgCluster('claims');
  opened.push(await openAsyncPg(cluster.url, { max: CLAIMERS + 2 }));
}, 120_000);
afterAll(async () => {
  for (const o of opened) await o.close();
  await cluster?.stop();
  sqliteFile.cleanup();
});

/** Each claimer takes small batches until nothing is due; the ids each one got, in one list. */
async function claimAll(claim: () => Promise<number[]>): Promise<number[]> {
  const got: number[] = [];
  await Promise.all(
    Array.from({ length: CLAIMERS }, async () => {
      for (;;) {
        const ids = await claim();
        if (!ids.length) return;
        got.push(...ids);
      }
    }),
  );
  return got;
}

describe.each(['sqlite', 'pg'] as const)('on %s', (dialect) => {
  const skip = dialect === 'pg' && PG_SKIP_REASON;
  const db = (): Db => {
    const d = opened.find((o) => o.dialect === dialect)?.db;
    if (!d) throw new Error(`no ${dialect} database`);
    return d;
  };
  // a lease far in the future: a claimed row is not due again during the test
  const window = () => ({
    now: new Date(Date.now() + 1_000),
    lease: new Date(Date.now() + 3_600_000),
    limit: 7,
  });

  it.skipIf(skip)('gives each due e-mail to one claimer only', async () => {
    for (let i = 0; i < ROWS; i++)
      await enqueueMail(db(), {
        to: `nguoi${i}@example.vn`,
        subject: `Biên nhận ${i}`,
        html: '<p>x</p>',
        text: 'x',
        template: 'receipt',
      });
    const got = await claimAll(async () => (await claimDueMail(db(), window())).map((r) => r.id));
    expect(got).toHaveLength(ROWS);
    expect(new Set(got).size).toBe(ROWS);
  });

  it.skipIf(skip)('gives each due webhook delivery to one claimer only', async () => {
    const [hook] = await db()
      .insert(s.webhooks)
      .values({ url: 'https://example.vn/hook', events: 'received', secret: 'x'.repeat(32) })
      .returning();
    for (let i = 0; i < ROWS; i++)
      await db()
        .insert(s.webhookDeliveries)
        .values({
          deliveryId: `${dialect}-${i}`,
          webhookId: hook!.id,
          eventId: `e-${i}`,
          eventType: 'pakn.received',
          paknCode: `KHCN-2026-${String(i).padStart(6, '0')}`,
          payload: '{}',
          nextAttemptAt: new Date(),
        });
    const got = await claimAll(async () => (await claimDueDeliveries(db(), window())).map((r) => r.id));
    expect(got).toHaveLength(ROWS);
    expect(new Set(got).size).toBe(ROWS);
  });
});

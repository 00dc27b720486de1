// Scheduled jobs started by several processes at once (#12): the check-then-write of a job's marker runs one
// transaction after another, so the job's mail is queued once. On PostgreSQL each run takes its own pooled
// connection, as another app process would.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sendScheduleWarning } from '~/models/admin/calendar-schedule.server';
import { type Db, openAsyncPg, type OpenedDb } from '~/utils/db.server';
import * as s from '~db/schema';

import { createTestDb, TEST_TMP_DIR } from '../support/db';
import { PG_SKIP_REASON, type PgCluster, startPgCluster } from '../support/pg-cluster';

const sqliteFile = createTestDb();
Object.assign(process.env, {
  NODE_ENV: 'test',
  DATABASE_URL: sqliteFile.file,
  DATA_DIR: TEST_TMP_DIR,
  BASE_URL: 'https://pakn.example.gov.vn',
  MAIL_WORKER: '0',
  LOG_LEVEL: 'silent',
});
let cluster: PgCluster | undefined;
const opened: OpenedDb[] = [];
const RUNS = 6;

beforeAll(async () => {
  opened.push({ db: sqliteFile.db, dialect: 'sqlite', close: async () => {} });
  if (PG_SKIP_REASON) return;
  cluster = await startPgCluster('jobs_once');
  const pg = await openAsyncPg(cluster.url, { max: RUNS + 2 });
  opened.push(pg);
  // the configuration the SQLite file was seeded with (the agency, its settings), where opening did not seed it
  await pg.db
    .insert(s.agency)
    .values(await sqliteFile.db.select().from(s.agency))
    .onConflictDoNothing();
  await pg.db
    .insert(s.settings)
    .values(await sqliteFile.db.select().from(s.settings))
    .onConflictDoNothing();
}, 120_000);
afterAll(async () => {
  for (const o of opened) await o.close();
  await cluster?.stop();
  sqliteFile.cleanup();
});

describe.each(['sqlite', 'pg'] as const)('on %s', (dialect) => {
  const skip = dialect === 'pg' && PG_SKIP_REASON;
  const db = (): Db => {
    const d = opened.find((o) => o.dialect === dialect)?.db;
    if (!d) throw new Error(`no ${dialect} database`);
    return d;
  };

  it.skipIf(skip)(
    'queues the holiday-schedule warning once when every process runs the job together',
    async () => {
      await db()
        .insert(s.users)
        .values([
          { email: 'quantri1@example.vn', name: 'Quản trị Một', role: 'admin', passwordHash: 'x' },
          { email: 'quantri2@example.vn', name: 'Quản trị Hai', role: 'admin', passwordHash: 'x' },
        ]);
      // 15/10: next year's days off are not recorded yet, so every run finds the warning due
      const now = new Date('2026-10-15T03:00:00Z');
      const results = await Promise.all(
        Array.from({ length: RUNS }, () => sendScheduleWarning({ now, db: db() })),
      );
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(2);
      const [queued] = await db()
        .select({ n: count() })
        .from(s.outbox)
        .where(eq(s.outbox.template, 'calendar_schedule'));
      expect(queued?.n).toBe(2);
    },
  );
});

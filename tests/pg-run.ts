// Which integration files run where. `npx vitest run` (SQLite) runs every file but those that start their own
// PostgreSQL cluster; `npm run test:pg` (TEST_DB=pg) runs those and every other integration file on PostgreSQL,
// but the files that test SQLite itself. Run one alone: TEST_DB=pg npx vitest run --project integration
// tests/integration/x.test.ts. Read by vitest.config.ts; docs/postgresql.md lists the same files.

/**
 * Files that start their own PostgreSQL cluster (most compare both backends in one file): they run once per
 * `npm test`, in the PostgreSQL step, so that the default run (the one a developer repeats) needs no
 * PostgreSQL and stays under two minutes on 2 cores (docs/testing.md, sixth pass).
 */
export const PG_OWN_CLUSTER = [
  'tests/integration/async-db.test.ts',
  'tests/integration/backup-pg.test.ts',
  'tests/integration/claims-concurrent.test.ts',
  'tests/integration/database-backend.test.ts',
  'tests/integration/db-copy.test.ts',
  'tests/integration/jobs-once.test.ts',
  'tests/integration/pg-cluster.test.ts',
  'tests/integration/pg-multiprocess.test.ts',
  'tests/integration/pg-outage.test.ts',
  'tests/integration/pg-search.test.ts',
  'tests/integration/pg-similar.test.ts',
  'tests/integration/pg-storage.test.ts',
];

/**
 * Files that test something SQLite has and PostgreSQL has not: in the PostgreSQL run they would test SQLite
 * again. Each names the file that tests the PostgreSQL side. (Files that merely need a database use openTestDb,
 * tests/support/db.ts, which gives one of the run's backend.)
 */
export const PG_RUN_SQLITE_ONLY: Record<string, string> = {
  'tests/integration/backup.test.ts': 'by nature: the SQLite backup script (PostgreSQL: backup-pg.test.ts)',
  'tests/integration/crash.test.ts':
    'by nature: one process killed over a SQLite file, its integrity_check (PostgreSQL: pg-multiprocess.test.ts kills one of three processes under load)',
  'tests/integration/query-plans.test.ts':
    "by nature: SQLite's query planner (PostgreSQL plans: pg-search, pg-similar)",
  'tests/integration/statement-cache.test.ts': "by nature: the SQLite connection's statement cache",
};

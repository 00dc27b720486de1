// The integration suite's run on PostgreSQL (`npm run test:pg`, TEST_DB=pg): the files left out of it, and why.
// Read by vitest.config.ts; docs/postgresql.md lists the same files. A file leaves this list once it passes on
// PostgreSQL (run it alone: TEST_DB=pg npx vitest run --project isolated tests/integration/x.test.ts).

/** Files that test both backends in every run (they start their own cluster): running them twice adds nothing. */
export const PG_RUN_BOTH_ALREADY = [
  'tests/integration/async-db.test.ts',
  'tests/integration/backup-pg.test.ts',
  'tests/integration/database-backend.test.ts',
  'tests/integration/db-copy.test.ts',
  'tests/integration/pg-cluster.test.ts',
  'tests/integration/pg-search.test.ts',
  'tests/integration/pg-similar.test.ts',
  'tests/integration/pg-storage.test.ts',
];

/** Files that still fail on PostgreSQL: the work left (docs/postgresql.md, "The suite on PostgreSQL"). */
export const PG_RUN_NOT_YET: string[] = [];

// Scheduled jobs run in every app process (#12): a job whose transaction reads a marker ("digest sent today")
// and then writes it must not run that read-then-write in two processes at once, or both see the old marker and
// both send. SQLite already runs write transactions one at a time (BEGIN IMMEDIATE, and the process lock); on
// PostgreSQL, READ COMMITTED lets both read, so the job takes a lock for the rest of its transaction. A process
// that dies mid-job rolls back and frees the lock: the next run of any process does the work (never zero times).
import { sql } from 'drizzle-orm';

import { dialectOf, rawRun, type Tx } from '~/utils/db.server';

/** Waits until no other transaction holds this job's lock, then holds it until this transaction ends. */
export async function holdJobLock(tx: Tx, job: string): Promise<void> {
  if (dialectOf(tx) === 'pg')
    await rawRun(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`pakn.job.${job}`}))`);
}

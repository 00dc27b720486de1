// Liveness and readiness for monitors: 503 when the database does not answer a `SELECT 1` within
// HEALTH_DB_TIMEOUT_MS (a server that hangs is as unavailable as one that refuses). Mail waiting longer than
// MAIL_DEGRADED_MINUTES makes the status "degraded" with HTTP 200: the node still serves every page and
// keeps the mail safe in the outbox, so a load balancer must not take it out (nor an orchestrator restart
// it, which would not bring the mail server back); monitors alert on `status`.
import { json } from '@remix-run/node';
import { sql } from 'drizzle-orm';

import { mailHealth, outboxStats } from '~/models/outbox.server';
import { getDb, rawGet } from '~/utils/db.server';

/** How long the database may take to answer the probe: a load balancer's check usually waits 2–5 s. */
export const HEALTH_DB_TIMEOUT_MS = 1_500;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export async function loader() {
  try {
    const db = getDb();
    await within(rawGet(db, sql`SELECT 1 AS ok`), HEALTH_DB_TIMEOUT_MS);
    const outbox = await within(outboxStats(db), HEALTH_DB_TIMEOUT_MS);
    const mail = mailHealth(outbox);
    return json(
      { status: mail === 'ok' ? 'ok' : 'degraded', database: 'ok', mail, outbox },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch {
    return json(
      { status: 'error', database: 'unavailable' },
      { status: 503, headers: { 'Cache-Control': 'no-store', 'Retry-After': '5' } },
    );
  }
}

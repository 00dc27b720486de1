// Liveness and readiness for monitors: 503 when the database does not answer. Mail waiting longer than
// MAIL_DEGRADED_MINUTES makes the status "degraded" with HTTP 200: the node still serves every page and
// keeps the mail safe in the outbox, so a load balancer must not take it out (nor an orchestrator restart
// it, which would not bring the mail server back); monitors alert on `status`.
import { json } from '@remix-run/node';
import { sql } from 'drizzle-orm';

import { mailHealth, outboxStats } from '~/models/outbox.server';
import { getDb, rawGet } from '~/utils/db.server';

export async function loader() {
  try {
    const db = getDb();
    await rawGet(db, sql`SELECT 1 AS ok`);
    const outbox = await outboxStats(db);
    const mail = mailHealth(outbox);
    return json(
      { status: mail === 'ok' ? 'ok' : 'degraded', database: 'ok', mail, outbox },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch {
    return json(
      { status: 'error', database: 'unavailable' },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}

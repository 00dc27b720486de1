// Liveness and readiness for monitors: 200 when the database answers, 503 otherwise.
import { json } from '@remix-run/node';
import { getDb } from '~/utils/db.server';
import { outboxStats } from '~/utils/mail.server';

export function loader() {
  try {
    const db = getDb();
    db.$client.prepare('SELECT 1').get();
    const outbox = outboxStats(db);
    return json({ status: 'ok', database: 'ok', outbox }, { headers: { 'Cache-Control': 'no-store' } });
  } catch {
    return json(
      { status: 'error', database: 'unavailable' },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}

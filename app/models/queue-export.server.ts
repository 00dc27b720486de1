// The queue's filtered list for export (issue 13, item 31). Who may export: whoever may read the queue
// (queue:read) exports exactly the rows the queue shows them, in their scope — the export adds no reach.
// The submitter's name and contact details are added only for roles that may read contacts
// (pakn:contact:read, spec §8). The list is walked by the queue's own keyset pages, capped at
// QUEUE_EXPORT_MAX_ROWS rows, and every export is in the audit log. The files: app/exports/queue-export.server.ts.
import { inArray } from 'drizzle-orm';

import { type LocalDate, toLocalDate } from '~/domain/dates';
import { localName } from '~/domain/local-name';
import { type Actor, can } from '~/domain/permissions';
import { QUEUE_EXPORT_MAX_ROWS, type QueueExportContact, type QueueExportData } from '~/domain/queue-export';
import { audit } from '~/models/audit.server';
import { listUnits } from '~/models/config.server';
import { listQueue, parseQueueParams, type QueueRow } from '~/models/queue.server';
import { type Db, getDb } from '~/utils/db.server';
import * as s from '~db/schema';

const CHUNK = 1_000;

export async function loadQueueExport(
  {
    actor,
    params,
    lang,
    today = toLocalDate(new Date()),
    ip,
  }: { actor: Actor; params: URLSearchParams; lang: 'vi' | 'en'; today?: LocalDate; ip?: string },
  db: Db = getDb(),
): Promise<QueueExportData> {
  const withContact = can(actor, 'pakn:contact:read');
  const base = parseQueueParams(params, actor);
  const filters = { ...base, after: undefined, before: undefined };
  const rows: QueueRow[] = [];
  let after: string | undefined;
  let more = false;
  for (;;) {
    const page = await listQueue({ actor, filters: { ...filters, after }, today, pageSize: CHUNK }, db);
    rows.push(...page.rows);
    more = page.next !== null;
    if (!page.next || rows.length >= QUEUE_EXPORT_MAX_ROWS) break;
    after = page.next;
  }
  const truncated = more || rows.length > QUEUE_EXPORT_MAX_ROWS;
  const kept = rows.slice(0, QUEUE_EXPORT_MAX_ROWS);
  const contacts = new Map<number, QueueExportContact>();
  if (withContact) {
    for (let i = 0; i < kept.length; i += CHUNK) {
      const ids = kept.slice(i, i + CHUNK).map((r) => r.id);
      for (const c of await db
        .select({
          id: s.pakn.id,
          fullName: s.pakn.fullName,
          phone: s.pakn.phone,
          email: s.pakn.email,
          address: s.pakn.address,
        })
        .from(s.pakn)
        .where(inArray(s.pakn.id, ids)))
        contacts.set(c.id, c);
    }
  }
  const unitNames = new Map(
    (await listUnits({ activeOnly: false, db })).map((u) => [u.id, localName(u, lang)]),
  );
  await audit(
    {
      actorUserId: actor.id,
      action: 'queue.export',
      targetType: 'queue',
      ip,
      detail: { query: params.toString().slice(0, 500), rows: kept.length, contact: withContact },
    },
    db,
  );
  return {
    rows: kept.map((row) => ({ row, contact: contacts.get(row.id) })),
    truncated,
    withContact,
    unitNames,
    fileName: `danh-sach-pakn-${today}`,
  };
}

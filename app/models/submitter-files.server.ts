// What a submitter sees of their own exchanges with the agency: the files they sent (with the form,
// and with replies to information requests) and each information request with their reply. Staff
// notes and staff files never appear here.
import { and, asc, eq, inArray } from 'drizzle-orm';

import { type DbOrTx, first, getDb } from '~/utils/db.server';
import * as s from '~db/schema';

const SUBMITTER_SOURCES = ['submitter', 'info'] as const;

export type SubmitterFile = { id: number; name: string; size: number };
export type InfoExchange = {
  question: string;
  askedAt: Date;
  reply: string | null;
  repliedAt: Date | null;
  files: SubmitterFile[];
};

async function filesOf(
  paknId: number,
  source: (typeof SUBMITTER_SOURCES)[number],
  db: DbOrTx,
): Promise<SubmitterFile[]> {
  return await db
    .select({ id: s.attachments.id, name: s.attachments.originalName, size: s.attachments.size })
    .from(s.attachments)
    .where(and(eq(s.attachments.paknId, paknId), eq(s.attachments.source, source)))
    .orderBy(asc(s.attachments.id));
}

/** The files sent with the form. */
export async function listFormFiles(
  { paknId }: { paknId: number },
  db: DbOrTx = getDb(),
): Promise<SubmitterFile[]> {
  return filesOf(paknId, 'submitter', db);
}

/**
 * Each information request in order, with the submitter's reply and the files sent with it. A reply's
 * files are the next `data.files` info attachments in id order (they are inserted with the reply).
 */
export async function listInfoExchanges(
  { paknId }: { paknId: number },
  db: DbOrTx = getDb(),
): Promise<InfoExchange[]> {
  const events = await db
    .select({ type: s.events.type, note: s.events.note, at: s.events.createdAt, data: s.events.data })
    .from(s.events)
    .where(and(eq(s.events.paknId, paknId), inArray(s.events.type, ['request_info', 'info_reply'])))
    .orderBy(asc(s.events.id));
  const files = await filesOf(paknId, 'info', db);
  const exchanges: InfoExchange[] = [];
  for (const e of events) {
    if (e.type === 'request_info') {
      exchanges.push({ question: e.note ?? '', askedAt: e.at, reply: null, repliedAt: null, files: [] });
      continue;
    }
    let open = exchanges.at(-1);
    if (!open || open.repliedAt) {
      open = { question: '', askedAt: e.at, reply: null, repliedAt: null, files: [] };
      exchanges.push(open);
    }
    open.reply = e.note ?? '';
    open.repliedAt = e.at;
    open.files = files.splice(0, fileCount(e.data));
  }
  return exchanges;
}

function fileCount(data: string | null): number {
  try {
    const n = (JSON.parse(data ?? '{}') as { files?: unknown }).files;
    return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 0;
  } catch {
    return 0;
  }
}

/** One file the submitter sent for the PAKN with this code, or null (staff files are never served). */
export async function getSubmitterFile(
  { code, fileId }: { code: string; fileId: number },
  db: DbOrTx = getDb(),
) {
  return (
    (await first(
      db
        .select({
          paknId: s.attachments.paknId,
          storedName: s.attachments.storedName,
          name: s.attachments.originalName,
          mime: s.attachments.mime,
          size: s.attachments.size,
        })
        .from(s.attachments)
        .innerJoin(s.pakn, eq(s.pakn.id, s.attachments.paknId))
        .where(
          and(
            eq(s.pakn.code, code),
            eq(s.attachments.id, fileId),
            inArray(s.attachments.source, [...SUBMITTER_SOURCES]),
          ),
        ),
    )) ?? null
  );
}

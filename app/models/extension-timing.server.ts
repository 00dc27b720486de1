// Whether a PAKN's one extension was made before its due date (a notice of extension) or after it (a
// late-answer apology): the public page, timeline and register label the extension letter accordingly.
import { and, eq, inArray } from 'drizzle-orm';

import { type LocalDate, toLocalDate } from '~/domain/dates';
import type { DbOrTx } from '~/utils/db.server';
import * as s from '~db/schema';

/** An extension is late when it was made after the due date it replaced (the 'extend' event's data.from). */
export function isLateExtension(extendedOn: LocalDate, previousDue: LocalDate): boolean {
  return extendedOn > previousDue;
}

/** paknId → true when its extension came after the due date; PAKN without an extension are absent. */
export async function lateExtensions(db: DbOrTx, paknIds: readonly number[]): Promise<Map<number, boolean>> {
  const result = new Map<number, boolean>();
  if (paknIds.length === 0) return result;
  const rows = await db
    .select({ paknId: s.events.paknId, at: s.events.createdAt, data: s.events.data })
    .from(s.events)
    .where(and(eq(s.events.type, 'extend'), inArray(s.events.paknId, [...new Set(paknIds)])));
  for (const r of rows) {
    let from: unknown;
    try {
      from = r.data ? (JSON.parse(r.data) as { from?: unknown }).from : undefined;
    } catch {
      from = undefined;
    }
    if (typeof from !== 'string') continue;
    result.set(r.paknId, isLateExtension(toLocalDate(r.at), from));
  }
  return result;
}

/**
 * The label key of a public document: 'late_apology' stays for a late extension; one made in time is an
 * 'extension_notice'. Without an extend event (old data) the neutral notice is used, not an admission of lateness.
 */
export function publicDocumentType(type: string, paknId: number | null, late: Map<number, boolean>): string {
  if (type !== 'late_apology') return type;
  return paknId !== null && late.get(paknId) === true ? 'late_apology' : 'extension_notice';
}

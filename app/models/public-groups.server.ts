// The public side of a group answered together (issue #15): one publication page, the lead's, lists every
// code answered with it; a member's own address leads there. Only codes, and only once the group is answered.
import { and, asc, eq, isNotNull } from 'drizzle-orm';

import { type DbOrTx, first, getDb } from '~/utils/db.server';
import * as s from '~db/schema';

export type PublicGroup = { leadCode: string; leadPublished: boolean; codes: string[] };

/** The answered group of the PAKN with this code, or null (unknown code, no group, not answered yet). */
export async function publicGroup(
  { code }: { code: string },
  db: DbOrTx = getDb(),
): Promise<PublicGroup | null> {
  const p = await first(db.select({ groupId: s.pakn.groupId }).from(s.pakn).where(eq(s.pakn.code, code)));
  if (!p?.groupId) return null;
  const g = await first(
    db
      .select()
      .from(s.paknGroups)
      .where(and(eq(s.paknGroups.id, p.groupId), isNotNull(s.paknGroups.answeredAt))),
  );
  if (!g) return null;
  const members = await db
    .select({ id: s.pakn.id, code: s.pakn.code, status: s.pakn.status, publication: s.pakn.publication })
    .from(s.pakn)
    .where(eq(s.pakn.groupId, g.id))
    .orderBy(asc(s.pakn.id));
  const lead = members.find((m) => m.id === g.leadPaknId);
  if (!lead) return null;
  return {
    leadCode: lead.code,
    leadPublished: lead.publication === 'published',
    // a member reopened since is no longer answered by the group's page
    codes: [lead, ...members.filter((m) => m !== lead && m.status === 'answered')].map((m) => m.code),
  };
}

// The administrator's edit of a deadline rule; the due dates of open PAKN are recomputed in the same transaction.
import { eq } from 'drizzle-orm';

import type { DeadlineRuleValues } from '~/domain/admin/deadline-rules';
import { type Actor, diff, type Outcome } from '~/domain/admin/outcome';
import { invalidateCalendar } from '~/models/config.server';
import { recomputeOpenDueDates } from '~/models/deadlines.server';
import { type DbOrTx, first, getDb, transaction } from '~/utils/db.server';
import * as s from '~db/schema';

import { recordChange } from './change-log.server';

/** Changes one rule and recomputes the due dates of open PAKN; `value.recomputed` counts the PAKN moved. */
export async function updateDeadlineRule(
  value: DeadlineRuleValues,
  actor: Actor,
  db: DbOrTx = getDb(),
): Promise<Outcome<{ recomputed: number }>> {
  try {
    return await transaction(db, async (tx) => {
      const before = await first(tx.select().from(s.deadlineRules).where(eq(s.deadlineRules.key, value.key)));
      const { days, unit, basis } = value;
      const changed = diff(before ?? {}, { days, unit, basis });
      if (Object.keys(changed).length === 0) return { ok: true as const, value: { recomputed: 0 } };
      await tx
        .insert(s.deadlineRules)
        .values(value)
        .onConflictDoUpdate({ target: s.deadlineRules.key, set: { days, unit, basis } });
      const recomputed = await recomputeOpenDueDates(tx, { actorUserId: actor.userId });
      await recordChange(tx, actor, 'settings.deadline_rule.update', 'deadline_rule', value.key, {
        ...changed,
        recomputed,
      });
      return { ok: true as const, value: { recomputed } };
    });
  } finally {
    invalidateCalendar();
  }
}

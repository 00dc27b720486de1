// The fields of each workflow intent (POST /can-bo/pakn/$id) that make it valid, for the tests that post
// every intent and want only the permission or the record's state to decide: the permission matrix and
// the hostile-input sweep.
import { inArray } from 'drizzle-orm';

import { maxExtensionDate } from '~/domain/deadlines';
import { getCalendar, getDeadlineRules } from '~/models/config.server';
import { type Db, first, one } from '~/utils/db.server';
import * as s from '~db/schema';

import type { PaknRow } from './pakn';

export type IntentSetting = {
  db: Db;
  /** `a` receives an assignment, `b` a reassignment */
  units: { a: number; b: number };
  note: string;
  /** seeds another open PAKN of this unit: the one `group` adds, or `ungroup` removes */
  partner: (unitId: number) => Promise<{ id: number; code: string }>;
};

/** Another open PAKN of p's unit; for `ungroup`, already in a group led by `p`. */
async function groupPartner({ db, partner }: IntentSetting, p: PaknRow, grouped: boolean) {
  const other = await partner(p.unitId!);
  if (grouped) {
    const group = await one(
      db.insert(s.paknGroups).values({ leadPaknId: p.id, unitId: p.unitId! }).returning(),
    );
    await db
      .update(s.pakn)
      .set({ groupId: group.id })
      .where(inArray(s.pakn.id, [p.id, other.id]));
  }
  return other.code;
}

export async function intentFields(
  intent: string,
  p: PaknRow,
  setting: IntentSetting,
): Promise<Record<string, string>> {
  const { db, units, note } = setting;
  switch (intent) {
    case 'classify':
      return { type: 'kien_nghi', subject: 'regulation', category: '3', fieldId: '' };
    case 'assign':
      return { unitId: String(units.a) };
    case 'reassign':
      return { unitId: String(units.b), note };
    case 'refuse':
      return { reason: 'R03', note };
    case 'transfer':
      return { agencyId: String((await first(db.select().from(s.externalAgencies)))!.id), note };
    case 'mark_duplicate':
      return { duplicateOf: (await first(db.select().from(s.pakn)))!.code, note };
    case 'extend':
      return {
        newDate: maxExtensionDate(
          p.answerDue,
          await getCalendar(db),
          (await getDeadlineRules(db)).extension.days,
        ),
        note,
      };
    case 'draft':
    case 'edit_draft':
      return { body: 'Trả lời', outcome: 'amend' };
    case 'group':
    case 'ungroup':
      return { code: await groupPartner(setting, p, intent === 'ungroup') };
    case 'forward':
    case 'reopen':
    case 'note':
    case 'request_info':
    case 'return':
    case 'keep_studying':
      return { note };
    default:
      return {};
  }
}

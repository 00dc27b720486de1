// The answer (NĐ 20/2008 Điều 15): drafted and reworked by the unit, submitted, approved (the signature,
// on time or late fixed then) or returned by a leader.
import { eq } from 'drizzle-orm';

import { toLocalDate } from '~/domain/dates';
import type { Outcome } from '~/domain/pakn';
import { WorkflowError } from '~/domain/workflow/errors';
import type { InputOf } from '~/domain/workflow/intents';
import { publishDueFrom } from '~/models/deadlines.server';
import { answerDueDate } from '~/models/pakn.server';
import { notifyStaffUpdate } from '~/models/staff-notifications.server';
import { first } from '~/utils/db.server';
import * as s from '~db/schema';

import { answerGroupMembers } from './group.server';
import { type Ctx, transition } from './step.server';

async function saveAnswer(ctx: Ctx, body: string, outcome: Outcome) {
  await ctx.tx
    .insert(s.answers)
    .values({ paknId: ctx.p.id, body, outcome, draftedByUserId: ctx.actor.id, updatedAt: ctx.now })
    .onConflictDoUpdate({
      target: s.answers.paknId,
      set: {
        body,
        outcome,
        draftedByUserId: ctx.actor.id,
        updatedAt: ctx.now,
        approvedByUserId: null,
        approvedAt: null,
      },
    });
}

export async function draft(ctx: Ctx, input: InputOf<'draft'> | InputOf<'edit_draft'>) {
  // transition first: an illegal draft must not overwrite the answer being approved
  await transition(ctx, input.intent, { data: { outcome: input.outcome } });
  await saveAnswer(ctx, input.body, input.outcome);
}

export async function submit(ctx: Ctx) {
  const { tx, p } = ctx;
  const answer = await first(tx.select().from(s.answers).where(eq(s.answers.paknId, p.id)));
  if (!answer?.body) throw new WorkflowError(409, 'staff.errors.noDraft');
  await transition(ctx, 'submit');
  await notifyStaffUpdate(tx, { paknId: p.id, kind: 'draftSubmitted' });
}

export async function approve(ctx: Ctx) {
  const { tx, p } = ctx;
  await tx
    .update(s.answers)
    .set({ approvedByUserId: ctx.actor.id, approvedAt: ctx.now, returnComment: null })
    .where(eq(s.answers.paknId, p.id));
  // on time or late is fixed at the moment of the answer, against the due date with pauses and extension
  await transition(ctx, 'approve', {
    set: {
      answeredAt: ctx.now,
      publishDue: await publishDueFrom(ctx.today, tx),
      onTime: toLocalDate(ctx.now) <= (await answerDueDate(p, tx)).due,
    },
  });
  // the lead of a group: the same answer, approved once, goes to every member (issue #15)
  await answerGroupMembers(ctx);
}

export async function returnDraft(ctx: Ctx, input: InputOf<'return'>) {
  const { tx, p } = ctx;
  await transition(ctx, 'return', { note: input.note });
  await tx.update(s.answers).set({ returnComment: input.note }).where(eq(s.answers.paknId, p.id));
  await notifyStaffUpdate(tx, { paknId: p.id, kind: 'draftReturned', note: input.note });
}

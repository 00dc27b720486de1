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
import * as s from '~db/schema';

import { answerGroupMembers } from './group.server';
import { type Ctx, transition } from './step.server';

function saveAnswer(ctx: Ctx, body: string, outcome: Outcome) {
  ctx.tx
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
    })
    .run();
}

export function draft(ctx: Ctx, input: InputOf<'draft'> | InputOf<'edit_draft'>) {
  // transition first: an illegal draft must not overwrite the answer being approved
  transition(ctx, input.intent, { data: { outcome: input.outcome } });
  saveAnswer(ctx, input.body, input.outcome);
}

export function submit(ctx: Ctx) {
  const { tx, p } = ctx;
  const answer = tx.select().from(s.answers).where(eq(s.answers.paknId, p.id)).get();
  if (!answer?.body) throw new WorkflowError(409, 'staff.errors.noDraft');
  transition(ctx, 'submit');
  notifyStaffUpdate(tx, { paknId: p.id, kind: 'draftSubmitted' });
}

export function approve(ctx: Ctx) {
  const { tx, p } = ctx;
  tx.update(s.answers)
    .set({ approvedByUserId: ctx.actor.id, approvedAt: ctx.now, returnComment: null })
    .where(eq(s.answers.paknId, p.id))
    .run();
  // on time or late is fixed at the moment of the answer, against the due date with pauses and extension
  transition(ctx, 'approve', {
    set: {
      answeredAt: ctx.now,
      publishDue: publishDueFrom(ctx.today, tx),
      onTime: toLocalDate(ctx.now) <= answerDueDate(p, tx).due,
    },
  });
  // the lead of a group: the same answer, approved once, goes to every member (issue #15)
  answerGroupMembers(ctx);
}

export function returnDraft(ctx: Ctx, input: InputOf<'return'>) {
  const { tx, p } = ctx;
  transition(ctx, 'return', { note: input.note });
  tx.update(s.answers).set({ returnComment: input.note }).where(eq(s.answers.paknId, p.id)).run();
  notifyStaffUpdate(tx, { paknId: p.id, kind: 'draftReturned', note: input.note });
}

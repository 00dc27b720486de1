// Handling inside the unit: taking it, the information wait (NĐ 20/2008 Điều 14, the clock pauses), further
// study, reopening after a reconsideration request, and internal notes.
import { and, eq, isNull } from 'drizzle-orm';

import { formatDateVi } from '~/domain/dates';
import { infoWaitEnds, mayCloseForNoInfo } from '~/domain/info-wait';
import { WorkflowError } from '~/domain/workflow/errors';
import type { InputOf } from '~/domain/workflow/intents';
import { getCalendar, getDeadlineRules } from '~/models/config.server';
import { infoDueFrom } from '~/models/deadlines.server';
import { first } from '~/utils/db.server';
import * as s from '~db/schema';

import { closeOpenPause, type Ctx, record, transition } from './step.server';

export async function note(ctx: Ctx, input: InputOf<'note'>) {
  await record(ctx, 'note', { note: input.note });
}

export async function take(ctx: Ctx) {
  await transition(ctx, 'take', { set: { handlerUserId: ctx.actor.id } });
}

export async function requestInfo(ctx: Ctx, input: InputOf<'request_info'>) {
  await ctx.tx.insert(s.paknPauses).values({ paknId: ctx.p.id, fromDate: ctx.today });
  await transition(ctx, 'request_info', {
    note: input.note,
    set: { infoDue: await infoDueFrom(ctx.today, ctx.tx) },
  });
}

export async function receiveInfo(ctx: Ctx) {
  await transition(ctx, 'receive_info', { set: await closeOpenPause(ctx) });
}

export async function closeNoInfo(ctx: Ctx) {
  const { tx, p } = ctx;
  const pause = await first(
    tx
      .select()
      .from(s.paknPauses)
      .where(and(eq(s.paknPauses.paknId, p.id), isNull(s.paknPauses.toDate))),
  );
  if (pause) {
    const until = infoWaitEnds(pause.fromDate, (await getDeadlineRules(tx)).infoWait, await getCalendar(tx));
    // a stale page can still post the button: say until when, the Vietnamese way
    if (!mayCloseForNoInfo(ctx.today, until))
      throw new WorkflowError(409, 'staff.errors.infoWaitRunning', { date: formatDateVi(until) });
  }
  await closeOpenPause(ctx);
  await transition(ctx, 'close_no_info', { set: { refusalReason: 'R03' } });
}

export async function keepStudying(ctx: Ctx, input: InputOf<'keep_studying'>) {
  await transition(ctx, 'keep_studying', { note: input.note });
}

export async function resumeStudy(ctx: Ctx) {
  await transition(ctx, 'resume_study');
}

export async function reopen(ctx: Ctx, input: InputOf<'reopen'>) {
  // a new round of handling: the item is open again until a new answer is approved
  await transition(ctx, 'reopen', { note: input.note, set: { closedAt: null } });
}

// The one extension of the answer deadline (spec §6): granted directly by a leader, or, with the approval
// policy, requested by the handler and approved or declined by the unit's approver.
import type { LocalDate } from '~/domain/dates';
import { maxExtensionDate } from '~/domain/deadlines';
import { can } from '~/domain/permissions';
import { WorkflowError } from '~/domain/workflow/errors';
import type { InputOf } from '~/domain/workflow/intents';
import { isOpen } from '~/domain/workflow/transitions';
import { getCalendar, getDeadlineRules } from '~/models/config.server';
import { issueDocumentForStep } from '~/models/document-issue.server';
import { extensionNeedsApproval, pendingExtensionRequest } from '~/models/extension-requests.server';
import { notifyStep } from '~/models/notifications.server';
import { answerDueDate } from '~/models/pakn.server';
import { notifyStaffUpdate } from '~/models/staff-notifications.server';

import { type Ctx, record, updateGuarded } from './step.server';

/** The extension rules (spec §6): open, not yet extended, later than today's due date, within the maximum. */
async function checkExtension(ctx: Ctx, newDate: LocalDate): Promise<LocalDate> {
  const { p, tx } = ctx;
  if (!isOpen(p.status) || p.status === 'received') {
    throw new WorkflowError(409, 'staff.errors.cannotExtend', { status: p.status });
  }
  if (p.extendedTo) throw new WorkflowError(409, 'staff.errors.alreadyExtended');
  const current = (await answerDueDate({ ...p, extendedTo: null }, tx)).due;
  const max = maxExtensionDate(current, await getCalendar(tx), (await getDeadlineRules(tx)).extension.days);
  if (newDate <= current || newDate > max) {
    throw new WorkflowError(
      400,
      'staff.errors.extensionRange',
      {},
      { newDate: 'staff.errors.extensionRange' },
    );
  }
  return current;
}

async function grant(ctx: Ctx, current: LocalDate, newDate: LocalDate, note: string, extra: object = {}) {
  await updateGuarded(ctx, { extendedTo: newDate, answerDue: newDate });
  await record(ctx, 'extend', { note, data: { from: current, to: newDate, ...extra } });
  const document = await issueDocumentForStep(ctx.tx, {
    paknId: ctx.p.id,
    step: 'extended',
    actorUserId: ctx.actor.id,
    note,
    now: ctx.now,
  });
  await notifyStep(ctx.tx, { paknId: ctx.p.id, step: 'extended', note, document });
}

export async function extend(ctx: Ctx, input: InputOf<'extend'>) {
  const { tx, p } = ctx;
  const current = await checkExtension(ctx, input.newDate);
  // with the approval policy, only a leader extends directly; anyone else asks
  if ((await extensionNeedsApproval(tx)) && !can(ctx.actor, 'pakn:approve')) {
    if (await pendingExtensionRequest(tx, p.id))
      throw new WorkflowError(409, 'staff.errors.extensionPending');
    await updateGuarded(ctx, {});
    await record(ctx, 'extension_requested', {
      note: input.note,
      data: { from: current, to: input.newDate },
    });
    await notifyStaffUpdate(tx, { paknId: p.id, kind: 'extensionRequested', note: input.note });
    return;
  }
  await grant(ctx, current, input.newDate, input.note);
}

export async function approveExtension(ctx: Ctx) {
  const { tx, p } = ctx;
  const request = await pendingExtensionRequest(tx, p.id);
  if (!request) throw new WorkflowError(409, 'staff.errors.noExtensionRequest');
  const current = await checkExtension(ctx, request.newDate);
  await grant(ctx, current, request.newDate, request.note, { requestedBy: request.requestedByUserId });
  await notifyStaffUpdate(tx, {
    paknId: p.id,
    kind: 'extensionApproved',
    toUserId: request.requestedByUserId,
  });
}

export async function declineExtension(ctx: Ctx, input: InputOf<'decline_extension'>) {
  const { tx, p } = ctx;
  const request = await pendingExtensionRequest(tx, p.id);
  if (!request) throw new WorkflowError(409, 'staff.errors.noExtensionRequest');
  await updateGuarded(ctx, {});
  await record(ctx, 'extension_declined', { note: input.note });
  await notifyStaffUpdate(tx, {
    paknId: p.id,
    kind: 'extensionDeclined',
    note: input.note,
    toUserId: request.requestedByUserId,
  });
}

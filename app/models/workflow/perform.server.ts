// Runs staff intents. Each runs in one transaction: read, access check, version check, transition check,
// the row update guarded by `WHERE id = ? AND version = ?`, the event, the audit entry and the
// submitter's/unit's e-mail (notifyStep) — so either all of it happens or none.
import { toLocalDate } from '~/domain/dates';
import { groupBlocksIntent } from '~/domain/pakn-groups';
import { type Actor, can, canReadPakn } from '~/domain/permissions';
import { WorkflowError } from '~/domain/workflow/errors';
import type { IntentInput } from '~/domain/workflow/intents';
import { type DbOrTx, getDb, transaction } from '~/utils/db.server';

import { approve, draft, returnDraft, submit } from './answer.server';
import {
  assign,
  classify,
  forward,
  markDuplicate,
  reassign,
  refuse,
  transfer,
} from './classification.server';
import { approveExtension, declineExtension, extend } from './extension.server';
import { group, groupRoleOf, ungroup } from './group.server';
import {
  closeNoInfo,
  keepStudying,
  note,
  receiveInfo,
  reopen,
  requestInfo,
  resumeStudy,
  take,
} from './handling.server';
import { authorizeIntent, type Ctx, loadPakn } from './step.server';

async function apply(ctx: Ctx, input: IntentInput): Promise<void> {
  switch (input.intent) {
    case 'note':
      return note(ctx, input);
    case 'classify':
      return classify(ctx, input);
    case 'extend':
      return extend(ctx, input);
    case 'approve_extension':
      return approveExtension(ctx);
    case 'decline_extension':
      return declineExtension(ctx, input);
    case 'assign':
      return assign(ctx, input);
    case 'reassign':
      return reassign(ctx, input);
    case 'refuse':
      return refuse(ctx, input);
    case 'transfer':
      return transfer(ctx, input);
    case 'forward':
      return forward(ctx, input);
    case 'mark_duplicate':
      return markDuplicate(ctx, input);
    case 'take':
      return take(ctx);
    case 'request_info':
      return requestInfo(ctx, input);
    case 'receive_info':
      return receiveInfo(ctx);
    case 'close_no_info':
      return closeNoInfo(ctx);
    case 'draft':
    case 'edit_draft':
      return draft(ctx, input);
    case 'submit':
      return submit(ctx);
    case 'approve':
      return approve(ctx);
    case 'return':
      return returnDraft(ctx, input);
    case 'keep_studying':
      return keepStudying(ctx, input);
    case 'resume_study':
      return resumeStudy(ctx);
    case 'reopen':
      return reopen(ctx, input);
    case 'group':
      return group(ctx, input);
    case 'ungroup':
      return ungroup(ctx, input);
    default: {
      const never: never = input;
      throw new WorkflowError(400, 'staff.errors.unknownIntent', { intent: String(never) });
    }
  }
}

/** Runs one validated intent on one PAKN. Throws WorkflowError (404/403/409/400) and changes nothing then. */
export async function performAction(
  {
    actor,
    paknId,
    input,
    ip,
    now = new Date(),
  }: { actor: Actor; paknId: number; input: IntentInput; ip?: string; now?: Date },
  db: DbOrTx = getDb(),
): Promise<{ status: string; version: number }> {
  return await transaction(db, async (tx) => {
    const { pakn: p } = await authorizeIntent({ actor, paknId, intent: input.intent }, tx);
    // a note changes nothing a concurrent form relies on, so it needs no version
    const version = 'version' in input ? input.version : p.version;
    if (version !== p.version) throw new WorkflowError(409, 'staff.errors.stale');
    // a grouped PAKN leaves its unit or closes only after ungrouping; a member is answered by its lead
    const blocked = groupBlocksIntent(input.intent, await groupRoleOf(tx, p));
    if (blocked) throw new WorkflowError(409, blocked);
    await apply({ tx, actor, p, version, ip, now, today: toLocalDate(now) }, input);
    const after = (await loadPakn(tx, paknId))!;
    return { status: after.status, version: after.version };
  });
}

/** Assigns several received PAKN to one unit: all or nothing, the failing item named in the error. */
export async function bulkAssign(
  {
    actor,
    items,
    unitId,
    ip,
    now = new Date(),
  }: { actor: Actor; items: { id: number; version: number }[]; unitId: number; ip?: string; now?: Date },
  db: DbOrTx = getDb(),
): Promise<number> {
  if (!can(actor, 'pakn:assign')) throw new WorkflowError(403, 'staff.errors.forbidden');
  if (items.length === 0)
    throw new WorkflowError(400, 'staff.errors.noneSelected', {}, { ids: 'staff.errors.noneSelected' });
  return await transaction(db, async (tx) => {
    for (const item of items) {
      try {
        const { pakn: p } = await authorizeIntent({ actor, paknId: item.id, intent: 'assign' }, tx);
        if (item.version !== p.version) throw new WorkflowError(409, 'staff.errors.stale');
        await apply(
          { tx, actor, p, version: item.version, ip, now, today: toLocalDate(now) },
          { intent: 'assign', version: item.version, unitId },
        );
      } catch (error) {
        if (!(error instanceof WorkflowError) || error.fieldErrors) throw error;
        const code = await loadPakn(tx, item.id);
        const name = code && canReadPakn(actor, code) ? code.code : `#${item.id}`;
        throw new WorkflowError(error.status, error.messageKey, { ...error.params, code: name });
      }
    }
    return items.length;
  });
}

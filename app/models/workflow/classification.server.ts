// Classification and routing of a registered PAKN (NĐ 20/2008 Điều 9): classify, assign or reassign to a
// unit, refuse, transfer to the competent agency, forward, or mark as a duplicate.
import { eq } from 'drizzle-orm';

import { normaliseCode } from '~/domain/pakn';
import { WorkflowError } from '~/domain/workflow/errors';
import { type InputOf, INVALID } from '~/domain/workflow/intents';
import { audit } from '~/models/audit.server';
import { queueTransferDelivery } from '~/models/transfer-delivery.server';
import * as s from '~db/schema';

import { activeUnit, type Ctx, record, transition, updateGuarded } from './step.server';

export function classify(ctx: Ctx, input: InputOf<'classify'>) {
  const { tx, p } = ctx;
  if (!['received', 'assigned'].includes(p.status)) {
    throw new WorkflowError(409, 'staff.errors.cannotClassify', { status: p.status });
  }
  if (input.fieldId !== null) {
    const field = tx.select().from(s.fields).where(eq(s.fields.id, input.fieldId)).get();
    if (!field?.active) throw new WorkflowError(400, INVALID, {}, { fieldId: INVALID });
  }
  const { type, subject, category, fieldId } = input;
  updateGuarded(ctx, { type, subject, category, fieldId });
  record(ctx, 'classify', { data: { type, subject, category, fieldId } });
}

export function assign(ctx: Ctx, input: InputOf<'assign'>) {
  activeUnit(ctx.tx, input.unitId);
  transition(ctx, 'assign', {
    set: { unitId: input.unitId, handlerUserId: null },
    data: { unitId: input.unitId },
  });
}

export function reassign(ctx: Ctx, input: InputOf<'reassign'>) {
  activeUnit(ctx.tx, input.unitId);
  if (input.unitId === ctx.p.unitId)
    throw new WorkflowError(400, INVALID, {}, { unitId: 'staff.errors.sameUnit' });
  transition(ctx, 'reassign', {
    set: { unitId: input.unitId, handlerUserId: null },
    note: input.note,
    data: { fromUnitId: ctx.p.unitId, unitId: input.unitId },
  });
}

export function refuse(ctx: Ctx, input: InputOf<'refuse'>) {
  const repeat = input.repeatOf ? answeredOriginal(ctx, input.repeatOf) : null;
  transition(ctx, 'refuse', {
    set: { refusalReason: input.reason, ...(repeat ? { duplicateOfId: repeat.id } : {}) },
    note: input.note,
    data: { reason: input.reason, ...(repeat ? { repeatOfId: repeat.id, repeatOfCode: repeat.code } : {}) },
  });
  if (repeat) {
    audit(
      {
        actorUserId: ctx.actor.id || null,
        action: 'pakn.refuse_repeat',
        targetType: 'pakn',
        targetId: ctx.p.id,
        ip: ctx.ip,
        detail: { code: ctx.p.code, repeatOf: repeat.code },
      },
      ctx.tx,
    );
  }
}

/**
 * R08 for a repeat (issue #15): the earlier PAKN must exist, be another one, and be answered with its answer
 * not withdrawn from publication — the notice links to that answer.
 */
function answeredOriginal(ctx: Ctx, typed: string): { id: number; code: string } {
  const original = ctx.tx
    .select({ id: s.pakn.id, code: s.pakn.code, status: s.pakn.status, publication: s.pakn.publication })
    .from(s.pakn)
    .where(eq(s.pakn.code, normaliseCode(typed)))
    .get();
  if (!original || original.id === ctx.p.id) {
    throw new WorkflowError(400, INVALID, {}, { repeatOf: 'staff.errors.unknownDuplicate' });
  }
  if (original.status !== 'answered' || original.publication === 'withdrawn') {
    throw new WorkflowError(400, INVALID, {}, { repeatOf: 'similar.errors.notAnswered' });
  }
  return { id: original.id, code: original.code };
}

export function transfer(ctx: Ctx, input: InputOf<'transfer'>) {
  const { tx, p } = ctx;
  const agency = tx.select().from(s.externalAgencies).where(eq(s.externalAgencies.id, input.agencyId)).get();
  if (!agency?.active) throw new WorkflowError(400, INVALID, {}, { agencyId: 'staff.errors.unknownAgency' });
  transition(ctx, 'transfer', {
    set: { transferAgencyId: agency.id },
    note: input.note,
    data: { agencyId: agency.id, agencyName: agency.name },
  });
  queueTransferDelivery(tx, { paknId: p.id, actorUserId: ctx.actor.id || null });
}

export function forward(ctx: Ctx, input: InputOf<'forward'>) {
  transition(ctx, 'forward', { note: input.note });
}

export function markDuplicate(ctx: Ctx, input: InputOf<'mark_duplicate'>) {
  const code = normaliseCode(input.duplicateOf);
  const original = ctx.tx
    .select({ id: s.pakn.id, code: s.pakn.code })
    .from(s.pakn)
    .where(eq(s.pakn.code, code))
    .get();
  if (!original || original.id === ctx.p.id) {
    throw new WorkflowError(400, INVALID, {}, { duplicateOf: 'staff.errors.unknownDuplicate' });
  }
  transition(ctx, 'mark_duplicate', {
    set: { duplicateOfId: original.id },
    note: input.note,
    data: { duplicateOfId: original.id, duplicateOfCode: original.code },
  });
}

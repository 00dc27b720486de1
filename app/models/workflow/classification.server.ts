// Classification and routing of a registered PAKN (NĐ 20/2008 Điều 9): classify, assign or reassign to a
// unit, refuse, transfer to the competent agency, forward, or mark as a duplicate.
import { eq } from 'drizzle-orm';

import { normaliseCode } from '~/domain/pakn';
import { WorkflowError } from '~/domain/workflow/errors';
import { type InputOf, INVALID } from '~/domain/workflow/intents';
import { audit } from '~/models/audit.server';
import { queueTransferDelivery } from '~/models/transfer-delivery.server';
import { first } from '~/utils/db.server';
import * as s from '~db/schema';

import { activeUnit, type Ctx, record, transition, updateGuarded } from './step.server';

export async function classify(ctx: Ctx, input: InputOf<'classify'>) {
  const { tx, p } = ctx;
  if (!['received', 'assigned'].includes(p.status)) {
    throw new WorkflowError(409, 'staff.errors.cannotClassify', { status: p.status });
  }
  if (input.fieldId !== null) {
    const field = await first(tx.select().from(s.fields).where(eq(s.fields.id, input.fieldId)));
    if (!field?.active) throw new WorkflowError(400, INVALID, {}, { fieldId: INVALID });
  }
  const { type, subject, category, fieldId } = input;
  await updateGuarded(ctx, { type, subject, category, fieldId });
  await record(ctx, 'classify', { data: { type, subject, category, fieldId } });
}

export async function assign(ctx: Ctx, input: InputOf<'assign'>) {
  await activeUnit(ctx.tx, input.unitId);
  await transition(ctx, 'assign', {
    set: { unitId: input.unitId, handlerUserId: null },
    data: { unitId: input.unitId },
  });
}

export async function reassign(ctx: Ctx, input: InputOf<'reassign'>) {
  await activeUnit(ctx.tx, input.unitId);
  if (input.unitId === ctx.p.unitId)
    throw new WorkflowError(400, INVALID, {}, { unitId: 'staff.errors.sameUnit' });
  await transition(ctx, 'reassign', {
    set: { unitId: input.unitId, handlerUserId: null },
    note: input.note,
    data: { fromUnitId: ctx.p.unitId, unitId: input.unitId },
  });
}

export async function refuse(ctx: Ctx, input: InputOf<'refuse'>) {
  const repeat = input.repeatOf ? await answeredOriginal(ctx, input.repeatOf) : null;
  await transition(ctx, 'refuse', {
    set: { refusalReason: input.reason, ...(repeat ? { duplicateOfId: repeat.id } : {}) },
    note: input.note,
    data: { reason: input.reason, ...(repeat ? { repeatOfId: repeat.id, repeatOfCode: repeat.code } : {}) },
  });
  if (repeat) {
    await audit(
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
async function answeredOriginal(ctx: Ctx, typed: string): Promise<{ id: number; code: string }> {
  const original = await first(
    ctx.tx
      .select({ id: s.pakn.id, code: s.pakn.code, status: s.pakn.status, publication: s.pakn.publication })
      .from(s.pakn)
      .where(eq(s.pakn.code, normaliseCode(typed))),
  );
  if (!original || original.id === ctx.p.id) {
    throw new WorkflowError(400, INVALID, {}, { repeatOf: 'staff.errors.unknownDuplicate' });
  }
  if (original.status !== 'answered' || original.publication === 'withdrawn') {
    throw new WorkflowError(400, INVALID, {}, { repeatOf: 'similar.errors.notAnswered' });
  }
  return { id: original.id, code: original.code };
}

export async function transfer(ctx: Ctx, input: InputOf<'transfer'>) {
  const { tx, p } = ctx;
  const agency = await first(
    tx.select().from(s.externalAgencies).where(eq(s.externalAgencies.id, input.agencyId)),
  );
  if (!agency?.active) throw new WorkflowError(400, INVALID, {}, { agencyId: 'staff.errors.unknownAgency' });
  await transition(ctx, 'transfer', {
    set: { transferAgencyId: agency.id },
    note: input.note,
    data: { agencyId: agency.id, agencyName: agency.name },
  });
  await queueTransferDelivery(tx, { paknId: p.id, actorUserId: ctx.actor.id || null });
}

export async function forward(ctx: Ctx, input: InputOf<'forward'>) {
  await transition(ctx, 'forward', { note: input.note });
}

export async function markDuplicate(ctx: Ctx, input: InputOf<'mark_duplicate'>) {
  const code = normaliseCode(input.duplicateOf);
  const original = await first(
    ctx.tx.select({ id: s.pakn.id, code: s.pakn.code }).from(s.pakn).where(eq(s.pakn.code, code)),
  );
  if (!original || original.id === ctx.p.id) {
    throw new WorkflowError(400, INVALID, {}, { duplicateOf: 'staff.errors.unknownDuplicate' });
  }
  await transition(ctx, 'mark_duplicate', {
    set: { duplicateOfId: original.id },
    note: input.note,
    data: { duplicateOfId: original.id, duplicateOfCode: original.code },
  });
}

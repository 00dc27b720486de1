// Groups of related open PAKN answered together (issue #15, ADR 0016): grouping and ungrouping from the record
// page, and the group's answer sent to every member when the lead's answer is approved. Each runs inside the
// transaction opened by perform.server.ts, so a refused step changes nothing.
import { and, asc, eq, ne, sql } from 'drizzle-orm';

import { toLocalDate } from '~/domain/dates';
import { normaliseCode } from '~/domain/pakn';
import { canUngroup, groupRefusal, type GroupRole, ungroupDissolves } from '~/domain/pakn-groups';
import { type Actor, canReadPakn } from '~/domain/permissions';
import { WorkflowError } from '~/domain/workflow/errors';
import { type InputOf, INVALID } from '~/domain/workflow/intents';
import { isOpen } from '~/domain/workflow/transitions';
import { publishDueFrom } from '~/models/deadlines.server';
import { answerDueDate } from '~/models/pakn.server';
import { changesOf, type DbOrTx, first, getDb, one } from '~/utils/db.server';
import * as s from '~db/schema';

import { announceStep, type Ctx, type Pakn, record, updateGuarded } from './step.server';

export type PaknGroup = typeof s.paknGroups.$inferSelect;

export async function loadGroup(db: DbOrTx, groupId: number | null): Promise<PaknGroup | undefined> {
  if (groupId === null) return undefined;
  return await first(db.select().from(s.paknGroups).where(eq(s.paknGroups.id, groupId)));
}

export async function groupMembers(db: DbOrTx, groupId: number): Promise<Pakn[]> {
  return await db.select().from(s.pakn).where(eq(s.pakn.groupId, groupId)).orderBy(asc(s.pakn.id));
}

/** The PAKN's part in a group still to be answered (an answered group constrains nothing any more). */
export async function groupRoleOf(db: DbOrTx, p: Pick<Pakn, 'id' | 'groupId'>): Promise<GroupRole> {
  const g = await loadGroup(db, p.groupId);
  if (!g || !canUngroup(g)) return null;
  return g.leadPaknId === p.id ? 'lead' : 'member';
}

/** A refusal shown next to the code field of the grouping form (a 400, the page keeps its state). */
function refused(status: 400 | 409, key: string): never {
  throw new WorkflowError(status, INVALID, {}, { code: key });
}

/** The group's codes, lead first, as the (language-neutral) note of its timeline events. */
function codesNote(lead: string, codes: string[]) {
  return [lead, ...codes.filter((c) => c !== lead)].join(', ');
}

/** Moves another PAKN than the one of the page into or out of a group: its own version is bumped too. */
async function setMemberGroup(ctx: Ctx, m: Pakn, groupId: number | null) {
  const res = await ctx.tx
    .update(s.pakn)
    .set({ groupId, version: sql`${s.pakn.version} + 1`, updatedAt: ctx.now })
    .where(and(eq(s.pakn.id, m.id), eq(s.pakn.version, m.version)));
  if (changesOf(res) === 0) throw new WorkflowError(409, 'staff.errors.stale');
}

/** Puts the PAKN with `input.code` into this PAKN's group, or into a new group led by this PAKN. */
export async function group(ctx: Ctx, input: InputOf<'group'>) {
  const { tx, p } = ctx;
  const code = normaliseCode(input.code);
  const other = await first(tx.select().from(s.pakn).where(eq(s.pakn.code, code)));
  // a PAKN the actor may not read is as unknown as one that does not exist
  if (!other || !canReadPakn(ctx.actor, other))
    refused(400, `similar.group.errors.unknown|code=${input.code.slice(0, 40)}`);
  const current = await loadGroup(tx, p.groupId);
  if (current && !canUngroup(current)) refused(409, 'similar.group.errors.answered');
  const refusal = groupRefusal(p, other);
  if (refusal) refused(409, refusal);
  const unitId = p.unitId;
  if (unitId === null) refused(409, 'similar.group.errors.differentUnits');
  const g =
    current ??
    (await one(
      tx
        .insert(s.paknGroups)
        .values({ leadPaknId: p.id, unitId, createdByUserId: ctx.actor.id || null, createdAt: ctx.now })
        .returning(),
    ));
  await updateGuarded(ctx, { groupId: g.id });
  await setMemberGroup(ctx, other, g.id);
  const members = await groupMembers(tx, g.id);
  const lead = members.find((m) => m.id === g.leadPaknId)?.code ?? p.code;
  const note = codesNote(
    lead,
    members.map((m) => m.code),
  );
  const data = { groupId: g.id, lead, added: other.code };
  await record(ctx, 'group', { note, data });
  await record({ ...ctx, p: other, version: other.version }, 'group', { note, data });
}

/** Takes the PAKN with `input.code` out of this PAKN's group; the lead leaving, or one left, dissolves it. */
export async function ungroup(ctx: Ctx, input: InputOf<'ungroup'>) {
  const { tx, p } = ctx;
  const g = await loadGroup(tx, p.groupId);
  if (!g) refused(409, 'similar.group.errors.notGrouped');
  if (!canUngroup(g)) refused(409, 'similar.group.errors.answered');
  const members = await groupMembers(tx, g.id);
  const code = normaliseCode(input.code);
  const target = members.find((m) => m.code === code);
  if (!target) refused(400, `similar.group.errors.notMember|code=${input.code.slice(0, 40)}`);
  const dissolve = ungroupDissolves({ memberId: target.id, leadId: g.leadPaknId, size: members.length });
  const leaving = dissolve ? members : [target];
  if (dissolve) await tx.update(s.paknGroups).set({ dissolvedAt: ctx.now }).where(eq(s.paknGroups.id, g.id));
  const lead = members.find((m) => m.id === g.leadPaknId)?.code ?? p.code;
  const note = codesNote(
    lead,
    leaving.map((m) => m.code),
  );
  const data = { groupId: g.id, lead, removed: leaving.map((m) => m.code), dissolved: dissolve };
  // the page's PAKN carries the version check; every other one changed is bumped under its own version
  await updateGuarded(ctx, { groupId: leaving.some((m) => m.id === p.id) ? null : g.id });
  await record(ctx, 'ungroup', { note, data });
  for (const m of leaving) {
    if (m.id === p.id) continue;
    await setMemberGroup(ctx, m, null);
    await record({ ...ctx, p: m, version: m.version }, 'ungroup', { note, data });
  }
}

/**
 * The lead's answer was just approved: every other open member gets the same answer and date, goes to the
 * answered state (its own clock stops; on time against its own due date) and its submitter the reply mail
 * with their own code, all in the approval's transaction.
 */
export async function answerGroupMembers(ctx: Ctx) {
  const { tx, p, now, today } = ctx;
  const g = await loadGroup(tx, p.groupId);
  if (!g || g.leadPaknId !== p.id || !canUngroup(g)) return;
  const answer = await first(tx.select().from(s.answers).where(eq(s.answers.paknId, p.id)));
  if (!answer) return;
  const members = (
    await tx
      .select()
      .from(s.pakn)
      .where(and(eq(s.pakn.groupId, g.id), ne(s.pakn.id, p.id)))
      .orderBy(asc(s.pakn.id))
  ).filter((m) => isOpen(m.status));
  const publishDue = await publishDueFrom(today, tx);
  const codes = [p.code, ...members.map((m) => m.code)];
  for (const m of members) {
    const mctx: Ctx = { ...ctx, p: m, version: m.version };
    const fields = {
      body: answer.body,
      outcome: answer.outcome,
      draftedByUserId: answer.draftedByUserId,
      approvedByUserId: ctx.actor.id,
      approvedAt: now,
      returnComment: null,
      updatedAt: now,
    };
    await tx
      .insert(s.answers)
      .values({ paknId: m.id, ...fields })
      .onConflictDoUpdate({ target: s.answers.paknId, set: fields });
    await updateGuarded(mctx, {
      status: 'answered',
      closedAt: now,
      answeredAt: now,
      publishDue,
      onTime: toLocalDate(now) <= (await answerDueDate(m, tx)).due,
    });
    await record(mctx, 'approve', { from: m.status, to: 'answered', data: { groupId: g.id, lead: p.code } });
    await record(mctx, 'group_answered', { note: codesNote(p.code, codes), data: { groupId: g.id } });
    await announceStep(mctx, 'answered');
  }
  await tx
    .update(s.paknGroups)
    .set({ answeredAt: now, answeredCount: members.length + 1 })
    .where(eq(s.paknGroups.id, g.id));
  await record(ctx, 'group_answered', { note: codesNote(p.code, codes), data: { groupId: g.id } });
}

/** The record page's view of the PAKN's group: its members (those the actor may read) and what may be done. */
export async function groupForRecord(
  { actor, paknId }: { actor: Actor; paknId: number },
  db: DbOrTx = getDb(),
) {
  const p = await first(db.select().from(s.pakn).where(eq(s.pakn.id, paknId)));
  const g = p ? await loadGroup(db, p.groupId) : undefined;
  if (!p || !g) return null;
  const members = await groupMembers(db, g.id);
  return {
    id: g.id,
    leadCode: members.find((m) => m.id === g.leadPaknId)?.code ?? '',
    isLead: g.leadPaknId === p.id,
    answeredAt: g.answeredAt,
    open: canUngroup(g),
    members: members
      .filter((m) => canReadPakn(actor, m))
      .map((m) => ({
        id: m.id,
        code: m.code,
        title: m.title,
        status: m.status,
        lead: m.id === g.leadPaknId,
      })),
  };
}

// Grouping related open PAKN so one handler answers them together (issue #15, ADR 0016). Pure rules: which
// PAKN may join a group, which steps a grouped PAKN may no longer take on its own, and until when a group may
// be undone. The transactions that apply them are in app/models/workflow/group.server.ts.
import type { Intent } from './workflow/intents';
import type { Status } from './workflow/transitions';

/**
 * A PAKN may be grouped once a unit handles it and until its answer is signed. Not while it waits for the
 * submitter's information: answering it with the group would leave its paused clock open.
 */
export const GROUPABLE: ReadonlySet<Status> = new Set<Status>([
  'assigned',
  'in_progress',
  'drafted',
  'awaiting_approval',
  'returned',
  'keep_studying',
]);

/** For pages holding the status as plain text. */
export function isGroupable(status: string): boolean {
  return [...GROUPABLE].some((g) => g === status);
}

export type GroupCandidate = {
  id: number;
  code: string;
  status: Status;
  unitId: number | null;
  groupId: number | null;
};

/**
 * Why `other` may not join the group of `current` (or a new group led by `current`), as an i18n key with
 * its parameters (`key|code=…`), or null when it may.
 */
export function groupRefusal(current: GroupCandidate, other: GroupCandidate): string | null {
  if (current.id === other.id) return 'similar.group.errors.self';
  for (const p of [current, other])
    if (!GROUPABLE.has(p.status))
      return `similar.group.errors.${p.status === 'received' ? 'notAssigned' : p.status === 'awaiting_info' ? 'awaitingInfo' : 'notOpen'}|code=${p.code}`;
  if (current.unitId === null || current.unitId !== other.unitId)
    return 'similar.group.errors.differentUnits';
  if (other.groupId !== null && other.groupId === current.groupId)
    return `similar.group.errors.alreadyInGroup|code=${other.code}`;
  if (other.groupId !== null) return `similar.group.errors.otherGroup|code=${other.code}`;
  return null;
}

/** Steps a grouped PAKN may not take alone: they would take it out of its unit, or close it apart. */
const LEAVES_GROUP: ReadonlySet<Intent> = new Set<Intent>([
  'reassign',
  'refuse',
  'transfer',
  'forward',
  'mark_duplicate',
]);
/** A member other than the lead is answered by the lead's answer, never by its own. */
const ANSWERED_BY_LEAD: ReadonlySet<Intent> = new Set<Intent>([
  'draft',
  'edit_draft',
  'submit',
  'approve',
  'return',
  'keep_studying',
  'request_info',
  'close_no_info',
]);

export type GroupRole = 'lead' | 'member' | null;

/**
 * The i18n key refusing `intent` on a PAKN with this role in an unanswered group, or null when allowed.
 * Once the group is answered it constrains nothing (a reopened PAKN is handled on its own).
 */
export function groupBlocksIntent(intent: Intent, role: GroupRole): string | null {
  if (role === null) return null;
  if (LEAVES_GROUP.has(intent)) return 'similar.group.errors.ungroupFirst';
  if (role === 'member' && ANSWERED_BY_LEAD.has(intent)) return 'similar.group.errors.answeredByLead';
  return null;
}

/** Ungrouping is possible until the group's answer is approved; after that the group is a record. */
export function canUngroup(group: { answeredAt: Date | null; dissolvedAt: Date | null }): boolean {
  return group.answeredAt === null && group.dissolvedAt === null;
}

/** Removing `memberId` from a group of `size` PAKN led by `leadId`: the lead leaving, or one left, dissolves it. */
export function ungroupDissolves({
  memberId,
  leadId,
  size,
}: {
  memberId: number;
  leadId: number;
  size: number;
}): boolean {
  return memberId === leadId || size - 1 < 2;
}

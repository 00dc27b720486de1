// The pure grouping rules (issue #15): who may join a group, what a grouped PAKN may not do on its own, and
// until when a group may be undone.
import { describe, expect, it } from 'vitest';

import {
  canUngroup,
  groupBlocksIntent,
  type GroupCandidate,
  groupRefusal,
  isGroupable,
  ungroupDissolves,
} from '~/domain/pakn-groups';

const pakn = (over: Partial<GroupCandidate> = {}): GroupCandidate => ({
  id: 1,
  code: 'KHCN-2026-000001',
  status: 'in_progress',
  unitId: 7,
  groupId: null,
  ...over,
});
const other = (over: Partial<GroupCandidate> = {}) => pakn({ id: 2, code: 'KHCN-2026-000002', ...over });

describe('groupRefusal', () => {
  it('accepts two open PAKN of one unit, grouped or not yet', () => {
    expect(groupRefusal(pakn(), other({ status: 'assigned' }))).toBeNull();
    expect(groupRefusal(pakn({ groupId: 3 }), other({ status: 'awaiting_approval' }))).toBeNull();
  });

  it.each([
    ['itself', pakn(), pakn(), 'similar.group.errors.self'],
    ['another unit', pakn(), other({ unitId: 8 }), 'similar.group.errors.differentUnits'],
    [
      'no unit',
      pakn(),
      other({ status: 'received', unitId: null }),
      'similar.group.errors.notAssigned|code=KHCN-2026-000002',
    ],
    ['answered', pakn(), other({ status: 'answered' }), 'similar.group.errors.notOpen|code=KHCN-2026-000002'],
    ['refused', pakn(), other({ status: 'refused' }), 'similar.group.errors.notOpen|code=KHCN-2026-000002'],
    [
      'closed',
      pakn({ status: 'closed_no_info' }),
      other(),
      'similar.group.errors.notOpen|code=KHCN-2026-000001',
    ],
    [
      'waiting for information',
      pakn(),
      other({ status: 'awaiting_info' }),
      'similar.group.errors.awaitingInfo|code=KHCN-2026-000002',
    ],
    [
      'in another group',
      pakn({ groupId: 3 }),
      other({ groupId: 4 }),
      'similar.group.errors.otherGroup|code=KHCN-2026-000002',
    ],
    [
      'in a group while this one is not',
      pakn(),
      other({ groupId: 4 }),
      'similar.group.errors.otherGroup|code=KHCN-2026-000002',
    ],
    [
      'already in this group',
      pakn({ groupId: 3 }),
      other({ groupId: 3 }),
      'similar.group.errors.alreadyInGroup|code=KHCN-2026-000002',
    ],
  ])('refuses %s', (_what, a, b, key) => {
    expect(groupRefusal(a, b)).toBe(key);
  });
});

describe('groupBlocksIntent', () => {
  it('lets an ungrouped PAKN do anything', () => {
    expect(groupBlocksIntent('reassign', null)).toBeNull();
    expect(groupBlocksIntent('approve', null)).toBeNull();
  });

  it('keeps every grouped PAKN in its unit until it is ungrouped', () => {
    for (const role of ['lead', 'member'] as const)
      for (const intent of ['reassign', 'refuse', 'transfer', 'forward', 'mark_duplicate'] as const)
        expect(groupBlocksIntent(intent, role)).toBe('similar.group.errors.ungroupFirst');
  });

  it('answers a member only through its lead', () => {
    for (const intent of [
      'draft',
      'edit_draft',
      'submit',
      'approve',
      'return',
      'keep_studying',
      'request_info',
    ] as const) {
      expect(groupBlocksIntent(intent, 'member')).toBe('similar.group.errors.answeredByLead');
      expect(groupBlocksIntent(intent, 'lead')).toBeNull();
    }
    expect(groupBlocksIntent('take', 'member')).toBeNull();
    expect(groupBlocksIntent('note', 'member')).toBeNull();
    expect(groupBlocksIntent('ungroup', 'member')).toBeNull();
  });
});

describe('ungrouping', () => {
  it('is possible until the answer is approved', () => {
    expect(canUngroup({ answeredAt: null, dissolvedAt: null })).toBe(true);
    expect(canUngroup({ answeredAt: new Date(), dissolvedAt: null })).toBe(false);
    expect(canUngroup({ answeredAt: null, dissolvedAt: new Date() })).toBe(false);
  });

  it('dissolves the group when the lead leaves or one PAKN would be left', () => {
    expect(ungroupDissolves({ memberId: 1, leadId: 1, size: 3 })).toBe(true);
    expect(ungroupDissolves({ memberId: 2, leadId: 1, size: 2 })).toBe(true);
    expect(ungroupDissolves({ memberId: 2, leadId: 1, size: 3 })).toBe(false);
  });

  it('names the groupable statuses for pages holding plain text', () => {
    expect(isGroupable('drafted')).toBe(true);
    expect(isGroupable('answered')).toBe(false);
    expect(isGroupable('nonsense')).toBe(false);
  });
});

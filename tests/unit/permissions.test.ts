import { describe, expect, it } from 'vitest';

import {
  ACTION_PERMISSION,
  type Actor,
  availableActions,
  can,
  canOnPakn,
  canReadPakn,
  isUnitScoped,
  type Permission,
  PERMISSION_KEYS,
  PERMISSIONS,
  type Role,
  ROLE_LABELS,
  ROLES,
} from '~/domain/permissions';
import { ACTIONS, TRANSITIONS } from '~/domain/workflow';

// The whole matrix, written out: a permission change must be mirrored here deliberately.
//                    admin coord handler approver viewer
const MATRIX = `
queue:read             x     x     x       x        x
pakn:read:any          x     x     .       .        x
pakn:read:unit         .     .     x       x        .
pakn:contact:read      .     x     x       x        .
pakn:classify          .     x     .       .        .
pakn:refuse            .     x     .       .        .
pakn:transfer          .     x     .       .        .
pakn:forward           .     x     .       .        .
pakn:duplicate         .     x     .       .        .
pakn:assign            .     x     .       .        .
pakn:intake            .     x     .       .        .
pakn:take              .     .     x       .        .
pakn:note              .     x     x       x        .
pakn:request_info      .     x     x       .        .
pakn:extend            .     x     x       .        .
pakn:draft             .     .     x       .        .
pakn:submit            .     .     x       .        .
pakn:approve           .     .     .       x        .
pakn:return            .     x     .       x        .
pakn:publish           .     x     .       .        .
report:read            x     x     .       x        x
export:run             x     x     .       .        .
admin:users            x     .     .       .        .
admin:units            x     .     .       .        .
admin:fields           x     .     .       .        .
admin:routing          x     .     .       .        .
admin:deadlines        x     .     .       .        .
admin:calendar         x     .     .       .        .
admin:agency           x     .     .       .        .
admin:agencies         x     .     .       .        .
audit:read             x     .     .       .        .
session:revoke         x     .     .       .        .
`
  .trim()
  .split('\n')
  .map((line) => {
    const [permission, ...marks] = line.trim().split(/\s+/);
    return { permission: permission as Permission, marks };
  });

const COLUMNS: Role[] = ['admin', 'coordinator', 'handler', 'approver', 'viewer'];
const actor = (role: Role, unitId: number | null, id = 1): Actor => ({ id, role, unitId });

describe('permission matrix', () => {
  it('lists every permission exactly once', () => {
    expect(MATRIX.map((r) => r.permission).sort()).toEqual([...PERMISSION_KEYS].sort());
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...PERMISSION_KEYS].sort());
    expect(COLUMNS.sort()).toEqual([...ROLES].sort());
  });

  const cases = MATRIX.flatMap(({ permission, marks }) =>
    ['admin', 'coordinator', 'handler', 'approver', 'viewer'].map((role, i) => ({
      role: role as Role,
      permission,
      expected: marks[i] === 'x',
    })),
  );

  it.each(cases)('$role × $permission → $expected', ({ role, permission, expected }) => {
    expect(can(actor(role, 7), permission)).toBe(expected);
  });

  it('has a mark for every role in every row', () => {
    for (const row of MATRIX) expect(row.marks, row.permission).toHaveLength(5);
  });
});

describe('unit scope', () => {
  const A = 1;
  const B = 2;
  const handlerA = actor('handler', A);

  it('lets a handler act on their own unit only', () => {
    expect(canOnPakn(handlerA, 'pakn:draft', { unitId: A })).toBe(true);
    expect(canOnPakn(handlerA, 'pakn:draft', { unitId: B })).toBe(false);
    expect(canOnPakn(handlerA, 'pakn:take', { unitId: null })).toBe(false);
    expect(canOnPakn(handlerA, 'pakn:read:unit', { unitId: B })).toBe(false);
  });

  it('still applies the table inside the unit', () => {
    expect(canOnPakn(handlerA, 'pakn:approve', { unitId: A })).toBe(false);
    expect(canOnPakn(handlerA, 'pakn:assign', { unitId: A })).toBe(false);
  });

  it('gives a handler without a unit nothing case-related', () => {
    const orphan = actor('handler', null);
    expect(canOnPakn(orphan, 'pakn:take', { unitId: null })).toBe(false);
    expect(canOnPakn(orphan, 'pakn:take', { unitId: A })).toBe(false);
  });

  it('lets the coordinator act on any unit and on unassigned items', () => {
    const coord = actor('coordinator', A);
    expect(canOnPakn(coord, 'pakn:assign', { unitId: null })).toBe(true);
    expect(canOnPakn(coord, 'pakn:refuse', { unitId: B })).toBe(true);
    expect(canOnPakn(coord, 'pakn:draft', { unitId: B })).toBe(false);
  });

  it('scopes a unit head to their unit, but not the agency leader', () => {
    const headA = actor('approver', A);
    const leader = actor('approver', null);
    expect(isUnitScoped(headA)).toBe(true);
    expect(isUnitScoped(leader)).toBe(false);
    expect(canOnPakn(headA, 'pakn:approve', { unitId: A })).toBe(true);
    expect(canOnPakn(headA, 'pakn:approve', { unitId: B })).toBe(false);
    expect(canOnPakn(leader, 'pakn:approve', { unitId: B })).toBe(true);
    expect(canOnPakn(leader, 'pakn:draft', { unitId: B })).toBe(false);
  });

  it('reads PAKN according to scope', () => {
    expect(canReadPakn(handlerA, { unitId: A })).toBe(true);
    expect(canReadPakn(handlerA, { unitId: B })).toBe(false);
    expect(canReadPakn(handlerA, { unitId: null })).toBe(false);
    expect(canReadPakn(actor('approver', A), { unitId: B })).toBe(false);
    expect(canReadPakn(actor('approver', null), { unitId: B })).toBe(true);
    expect(canReadPakn(actor('viewer', null), { unitId: B })).toBe(true);
    expect(canReadPakn(actor('admin', null), { unitId: null })).toBe(true);
  });
});

describe('actions', () => {
  it('maps every workflow action to a permission', () => {
    expect(Object.keys(ACTION_PERMISSION).sort()).toEqual([...ACTIONS].sort());
    for (const a of ACTIONS) expect(PERMISSION_KEYS).toContain(ACTION_PERMISSION[a]);
  });

  it('leaves no transition that nobody may perform', () => {
    for (const tr of TRANSITIONS) {
      expect(PERMISSIONS[ACTION_PERMISSION[tr.action]].length, tr.action).toBeGreaterThan(0);
    }
  });

  it('combines status and entitlement into the available actions', () => {
    const coord = actor('coordinator', null);
    const handlerA = actor('handler', 1);
    const headA = actor('approver', 1);
    expect(availableActions(coord, { status: 'received', unitId: null })).toEqual([
      'assign',
      'refuse',
      'transfer',
      'forward',
      'mark_duplicate',
    ]);
    expect(availableActions(coord, { status: 'assigned', unitId: 1 })).toEqual([
      'refuse',
      'transfer',
      'forward',
      'mark_duplicate',
      'reassign',
    ]);
    expect(availableActions(handlerA, { status: 'assigned', unitId: 1 })).toEqual(['take']);
    expect(availableActions(handlerA, { status: 'assigned', unitId: 2 })).toEqual([]);
    expect(availableActions(handlerA, { status: 'in_progress', unitId: 1 })).toEqual([
      'request_info',
      'draft',
    ]);
    expect(availableActions(headA, { status: 'awaiting_approval', unitId: 1 })).toEqual([
      'approve',
      'return',
      'keep_studying',
    ]);
    expect(availableActions(coord, { status: 'awaiting_approval', unitId: 1 })).toEqual(['return']);
    expect(availableActions(actor('viewer', null), { status: 'received', unitId: null })).toEqual([]);
    expect(availableActions(actor('admin', null), { status: 'received', unitId: null })).toEqual([]);
  });
});

describe('labels', () => {
  it('labels every role in both languages', () => {
    for (const r of ROLES) {
      expect(ROLE_LABELS[r].vi.trim(), r).not.toBe('');
      expect(ROLE_LABELS[r].en.trim(), r).not.toBe('');
    }
  });
});

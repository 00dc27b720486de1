// The queue's parameter handling: what the user types becomes a safe FTS query and known filters only.
import { describe, expect, it } from 'vitest';

import type { Actor } from '~/domain/permissions';
import { ftsQuery, parseQueueParams, queueTabs } from '~/models/queue.server';

const coordinator: Actor = { id: 1, role: 'coordinator', unitId: null };
const handler: Actor = { id: 2, role: 'handler', unitId: 7 };
const leader: Actor = { id: 3, role: 'approver', unitId: null };

describe('ftsQuery', () => {
  it('folds diacritics and đ, and makes each word a required prefix term', () => {
    expect(ftsQuery('Đường')).toBe('"duong"*');
    expect(ftsQuery('  thủ   TỤC ')).toBe('"thu"* "tuc"*');
    expect(ftsQuery('KHCN-2026-000042')).toBe('"khcn"* "2026"* "000042"*');
  });
  it('neutralises FTS syntax', () => {
    expect(ftsQuery('a" OR b* NEAR(c) -d ^e')).toBe('"a"* "or"* "b"* "near"* "c"* "d"* "e"*');
    expect(ftsQuery('"" *** ()')).toBeNull();
  });
});

describe('parseQueueParams', () => {
  it('defaults the tab by role and the sort to the due date', () => {
    expect(parseQueueParams(new URLSearchParams(), coordinator)).toMatchObject({
      tab: 'classify',
      sort: 'due',
    });
    expect(parseQueueParams(new URLSearchParams(), handler)).toMatchObject({ tab: 'unit' });
    expect(parseQueueParams(new URLSearchParams(), leader)).toMatchObject({ tab: 'approval' });
  });
  it('refuses a tab outside the actor scope and drops malformed values', () => {
    expect(parseQueueParams(new URLSearchParams('tab=classify'), handler).tab).toBe('unit');
    const f = parseQueueParams(
      new URLSearchParams('tab=all&status=x&unit=-1&from=2026-13-01&after=1~2~3&q=%20'),
      coordinator,
    );
    expect(f).toMatchObject({
      tab: 'all',
      status: undefined,
      unit: undefined,
      from: undefined,
      after: undefined,
      q: undefined,
    });
  });
  it('drops ids no row can have (PostgreSQL integers), which would be an error there rather than no match', () => {
    const f = parseQueueParams(
      new URLSearchParams(
        'tab=all&unit=99999999999999999999999999999&field=2147483648&before=1767225600000~9999999999',
      ),
      coordinator,
    );
    expect(f).toMatchObject({ unit: undefined, field: undefined, before: undefined });
    expect(
      parseQueueParams(
        new URLSearchParams('tab=all&unit=2147483647&after=2026-01-01~2147483647'),
        coordinator,
      ),
    ).toMatchObject({ unit: 2147483647, after: '2026-01-01~2147483647' });
  });
  it('keeps valid filters and cursors', () => {
    const f = parseQueueParams(
      new URLSearchParams(
        'tab=overdue&status=in_progress&unit=3&category=4&type=kien_nghi&channel=post&from=2026-01-01&to=2026-02-01&sort=received_desc&after=1767225600000~12',
      ),
      coordinator,
    );
    expect(f).toMatchObject({
      tab: 'overdue',
      status: 'in_progress',
      unit: 3,
      category: 4,
      type: 'kien_nghi',
      channel: 'post',
      from: '2026-01-01',
      to: '2026-02-01',
      sort: 'received_desc',
      after: '1767225600000~12',
    });
  });
});

describe('queueTabs', () => {
  it('shows "in my unit" only with a unit, "mine" to those who take PAKN, "to classify" and "reconsider" only outside a unit scope', () => {
    expect(queueTabs(coordinator)).toEqual([
      'classify',
      'approval',
      'dueSoon',
      'overdue',
      'reconsider',
      'all',
    ]);
    expect(queueTabs(handler)).toEqual(['mine', 'unit', 'approval', 'dueSoon', 'overdue', 'all']);
    expect(queueTabs(leader)).toEqual(['classify', 'approval', 'dueSoon', 'overdue', 'reconsider', 'all']);
  });
});

import { describe, expect, it } from 'vitest';

import {
  type Action,
  ACTION_LABELS,
  ACTIONS,
  allowedActions,
  assertTransition,
  isClosed,
  isOpen,
  nextStatus,
  publicStatus,
  type Status,
  STATUS_LABELS,
  STATUSES,
  TransitionError,
  TRANSITIONS,
} from '~/domain/workflow';

// Written out in full so that any change to the state machine has to be made here on purpose too.
const EXPECTED = `
received          assign          assigned
received          refuse          refused
received          transfer        transferred
received          forward         forwarded
received          mark_duplicate  duplicate
assigned          refuse          refused
assigned          transfer        transferred
assigned          forward         forwarded
assigned          mark_duplicate  duplicate
assigned          reassign        assigned
in_progress       reassign        assigned
assigned          take            in_progress
in_progress       request_info    awaiting_info
awaiting_info     receive_info    in_progress
awaiting_info     close_no_info   closed_no_info
in_progress       draft           drafted
drafted           edit_draft      drafted
drafted           submit          awaiting_approval
awaiting_approval approve         answered
awaiting_approval return          returned
returned          edit_draft      drafted
returned          submit          awaiting_approval
in_progress       keep_studying   keep_studying
drafted           keep_studying   keep_studying
awaiting_approval keep_studying   keep_studying
keep_studying     resume_study    in_progress
answered          reopen          assigned
`
  .trim()
  .split('\n')
  .map((line) => line.trim().split(/\s+/).join(' '));

const CLOSED: Status[] = ['refused', 'transferred', 'forwarded', 'duplicate', 'answered', 'closed_no_info'];

describe('state machine definition', () => {
  it('matches the documented transition table exactly', () => {
    const actual = TRANSITIONS.map((tr) => `${tr.from} ${tr.action} ${tr.to}`);
    expect([...actual].sort()).toEqual([...EXPECTED].sort());
  });

  it('has unique statuses, actions and (from, action) pairs', () => {
    expect(new Set(STATUSES).size).toBe(STATUSES.length);
    expect(new Set(ACTIONS).size).toBe(ACTIONS.length);
    const keys = TRANSITIONS.map((tr) => `${tr.from}|${tr.action}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('uses every action in at least one transition', () => {
    const used = new Set(TRANSITIONS.map((tr) => tr.action));
    expect(ACTIONS.filter((a) => !used.has(a))).toEqual([]);
  });

  it('reaches every status from received', () => {
    const seen = new Set<Status>(['received']);
    const queue: Status[] = ['received'];
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      for (const a of allowedActions(s)) {
        const to = nextStatus(s, a);
        if (to !== null && !seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...STATUSES].sort());
  });

  it('can reach a closed status from every open status (no dead ends)', () => {
    const canClose = new Set<Status>(CLOSED);
    let changed = true;
    while (changed) {
      changed = false;
      for (const tr of TRANSITIONS) {
        if (canClose.has(tr.to) && !canClose.has(tr.from)) {
          canClose.add(tr.from);
          changed = true;
        }
      }
    }
    expect(STATUSES.filter((s) => !canClose.has(s))).toEqual([]);
  });

  it('makes closed statuses terminal (an answer can only be reopened) and gives every open status something to do', () => {
    for (const s of STATUSES) {
      if (isClosed(s)) expect(allowedActions(s), s).toEqual(s === 'answered' ? ['reopen'] : []);
      else expect(allowedActions(s).length, s).toBeGreaterThan(0);
    }
  });

  it('is frozen so callers cannot mutate the rules at runtime', () => {
    expect(Object.isFrozen(TRANSITIONS)).toBe(true);
  });
});

describe('notes and clock', () => {
  it('requires a note exactly where a reason must be recorded', () => {
    const withNote = TRANSITIONS.filter((tr) => tr.requiresNote).map((tr) => `${tr.from} ${tr.action}`);
    expect(withNote.sort()).toEqual(
      [
        'received refuse',
        'received transfer',
        'received forward',
        'received mark_duplicate',
        'assigned refuse',
        'assigned transfer',
        'assigned forward',
        'assigned mark_duplicate',
        'assigned reassign',
        'in_progress reassign',
        'in_progress request_info',
        'awaiting_approval return',
        'in_progress keep_studying',
        'drafted keep_studying',
        'awaiting_approval keep_studying',
        'answered reopen',
      ].sort(),
    );
  });

  it('stops the clock only when asking for information and restarts it when it arrives', () => {
    const pauses = TRANSITIONS.filter((tr) => tr.pausesClock);
    const resumes = TRANSITIONS.filter((tr) => tr.resumesClock);
    expect(pauses.map((tr) => `${tr.from} ${tr.action}`)).toEqual(['in_progress request_info']);
    expect(resumes.map((tr) => `${tr.from} ${tr.action}`)).toEqual(['awaiting_info receive_info']);
  });
});

describe('nextStatus / allowedActions / assertTransition', () => {
  it('walks a full handling cycle with a return for rework', () => {
    const steps: Action[] = [
      'assign',
      'take',
      'request_info',
      'receive_info',
      'draft',
      'edit_draft',
      'submit',
      'return',
      'edit_draft',
      'submit',
      'approve',
    ];
    const end = steps.reduce<Status>((s, a) => assertTransition(s, a), 'received');
    expect(end).toBe('answered');
  });

  it('lets a coordinator re-classify a misrouted item from assigned', () => {
    expect(nextStatus('assigned', 'refuse')).toBe('refused');
    expect(nextStatus('assigned', 'transfer')).toBe('transferred');
    expect(nextStatus('assigned', 'mark_duplicate')).toBe('duplicate');
    expect(nextStatus('assigned', 'reassign')).toBe('assigned');
    expect(nextStatus('in_progress', 'reassign')).toBe('assigned');
  });

  it('closes an unanswered information request as closed_no_info', () => {
    expect(nextStatus('awaiting_info', 'close_no_info')).toBe('closed_no_info');
    expect(nextStatus('in_progress', 'close_no_info')).toBeNull();
  });

  it('handles keep_studying as an intermediate outcome', () => {
    expect(nextStatus('in_progress', 'keep_studying')).toBe('keep_studying');
    expect(nextStatus('drafted', 'keep_studying')).toBe('keep_studying');
    expect(nextStatus('keep_studying', 'resume_study')).toBe('in_progress');
    expect(nextStatus('keep_studying', 'approve')).toBeNull();
    expect(isOpen('keep_studying')).toBe(true);
  });

  it('returns null for disallowed moves', () => {
    expect(nextStatus('received', 'approve')).toBeNull();
    expect(nextStatus('received', 'take')).toBeNull();
    expect(nextStatus('in_progress', 'submit')).toBeNull();
    expect(nextStatus('drafted', 'approve')).toBeNull();
    expect(nextStatus('answered', 'edit_draft')).toBeNull();
    expect(nextStatus('refused', 'assign')).toBeNull();
  });

  it('lists allowed actions in a stable order', () => {
    expect(allowedActions('received')).toEqual(['assign', 'refuse', 'transfer', 'forward', 'mark_duplicate']);
    expect(allowedActions('assigned')).toEqual([
      'refuse',
      'transfer',
      'forward',
      'mark_duplicate',
      'reassign',
      'take',
    ]);
    expect(allowedActions('in_progress')).toEqual(['reassign', 'request_info', 'draft', 'keep_studying']);
    expect(allowedActions('awaiting_info')).toEqual(['receive_info', 'close_no_info']);
    expect(allowedActions('drafted')).toEqual(['edit_draft', 'submit', 'keep_studying']);
    expect(allowedActions('awaiting_approval')).toEqual(['approve', 'return', 'keep_studying']);
    expect(allowedActions('returned')).toEqual(['edit_draft', 'submit']);
    expect(allowedActions('keep_studying')).toEqual(['resume_study']);
  });

  it('throws a TransitionError carrying the rejected move', () => {
    expect(() => assertTransition('answered', 'approve')).toThrow(TransitionError);
    try {
      assertTransition('received', 'submit');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect(e).toBeInstanceOf(TransitionError);
      const err = e as TransitionError;
      expect(err.from).toBe('received');
      expect(err.action).toBe('submit');
      expect(err.name).toBe('TransitionError');
      expect(err.message).toContain('submit');
    }
  });
});

describe('open / closed', () => {
  it('partitions the statuses', () => {
    expect(STATUSES.filter(isClosed).sort()).toEqual([...CLOSED].sort());
    for (const s of STATUSES) expect(isOpen(s)).toBe(!isClosed(s));
  });
});

describe('labels', () => {
  it('labels every status and action in both languages', () => {
    for (const s of STATUSES) {
      expect(STATUS_LABELS[s].vi.trim(), s).not.toBe('');
      expect(STATUS_LABELS[s].en.trim(), s).not.toBe('');
    }
    for (const a of ACTIONS) {
      expect(ACTION_LABELS[a].vi.trim(), a).not.toBe('');
      expect(ACTION_LABELS[a].en.trim(), a).not.toBe('');
    }
    expect(STATUS_LABELS.received).toEqual({ vi: 'Đã tiếp nhận', en: 'Received' });
  });

  it('shows the submitter one "being handled" status for all internal steps', () => {
    for (const s of ['assigned', 'in_progress', 'drafted', 'awaiting_approval', 'returned'] as const) {
      expect(publicStatus(s)).toMatchObject({ key: 'processing', vi: 'Đang xử lý' });
    }
  });

  it('keeps statuses the submitter must know about distinct', () => {
    expect(publicStatus('awaiting_info').key).toBe('awaiting_info');
    expect(publicStatus('answered').key).toBe('answered');
    expect(publicStatus('refused').key).toBe('refused');
    expect(publicStatus('received')).toEqual({ key: 'received', vi: 'Đã tiếp nhận', en: 'Received' });
    for (const s of STATUSES) {
      const p = publicStatus(s);
      expect(p.vi.trim(), s).not.toBe('');
      expect(p.en.trim(), s).not.toBe('');
    }
  });

  it('never exposes internal review wording publicly', () => {
    const publicTexts = STATUSES.map((s) => publicStatus(s).vi);
    expect(publicTexts).not.toContain(STATUS_LABELS.returned.vi);
    expect(publicTexts).not.toContain(STATUS_LABELS.awaiting_approval.vi);
    expect(publicTexts).not.toContain(STATUS_LABELS.drafted.vi);
  });
});

describe('answerClockApplies', () => {
  it('is false once a PAKN is closed without an answer, true otherwise (answered included)', async () => {
    const { answerClockApplies, STATUSES } = await import('../../app/domain/workflow');
    const without = STATUSES.filter((st) => !answerClockApplies(st));
    expect(without.sort()).toEqual(['closed_no_info', 'duplicate', 'forwarded', 'refused', 'transferred']);
    expect(answerClockApplies('answered')).toBe(true);
    expect(answerClockApplies('awaiting_info')).toBe(true);
  });
});

import { describe, expect, expectTypeOf, it } from 'vitest';

import { WorkflowError, workflowErrorMessage } from '~/domain/workflow/errors';
import {
  intentFormSchema,
  intentPermission,
  INTENTS,
  type IntentWithoutForm,
  isIntent,
  NOTE_MAX,
} from '~/domain/workflow/intents';
import { parseForm, translateMessage } from '~/utils/forms';

const errorsOf = (values: FormData) => {
  const sent = parseForm(values, intentFormSchema);
  return sent.status === 'error' ? (sent.error ?? {}) : null;
};

const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, v);
  return f;
};

describe('staff intents', () => {
  it('knows every workflow action and the extra intents, and nothing else', () => {
    expect(INTENTS).toContain('classify');
    expect(INTENTS).toContain('approve_extension');
    expect(isIntent('assign')).toBe(true);
    expect(isIntent('publish')).toBe(false);
    expect(isIntent(undefined)).toBe(false);
  });

  it('asks a leader to decide on an extension request', () => {
    expect(intentPermission('approve_extension')).toBe('pakn:approve');
    expect(intentPermission('decline_extension')).toBe('pakn:approve');
    expect(intentPermission('extend')).toBe('pakn:extend');
    expect(intentPermission('note')).toBe('pakn:note');
  });

  it('has a form for every intent', () => {
    expectTypeOf<IntentWithoutForm>().toBeNever();
    for (const intent of INTENTS) {
      // the hidden intent picks a form: its own fields may be missing, the intent is never unknown
      expect(errorsOf(form({ intent, version: '1' }))?.intent).toBeUndefined();
    }
  });

  it('parses a valid form into a typed input', () => {
    const sent = parseForm(
      form({ intent: 'refuse', version: '3', reason: 'R02', note: '  Lý do  ' }),
      intentFormSchema,
    );
    expect(sent.status).toBe('success');
    if (sent.status === 'success')
      expect(sent.value).toEqual({ intent: 'refuse', version: 3, reason: 'R02', note: 'Lý do' });
  });

  it('keeps what was typed and names each wrong field with an i18n key', () => {
    const sent = parseForm(
      form({ intent: 'refuse', version: '3', reason: 'R99', note: '' }),
      intentFormSchema,
    );
    expect(sent.status).toBe('error');
    expect(errorsOf(form({ intent: 'refuse', version: '3', reason: 'R99', note: '' }))).toEqual({
      reason: ['staff.errors.invalid'],
      note: ['staff.errors.required'],
    });
    // (conform leaves empty fields out of what it hands back)
    expect(sent.reply().initialValue).toEqual({ intent: 'refuse', version: '3', reason: 'R99' });
  });

  it('asks for a choice left empty, rather than calling it invalid (walk-through: refusal without a reason)', () => {
    expect(errorsOf(form({ intent: 'refuse', version: '3', reason: '', note: 'Ghi chú' }))).toEqual({
      reason: ['staff.errors.choose'],
    });
    expect(errorsOf(form({ intent: 'refuse', version: '3', note: 'Ghi chú' }))).toEqual({
      reason: ['staff.errors.choose'],
    });
    expect(errorsOf(form({ intent: 'draft', version: '3', body: 'Trả lời' }))?.outcome).toEqual([
      'staff.errors.choose',
    ]);
  });

  it('says how long a note may be', () => {
    expect(errorsOf(form({ intent: 'note', note: 'x'.repeat(NOTE_MAX + 1) }))?.note).toEqual([
      `staff.errors.tooLong|${NOTE_MAX}`,
    ]);
  });

  it('refuses a category that does not go with the subject', () => {
    const values = {
      intent: 'classify',
      version: '1',
      type: 'phan_anh',
      subject: 'behaviour',
      category: '3',
    };
    expect(errorsOf(form({ ...values, fieldId: '' }))?.category).toEqual(['staff.errors.categoryMismatch']);
  });

  it("names every wrong value with one of its own keys, never zod's English", () => {
    const cases: Array<Record<string, string | string[]>> = [
      { intent: 'assign', version: '1.5', unitId: 'x' },
      { intent: 'assign', version: ['1', '2'], unitId: '' },
      { intent: 'extend', version: '1', newDate: ['2026-01-01', '2026-01-02'], note: 'n' },
      { intent: 'classify', version: '1', type: 'x', subject: 'y', category: 'z', fieldId: 'abc' },
      { intent: 'nothing', version: '1' },
      { intent: ['note', 'note'], note: 'n' },
    ];
    for (const values of cases) {
      const f = new FormData();
      for (const [k, v] of Object.entries(values)) for (const one of [v].flat()) f.append(k, one);
      const errors = errorsOf(f);
      expect(errors).not.toBeNull();
      for (const messages of Object.values(errors ?? {}))
        for (const m of messages ?? []) expect(m).toMatch(/^(staff|similar)\.errors\./);
    }
  });
});

describe('workflow errors', () => {
  const t = (key: string, opts?: Record<string, unknown>) => `${key}${opts ? JSON.stringify(opts) : ''}`;

  it('translates the action and status it names', () => {
    const err = new WorkflowError(409, 'staff.errors.illegalTransition', {
      action: 'take',
      status: 'received',
    });
    expect(workflowErrorMessage(err, t)).toBe(
      'staff.errors.illegalTransition{"action":"staff.actions.take","status":"staff.status.received"}',
    );
  });

  it('prefixes the code of the item a bulk step failed on', () => {
    const err = new WorkflowError(409, 'staff.errors.stale', { code: 'KHCN-2026-000001' });
    expect(workflowErrorMessage(err, t)).toMatch(/^KHCN-2026-000001: staff.errors.stale/);
  });

  it('their field messages go through the one translator: the |n parameter is offered as max', () => {
    expect(translateMessage(t, 'staff.errors.tooLong|40')).toContain('"max":"40"');
  });
});

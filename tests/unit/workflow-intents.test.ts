import { describe, expect, it } from 'vitest';

import { WorkflowError, workflowErrorMessage } from '~/domain/workflow/errors';
import { intentPermission, INTENTS, isIntent, NOTE_MAX } from '~/domain/workflow/intents';
import { translateMessage } from '~/utils/forms';
import { parseIntentForm } from '~/utils/intent-form';

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

  it('parses a valid form into a typed input', () => {
    const parsed = parseIntentForm('refuse', form({ version: '3', reason: 'R02', note: '  Lý do  ' }));
    expect(parsed).toEqual({
      ok: true,
      input: { intent: 'refuse', version: 3, reason: 'R02', note: 'Lý do' },
    });
  });

  it('keeps what was typed and names each wrong field with an i18n key', () => {
    const parsed = parseIntentForm('refuse', form({ version: '3', reason: 'R99', note: '' }));
    expect(parsed).toEqual({
      ok: false,
      errors: { reason: 'staff.errors.invalid', note: 'staff.errors.required' },
      values: { version: '3', reason: 'R99', note: '' },
    });
  });

  it('says how long a note may be', () => {
    const parsed = parseIntentForm('note', form({ note: 'x'.repeat(NOTE_MAX + 1) }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.note).toBe(`staff.errors.tooLong|${NOTE_MAX}`);
  });

  it('refuses a category that does not go with the subject', () => {
    const parsed = parseIntentForm(
      'classify',
      form({ version: '1', type: 'phan_anh', subject: 'behaviour', category: '3', fieldId: '' }),
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.category).toBe('staff.errors.categoryMismatch');
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

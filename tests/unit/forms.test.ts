// The form pipeline's pure parts: parsing with conform, and one translation of error messages.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import {
  constraintOf,
  parseForm,
  submittedValue,
  submittedValues,
  translateErrors,
  translateMessage,
} from '~/utils/forms';

/** A stand-in t that shows the key and its parameters. */
const t = (key: string, options: Record<string, unknown> = {}) =>
  Object.keys(options).length ? `${key}${JSON.stringify(options)}` : key;

describe('constraintOf', () => {
  it("gives conform's constraints of a schema, worked out once per schema", () => {
    const schema = z.object({ name: z.string().min(2).max(20), note: z.string().optional() });
    const first = constraintOf(schema);
    expect(first).toEqual({
      name: { required: true, minLength: 2, maxLength: 20 },
      note: { required: false },
    });
    expect(constraintOf(schema)).toBe(first);
    expect(constraintOf(z.object({ name: z.string() }))).not.toBe(first);
  });
});

describe('translateMessage', () => {
  it('translates a key under its prefix', () => {
    expect(translateMessage(t, 'fullName', 'privacy.errors.')).toBe('privacy.errors.fullName');
  });
  it('offers a bare parameter as max, min and items', () => {
    expect(translateMessage(t, 'tooLong|200', 'intake.errors.')).toBe(
      'intake.errors.tooLong{"max":"200","min":"200","items":"200"}',
    );
  });
  it('passes named parameters', () => {
    expect(translateMessage(t, 'admin.errors.unitInUse|fields=2|users=0')).toBe(
      'admin.errors.unitInUse{"fields":"2","users":"0"}',
    );
  });
  it('gives i18next a number for count, so it can pick a plural form', () => {
    const seen: unknown[] = [];
    translateMessage((_k, o) => (seen.push(o?.count), ''), 'auth.account.othersRevoked|count=2');
    expect(seen).toEqual([2]);
  });
  it('shows a message the server already translated as it is', () => {
    expect(translateMessage(t, '!Thử lại sau 5 phút.', 'privacy.errors.')).toBe('Thử lại sau 5 phút.');
  });
});

describe('translateErrors', () => {
  it('keeps the first message of each field and orders the summary as the page', () => {
    const { byField, summary } = translateErrors(
      t,
      { email: ['email', 'emailInvalid'], fullName: ['fullName'], kind: null, '': ['!Phiên đã hết hạn'] },
      { prefix: 'p.', order: ['kind', 'fullName', 'email'], ids: { email: 'email-input' } },
    );
    expect(byField).toEqual({ email: 'p.email', fullName: 'p.fullName', '': 'Phiên đã hết hạn' });
    expect(summary).toEqual([
      { id: 'form', message: 'Phiên đã hết hạn' },
      { id: 'fullName', message: 'p.fullName' },
      { id: 'email-input', message: 'p.email' },
    ]);
  });
  it('lists fields missing from the order after the others', () => {
    expect(translateErrors(t, { b: ['x'], a: ['y'] }, { order: ['a'] }).summary.map((s) => s.id)).toEqual([
      'a',
      'b',
    ]);
  });
  it('lists every message of the fields asked for (each rejected file)', () => {
    const { byField, summary } = translateErrors(
      t,
      { files: ['!a.pdf: quá lớn', '!b.exe: không nhận'], x: ['y', 'z'] },
      {
        every: ['files'],
      },
    );
    expect(byField.files).toBe('a.pdf: quá lớn');
    expect(summary.map((s) => s.message)).toEqual(['a.pdf: quá lớn', 'b.exe: không nhận', 'y']);
  });
  it('names the field in the summary when given its label, not beside the field', () => {
    const { byField, summary } = translateErrors(
      t,
      {
        name: ['!Vui lòng nhập thông tin này.'],
        note: ['!Vui lòng nhập thông tin này.'],
        '': ['!Hết phiên'],
      },
      { labels: { name: 'Tên đơn vị', '': 'Biểu mẫu' } },
    );
    expect(byField.name).toBe('Vui lòng nhập thông tin này.');
    expect(summary.map((s) => s.message)).toEqual([
      'Hết phiên',
      'Tên đơn vị: Vui lòng nhập thông tin này.',
      'Vui lòng nhập thông tin này.',
    ]);
  });
  it('has nothing to say about no errors', () => {
    expect(translateErrors(t, undefined)).toEqual({ byField: {}, summary: [] });
  });
});

describe('parseForm', () => {
  const schema = z.object({
    name: z.string({ required_error: 'name' }).min(1, 'name'),
    age: z.coerce.number().int('age'),
    note: z.string().optional(),
  });
  const form = (entries: Array<[string, string]>) => {
    const f = new FormData();
    for (const [k, v] of entries) f.append(k, v);
    return f;
  };
  it('gives the schema the raw strings (no auto-coercion) and returns its output', () => {
    const s = parseForm(
      form([
        ['name', 'Mai'],
        ['age', '30'],
        ['note', ''],
      ]),
      schema,
    );
    expect(s.status).toBe('success');
    expect(s.status === 'success' && s.value).toEqual({ name: 'Mai', age: 30, note: '' });
  });
  it('answers the schema messages and the values to put back', () => {
    const s = parseForm(
      form([
        ['name', ''],
        ['age', '3.5'],
      ]),
      schema,
    );
    expect(s.status).toBe('error');
    const reply = s.reply();
    expect(reply.error).toMatchObject({ name: ['name'], age: ['age'] });
    expect(submittedValue(reply.initialValue, 'age')).toBe('3.5');
  });
  it('reads one or several values of a field', () => {
    const values = { one: 'a', many: ['a', 'b'] };
    expect(submittedValue(values, 'many')).toBe('a');
    expect(submittedValues(values, 'many')).toEqual(['a', 'b']);
    expect(submittedValues(values, 'one')).toEqual(['a']);
    expect(submittedValue(null, 'one')).toBeUndefined();
  });
});

describe('length limits in the messages (walk-through: "Không quá 10000 ký tự" under a hint saying 10.000)', () => {
  it('write the number as the language does', async () => {
    const { getT } = await import('~/utils/i18n.server');
    expect(getT('vi')('intake.errors.tooLong', { max: '10000' })).toBe('Không quá 10.000 ký tự');
    expect(getT('en')('intake.errors.tooLong', { max: '10000' })).toBe('Must be 10,000 characters or fewer');
    expect(getT('vi')('staff.errors.tooLong', { max: 5000 })).toBe('Không quá 5.000 ký tự');
    expect(getT('en')('staff.errors.tooLong', { max: 5000 })).toBe('At most 5,000 characters');
  });
});

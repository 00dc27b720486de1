// The admin forms' schemas and rules (app/domain/admin): messages are i18n keys, values come out clean.
import { describe, expect, it } from 'vitest';

import { AGENCY_FIELDS, agencySchema } from '~/domain/admin/agency';
import { calculatorSchema, officialYearFormSchema, yearOf } from '~/domain/admin/calendar';
import { DEADLINE_KEYS, deadlineRuleSchema } from '~/domain/admin/deadline-rules';
import { keywordSchema, matchesFolded } from '~/domain/admin/keywords';
import { diff, translateError, validate } from '~/domain/admin/outcome';
import { POLICY_SETTINGS, policySchema, totpRolesSchema } from '~/domain/admin/policy';
import { unitSchema } from '~/domain/admin/units';
import { isSettingKey } from '~/domain/settings';
import { parseForm } from '~/utils/forms';

describe('admin form schemas', () => {
  it('cleans a unit and defaults its order; the first message of each field is kept', () => {
    const ok = validate(unitSchema, {
      code: ' tthc ',
      name: 'Văn  phòng',
      nameEn: 'Office',
      email: 'vp@x.vn',
    });
    expect(ok).toEqual({
      ok: true,
      value: {
        code: 'TTHC',
        name: 'Văn phòng',
        nameEn: 'Office',
        email: 'vp@x.vn',
        sortOrder: 0,
        active: false,
      },
    });
    const bad = validate(unitSchema, {
      code: 'a b',
      name: '',
      nameEn: 'x',
      email: 'nope',
      sortOrder: '1000',
    });
    expect(bad).toEqual({
      ok: false,
      errors: {
        code: 'admin.errors.code',
        name: 'admin.errors.required',
        email: 'admin.errors.email',
        sortOrder: 'admin.errors.range|min=0|max=999',
      },
    });
  });

  it('requires a unit for a keyword and refuses a one-letter keyword', () => {
    expect(validate(keywordSchema, { keyword: 'đ', unitId: '' })).toEqual({
      ok: false,
      errors: { keyword: 'admin.errors.keywordShort', unitId: 'admin.errors.required' },
    });
    expect(validate(keywordSchema, { keyword: 'sáng chế', unitId: '2' })).toEqual({
      ok: true,
      value: { keyword: 'sáng chế', unitId: 2 },
    });
  });

  it('compares names without case or diacritics', () => {
    expect(matchesFolded('Sở Tư Pháp', ['sở tư pháp'])).toBe(true);
    expect(matchesFolded('Sở Tư pháp', ['Sở Công Thương'])).toBe(false);
  });

  it('accepts only the known deadline rules', () => {
    expect(DEADLINE_KEYS.length).toBeGreaterThan(0);
    const key = DEADLINE_KEYS[0];
    expect(validate(deadlineRuleSchema, { key, days: '15', unit: 'working', basis: 'Điều 1' }).ok).toBe(true);
    expect(
      validate(deadlineRuleSchema, { key: 'toString', days: '15', unit: 'working', basis: 'x' }),
    ).toEqual({
      ok: false,
      errors: { key: 'admin.errors.invalid' },
    });
  });

  it('binds every policy field to a setting of the typed map, within its range', () => {
    for (const p of POLICY_SETTINGS) expect(isSettingKey(p.key)).toBe(true);
    const input = Object.fromEntries(POLICY_SETTINGS.map((p) => [p.name, String(p.min)]));
    expect(validate(policySchema, input).ok).toBe(true);
    expect(validate(policySchema, { ...input, reportCutoffDay: '29' })).toEqual({
      ok: false,
      errors: { reportCutoffDay: 'admin.errors.range|min=1|max=28' },
    });
  });

  it('keeps the TOTP roles in the roles order and refuses an unknown one', () => {
    expect(validate(totpRolesSchema, { roles: ['approver', 'admin'] })).toEqual({
      ok: true,
      value: { roles: ['admin', 'approver'] },
    });
    expect(validate(totpRolesSchema, {})).toEqual({ ok: true, value: { roles: [] } });
    expect(validate(totpRolesSchema, { roles: ['root'] }).ok).toBe(false);
  });

  it('lists on the agency page exactly the fields of the agency schema', () => {
    expect(AGENCY_FIELDS.map((f) => f.name).sort()).toEqual(Object.keys(agencySchema.shape).sort());
  });

  it('checks the calculator and reads a year from a query', () => {
    expect(validate(calculatorSchema, { start: '2026-02-30', days: '5', unit: 'working' })).toEqual({
      ok: false,
      errors: { start: 'admin.errors.date' },
    });
    expect(yearOf('2027', 2026)).toBe(2027);
    expect(yearOf('1999', 2026)).toBe(2026);
    expect(yearOf(null, 2026)).toBe(2026);
  });

  it('reads the record of an official year from the form: a year of 2000–2100 and the notice it comes from', () => {
    const form = (year: string, reference: string) => {
      const f = new FormData();
      f.set('year', year);
      f.set('reference', reference);
      return f;
    };
    const ok = parseForm(form('2027', '  Thông báo số 1/TB-BNV '), officialYearFormSchema);
    expect(ok.status === 'success' && ok.value).toEqual({ year: 2027, reference: 'Thông báo số 1/TB-BNV' });
    expect(parseForm(form('2027', '  '), officialYearFormSchema).reply().error).toEqual({
      reference: ['admin.errors.required'],
    });
    expect(parseForm(form('1999', 'x'), officialYearFormSchema).reply().error).toEqual({
      year: ['admin.errors.invalid'],
    });
  });

  it('translates a message with its parameters and lists what changed', () => {
    const t = ((key: string, options?: Record<string, string>) =>
      `${key}:${JSON.stringify(options ?? {})}`) as never;
    expect(translateError(t, 'admin.errors.range|min=1|max=28')).toBe(
      'admin.errors.range:{"min":"1","max":"28"}',
    );
    expect(diff({ a: 1, b: 2 }, { a: 1, b: 3 })).toEqual({ b: { from: 2, to: 3 } });
  });
});

import { describe, expect, it } from 'vitest';

import { documentNumbersSchema as documentNumberSettingsSchema } from '~/domain/admin/policy';

describe('the document number settings form', () => {
  it('takes ASCII letters and digits, trimmed and in upper case', () => {
    expect(
      documentNumberSettingsSchema.parse({ agencyAbbreviation: ' skhcn ', draftingUnit: 'tthc2' }),
    ).toEqual({
      agencyAbbreviation: 'SKHCN',
      draftingUnit: 'TTHC2',
    });
  });

  it('refuses an empty, missing or non-ASCII abbreviation with a key per field', () => {
    const r = documentNumberSettingsSchema.safeParse({ agencyAbbreviation: 'SỞ KH', draftingUnit: ' ' });
    expect(r.success).toBe(false);
    // the first message of each field, as the settings page shows it
    const byField: Record<string, string> = {};
    for (const i of r.error!.issues) byField[String(i.path[0])] ??= i.message;
    expect(byField).toEqual({
      agencyAbbreviation: 'admin.errors.abbreviation',
      draftingUnit: 'admin.errors.required',
    });
    const missing = documentNumberSettingsSchema.safeParse({});
    expect(missing.error!.issues.map((i) => i.message)).toEqual([
      'admin.errors.required',
      'admin.errors.required',
    ]);
  });
});

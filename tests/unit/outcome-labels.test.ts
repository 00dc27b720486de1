// One wording per outcome of an answer, from one place in the locales (`outcome.*`), used by the staff form and
// record page, the public answer page, the publication check and the answer e-mail; the reply letter says the same.
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { OUTCOME_TEXT, OUTCOMES } from '~/domain/document-templates';
import en from '~/locales/en';
import vi from '~/locales/vi';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

describe('outcome labels', () => {
  it('live in one place per language, with every outcome', () => {
    for (const res of [vi, en]) {
      const r = res as Record<string, unknown>;
      expect(Object.keys(r.outcome as object).sort()).toEqual([...OUTCOMES].sort());
      for (const ns of ['email', 'pub', 'staff']) {
        expect((r[ns] as Record<string, unknown>).outcome, ns).toBeUndefined();
      }
    }
  });

  it('are what every screen and e-mail shows', () => {
    const sources = [...files('app'), ...files('emails')].filter(
      (f) => !f.includes(`${path.sep}locales${path.sep}`),
    );
    const offenders = sources.filter((f) => /(email|pub|staff)\.outcome\./.test(fs.readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
    const users = sources.filter((f) => /[`'"]outcome\.\$\{/.test(fs.readFileSync(f, 'utf8')));
    expect(users.map((f) => path.basename(f)).sort()).toEqual(
      [
        'record-summary.tsx',
        'publication-status.tsx',
        'cong-khai.$code.tsx',
        'notifications.server.ts',
        'staff-action-forms.tsx',
      ].sort(),
    );
  });

  it('the reply letter says the same in Vietnamese', () => {
    for (const o of OUTCOMES) {
      const label = vi.outcome[o];
      expect(OUTCOME_TEXT[o]).toBe(label.charAt(0).toLocaleLowerCase('vi') + label.slice(1));
    }
  });
});

import { describe, expect, it } from 'vitest';

import { parseHideAllIntent, redactAllOfKind } from '~/domain/redaction-decisions';

describe('hide all of a kind', () => {
  it('parses the button value', () => {
    expect(parseHideAllIntent('hideAll:phone')).toBe('phone');
    expect(parseHideAllIntent('hideAll:national_id')).toBe('national_id');
    expect(parseHideAllIntent('hideAll:toString')).toBe('unknown');
    expect(parseHideAllIntent('check')).toBeNull();
  });

  it('redacts every flag of the kind, keeps other kinds and a dismissal with its reason', () => {
    const groups = [
      { key: 'a', kind: 'phone' as const },
      { key: 'b', kind: 'phone' as const },
      { key: 'c', kind: 'phone' as const },
      { key: 'd', kind: 'email' as const },
    ];
    const out = redactAllOfKind(
      { title: 'x', d_a: 'dismiss', r_a: 'số cơ quan', d_b: 'dismiss', r_b: ' ' },
      groups,
      'phone',
    );
    expect(out).toEqual({
      title: 'x',
      d_a: 'dismiss',
      r_a: 'số cơ quan',
      d_b: 'redact',
      r_b: ' ',
      d_c: 'redact',
    });
  });
});

// The administrator's staff-account forms (app/domain/admin/users) read a posted form the way the pages
// always did: the first value of each field, trimmed and cut; a ticked box is true; nothing is refused.
import { describe, expect, it } from 'vitest';

import { editUserFormSchema, newUserFormSchema } from '~/domain/admin/users';
import { parseForm } from '~/utils/forms';

function form(entries: Array<[string, string]>) {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

describe('staff account forms', () => {
  it('reads a new account: trimmed, first value, cut to length, empty when missing', () => {
    const r = parseForm(
      form([
        ['email', '  an@example.vn '],
        ['name', 'Nguyễn  An'],
        ['name', 'ignored'],
        ['role', 'handler'],
      ]),
      newUserFormSchema,
    );
    expect(r.status === 'success' && r.value).toEqual({
      email: 'an@example.vn',
      name: 'Nguyễn  An',
      role: 'handler',
      unit: '',
    });
    const long = parseForm(form([['name', 'x'.repeat(300)]]), newUserFormSchema);
    expect(long.status === 'success' && long.value.name.length).toBe(200);
  });

  it('reads an edit: the active box is true when sent, false when not', () => {
    const on = parseForm(form([['active', 'on']]), editUserFormSchema);
    const off = parseForm(form([['name', 'An']]), editUserFormSchema);
    expect(on.status === 'success' && on.value.active).toBe(true);
    expect(off.status === 'success' && off.value).toEqual({ name: 'An', role: '', unit: '', active: false });
  });
});

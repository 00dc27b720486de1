// The administrator's staff-account forms (app/domain/admin/users): the first value of each field, trimmed;
// what can be checked without the database is refused with the auth.users.* messages the pages show (in
// the browser with JavaScript, by the route without it).
import { describe, expect, it } from 'vitest';

import { editUserFormSchema, newUserFormSchema } from '~/domain/admin/users';
import { parseForm } from '~/utils/forms';

function form(entries: Array<[string, string]>) {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

describe('staff account forms', () => {
  it('reads a new account: trimmed, first value, empty when missing', () => {
    const r = parseForm(
      form([
        ['email', '  an@example.vn '],
        ['name', 'Nguyễn  An'],
        ['name', 'ignored'],
        ['role', 'handler'],
        ['unit', 'QLKHCN'],
      ]),
      newUserFormSchema,
    );
    expect(r.status === 'success' && r.value).toEqual({
      email: 'an@example.vn',
      name: 'Nguyễn  An',
      role: 'handler',
      unit: 'QLKHCN',
    });
  });

  it('refuses every problem it can see at once, each with its message', () => {
    const r = parseForm(
      form([
        ['name', 'x'.repeat(121)],
        ['role', 'handler'],
        ['email', 'khong-phai-thu'],
      ]),
      newUserFormSchema,
    );
    expect(r.reply().error).toEqual({
      email: ['auth.users.emailInvalid'],
      name: ['auth.users.nameTooLong'],
      unit: ['auth.users.unitRequired'],
    });
    const empty = parseForm(
      form([
        ['unit', 'QLKHCN'],
        ['role', 'admin'],
      ]),
      newUserFormSchema,
    );
    expect(empty.reply().error).toEqual({
      email: ['auth.users.emailRequired'],
      name: ['auth.users.nameRequired'],
      unit: ['auth.users.unitNotAllowed'],
    });
    expect(parseForm(form([['role', 'superuser']]), editUserFormSchema).reply().error).toMatchObject({
      role: ['auth.users.roleUnknown'],
    });
  });

  it('reads an edit: the active box is true when sent, false when not', () => {
    const base: Array<[string, string]> = [
      ['name', 'An'],
      ['role', 'coordinator'],
    ];
    const on = parseForm(form([...base, ['active', 'on']]), editUserFormSchema);
    const off = parseForm(form(base), editUserFormSchema);
    expect(on.status === 'success' && on.value.active).toBe(true);
    expect(off.status === 'success' && off.value).toEqual({
      name: 'An',
      role: 'coordinator',
      unit: '',
      active: false,
    });
  });
});

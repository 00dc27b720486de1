// The administrator's forms of a staff account. They only read what was sent (the first value of each
// field, trimmed and cut to length): the rules (an address already taken, a unit that fits the role, the
// last administrator) need the database and are checked by the model and the route, with the
// auth.users.* messages.
import { z } from 'zod';

const text = (max?: number) =>
  z.unknown().transform((v) => {
    const first: unknown = Array.isArray(v) ? v[0] : v;
    const value = typeof first === 'string' ? first : '';
    return max === undefined ? value : value.trim().slice(0, max);
  });

export const newUserFormSchema = z.object({
  email: text(254),
  name: text(200),
  role: text(),
  unit: text(),
});

export const editUserFormSchema = z.object({
  name: text(200),
  role: text(),
  unit: text(),
  /** a ticked box is sent, an unticked one is not */
  active: z.unknown().transform((v) => v !== undefined),
});

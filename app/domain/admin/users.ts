// The administrator's forms of a staff account, checked in the browser and by the route alike: an address,
// a name, a known role and a unit that fits it (a handler belongs to one; only handlers and approvers may).
// What needs the database (an address already taken, a unit code that exists, the last administrator) is
// checked by the model and the route, with the same auth.users.* messages.
import { z } from 'zod';

import { isRole, type Role } from '~/domain/permissions';

/** The message of a problem: its auth.users.* key. */
export const userProblem = (problem: string) => `auth.users.${problem}`;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The first value of a field, as text ('' when none). */
const read = z.unknown().transform((v) => {
  const first: unknown = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.trim() : '';
});

type Issue = (path: string, problem: string) => void;

function checkName(name: string, issue: Issue) {
  if (!name) issue('name', 'nameRequired');
  else if (name.length > 120) issue('name', 'nameTooLong');
}

function checkRoleAndUnit(role: string, unit: string, issue: Issue) {
  if (!isRole(role)) return issue('role', 'roleUnknown');
  if (role === 'handler' && !unit) issue('unit', 'unitRequired');
  else if (unit && role !== 'handler' && role !== 'approver') issue('unit', 'unitNotAllowed');
}

const issues =
  (ctx: z.RefinementCtx): Issue =>
  (path, problem) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message: userProblem(problem) });

/** The role of a form that passed its checks (z.NEVER stops the transform of one that did not). */
const role = (value: string): Role => (isRole(value) ? value : z.NEVER);

export const newUserFormSchema = z
  .object({ email: read, name: read, role: read, unit: read })
  .superRefine((v, ctx) => {
    const issue = issues(ctx);
    if (!v.email) issue('email', 'emailRequired');
    else if (v.email.length > 254 || !EMAIL_RE.test(v.email)) issue('email', 'emailInvalid');
    checkName(v.name, issue);
    checkRoleAndUnit(v.role, v.unit, issue);
  })
  .transform((v) => ({ ...v, role: role(v.role) }));

export const editUserFormSchema = z
  .object({
    name: read,
    role: read,
    unit: read,
    /** a ticked box is sent, an unticked one is not */
    active: z.unknown().transform((v) => v !== undefined),
  })
  .superRefine((v, ctx) => {
    const issue = issues(ctx);
    checkName(v.name, issue);
    checkRoleAndUnit(v.role, v.unit, issue);
  })
  .transform((v) => ({ ...v, role: role(v.role) }));

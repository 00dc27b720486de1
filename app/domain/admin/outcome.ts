// What an admin edit returns: the value, or field → message where a message is an i18n key optionally followed
// by `|name=value` parameters (translated where shown).
import type { TFunction } from 'i18next';
import type { z } from 'zod';

export type Actor = { userId: number; ip?: string };
/** field name → message: an i18n key, optionally followed by `|name=value` parameters */
export type FieldErrors = Record<string, string>;
export type Outcome<T = null> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function fail(errors: FieldErrors): { ok: false; errors: FieldErrors } {
  return { ok: false, errors };
}

/** The first message of each field (`form` for an issue that names none). */
export function validate<S extends z.ZodTypeAny>(schema: S, input: unknown): Outcome<z.output<S>> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return fail(errors);
}

/** field → { from, to } for the fields of `after` that differ from `before` (the audit detail of an edit). */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) changed[k] = { from: before[k], to: v };
  return changed;
}

/** A model's messages as a form submission's field errors (conform's `reply({ fieldErrors })`). */
export function modelErrors(errors: FieldErrors): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(errors).map(([name, message]) => [name === 'form' ? '' : name, [message]]),
  );
}

export function translateError(t: TFunction, message: string): string {
  const [key = 'admin.errors.invalid', ...params] = message.split('|');
  const options = Object.fromEntries(
    params.map((p) => {
      const [name = '', value = ''] = p.split('=');
      return [name, value];
    }),
  );
  return t(key, options);
}

export function translateErrors(t: TFunction, errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, m]) => [k, translateError(t, m)]));
}

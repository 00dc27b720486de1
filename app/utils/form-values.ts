// A posted form as plain values, for re-showing what was typed and for zod. One helper for the admin pages.

/** The string fields of a posted form; a repeated name keeps its last value except for the names in `lists`. */
export function formToValues(form: FormData, lists: string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
    out[key] = lists.includes(key) ? all : (all[all.length - 1] ?? '');
  }
  return out;
}

/** The single-valued fields of `formToValues`. */
export function formToStrings(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(formToValues(form)))
    if (typeof value === 'string') out[key] = value;
  return out;
}

/** A positive integer id from a form or query value, else null. */
export function parseId(value: unknown): number | null {
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : null;
}

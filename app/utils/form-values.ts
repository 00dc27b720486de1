// Reading ids from forms and query strings. (Forms themselves are parsed with parseForm, ~/utils/forms.)

/** A positive integer id from a form or query value, else null. */
export function parseId(value: unknown): number | null {
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : null;
}

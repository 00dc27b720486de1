// The one form pipeline, shared by the server (actions) and the browser (useForm's onValidate): a form is
// parsed with its zod schema through conform, and a submission's errors — translation keys — become the
// messages of the error summary and of the fields. Reference use: app/routes/quyen-rieng-tu.tsx.
import type { Submission } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod';
import { z } from 'zod';

/**
 * Parses a form with its schema. Auto-coercion is off everywhere: the schema sees the raw strings the
 * browser sent ('' stays '', numbers stay text) and decides itself (`z.coerce`, `.transform`), so the
 * browser and the server read a form the same way.
 */
export function parseForm<Schema extends z.ZodTypeAny>(form: FormData | URLSearchParams, schema: Schema) {
  return parseWithZod(form, { schema, disableAutoCoercion: true });
}

const constraints = new WeakMap<z.ZodTypeAny, ReturnType<typeof getZodConstraint>>();

/**
 * The HTML constraints (required, minLength, pattern…) of a schema, computed once per schema: conform walks the
 * whole schema each time, and a staff page renders a dozen forms (5 % of the server's time in the hostile-input
 * sweep went there, docs/testing.md).
 */
export function constraintOf(schema: z.ZodTypeAny): ReturnType<typeof getZodConstraint> {
  let found = constraints.get(schema);
  if (!found) {
    found = getZodConstraint(schema);
    constraints.set(schema, found);
  }
  return found;
}

/**
 * A submission's answer with the messages a model found (field → one message, in the encoding below) beside
 * their fields, after those of the schema.
 */
export function replyWithErrors(submission: Submission<unknown>, fieldErrors: Record<string, string>) {
  return submission.reply({
    fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [k, [v]])),
  });
}

/** Any translation function: i18next's `t` on the server, react-i18next's in components. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A field's message, for the error summary: `id` is the id of the element it links to. */
export type FieldMessage = { id: string; message: string };

/**
 * Turns one error message into text. The encoding (decided once for the whole app):
 * - `'!text'`: already translated by the server (e.g. a rate-limit message with minutes), shown as is;
 * - `'key'`: a translation key, under `prefix` when one is given (e.g. prefix `intake.errors.`);
 * - `'key|name=value|…'`: a key with named parameters for interpolation (`count` as a number);
 * - `'key|value'`: a key with one bare parameter, offered as `{{max}}`, `{{min}}` and `{{items}}` (the
 *   length limits and item lists of the older schemas).
 * `known` adds parameters the page knows itself (the e-mail of the account it shows).
 */
export function translateMessage(
  t: Translate,
  message: string,
  prefix = '',
  known: Record<string, string> = {},
): string {
  if (message.startsWith('!')) return message.slice(1);
  const [key = 'invalid', ...parts] = message.split('|');
  const params: Record<string, string> = { ...known };
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq > 0) params[part.slice(0, eq)] = part.slice(eq + 1);
    else Object.assign(params, { max: part, min: part, items: part });
  }
  // i18next picks plural forms from a number only
  const count = Number(params.count);
  if (params.count !== undefined && Number.isFinite(count)) return t(`${prefix}${key}`, { ...params, count });
  return t(`${prefix}${key}`, params);
}

export type TranslatedErrors = {
  /** the first message of each field (and of the form itself under '') */
  byField: Record<string, string>;
  /** the error summary: form-level messages first, then fields in `order` (then any other field) */
  summary: FieldMessage[];
};

/**
 * A submission's errors (conform's `reply().error` or useForm's `form.allErrors`) → translated messages.
 * `order` lists the fields as they appear on the page; `ids` maps a field name to the id its summary
 * link points at when it is not the name itself (a form-level error links to `formId`, default 'form').
 */
export function translateErrors(
  t: Translate,
  errors: Record<string, readonly string[] | null | undefined> | null | undefined,
  options: {
    prefix?: string;
    order?: readonly string[];
    ids?: Record<string, string>;
    formId?: string;
    /** fields whose every message goes in the summary (one per rejected file), not just the first */
    every?: readonly string[];
    /**
     * field labels, for forms whose messages do not name their field ("Enter this information."): the summary
     * then says "Label: message", as several fields may have the same message
     */
    labels?: Record<string, string>;
  } = {},
): TranslatedErrors {
  const { prefix = '', order = [], ids = {}, formId = 'form', every = [], labels = {} } = options;
  const byField: Record<string, string> = {};
  for (const [name, messages] of Object.entries(errors ?? {})) {
    const first = messages?.[0];
    if (first) byField[name] = translateMessage(t, first, prefix);
  }
  const names = [
    ...(byField[''] !== undefined ? [''] : []),
    ...order.filter((n) => n !== '' && byField[n] !== undefined),
    ...Object.keys(byField).filter((n) => n !== '' && !order.includes(n)),
  ];
  const summary = names.flatMap((name) => {
    const id = ids[name] ?? (name === '' ? formId : name);
    const all = every.includes(name) ? (errors?.[name] ?? []) : [];
    const label = name === '' ? undefined : labels[name];
    const named = (message: string) => (label ? `${label}: ${message}` : message);
    return all.length > 1
      ? all.map((m) => ({ id, message: named(translateMessage(t, m, prefix)) }))
      : [{ id, message: named(byField[name] ?? '') }];
  });
  return { byField, summary };
}

/** A submitted value to put back in a field (conform's `reply().initialValue` or `form.initialValue`). */
export function submittedValue(values: unknown, name: string): string | undefined {
  if (typeof values !== 'object' || values === null) return undefined;
  const v: unknown = (values as Record<string, unknown>)[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.find((x): x is string => typeof x === 'string');
  return undefined;
}

/** All submitted values of a multi-value field (checkboxes). */
export function submittedValues(values: unknown, name: string): string[] {
  if (typeof values !== 'object' || values === null) return [];
  const v: unknown = (values as Record<string, unknown>)[name];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/**
 * The text fields of a form (the first value of each name), as the user typed them: for a page whose fields
 * are not known in advance (the publication review's per-flag decisions).
 */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string' && !(k in values)) values[k] = v;
  return values;
}

/** Which form of a page with several was sent (its hidden `intent`), or null. */
export function sentIntent<K extends string>(form: FormData, intents: readonly [K, ...K[]]): K | null {
  const sent = parseForm(form, z.object({ intent: z.string() }));
  const intent = sent.status === 'success' ? sent.value.intent : null;
  return intents.find((i) => i === intent) ?? null;
}

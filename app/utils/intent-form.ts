// The staff record page's intent forms through the form pipeline: the intent's schema (app/domain/workflow/intents.ts)
// parsed with conform, zod's own English texts read as "required", and the typed values kept for the answer.
import { type Intent, INTENT_SCHEMAS, type IntentInput, REQUIRED } from '~/domain/workflow/intents';
import { parseForm } from '~/utils/forms';

export type ParsedIntent =
  | { ok: true; input: IntentInput }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** The text fields of a form (the first value of each name), as the user typed them. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string' && !(k in values)) values[k] = v;
  return values;
}

/** Parses an intent's form through the form pipeline (conform, the same schema as the browser). */
export function parseIntentForm(intent: Intent, form: FormData): ParsedIntent {
  const submission = parseForm(form, INTENT_SCHEMAS[intent]);
  if (submission.status === 'success')
    return { ok: true, input: { intent, ...submission.value } as IntentInput };
  const errors: Record<string, string> = {};
  for (const [key, messages] of Object.entries(submission.error ?? {})) {
    const message = messages?.[0];
    // zod's own English texts (a field missing altogether) read as "required"
    if (message)
      errors[key || 'intent'] = message === 'Required' || message.startsWith('Expected') ? REQUIRED : message;
  }
  return { ok: false, errors, values: formValues(form) };
}

// What staff may post on a record page: the workflow actions plus classification, notes and extensions,
// each with the zod schema of its form and the permission it needs. Pure: the transactions that carry
// an intent out are in app/models/workflow/.
import { z } from 'zod';

import { categoriesFor, type Category, OUTCOMES, PAKN_TYPES, REFUSAL_REASONS, SUBJECTS } from '~/domain/pakn';
import { ACTION_PERMISSION, type Permission } from '~/domain/permissions';
import { cleanText } from '~/domain/text';

import { type Action, ACTIONS, isAction } from './transitions';

export const EXTRA_INTENTS = [
  'classify',
  'note',
  'extend',
  'approve_extension',
  'decline_extension',
  'group',
  'ungroup',
] as const;
export type Intent = Action | (typeof EXTRA_INTENTS)[number];
export const INTENTS: readonly Intent[] = [...ACTIONS, ...EXTRA_INTENTS];
export const NOTE_MAX = 5000;
export const BODY_MAX = 20000;

export function isIntent(value: unknown): value is Intent {
  return isAction(value) || (EXTRA_INTENTS as readonly unknown[]).includes(value);
}

export function intentPermission(intent: Intent): Permission {
  if (intent === 'classify') return 'pakn:classify';
  if (intent === 'note') return 'pakn:note';
  if (intent === 'extend') return 'pakn:extend';
  // grouping decides who answers what, as routing does (issue #15)
  if (intent === 'group' || intent === 'ungroup') return 'pakn:assign';
  // deciding on an extension request is a leader's decision, like signing the answer
  if (intent === 'approve_extension' || intent === 'decline_extension') return 'pakn:approve';
  return ACTION_PERMISSION[intent];
}

// ---------- the form schemas ----------

export const REQUIRED = 'staff.errors.required';
export const INVALID = 'staff.errors.invalid';
/** a list left at its empty option: ask for a choice (a value not in the list is INVALID, a forged post) */
export const CHOOSE = 'staff.errors.choose';
const text = (max: number) =>
  z
    .string({ invalid_type_error: INVALID })
    .optional()
    .transform((v) => cleanText(v ?? ''))
    .pipe(z.string().max(max, `staff.errors.tooLong|${max}`));
const requiredText = (max: number) => text(max).pipe(z.string().min(1, REQUIRED));
const id = z.coerce.number({ invalid_type_error: INVALID }).int(INVALID).positive(INVALID);
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    errorMap: (_issue, ctx) => ({ message: ctx.data === undefined || ctx.data === '' ? CHOOSE : INVALID }),
  });
const base = {
  version: z.coerce
    .number({ invalid_type_error: 'staff.errors.version' })
    .int('staff.errors.version')
    .positive('staff.errors.version'),
};
/** One intent's form: the hidden `intent` that names it, and its fields. */
const form = <K extends Intent, Shape extends z.ZodRawShape>(intent: K, shape: Shape) =>
  z.object({ intent: z.literal(intent), ...shape });
const noteOnly = { ...base, note: requiredText(NOTE_MAX) };
const draft = { ...base, body: requiredText(BODY_MAX), outcome: choice(OUTCOMES) };

/** The rules across fields of one form, checked once its fields are each valid. */
function crossFieldRules(v: IntentInput, ctx: z.RefinementCtx) {
  if (v.intent === 'classify' && !categoriesFor(v.subject).some((c: Category) => c === v.category))
    ctx.addIssue({ code: 'custom', path: ['category'], message: 'staff.errors.categoryMismatch' });
  if (v.intent === 'refuse' && v.repeatOf && v.reason !== 'R08')
    ctx.addIssue({ code: 'custom', path: ['repeatOf'], message: 'similar.errors.repeatNeedsR08' });
}

const INTENT_FORMS = z.discriminatedUnion(
  'intent',
  [
    form('classify', {
      ...base,
      type: choice(PAKN_TYPES),
      subject: choice(SUBJECTS),
      category: z.coerce.number({ invalid_type_error: INVALID }).int(INVALID),
      fieldId: z
        .union([z.literal('').transform(() => null), id], { errorMap: () => ({ message: INVALID }) })
        .optional()
        .transform((v) => v ?? null),
    }),
    form('note', { note: requiredText(NOTE_MAX) }),
    form('extend', {
      ...base,
      newDate: z
        .string({ required_error: REQUIRED, invalid_type_error: INVALID })
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'staff.errors.date'),
      note: requiredText(NOTE_MAX),
    }),
    form('approve_extension', base),
    form('decline_extension', noteOnly),
    form('assign', { ...base, unitId: id }),
    form('reassign', { ...base, unitId: id, note: requiredText(NOTE_MAX) }),
    form('refuse', {
      ...base,
      reason: choice(REFUSAL_REASONS),
      note: requiredText(NOTE_MAX),
      /** R08 as a repeat: the code of the earlier, answered PAKN whose answer is linked in the notice */
      repeatOf: text(40).transform((v) => v || undefined),
    }),
    form('transfer', { ...base, agencyId: id, note: requiredText(NOTE_MAX) }),
    form('forward', noteOnly),
    form('mark_duplicate', { ...base, duplicateOf: requiredText(40), note: requiredText(NOTE_MAX) }),
    form('take', base),
    form('request_info', noteOnly),
    form('receive_info', base),
    form('close_no_info', base),
    form('draft', draft),
    form('edit_draft', draft),
    form('submit', base),
    // the approval is the signature; a comment would be shown to the submitter, so it goes in a note instead
    form('approve', base),
    form('return', noteOnly),
    form('keep_studying', noteOnly),
    form('resume_study', base),
    form('reopen', noteOnly),
    /** the code of the PAKN joining this one's group (a new group led by this one when it has none) */
    form('group', { ...base, code: requiredText(40) }),
    /** the member leaving the group; the lead leaving dissolves it */
    form('ungroup', { ...base, code: requiredText(40) }),
  ],
  { errorMap: () => ({ message: 'staff.errors.unknownIntent' }) },
);

/**
 * Every form of the record page's actions: the hidden `intent` picks the fields. The browser (usePaknForm)
 * and the action (parseForm) check a post with this one schema.
 */
export const intentFormSchema = INTENT_FORMS.superRefine(crossFieldRules);

/** A validated intent: its name and its parsed fields. */
export type IntentInput = z.output<typeof INTENT_FORMS>;
/** The validated fields of one intent. */
export type InputOf<K extends Intent> = Extract<IntentInput, { intent: K }>;
/** "Add files (scans)" on the record page: the files themselves are checked as they are stored. */
export const addFilesSchema = z.object({
  intent: z.literal('add_files', { errorMap: () => ({ message: 'staff.errors.unknownIntent' }) }),
});

/** Intents without a form in the schema: none (tests/unit/workflow-intents.test.ts checks it is `never`). */
export type IntentWithoutForm = Exclude<Intent, IntentInput['intent']>;

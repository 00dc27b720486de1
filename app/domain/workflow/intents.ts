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
const text = (max: number) =>
  z
    .string({ invalid_type_error: INVALID })
    .optional()
    .transform((v) => cleanText(v ?? ''))
    .pipe(z.string().max(max, `staff.errors.tooLong|${max}`));
const requiredText = (max: number) => text(max).pipe(z.string().min(1, REQUIRED));
const id = z.coerce.number({ invalid_type_error: INVALID }).int(INVALID).positive(INVALID);
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: () => ({ message: INVALID }) });
const base = {
  version: z.coerce
    .number({ invalid_type_error: 'staff.errors.version' })
    .int()
    .positive('staff.errors.version'),
};
const noteOnly = z.object({ ...base, note: requiredText(NOTE_MAX) });
const empty = z.object({ ...base });
const draft = z.object({ ...base, body: requiredText(BODY_MAX), outcome: choice(OUTCOMES) });

export const INTENT_SCHEMAS = {
  classify: z
    .object({
      ...base,
      type: choice(PAKN_TYPES),
      subject: choice(SUBJECTS),
      category: z.coerce.number({ invalid_type_error: INVALID }).int(INVALID),
      fieldId: z
        .union([z.literal('').transform(() => null), id])
        .optional()
        .transform((v) => v ?? null),
    })
    .superRefine((v, ctx) => {
      if (!categoriesFor(v.subject).some((c: Category) => c === v.category)) {
        ctx.addIssue({ code: 'custom', path: ['category'], message: 'staff.errors.categoryMismatch' });
      }
    }),
  note: z.object({ note: requiredText(NOTE_MAX) }),
  extend: z.object({
    ...base,
    newDate: z.string({ required_error: REQUIRED }).regex(/^\d{4}-\d{2}-\d{2}$/, 'staff.errors.date'),
    note: requiredText(NOTE_MAX),
  }),
  approve_extension: empty,
  decline_extension: noteOnly,
  assign: z.object({ ...base, unitId: id }),
  reassign: z.object({ ...base, unitId: id, note: requiredText(NOTE_MAX) }),
  refuse: z
    .object({
      ...base,
      reason: choice(REFUSAL_REASONS),
      note: requiredText(NOTE_MAX),
      /** R08 as a repeat: the code of the earlier, answered PAKN whose answer is linked in the notice */
      repeatOf: text(40).transform((v) => v || undefined),
    })
    .superRefine((v, ctx) => {
      if (v.repeatOf && v.reason !== 'R08') {
        ctx.addIssue({ code: 'custom', path: ['repeatOf'], message: 'similar.errors.repeatNeedsR08' });
      }
    }),
  transfer: z.object({ ...base, agencyId: id, note: requiredText(NOTE_MAX) }),
  forward: noteOnly,
  mark_duplicate: z.object({ ...base, duplicateOf: requiredText(40), note: requiredText(NOTE_MAX) }),
  take: empty,
  request_info: noteOnly,
  receive_info: empty,
  close_no_info: empty,
  draft,
  edit_draft: draft,
  submit: empty,
  // the approval is the signature; a comment would be shown to the submitter, so it goes in a note instead
  approve: empty,
  return: noteOnly,
  keep_studying: noteOnly,
  resume_study: empty,
  reopen: noteOnly,
  /** the code of the PAKN joining this one's group (a new group led by this one when it has none) */
  group: z.object({ ...base, code: requiredText(40) }),
  /** the member leaving the group; the lead leaving dissolves it */
  ungroup: z.object({ ...base, code: requiredText(40) }),
} satisfies Record<Intent, z.ZodTypeAny>;

/** A validated intent: its name and its parsed fields. */
export type IntentInput = { [K in Intent]: { intent: K } & z.output<(typeof INTENT_SCHEMAS)[K]> }[Intent];
/** The validated fields of one intent. */
export type InputOf<K extends Intent> = Extract<IntentInput, { intent: K }>;

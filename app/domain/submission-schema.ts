// What a citizen's online PAKN must contain (spec §3). Messages are i18n keys under intake.errors.
import { z } from 'zod';

import {
  CATEGORIES,
  categoriesFor,
  categoriesForChoice,
  type Category,
  PAKN_TYPES,
  SUBJECTS,
  SUBMITTER_KINDS,
} from './pakn';
import { cleanLine, cleanText, normalisePhone } from './text';

export const LIMITS = {
  orgName: 200,
  representative: 120,
  fullName: 120,
  address: 300,
  email: 254,
  phone: 30,
  titleMin: 10,
  title: 200,
  contentMin: 30,
  content: 10_000,
  regulationRef: 500,
} as const;

/** A field (lĩnh vực) id, or 'unknown' when the sender does not know it. */
export const FIELD_CHOICE = /^(unknown|\d{1,6})$/;

const line = (max: number, requiredKey: string) =>
  z
    .string({ required_error: requiredKey, invalid_type_error: 'invalid' })
    .transform(cleanLine)
    .pipe(z.string().min(1, requiredKey).max(max, `tooLong|${max}`));

const optionalLine = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? cleanLine(v) : ''))
    .pipe(z.string().max(max, `tooLong|${max}`));

const choice = <T extends readonly [string, ...string[]]>(values: T, key: string) =>
  z.enum(values, { errorMap: () => ({ message: key }) });

export const submissionSchema = z
  .object({
    type: choice(PAKN_TYPES, 'type'),
    subject: choice(SUBJECTS, 'subject'),
    category: z.coerce
      .number({ required_error: 'category', invalid_type_error: 'category' })
      .int('category')
      .refine((n): n is Category => (CATEGORIES as readonly number[]).includes(n), 'category'),
    submitterKind: choice(SUBMITTER_KINDS, 'submitterKind'),
    orgName: optionalLine(LIMITS.orgName),
    representative: optionalLine(LIMITS.representative),
    fullName: line(LIMITS.fullName, 'fullName'),
    address: line(LIMITS.address, 'address'),
    phone: z
      .string({ required_error: 'phone' })
      .transform(cleanLine)
      .pipe(z.string().min(1, 'phone').max(LIMITS.phone, 'phoneInvalid'))
      .transform((v, ctx) => {
        const phone = normalisePhone(v);
        if (!phone) {
          ctx.addIssue({ code: 'custom', message: 'phoneInvalid' });
          return z.NEVER;
        }
        return phone;
      }),
    email: z
      .string({ required_error: 'email' })
      .transform(cleanLine)
      .pipe(z.string().min(1, 'email').max(LIMITS.email, 'emailInvalid').email('emailInvalid'))
      .transform((v) => v.toLowerCase()),
    title: z
      .string({ required_error: 'title' })
      .transform(cleanLine)
      .pipe(
        z
          .string()
          .min(1, 'title')
          .min(LIMITS.titleMin, `titleShort|${LIMITS.titleMin}`)
          .max(LIMITS.title, `tooLong|${LIMITS.title}`),
      ),
    content: z
      .string({ required_error: 'content' })
      .transform(cleanText)
      .pipe(
        z
          .string()
          .min(1, 'content')
          .min(LIMITS.contentMin, `contentShort|${LIMITS.contentMin}`)
          .max(LIMITS.content, `tooLong|${LIMITS.content}`),
      ),
    regulationRef: optionalLine(LIMITS.regulationRef),
    /** a field id, or 'unknown' when the citizen does not know */
    field: z.string({ required_error: 'field' }).regex(FIELD_CHOICE, 'field'),
    consent: z.literal('on', { errorMap: () => ({ message: 'consent' }) }),
    showIdentity: z
      .literal('on')
      .optional()
      .transform((v) => v === 'on'),
  })
  .superRefine((v, ctx) => {
    if (!categoriesFor(v.subject).includes(v.category)) {
      const message = v.subject === 'behaviour' ? 'categoryNotBehaviour' : 'categoryNotRegulation';
      ctx.addIssue({ code: 'custom', path: ['category'], message });
    } else if (!categoriesForChoice(v.type, v.subject).includes(v.category)) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'categoryNeedsPetition' });
    }
    if (v.submitterKind === 'organisation') {
      if (!v.orgName) ctx.addIssue({ code: 'custom', path: ['orgName'], message: 'orgName' });
      if (!v.representative)
        ctx.addIssue({ code: 'custom', path: ['representative'], message: 'representative' });
    }
  })
  // an individual's form may still carry organisation fields typed before changing their mind
  .transform((v) => (v.submitterKind === 'individual' ? { ...v, orgName: '', representative: '' } : v));

/** "Check your answers": the draft to send, by its token (whose shape and holder the server checks). */
export const draftSendSchema = z.object({ t: z.string({ required_error: 'badRequest' }) });

export type SubmissionInput = z.input<typeof submissionSchema>;
export type Submission = z.output<typeof submissionSchema>;

/** 'tooLong|200' → ['tooLong', { max: 200 }]; messages carry their parameter after a bar. */
export function splitMessage(message: string): [string, Record<string, string>] {
  const [key = 'invalid', param] = message.split('|');
  if (!param) return [key, {}];
  const name = key === 'tooLong' ? 'max' : 'min';
  return [key, { [name]: param }];
}

/** The fields in the order of the citizen's form, so that the error summary reads like the page. */
export const SUBMISSION_FIELD_ORDER = [
  'type',
  'subject',
  'category',
  'title',
  'content',
  'regulationRef',
  'field',
  'submitterKind',
  'orgName',
  'representative',
  'fullName',
  'address',
  'phone',
  'email',
  'files',
  'consent',
] as const;

/** Every category that goes with some type and subject still possible (nothing chosen: all). */
export function visibleCategories(
  type: string | undefined,
  subject: string | undefined,
): readonly Category[] {
  const types = PAKN_TYPES.filter((k) => !type || k === type);
  const subjects = SUBJECTS.filter((k) => !subject || k === subject);
  const allowed = new Set(types.flatMap((ty) => subjects.flatMap((su) => categoriesForChoice(ty, su))));
  return allowed.size ? CATEGORIES.filter((c) => allowed.has(c)) : CATEGORIES;
}

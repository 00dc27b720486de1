// The staff intake's form (post, in person, phone, e-mail, hotline; spec §3: phone OR address suffices), checked
// by the browser (usePaknForm), the intake page's action and POST /api/v1/intake with the one schema below. The
// limits, the choices and the field rule are the citizen form's (submission-schema.ts); what differs is the
// channel, the real receipt date, the lighter minimums of a letter typed in, and consent being optional.
import { z } from 'zod';

import { formatDateVi } from './dates';
import { CATEGORIES, categoriesFor, PAKN_TYPES, STAFF_CHANNELS, SUBJECTS, SUBMITTER_KINDS } from './pakn';
import { earliestReceiptDate, receiptDateProblem } from './receipt-date';
import { FIELD_CHOICE, LIMITS } from './submission-schema';
import { cleanLine, cleanText, normalisePhone } from './text';

const E = (k: string) => `intake.errors.${k}`;
const S = (k: string) => `staff.intake.errors.${k}`;
const text = (clean: (v: string) => string, max: number) =>
  z
    .string({ invalid_type_error: 'staff.errors.invalid' })
    .optional()
    .transform((v) => clean(v ?? ''))
    .pipe(z.string().max(max, `${E('tooLong')}|${max}`));
const line = (max: number) => text(cleanLine, max);
const required = (max: number, key: string) => line(max).pipe(z.string().min(1, key));
const choice = <T extends readonly [string, ...string[]]>(values: T, key: string) =>
  z.enum(values, { errorMap: () => ({ message: key }) });
const checkbox = z
  .literal('on', { errorMap: () => ({ message: 'staff.errors.invalid' }) })
  .optional()
  .transform((v) => v === 'on');

const RECEIPT_DATE_ERRORS = {
  invalid: S('receivedDate'),
  future: S('receivedFuture'),
  tooEarly: S('receivedTooEarly'),
} as const;

/**
 * The fields, each checked alone (also the API's documented body). `today` and `earliest` (the first receipt
 * date allowed, app/domain/receipt-date.ts) bound the receipt date.
 */
export function staffIntakeFields(today: string, earliest = earliestReceiptDate(undefined)) {
  return z.object({
    channel: choice(STAFF_CHANNELS, S('channel')),
    receivedDate: z
      .string({ required_error: S('receivedDate'), invalid_type_error: S('receivedDate') })
      .superRefine((d, ctx) => {
        const problem = receiptDateProblem(d, { today, earliest });
        if (!problem) return;
        // "key|param": translated with the param (the first allowed day, dd/mm/yyyy) as {{max}}
        const message =
          problem === 'tooEarly'
            ? `${RECEIPT_DATE_ERRORS.tooEarly}|${formatDateVi(earliest)}`
            : RECEIPT_DATE_ERRORS[problem];
        ctx.addIssue({ code: 'custom', message });
      }),
    type: choice(PAKN_TYPES, E('type')),
    subject: choice(SUBJECTS, E('subject')),
    category: z.coerce
      .number({ invalid_type_error: E('category') })
      .int(E('category'))
      .refine((n) => CATEGORIES.some((c) => c === n), E('category')),
    submitterKind: choice(SUBMITTER_KINDS, E('submitterKind')),
    orgName: line(LIMITS.orgName),
    representative: line(LIMITS.representative),
    fullName: required(LIMITS.fullName, E('fullName')),
    address: line(LIMITS.address),
    phone: line(LIMITS.phone),
    email: line(LIMITS.email),
    title: required(LIMITS.title, E('title')),
    content: text(cleanText, LIMITS.content).pipe(z.string().min(1, E('content'))),
    regulationRef: line(LIMITS.regulationRef),
    field: z
      .string({ required_error: E('field'), invalid_type_error: E('field') })
      .regex(FIELD_CHOICE, E('field')),
    consent: checkbox,
    showIdentity: checkbox,
  });
}

/**
 * Rules across fields, checked on the typed values even when other fields are wrong, so every message shows
 * at once (a refinement of the object would only run once each field is valid).
 */
function crossFieldRules(raw: unknown, ctx: z.RefinementCtx) {
  const values = typeof raw === 'object' && raw !== null ? raw : {};
  const v = (k: string) => {
    const value: unknown = Object.entries(values).find(([name]) => name === k)?.[1];
    return typeof value === 'string' ? cleanLine(value) : '';
  };
  const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const subject = SUBJECTS.find((x) => x === v('subject'));
  const category = CATEGORIES.find((c) => c === Number(v('category')));
  if (subject && category && !categoriesFor(subject).includes(category))
    problem('category', E('categoryMismatch'));
  if (v('submitterKind') === 'organisation') {
    if (!v('orgName')) problem('orgName', E('orgName'));
    if (!v('representative')) problem('representative', E('representative'));
  }
  if (!v('phone') && !v('address')) problem('phone', S('phoneOrAddress'));
  else if (v('phone') && !normalisePhone(v('phone'))) problem('phone', E('phoneInvalid'));
  if (v('email') && !z.string().email().safeParse(v('email')).success) problem('email', E('emailInvalid'));
}

/** The whole form: its fields, and the rules across them on what was typed (adding no value of its own). */
export function staffIntakeSchema(today: string, earliest = earliestReceiptDate(undefined)) {
  return staffIntakeFields(today, earliest).and(
    // an object of any keys (conform reads its constraints; a bare z.unknown() it cannot)
    z
      .object({})
      .passthrough()
      .superRefine(crossFieldRules)
      .transform(() => ({})),
  );
}

export type StaffIntake = z.output<ReturnType<typeof staffIntakeFields>>;

/** The intake page's fields in page order, for the error summary. */
export const STAFF_INTAKE_FIELD_ORDER = [
  'channel',
  'receivedDate',
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
  'phone',
  'address',
  'email',
  'files',
] as const;

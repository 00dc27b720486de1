// Staff intake of the other channels (post, in person, phone, e-mail, hotline): the coordinator types in
// a PAKN with its real receipt date, from which the deadlines run (spec §3: phone OR address suffices).
import { z } from 'zod';

import { formatDateVi, toLocalDate } from '~/domain/dates';
import { explainDueDate } from '~/domain/deadlines';
import { localName } from '~/domain/local-name';
import {
  CATEGORIES,
  categoriesFor,
  PAKN_TYPES,
  STAFF_CHANNELS,
  SUBJECTS,
  SUBMITTER_KINDS,
} from '~/domain/pakn';
import type { Actor } from '~/domain/permissions';
import { earliestReceiptDate, receiptDateProblem } from '~/domain/receipt-date';
import { saluteeOf } from '~/domain/salutation';
import { LIMITS } from '~/domain/submission-schema';
import { cleanLine, cleanText, normalisePhone } from '~/domain/text';
import { getSetting } from '~/models/admin/settings.server';
import { enqueueMail } from '~/models/outbox.server';
import { type DbOrTx, getDb } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import type { StoredUpload } from '~/utils/uploads.server';
import { renderReceiptEmail } from '~emails';

import { audit } from './audit.server';
import { getAgency, listFields } from './config.server';
import { answerDueDate, createPakn } from './pakn.server';
import { attachStaffFiles } from './staff-files.server';
import { privateLink } from './submission.server';

export { STAFF_CHANNELS };

const E = (k: string) => `intake.errors.${k}`;
const S = (k: string) => `staff.intake.errors.${k}`;
const line = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => cleanLine(v ?? ''))
    .pipe(z.string().max(max, `${E('tooLong')}|${max}`));
const required = (max: number, key: string) => line(max).pipe(z.string().min(1, key));
const choice = <T extends readonly [string, ...string[]]>(values: T, key: string) =>
  z.enum(values, { errorMap: () => ({ message: key }) });

const RECEIPT_DATE_ERRORS = {
  invalid: S('receivedDate'),
  future: S('receivedFuture'),
  tooEarly: S('receivedTooEarly'),
} as const;

/** `earliest`: the first receipt date allowed (see app/domain/receipt-date.ts). */
export function intakeSchema(today: string, earliest = earliestReceiptDate(undefined)) {
  return z.object({
    channel: choice(STAFF_CHANNELS, S('channel')),
    receivedDate: z.string({ required_error: S('receivedDate') }).superRefine((d, ctx) => {
      const problem = receiptDateProblem(d, { today, earliest });
      if (!problem) return;
      // "key|param": the route translates it with the param (here the first allowed day, dd/mm/yyyy)
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
    content: z
      .string()
      .optional()
      .transform((v) => cleanText(v ?? ''))
      .pipe(
        z
          .string()
          .min(1, E('content'))
          .max(LIMITS.content, `${E('tooLong')}|${LIMITS.content}`),
      ),
    regulationRef: line(LIMITS.regulationRef),
    field: z.string({ required_error: E('field') }).regex(/^(unknown|\d{1,6})$/, E('field')),
    consent: z
      .literal('on')
      .optional()
      .transform((v) => v === 'on'),
    showIdentity: z
      .literal('on')
      .optional()
      .transform((v) => v === 'on'),
  });
}

/**
 * Rules across fields, checked on the typed values even when other fields are wrong, so every error
 * shows at once (a zod refinement would only run once the whole object parses).
 */
function crossFieldErrors(values: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  const v = (k: string) => cleanLine(values[k] ?? '');
  const subject = SUBJECTS.find((x) => x === v('subject'));
  const category = CATEGORIES.find((c) => c === Number(v('category')));
  if (subject && category && !categoriesFor(subject).includes(category))
    errors.category = E('categoryMismatch');
  if (v('submitterKind') === 'organisation') {
    if (!v('orgName')) errors.orgName = E('orgName');
    if (!v('representative')) errors.representative = E('representative');
  }
  if (!v('phone') && !v('address')) errors.phone = S('phoneOrAddress');
  else if (v('phone') && !normalisePhone(v('phone'))) errors.phone = E('phoneInvalid');
  if (v('email') && !z.string().email().safeParse(v('email')).success) errors.email = E('emailInvalid');
  return errors;
}
export type StaffIntake = z.output<ReturnType<typeof intakeSchema>>;

export type ParsedIntake =
  | { ok: true; value: StaffIntake }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

export function parseIntakeForm(
  form: FormData,
  { today = toLocalDate(new Date()), db = getDb() } = {},
): ParsedIntake {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string' && !(k in values)) values[k] = v;
  const earliest = earliestReceiptDate(getSetting('intake.earliestReceiptYear', db));
  const result = intakeSchema(today, earliest).safeParse(values);
  const errors: Record<string, string> = crossFieldErrors(values);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? 'channel');
      errors[key] ??= issue.message === 'Required' ? S('required') : issue.message;
    }
  }
  if (/^\d+$/.test(values.field ?? '') && !listFields({ db }).some((f) => f.id === Number(values.field))) {
    errors.field = E('field');
  }
  if (!result.success || Object.keys(errors).length) return { ok: false, errors, values };
  return { ok: true, value: result.data };
}

/** The receipt instant: now for today's items, 08:00 Vietnam time on the day of receipt otherwise. */
export function receiptInstant(date: string, now = new Date()): Date {
  return date === toLocalDate(now) ? now : new Date(`${date}T08:00:00+07:00`);
}

export function recordStaffIntake(
  {
    actor,
    input,
    lang,
    ip,
    now = new Date(),
    files = [],
  }: {
    actor: Actor;
    input: StaffIntake;
    lang: 'vi' | 'en';
    ip?: string;
    now?: Date;
    /** checked uploads (the scanned letter), attached as staff files in the same transaction */
    files?: StoredUpload[];
  },
  db: DbOrTx = getDb(),
): { id: number; code: string; emailed: boolean } {
  return db.transaction((tx) => {
    const organisation = input.submitterKind === 'organisation';
    const email = input.email ? input.email.toLowerCase() : null;
    const { pakn, accessToken } = createPakn(tx, {
      type: input.type,
      subject: input.subject,
      category: input.category,
      submitterKind: input.submitterKind,
      orgName: organisation ? input.orgName : null,
      representative: organisation ? input.representative : null,
      fullName: input.fullName,
      address: input.address,
      phone: input.phone ? normalisePhone(input.phone)! : '',
      email,
      title: input.title,
      content: input.content,
      regulationRef: input.regulationRef || null,
      fieldId: input.field === 'unknown' ? null : Number(input.field),
      channel: input.channel,
      lang,
      receivedAt: receiptInstant(input.receivedDate, now),
      consent: input.consent,
      showIdentity: input.showIdentity,
      actorUserId: actor.id,
    });
    audit(
      {
        actorUserId: actor.id,
        action: 'pakn.intake',
        targetType: 'pakn',
        targetId: pakn.id,
        ip,
        detail: { code: pakn.code, channel: input.channel },
      },
      tx,
    );
    attachStaffFiles(tx, { paknId: pakn.id, actorUserId: actor.id, files, ip });
    if (email) {
      const agency = getAgency(tx);
      const due = answerDueDate(pakn, tx);
      const rendered = renderReceiptEmail({
        locale: lang,
        code: pakn.code,
        title: pakn.title,
        submitter: saluteeOf(pakn),
        receivedDate: formatDateVi(pakn.receivedAt),
        dueDate: formatDateVi(due.due),
        dueExplanation: explainDueDate(due, lang),
        followUrl: privateLink(accessToken),
        lookupUrl: `${getEnv().BASE_URL}/theo-doi`,
        agency: {
          name: localName(agency, lang),
          address: agency.address,
          hotline: agency.hotline,
          email: agency.email,
          officeHours: lang === 'en' ? agency.officeHoursEn : agency.officeHours,
        },
      });
      enqueueMail(tx, { to: email, template: 'receipt', paknId: pakn.id, ...rendered });
    }
    return { id: pakn.id, code: pakn.code, emailed: email !== null };
  });
}

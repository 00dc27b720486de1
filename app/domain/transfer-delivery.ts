// When a transfer letter sent by post may say it was posted: not before the transfer, not in the future.
import { z } from 'zod';

import { isValidLocalDate, type LocalDate } from './dates';

export type PostedDateProblem = 'date' | 'postedBeforeTransfer' | 'postedInFuture';

/** A day typed as yyyy-mm-dd (date input) or dd/mm/yyyy (a browser without a date picker); null if invalid. */
export function parseDayInput(raw: string): LocalDate | null {
  const s = raw.trim();
  const vi = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const iso = vi ? `${vi[3]}-${vi[2]!.padStart(2, '0')}-${vi[1]!.padStart(2, '0')}` : s;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && isValidLocalDate(iso) ? iso : null;
}

/** The i18n key suffix (staff.errors.*) of what is wrong with `postedOn`, or null. */
export function postedDateProblem(
  raw: string,
  { transferDate, today }: { transferDate: LocalDate; today: LocalDate },
): PostedDateProblem | null {
  const postedOn = parseDayInput(raw);
  if (!postedOn) return 'date';
  if (postedOn < transferDate) return 'postedBeforeTransfer';
  if (postedOn > today) return 'postedInFuture';
  return null;
}

/**
 * The "sent by post on …" form of the record page. Its day must read as a day; whether it falls between the
 * transfer and today is the model's check (it knows the transfer), whose message wins.
 */
export const transferPostedSchema = z.object({
  intent: z.literal('transfer_posted'),
  postedOn: z
    .string({ required_error: 'staff.errors.date', invalid_type_error: 'staff.errors.date' })
    .refine((v) => parseDayInput(v) !== null, 'staff.errors.date'),
});

// Waiting for the submitter's additional information (spec §6): the clock stops, and the PAKN may be closed
// as R03 only once the wait (infoWait rule, 15 days by default) is over.
import { z } from 'zod';

import type { WorkingCalendar } from './calendar';
import type { LocalDate } from './dates';
import { computeDueDate, type DeadlineRule } from './deadlines';
import { cleanText } from './text';
import { NOTE_MAX } from './workflow/intents';

/** The last day the submitter may still answer a request made on `askedOn`. */
export function infoWaitEnds(
  askedOn: LocalDate,
  wait: Pick<DeadlineRule, 'days' | 'unit'>,
  calendar: WorkingCalendar,
): LocalDate {
  return computeDueDate({ start: askedOn, days: wait.days, unit: wait.unit, calendar }).due;
}

/** Closing for no information is allowed from the day after the wait ends. */
export function mayCloseForNoInfo(today: LocalDate, waitEnds: LocalDate): boolean {
  return today > waitEnds;
}

/** The submitter's answer to an information request (files are checked by the upload plumbing). */
export const infoReplySchema = z.object({
  intent: z.literal('info_reply', { errorMap: () => ({ message: 'intake.form.badRequest' }) }),
  reply: z
    .string({ required_error: 'staff.followup.required' })
    .transform(cleanText)
    .pipe(
      z.string().min(1, 'staff.followup.required').max(NOTE_MAX, `staff.followup.tooLong|max=${NOTE_MAX}`),
    ),
});

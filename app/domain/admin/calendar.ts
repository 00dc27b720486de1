// The working-day calendar as data: dated overrides of the holiday rules, the record that a year's official
// schedule is entered, and the deadline calculator of the admin calendar page.
import { z } from 'zod';

import { dayUnit, int, isoDate, text } from './schema-parts';

export const calendarOverrideSchema = z.object({
  date: isoDate,
  kind: z.enum(['off', 'work'], { errorMap: () => ({ message: 'admin.errors.overrideKind' }) }),
  note: text(200),
});
export type CalendarOverrideValues = z.output<typeof calendarOverrideSchema>;

export const officialYearFormSchema = z.object({
  year: z.coerce
    .number({ invalid_type_error: 'admin.errors.invalid' })
    .int('admin.errors.invalid')
    .min(2000, 'admin.errors.invalid')
    .max(2100, 'admin.errors.invalid'),
  reference: z
    .string({ required_error: 'admin.errors.required' })
    .trim()
    .min(1, 'admin.errors.required')
    .max(300, 'admin.errors.tooLong|max=300'),
});
export type OfficialYearValues = z.output<typeof officialYearFormSchema>;

/** The delete button of an override: the date it removes. */
export const calendarDeleteSchema = z.object({ date: isoDate });

export const calculatorSchema = z.object({
  start: isoDate,
  days: int(0, 365),
  unit: dayUnit,
});

/** A four-digit year in 2000–2100 from a query or form value, else `fallback`. */
export function yearOf(value: string | null | undefined, fallback: number): number {
  const n = value && /^\d{4}$/.test(value) ? Number(value) : fallback;
  return n >= 2000 && n <= 2100 ? n : fallback;
}

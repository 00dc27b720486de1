// The zod pieces of the admin forms. Every message is an i18n key (`key|param=value`), translated where shown.
import { z } from 'zod';

import { isValidLocalDate } from '~/domain/calendar';
import { cleanLine, cleanText } from '~/domain/text';

export const REQUIRED = 'admin.errors.required';
export const tooLong = (max: number) => `admin.errors.tooLong|max=${max}`;

const str = z.string({ required_error: REQUIRED, invalid_type_error: REQUIRED });

/** A required single line, trimmed and with inner runs of spaces collapsed. */
export const text = (max: number) =>
  str.transform(cleanLine).pipe(z.string().min(1, REQUIRED).max(max, tooLong(max)));

export const optText = (max: number) =>
  z
    .string({ invalid_type_error: 'admin.errors.invalid' })
    .optional()
    .transform((v) => (v ? cleanLine(v) : ''))
    .pipe(z.string().max(max, tooLong(max)));

export const longText = (max: number) =>
  str.transform(cleanText).pipe(z.string().min(1, REQUIRED).max(max, tooLong(max)));

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const email = text(254).refine((v) => EMAIL_RE.test(v), 'admin.errors.email');
export const optEmail = optText(254).refine((v) => v === '' || EMAIL_RE.test(v), 'admin.errors.email');

/** A whole number in [min, max] from a form field; an empty field is `fallback` when one is given. */
export const int = (min: number, max: number, fallback?: number) =>
  z
    .union([z.string(), z.number()], { errorMap: () => ({ message: REQUIRED }) })
    .optional()
    .transform((v) => (v === undefined ? '' : String(v).trim()))
    .transform((v) => (v === '' && fallback !== undefined ? String(fallback) : v))
    .pipe(
      z
        .string()
        .min(1, REQUIRED)
        .regex(/^-?\d+$/, 'admin.errors.integer'),
    )
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `admin.errors.range|min=${min}|max=${max}`)
        .max(max, `admin.errors.range|min=${min}|max=${max}`),
    );

/** A short code of capital letters, digits, `_` and `-` (typed in any case). */
export const code = (max: number) =>
  text(max)
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9_-]*$/, 'admin.errors.code'));

export const checkbox = z
  .unknown()
  .optional()
  .transform((v) => v === 'on' || v === 'true' || v === '1' || v === true);

/** An optional row id from a select: null when empty. */
export const optId = z
  .string()
  .optional()
  .transform((v) => (v ? v.trim() : ''))
  .pipe(z.string().regex(/^(\d+)?$/, 'admin.errors.invalid'))
  .transform((v) => (v === '' ? null : Number(v)));

export const id = (message = REQUIRED) =>
  optId.pipe(z.number({ invalid_type_error: message, required_error: message }));

export const isoDate = str
  .transform((v) => v.trim())
  .pipe(z.string().min(1, REQUIRED))
  .refine((v) => isValidLocalDate(v) && v >= '2000-01-01' && v <= '2100-12-31', 'admin.errors.date');

export const dayUnit = z.enum(['working', 'calendar'], {
  errorMap: () => ({ message: 'admin.errors.dayUnit' }),
});

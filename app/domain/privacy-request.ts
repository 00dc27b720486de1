// A data subject's request (Luật Bảo vệ dữ liệu cá nhân 91/2025, spec §8). Messages are i18n keys
// under privacy.errors.
import { z } from 'zod';

import { normaliseCode } from './pakn';
import { cleanLine, cleanText } from './text';

export const PRIVACY_REQUEST_KINDS = ['access', 'correct', 'delete', 'withdraw'] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];

/** Acknowledged within 2 working days (spec §8). */
export const ACKNOWLEDGE_WORKING_DAYS = 2;

export const privacyRequestSchema = z.object({
  kind: z.enum(PRIVACY_REQUEST_KINDS, { errorMap: () => ({ message: 'kind' }) }),
  code: z
    .string()
    .optional()
    .transform((v) => (v ? normaliseCode(v).slice(0, 40) : '')),
  fullName: z
    .string({ required_error: 'fullName' })
    .transform(cleanLine)
    .pipe(z.string().min(1, 'fullName').max(120, 'tooLong')),
  email: z
    .string({ required_error: 'email' })
    .transform(cleanLine)
    .pipe(z.string().min(1, 'email').max(254, 'emailInvalid').email('emailInvalid'))
    .transform((v) => v.toLowerCase()),
  phone: z
    .string()
    .optional()
    .transform((v) => (v ? cleanLine(v).slice(0, 30) : '')),
  details: z
    .string()
    .optional()
    .transform((v) => (v ? cleanText(v) : ''))
    .pipe(z.string().max(2000, 'tooLong')),
});

export type PrivacyRequestInput = z.output<typeof privacyRequestSchema>;

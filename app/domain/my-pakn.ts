// "PAKN của tôi": the request for a one-time link to every PAKN sent with an e-mail address (spec §6).
// Messages are full i18n keys.
import { z } from 'zod';

import { cleanLine } from './text';

export const myPaknRequestSchema = z.object({
  email: z
    .string({ required_error: 'intake.errors.email' })
    .transform((v) => cleanLine(v.slice(0, 300)))
    .pipe(
      z
        .string()
        .min(1, 'intake.errors.email')
        .max(254, 'intake.errors.emailInvalid')
        .email('intake.errors.emailInvalid'),
    ),
});

/** The "open" button of one PAKN in the list: its id. */
export const myPaknOpenSchema = z.object({
  id: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
});

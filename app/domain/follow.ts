// Following a PAKN by its code and the e-mail address or phone number used to send it (spec §6).
// Messages are i18n keys under intake.follow.
import { z } from 'zod';

export const followLookupSchema = z.object({
  code: z
    .string({ required_error: 'codeRequired' })
    .transform((v) => v.slice(0, 64))
    .refine((v) => v.trim() !== '', 'codeRequired'),
  contact: z
    .string({ required_error: 'contactRequired' })
    .transform((v) => v.slice(0, 254))
    .refine((v) => v.trim() !== '', 'contactRequired'),
});

/** One-time messages (flash cookie) of the submitter's status page: after sending, after an answer. */
export const FOLLOW_FLASH = {
  received: 'intake.receipt.title',
  infoReplied: 'staff.followup.done',
} as const;

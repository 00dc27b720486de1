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

/**
 * One-time messages (flash cookie) of the submitter's status page: after answering a request for information.
 * The receipt of a new PAKN is not one of them: it is the page's state (`?moi=1`), so that a reload or the
 * back button still shows the code to write down, which a message read once would lose.
 */
export const FOLLOW_FLASH = {
  infoReplied: 'staff.followup.done',
} as const;

/** The query mark of the receipt view of the status page, right after sending (`/theo-doi/<code>?moi=1`). */
export const RECEIPT_MARK = 'moi';

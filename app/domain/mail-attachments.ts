// Attachments of outgoing mail, kept in the outbox as references and resolved when the worker sends the message
// (app/jobs/mail-attachments.server.ts): the outbox never copies a file's bytes (uploads can be 10 MB each, and
// the database is backed up whole).
import { z } from 'zod';

const mailAttachmentSchema = z.discriminatedUnion('kind', [
  /** a stored upload (attachments.stored_name), under the name the submitter gave it */
  z.object({
    kind: z.literal('upload'),
    storedName: z.string(),
    filename: z.string(),
    contentType: z.string(),
  }),
  /** an issued official document, attached as its full PDF */
  z.object({ kind: z.literal('document'), documentId: z.number().int() }),
]);

export type MailAttachment = z.infer<typeof mailAttachmentSchema>;

/** The outbox's JSON column read back; throws on anything else (the send fails and is retried, then reported). */
export function parseMailAttachments(json: string): MailAttachment[] {
  return z.array(mailAttachmentSchema).parse(JSON.parse(json));
}

// Attachments of outgoing mail, kept in the outbox as references and resolved when the worker sends the message:
// the outbox never copies a file's bytes (uploads can be 10 MB each, and the database is backed up whole), and
// an issued document is rendered from its stored content through the PDF cache, as its download is.
import { pdfFileName } from '~/domain/official-document';
import { getDocumentPdf } from '~/exports/pdf/cache.server';
import type { DbOrTx } from '~/utils/db.server';
import { uploadPath } from '~/utils/uploads.server';

import { getDocument } from './documents.server';

export type MailAttachment =
  /** a stored upload (attachments.stored_name), under the name the submitter gave it */
  | { kind: 'upload'; storedName: string; filename: string; contentType: string }
  /** an issued official document, attached as its full PDF */
  | { kind: 'document'; documentId: number };

export type ResolvedAttachment = {
  filename: string;
  contentType: string;
  path?: string;
  content?: Buffer;
};

function parse(json: string): MailAttachment[] {
  const list = JSON.parse(json) as unknown;
  if (!Array.isArray(list)) throw new Error('mail attachments: not a list');
  return list as MailAttachment[];
}

/** Throws when a file is gone or a document cannot be rendered: the send fails and is retried. */
export async function resolveMailAttachments(db: DbOrTx, json: string): Promise<ResolvedAttachment[]> {
  const out: ResolvedAttachment[] = [];
  for (const a of parse(json)) {
    if (a.kind === 'upload') {
      // nodemailer streams the file from disk while sending
      out.push({ filename: a.filename, contentType: a.contentType, path: uploadPath(a.storedName) });
    } else if (a.kind === 'document') {
      const d = getDocument({ id: a.documentId }, db);
      if (!d) throw new Error(`mail attachments: document ${a.documentId} not found`);
      const { pdf } = await getDocumentPdf({ id: d.id, variant: 'full', doc: d.doc });
      out.push({ filename: pdfFileName(d.number), contentType: 'application/pdf', content: pdf });
    }
  }
  return out;
}

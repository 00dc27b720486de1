// Resolves an outbox message's attachment references when the worker sends it: an upload is streamed from disk,
// an issued document is rendered from its stored content through the PDF cache, as its download is.
import { parseMailAttachments } from '~/domain/mail-attachments';
import { pdfFileName } from '~/domain/official-document';
import { getDocumentPdf } from '~/exports/pdf/cache.server';
import { getDocument } from '~/models/documents.server';
import type { DbOrTx } from '~/utils/db.server';
import { uploadPath } from '~/utils/uploads.server';

export type ResolvedAttachment = {
  filename: string;
  contentType: string;
  path?: string;
  content?: Buffer;
};

/** Throws when a file is gone or a document cannot be rendered: the send fails and is retried. */
export async function resolveMailAttachments(db: DbOrTx, json: string): Promise<ResolvedAttachment[]> {
  const out: ResolvedAttachment[] = [];
  for (const a of parseMailAttachments(json)) {
    if (a.kind === 'upload') {
      // nodemailer streams the file from disk while sending
      out.push({ filename: a.filename, contentType: a.contentType, path: uploadPath(a.storedName) });
    } else {
      const d = await getDocument({ id: a.documentId }, db);
      if (!d) throw new Error(`mail attachments: document ${a.documentId} not found`);
      const { pdf } = await getDocumentPdf({ id: d.id, variant: 'full', doc: d.doc });
      out.push({ filename: pdfFileName(d.number), contentType: 'application/pdf', content: pdf });
    }
  }
  return out;
}

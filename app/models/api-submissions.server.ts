// A PAKN handed in by another system: the citizen form's own path (draft → confirmDraft: the code, the deadlines,
// the first event, the receipt e-mail), recorded with the key that sent it and the client's Idempotency-Key so
// a replayed POST answers the same code instead of registering a second PAKN, and the key reused for another request
// is refused. Files sent with it (multipart) are attached in the same transaction; the caller deletes them from disk
// when nothing was registered.
import { createHash } from 'node:crypto';

import { and, eq } from 'drizzle-orm';

import type { Submission } from '~/domain/submission-schema';
import type { Locale } from '~/i18n';
import { randomToken } from '~/utils/crypto.server';
import { type DbOrTx, first, getDb, transaction } from '~/utils/db.server';
import type { StoredUpload } from '~/utils/uploads.server';
import * as s from '~db/schema';

import { listFields } from './config.server';
import { confirmDraft, saveDraft, updateDraftFiles } from './submission.server';

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,100}$/;

export type ApiSubmitResult = {
  /** conflict: the key was used before for another request (nothing registered; `code` is the earlier one's) */
  status: 'created' | 'replayed' | 'conflict';
  code: string;
  paknId: number;
  /** how many files the PAKN holds from its submitter */
  attachments: number;
};

export async function findFieldByCode(code: string, db: DbOrTx = getDb()) {
  return (await listFields({ db })).find((f) => f.code === code) ?? null;
}

export async function submitThroughApi(
  {
    apiKeyId,
    idempotencyKey,
    data,
    lang,
    files = [],
    now = new Date(),
  }: {
    apiKeyId: number;
    idempotencyKey: string | null;
    data: Submission;
    lang: Locale;
    /** files already checked and stored (multipart); they become the PAKN's attachments, as the form's do */
    files?: StoredUpload[];
    now?: Date;
  },
  db: DbOrTx = getDb(),
): Promise<ApiSubmitResult> {
  // what the request asks for, whatever its JSON's spacing or key order: the checked fields and the files' contents
  const requestHash = createHash('sha256')
    .update(JSON.stringify({ data, files: files.map((f) => f.sha256) }))
    .digest('hex');
  return await transaction(db, async (tx): Promise<ApiSubmitResult> => {
    if (idempotencyKey) {
      const done = await first(
        tx
          .select({ code: s.pakn.code, paknId: s.pakn.id, requestHash: s.apiSubmissions.requestHash })
          .from(s.apiSubmissions)
          .innerJoin(s.pakn, eq(s.pakn.id, s.apiSubmissions.paknId))
          .where(
            and(eq(s.apiSubmissions.apiKeyId, apiKeyId), eq(s.apiSubmissions.idempotencyKey, idempotencyKey)),
          ),
      );
      if (done) {
        // rows from before the hash was kept (null) are taken as the same request
        if (done.requestHash !== null && done.requestHash !== requestHash)
          return { status: 'conflict', code: done.code, paknId: done.paknId, attachments: 0 };
        const attachments = (
          await tx
            .select({ id: s.attachments.id })
            .from(s.attachments)
            .where(and(eq(s.attachments.paknId, done.paknId), eq(s.attachments.source, 'submitter')))
        ).length;
        return { status: 'replayed', code: done.code, paknId: done.paknId, attachments };
      }
    }
    const token = randomToken(24);
    await saveDraft({ token, data, lang }, tx);
    if (files.length) await updateDraftFiles({ token, added: files, removeIds: [] }, tx);
    const confirmed = await confirmDraft({ token, now }, tx);
    if (confirmed.status !== 'created')
      throw new Error('api submission: the draft just saved was not confirmed');
    await tx
      .insert(s.apiSubmissions)
      .values({ apiKeyId, paknId: confirmed.paknId, idempotencyKey, requestHash });
    return { status: 'created', code: confirmed.code, paknId: confirmed.paknId, attachments: files.length };
  });
}

// A PAKN handed in by another system: the citizen form's own path (draft → confirmDraft: the code, the deadlines,
// the first event, the receipt e-mail), recorded with the key that sent it and the client's Idempotency-Key so
// a replayed POST answers the same code instead of registering a second PAKN. Files sent with it (multipart) are
// attached in the same transaction; the caller deletes them from disk when nothing was registered.
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
  status: 'created' | 'replayed';
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
  return await transaction(db, async (tx): Promise<ApiSubmitResult> => {
    if (idempotencyKey) {
      const done = await first(
        tx
          .select({ code: s.pakn.code, paknId: s.pakn.id })
          .from(s.apiSubmissions)
          .innerJoin(s.pakn, eq(s.pakn.id, s.apiSubmissions.paknId))
          .where(
            and(eq(s.apiSubmissions.apiKeyId, apiKeyId), eq(s.apiSubmissions.idempotencyKey, idempotencyKey)),
          ),
      );
      if (done) {
        const attachments = (
          await tx
            .select({ id: s.attachments.id })
            .from(s.attachments)
            .where(and(eq(s.attachments.paknId, done.paknId), eq(s.attachments.source, 'submitter')))
        ).length;
        return { status: 'replayed', ...done, attachments };
      }
    }
    const token = randomToken(24);
    await saveDraft({ token, data, lang }, tx);
    if (files.length) await updateDraftFiles({ token, added: files, removeIds: [] }, tx);
    const confirmed = await confirmDraft({ token, now }, tx);
    if (confirmed.status !== 'created')
      throw new Error('api submission: the draft just saved was not confirmed');
    await tx.insert(s.apiSubmissions).values({ apiKeyId, paknId: confirmed.paknId, idempotencyKey });
    return { status: 'created', code: confirmed.code, paknId: confirmed.paknId, attachments: files.length };
  });
}

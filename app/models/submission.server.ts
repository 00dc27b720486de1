// The citizen's online submission before it is sent: a draft with its files, keyed by a one-time
// token. Sending converts the draft into a registered PAKN exactly once.
import fs from 'node:fs';

import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';

import { formatDateVi } from '~/domain/dates';
import { type DueDate, explainDueDate } from '~/domain/deadlines';
import { localName } from '~/domain/local-name';
import { saluteeOf } from '~/domain/salutation';
import type { Submission } from '~/domain/submission-schema';
import { linkInLanguage, type Locale } from '~/i18n';
import { enqueueMail, kickMailWorker } from '~/models/outbox.server';
import { type DbOrTx, first, getDb, transaction } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import { removeUpload, type StoredUpload, uploadsDir } from '~/utils/uploads.server';
import * as s from '~db/schema';
import { renderReceiptEmail } from '~emails';

import type { Agency } from './config.server';
import { createPakn, type Pakn } from './pakn.server';

export const DRAFT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,64}$/;
const DRAFT_TTL_MS = 24 * 60 * 60 * 1000;
/** Files of a draft that never reached "check your answers" go after this long without a new upload. */
export const ABANDONED_DRAFT_TTL_MS = 2 * 60 * 60 * 1000;

export type DraftFile = { id: number; name: string; size: number };

export async function listDraftFiles(
  { token }: { token: string },
  db: DbOrTx = getDb(),
): Promise<DraftFile[]> {
  return await db
    .select({ id: s.attachments.id, name: s.attachments.originalName, size: s.attachments.size })
    .from(s.attachments)
    .where(and(eq(s.attachments.draftToken, token), isNull(s.attachments.paknId)))
    .orderBy(s.attachments.id);
}

/** Records newly stored files and removes those the citizen unticked, in one transaction. */
export async function updateDraftFiles(
  {
    token,
    added,
    removeIds,
    uploader = null,
  }: { token: string; added: StoredUpload[]; removeIds: number[]; uploader?: string | null },
  db: DbOrTx = getDb(),
) {
  let removed: string[] = [];
  try {
    await transaction(db, async (tx) => {
      if (removeIds.length) {
        const where = and(
          eq(s.attachments.draftToken, token),
          isNull(s.attachments.paknId),
          inArray(s.attachments.id, removeIds),
        );
        removed = (await tx.select({ n: s.attachments.storedName }).from(s.attachments).where(where)).map(
          (r) => r.n,
        );
        await tx.delete(s.attachments).where(where);
      }
      for (const f of added)
        await tx
          .insert(s.attachments)
          .values({ ...f, draftToken: token, draftUploader: uploader, source: 'submitter' });
    });
  } catch (error) {
    for (const f of added) removeUpload(f.storedName);
    throw error;
  }
  for (const name of removed) removeUpload(name);
}

export async function saveDraft(
  { token, data, lang }: { token: string; data: Submission; lang: Locale },
  db: DbOrTx = getDb(),
) {
  await db
    .insert(s.submissionDrafts)
    .values({ token, data: JSON.stringify(data), lang })
    .onConflictDoUpdate({ target: s.submissionDrafts.token, set: { data: JSON.stringify(data), lang } });
}

export async function getDraft({ token }: { token: string }, db: DbOrTx = getDb()) {
  if (!DRAFT_TOKEN_PATTERN.test(token)) return null;
  const row = await first(db.select().from(s.submissionDrafts).where(eq(s.submissionDrafts.token, token)));
  if (!row || row.createdAt.getTime() < Date.now() - DRAFT_TTL_MS) return null;
  return { data: JSON.parse(row.data) as Submission, lang: row.lang as Locale, paknId: row.paknId };
}

export type Confirmation =
  | { status: 'created'; code: string; paknId: number; accessToken: string }
  | { status: 'already'; code: string; paknId: number }
  | { status: 'missing' };

/**
 * Sends a checked draft: registers the PAKN, attaches its files and queues the receipt e-mail in one
 * transaction. A second send of the same token (double click, back button, resubmit) finds the PAKN
 * already made and creates nothing.
 */
export async function confirmDraft(
  { token, now = new Date() }: { token: string; now?: Date },
  db: DbOrTx = getDb(),
): Promise<Confirmation> {
  const result = await transaction(db, async (tx): Promise<Confirmation> => {
    const draft = await getDraft({ token }, tx);
    if (!draft) return { status: 'missing' };
    if (draft.paknId) {
      const done = await first(
        tx.select({ code: s.pakn.code }).from(s.pakn).where(eq(s.pakn.id, draft.paknId)),
      );
      return done ? { status: 'already', code: done.code, paknId: draft.paknId } : { status: 'missing' };
    }
    const d = draft.data;
    const organisation = d.submitterKind === 'organisation';
    const { pakn, accessToken, answerDue, agency } = await createPakn(
      tx,
      {
        type: d.type,
        subject: d.subject,
        category: d.category,
        submitterKind: d.submitterKind,
        orgName: organisation ? d.orgName : null,
        representative: organisation ? d.representative : null,
        fullName: d.fullName,
        address: d.address,
        phone: d.phone,
        email: d.email,
        title: d.title,
        content: d.content,
        regulationRef: d.regulationRef || null,
        fieldId: d.field === 'unknown' ? null : Number(d.field),
        channel: 'online',
        lang: draft.lang,
        receivedAt: now,
        consent: true,
        showIdentity: d.showIdentity,
      },
      async (registering) => {
        await tx
          .update(s.attachments)
          .set({ paknId: registering.id, draftToken: null, draftUploader: null })
          .where(and(eq(s.attachments.draftToken, token), isNull(s.attachments.paknId)));
        await tx
          .update(s.submissionDrafts)
          .set({ paknId: registering.id })
          .where(eq(s.submissionDrafts.token, token));
      },
    );
    await enqueueMail(tx, {
      to: d.email,
      template: 'receipt',
      paknId: pakn.id,
      ...receiptEmail({ pakn, accessToken, due: answerDue, lang: draft.lang, agency }),
    });
    return { status: 'created', code: pakn.code, paknId: pakn.id, accessToken };
  });
  if (result.status === 'created') kickMailWorker();
  return result;
}

export function privateLink(accessToken: string) {
  return `${getEnv().BASE_URL}/theo-doi/truy-cap/${accessToken}`;
}

/** The receipt e-mail of a PAKN just registered (its answer deadline as registered: no pause yet). */
export function receiptEmail({
  pakn,
  accessToken,
  due,
  lang,
  agency,
}: {
  pakn: Pakn;
  accessToken: string;
  due: DueDate;
  lang: Locale;
  agency: Agency;
}) {
  return renderReceiptEmail({
    locale: lang,
    code: pakn.code,
    title: pakn.title,
    submitter: saluteeOf(pakn),
    receivedDate: formatDateVi(pakn.receivedAt),
    dueDate: formatDateVi(due.due),
    dueExplanation: explainDueDate(due, lang),
    followUrl: privateLink(accessToken),
    lookupUrl: linkInLanguage(`${getEnv().BASE_URL}/theo-doi`, lang),
    agency: {
      name: localName(agency, lang),
      address: agency.address,
      hotline: agency.hotline,
      email: agency.email,
      officeHours: lang === 'en' ? agency.officeHoursEn : agency.officeHours,
    },
  });
}

/**
 * Drafts hold personal data and files: unsent ones are deleted after a day, and the files of a draft
 * that never reached "check your answers" after two hours without a new upload (abandoned, or a
 * flood). Files of deleted drafts go too, so no orphan stays on disk.
 */
export async function purgeStaleDrafts({ now = Date.now() }: { now?: number } = {}, db: DbOrTx = getDb()) {
  const cutoff = new Date(now - DRAFT_TTL_MS);
  const abandonedBefore = now - ABANDONED_DRAFT_TTL_MS;
  const stale = (
    await db
      .select({ token: s.submissionDrafts.token })
      .from(s.submissionDrafts)
      .where(lt(s.submissionDrafts.createdAt, cutoff))
  ).map((r) => r.token);
  const abandoned = new Set(
    (
      await db
        .select({ token: s.attachments.draftToken })
        .from(s.attachments)
        .leftJoin(s.submissionDrafts, eq(s.submissionDrafts.token, s.attachments.draftToken))
        .where(
          and(
            isNull(s.attachments.paknId),
            isNotNull(s.attachments.draftToken),
            isNull(s.submissionDrafts.token),
          ),
        )
        .groupBy(s.attachments.draftToken)
        .having(sql`max(${s.attachments.createdAt}) < ${abandonedBefore}`)
    ).map((r) => r.token),
  );
  const orphanFiles = (
    await db
      .select({
        id: s.attachments.id,
        storedName: s.attachments.storedName,
        token: s.attachments.draftToken,
        createdAt: s.attachments.createdAt,
      })
      .from(s.attachments)
      .where(and(isNull(s.attachments.paknId), isNotNull(s.attachments.draftToken)))
  ).filter((f) => f.createdAt < cutoff || abandoned.has(f.token));
  await transaction(db, async (tx) => {
    if (orphanFiles.length)
      await tx.delete(s.attachments).where(
        inArray(
          s.attachments.id,
          orphanFiles.map((f) => f.id),
        ),
      );
    if (stale.length) await tx.delete(s.submissionDrafts).where(or(inArray(s.submissionDrafts.token, stale)));
  });
  for (const f of orphanFiles) removeUpload(f.storedName);
  // files on disk with no row at all (a crash between writing a file and recording it)
  const known = new Set(
    (await db.select({ n: s.attachments.storedName }).from(s.attachments)).map((r) => r.n),
  );
  const dir = uploadsDir();
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir)) {
      const stat = fs.statSync(`${dir}/${name}`);
      if (!known.has(name) && stat.mtimeMs < abandonedBefore) fs.rmSync(`${dir}/${name}`, { force: true });
    }
  }
  return { drafts: stale.length, files: orphanFiles.length };
}

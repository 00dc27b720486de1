// Publishing an answer (issue #4; spec §5, §7 VI.4, §8): who may, the publish page's data and the check of what
// would be public. Redaction is a checked step; its rules are app/domain/redaction-review.ts. Publishing and
// withdrawing: publication-publish.server.ts; the files that go public: publication-files.server.ts.
//
// publishedAt is the date the result FIRST became public: editing, or publishing again after a withdrawal,
// keeps it (the legal publication date and the "2 working days after the answer" check rest on it, and
// editing must not move an old answer to the top of the feeds).
//
// The public timeline shows each time the answer BECOMES public: the first publication, and a publication
// after a withdrawal (the withdrawal is public too, so the reader sees withdrawn, then published again).
// Publishing while already published is an edit: an internal 'publication_updated' event, so the public
// timeline never shows "Công khai kết quả" twice in a row (issue 13.28).
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';

import { toLocalDate } from '~/domain/dates';
import { computeDueDate, type DueDate, type DueState, dueState } from '~/domain/deadlines';
import { type Actor, canOnPakn, canReadPakn } from '~/domain/permissions';
import {
  checkableTexts,
  type Flag,
  type FlagGroup,
  type PublicFile,
  type PublicTexts,
  type ReviewContext,
  reviewTexts,
  SUMMARY_MAX,
  TITLE_MAX,
} from '~/domain/redaction-review';
import { cleanLine, cleanText } from '~/domain/text';
import { WorkflowError } from '~/domain/workflow/errors';
import { BODY_MAX } from '~/domain/workflow/intents';
import { type DbOrTx, first, getDb } from '~/utils/db.server';
import { markdownToPlainText } from '~/utils/markdown.server';
import * as s from '~db/schema';

import { listAgencyContacts } from './agency-contacts.server';
import { getCalendar, getDeadlineRules } from './config.server';

export type Pakn = typeof s.pakn.$inferSelect;

// ---------- access ----------

/** 404 when the actor may not read it, 403 without pakn:publish, 409 unless answered. */
export async function loadForPublication(
  { actor, paknId }: { actor: Actor; paknId: number },
  db: DbOrTx = getDb(),
): Promise<Pakn> {
  const p = await first(db.select().from(s.pakn).where(eq(s.pakn.id, paknId)));
  if (!p || !canReadPakn(actor, p)) throw new WorkflowError(404, 'staff.errors.notFound');
  if (!canOnPakn(actor, 'pakn:publish', p)) throw new WorkflowError(403, 'staff.errors.forbidden');
  if (p.status !== 'answered')
    throw new WorkflowError(409, 'publish.errors.notAnswered', { status: p.status });
  return p;
}

export async function piiContext(p: Pakn, db: DbOrTx): Promise<ReviewContext> {
  return {
    submitterName: p.fullName,
    submitterAddress: p.address,
    orgName: p.orgName,
    representative: p.representative,
    allowedContacts: await listAgencyContacts(db),
  };
}

/** Files staff uploaded for publication (redacted copies, the signed letter): the only ones that can go public. */
async function staffFiles(db: DbOrTx, paknId: number) {
  return await db
    .select()
    .from(s.attachments)
    .where(and(eq(s.attachments.paknId, paknId), eq(s.attachments.source, 'staff')))
    .orderBy(asc(s.attachments.id));
}

/** spec §6: publish within N working days after the answer. */
export async function publishDueDate(
  p: Pick<Pakn, 'answeredAt'>,
  db: DbOrTx = getDb(),
): Promise<DueDate | null> {
  if (!p.answeredAt) return null;
  return computeDueDate({
    start: toLocalDate(p.answeredAt),
    ...(await getDeadlineRules(db)).publish,
    calendar: await getCalendar(db),
  });
}

export async function getPublicationPage(
  { actor, paknId, now = new Date() }: { actor: Actor; paknId: number; now?: Date },
  db: DbOrTx = getDb(),
) {
  const p = await loadForPublication({ actor, paknId }, db);
  const answer = await first(db.select().from(s.answers).where(eq(s.answers.paknId, p.id)));
  const files = await db
    .select({
      id: s.attachments.id,
      name: s.attachments.originalName,
      size: s.attachments.size,
      mime: s.attachments.mime,
      source: s.attachments.source,
      isPublic: s.attachments.isPublic,
    })
    .from(s.attachments)
    .where(eq(s.attachments.paknId, p.id))
    .orderBy(asc(s.attachments.id));
  const due = await publishDueDate(p, db);
  let dueStatus: DueState | 'publishedOnTime' | 'publishedLate' | null = null;
  if (due && p.publishedAt)
    dueStatus = toLocalDate(p.publishedAt) <= due.due ? 'publishedOnTime' : 'publishedLate';
  else if (due) dueStatus = dueState(due, toLocalDate(now), await getCalendar(db));
  const published = p.publication !== 'none';
  return {
    pakn: p,
    outcome: answer?.outcome ?? null,
    // first visit: from what the submitter wrote and the approved answer; later: from what is public
    prefill: {
      title: published ? (p.publicTitle ?? '') : p.title,
      summary: published ? (p.publicSummary ?? '') : p.content,
      answer: published ? (p.publicAnswer ?? '') : (answer?.body ?? ''),
    } satisfies PublicTexts,
    originals: files.filter((f) => f.source !== 'staff'),
    staffFiles: files.filter((f) => f.source === 'staff'),
    due,
    dueStatus,
  };
}

// ---------- the form ----------

// each message names its text (an error summary of three "required" said nothing of which)
const text = (field: keyof PublicTexts, max: number, clean = cleanText) =>
  z
    .string()
    .optional()
    .transform((v) => clean(v ?? ''))
    .pipe(
      z.string().min(1, `publish.errors.${field}Required`).max(max, `publish.errors.${field}TooLong|${max}`),
    );
const textsSchema = z.object({
  title: text('title', TITLE_MAX, cleanLine),
  summary: text('summary', SUMMARY_MAX),
  answer: text('answer', BODY_MAX),
});

export type PublicationInput = { values: Record<string, string>; publicFileIds: number[] };
type Parsed = { texts: PublicTexts; files: PublicFile[]; fieldErrors: Record<string, string> };

async function parseTexts(p: Pakn, input: PublicationInput, db: DbOrTx): Promise<Parsed> {
  const fieldErrors: Record<string, string> = {};
  const r = textsSchema.safeParse(input.values);
  const texts: PublicTexts = r.success
    ? r.data
    : {
        title: cleanLine(input.values.title ?? ''),
        summary: cleanText(input.values.summary ?? ''),
        answer: cleanText(input.values.answer ?? ''),
      };
  if (!r.success) for (const i of r.error.issues) fieldErrors[String(i.path[0])] ??= i.message;
  const mine = new Map((await staffFiles(db, p.id)).map((f) => [f.id, f]));
  const files: PublicFile[] = [];
  for (const id of new Set(input.publicFileIds)) {
    const f = mine.get(id);
    if (f) files.push({ id: f.id, name: f.originalName });
    else fieldErrors.publicFile = 'publish.errors.unknownFile';
  }
  return { texts, files, fieldErrors };
}

export type Review = {
  texts: PublicTexts;
  files: PublicFile[];
  flags: Flag[];
  groups: FlagGroup[];
  /** field → i18n key (`key|max` for lengths, `publish.errors.hiddenInFormatting|items`) */
  fieldErrors: Record<string, string>;
  decisionErrors: Array<{ key: string; error: string }>;
};

/** intent=check: what would be public and what the detector flags in it. Writes nothing. */
export async function reviewPublication(
  { actor, paknId, input }: { actor: Actor; paknId: number; input: PublicationInput },
  db: DbOrTx = getDb(),
): Promise<Review> {
  const p = await loadForPublication({ actor, paknId }, db);
  return review(p, input, db);
}

/** The check of `input` for `p` (already loaded and allowed), inside the caller's transaction if any. */
export async function review(p: Pakn, input: PublicationInput, db: DbOrTx): Promise<Review> {
  const { texts, files, fieldErrors } = await parseTexts(p, input, db);
  const checked = checkableTexts(texts);
  const r = reviewTexts({
    texts: checked,
    files,
    renderedAnswer: markdownToPlainText(checked.answer),
    ctx: await piiContext(p, db),
  });
  if (r.answerError) fieldErrors.answer ??= r.answerError;
  return { texts, files, flags: r.flags, groups: r.groups, fieldErrors, decisionErrors: [] };
}

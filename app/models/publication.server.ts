// Publishing an answer (issue #4; spec §5, §7 VI.4, §8). Redaction is a checked step: the detector runs on
// every text and file name that would become public, each flag must be redacted or dismissed with a reason,
// and a final pass on the redacted result must find nothing but dismissed flags before anything is written.
// Decisions are carried by the form (stateless); a flag is identified by a hash of where it was found, its
// kind and its text, so the same flag keeps its decision from one check to the next.
//
// publishedAt is the date the result FIRST became public: editing, or publishing again after a withdrawal,
// keeps it (the legal publication date and the "2 working days after the answer" check rest on it, and
// editing must not move an old answer to the top of the feeds).
//
// The public timeline shows each time the answer BECOMES public: the first publication, and a publication
// after a withdrawal (the withdrawal is public too, so the reader sees withdrawn, then published again).
// Publishing while already published is an edit: an internal 'publication_updated' event, so the public
// timeline never shows "Công khai kết quả" twice in a row (issue 13.28).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import * as s from '~db/schema';
import { toLocalDate } from '~/domain/calendar';
import { computeDueDate, dueState, type DueDate, type DueState } from '~/domain/deadlines';
import { canOnPakn, canReadPakn, type Actor } from '~/domain/permissions';
import {
  applyRedactions,
  detectPii,
  REDACTION_MARKER_VI,
  type PiiContext,
  type PiiFlag,
  type PiiKind,
} from '~/domain/redaction';
import { cleanLine, cleanText } from '~/domain/text';
import { listAgencyContacts } from './agency-contacts.server';
import { audit } from './audit.server';
import { getCalendar, getDeadlineRules } from './config.server';
import { answerDueDate } from './pakn.server';
import { indexPublic, unindexPublic } from './public.server';
import { BODY_MAX, WorkflowError } from './workflow.server';
import { getDb, type Db, type DbOrTx } from '~/utils/db.server';
import type { Tx } from '~/utils/db.server';
import { markdownToPlainText } from '~/utils/markdown.server';
import type { StoredUpload } from '~/utils/uploads.server';

export type Pakn = typeof s.pakn.$inferSelect;
export const TITLE_MAX = 300;
export const SUMMARY_MAX = 12_000;
export const REASON_MAX = 1000;
export const TEXT_SOURCES = ['title', 'summary', 'answer'] as const;
type TextSource = (typeof TEXT_SOURCES)[number];
export type PublicTexts = Record<TextSource, string>;
type PublicFile = { id: number; name: string };
export type Flag = PiiFlag & { key: string };
export type Snippet = { before: string; match: string; after: string };
/** One decision to take: every occurrence of the same text of the same kind in the same place. */
export type FlagGroup = {
  key: string;
  source: string;
  kind: PiiKind;
  text: string;
  count: number;
  contexts: Snippet[];
};
export type Decision = { decision: 'redact' | 'dismiss'; reason: string };

// ---------- access ----------

/** 404 when the actor may not read it, 403 without pakn:publish, 409 unless answered. */
export function loadForPublication(
  { actor, paknId }: { actor: Actor; paknId: number },
  db: DbOrTx | Tx = getDb(),
): Pakn {
  const p = db.select().from(s.pakn).where(eq(s.pakn.id, paknId)).get();
  if (!p || !canReadPakn(actor, p)) throw new WorkflowError(404, 'staff.errors.notFound');
  if (!canOnPakn(actor, 'pakn:publish', p)) throw new WorkflowError(403, 'staff.errors.forbidden');
  if (p.status !== 'answered')
    throw new WorkflowError(409, 'publish.errors.notAnswered', { status: p.status });
  return p;
}

function piiContext(p: Pakn, db: DbOrTx | Tx): Omit<PiiContext, 'source'> {
  return {
    submitterName: p.fullName,
    submitterAddress: p.address,
    orgName: p.orgName,
    representative: p.representative,
    allowedContacts: listAgencyContacts(db),
  };
}

/** Files staff uploaded for publication (redacted copies, the signed letter): the only ones that can go public. */
function staffFiles(db: DbOrTx | Tx, paknId: number) {
  return db
    .select()
    .from(s.attachments)
    .where(and(eq(s.attachments.paknId, paknId), eq(s.attachments.source, 'staff')))
    .orderBy(asc(s.attachments.id))
    .all();
}

/** spec §6: publish within N working days after the answer. */
export function publishDueDate(p: Pick<Pakn, 'answeredAt'>, db: DbOrTx = getDb()): DueDate | null {
  if (!p.answeredAt) return null;
  return computeDueDate({
    start: toLocalDate(p.answeredAt),
    ...getDeadlineRules(db).publish,
    calendar: getCalendar(db),
  });
}

export function getPublicationPage(
  { actor, paknId, now = new Date() }: { actor: Actor; paknId: number; now?: Date },
  db: DbOrTx = getDb(),
) {
  const p = loadForPublication({ actor, paknId }, db);
  const answer = db.select().from(s.answers).where(eq(s.answers.paknId, p.id)).get();
  const files = db
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
    .orderBy(asc(s.attachments.id))
    .all();
  const due = publishDueDate(p, db);
  let dueStatus: DueState | 'publishedOnTime' | 'publishedLate' | null = null;
  if (due && p.publishedAt)
    dueStatus = toLocalDate(p.publishedAt) <= due.due ? 'publishedOnTime' : 'publishedLate';
  else if (due) dueStatus = dueState(due, toLocalDate(now), getCalendar(db));
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

const text = (max: number, clean = cleanText) =>
  z
    .string()
    .optional()
    .transform((v) => clean(v ?? ''))
    .pipe(z.string().min(1, 'staff.errors.required').max(max, `staff.errors.tooLong|${max}`));
const textsSchema = z.object({
  title: text(TITLE_MAX, cleanLine),
  summary: text(SUMMARY_MAX),
  answer: text(BODY_MAX),
});

export type PublicationInput = { values: Record<string, string>; publicFileIds: number[] };
type Parsed = { texts: PublicTexts; files: PublicFile[]; fieldErrors: Record<string, string> };

function parseTexts(p: Pakn, input: PublicationInput, db: DbOrTx | Tx): Parsed {
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
  const mine = new Map(staffFiles(db, p.id).map((f) => [f.id, f]));
  const files: PublicFile[] = [];
  for (const id of new Set(input.publicFileIds)) {
    const f = mine.get(id);
    if (f) files.push({ id: f.id, name: f.originalName });
    else fieldErrors.publicFile = 'publish.errors.unknownFile';
  }
  return { texts, files, fieldErrors };
}

// ---------- detection ----------

export function flagKey(source: string, kind: string, text: string): string {
  return createHash('sha1').update(`${source}\u0000${kind}\u0000${text}`).digest('hex').slice(0, 12);
}

const fileSource = (name: string) => `file:${name}`;

function detectIn(text: string, source: string, ctx: Omit<PiiContext, 'source'>): Flag[] {
  return detectPii(text, { ...ctx, source }).map((f) => ({ ...f, key: flagKey(source, f.kind, f.text) }));
}

/** Flags in the texts and the public file names, as they would be published. */
function detectAll(texts: PublicTexts, files: PublicFile[], ctx: Omit<PiiContext, 'source'>): Flag[] {
  return [
    ...TEXT_SOURCES.flatMap((src) => detectIn(texts[src], src, ctx)),
    ...files.flatMap((f) => detectIn(f.name, fileSource(f.name), ctx)),
  ];
}

/**
 * Markdown can split personal data so that the source looks clean while the rendered text does not
 * ('0912\.345\.678', entities): what the rendering shows is checked too, under the same keys.
 */
function hiddenByFormatting(answer: string, known: Set<string>, ctx: Omit<PiiContext, 'source'>): Flag[] {
  return detectIn(markdownToPlainText(answer), 'answer', ctx).filter((f) => !known.has(f.key));
}

function snippet(text: string, start: number, end: number): Snippet {
  const flat = (x: string) => x.replace(/\s+/g, ' ');
  let before = text.slice(Math.max(0, start - 48), start);
  if (start > 48) before = `…${before.replace(/^\S*\s/, '')}`;
  let after = text.slice(end, end + 48);
  if (end + 48 < text.length) after = `${after.replace(/\s\S*$/, '')}…`;
  return { before: flat(before), match: text.slice(start, end), after: flat(after) };
}

function groupFlags(flags: Flag[], texts: PublicTexts): FlagGroup[] {
  const groups = new Map<string, FlagGroup>();
  for (const f of flags) {
    const whole = f.source.startsWith('file:') ? f.source.slice(5) : texts[f.source as TextSource];
    let g = groups.get(f.key);
    if (!g) {
      g = { key: f.key, source: f.source, kind: f.kind, text: f.text, count: 0, contexts: [] };
      groups.set(f.key, g);
    }
    g.count++;
    if (g.contexts.length < 3) g.contexts.push(snippet(whole, f.start, f.end));
  }
  return [...groups.values()];
}

/** Decisions from the form: `d_<key>` = redact | dismiss, `r_<key>` = the reason (required to dismiss). */
function readDecisions(values: Record<string, string>, groups: FlagGroup[]) {
  const decisions = new Map<string, Decision>();
  const errors: Array<{ key: string; error: 'undecided' | 'reasonRequired' | 'reasonTooLong' }> = [];
  for (const g of groups) {
    const d = values[`d_${g.key}`];
    const reason = cleanText(values[`r_${g.key}`] ?? '');
    if (d !== 'redact' && d !== 'dismiss') errors.push({ key: g.key, error: 'undecided' });
    else if (d === 'dismiss' && !reason) errors.push({ key: g.key, error: 'reasonRequired' });
    else if (reason.length > REASON_MAX) errors.push({ key: g.key, error: 'reasonTooLong' });
    else decisions.set(g.key, { decision: d, reason: d === 'dismiss' ? reason : '' });
  }
  return { decisions, errors };
}

/** A neutral name that keeps the extension, e.g. 'tai-lieu-2.pdf', unique among the published files. */
function neutralName(name: string, taken: Set<string>): string {
  const ext = path
    .extname(name)
    .toLowerCase()
    .replace(/[^.a-z0-9]/g, '');
  let n = 1;
  while (taken.has(`tai-lieu-${n}${ext}`)) n++;
  const out = `tai-lieu-${n}${ext}`;
  taken.add(out);
  return out;
}

function redact(texts: PublicTexts, files: PublicFile[], flags: Flag[], decisions: Map<string, Decision>) {
  const redacted = (f: Flag) => decisions.get(f.key)?.decision === 'redact';
  const out = { ...texts };
  for (const src of TEXT_SOURCES) {
    out[src] = applyRedactions(
      texts[src],
      flags.filter((f) => f.source === src && redacted(f)),
      REDACTION_MARKER_VI,
    );
  }
  const taken = new Set(files.map((f) => f.name));
  const outFiles = files.map((f) =>
    flags.some((x) => x.source === fileSource(f.name) && redacted(x))
      ? { ...f, name: neutralName(f.name, taken) }
      : f,
  );
  return { texts: out, files: outFiles };
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
export function reviewPublication(
  { actor, paknId, input }: { actor: Actor; paknId: number; input: PublicationInput },
  db: DbOrTx = getDb(),
): Review {
  const p = loadForPublication({ actor, paknId }, db);
  return review(p, input, db);
}

function review(p: Pakn, input: PublicationInput, db: DbOrTx | Tx): Review {
  const { texts, files, fieldErrors } = parseTexts(p, input, db);
  const ctx = piiContext(p, db);
  const flags = detectAll(texts, files, ctx);
  const hidden = hiddenByFormatting(texts.answer, new Set(flags.map((f) => f.key)), ctx);
  if (hidden.length)
    fieldErrors.answer ??= `publish.errors.hiddenInFormatting|${[...new Set(hidden.map((f) => f.text))].join(', ')}`;
  return { texts, files, flags, groups: groupFlags(flags, texts), fieldErrors, decisionErrors: [] };
}

// ---------- publish and withdraw ----------

/**
 * intent=publish. Returns the review with errors (nothing written) when a field is invalid or a flag is
 * undecided; throws WorkflowError 409 on a stale version or when redaction leaves undismissed data.
 */
export function publishPakn(
  {
    actor,
    paknId,
    version,
    input,
    ip,
    now = new Date(),
  }: { actor: Actor; paknId: number; version: number; input: PublicationInput; ip?: string; now?: Date },
  db: DbOrTx = getDb(),
): { ok: true } | ({ ok: false } & Review) {
  return db.transaction((tx) => {
    const p = loadForPublication({ actor, paknId }, tx);
    const r = review(p, input, tx);
    const { decisions, errors } = readDecisions(input.values, r.groups);
    if (Object.keys(r.fieldErrors).length || errors.length)
      return { ok: false as const, ...r, decisionErrors: errors };
    if (version !== p.version) throw new WorkflowError(409, 'staff.errors.stale');

    const out = redact(r.texts, r.files, r.flags, decisions);
    // the final pass: whatever the detector still finds must be something staff chose to keep
    const dismissed = new Set([...decisions].filter(([, d]) => d.decision === 'dismiss').map(([k]) => k));
    const ctx = piiContext(p, tx);
    const left = [
      ...detectAll(out.texts, out.files, ctx),
      ...detectIn(markdownToPlainText(out.texts.answer), 'answer', ctx),
    ];
    if (left.some((f) => !dismissed.has(f.key))) throw new WorkflowError(409, 'publish.errors.leftover');

    const republish = p.publication !== 'none';
    const due = answerDueDate(p, tx).due;
    const onTime = p.onTime ?? (p.answeredAt ? toLocalDate(p.answeredAt) <= due : null);
    const res = tx
      .update(s.pakn)
      .set({
        publication: 'published',
        publicTitle: out.texts.title,
        publicSummary: out.texts.summary,
        publicAnswer: out.texts.answer,
        publishedAt: p.publishedAt ?? now,
        withdrawnReason: null,
        onTime,
        version: sql`${s.pakn.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(s.pakn.id, p.id), eq(s.pakn.version, version)))
      .run();
    if (res.changes === 0) throw new WorkflowError(409, 'staff.errors.stale');

    for (const g of r.groups) {
      const d = decisions.get(g.key)!;
      tx.insert(s.redactionFlags)
        .values({
          paknId: p.id,
          source: g.source,
          kind: g.kind,
          text: g.text,
          decision: d.decision,
          reason: d.reason || null,
          decidedByUserId: actor.id,
        })
        .run();
    }
    // only the files chosen now are public; earlier ones not chosen again go back to internal
    const chosen = out.files.map((f) => f.id);
    tx.update(s.attachments)
      .set({ isPublic: false })
      .where(and(eq(s.attachments.paknId, p.id), eq(s.attachments.isPublic, true)))
      .run();
    if (chosen.length)
      tx.update(s.attachments).set({ isPublic: true }).where(inArray(s.attachments.id, chosen)).run();
    for (const f of out.files) {
      if (r.files.find((o) => o.id === f.id)?.name !== f.name) {
        tx.update(s.attachments).set({ originalName: f.name }).where(eq(s.attachments.id, f.id)).run();
      }
    }
    indexPublic(tx, { id: p.id, ...out.texts });
    // an edit of what is public is not a new publication: internal event only (see the module comment)
    const editing = p.publication === 'published';
    tx.insert(s.events)
      .values({
        paknId: p.id,
        type: editing ? 'publication_updated' : 'published',
        actorUserId: actor.id,
        isPublic: !editing,
        data: JSON.stringify({ republish, files: chosen.length }),
      })
      .run();
    const count = (d: Decision['decision']) => [...decisions.values()].filter((x) => x.decision === d).length;
    audit(
      {
        actorUserId: actor.id,
        action: 'pakn.publish',
        targetType: 'pakn',
        targetId: p.id,
        ip,
        // counts only: the flagged texts are personal data
        detail: {
          code: p.code,
          republish,
          redacted: count('redact'),
          dismissed: count('dismiss'),
          files: chosen.length,
        },
      },
      tx,
    );
    return { ok: true as const };
  });
}

/** The reason is shown publicly on the 410 page, so it must itself be free of personal data. */
export function withdrawPakn(
  {
    actor,
    paknId,
    version,
    reason: raw,
    ip,
    now = new Date(),
  }: { actor: Actor; paknId: number; version: number; reason: string; ip?: string; now?: Date },
  db: DbOrTx = getDb(),
): { ok: true } | { ok: false; error: string } {
  return db.transaction((tx) => {
    const p = loadForPublication({ actor, paknId }, tx);
    if (p.publication !== 'published') throw new WorkflowError(409, 'publish.errors.notPublished');
    const reason = cleanText(raw);
    if (!reason) return { ok: false as const, error: 'staff.errors.required' };
    if (reason.length > REASON_MAX)
      return { ok: false as const, error: `staff.errors.tooLong|${REASON_MAX}` };
    const found = detectPii(reason, { ...piiContext(p, tx), source: 'withdrawal' });
    if (found.length)
      return {
        ok: false as const,
        error: `publish.errors.reasonHasPii|${found.map((f) => f.text).join(', ')}`,
      };
    if (version !== p.version) throw new WorkflowError(409, 'staff.errors.stale');
    const res = tx
      .update(s.pakn)
      .set({
        publication: 'withdrawn',
        withdrawnReason: reason,
        version: sql`${s.pakn.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(s.pakn.id, p.id), eq(s.pakn.version, version)))
      .run();
    if (res.changes === 0) throw new WorkflowError(409, 'staff.errors.stale');
    unindexPublic(tx, p.id);
    tx.insert(s.events)
      .values({ paknId: p.id, type: 'withdrawn', actorUserId: actor.id, note: reason, isPublic: true })
      .run();
    audit(
      {
        actorUserId: actor.id,
        action: 'pakn.withdraw',
        targetType: 'pakn',
        targetId: p.id,
        ip,
        detail: { code: p.code },
      },
      tx,
    );
    return { ok: true as const };
  });
}

// ---------- files ----------

/** A redacted copy or the signed letter, stored internal (isPublic false) until a publication selects it. */
export function addPublicationFile(
  {
    actor,
    paknId,
    upload,
    kind,
    copyOf,
    ip,
  }: {
    actor: Actor;
    paknId: number;
    upload: StoredUpload;
    kind: 'copy' | 'letter';
    copyOf?: number;
    ip?: string;
  },
  db: DbOrTx = getDb(),
) {
  return db.transaction((tx) => {
    const p = loadForPublication({ actor, paknId }, tx);
    if (kind === 'letter' && upload.mime !== 'application/pdf')
      throw new WorkflowError(400, 'publish.files.letterPdf');
    if (kind === 'copy') {
      const original = copyOf
        ? tx
            .select({ id: s.attachments.id })
            .from(s.attachments)
            .where(and(eq(s.attachments.id, copyOf), eq(s.attachments.paknId, p.id)))
            .get()
        : undefined;
      if (!original) throw new WorkflowError(400, 'publish.errors.unknownFile');
    }
    const row = tx
      .insert(s.attachments)
      .values({ ...upload, paknId: p.id, source: 'staff', isPublic: false })
      .returning({ id: s.attachments.id })
      .get();
    audit(
      {
        actorUserId: actor.id,
        action: 'pakn.attachment.upload',
        targetType: 'pakn',
        targetId: p.id,
        ip,
        detail: { code: p.code, fileId: row.id, kind, ...(copyOf ? { copyOf } : {}) },
      },
      tx,
    );
    return { id: row.id, name: upload.originalName };
  });
}

/** A public file of a published PAKN, or null (unknown, internal, withdrawn or unpublished). */
export function getPublicFile({ code, fileId }: { code: string; fileId: number }, db: DbOrTx = getDb()) {
  return (
    db
      .select({
        storedName: s.attachments.storedName,
        name: s.attachments.originalName,
        mime: s.attachments.mime,
        size: s.attachments.size,
      })
      .from(s.attachments)
      .innerJoin(s.pakn, eq(s.pakn.id, s.attachments.paknId))
      .where(
        and(
          eq(s.pakn.code, code),
          eq(s.pakn.publication, 'published'),
          eq(s.attachments.id, fileId),
          eq(s.attachments.isPublic, true),
        ),
      )
      .get() ?? null
  );
}

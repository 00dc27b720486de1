// The personal-data review of a publication (issue #4; spec §7 VI.4, §8), pure: the detector runs on every text
// and file name that would become public, each flag must be redacted or dismissed with a reason, and a final pass
// on the redacted result must find nothing but dismissed flags. Decisions are carried by the form (stateless); a
// flag is identified by a hash of where it was found, its kind and its text, so the same flag keeps its decision
// from one check to the next. The reading and writing around it: app/models/publication*.server.ts.
//
// Markdown can split personal data so that the source looks clean while the rendered text does not
// ('0912\.345\.678', entities): the callers pass the answer as rendered (markdownToPlainText), which is checked too,
// under the same keys.
import { z } from 'zod';

import {
  applyRedactions,
  detectPii,
  type PiiContext,
  type PiiFlag,
  type PiiKind,
  REDACTION_MARKER_VI,
} from '~/domain/redaction';
import { sha1Hex } from '~/domain/sha1';
import { cleanText } from '~/domain/text';
import { BODY_MAX } from '~/domain/workflow/intents';

export const TITLE_MAX = 300;
export const SUMMARY_MAX = 12_000;
export const REASON_MAX = 1000;
export const TEXT_SOURCES = ['title', 'summary', 'answer'] as const;
export type TextSource = (typeof TEXT_SOURCES)[number];
export type PublicTexts = Record<TextSource, string>;
export type PublicFile = { id: number; name: string };
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
export type DecisionError = { key: string; error: 'undecided' | 'reasonRequired' | 'reasonTooLong' };
/** The submitter's data the detector looks for, and the agency's own contacts it leaves alone. */
export type ReviewContext = Omit<PiiContext, 'source'>;

// ---------- detection ----------

export function flagKey(source: string, kind: string, text: string): string {
  return sha1Hex(`${source}\u0000${kind}\u0000${text}`).slice(0, 12);
}

export const fileSource = (name: string) => `file:${name}`;

export function detectIn(text: string, source: string, ctx: ReviewContext): Flag[] {
  return detectPii(text, { ...ctx, source }).map((f) => ({ ...f, key: flagKey(source, f.kind, f.text) }));
}

/** Flags in the texts and the public file names, as they would be published. */
export function detectAll(texts: PublicTexts, files: readonly PublicFile[], ctx: ReviewContext): Flag[] {
  return [
    ...TEXT_SOURCES.flatMap((src) => detectIn(texts[src], src, ctx)),
    ...files.flatMap((f) => detectIn(f.name, fileSource(f.name), ctx)),
  ];
}

/** What the rendered answer shows that its source hides: flags under keys not already known. */
export function hiddenByFormatting(renderedAnswer: string, known: Set<string>, ctx: ReviewContext): Flag[] {
  return detectIn(renderedAnswer, 'answer', ctx).filter((f) => !known.has(f.key));
}

/** Up to 48 characters either side of a match, cut at a word boundary, on one line. */
export function snippet(text: string, start: number, end: number): Snippet {
  const flat = (x: string) => x.replace(/\s+/g, ' ');
  let before = text.slice(Math.max(0, start - 48), start);
  if (start > 48) before = `…${before.replace(/^\S*\s/, '')}`;
  let after = text.slice(end, end + 48);
  if (end + 48 < text.length) after = `${after.replace(/\s\S*$/, '')}…`;
  return { before: flat(before), match: text.slice(start, end), after: flat(after) };
}

const isTextSource = (x: string): x is TextSource => (TEXT_SOURCES as readonly string[]).includes(x);

/** One group per key, with the number of occurrences and the first three contexts. */
export function groupFlags(flags: readonly Flag[], texts: PublicTexts): FlagGroup[] {
  const groups = new Map<string, FlagGroup>();
  for (const f of flags) {
    const whole = f.source.startsWith('file:')
      ? f.source.slice(5)
      : isTextSource(f.source)
        ? texts[f.source]
        : '';
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

export type ReviewResult = {
  flags: Flag[];
  groups: FlagGroup[];
  /** `publish.errors.hiddenInFormatting|items` when the rendered answer shows data its source hides */
  answerError: string | null;
};

/**
 * The texts the detector reads: one over its maximum is refused for its length, and not read. The detector's
 * cost grows faster than the text (5 s for 224,000 characters, minutes for a 4.8 MB post), and a text that
 * must be shortened is checked again when it comes back.
 */
export function checkableTexts(texts: PublicTexts): PublicTexts {
  return {
    title: texts.title.length <= TITLE_MAX ? texts.title : '',
    summary: texts.summary.length <= SUMMARY_MAX ? texts.summary : '',
    answer: texts.answer.length <= BODY_MAX ? texts.answer : '',
  };
}

/** The check: every flag of what would be public, grouped; and what the formatting hides. */
export function reviewTexts({
  texts,
  files,
  renderedAnswer,
  ctx,
}: {
  texts: PublicTexts;
  files: readonly PublicFile[];
  renderedAnswer: string;
  ctx: ReviewContext;
}): ReviewResult {
  const flags = detectAll(texts, files, ctx);
  const hidden = hiddenByFormatting(renderedAnswer, new Set(flags.map((f) => f.key)), ctx);
  const answerError = hidden.length
    ? `publish.errors.hiddenInFormatting|${[...new Set(hidden.map((f) => f.text))].join(', ')}`
    : null;
  return { flags, groups: groupFlags(flags, texts), answerError };
}

// ---------- decisions ----------

/** Decisions from the form: `d_<key>` = redact | dismiss, `r_<key>` = the reason (required to dismiss). */
export function readDecisions(
  values: Readonly<Record<string, string | undefined>>,
  groups: readonly FlagGroup[],
): { decisions: Map<string, Decision>; errors: DecisionError[] } {
  const decisions = new Map<string, Decision>();
  const errors: DecisionError[] = [];
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

export function countDecisions(decisions: ReadonlyMap<string, Decision>, d: Decision['decision']): number {
  return [...decisions.values()].filter((x) => x.decision === d).length;
}

// ---------- redaction ----------

/** The extension of a file name as node's path.extname gives it ('a.PDF' → '.PDF', '.env' → ''). */
export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || /^\.+$/.test(base)) return '';
  return base.slice(dot);
}

/** A neutral name that keeps the extension, e.g. 'tai-lieu-2.pdf', unique among the published files. */
export function neutralName(name: string, taken: Set<string>): string {
  const ext = extensionOf(name)
    .toLowerCase()
    .replace(/[^.a-z0-9]/g, '');
  let n = 1;
  while (taken.has(`tai-lieu-${n}${ext}`)) n++;
  const out = `tai-lieu-${n}${ext}`;
  taken.add(out);
  return out;
}

/** The texts with every flag decided "redact" replaced by the marker; a flagged file name becomes neutral. */
export function redact(
  texts: PublicTexts,
  files: readonly PublicFile[],
  flags: readonly Flag[],
  decisions: ReadonlyMap<string, Decision>,
): { texts: PublicTexts; files: PublicFile[] } {
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

/**
 * The final pass: true when the detector still finds, in the redacted texts, file names or rendered answer,
 * something staff did not choose to keep.
 */
export function leavesUndismissed({
  texts,
  files,
  renderedAnswer,
  ctx,
  decisions,
}: {
  texts: PublicTexts;
  files: readonly PublicFile[];
  renderedAnswer: string;
  ctx: ReviewContext;
  decisions: ReadonlyMap<string, Decision>;
}): boolean {
  const dismissed = new Set([...decisions].filter(([, d]) => d.decision === 'dismiss').map(([k]) => k));
  const left = [...detectAll(texts, files, ctx), ...detectIn(renderedAnswer, 'answer', ctx)];
  return left.some((f) => !dismissed.has(f.key));
}

// ---------- withdrawal ----------

/**
 * The withdrawal form (one schema for the browser and the action). The action checks the reason again, with
 * the personal-data check the browser cannot do (checkWithdrawReason). Messages: ~/utils/forms encoding.
 */
export const withdrawSchema = z.object({
  version: z.string().optional(),
  withdrawReason: z
    .string({ required_error: 'staff.errors.required' })
    .transform((v) => cleanText(v))
    .pipe(z.string().min(1, 'staff.errors.required').max(REASON_MAX, `staff.errors.tooLong|${REASON_MAX}`)),
});

/**
 * The reason of a withdrawal, cleaned, or the error key: it is shown publicly on the 410 page, so it must itself
 * be free of personal data.
 */
export function checkWithdrawReason(
  raw: string,
  ctx: ReviewContext,
): { ok: true; reason: string } | { ok: false; error: string } {
  const reason = cleanText(raw);
  if (!reason) return { ok: false, error: 'staff.errors.required' };
  if (reason.length > REASON_MAX) return { ok: false, error: `staff.errors.tooLong|${REASON_MAX}` };
  const found = detectPii(reason, { ...ctx, source: 'withdrawal' });
  if (found.length)
    return { ok: false, error: `publish.errors.reasonHasPii|${found.map((f) => f.text).join(', ')}` };
  return { ok: true, reason };
}

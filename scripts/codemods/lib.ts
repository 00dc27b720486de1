import { type SourceFile } from 'ts-morph';

export type TextEdit = { start: number; end: number; text: string };

/** Applies non-overlapping edits per file, from the end; an edit containing another is skipped (next pass). */
export function applyEdits(file: SourceFile, edits: TextEdit[]): number {
  const sorted = [...edits].sort((a, b) => b.start - a.start || a.end - b.end);
  const kept: TextEdit[] = [];
  for (const e of sorted) {
    if (kept.some((k) => k.start < e.end && e.start < k.end)) continue; // overlaps an inner one already kept
    kept.push(e);
  }
  let text = file.getFullText();
  for (const e of kept.sort((a, b) => b.start - a.start))
    text = text.slice(0, e.start) + e.text + text.slice(e.end);
  file.replaceWithText(text);
  return kept.length;
}

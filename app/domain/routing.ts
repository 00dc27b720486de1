/**
 * Unit suggestion for the coordinator's classification step. It only suggests: the coordinator decides,
 * so ranking must be predictable and explainable rather than clever.
 */

export type FieldRule = { fieldId: number; unitId: number };
/** matched diacritic-insensitively, whole words */
export type KeywordRule = { keyword: string; unitId: number };
export type Suggestion = { unitId: number; reason: 'field' | 'keyword'; detail: string; score: number };

/**
 * The field is chosen by the submitter or coordinator on purpose, so it dominates any amount of keyword evidence;
 * the weight is only a display score, ordering uses the reason first.
 */
export const FIELD_SCORE = 100;

/** NFC, lower-case, strip diacritics, đ→d, collapse spaces — shared with search so both agree on matches. */
export function foldVietnamese(s: string): string {
  return (
    s
      .normalize('NFC')
      .toLowerCase()
      // đ has no decomposition, so NFD alone leaves it; ð (U+00F0) shows up in text converted from legacy
      // TCVN3/VNI encodings in place of đ.
      .replace(/[đð]/g, 'd')
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .normalize('NFC')
      .replace(/\s+/gu, ' ')
      .trim()
  );
}

/** Punctuation becomes a word boundary so "thuế," or "(đất đai)" still match whole words. */
function toWords(s: string): string {
  return foldVietnamese(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

type Acc = { unitId: number; field: boolean; keywords: string[]; keywordScore: number };

export function suggestUnits(
  input: { fieldId: number | null; text: string },
  rules: { fields: readonly FieldRule[]; keywords: readonly KeywordRule[] },
): Suggestion[] {
  const byUnit = new Map<number, Acc>();
  const acc = (unitId: number): Acc => {
    let a = byUnit.get(unitId);
    if (!a) {
      a = { unitId, field: false, keywords: [], keywordScore: 0 };
      byUnit.set(unitId, a);
    }
    return a;
  };

  if (input.fieldId !== null) {
    for (const rule of rules.fields) {
      if (rule.fieldId === input.fieldId) acc(rule.unitId).field = true;
    }
  }

  // Padding lets a plain substring test enforce whole-word matches without building a regex per rule.
  const haystack = ` ${toWords(input.text)} `;
  if (haystack.trim() !== '') {
    const seen = new Set<string>();
    for (const rule of rules.keywords) {
      const needle = toWords(rule.keyword);
      if (needle === '') continue;
      // The same keyword configured twice for a unit must not double its weight.
      const key = `${rule.unitId}|${needle}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!haystack.includes(` ${needle} `)) continue;
      const a = acc(rule.unitId);
      a.keywords.push(rule.keyword.trim());
      // A multi-word phrase is more specific evidence than a single common word.
      a.keywordScore += needle.split(' ').length;
    }
  }

  const suggestions = [...byUnit.values()].map((a): Suggestion => {
    const kw = a.keywords.join(', ');
    if (a.field) {
      const detail = kw === '' ? `field ${input.fieldId}` : `field ${input.fieldId}; keywords: ${kw}`;
      return { unitId: a.unitId, reason: 'field', detail, score: FIELD_SCORE + a.keywordScore };
    }
    return { unitId: a.unitId, reason: 'keyword', detail: kw, score: a.keywordScore };
  });

  // Ties fall back to the unit id so the same input always yields the same list (stable UI, testable).
  return suggestions.sort(
    (x, y) =>
      Number(y.reason === 'field') - Number(x.reason === 'field') || y.score - x.score || x.unitId - y.unitId,
  );
}

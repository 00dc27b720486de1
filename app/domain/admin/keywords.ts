// Routing keywords: a word or phrase of a PAKN that suggests a unit; compared without diacritics or case.
import { z } from 'zod';

import { foldVietnamese } from '~/domain/routing';

import { id, text } from './schema-parts';

export const keywordSchema = z.object({
  keyword: text(100).refine((v) => foldVietnamese(v).length >= 2, 'admin.errors.keywordShort'),
  unitId: id(),
});
export type KeywordValues = z.output<typeof keywordSchema>;

/** True when `value` is another spelling (case, diacritics) of one of `existing` (keywords, agency names). */
export function matchesFolded(value: string, existing: string[]): boolean {
  const folded = foldVietnamese(value);
  return existing.some((k) => foldVietnamese(k) === folded);
}

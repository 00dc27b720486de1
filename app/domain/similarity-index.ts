/**
 * What the database's candidate index (migration similarity_index) stores for one PAKN, and how a prepared query
 * is turned into an FTS5 query over it. Pure: the SQL functions that call these are registered on every
 * connection by ~/utils/sql-functions.server, and the triggers on `pakn` use them, so the index is written in
 * the same transaction as the PAKN itself.
 *
 * - `pakn_similar(pakn_id, title_terms, content_terms, cite_keys)`: the output of `tokenize()` for title and
 *   content and the distinct citation keys, so that a candidate is rebuilt with `preparedFromIndex()` without
 *   folding and parsing its text again (that costs ≈0.5 ms a PAKN; rebuilding ≈20 µs);
 * - `pakn_similar_fts(terms, cites)`: the words (one FTS token each) and the citation index keys as single
 *   tokens (`nd:20/2008` → `nd_20_2008` and `nd_20`), to choose the candidates.
 */
import { type Citation, citationIndexKeys, type CitationKind, findCitations } from './citations';
import { type PreparedDoc, tokenize, WEIGHTS } from './similarity';

/** One FTS token for a citation key: `nd:20/2008` → `nd_20_2008` (the index keeps '_' inside tokens). */
export function citationToken(key: string): string {
  return key.replace(/[^a-z0-9]+/g, '_');
}

/** What `pakn_similar.title_terms` / `content_terms` hold for a text. */
export function indexTokens(text: string): string {
  return tokenize(text).join(' ');
}

/** What `pakn_similar.cite_keys` holds: the distinct keys of every citation in title, content and reference. */
export function indexCiteKeys(title: string, content: string, regulationRef: string | null): string {
  const keys = new Set<string>();
  for (const c of findCitations(`${title}\n${content}\n${regulationRef ?? ''}`)) keys.add(c.key);
  return [...keys].join(' ');
}

const KINDS: readonly CitationKind[] = ['luat', 'nd', 'tt', 'ttlt', 'qd'];

/** A citation back from its key (`nd:20/2008`, `nd:20`); the issuer is not kept (the scoring does not use it). */
export function citationFromKey(key: string): Citation | null {
  const m = /^([a-z]+):(\d+)(?:\/(\d{4}))?$/.exec(key);
  const kind = KINDS.find((k) => k === m?.[1]);
  if (!m || !kind) return null;
  const looseKey = `${kind}:${Number(m[2])}`;
  return { kind, number: Number(m[2]), year: m[3] ? Number(m[3]) : null, issuer: null, key, looseKey };
}

const KIND_LABELS: Record<CitationKind, string> = {
  luat: 'Luật',
  nd: 'NĐ',
  tt: 'TT',
  ttlt: 'TTLT',
  qd: 'QĐ',
};

/** A citation key as staff read it: `nd:20/2008` → "NĐ 20/2008"; anything else as it is. */
export function citationLabel(key: string): string {
  const c = citationFromKey(key);
  return c ? `${KIND_LABELS[c.kind]} ${c.number}${c.year === null ? '' : `/${c.year}`}` : key;
}

/** What `pakn_similar_fts.cites` holds: each key and its year-less form, as FTS tokens. */
export function indexCiteTokens(citeKeys: string): string {
  const out = new Set<string>();
  for (const key of citeKeys.split(' ')) {
    const c = citationFromKey(key);
    if (c) for (const k of citationIndexKeys(c)) out.add(citationToken(k));
  }
  return [...out].join(' ');
}

export type IndexRow = {
  id: number;
  titleTerms: string;
  contentTerms: string;
  citeKeys: string;
  submitterKey: string | null;
};

/** The same PreparedDoc as `prepareDocument()` without procedures (issuers aside), from the stored tokens. */
export function preparedFromIndex(row: IndexRow): PreparedDoc {
  const terms = new Map<string, number>();
  const add = (stored: string, w: number) => {
    const tokens = stored ? stored.split(' ') : [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      terms.set(t, (terms.get(t) ?? 0) + w);
    }
    for (let i = 1; i < tokens.length; i++) {
      const pair = `${tokens[i - 1]} ${tokens[i]}`;
      terms.set(pair, (terms.get(pair) ?? 0) + w);
    }
  };
  add(row.titleTerms, WEIGHTS.title);
  add(row.contentTerms, 1);
  const citations = row.citeKeys
    .split(' ')
    .map(citationFromKey)
    .filter((c): c is Citation => c !== null);
  return { id: row.id, terms, citations, procedureIds: new Set(), submitterKey: row.submitterKey };
}

/** The citation tokens a query should look up: exact keys and, for a year-less citation, its loose key. */
export function queryCitationTokens(doc: PreparedDoc): string[] {
  const out = new Set<string>();
  for (const c of doc.citations) out.add(citationToken(c.year === null ? c.looseKey : c.key));
  return [...out];
}

/** The single syllables of a prepared document (pairs are scored, but looked up through their syllables). */
export function syllablesOf(doc: PreparedDoc): string[] {
  return [...doc.terms.keys()].filter((t) => !t.includes(' '));
}

export type TermBudget = {
  /** stop adding terms once the summed document frequency passes this */
  maxPostings: number;
  /** at most this many terms */
  maxTerms: number;
  /** skip terms found in more than this share of all PAKN (they select nothing) */
  maxShare: number;
};

export const DEFAULT_BUDGET: TermBudget = Object.freeze({
  maxPostings: 15_000,
  maxTerms: 12,
  maxShare: 0.25,
});

/**
 * The rarest syllables of the query that still occur in the index, within a budget of postings so a query of
 * common words stays fast; at least two when there are two (a single rare typo selects nothing useful).
 */
export function pickQueryTerms(
  syllables: readonly string[],
  df: ReadonlyMap<string, number>,
  docCount: number,
  budget: TermBudget = DEFAULT_BUDGET,
): string[] {
  const known = syllables
    .map((t) => ({ t, df: df.get(t) ?? 0 }))
    // in a small table every word is "common": the share rule only makes sense from a few hundred PAKN up
    .filter(
      (x) => x.df > 0 && (docCount < 200 || x.df <= docCount * budget.maxShare) && /^[a-z0-9]+$/.test(x.t),
    )
    .sort((a, b) => a.df - b.df || a.t.localeCompare(b.t));
  const out: string[] = [];
  let postings = 0;
  for (const x of known) {
    if (out.length >= budget.maxTerms) break;
    if (out.length >= 1 && postings + x.df > budget.maxPostings) break;
    out.push(x.t);
    postings += x.df;
  }
  return out;
}

/**
 * The text part of the candidate query, and how to order what it selects. Normally the chosen words OR-ed, by
 * bm25 (the PAKN sharing the most, and the rarest, of them first). When even the rarest word is in more PAKN than
 * the budget, ranking all of them costs tens of milliseconds at 300,000 rows: the PAKN holding the two rarest
 * words together are taken instead, newest first. bm25 over two common words ranks every PAKN holding both
 * (30,000–55,000 of 1,000,000 in the bench data) by little more than their length: that ranking took ≈150 ms a
 * query (p95 over 200 ms), while newest first stops after the candidates it needs, and the final scoring of those
 * candidates found PAKN as similar (docs/similarity-timing.md).
 */
export function textQuery(
  syllables: readonly string[],
  df: ReadonlyMap<string, number>,
  docCount: number,
  budget: TermBudget = DEFAULT_BUDGET,
): { match: string; order: 'rank' | 'newest' } | null {
  const c = textCandidates(syllables, df, docCount, budget);
  if (!c) return null;
  const match = c.every ? `terms : (${c.words.join(' AND ')})` : ftsOr('terms', c.words);
  return match ? { match, order: c.order } : null;
}

/**
 * What `textQuery` asks, as words rather than FTS5 syntax (the PostgreSQL twin runs it with
 * pakn_similar_ranked / pakn_similar_any / pakn_similar_all): any of the words by bm25, the two rarest together
 * newest first, or a single too-common word newest first.
 */
export function textCandidates(
  syllables: readonly string[],
  df: ReadonlyMap<string, number>,
  docCount: number,
  budget: TermBudget = DEFAULT_BUDGET,
): { words: string[]; every: boolean; order: 'rank' | 'newest' } | null {
  const terms = pickQueryTerms(syllables, df, docCount, budget).filter((t) => /^[a-z0-9_]+$/.test(t));
  const first = terms[0];
  if (first === undefined) return null;
  if ((df.get(first) ?? 0) <= budget.maxPostings) return { words: terms, every: false, order: 'rank' };
  const two = pickQueryTerms(syllables, df, docCount, { ...budget, maxPostings: Infinity, maxTerms: 2 });
  return two.length === 2
    ? { words: two, every: true, order: 'newest' }
    : { words: terms, every: false, order: 'newest' };
}

/** The MATCH expression of `textQuery`. */
export function textMatch(
  syllables: readonly string[],
  df: ReadonlyMap<string, number>,
  docCount: number,
  budget: TermBudget = DEFAULT_BUDGET,
): string | null {
  return textQuery(syllables, df, docCount, budget)?.match ?? null;
}

/** An FTS5 MATCH expression: a column filter with OR-ed bare tokens (already [a-z0-9_], nothing to quote). */
export function ftsOr(column: 'terms' | 'cites', tokens: readonly string[]): string | null {
  const safe = tokens.filter((t) => /^[a-z0-9_]+$/.test(t));
  return safe.length === 0 ? null : `${column} : (${safe.join(' OR ')})`;
}

// Similar PAKN (issue #15): candidate retrieval from the database; the scoring is app/domain/similarity.ts.
// Candidates are the union of (1) the best bm25 matches of the query's rarest words in pakn_similar_fts,
// (2) every recent PAKN citing one of the query's documents, (3) recent PAKN of the same submitter (e-mail, else phone);
// they are then prepared and ranked in memory, with document frequencies read from the index's vocabulary so
// that IDF describes the whole table. Citizens' suggestions read published fields only (public_fts).
import { and, eq, inArray, sql } from 'drizzle-orm';

import {
  type CorpusStats,
  type MatchReason,
  type PreparedDoc,
  prepareDocument,
  rankSimilar,
  type Strength,
} from '~/domain/similarity';
import {
  ftsOr,
  type IndexRow,
  preparedFromIndex,
  queryCitationTokens,
  syllablesOf,
  textQuery,
} from '~/domain/similarity-index';
import { type DbOrTx, dialectOf, first, getDb, pgQueryableOf, rawAll, rawGet } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import { submitterKeyOf } from '~/utils/sql-functions.server';
import * as s from '~db/schema';

import {
  corpusStatsPg,
  foldSimilarPending,
  publishedCandidatesPg,
  similarCandidateIds,
  similarToTextPg,
} from './pg/search.server';

/** How many candidates each source may give; the scoring of ~250 prepared candidates takes a few ms. */
export const CANDIDATES = Object.freeze({ text: 120, citation: 50, submitter: 20, published: 40 });

export type SimilarQuery = {
  title: string;
  content: string;
  regulationRef?: string | null;
  email?: string | null;
  phone?: string | null;
  /** the PAKN itself, never its own suggestion */
  excludeId?: number;
};

export type StaffSuggestion = {
  id: number;
  code: string;
  title: string;
  status: (typeof s.pakn.$inferSelect)['status'];
  unitId: number | null;
  publication: (typeof s.pakn.$inferSelect)['publication'];
  score: number;
  strength: Strength;
  reasons: MatchReason[];
};

/** A published PAKN as the citizens' suggestions read it: its public title and summary. */
export type PublishedRow = { id: number; code: string; title: string | null; summary: string | null };

export type PublicSuggestion = {
  code: string;
  title: string;
  summary: string;
  score: number;
  strength: Strength;
};

/**
 * Document frequencies from the index vocabulary. fts5vocab counts a term by reading its whole doclist (≈1 ms
 * per 40,000 PAKN), so frequencies are cached per database file for DF_TTL_MS: IDF needs their order of
 * magnitude, not the last PAKN of the hour.
 */
export const DF_TTL_MS = 10 * 60_000;
const DF_CACHE_MAX = 100_000;
const dfCaches = new Map<string, { at: number; df: Map<string, number> }>();

async function cacheFor(db: DbOrTx): Promise<Map<string, number>> {
  const file = (await rawAll<{ name: string; file: string }>(db, sql`PRAGMA database_list`)).find(
    (d) => d.name === 'main',
  );
  const key = file?.file ?? '';
  const now = Date.now();
  let entry = dfCaches.get(key);
  // an in-memory or temporary database has no file name: nothing to share, so no cache
  if (!key) return new Map();
  if (!entry || now - entry.at > DF_TTL_MS || entry.df.size > DF_CACHE_MAX) {
    entry = { at: now, df: new Map() };
    dfCaches.set(key, entry);
  }
  return entry.df;
}

/** Forget the cached frequencies (tests that rewrite the index and want exact IDF at once). */
export function clearSimilarityCache(): void {
  dfCaches.clear();
  publishedDocs.clear();
}

/**
 * Published pages prepared for scoring. Folding and parsing a candidate's public title and summary was half the
 * cost of a citizen's suggestion (≈0.3 ms each, 40 candidates); a page's public text rarely changes, so the
 * prepared form is kept, checked against the text read (an edited or re-published page is prepared again), and
 * the least recently used pages are dropped past PUBLISHED_DOCS_MAX.
 */
const PUBLISHED_DOCS_MAX = 5_000;
const publishedDocs = new Map<number, { title: string; summary: string; doc: PreparedDoc }>();
function preparedPublished(id: number, title: string, summary: string): PreparedDoc {
  const hit = publishedDocs.get(id);
  publishedDocs.delete(id);
  const entry =
    hit && hit.title === title && hit.summary === summary
      ? hit
      : { title, summary, doc: prepareDocument({ id, title, content: summary }) };
  publishedDocs.set(id, entry);
  if (publishedDocs.size > PUBLISHED_DOCS_MAX) {
    const oldest = publishedDocs.keys().next();
    if (!oldest.done) publishedDocs.delete(oldest.value);
  }
  return entry.doc;
}

async function documentFrequencies(db: DbOrTx, terms: readonly string[]): Promise<Map<string, number>> {
  const cache = await cacheFor(db);
  const df = new Map<string, number>();
  const missing: string[] = [];
  for (const t of new Set(terms)) {
    const v = cache.get(t);
    if (v === undefined) missing.push(t);
    else df.set(t, v);
  }
  for (let i = 0; i < missing.length; i += 200) {
    const chunk = missing.slice(i, i + 200);
    const rows = await rawAll<{ term: string; doc: number }>(
      db,
      sql`SELECT term, doc FROM pakn_similar_vocab WHERE term IN (${sql.join(
        chunk.map((t) => sql`${t}`),
        sql`, `,
      )})`,
    );
    // a word no PAKN holds yet is not cached: the next PAKN may bring it, and it must count at once (looking up
    // a missing term is one index seek)
    for (const r of rows) {
      df.set(r.term, r.doc);
      cache.set(r.term, r.doc);
    }
  }
  return df;
}

async function docCount(db: DbOrTx): Promise<number> {
  return (await rawGet<{ n: number | null }>(db, sql`SELECT max(id) AS n FROM pakn`))?.n ?? 0;
}

/** IDF statistics over the whole index; a pair's frequency is taken as its rarer syllable's (an upper bound). */
async function corpusStats(db: DbOrTx, syllables: Iterable<string>): Promise<CorpusStats> {
  const df = await documentFrequencies(db, [...syllables]);
  const n = await docCount(db);
  return {
    docCount: n,
    documentFrequency(term) {
      if (!term.includes(' ')) return df.get(term) ?? 0;
      return Math.min(...term.split(' ').map((t) => df.get(t) ?? 0));
    },
  };
}

async function matchIds(
  db: DbOrTx,
  match: string | null,
  order: 'rank' | 'newest',
  limit: number,
): Promise<number[]> {
  if (!match) return [];
  const rows = await rawAll<{ id: number }>(
    db,
    order === 'rank'
      ? sql`SELECT rowid AS id FROM pakn_similar_fts WHERE pakn_similar_fts MATCH ${match} ORDER BY rank LIMIT ${limit}`
      : sql`SELECT rowid AS id FROM pakn_similar_fts WHERE pakn_similar_fts MATCH ${match} ORDER BY rowid DESC LIMIT ${limit}`,
  );
  return rows.map((r) => r.id);
}

/**
 * PostgreSQL: folds the index's pending vocabulary and totals (migration 0008, app/jobs/similar-fold.server.ts).
 * SQLite has nothing to fold (FTS5 keeps its own statistics).
 */
export async function foldSimilarStatistics(db: DbOrTx = getDb()): Promise<number> {
  return dialectOf(db) === 'pg' ? foldSimilarPending(pgQueryableOf(db)) : 0;
}

/** The candidates of a query text by source, before ranking (the PostgreSQL twin must find the same). */
export async function similarCandidates(
  query: SimilarQuery,
  db: DbOrTx = getDb(),
): Promise<{ text: number[]; citation: number[]; submitter: number[] }> {
  if (dialectOf(db) === 'pg') return similarCandidateIds(pgQueryableOf(db), query);
  return candidatesOf(prepareQuery(query), db);
}

async function candidatesOf(q: PreparedDoc, db: DbOrTx) {
  const qSyllables = syllablesOf(q);
  const qdf = await documentFrequencies(db, qSyllables);
  const n = await docCount(db);
  const text = textQuery(qSyllables, qdf, n);
  return {
    text: await matchIds(db, text?.match ?? null, text?.order ?? 'rank', CANDIDATES.text),
    citation: await matchIds(db, ftsOr('cites', queryCitationTokens(q)), 'newest', CANDIDATES.citation),
    // the same person's earlier PAKN, by e-mail or, without one, by phone (the key the index stores)
    submitter: q.submitterKey
      ? (
          await rawAll<{ id: number }>(
            db,
            sql`SELECT pakn_id AS id FROM pakn_similar WHERE submitter = ${q.submitterKey} ORDER BY pakn_id DESC LIMIT ${CANDIDATES.submitter}`,
          )
        ).map((r) => r.id)
      : [],
  };
}

/** A query text prepared for matching (the PostgreSQL twin prepares it the same way). */
export function prepareQuery(query: SimilarQuery): PreparedDoc {
  return prepareDocument({
    id: query.excludeId ?? 0,
    title: query.title,
    content: query.content,
    regulationRef: query.regulationRef ?? null,
    submitterKey: submitterKeyOf(query.email, query.phone),
  });
}

/** Staff suggestions for any text (a PAKN being classified, or a new one), strongest first. */
export async function similarToText(
  query: SimilarQuery,
  { limit = 5, minStrength = 'weak' }: { limit?: number; minStrength?: Strength } = {},
  db: DbOrTx = getDb(),
): Promise<StaffSuggestion[]> {
  // PostgreSQL: the same candidates, statistics and ranking over pakn_similar (app/models/pg/search.server.ts)
  if (dialectOf(db) === 'pg') return similarToTextPg(pgQueryableOf(db), query, { limit, minStrength });
  const q = prepareQuery(query);
  const found = await candidatesOf(q, db);
  const ids = new Set<number>([...found.text, ...found.citation, ...found.submitter]);
  if (query.excludeId !== undefined) ids.delete(query.excludeId);
  if (ids.size === 0) return [];
  // the compact index rows first; the PAKN's own row only for the few that are shown
  const rows = await rawAll<IndexRow>(
    db,
    sql`
    SELECT pakn_id AS id, title_terms AS titleTerms, content_terms AS contentTerms, cite_keys AS citeKeys,
           submitter AS submitterKey
    FROM pakn_similar WHERE pakn_id IN (${sql.join(
      [...ids].map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  const docs = rows.map(preparedFromIndex);
  const all = new Set(syllablesOf(q));
  for (const d of docs) for (const t of syllablesOf(d)) all.add(t);
  const stats = await corpusStats(db, all);
  const matches = rankSimilar(q, docs, stats, { limit, minStrength });
  if (matches.length === 0) return [];
  const shown = await db
    .select({
      id: s.pakn.id,
      code: s.pakn.code,
      title: s.pakn.title,
      status: s.pakn.status,
      unitId: s.pakn.unitId,
      publication: s.pakn.publication,
    })
    .from(s.pakn)
    .where(
      inArray(
        s.pakn.id,
        matches.map((m) => Number(m.id)),
      ),
    );
  const byId = new Map(shown.map((r) => [r.id, r]));
  return matches.flatMap((m) => {
    const r = byId.get(Number(m.id));
    return r ? [{ ...r, score: m.score, strength: m.strength, reasons: m.reasons }] : [];
  });
}

/** Suggestions for a stored PAKN (record page, classify step). */
export async function similarToPakn(
  paknId: number,
  limit = 5,
  db: DbOrTx = getDb(),
): Promise<StaffSuggestion[]> {
  const p = await first(
    db
      .select({
        title: s.pakn.title,
        content: s.pakn.content,
        regulationRef: s.pakn.regulationRef,
        email: s.pakn.email,
        phone: s.pakn.phone,
      })
      .from(s.pakn)
      .where(eq(s.pakn.id, paknId)),
  );
  return p ? await similarToText({ ...p, excludeId: paknId }, { limit }, db) : [];
}

/** Published PAKN whose public text holds the query's words (public_fts), at most CANDIDATES.published. */
async function publishedCandidates(db: DbOrTx, qSyllables: string[]): Promise<PublishedRow[]> {
  const qdf = await documentFrequencies(db, qSyllables);
  const text = textQuery(qSyllables, qdf, await docCount(db));
  if (!text) return [];
  // public_fts has one column (text): the same OR-expression without the column filter
  const publicMatch = text.match.replace(/^terms : /, '');
  const order = text.order === 'rank' ? sql`rank` : sql`rowid DESC`;
  return await db
    .select({
      id: s.pakn.id,
      code: s.pakn.code,
      title: s.pakn.publicTitle,
      summary: s.pakn.publicSummary,
    })
    .from(s.pakn)
    .where(
      and(
        // `+` keeps SQLite from walking every published PAKN by the publication index and testing each against
        // the 40 candidates (4.4 ms at 100,000 PAKN); the candidates are looked up by id instead (2.1 ms)
        sql`+${s.pakn.publication} = 'published'`,
        inArray(
          s.pakn.id,
          sql`(SELECT rowid FROM public_fts WHERE public_fts MATCH ${publicMatch} ORDER BY ${order} LIMIT ${CANDIDATES.published})`,
        ),
      ),
    );
}

/**
 * For citizens: published answers that look like the question being written. Only the published title and
 * summary are matched and returned (never the submitter, the private text, or a withdrawn page); a suggestion
 * needs medium strength. Submitter and private citations play no part.
 */
export async function publishedSimilar(
  query: { title: string; content: string },
  limit = 3,
  db: DbOrTx = getDb(),
): Promise<PublicSuggestion[]> {
  // the benchmark's "without suggestions" server (scripts/bench.ts --similar-compare); always on otherwise
  if (getEnv().SIMILAR_SUGGESTIONS === 'off') return [];
  const q = prepareDocument({ id: 0, title: query.title, content: query.content });
  const qSyllables = syllablesOf(q);
  // PostgreSQL: candidates from the public search's index, statistics from pakn_similar_vocab (pg/search.server.ts)
  const pg = dialectOf(db) === 'pg' ? pgQueryableOf(db) : null;
  const rows = pg ? await publishedCandidatesPg(pg, qSyllables) : await publishedCandidates(db, qSyllables);
  const docs = rows.map((r) => preparedPublished(r.id, r.title ?? '', r.summary ?? ''));
  const all = new Set(qSyllables);
  for (const d of docs) for (const t of syllablesOf(d)) all.add(t);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const stats = pg ? await corpusStatsPg(pg, all) : await corpusStats(db, all);
  return rankSimilar(q, docs, stats, { limit, minStrength: 'medium' }).flatMap((m) => {
    const r = byId.get(Number(m.id));
    return r
      ? [
          {
            code: r.code,
            title: r.title ?? '',
            summary: r.summary ?? '',
            score: m.score,
            strength: m.strength,
          },
        ]
      : [];
  });
}

/**
 * The earlier, answered PAKN a refusal under R08 points to (set by the refuse step as duplicate_of_id), with the
 * public page of its answer; null for any other refusal. Read by the refusal notice and its e-mail.
 */
export async function repeatOfRefusal(
  db: DbOrTx,
  p: { status: string; refusalReason: string | null; duplicateOfId: number | null },
): Promise<{ code: string; url: string } | null> {
  if (p.status !== 'refused' || p.refusalReason !== 'R08' || p.duplicateOfId === null) return null;
  const original = await first(
    db.select({ code: s.pakn.code }).from(s.pakn).where(eq(s.pakn.id, p.duplicateOfId)),
  );
  return original ? { code: original.code, url: `${getEnv().BASE_URL}/cong-khai/${original.code}` } : null;
}

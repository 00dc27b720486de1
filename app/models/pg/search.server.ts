// The PostgreSQL side of the staff search and of the similar-PAKN index (db/migrations-pg 0004, docs/postgresql.md):
// the SQL the PostgreSQL path runs where the SQLite path uses FTS5 (app/models/queue.server.ts, similarity.server.ts).
// The models call them on PostgreSQL (through pgQueryableOf), db:copy on its client; tests/integration/pg-similar.test.ts
// checks that they give what the SQLite path gives.
import { type CorpusStats, type PreparedDoc, rankSimilar, type Strength } from '~/domain/similarity';
import {
  indexCiteKeys,
  indexCiteTokens,
  type IndexRow,
  indexTokens,
  preparedFromIndex,
  queryCitationTokens,
  syllablesOf,
  textCandidates,
} from '~/domain/similarity-index';
import { staffSearchWords } from '~/models/queue.server';
import {
  CANDIDATES,
  prepareQuery,
  type PublishedRow,
  type SimilarQuery,
  type StaffSuggestion,
} from '~/models/similarity.server';
import type { PgQueryable } from '~/utils/db.server';
import { submitterKeyOf } from '~/utils/sql-functions.server';

/** The staff search condition; `$n` takes `staffSearchWords(q)` (leave the condition out when there are none). */
export function staffSearchCondition(param: number): string {
  return `pakn_staff_tsv(search_text) @@ pakn_staff_query($${param}::text[])`;
}

/** Ids of the PAKN a staff search finds, oldest first (the queue adds its own filters and order). */
export async function staffSearchIds(client: PgQueryable, q: string): Promise<number[] | null> {
  const words = staffSearchWords(q);
  if (words.length === 0) return null; // no words: no search condition, as on SQLite
  const { rows } = await client.query<{ id: number }>(
    `SELECT id FROM pakn WHERE ${staffSearchCondition(1)} ORDER BY id`,
    [words],
  );
  return rows.map((r) => r.id);
}

export type SimilarSource = {
  id: number;
  title: string;
  content: string;
  regulationRef: string | null;
  email: string | null;
  phone: string;
};

/** One pakn_similar row as the SQLite triggers write it (similarity_tokens …), plus its citation tokens. */
export function similarIndexValues(p: SimilarSource): unknown[] {
  const citeKeys = indexCiteKeys(p.title, p.content, p.regulationRef);
  return [
    p.id,
    indexTokens(p.title),
    indexTokens(p.content),
    citeKeys,
    submitterKeyOf(p.email, p.phone),
    indexCiteTokens(citeKeys).split(' ').filter(Boolean),
  ];
}

const COLUMNS = 6;

/**
 * Writes the similar-PAKN rows of these PAKN, in the transaction that inserted them or changed their title,
 * content, regulation_ref, e-mail or phone (pakn_similar_required refuses the commit otherwise).
 */
export async function upsertSimilarIndex(client: PgQueryable, sources: readonly SimilarSource[]) {
  // at most 65,535 parameters a statement
  for (let i = 0; i < sources.length; i += 2_000) {
    const chunk = sources.slice(i, i + 2_000);
    const tuples = chunk.map(
      (_, r) => `(${Array.from({ length: COLUMNS }, (_c, c) => `$${r * COLUMNS + c + 1}`).join(', ')})`,
    );
    await client.query(
      `INSERT INTO pakn_similar (pakn_id, title_terms, content_terms, cite_keys, submitter, cite_tokens)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (pakn_id) DO UPDATE SET title_terms = excluded.title_terms, content_terms = excluded.content_terms,
         cite_keys = excluded.cite_keys, submitter = excluded.submitter, cite_tokens = excluded.cite_tokens`,
      chunk.flatMap(similarIndexValues),
    );
  }
}

/** Rebuilds the rows of every PAKN after id `after` (db:copy, generated data), `batch` PAKN a statement; how many. */
export async function rebuildSimilarIndex(
  client: PgQueryable,
  { after: from = 0, batch = 1_000 }: { after?: number; batch?: number } = {},
): Promise<number> {
  let after = from;
  let total = 0;
  for (;;) {
    const { rows } = await client.query<SimilarSource>(
      `SELECT id, title, content, regulation_ref AS "regulationRef", email, phone FROM pakn
       WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, batch],
    );
    if (rows.length === 0) {
      await foldSimilarPending(client);
      return total;
    }
    await upsertSimilarIndex(client, rows);
    total += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Adds the vocabulary and totals that new and changed rows left pending into the folded tables (migration 0008;
 * readers see the sum of both, so this changes no result). Returns how many pending words it folded; 0 when
 * another process is folding.
 */
export async function foldSimilarPending(client: PgQueryable): Promise<number> {
  const { rows } = await client.query<{ folded: number }>('SELECT pakn_similar_fold() AS folded');
  return rows[0]?.folded ?? 0;
}

/** Document frequencies (pakn_similar_vocab, the twin of fts5vocab 'row'). */
export async function similarDocumentFrequencies(
  client: PgQueryable,
  terms: Iterable<string>,
): Promise<Map<string, number>> {
  const { rows } = await client.query<{ term: string; doc: number }>(
    'SELECT term, doc FROM pakn_similar_vocab WHERE term = ANY($1::text[]) AND doc > 0',
    [[...new Set(terms)]],
  );
  return new Map(rows.map((r) => [r.term, r.doc]));
}

async function ids(client: PgQueryable, text: string, values: unknown[]): Promise<number[]> {
  const { rows } = await client.query<{ id: number }>(text, values);
  return rows.map((r) => r.id);
}

/** The candidates of one query text: the same sources and limits as similarToText on SQLite. */
export async function similarCandidateIds(
  client: PgQueryable,
  query: SimilarQuery,
): Promise<{ text: number[]; citation: number[]; submitter: number[] }> {
  return (await candidatesOf(client, prepareQuery(query))).found;
}

async function candidatesOf(client: PgQueryable, q: PreparedDoc) {
  const qSyllables = syllablesOf(q);
  const qdf = await similarDocumentFrequencies(client, qSyllables);
  const n = await docCount(client);
  const text = textCandidates(qSyllables, qdf, n);
  const cites = queryCitationTokens(q).filter((t) => /^[a-z0-9_]+$/.test(t));
  const found = {
    text: !text
      ? []
      : text.order === 'rank'
        ? await ids(client, 'SELECT pakn_id AS id FROM pakn_similar_ranked($1::text[], $2)', [
            text.words,
            CANDIDATES.text,
          ])
        : await ids(
            client,
            `SELECT id FROM ${text.every ? 'pakn_similar_all' : 'pakn_similar_any'}($1::text[], $2) AS id`,
            [text.words, CANDIDATES.text],
          ),
    citation: cites.length
      ? await ids(client, 'SELECT id FROM pakn_similar_citing($1::text[], $2) AS id', [
          cites,
          CANDIDATES.citation,
        ])
      : [],
    // the same person's earlier PAKN, by e-mail or, without one, by phone (the key the index stores)
    submitter: q.submitterKey
      ? await ids(
          client,
          'SELECT pakn_id AS id FROM pakn_similar WHERE submitter = $1 ORDER BY pakn_id DESC LIMIT $2',
          [q.submitterKey, CANDIDATES.submitter],
        )
      : [],
  };
  return { found, n };
}

async function docCount(client: PgQueryable): Promise<number> {
  const { rows } = await client.query<{ n: number | null }>('SELECT max(id) AS n FROM pakn');
  return rows[0]?.n ?? 0;
}

/** IDF statistics over the whole index, as corpusStats on SQLite (a pair counts as its rarer syllable). */
export async function corpusStatsPg(
  client: PgQueryable,
  syllables: Iterable<string>,
  docs?: number,
): Promise<CorpusStats> {
  const df = await similarDocumentFrequencies(client, syllables);
  const n = docs ?? (await docCount(client));
  return {
    docCount: n,
    documentFrequency(term: string) {
      if (!term.includes(' ')) return df.get(term) ?? 0;
      return Math.min(...term.split(' ').map((t) => df.get(t) ?? 0));
    },
  };
}

/**
 * The citizens' candidates (publishedSimilar): published PAKN whose public text holds the query's chosen words,
 * as public_fts gives them on SQLite. The words and the order come from textCandidates over the same vocabulary;
 * the text searched is the public search's index (public title, summary and answer, folded), ranked by ts_rank
 * where SQLite ranks by bm25, so the 40 candidates of a large corpus may differ a little, not their scoring.
 */
export async function publishedCandidatesPg(
  client: PgQueryable,
  syllables: string[],
): Promise<PublishedRow[]> {
  const n = await docCount(client);
  const text = textCandidates(syllables, await similarDocumentFrequencies(client, syllables), n);
  if (!text) return [];
  const tsv = 'pakn_public_tsv(public_title, public_summary, public_answer)';
  const match = `to_tsquery('simple', $1)`;
  const { rows } = await client.query<PublishedRow>(
    `SELECT id, code, public_title AS title, public_summary AS summary FROM pakn
     WHERE publication = 'published' AND ${tsv} @@ ${match}
     ORDER BY ${text.order === 'rank' ? `ts_rank(${tsv}, ${match}) DESC, id DESC` : 'id DESC'} LIMIT $2`,
    [text.words.join(text.every ? ' & ' : ' | '), CANDIDATES.published],
  );
  return rows;
}

/** similarToText on PostgreSQL: the same candidates, statistics and ranking. */
export async function similarToTextPg(
  client: PgQueryable,
  query: SimilarQuery,
  { limit = 5, minStrength = 'weak' }: { limit?: number; minStrength?: Strength } = {},
): Promise<StaffSuggestion[]> {
  const q = prepareQuery(query);
  const { found, n } = await candidatesOf(client, q);
  const candidates = new Set([...found.text, ...found.citation, ...found.submitter]);
  if (query.excludeId !== undefined) candidates.delete(query.excludeId);
  if (candidates.size === 0) return [];
  const { rows } = await client.query<IndexRow>(
    `SELECT pakn_id AS id, title_terms AS "titleTerms", content_terms AS "contentTerms", cite_keys AS "citeKeys",
       submitter AS "submitterKey"
     FROM pakn_similar WHERE pakn_id = ANY($1::integer[])`,
    [[...candidates]],
  );
  const docs = rows.map(preparedFromIndex);
  const all = new Set(syllablesOf(q));
  for (const d of docs) for (const t of syllablesOf(d)) all.add(t);
  const matches = rankSimilar(q, docs, await corpusStatsPg(client, all, n), { limit, minStrength });
  if (matches.length === 0) return [];
  const shown = await client.query<Omit<StaffSuggestion, 'score' | 'strength' | 'reasons'>>(
    `SELECT id, code, title, status, unit_id AS "unitId", publication FROM pakn WHERE id = ANY($1::integer[])`,
    [matches.map((m) => Number(m.id))],
  );
  const byId = new Map(shown.rows.map((r) => [r.id, r]));
  return matches.flatMap((m) => {
    const r = byId.get(Number(m.id));
    return r ? [{ ...r, score: m.score, strength: m.strength, reasons: m.reasons }] : [];
  });
}

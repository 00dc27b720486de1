/**
 * Similar PAKN: for a new PAKN, which earlier ones (open or answered) are about the same thing? Staff use it to
 * give consistent answers and, for a true repeat, to refuse with R08 (spec §4). It only suggests, so every match
 * says why and how strongly.
 *
 * Pure and DB-free: callers pass a prepared query, prepared candidates and the corpus statistics
 * (`prepareDocument` → `rankSimilar`; `findSimilar` does both for small in-memory sets).
 *
 * Candidate retrieval (built: app/models/similarity.server.ts over the migration similarity_index, stored forms in
 * app/domain/similarity-index.ts): the rarest query words OR-ed in an FTS5 table of the folded words, ranked by
 * bm25; every recent PAKN citing one of the query's documents; recent PAKN of the same e-mail address. Candidates
 * are rebuilt from their stored tokens (`preparedFromIndex`) and ranked here, with document frequencies from the
 * FTS5 vocabulary (a syllable pair counts as its rarer syllable). docs/similarity.md has the timings.
 */
import { type Citation, citationIndexKeys, compareCitations, findCitations } from './citations';
import { foldVietnamese } from './routing';

export type ProcedureName = { id: string; name: string };

export type SimilarityInput = {
  id: string | number;
  title: string;
  content: string;
  /** the "văn bản quy định" field of the form, if any: parsed like the text */
  regulationRef?: string | null;
  /** hash of the normalised e-mail or phone (never the raw value; spec §8) */
  submitterKey?: string | null;
  /** procedure chosen by the submitter or staff, if known */
  procedureId?: string | null;
};

export type PreparedDoc = {
  id: string | number;
  /** term → weighted term frequency (title terms count TITLE_WEIGHT times) */
  terms: Map<string, number>;
  citations: Citation[];
  procedureIds: Set<string>;
  submitterKey: string | null;
  /** the title and content as written: the shared phrases a reason names are spelled from it */
  source?: string;
};

export interface CorpusStats {
  docCount: number;
  documentFrequency(term: string): number;
}

export type ReasonKind = 'citation' | 'procedure' | 'text' | 'submitter';
export type MatchReason = { kind: ReasonKind; detail: string; weight: number };
export type Strength = 'strong' | 'medium' | 'weak';
export type SimilarMatch = { id: string | number; score: number; strength: Strength; reasons: MatchReason[] };

/** Tuned on the training half of tests/fixtures/similarity (see docs/similarity.md), not on the held-out half. */
export const WEIGHTS = Object.freeze({
  title: 2,
  citationExact: 0.2,
  citationLoose: 0.12,
  /** both cite documents of the same kind and none agree: likely a different rule */
  citationConflict: -0.1,
  procedure: 0.1,
  submitter: 0.08,
  /** term frequency given to the words of a procedure name found in the text (removed from the text itself) */
  procedureWords: 0.3,
});

/**
 * A suggestion needs textual evidence: citation, procedure and submitter move a PAKN up the list, but a PAKN that
 * only shares the procedure or the decree (a near-miss: same procedure, different problem) stays 'weak' ("related").
 */
export const THRESHOLDS = Object.freeze({
  strong: Object.freeze({ score: 0.55, text: 0.4 }),
  medium: Object.freeze({ score: 0.4, text: 0.25 }),
  weak: Object.freeze({ score: 0.15, text: 0 }),
});

// Function words and PAKN boilerplate, folded. Kept short: IDF already discounts what is common in the corpus.
// Not "do" (đo lường), "dinh" (định), "luat"…: folding merges them with content words.
const STOP_WORDS = new Set(
  (
    'va cua la co cac nhung cho trong duoc voi khi thi nay tai theo ve den tu mot khong da dang se rat nhu neu ma ' +
    'hay hoac vi boi bi ra vao len toi chung em anh chi ong ba xin kinh gui cam on quy vui long duoc biet hien ' +
    'nao gi sao the ay kia day cung con nua lai moi tung viec nhieu it phai can muon hoi xin'
  ).split(' '),
);

/** Folded text with citations removed: what the FTS index should store, and what text similarity compares. */
export function foldedText(s: string): string {
  const f = foldVietnamese(s);
  const spans = findCitations(s);
  if (spans.length === 0) return f;
  let out = '';
  let at = 0;
  for (const c of spans) {
    out += f.slice(at, c.start) + ' ';
    at = c.end;
  }
  return (out + f.slice(at)).replace(/\s+/g, ' ').trim();
}

function foldedProcedureName(p: ProcedureName): string {
  return foldVietnamese(p.name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Folded words, without citations and without the names of the given procedures: those are signals of their own,
 * and leaving them in the text would make every PAKN about one procedure look alike (the near-misses).
 */
export function tokenize(s: string, procedures: readonly ProcedureName[] = []): string[] {
  let words = ` ${foldedText(s).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  for (const p of procedures) {
    const name = foldedProcedureName(p);
    if (name) words = words.split(` ${name} `).join('  ');
  }
  return (words.match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !STOP_WORDS.has(t) && !/^\d{1,2}$/.test(t));
}

/** Syllables and adjacent syllable pairs: Vietnamese words are mostly two syllables ("đo lường", "tem"…). */
export function queryTerms(s: string, procedures: readonly ProcedureName[] = []): string[] {
  const tokens = tokenize(s, procedures);
  const out = [...tokens];
  for (let i = 1; i < tokens.length; i++) out.push(`${tokens[i - 1]} ${tokens[i]}`);
  return out;
}

function findProcedures(folded: string, procedures: readonly ProcedureName[]): string[] {
  const words = ` ${folded.replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return procedures
    .filter((p) => {
      const name = foldedProcedureName(p);
      return name.length > 0 && words.includes(` ${name} `);
    })
    .map((p) => p.id);
}

export function prepareDocument(
  input: SimilarityInput,
  procedures: readonly ProcedureName[] = [],
): PreparedDoc {
  const terms = new Map<string, number>();
  const add = (text: string, w: number) => {
    for (const t of queryTerms(text, procedures)) terms.set(t, (terms.get(t) ?? 0) + w);
  };
  add(input.title, WEIGHTS.title);
  add(input.content, 1);
  // the procedure's own words are kept, faintly: a paraphrase may name it only in part ("xin phép X-quang")
  const allFolded = foldVietnamese(`${input.title}\n${input.content}`);
  for (const p of procedures) {
    if (findProcedures(allFolded, [p]).length === 0) continue;
    for (const t of queryTerms(p.name)) terms.set(t, (terms.get(t) ?? 0) + WEIGHTS.procedureWords);
  }
  const all = `${input.title}\n${input.content}\n${input.regulationRef ?? ''}`;
  const citations = new Map<string, Citation>();
  for (const { start: _s, end: _e, ...c } of findCitations(all)) citations.set(c.key, c);
  const procedureIds = new Set(findProcedures(foldVietnamese(all), procedures));
  if (input.procedureId) procedureIds.add(input.procedureId);
  return {
    id: input.id,
    terms,
    citations: [...citations.values()],
    procedureIds,
    submitterKey: input.submitterKey ?? null,
    source: `${input.title}\n${input.content}`,
  };
}

const spellings = new WeakMap<PreparedDoc, Map<string, string>>();

/**
 * A folded term (a syllable or a pair) as the document first writes it, diacritics and đ kept: "dong ho" →
 * "đồng hồ". The pairs skip what tokenize drops (function words, small numbers), as the terms do; a pair not
 * found that way is spelled syllable by syllable, and a document without its source keeps the folded term.
 */
function spelled(doc: PreparedDoc, term: string): string {
  if (doc.source === undefined) return term;
  let map = spellings.get(doc);
  if (!map) {
    map = new Map();
    for (const part of doc.source.split('\n')) {
      let prev: { fold: string; word: string } | null = null;
      for (const word of part
        .normalize('NFC')
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? []) {
        const fold = foldVietnamese(word);
        if (STOP_WORDS.has(fold) || /^\d{1,2}$/.test(fold)) continue;
        if (!map.has(fold)) map.set(fold, word);
        if (prev && !map.has(`${prev.fold} ${fold}`)) map.set(`${prev.fold} ${fold}`, `${prev.word} ${word}`);
        prev = { fold, word };
      }
    }
    spellings.set(doc, map);
  }
  const whole = map.get(term);
  if (whole !== undefined) return whole;
  return term
    .split(' ')
    .map((s) => map.get(s) ?? s)
    .join(' ');
}

/** In-memory statistics over a candidate set or a fixture; the DB version reads fts5vocab. */
export function buildCorpusStats(docs: Iterable<PreparedDoc>): CorpusStats {
  const df = new Map<string, number>();
  let docCount = 0;
  for (const d of docs) {
    docCount++;
    for (const t of d.terms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return { docCount, documentFrequency: (t) => df.get(t) ?? 0 };
}

type Vector = { weights: Map<string, number>; norm: number };

function idfOf(t: string, stats: CorpusStats, cache: Map<string, number>): number {
  let idf = cache.get(t);
  if (idf === undefined) {
    idf = Math.log((stats.docCount + 1) / (stats.documentFrequency(t) + 1)) + 1;
    cache.set(t, idf);
  }
  return idf;
}

function vectorOf(doc: PreparedDoc, stats: CorpusStats, cache: Map<string, number>): Vector {
  const weights = new Map<string, number>();
  let sq = 0;
  for (const [t, tf] of doc.terms) {
    const w = (1 + Math.log(tf)) * idfOf(t, stats, cache);
    weights.set(t, w);
    sq += w * w;
  }
  return { weights, norm: Math.sqrt(sq) };
}

/** Cosine of the query vector with the candidate's, computed in one pass over the candidate (no second map). */
function textSimilarity(
  q: Vector,
  candidate: PreparedDoc,
  stats: CorpusStats,
  idfCache: Map<string, number>,
): { cosine: number; shared: string[] } {
  if (q.norm === 0) return { cosine: 0, shared: [] };
  let dot = 0;
  let sq = 0;
  const contributions: Array<[string, number]> = [];
  for (const [t, tf] of candidate.terms) {
    const w = (1 + Math.log(tf)) * idfOf(t, stats, idfCache);
    sq += w * w;
    const v = q.weights.get(t);
    if (v === undefined) continue;
    dot += w * v;
    contributions.push([t, w * v]);
  }
  if (sq === 0) return { cosine: 0, shared: [] };
  contributions.sort((x, y) => y[1] - x[1]);
  // the strongest shared phrases (pairs of syllables read better than single ones)
  const shared = contributions
    .filter(([t]) => t.includes(' '))
    .slice(0, 3)
    .map(([t]) => t);
  return { cosine: dot / (q.norm * Math.sqrt(sq)), shared };
}

function citationSignal(q: PreparedDoc, c: PreparedDoc): MatchReason | null {
  let loose: Citation | null = null;
  for (const a of q.citations) {
    for (const b of c.citations) {
      const cmp = compareCitations(a, b);
      if (cmp === 'exact') return { kind: 'citation', detail: a.key, weight: WEIGHTS.citationExact };
      if (cmp === 'loose' && !loose) loose = a.year === null ? b : a;
    }
  }
  if (loose) return { kind: 'citation', detail: loose.looseKey, weight: WEIGHTS.citationLoose };
  const kinds = new Set(q.citations.map((x) => x.kind));
  if (c.citations.some((x) => kinds.has(x.kind))) {
    return { kind: 'citation', detail: 'conflict', weight: WEIGHTS.citationConflict };
  }
  return null;
}

export function strengthOf(score: number, textSimilarity: number): Strength | null {
  const meets = (t: { score: number; text: number }) => score >= t.score && textSimilarity >= t.text;
  if (meets(THRESHOLDS.strong)) return 'strong';
  if (meets(THRESHOLDS.medium)) return 'medium';
  if (meets(THRESHOLDS.weak)) return 'weak';
  return null;
}

export type RankOptions = {
  /** how many matches to return; default 3 */
  limit?: number;
  /** drop matches below this strength; default 'weak' (everything with a strength) */
  minStrength?: Strength;
};

const STRENGTH_ORDER: Record<Strength, number> = { weak: 0, medium: 1, strong: 2 };

/** Score one candidate; every reason with a positive weight says why. */
export function scoreCandidate(
  query: PreparedDoc,
  candidate: PreparedDoc,
  stats: CorpusStats,
  idfCache: Map<string, number> = new Map(),
): { score: number; reasons: MatchReason[] } {
  return scoreWith(query, vectorOf(query, stats, idfCache), candidate, stats, idfCache);
}

function scoreWith(
  query: PreparedDoc,
  qv: Vector,
  candidate: PreparedDoc,
  stats: CorpusStats,
  idfCache: Map<string, number>,
): { score: number; reasons: MatchReason[] } {
  const reasons: MatchReason[] = [];
  const text = textSimilarity(qv, candidate, stats, idfCache);
  if (text.cosine > 0) {
    const detail = text.shared.map((t) => spelled(query, t)).join(', ');
    reasons.push({ kind: 'text', detail, weight: text.cosine });
  }
  const cit = citationSignal(query, candidate);
  if (cit) reasons.push(cit);
  const proc = [...query.procedureIds].find((p) => candidate.procedureIds.has(p));
  if (proc !== undefined) reasons.push({ kind: 'procedure', detail: proc, weight: WEIGHTS.procedure });
  if (query.submitterKey && query.submitterKey === candidate.submitterKey) {
    reasons.push({ kind: 'submitter', detail: '', weight: WEIGHTS.submitter });
  }
  const score = reasons.reduce((s, r) => s + r.weight, 0);
  return { score: Math.round(score * 1000) / 1000, reasons: reasons.filter((r) => r.weight > 0) };
}

/** The best `limit` candidates for a query, strongest first; the query itself is skipped by id. */
export function rankSimilar(
  query: PreparedDoc,
  candidates: Iterable<PreparedDoc>,
  stats: CorpusStats,
  options: RankOptions = {},
): SimilarMatch[] {
  const limit = options.limit ?? 3;
  const floor = STRENGTH_ORDER[options.minStrength ?? 'weak'];
  const cache = new Map<string, number>();
  const qv = vectorOf(query, stats, cache);
  const out: SimilarMatch[] = [];
  for (const c of candidates) {
    if (c.id === query.id) continue;
    const { score, reasons } = scoreWith(query, qv, c, stats, cache);
    const strength = strengthOf(score, reasons.find((r) => r.kind === 'text')?.weight ?? 0);
    if (!strength || STRENGTH_ORDER[strength] < floor) continue;
    out.push({ id: c.id, score, strength, reasons: reasons.sort((a, b) => b.weight - a.weight) });
  }
  return out.sort((a, b) => b.score - a.score || String(a.id).localeCompare(String(b.id))).slice(0, limit);
}

/** Convenience for small in-memory sets (tests, a handful of candidates): IDF from the candidates themselves. */
export function findSimilar(
  query: SimilarityInput,
  candidates: readonly SimilarityInput[],
  options: RankOptions & { procedures?: readonly ProcedureName[]; stats?: CorpusStats } = {},
): SimilarMatch[] {
  const procedures = options.procedures ?? [];
  const docs = candidates.map((c) => prepareDocument(c, procedures));
  return rankSimilar(
    prepareDocument(query, procedures),
    docs,
    options.stats ?? buildCorpusStats(docs),
    options,
  );
}

export { citationIndexKeys };

// The staff search and the similar-PAKN index on PostgreSQL (db/migrations-pg 0004, app/models/pg/search.server.ts)
// against the SQLite path on the same data: PAKN made by the real intake code on SQLite (the labelled similarity
// corpus and a few submitters to search for), moved by db:copy (which writes the similar-PAKN rows), then the same
// queries on both sides: the same PAKN found, the same candidates in the same bm25 order with the same scores,
// the same suggestions; the index is used, and a PAKN without its index row is refused at commit.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Actor } from '~/domain/permissions';
import {
  foldSimilarPending,
  similarCandidateIds,
  similarDocumentFrequencies,
  type SimilarSource,
  similarToTextPg,
  staffSearchIds,
  upsertSimilarIndex,
} from '~/models/pg/search.server';
import { indexPublic } from '~/models/public.server';
import { buildQueueQuery, parseQueueParams } from '~/models/queue.server';
import {
  clearSimilarityCache,
  foldSimilarStatistics,
  publishedSimilar,
  similarCandidates,
  similarToText,
} from '~/models/similarity.server';
import { openDatabaseUrl, type OpenedDb, rawAll, sqliteClientOf } from '~/utils/db.server';

import { copyDatabase } from '../../scripts/db-copy';
import { CORPUS } from '../fixtures/similarity/corpus';
import { QUERIES } from '../fixtures/similarity/queries';
import { createTestDb } from '../support/db';
import { paknFixture, seedPakn } from '../support/pakn';
import { PG_SKIP_REASON, type PgCluster, startPgCluster } from '../support/pg-cluster';

const sqlite = createTestDb();
process.env.DATABASE_URL = sqlite.file;
process.env.BASE_URL = 'http://localhost:3999'; // vitest sets BASE_URL='/' for Vite
let cluster: PgCluster | undefined;
let client: pg.Client | undefined;
let pgDb: OpenedDb | undefined;
const admin: Actor = { id: 1, role: 'admin', unitId: null };

const SUBMITTERS = [
  { fullName: 'Nguyễn Thị Ánh', email: 'anh.nguyen@so-khcn.gov.vn', phone: '0905123456', orgName: null },
  {
    fullName: 'Trần Đức Lợi',
    email: null,
    phone: '0236 3822 111',
    orgName: 'Công ty TNHH Đo lường Miền Trung',
  },
  // ð (U+00F0) as legacy encodings write đ, and decomposed diacritics (NFD)
  {
    fullName: 'Lê Văn ðông'.normalize('NFD'),
    email: 'ledong@example.vn',
    phone: '0912000111',
    orgName: null,
  },
  // one word longer than any lexeme PostgreSQL indexes whole
  { fullName: 'Phạm Hà', email: `${'x'.repeat(300)}@example.vn`, phone: '0912000222', orgName: null },
];
const STAFF_QUERIES = [
  'anh',
  'Ánh',
  'nguyen thi',
  'so-khcn',
  'gov vn',
  '0905',
  '3822',
  'do luong mien',
  'Đông',
  'dong',
  'le van',
  'buc xa',
  'giấy phép bức',
  'x'.repeat(150),
  `${'x'.repeat(150)} example`,
  'zzz',
  '"',
  '',
  '2026',
];

beforeAll(async () => {
  if (PG_SKIP_REASON) return;
  cluster = await startPgCluster();
  for (const [i, d] of CORPUS.entries()) {
    // every other one answered and published, for the citizens' suggestions: public title and summary
    const publicText = { title: d.title, summary: d.content.slice(0, 200), answer: 'Sở đã trả lời.' };
    const row = await seedPakn(
      sqlite.db,
      paknFixture({
        title: d.title,
        content: d.content,
        email: d.submitter ? `${d.submitter}@example.vn` : `nguoi-${d.id}@example.vn`,
      }),
      i % 2 === 0
        ? {
            status: 'answered',
            answeredAt: new Date(),
            publication: 'published',
            publishedAt: new Date(),
            publicTitle: publicText.title,
            publicSummary: publicText.summary,
            publicAnswer: publicText.answer,
          }
        : {},
    );
    if (i % 2 === 0) await indexPublic(sqlite.db, { id: row.id, ...publicText });
  }
  for (const [i, who] of SUBMITTERS.entries()) {
    await seedPakn(
      sqlite.db,
      paknFixture({
        ...who,
        submitterKind: who.orgName ? 'organisation' : 'individual',
        representative: who.orgName ? who.fullName : null,
        title: `Phản ánh số ${i} về giấy phép bức xạ`,
        content: 'Đề nghị rút ngắn thời hạn theo Nghị định 142/2020/NĐ-CP.',
      }),
    );
  }
  sqliteClientOf(sqlite.db).pragma('wal_checkpoint(TRUNCATE)');
  const copied = await copyDatabase({ from: sqlite.file, to: cluster.url, log: () => {} });
  expect(copied.ok).toBe(true);
  client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  pgDb = await openDatabaseUrl(cluster.url);
  clearSimilarityCache();
}, 180_000);
afterAll(async () => {
  await pgDb?.close();
  await client?.end();
  await cluster?.stop();
  sqlite.cleanup();
});

async function sqliteStaffIds(q: string): Promise<number[]> {
  const filters = parseQueueParams(new URLSearchParams({ tab: 'all', q }), admin);
  return (await (await buildQueueQuery({ actor: admin, filters, pageSize: 10_000 }, sqlite.db)).query)
    .map((r) => r.id)
    .sort((a, b) => a - b);
}

describe.skipIf(PG_SKIP_REASON)('the staff search', () => {
  it('finds what pakn_fts finds, query by query', async () => {
    const found: Record<string, number> = {};
    // no search words: no search condition on either side, every PAKN
    const every = await sqliteStaffIds('');
    for (const q of STAFF_QUERIES) {
      const [a, b] = [await sqliteStaffIds(q), (await staffSearchIds(client!, q)) ?? every];
      expect(b, `q=${q}`).toEqual(a);
      found[q.slice(0, 20)] = a.length;
    }
    console.info('staff search, rows found per query', found);
    // and the cases say what they should
    expect(found['nguyen thi']).toBe(1);
    expect(found.dong).toBeGreaterThan(1); // "Đông" and every "đồng hồ"
    expect(found['3822']).toBe(1);
    expect(found.zzz).toBe(0);
  });
});

describe.skipIf(PG_SKIP_REASON)('the similar-PAKN index', () => {
  it('holds the rows and the vocabulary SQLite holds', async () => {
    const mine = await client!.query<unknown[]>({
      text: 'SELECT pakn_id, title_terms, content_terms, cite_keys, submitter FROM pakn_similar ORDER BY pakn_id',
      rowMode: 'array',
    });
    const theirs = sqliteClientOf(sqlite.db)
      .prepare(
        'SELECT pakn_id, title_terms, content_terms, cite_keys, submitter FROM pakn_similar ORDER BY pakn_id',
      )
      .raw()
      .all();
    expect(mine.rows.length).toBe(CORPUS.length + SUBMITTERS.length);
    expect(mine.rows).toEqual(theirs);
    const vocab = await client!.query<{ term: string; doc: number }>(
      'SELECT term, doc FROM pakn_similar_vocab WHERE doc > 0 ORDER BY term COLLATE "C"',
    );
    const sqliteVocab = await rawAll<{ term: string; doc: number }>(
      sqlite.db,
      sql`SELECT term, doc FROM pakn_similar_vocab ORDER BY term`,
    );
    expect(vocab.rows).toEqual(sqliteVocab);
  });

  it('ranks the candidates as FTS5 bm25 does, score for score', async () => {
    const vocab = await rawAll<{ term: string }>(
      sqlite.db,
      sql`SELECT term FROM pakn_similar_vocab WHERE doc > 1`,
    );
    const words = vocab.map((v) => v.term).filter((t) => /^[a-z0-9]+$/.test(t));
    let compared = 0;
    for (let i = 0; i + 4 <= words.length; i += 37) {
      const q = words.slice(i, i + 4);
      const theirs = await rawAll<{ id: number; score: number }>(
        sqlite.db,
        sql`SELECT rowid AS id, -bm25(pakn_similar_fts) AS score FROM pakn_similar_fts
            WHERE pakn_similar_fts MATCH ${`terms : (${q.join(' OR ')})`} ORDER BY rank, rowid LIMIT 1000`,
      );
      const mine = await client!.query<{ id: number; score: number }>(
        'SELECT pakn_id AS id, score FROM pakn_similar_ranked($1::text[], 1000)',
        [q],
      );
      expect(
        mine.rows.map((r) => r.id),
        q.join(' '),
      ).toEqual(theirs.map((r) => r.id));
      for (const [j, r] of mine.rows.entries()) expect(r.score).toBeCloseTo(theirs[j]!.score, 9);
      compared += theirs.length;
    }
    expect(compared).toBeGreaterThan(100);
    // every word, newest first; any citation, newest first
    for (const [fts, fn, q] of [
      ['terms : (giay AND phep)', 'pakn_similar_all', ['giay', 'phep']],
      ['terms : (buc)', 'pakn_similar_any', ['buc']],
      ['cites : (nd_142_2020 OR tt_287_2016)', 'pakn_similar_citing', ['nd_142_2020', 'tt_287_2016']],
    ] as const) {
      const theirs = await rawAll<{ id: number }>(
        sqlite.db,
        sql`SELECT rowid AS id FROM pakn_similar_fts WHERE pakn_similar_fts MATCH ${fts} ORDER BY rowid DESC LIMIT 50`,
      );
      const mine = await client!.query<{ id: number }>(`SELECT id FROM ${fn}($1::text[], 50) AS id`, [q]);
      expect(theirs.length, fts).toBeGreaterThan(1);
      expect(
        mine.rows.map((r) => r.id),
        fts,
      ).toEqual(theirs.map((r) => r.id));
    }
  });

  it('gives the same candidates and the same suggestions for every labelled query', async () => {
    let suggested = 0;
    for (const query of QUERIES) {
      const text = {
        title: query.title,
        content: query.content,
        email: query.submitter ? `${query.submitter}@example.vn` : null,
        phone: null,
      };
      expect(await similarCandidateIds(client!, text), query.id).toEqual(
        await similarCandidates(text, sqlite.db),
      );
      const theirs = await similarToText(text, { limit: 5 }, sqlite.db);
      const mine = await similarToTextPg(client!, text, { limit: 5 });
      expect(mine, query.id).toEqual(theirs);
      suggested += mine.length;
    }
    expect(suggested).toBeGreaterThan(QUERIES.length);
  });

  it('gives citizens the same published answers as suggestions, for every labelled query', async () => {
    let suggested = 0;
    for (const query of QUERIES) {
      const text = { title: query.title, content: query.content };
      const theirs = await publishedSimilar(text, 3, sqlite.db);
      const mine = await publishedSimilar(text, 3, pgDb!.db);
      expect(mine, query.id).toEqual(theirs);
      suggested += mine.length;
    }
    // most labelled queries have a published look-alike (half the corpus is published)
    expect(suggested).toBeGreaterThan(QUERIES.length / 2);
  });

  it('follows a PAKN whose text changes, and refuses a PAKN without its row', async () => {
    const { rows } = await client!.query<{ id: number }>('SELECT max(id) AS id FROM pakn');
    const id = rows[0]!.id;
    const df = async (t: string) => (await similarDocumentFrequencies(client!, [t])).get(t) ?? 0;
    const before = await df('thermometer');
    await client!.query('BEGIN');
    await client!.query("UPDATE pakn SET content = 'thermometer calibration' WHERE id = $1", [id]);
    const source = await client!.query(
      `SELECT id, title, content, regulation_ref AS "regulationRef", email, phone FROM pakn WHERE id = $1`,
      [id],
    );
    await upsertSimilarIndex(client!, source.rows);
    await client!.query('COMMIT');
    expect(await df('thermometer')).toBe(before + 1);
    // the text changed and nobody rewrote the row: the commit is refused, nothing is kept
    await client!.query('BEGIN');
    await client!.query("UPDATE pakn SET content = 'something else' WHERE id = $1", [id]);
    await expect(client!.query('COMMIT')).rejects.toThrow(/has no row in pakn_similar/);
    expect(await df('thermometer')).toBe(before + 1);
    const content = await client!.query<{ content: string }>('SELECT content FROM pakn WHERE id = $1', [id]);
    expect(content.rows[0]!.content).toBe('thermometer calibration');
  });

  it('counts words without a row every submission locks, and folding them changes no count', async () => {
    const counts = async () =>
      (
        await client!.query<{ vocab: string; stats: string; pending: number }>(
          `SELECT (SELECT string_agg(term || '=' || doc, ' ' ORDER BY term COLLATE "C") FROM pakn_similar_vocab) AS vocab,
             (SELECT rows || '/' || tokens FROM pakn_similar_stats) AS stats,
             (SELECT count(*)::int FROM pakn_similar_vocab_pending) AS pending`,
        )
      ).rows[0]!;
    await foldSimilarStatistics(pgDb!.db);
    const before = await counts();
    expect(before.pending).toBe(0);
    const { rows } = await client!.query<SimilarSource>(
      `SELECT id, title, content, regulation_ref AS "regulationRef", email, phone FROM pakn ORDER BY id LIMIT 2`,
    );
    // two transactions rewrite a row each with the same words (the labelled corpus shares many): the second
    // does not wait for the first, still open (before 0008 both locked the totals row and the common words)
    const other = new pg.Client({ connectionString: cluster!.url });
    await other.connect();
    try {
      await client!.query('BEGIN');
      await upsertSimilarIndex(client!, [rows[0]!]);
      await other.query("SET lock_timeout = '2s'");
      await other.query('BEGIN');
      await upsertSimilarIndex(other, [rows[1]!]);
      await other.query('COMMIT');
      await client!.query('COMMIT');
    } finally {
      await other.end();
    }
    const after = await counts();
    expect(after.pending).toBeGreaterThan(0);
    expect(after.vocab).toBe(before.vocab);
    expect(after.stats).toBe(before.stats);
    const text = { title: QUERIES[0]!.title, content: QUERIES[0]!.content };
    const pendingSuggestions = await similarToTextPg(client!, text, { limit: 5 });
    expect(pendingSuggestions.length).toBeGreaterThan(0);
    // one process folds at a time: while one holds the fold, another returns at once with nothing folded
    await client!.query('BEGIN');
    expect(await foldSimilarPending(client!)).toBeGreaterThan(0);
    expect(await foldSimilarStatistics(pgDb!.db)).toBe(0);
    await client!.query('COMMIT');
    expect(await counts()).toEqual({ ...before, pending: 0 });
    // and the suggestions are the same read from pending or from folded counts
    expect(await similarToTextPg(client!, text, { limit: 5 })).toEqual(pendingSuggestions);
  });

  const PLAN_INDEX: Record<string, string> = {
    staff: 'pakn_staff_search_idx',
    citing: 'pakn_similar_cites_idx',
    submitter: 'pakn_similar_submitter_idx',
  };
  it('uses the GIN indexes', async () => {
    // enough other PAKN for the planner to prefer the indexes (runs after the comparisons above)
    await client!.query('BEGIN');
    await client!.query(`
      INSERT INTO pakn (code, type, subject, category, submitter_kind, full_name, address, phone, title, content,
        received_at, received_date, classify_due, answer_due, access_token_hash, status, search_text)
      SELECT 'BULK-' || g, type, subject, category, submitter_kind, full_name, address, phone,
        'Văn bản số ' || g, 'Nội dung kiến nghị mã ' || g || ' về thủ tục ' || (g % 97), received_at, received_date,
        classify_due, answer_due, access_token_hash || g, status, 'bulk ' || g || ' ma ' || (g % 97)
      FROM pakn, generate_series(1, 4000) AS g WHERE id = (SELECT min(id) FROM pakn)`);
    const { rows: fresh } = await client!.query(
      `SELECT id, title, content, regulation_ref AS "regulationRef", email, phone FROM pakn
       WHERE code LIKE 'BULK-%'`,
    );
    await upsertSimilarIndex(client!, fresh);
    await client!.query('COMMIT');
    await client!.query('ANALYZE');
    await client!.query(`LOAD 'auto_explain'`);
    await client!.query(
      `SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on;
       SET client_min_messages = log`,
    );
    const plans: string[] = [];
    const collect = (m: { message?: string }) => plans.push(m.message ?? '');
    client!.on('notice', collect);
    try {
      for (const [name, statement, values] of [
        [
          'staff',
          'SELECT id FROM pakn WHERE pakn_staff_tsv(search_text) @@ pakn_staff_query($1::text[])',
          [['3822']],
        ],
        ['ranked', 'SELECT * FROM pakn_similar_ranked($1::text[], 120)', [['1234', '3333']]],
        ['all', 'SELECT * FROM pakn_similar_all($1::text[], 120)', [['1234', 'kien']]],
        ['any', 'SELECT * FROM pakn_similar_any($1::text[], 120)', [['1234']]],
        ['citing', 'SELECT * FROM pakn_similar_citing($1::text[], 50)', [['nd_142_2020']]],
        [
          'submitter',
          'SELECT pakn_id FROM pakn_similar WHERE submitter = $1 ORDER BY pakn_id DESC LIMIT 20',
          ['nobody@example.vn'],
        ],
      ] as const) {
        plans.length = 0;
        await client!.query(statement, [...values]);
        const plan = plans.join('\n');
        const index = PLAN_INDEX[name] ?? 'pakn_similar_words_idx';
        expect(plan, name).toContain(index);
      }
    } finally {
      client!.off('notice', collect);
      await client!.query('SET client_min_messages = notice');
    }
  });
});

-- The similar-PAKN vocabulary and totals without a row every submission locks (issue #12, ADR 0021).
--
-- Before: each new pakn_similar row added 1 to the vocabulary row of each of its words and to the one totals row,
-- and those rows stayed locked until the submission committed. Every submission shares the totals row and the
-- common words, so concurrent submissions queued behind each other from that statement to their commit (at
-- 100,000 PAKN that wait was most of a submission's database time).
--
-- Now a change is appended to two pending tables that nobody updates (insert only: no row is shared), and
-- pakn_similar_fold() adds the pending changes into the folded tables, in one transaction, every few seconds
-- (app/jobs/similar-fold.server.ts). The names the readers use are views: folded plus pending, so every
-- statement reads exact frequencies and totals whether or not the last changes are folded yet.
ALTER TABLE pakn_similar_vocab RENAME TO pakn_similar_vocab_folded;--> statement-breakpoint
ALTER TABLE pakn_similar_stats RENAME TO pakn_similar_stats_folded;--> statement-breakpoint
CREATE TABLE pakn_similar_vocab_pending (
  term text NOT NULL,
  doc integer NOT NULL
);--> statement-breakpoint
CREATE INDEX pakn_similar_vocab_pending_term_idx ON pakn_similar_vocab_pending (term);--> statement-breakpoint
CREATE TABLE pakn_similar_stats_pending (
  rows bigint NOT NULL,
  tokens bigint NOT NULL
);--> statement-breakpoint

-- a condition on term is pushed into both branches (an index seek each)
CREATE VIEW pakn_similar_vocab AS
  SELECT term, sum(doc)::integer AS doc
  FROM (
    SELECT term, doc FROM pakn_similar_vocab_folded
    UNION ALL
    SELECT term, doc FROM pakn_similar_vocab_pending
  ) AS v
  GROUP BY term;--> statement-breakpoint
CREATE VIEW pakn_similar_stats AS
  SELECT sum(rows)::bigint AS rows, sum(tokens)::bigint AS tokens
  FROM (
    SELECT rows, tokens FROM pakn_similar_stats_folded
    UNION ALL
    SELECT rows, tokens FROM pakn_similar_stats_pending
  ) AS s;--> statement-breakpoint

-- called by the statement triggers of pakn_similar (0004); an upsert that updated nothing adds nothing
CREATE OR REPLACE FUNCTION pakn_similar_add(terms text[], add_rows bigint, add_tokens bigint, dir integer)
  RETURNS void
  LANGUAGE sql AS $$
  INSERT INTO pakn_similar_vocab_pending (term, doc) SELECT t, dir * count(*) FROM unnest(terms) AS t GROUP BY t;
  INSERT INTO pakn_similar_stats_pending (rows, tokens) SELECT dir * add_rows, dir * add_tokens WHERE add_rows <> 0;
$$;--> statement-breakpoint

-- Moves the pending changes into the folded tables; returns how many pending vocabulary rows it folded. One
-- process folds at a time (the others return 0 at once); the folded rows are written in term order. Pending rows
-- of transactions not yet committed are not seen, so they stay for the next fold.
CREATE FUNCTION pakn_similar_fold() RETURNS integer
  LANGUAGE plpgsql AS $$
DECLARE
  folded integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('pakn_similar_fold')) THEN
    RETURN 0;
  END IF;
  WITH gone AS (DELETE FROM pakn_similar_vocab_pending RETURNING term, doc),
  summed AS (SELECT term, sum(doc)::integer AS doc FROM gone GROUP BY term)
  INSERT INTO pakn_similar_vocab_folded AS v (term, doc)
    SELECT term, doc FROM summed ORDER BY term
  ON CONFLICT (term) DO UPDATE SET doc = v.doc + excluded.doc;
  GET DIAGNOSTICS folded = ROW_COUNT;
  WITH gone AS (DELETE FROM pakn_similar_stats_pending RETURNING rows, tokens)
  UPDATE pakn_similar_stats_folded
    SET rows = pakn_similar_stats_folded.rows + t.rows, tokens = pakn_similar_stats_folded.tokens + t.tokens
    FROM (SELECT coalesce(sum(rows), 0) AS rows, coalesce(sum(tokens), 0) AS tokens FROM gone) AS t;
  RETURN folded;
END
$$;--> statement-breakpoint

-- 0004's ranking, reading the document frequencies word by word (an index seek per word in each table) instead of
-- joining the whole vocabulary view
CREATE OR REPLACE FUNCTION pakn_similar_ranked(words text[], lim integer)
  RETURNS TABLE (pakn_id integer, score double precision)
  LANGUAGE sql STABLE PARALLEL SAFE SET jit = off AS $$
  WITH st AS MATERIALIZED (
    SELECT rows::float8 AS n, CASE WHEN rows > 0 THEN tokens::float8 / rows::float8 ELSE 1 END AS avgdl
    FROM pakn_similar_stats
  ),
  q AS MATERIALIZED (
    SELECT array_agg(w.term ORDER BY w.ord) AS terms,
      array_agg(CASE WHEN idf <= 0 THEN 1e-6::float8 ELSE idf END ORDER BY w.ord) AS idfs
    FROM unnest(words) WITH ORDINALITY AS w (term, ord)
    CROSS JOIN st
    CROSS JOIN LATERAL (
      SELECT coalesce((SELECT sum(f.doc) FROM pakn_similar_vocab_folded f WHERE f.term = w.term), 0)
        + coalesce((SELECT sum(p.doc) FROM pakn_similar_vocab_pending p WHERE p.term = w.term), 0) AS doc
    ) AS v
    CROSS JOIN LATERAL (
      SELECT ln((st.n - v.doc::float8 + 0.5::float8) / (v.doc::float8 + 0.5::float8)) AS idf
    ) AS i
  )
  SELECT s.pakn_id,
    (SELECT sum(q.idfs[k] * (tf * (1.2::float8 + 1.0::float8))
                / (tf + 1.2::float8 * (1::float8 - 0.75::float8 + 0.75::float8 * s.token_count::float8 / st.avgdl))
                ORDER BY k)
     FROM generate_subscripts(q.terms, 1) AS k,
       LATERAL (SELECT coalesce((s.term_freq ->> q.terms[k])::float8, 0) AS tf) AS f) AS score
  FROM pakn_similar s, st, q
  WHERE pakn_similar_words(s.term_freq) && words
  ORDER BY score DESC, s.pakn_id
  LIMIT lim
$$;

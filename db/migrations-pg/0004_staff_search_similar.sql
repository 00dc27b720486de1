-- Two more twins of SQLite's FTS5 tables (docs/postgresql.md), written as SQL the PostgreSQL path will run
-- (app/models/pg/search.server.ts), tested against the SQLite path by tests/integration/pg-similar.test.ts.
--
-- 1. The staff search: SQLite's pakn_fts (db/migrations 0003) over pakn.search_text, which the application has
--    already folded (foldVietnamese). No extra column: a GIN index over an expression of the row. The words are
--    cut as FTS5's unicode61 cuts them (anything but a letter or a digit separates) and kept whole: each query
--    word is a prefix (pakn_staff_query takes the words as ftsQuery makes them). A word is indexed by its first
--    200 characters at most (a lexeme must stay under 2 KB; a staff query is at most 200 characters, so every
--    prefix it can ask for is still found).
--   WHERE pakn_staff_tsv(search_text) @@ pakn_staff_query($1::text[])
-- PL/pgSQL and COST 1000 so that the planner sees its price: an SQL function is inlined and its expression looks
-- cheap, so a common word was searched by computing it on every row (2 s at 20,000 PAKN against 30 ms by the index).
CREATE FUNCTION pakn_staff_tsv(search_text text) RETURNS tsvector
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 1000 AS $$
BEGIN
  RETURN array_to_tsvector(array_remove(regexp_split_to_array(
    regexp_replace(lower(coalesce(search_text, '')), '([[:alnum:]]{200})[[:alnum:]]+', '\1', 'g'),
    '[^[:alnum:]]+'), ''));
END
$$;--> statement-breakpoint
CREATE FUNCTION pakn_staff_query(words text[]) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN (
    SELECT string_agg(quote_literal(w) || ':*', ' & ')::tsquery
    FROM unnest(words) AS w WHERE w ~ '^[[:alnum:]]+$'
  );--> statement-breakpoint
CREATE INDEX pakn_staff_search_idx ON pakn USING gin (pakn_staff_tsv(search_text));--> statement-breakpoint

-- 2. The similar-PAKN index (issue #15, ADR 0015; SQLite: db/migrations 0017). On SQLite, triggers on pakn call
--    Node functions; PostgreSQL cannot, so the application writes a PAKN's row itself, in the transaction that
--    inserts the PAKN or changes its title, content, regulation_ref, e-mail or phone (upsertSimilarIndex), with the
--    same values SQLite stores plus the citation tokens. Everything else is derived here:
--      term_freq    the words of title and content and how often each occurs (bm25's term frequency)
--      token_count  FTS5's document length: the words plus the citation tokens
--      pakn_similar_vocab  the twin of fts5vocab 'row': in how many rows each word or citation token occurs
--      pakn_similar_stats  the row count and the total of token_count (bm25's average document length)
--    A PAKN whose row is missing or stale at commit is refused (pakn_similar_required), so the index can
--    never silently fall behind the table.
CREATE TABLE pakn_similar (
  pakn_id integer PRIMARY KEY NOT NULL REFERENCES pakn (id) ON DELETE CASCADE,
  title_terms text NOT NULL,
  content_terms text NOT NULL,
  cite_keys text NOT NULL,
  submitter text,
  cite_tokens text[] NOT NULL,
  term_freq jsonb NOT NULL DEFAULT '{}',
  token_count integer NOT NULL DEFAULT 0
);--> statement-breakpoint
CREATE TABLE pakn_similar_vocab (
  term text PRIMARY KEY NOT NULL,
  doc integer NOT NULL
);--> statement-breakpoint
CREATE TABLE pakn_similar_stats (
  one boolean PRIMARY KEY NOT NULL DEFAULT true CHECK (one),
  rows bigint NOT NULL,
  tokens bigint NOT NULL
);--> statement-breakpoint
INSERT INTO pakn_similar_stats (one, rows, tokens) VALUES (true, 0, 0);--> statement-breakpoint

-- the distinct words of a row, for the GIN index and the candidate queries (&&: any of them, @>: all of them)
CREATE FUNCTION pakn_similar_words(term_freq jsonb) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN ARRAY(SELECT jsonb_object_keys(term_freq));--> statement-breakpoint
CREATE INDEX pakn_similar_words_idx ON pakn_similar USING gin (pakn_similar_words(term_freq));--> statement-breakpoint
CREATE INDEX pakn_similar_cites_idx ON pakn_similar USING gin (cite_tokens);--> statement-breakpoint

CREATE FUNCTION pakn_similar_derive() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  SELECT coalesce(jsonb_object_agg(w, n), '{}'::jsonb), coalesce(sum(n), 0)
    INTO NEW.term_freq, NEW.token_count
    FROM (
      SELECT w, count(*)::integer AS n
      FROM unnest(string_to_array(NEW.title_terms || ' ' || NEW.content_terms, ' ')) AS w
      WHERE w <> '' GROUP BY w
    ) AS words;
  NEW.cite_tokens := ARRAY(SELECT DISTINCT t FROM unnest(NEW.cite_tokens) AS t WHERE t <> '' ORDER BY t);
  NEW.token_count := NEW.token_count + cardinality(NEW.cite_tokens);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER pakn_similar_derive BEFORE INSERT OR UPDATE ON pakn_similar
  FOR EACH ROW EXECUTE FUNCTION pakn_similar_derive();--> statement-breakpoint

-- vocabulary and totals, once per statement (db:copy writes thousands of rows a statement); the vocabulary rows
-- are written in term order, so two transactions never wait for each other in opposite orders
CREATE FUNCTION pakn_similar_add(terms text[], add_rows bigint, add_tokens bigint, dir integer) RETURNS void
  LANGUAGE sql AS $$
  INSERT INTO pakn_similar_vocab AS v (term, doc)
    SELECT t, dir * count(*) FROM unnest(terms) AS t GROUP BY t ORDER BY t
  ON CONFLICT (term) DO UPDATE SET doc = v.doc + excluded.doc;
  UPDATE pakn_similar_stats SET rows = rows + dir * add_rows, tokens = tokens + dir * add_tokens;
$$;--> statement-breakpoint
-- each row's distinct words and citation tokens, once per row
CREATE FUNCTION pakn_similar_count() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM pakn_similar_add(
      ARRAY(SELECT t FROM gone AS d,
        LATERAL (SELECT jsonb_object_keys(d.term_freq) UNION SELECT unnest(d.cite_tokens)) AS x (t)),
      (SELECT count(*) FROM gone), (SELECT coalesce(sum(token_count), 0) FROM gone), -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM pakn_similar_add(
      ARRAY(SELECT t FROM added AS d,
        LATERAL (SELECT jsonb_object_keys(d.term_freq) UNION SELECT unnest(d.cite_tokens)) AS x (t)),
      (SELECT count(*) FROM added), (SELECT coalesce(sum(token_count), 0) FROM added), 1);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER pakn_similar_count_ai AFTER INSERT ON pakn_similar REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION pakn_similar_count();--> statement-breakpoint
CREATE TRIGGER pakn_similar_count_au AFTER UPDATE ON pakn_similar REFERENCING OLD TABLE AS gone NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION pakn_similar_count();--> statement-breakpoint
CREATE TRIGGER pakn_similar_count_ad AFTER DELETE ON pakn_similar REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION pakn_similar_count();--> statement-breakpoint

-- a change to what the row is made of makes it stale: it goes, and the application writes it again
CREATE FUNCTION pakn_similar_stale() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM pakn_similar WHERE pakn_id = NEW.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER pakn_similar_stale AFTER UPDATE OF title, content, regulation_ref, email, phone ON pakn
  FOR EACH ROW
  WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.content IS DISTINCT FROM NEW.content
    OR OLD.regulation_ref IS DISTINCT FROM NEW.regulation_ref OR OLD.email IS DISTINCT FROM NEW.email
    OR OLD.phone IS DISTINCT FROM NEW.phone)
  EXECUTE FUNCTION pakn_similar_stale();--> statement-breakpoint
CREATE FUNCTION pakn_similar_check() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pakn WHERE id = NEW.id)
    AND NOT EXISTS (SELECT 1 FROM pakn_similar WHERE pakn_id = NEW.id) THEN
    RAISE EXCEPTION 'PAKN % has no row in pakn_similar: write it in the same transaction (upsertSimilarIndex)', NEW.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER pakn_similar_required AFTER INSERT OR UPDATE OF title, content, regulation_ref, email, phone
  ON pakn DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION pakn_similar_check();--> statement-breakpoint

-- The candidate queries of app/models/similarity.server.ts.
-- The best bm25 matches of any of the words, as FTS5 ranks `terms : (a OR b …)`: its bm25 (k1 = 1.2, b = 0.75,
-- IDF log((N − n + 0.5) / (n + 0.5)), 1e-6 when not positive), the same document lengths and totals, the terms
-- summed in the order given; ties by id. JIT off: compiling the scoring expression costs far more than running it
-- (≈700 ms against 1 ms on 150 rows, with the planner's guesses before ANALYZE).
CREATE FUNCTION pakn_similar_ranked(words text[], lim integer)
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
    LEFT JOIN pakn_similar_vocab v ON v.term = w.term
    CROSS JOIN LATERAL (
      SELECT ln((st.n - coalesce(v.doc, 0)::float8 + 0.5::float8) / (coalesce(v.doc, 0)::float8 + 0.5::float8)) AS idf
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
$$;--> statement-breakpoint
-- every word (the two rarest, when even the rarest is too common to rank), newest first
CREATE FUNCTION pakn_similar_all(words text[], lim integer) RETURNS SETOF integer
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT pakn_id FROM pakn_similar WHERE pakn_similar_words(term_freq) @> words ORDER BY pakn_id DESC LIMIT lim
$$;--> statement-breakpoint
-- any of the words, newest first (a single word too common to rank)
CREATE FUNCTION pakn_similar_any(words text[], lim integer) RETURNS SETOF integer
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT pakn_id FROM pakn_similar WHERE pakn_similar_words(term_freq) && words ORDER BY pakn_id DESC LIMIT lim
$$;--> statement-breakpoint
-- any of the citation tokens, newest first
CREATE FUNCTION pakn_similar_citing(tokens text[], lim integer) RETURNS SETOF integer
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT pakn_id FROM pakn_similar WHERE cite_tokens && tokens ORDER BY pakn_id DESC LIMIT lim
$$;

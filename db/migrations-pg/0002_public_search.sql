-- The public search on PostgreSQL, the twin of SQLite's public_fts (db/migrations 0006/0008, app/models/public.server.ts):
-- what is published only (public title, summary and answer), folded as foldVietnamese folds it (NFC, đ/ð → d, no
-- diacritics, lower case), each searched word a prefix, every word required. No extra column: a GIN index over an
-- expression of the row, partial on published rows, so db/schema-pg.ts keeps the shape of db/schema.ts.
--   WHERE publication = 'published' AND pakn_public_tsv(public_title, public_summary, public_answer) @@ pakn_public_query($1)
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change); an index needs an IMMUTABLE function, so a wrapper
-- naming the dictionary explicitly. đ is folded by translate() too: unaccent's rules do, ð they may not.
CREATE FUNCTION pakn_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN lower(public.unaccent('public.unaccent'::regdictionary, translate(normalize(value, NFC), 'đĐðÐ', 'dDdD')));--> statement-breakpoint
CREATE FUNCTION pakn_public_tsv(title text, summary text, answer text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN to_tsvector('simple'::regconfig, pakn_fold(concat_ws(' ', title, summary, answer)));--> statement-breakpoint
-- the words of a query as publicFtsQuery makes them: folded, split on anything but a-z0-9, at most 12, each a prefix
CREATE FUNCTION pakn_public_query(q text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN (
    SELECT to_tsquery('simple'::regconfig, coalesce(string_agg(w || ':*', ' & '), ''))
    FROM (SELECT w FROM regexp_split_to_table(pakn_fold(q), '[^a-z0-9]+') AS w WHERE w <> '' LIMIT 12) AS words
  );--> statement-breakpoint
CREATE INDEX pakn_public_search_idx ON pakn USING gin (pakn_public_tsv(public_title, public_summary, public_answer))
  WHERE publication = 'published';

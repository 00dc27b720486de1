-- Issue #15 (similar PAKN): the candidate index, written by triggers in the same transaction as the PAKN.
--   pakn_similar      per PAKN: the folded words of title and content (citations and stop words removed) and the
--                     distinct citation keys (nd:20/2008 …), so candidates are scored without re-parsing text
--   pakn_similar_fts  FTS5 over the words and the citation index keys as tokens (nd_20_2008 nd_20), to pick
--                     the candidates; pakn_similar_vocab gives its document frequencies
-- similarity_tokens, similarity_cite_keys, similarity_cite_tokens and similarity_submitter are registered on every connection by
-- app/utils/sql-functions.server.ts (app/domain/similarity-index.ts).
CREATE TABLE pakn_similar (
  pakn_id INTEGER PRIMARY KEY NOT NULL,
  title_terms TEXT NOT NULL,
  content_terms TEXT NOT NULL,
  cite_keys TEXT NOT NULL,
  -- hash of the normalised e-mail, else of the phone (similarity_submitter): the "same submitter" signal
  submitter TEXT
);--> statement-breakpoint
CREATE VIRTUAL TABLE pakn_similar_fts USING fts5(terms, cites, content='', contentless_delete=1, tokenize="unicode61 tokenchars '_'");--> statement-breakpoint
CREATE VIRTUAL TABLE pakn_similar_vocab USING fts5vocab(pakn_similar_fts, 'row');--> statement-breakpoint
INSERT INTO pakn_similar (pakn_id, title_terms, content_terms, cite_keys, submitter)
  SELECT id, similarity_tokens(title), similarity_tokens(content), similarity_cite_keys(title, content, regulation_ref), similarity_submitter(email, phone) FROM pakn;--> statement-breakpoint
INSERT INTO pakn_similar_fts (rowid, terms, cites)
  SELECT pakn_id, title_terms || ' ' || content_terms, similarity_cite_tokens(cite_keys) FROM pakn_similar;--> statement-breakpoint
CREATE TRIGGER pakn_similar_ai AFTER INSERT ON pakn BEGIN
  INSERT INTO pakn_similar (pakn_id, title_terms, content_terms, cite_keys, submitter)
    VALUES (new.id, similarity_tokens(new.title), similarity_tokens(new.content), similarity_cite_keys(new.title, new.content, new.regulation_ref), similarity_submitter(new.email, new.phone));
  INSERT INTO pakn_similar_fts (rowid, terms, cites)
    SELECT pakn_id, title_terms || ' ' || content_terms, similarity_cite_tokens(cite_keys) FROM pakn_similar WHERE pakn_id = new.id;
END;--> statement-breakpoint
CREATE TRIGGER pakn_similar_ad AFTER DELETE ON pakn BEGIN
  DELETE FROM pakn_similar_fts WHERE rowid = old.id;
  DELETE FROM pakn_similar WHERE pakn_id = old.id;
END;--> statement-breakpoint
CREATE TRIGGER pakn_similar_au AFTER UPDATE OF title, content, regulation_ref, email, phone ON pakn BEGIN
  DELETE FROM pakn_similar_fts WHERE rowid = old.id;
  DELETE FROM pakn_similar WHERE pakn_id = old.id;
  INSERT INTO pakn_similar (pakn_id, title_terms, content_terms, cite_keys, submitter)
    VALUES (new.id, similarity_tokens(new.title), similarity_tokens(new.content), similarity_cite_keys(new.title, new.content, new.regulation_ref), similarity_submitter(new.email, new.phone));
  INSERT INTO pakn_similar_fts (rowid, terms, cites)
    SELECT pakn_id, title_terms || ' ' || content_terms, similarity_cite_tokens(cite_keys) FROM pakn_similar WHERE pakn_id = new.id;
END;

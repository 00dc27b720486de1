-- Full-text search over the folded text (no diacritics, đ→d), kept in step with pakn by triggers.
CREATE VIRTUAL TABLE pakn_fts USING fts5(search_text, content='pakn', content_rowid='id', tokenize='unicode61');
--> statement-breakpoint
CREATE TRIGGER pakn_fts_ai AFTER INSERT ON pakn BEGIN
  INSERT INTO pakn_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER pakn_fts_ad AFTER DELETE ON pakn BEGIN
  INSERT INTO pakn_fts(pakn_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER pakn_fts_au AFTER UPDATE OF search_text ON pakn BEGIN
  INSERT INTO pakn_fts(pakn_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO pakn_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;

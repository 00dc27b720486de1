-- Search over what is public only (title, summary and answer as published), so a search for a
-- person's name can never find which public answer was theirs.
CREATE VIRTUAL TABLE public_fts USING fts5(text, tokenize='unicode61');

-- Issue #7 (performance at scale): the public search. (The year index is 0009, generated from db/schema.ts.)
-- Prefix terms ("thu"*) read one doclist of the prefix index instead of merging every word that starts so.
CREATE VIRTUAL TABLE public_fts_new USING fts5(text, tokenize='unicode61', prefix='2 3 4');--> statement-breakpoint
INSERT INTO public_fts_new (rowid, text) SELECT rowid, text FROM public_fts;--> statement-breakpoint
DROP TABLE public_fts;--> statement-breakpoint
ALTER TABLE public_fts_new RENAME TO public_fts;

-- The twin of SQLite's 0019_similar_submitter: "the same submitter" candidates by the submitter key (e-mail,
-- else phone), read through this index.
CREATE INDEX pakn_similar_submitter_idx ON pakn_similar (submitter, pakn_id) WHERE submitter IS NOT NULL;

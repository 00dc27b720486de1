-- "The same submitter" candidates by the submitter key (e-mail, else phone) instead of by e-mail only: a PAKN
-- sent with a phone number and no e-mail now finds the same person's earlier PAKN.
CREATE INDEX pakn_similar_submitter_idx ON pakn_similar (submitter, pakn_id) WHERE submitter IS NOT NULL;

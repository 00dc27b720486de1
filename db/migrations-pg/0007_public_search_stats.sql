-- Statistics on the public search's expression (0002). Its GIN index is partial (published rows only), and
-- PostgreSQL takes no statistics from a partial index's expression: every public search was estimated at a
-- handful of rows, so a search for common words ("thủ tục", in 23,000 of 28,000 published answers at 100,000
-- PAKN) read every match and sorted them (215 ms) instead of walking the newest PAKN until a page was full
-- (7 ms). Expression statistics (PostgreSQL 14+) give the planner the words' frequencies; ANALYZE fills them.
CREATE STATISTICS pakn_public_tsv_stats ON (pakn_public_tsv(public_title, public_summary, public_answer)) FROM pakn;--> statement-breakpoint
ANALYZE pakn;

-- (publication, year received, published_at): the public year filter walks it in published order, and the list of
-- years is one seek per year. drizzle-kit writes this expression index wrongly, so the statement is by hand.
CREATE INDEX `pakn_published_year_idx` ON `pakn` (`publication`, substr(`received_date`, 1, 4), `published_at`);

-- Speed (issue 3): a new buyer went into the buyer search index three times over, a statement each
-- (the buyer's trigger, then the identity's delete and insert), and every one of them wrote FTS5 a
-- new segment. The writers that add buyers or identities now index the buyers they touched
-- themselves, ingest once per batch (`index_buyers` in ingest.rs). Updates and deletes keep their
-- triggers.
DROP TRIGGER buyers_fts_after_insert;
DROP TRIGGER buyer_identities_fts_after_insert;

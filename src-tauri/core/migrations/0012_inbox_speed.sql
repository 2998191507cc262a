-- Speed (issue 3): the tab counts under an account or channel filter group that account's
-- conversations by status; with both columns in one index SQLite counts from the index alone instead
-- of reading 20,000 rows.
CREATE INDEX conversations_by_account_status ON conversations (account_id, status);

-- Ingest adds each batch's new messages to the search index in one statement (ingest.rs
-- `index_text`): row by row, FTS5 wrote a segment per message and spent most of ingest merging them.
-- Updates and deletes keep their triggers.
DROP TRIGGER messages_fts_after_insert;
-- Its explicit 'merge' after each batch merges levels that hold two segments or more (FTS5's
-- default is four), so the index stays in few pieces for searches.
INSERT INTO messages_fts (messages_fts, rank) VALUES ('usermerge', 2);

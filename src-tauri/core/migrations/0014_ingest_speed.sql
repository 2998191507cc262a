-- Speed (issue 3). Ingest settles every conversation a batch touches, and on a shop's history
-- (1,000,000 messages, one or two per conversation per batch) most of those changes move a status.
-- The status counters' update trigger ran two statements for each such row, a sixth of ingest's
-- time: the writers that change a status count it themselves, once per batch
-- (`status_counts::Moves`). Inserts and deletes (rarer, and cascades from accounts) keep their
-- triggers.
DROP TRIGGER conversation_status_counts_after_update;
-- A new message of a post-sale conversation with an order joins it: ingest does it in one statement
-- per batch (`join_pack_orders`); the trigger looked up two rows for every message.
DROP TRIGGER messages_join_pack_order;
-- No query reads conversations in plain last-activity order (the inbox uses its own indexes, a
-- buyer's conversations come from `conversations_by_buyer`), and every new message moved its entry.
DROP INDEX conversations_by_last_message;

-- Instagram and Messenger: comments on the shop's posts are conversations of their own kind (and a
-- saved answer may have a version for public comment replies), a comment takes one private reply
-- within 7 days, Meta's API gives only a conversation's 20 most recent messages, and messages carry
-- reactions.

-- Widening a CHECK list changes no stored row, so each table's definition is edited in place (the
-- procedure SQLite documents for changes that leave the data as it is) instead of rebuilding tables
-- that others reference. The DDL further down moves the schema cookie, so every other connection
-- reloads the schema and sees the new lists.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql,
                     'CHECK (kind IN (''pre_sale_question'', ''post_sale'', ''chat'', ''email''))',
                     'CHECK (kind IN (''pre_sale_question'', ''post_sale'', ''chat'', ''email'', ''comment''))')
 WHERE type = 'table' AND name = 'conversations';
UPDATE sqlite_schema
   SET sql = replace(sql,
                     '''etsy'', ''email'', ''other''))',
                     '''etsy'', ''email'', ''other'', ''public_comment''))')
 WHERE type = 'table' AND name = 'saved_answer_variants';
PRAGMA writable_schema = RESET;
-- The edits must have happened: a CHECK that fails stops the migration (and its transaction) if not.
CREATE TEMP TABLE check_lists_widened (done INTEGER NOT NULL CHECK (done = 1));
INSERT INTO check_lists_widened
SELECT instr((SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'conversations'), '''comment''') > 0;
INSERT INTO check_lists_widened
SELECT instr((SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'saved_answer_variants'),
             '''public_comment''') > 0;
DROP TABLE check_lists_widened;

ALTER TABLE conversations ADD COLUMN private_reply_until INTEGER;
ALTER TABLE conversations ADD COLUMN older_history_unavailable INTEGER NOT NULL DEFAULT 0
    CHECK (older_history_unavailable IN (0, 1));
-- A post's comment conversations are found by its link when a re-read shows some were deleted.
CREATE INDEX conversations_by_listing ON conversations (account_id, listing_ref) WHERE listing_ref IS NOT NULL;

-- A JSON list of the reactions on a message, as the channel names them.
ALTER TABLE messages ADD COLUMN reactions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reactions));

ALTER TABLE outbox ADD COLUMN route TEXT NOT NULL DEFAULT 'thread' CHECK (route IN ('thread', 'private_reply'));

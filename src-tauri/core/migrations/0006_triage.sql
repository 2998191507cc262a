-- Triage: drafts kept per conversation, status counters for the tabs, and the indexes the inbox
-- list walks in its own order (see inbox.rs ORDER) so a page never sorts the whole store.

-- What the seller is writing in a conversation's composer, kept across restarts.
CREATE TABLE conversation_drafts (
    conversation_id INTEGER PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
    text            TEXT NOT NULL CHECK (text <> ''),
    updated_at      INTEGER NOT NULL
) STRICT;

-- Conversations per status, kept by triggers: the tabs and the window-title count read one row
-- instead of counting 100,000 conversations.
CREATE TABLE conversation_status_counts (
    status        TEXT PRIMARY KEY NOT NULL
                      CHECK (status IN ('needs_reply', 'waiting_for_buyer', 'snoozed', 'done')),
    conversations INTEGER NOT NULL CHECK (conversations >= 0)
) STRICT, WITHOUT ROWID;
INSERT INTO conversation_status_counts (status, conversations)
    SELECT s.status, (SELECT count(*) FROM conversations c WHERE c.status = s.status)
      FROM (SELECT 'needs_reply' AS status UNION ALL SELECT 'waiting_for_buyer'
            UNION ALL SELECT 'snoozed' UNION ALL SELECT 'done') s;

CREATE TRIGGER conversation_status_counts_after_insert AFTER INSERT ON conversations BEGIN
    UPDATE conversation_status_counts SET conversations = conversations + 1 WHERE status = new.status;
END;
CREATE TRIGGER conversation_status_counts_after_update AFTER UPDATE OF status ON conversations
WHEN old.status <> new.status BEGIN
    UPDATE conversation_status_counts SET conversations = conversations - 1 WHERE status = old.status;
    UPDATE conversation_status_counts SET conversations = conversations + 1 WHERE status = new.status;
END;
CREATE TRIGGER conversation_status_counts_after_delete AFTER DELETE ON conversations BEGIN
    UPDATE conversation_status_counts SET conversations = conversations - 1 WHERE status = old.status;
END;

-- The inbox order as index keys: pinned first; needs-reply first; then one key that is the start of
-- the wait for needs-reply (oldest first; none last) and minus the last activity for the rest (newest
-- first); the id breaks ties. The expressions must match inbox.rs ORDER text for text.
CREATE INDEX conversations_inbox_order ON conversations (
    pinned DESC,
    (status = 'needs_reply') DESC,
    (CASE WHEN status = 'needs_reply' THEN coalesce(waiting_since, 9223372036854775807)
          ELSE -coalesce(last_message_at, 0) END),
    id DESC
);
CREATE INDEX conversations_inbox_by_status ON conversations (
    status,
    pinned DESC,
    (status = 'needs_reply') DESC,
    (CASE WHEN status = 'needs_reply' THEN coalesce(waiting_since, 9223372036854775807)
          ELSE -coalesce(last_message_at, 0) END),
    id DESC
);
CREATE INDEX conversations_inbox_by_account ON conversations (
    account_id,
    pinned DESC,
    (status = 'needs_reply') DESC,
    (CASE WHEN status = 'needs_reply' THEN coalesce(waiting_since, 9223372036854775807)
          ELSE -coalesce(last_message_at, 0) END),
    id DESC
);
-- The existing (status, waiting_since) index serves the reminders; the plain status and
-- last-activity indexes stay for the queries that use them.

-- Channel synchronisation: where each stream left off, and replies waiting to be sent.

CREATE TABLE sync_cursors (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- A connector's name for one feed ("questions", "messages", "updates"…).
    stream     TEXT NOT NULL CHECK (stream <> ''),
    cursor     TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, stream)
) STRICT, WITHOUT ROWID;

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    text            TEXT NOT NULL,
    attachments     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attachments)),
    -- Sent along to channels that support it, and checked before a retry, so a reply goes out once.
    idempotency_key TEXT NOT NULL UNIQUE CHECK (idempotency_key <> ''),
    state           TEXT NOT NULL DEFAULT 'queued'
                        CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at INTEGER,
    last_error      TEXT,
    -- The message the reply became once the channel accepted it.
    message_id      INTEGER REFERENCES messages (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX outbox_pending ON outbox (state, next_attempt_at) WHERE state IN ('queued', 'sending');
CREATE INDEX outbox_by_conversation ON outbox (conversation_id);

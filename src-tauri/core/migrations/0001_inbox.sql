-- The inbox: accounts, buyers and their identities, conversations, messages, and full-text search.
-- Enum-like TEXT columns hold the exact strings of model.rs (`as_str`), enforced by CHECK.

CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    -- FNV-1a 64 of the migration text (CR removed), hex: an applied migration must never change.
    checksum   TEXT NOT NULL,
    applied_at INTEGER NOT NULL
) STRICT;

-- App settings, one JSON value per key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL CHECK (json_valid(value))
) STRICT, WITHOUT ROWID;

-- A seller's account on one channel. Never holds secrets: tokens live in the OS keychain.
CREATE TABLE accounts (
    id           INTEGER PRIMARY KEY,
    channel      TEXT NOT NULL CHECK (channel IN
                     ('mercado_libre', 'etsy', 'instagram', 'messenger', 'whatsapp', 'telegram', 'email', 'other')),
    display_name TEXT NOT NULL CHECK (display_name <> ''),
    external_id  TEXT,
    settings     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    -- Connector bookkeeping that is not a cursor (last error, rate-limit window…).
    sync_state   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(sync_state)),
    created_at   INTEGER NOT NULL,
    disabled     INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
) STRICT;
CREATE INDEX accounts_by_channel ON accounts (channel);

CREATE TABLE buyers (
    id           INTEGER PRIMARY KEY,
    display_name TEXT NOT NULL,
    notes        TEXT NOT NULL DEFAULT '',
    -- Set when the seller merges this buyer into another one; the row stays so the merge can be undone.
    merged_into  INTEGER REFERENCES buyers (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    CHECK (merged_into IS NULL OR merged_into <> id)
) STRICT;
CREATE INDEX buyers_merged_into ON buyers (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE buyer_tags (
    buyer_id INTEGER NOT NULL REFERENCES buyers (id) ON DELETE CASCADE,
    tag      TEXT NOT NULL CHECK (tag <> ''),
    PRIMARY KEY (buyer_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX buyer_tags_by_tag ON buyer_tags (tag);

-- Who a buyer is on one account. A buyer with several channels has several identities.
CREATE TABLE buyer_identities (
    id              INTEGER PRIMARY KEY,
    buyer_id        INTEGER NOT NULL REFERENCES buyers (id) ON DELETE CASCADE,
    -- The buyer this identity was first seen as: unmerging moves it back there.
    origin_buyer_id INTEGER REFERENCES buyers (id) ON DELETE SET NULL,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    external_id     TEXT NOT NULL CHECK (external_id <> ''),
    display_name    TEXT NOT NULL,
    handle          TEXT,
    phone           TEXT,
    -- `phone` normalised to +<digits> when it was written in international form, for matching.
    phone_e164      TEXT,
    email           TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (account_id, external_id)
) STRICT;
CREATE INDEX buyer_identities_by_buyer ON buyer_identities (buyer_id);
CREATE INDEX buyer_identities_by_phone ON buyer_identities (phone_e164) WHERE phone_e164 IS NOT NULL;
CREATE INDEX buyer_identities_by_email ON buyer_identities (email COLLATE NOCASE) WHERE email IS NOT NULL;

CREATE TABLE conversations (
    id                 INTEGER PRIMARY KEY,
    account_id         INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    buyer_id           INTEGER NOT NULL REFERENCES buyers (id) ON DELETE RESTRICT,
    external_ref       TEXT NOT NULL CHECK (external_ref <> ''),
    kind               TEXT NOT NULL CHECK (kind IN ('pre_sale_question', 'post_sale', 'chat', 'email')),
    subject            TEXT,
    status             TEXT NOT NULL DEFAULT 'needs_reply'
                           CHECK (status IN ('needs_reply', 'waiting_for_buyer', 'snoozed', 'done')),
    -- The aggregates below are derived from the messages (see ingest.rs), never counted up, so a batch
    -- that arrives out of order cannot move them the wrong way.
    -- Earliest incoming message after the latest reply (and after handled_through).
    waiting_since      INTEGER,
    first_reply_at     INTEGER,
    last_message_at    INTEGER,
    last_incoming_at   INTEGER,
    -- Latest outgoing message that counts as a reply (not failed, rejected or moderated).
    last_outgoing_at   INTEGER,
    -- Incoming messages sent up to here count as handled: the seller marked the conversation done or
    -- answered it elsewhere, so they do not start a wait.
    handled_through    INTEGER,
    -- The newest message time when the seller last set the status by hand. Until a message after it
    -- arrives (from the buyer; for statuses other than done, a reply too) that status stays; after
    -- that the status follows the messages again.
    manual_status_through INTEGER,
    snoozed_until      INTEGER,
    snooze_until_reply INTEGER NOT NULL DEFAULT 0 CHECK (snooze_until_reply IN (0, 1)),
    pinned             INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    unread_count       INTEGER NOT NULL DEFAULT 0 CHECK (unread_count >= 0),
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    UNIQUE (account_id, external_ref),
    CHECK (status = 'snoozed' OR (snoozed_until IS NULL AND snooze_until_reply = 0))
) STRICT;
CREATE INDEX conversations_by_buyer ON conversations (buyer_id);
CREATE INDEX conversations_by_status ON conversations (status, waiting_since);
CREATE INDEX conversations_by_last_message ON conversations (last_message_at);
CREATE INDEX conversations_snoozed ON conversations (snoozed_until) WHERE status = 'snoozed';

CREATE TABLE conversation_tags (
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    tag             TEXT NOT NULL CHECK (tag <> ''),
    PRIMARY KEY (conversation_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX conversation_tags_by_tag ON conversation_tags (tag, conversation_id);

CREATE TABLE messages (
    id                INTEGER PRIMARY KEY,
    conversation_id   INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    account_id        INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    external_id       TEXT NOT NULL CHECK (external_id <> ''),
    direction         TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
    author            TEXT NOT NULL,
    text              TEXT NOT NULL,
    sent_at           INTEGER NOT NULL,
    status            TEXT NOT NULL CHECK (status IN
                          ('received', 'copied', 'queued', 'sending', 'sent', 'failed', 'moderated', 'rejected')),
    moderation_reason TEXT,
    -- [{file_name, mime_type, size_bytes, local_path, remote_ref}]: metadata only, files live on disk.
    attachments       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attachments)),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    UNIQUE (account_id, external_id)
) STRICT;
CREATE INDEX messages_by_conversation ON messages (conversation_id, sent_at, id);

-- Message search: external content, kept in step by triggers (the old text is needed to delete).
CREATE VIRTUAL TABLE messages_fts USING fts5 (
    text,
    content = 'messages',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_fts_after_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER messages_fts_after_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER messages_fts_after_update AFTER UPDATE OF text ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
END;

-- Buyer search: one row per buyer (rowid = buyers.id) with the buyer's name and every identity's
-- name and handle. Small, so it keeps its own content and is rebuilt per buyer by the triggers.
CREATE VIEW buyer_search_names AS
SELECT b.id AS buyer_id,
       b.display_name || coalesce(
           (SELECT ' ' || group_concat(i.display_name || coalesce(' ' || i.handle, ''), ' ')
              FROM buyer_identities i
             WHERE i.buyer_id = b.id),
           '') AS names
  FROM buyers b;

CREATE VIRTUAL TABLE buyers_fts USING fts5 (names, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER buyers_fts_after_insert AFTER INSERT ON buyers BEGIN
    INSERT INTO buyers_fts (rowid, names) SELECT buyer_id, names FROM buyer_search_names WHERE buyer_id = new.id;
END;
CREATE TRIGGER buyers_fts_after_update AFTER UPDATE OF display_name ON buyers BEGIN
    DELETE FROM buyers_fts WHERE rowid = new.id;
    INSERT INTO buyers_fts (rowid, names) SELECT buyer_id, names FROM buyer_search_names WHERE buyer_id = new.id;
END;
CREATE TRIGGER buyers_fts_after_delete AFTER DELETE ON buyers BEGIN
    DELETE FROM buyers_fts WHERE rowid = old.id;
END;
CREATE TRIGGER buyer_identities_fts_after_insert AFTER INSERT ON buyer_identities BEGIN
    DELETE FROM buyers_fts WHERE rowid = new.buyer_id;
    INSERT INTO buyers_fts (rowid, names)
        SELECT buyer_id, names FROM buyer_search_names WHERE buyer_id = new.buyer_id;
END;
CREATE TRIGGER buyer_identities_fts_after_update
AFTER UPDATE OF buyer_id, display_name, handle ON buyer_identities BEGIN
    DELETE FROM buyers_fts WHERE rowid IN (old.buyer_id, new.buyer_id);
    INSERT INTO buyers_fts (rowid, names)
        SELECT buyer_id, names FROM buyer_search_names WHERE buyer_id IN (old.buyer_id, new.buyer_id);
END;
CREATE TRIGGER buyer_identities_fts_after_delete AFTER DELETE ON buyer_identities BEGIN
    DELETE FROM buyers_fts WHERE rowid = old.buyer_id;
    INSERT INTO buyers_fts (rowid, names)
        SELECT buyer_id, names FROM buyer_search_names WHERE buyer_id = old.buyer_id;
END;

-- E-mail: what the mailbox read and left out (not from a buyer), so the seller can see why and
-- correct it, and the seller's own "this is a buyer" / "not a buyer" marks on addresses and domains.

CREATE TABLE mail_left_out (
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    message_id  TEXT NOT NULL CHECK (message_id <> ''),
    sender      TEXT NOT NULL,
    sender_name TEXT,
    subject     TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (reason IN
                    ('seller_said', 'list', 'auto_reply', 'no_reply_sender', 'own_address', 'service_notice')),
    received_at INTEGER NOT NULL,
    -- Where to read it again when the seller says it is from a buyer after all.
    mailbox     TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL,
    uid         INTEGER NOT NULL,
    PRIMARY KEY (account_id, message_id)
) STRICT;
CREATE INDEX mail_left_out_by_sender ON mail_left_out (account_id, sender);

CREATE TABLE mail_sender_marks (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- A whole address ("ana@example.com") or a domain ("@example.com"), lowercase.
    pattern    TEXT NOT NULL CHECK (pattern <> '' AND pattern = lower(pattern)),
    is_buyer   INTEGER NOT NULL CHECK (is_buyer IN (0, 1)),
    marked_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, pattern)
) STRICT, WITHOUT ROWID;

-- Where a mail's quoted history starts in its text (a byte offset): shown folded, kept in full.
ALTER TABLE messages ADD COLUMN quote_start INTEGER CHECK (quote_start IS NULL OR quote_start >= 0);

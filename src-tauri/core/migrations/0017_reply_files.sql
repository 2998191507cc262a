-- Files that go with a reply through the channel (a saved answer's size chart or QR on a mail
-- reply), in order. Each is a copy kept beside the database, so removing it from the answer later
-- neither breaks a reply still on its way nor empties the thread.

CREATE TABLE outbox_files (
    outbox_id  INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    file_name  TEXT NOT NULL CHECK (file_name <> ''),
    mime_type  TEXT,
    size_bytes INTEGER NOT NULL,
    local_path TEXT NOT NULL,
    PRIMARY KEY (outbox_id, position)
) STRICT;

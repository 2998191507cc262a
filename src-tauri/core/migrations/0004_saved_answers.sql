-- Saved answers: reusable replies with per-channel and per-language variants.

CREATE TABLE saved_answers (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL CHECK (title <> ''),
    -- Typed after `/` in the composer.
    shortcut     TEXT UNIQUE COLLATE NOCASE CHECK (shortcut IS NULL OR shortcut <> ''),
    folder       TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL,
    language     TEXT CHECK (language IS NULL OR language IN ('es', 'pt-BR', 'en')),
    pinned       INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    tags         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    use_count    INTEGER NOT NULL DEFAULT 0 CHECK (use_count >= 0),
    last_used_at INTEGER,
    -- Characters the seller did not have to type, summed over uses.
    chars_saved  INTEGER NOT NULL DEFAULT 0 CHECK (chars_saved >= 0),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX saved_answers_by_folder ON saved_answers (folder, title);

CREATE TABLE saved_answer_variants (
    answer_id       INTEGER NOT NULL REFERENCES saved_answers (id) ON DELETE CASCADE,
    channel_variant TEXT NOT NULL CHECK (channel_variant IN ('ml_pre_sale', 'ml_post_sale', 'instagram',
                        'messenger', 'whatsapp', 'telegram', 'etsy', 'email', 'other')),
    language        TEXT NOT NULL CHECK (language IN ('es', 'pt-BR', 'en')),
    body            TEXT NOT NULL,
    PRIMARY KEY (answer_id, channel_variant, language)
) STRICT, WITHOUT ROWID;

CREATE TABLE saved_answer_attachments (
    id         INTEGER PRIMARY KEY,
    answer_id  INTEGER NOT NULL REFERENCES saved_answers (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position >= 0),
    file_name  TEXT NOT NULL CHECK (file_name <> ''),
    mime_type  TEXT,
    size_bytes INTEGER CHECK (size_bytes IS NULL OR size_bytes >= 0),
    -- Inside the app's data folder.
    local_path TEXT NOT NULL,
    UNIQUE (answer_id, position)
) STRICT;

CREATE VIRTUAL TABLE saved_answers_fts USING fts5 (
    title,
    shortcut,
    body,
    content = 'saved_answers',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER saved_answers_fts_after_insert AFTER INSERT ON saved_answers BEGIN
    INSERT INTO saved_answers_fts (rowid, title, shortcut, body)
        VALUES (new.id, new.title, new.shortcut, new.body);
END;
CREATE TRIGGER saved_answers_fts_after_delete AFTER DELETE ON saved_answers BEGIN
    INSERT INTO saved_answers_fts (saved_answers_fts, rowid, title, shortcut, body)
        VALUES ('delete', old.id, old.title, old.shortcut, old.body);
END;
CREATE TRIGGER saved_answers_fts_after_update AFTER UPDATE OF title, shortcut, body ON saved_answers BEGIN
    INSERT INTO saved_answers_fts (saved_answers_fts, rowid, title, shortcut, body)
        VALUES ('delete', old.id, old.title, old.shortcut, old.body);
    INSERT INTO saved_answers_fts (rowid, title, shortcut, body)
        VALUES (new.id, new.title, new.shortcut, new.body);
END;

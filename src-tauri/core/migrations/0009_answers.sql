-- Saved answers, second step: starter packs installed once, the shop facts the variables read, and
-- an index for the picker's default order (pinned, then most used).

-- Which starter answer a row came from (`es:greeting`), so installing a pack twice adds nothing.
ALTER TABLE saved_answers ADD COLUMN starter_key TEXT;
CREATE UNIQUE INDEX saved_answers_by_starter_key ON saved_answers (starter_key) WHERE starter_key IS NOT NULL;

-- A pack installed once stays installed, even when the seller deletes its answers.
CREATE TABLE saved_answer_packs (
    language     TEXT PRIMARY KEY CHECK (language IN ('es', 'pt-BR', 'en')),
    installed_at INTEGER NOT NULL
) STRICT;

-- payment.alias, pickup.place, shop.phone: kept here, not in any channel's settings.
CREATE TABLE saved_answer_facts (
    key   TEXT PRIMARY KEY CHECK (key IN ('payment.alias', 'pickup.place', 'shop.phone')),
    value TEXT NOT NULL CHECK (value <> '')
) STRICT;

CREATE INDEX saved_answers_by_use ON saved_answers (pinned DESC, use_count DESC, last_used_at DESC);

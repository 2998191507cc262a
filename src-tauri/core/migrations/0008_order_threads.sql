-- Order threads and buyer merges: a message belongs to at most one order, ML pack messages join
-- their order on arrival, merges are recorded so they can be undone exactly, and phones get a
-- matching key computed by the core (libphonenumber) for merge suggestions.

-- Older builds linked with INSERT OR IGNORE on (message, order), so a message could sit in two
-- orders: keep its oldest order.
DELETE FROM order_messages
 WHERE order_id > (SELECT min(o2.order_id) FROM order_messages o2
                    WHERE o2.message_id = order_messages.message_id);
CREATE UNIQUE INDEX order_messages_one_order ON order_messages (message_id);

-- Un-cancelling returns the order to where it was.
ALTER TABLE orders ADD COLUMN cancelled_from TEXT CHECK (cancelled_from IS NULL OR cancelled_from IN
    ('inquiry', 'agreed', 'paid', 'in_production', 'ready', 'shipped', 'picked_up', 'delivered'));

-- Where the channel knows the order (a Mercado Libre pack: one post-sale conversation per purchase),
-- a new message of that conversation joins the conversation's first order. Two indexed lookups per
-- message, and nothing at all for conversations without an order.
CREATE TRIGGER messages_join_pack_order AFTER INSERT ON messages
WHEN EXISTS (SELECT 1 FROM orders o WHERE o.conversation_id = new.conversation_id)
 AND (SELECT c.kind FROM conversations c WHERE c.id = new.conversation_id) = 'post_sale'
BEGIN
    INSERT OR IGNORE INTO order_messages (order_id, message_id)
    SELECT o.id, new.id FROM orders o
     WHERE o.conversation_id = new.conversation_id
     ORDER BY o.created_at, o.id LIMIT 1;
END;

-- One row per merge. The moved rows are listed so undoing moves back exactly those, and the
-- target's profile before the merge is kept so undo can restore it.
CREATE TABLE buyer_merges (
    id                   INTEGER PRIMARY KEY,
    target_buyer_id      INTEGER NOT NULL REFERENCES buyers (id) ON DELETE CASCADE,
    source_buyer_id      INTEGER NOT NULL REFERENCES buyers (id) ON DELETE CASCADE,
    -- JSON arrays of ids moved from source to target.
    identity_ids         TEXT NOT NULL CHECK (json_valid(identity_ids)),
    conversation_ids     TEXT NOT NULL CHECK (json_valid(conversation_ids)),
    order_ids            TEXT NOT NULL CHECK (json_valid(order_ids)),
    target_notes_before  TEXT NOT NULL,
    target_tags_before   TEXT NOT NULL CHECK (json_valid(target_tags_before)),
    target_notes_after   TEXT NOT NULL,
    target_tags_after    TEXT NOT NULL CHECK (json_valid(target_tags_after)),
    -- Why the seller merged (the suggestion's reasons), for the buyer page.
    reasons              TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons)),
    merged_at            INTEGER NOT NULL,
    undone_at            INTEGER,
    CHECK (target_buyer_id <> source_buyer_id)
) STRICT;
CREATE INDEX buyer_merges_by_target ON buyer_merges (target_buyer_id) WHERE undone_at IS NULL;
CREATE INDEX buyer_merges_by_source ON buyer_merges (source_buyer_id) WHERE undone_at IS NULL;

-- The phone of an identity as libphonenumber reads it with the shop's region. `phone` is the text
-- it was computed from, so a changed phone is recomputed; `match_key` is NULL when unparseable.
CREATE TABLE identity_phone_keys (
    identity_id INTEGER PRIMARY KEY REFERENCES buyer_identities (id) ON DELETE CASCADE,
    phone       TEXT NOT NULL,
    region      TEXT NOT NULL,
    e164        TEXT,
    match_key   TEXT
) STRICT;
CREATE INDEX identity_phone_keys_by_key ON identity_phone_keys (match_key) WHERE match_key IS NOT NULL;

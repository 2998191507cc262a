-- Orders agreed with buyers, their items, and the messages of their thread.

CREATE TABLE orders (
    id                    INTEGER PRIMARY KEY,
    buyer_id              INTEGER NOT NULL REFERENCES buyers (id) ON DELETE RESTRICT,
    conversation_id       INTEGER REFERENCES conversations (id) ON DELETE SET NULL,
    stage                 TEXT NOT NULL CHECK (stage IN ('inquiry', 'agreed', 'paid', 'in_production', 'ready',
                              'shipped', 'picked_up', 'delivered', 'cancelled')),
    currency              TEXT NOT NULL CHECK (length(currency) = 3 AND currency GLOB '[A-Z][A-Z][A-Z]'),
    due_date              TEXT CHECK (due_date IS NULL OR
                              (due_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date(due_date) = due_date)),
    delivery_method       TEXT CHECK (delivery_method IS NULL OR
                              delivery_method IN ('shipping', 'pickup', 'meeting_point')),
    delivery_address      TEXT,
    delivery_place        TEXT,
    delivery_time_note    TEXT,
    delivery_picked_up_by TEXT,
    payment_status        TEXT NOT NULL DEFAULT 'unpaid'
                              CHECK (payment_status IN ('unpaid', 'partial', 'paid', 'refunded')),
    notes                 TEXT NOT NULL DEFAULT '',
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    CHECK (delivery_method IS NOT NULL OR (delivery_address IS NULL AND delivery_place IS NULL
           AND delivery_time_note IS NULL AND delivery_picked_up_by IS NULL))
) STRICT;
CREATE INDEX orders_by_buyer ON orders (buyer_id, created_at);
CREATE INDEX orders_by_conversation ON orders (conversation_id, created_at) WHERE conversation_id IS NOT NULL;
CREATE INDEX orders_by_stage ON orders (stage, due_date);

CREATE TABLE order_items (
    order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL CHECK (position >= 0),
    product          TEXT NOT NULL CHECK (product <> ''),
    -- Set when the item is one of the shop's products (for processing times and capacity).
    product_id       INTEGER REFERENCES products (id) ON DELETE SET NULL,
    variant          TEXT,
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
    PRIMARY KEY (order_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX order_items_by_product ON order_items (product_id) WHERE product_id IS NOT NULL;

CREATE TABLE order_messages (
    order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    PRIMARY KEY (message_id, order_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX order_messages_by_order ON order_messages (order_id);

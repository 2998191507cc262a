-- Live sync (issue 7): each account's sync status, channel orders keyed by the channel's id,
-- what the channel says about a conversation (blocked, reply window, listing), messages the buyer
-- deleted, and why a reply failed.

-- The last round's outcome per account (see sync/accounts_view.rs). Columns, not the sync_state
-- JSON, so the accounts screen reads them with one plain query.
ALTER TABLE accounts ADD COLUMN sync_status TEXT NOT NULL DEFAULT 'never_synced'
    CHECK (sync_status IN ('never_synced', 'ok', 'retrying', 'offline', 'needs_reconnect', 'failing'));
ALTER TABLE accounts ADD COLUMN last_sync_success_at INTEGER;
ALTER TABLE accounts ADD COLUMN last_sync_attempt_at INTEGER;
ALTER TABLE accounts ADD COLUMN sync_error_code TEXT;
ALTER TABLE accounts ADD COLUMN sync_error_detail TEXT;
ALTER TABLE accounts ADD COLUMN sync_retry_at INTEGER;
-- When a round found the last success older than the channel keeps updates (Telegram: 24 h).
ALTER TABLE accounts ADD COLUMN sync_gap_noticed_at INTEGER;

-- An order the channel knows (Mercado Libre order id), upserted by (account, external_ref).
ALTER TABLE orders ADD COLUMN account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL;
ALTER TABLE orders ADD COLUMN external_ref TEXT CHECK (external_ref IS NULL OR external_ref <> '');
-- The conversation that is the order's thread on the channel (pack id), linked once it exists.
ALTER TABLE orders ADD COLUMN thread_ref TEXT;
CREATE UNIQUE INDEX orders_by_external_ref ON orders (account_id, external_ref) WHERE external_ref IS NOT NULL;
CREATE INDEX orders_awaiting_thread ON orders (account_id)
    WHERE conversation_id IS NULL AND thread_ref IS NOT NULL;

-- Mercado Libre substatus of a blocked conversation (`blocked_by_time`…); NULL = open.
ALTER TABLE conversations ADD COLUMN blocked_reason TEXT;
-- Until when the channel takes a reply (Telegram Business: 24 h after the buyer's last message).
ALTER TABLE conversations ADD COLUMN reply_until INTEGER;
-- The listing a pre-sale question is about (Mercado Libre item id).
ALTER TABLE conversations ADD COLUMN listing_ref TEXT;

-- The buyer deleted the message on the channel (Telegram Business): the text is kept, marked.
ALTER TABLE messages ADD COLUMN deleted_at INTEGER;
-- Why a reply the app sent failed (the outbox's error code, translated by the UI).
ALTER TABLE messages ADD COLUMN failure_code TEXT;

-- A stable code for the last failure (the UI translates it); `last_error` keeps the channel's words.
ALTER TABLE outbox ADD COLUMN error_code TEXT;
CREATE INDEX outbox_by_account ON outbox (account_id, state, next_attempt_at);

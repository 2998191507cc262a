-- Mercado Libre's figures on the seller, read every few hours for the metrics screen: the
-- reputation (colour, medal, protection, the period's sales and rates), the open claims, and the
-- visits to the seller's listings per month. Each read replaces what it read before; what a read
-- could not get stays, and why it failed is kept beside it. Sales are counted from the orders.

CREATE TABLE seller_reputation (
    account_id          INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    site_id             TEXT,
    -- Mercado Libre's own ids ('5_green' … '1_red'); NULL = no colour yet.
    level_id            TEXT,
    power_seller_status TEXT,
    -- Only while Mercado Libre protects the colour: the colour without the protection, and until when.
    real_level          TEXT,
    protection_end      INTEGER,
    sales_period        TEXT,
    sales_completed     INTEGER CHECK (sales_completed IS NULL OR sales_completed >= 0),
    -- When the reputation was last read; NULL = never yet.
    fetched_at          INTEGER,
    open_claims         INTEGER CHECK (open_claims IS NULL OR open_claims >= 0),
    claims_fetched_at   INTEGER,
    -- The last read that failed in part: the connector's code and the channel's words.
    error_code          TEXT,
    error_detail        TEXT,
    error_at            INTEGER
) STRICT;

-- Claims, delayed handling and cancellations as fractions (0.0228 = 2.28 %), with the counts they
-- come from; real_* are the figures without what Mercado Libre excluded.
CREATE TABLE seller_reputation_rates (
    account_id INTEGER NOT NULL REFERENCES seller_reputation (account_id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('claims', 'delayed_handling_time', 'cancellations')),
    period     TEXT,
    rate       REAL NOT NULL CHECK (rate >= 0),
    value      INTEGER NOT NULL CHECK (value >= 0),
    real_rate  REAL CHECK (real_rate IS NULL OR real_rate >= 0),
    real_value INTEGER CHECK (real_value IS NULL OR real_value >= 0),
    PRIMARY KEY (account_id, kind)
) STRICT, WITHOUT ROWID;

-- Visits to all of the account's listings in a month of the shop's calendar ('YYYY-MM'); the
-- current month's grows with each read.
CREATE TABLE listing_visits_by_month (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    month      TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    visits     INTEGER NOT NULL CHECK (visits >= 0),
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, month)
) STRICT, WITHOUT ROWID;

-- The shop calendar: what promised dates and cut-offs are computed from. Dates are `YYYY-MM-DD` in
-- the shop's time zone, times `HH:MM`.

-- A single row (id = 1).
CREATE TABLE shop_calendar (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    -- IANA zone; NULL follows the system's. This is the one place the shop's zone is stored.
    time_zone         TEXT CHECK (time_zone IS NULL OR time_zone <> ''),
    -- Orders that arrive after this time start the next working day.
    cutoff_time       TEXT NOT NULL DEFAULT '13:00' CHECK (cutoff_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    -- Whether the day an order arrives before the cut-off counts as a production day.
    cutoff_day_counts INTEGER NOT NULL DEFAULT 1 CHECK (cutoff_day_counts IN (0, 1)),
    -- ISO weekdays the shop works on, Monday = 1.
    working_days      TEXT NOT NULL DEFAULT '[1,2,3,4,5]' CHECK (json_valid(working_days)),
    open_time         TEXT CHECK (open_time IS NULL OR open_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    close_time        TEXT CHECK (close_time IS NULL OR close_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    -- Default capacity in pieces a working day; NULL = not planned by capacity.
    pieces_per_day    INTEGER CHECK (pieces_per_day IS NULL OR pieces_per_day > 0)
) STRICT;
INSERT INTO shop_calendar (id) VALUES (1);

CREATE TABLE closed_dates (
    date   TEXT PRIMARY KEY NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    kind   TEXT NOT NULL CHECK (kind IN ('holiday', 'vacation', 'one_off')),
    reason TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;

-- Dates buyers shop for (Mother's Day, Christmas) and how long before them each delivery method needs.
CREATE TABLE seasonal_deadlines (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (name <> ''),
    event_date    TEXT NOT NULL CHECK (event_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    -- {"shipping": 5, "pickup": 1, "meeting_point": 2}: days before event_date.
    delivery_days TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(delivery_days)),
    created_at    INTEGER NOT NULL,
    UNIQUE (name, event_date)
) STRICT;

-- What the shop makes, with its processing profile.
CREATE TABLE products (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE CHECK (name <> ''),
    ready_to_ship   INTEGER NOT NULL DEFAULT 0 CHECK (ready_to_ship IN (0, 1)),
    min_days        INTEGER NOT NULL DEFAULT 0 CHECK (min_days >= 0),
    max_days        INTEGER NOT NULL DEFAULT 0,
    -- How many pieces of capacity one unit takes.
    pieces_per_unit INTEGER NOT NULL DEFAULT 1 CHECK (pieces_per_unit >= 0),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK (max_days >= min_days)
) STRICT;

CREATE TABLE capacity_overrides (
    date   TEXT PRIMARY KEY NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    pieces INTEGER NOT NULL CHECK (pieces >= 0)
) STRICT, WITHOUT ROWID;

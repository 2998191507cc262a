-- Cut-off notices and capacity: what 0002's shop calendar still lacked.

-- Opening hours per weekday (ISO, Monday = 1), for shops whose Saturday is shorter than the week.
-- A day's cut-off is never after its closing time. A working day without a row keeps
-- shop_calendar's open_time/close_time.
CREATE TABLE working_hours (
    weekday    INTEGER PRIMARY KEY CHECK (weekday BETWEEN 1 AND 7),
    open_time  TEXT NOT NULL CHECK (open_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    close_time TEXT NOT NULL CHECK (close_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    CHECK (close_time > open_time)
) STRICT;

-- The processing time notices and seasonal deadlines assume when no product is named
-- (production days, the slow end is used for last order days).
ALTER TABLE shop_calendar ADD COLUMN default_min_days INTEGER NOT NULL DEFAULT 1 CHECK (default_min_days >= 0);
ALTER TABLE shop_calendar ADD COLUMN default_max_days INTEGER NOT NULL DEFAULT 3 CHECK (default_max_days >= 0);

-- Products group into categories ("Cerámica", "Tejidos") the seller sorts by.
ALTER TABLE products ADD COLUMN category TEXT NOT NULL DEFAULT '';

-- Bookings are derived from open orders' items (see cutoff/capacity.rs): this finds the items of
-- the orders that book capacity without scanning finished ones.
CREATE INDEX orders_open_for_capacity ON orders (created_at)
    WHERE stage IN ('agreed', 'paid', 'in_production');

-- "Not the same person": pairs of buyers the seller said are different people, so merge suggestions
-- stop offering them. One row per pair, smaller id first, so the order the pair was seen in does not
-- matter. Deleting the row (undo) brings the suggestion back.
CREATE TABLE merge_dismissals (
    buyer_low    INTEGER NOT NULL REFERENCES buyers (id) ON DELETE CASCADE,
    buyer_high   INTEGER NOT NULL REFERENCES buyers (id) ON DELETE CASCADE,
    dismissed_at INTEGER NOT NULL,
    PRIMARY KEY (buyer_low, buyer_high),
    CHECK (buyer_low < buyer_high)
) WITHOUT ROWID;

-- The primary key finds a buyer's pairs when it is the smaller id; this finds the rest.
CREATE INDEX merge_dismissals_high ON merge_dismissals (buyer_high);

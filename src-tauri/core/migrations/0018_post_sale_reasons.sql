-- Mercado Libre opens a post-sale conversation to the seller only through a reason of its action
-- guide (ask for variants, billing data…): the reason a queued reply uses, as JSON
-- ({"option_id", "template_id", "vars"}); NULL for every other reply.

ALTER TABLE outbox ADD COLUMN reason TEXT CHECK (reason IS NULL OR json_valid(reason));

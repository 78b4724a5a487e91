-- 0004: the cost-benefit case — cost items and benefit drivers. Never edit after it lands; add a
-- new file instead. Money is INTEGER cents; the case's parameters (horizon, discount rate, start,
-- baseline quarter) are settings.

-- A cost: one-off in `from_year` (0 = at the start) or every year from `from_year` to `to_year`.
-- People's time: `hours` × `hourly_cost_cents` gives the amount.
CREATE TABLE cost_items (
    id                INTEGER PRIMARY KEY,
    category          TEXT NOT NULL CHECK (category IN
                        ('training', 'tool_purchase', 'tool_maintenance', 'process_time', 'other')),
    label             TEXT NOT NULL,
    amount_cents      INTEGER NOT NULL CHECK (amount_cents >= 0),
    currency          TEXT NOT NULL DEFAULT 'CNY',
    recurring         INTEGER NOT NULL DEFAULT 0,
    from_year         INTEGER NOT NULL DEFAULT 0 CHECK (from_year >= 0),
    to_year           INTEGER CHECK (to_year IS NULL OR to_year >= from_year),
    hours             REAL CHECK (hours IS NULL OR hours >= 0),
    hourly_cost_cents INTEGER CHECK (hourly_cost_cents IS NULL OR hourly_cost_cents >= 0),
    note              TEXT NOT NULL DEFAULT ''
) STRICT;

-- A benefit driver (time saved, complaints avoided, other), as JSON of its kind and quantities;
-- `measured` = 1: the "measured" scenario replaces its quantities with the workspace's figures.
CREATE TABLE benefit_drivers (
    id          INTEGER PRIMARY KEY,
    position    INTEGER NOT NULL DEFAULT 0,
    driver_json TEXT NOT NULL,
    measured    INTEGER NOT NULL DEFAULT 1
) STRICT;

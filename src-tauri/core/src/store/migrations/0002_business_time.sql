-- 0002: business calendars, pause states per standard, ticket status history.
-- Never edit after it lands; add a new file instead.

-- A business calendar: time zone, working hours per weekday (JSON: 7 lists of spans, Monday
-- first), and its dated exceptions below. Standards name their calendar by `name`.
CREATE TABLE calendars (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    tz        TEXT NOT NULL,
    week_json TEXT NOT NULL,
    -- 1 for the calendars SQM ships (24x7, china): they cannot be deleted or renamed.
    builtin   INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Public holidays (no working time) and make-up working days (调休, Monday's hours).
CREATE TABLE calendar_days (
    calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    date        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (calendar_id, date)
) STRICT, WITHOUT ROWID;

-- States during which the clock stops (JSON list of state names, compared case-insensitively).
ALTER TABLE quality_standards ADD COLUMN pause_states TEXT NOT NULL
    DEFAULT '["Awaiting User Info","Awaiting Caller","Awaiting Customer","Pending","Waiting for customer","等待客户","等待用户"]';

-- The states a ticket went through, from event logs: state `state` from `at` until the next row.
CREATE TABLE ticket_status (
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    state     TEXT NOT NULL,
    PRIMARY KEY (ticket_id, seq)
) STRICT, WITHOUT ROWID;

-- Which tickets have a status history, so the metrics load histories only where they exist.
ALTER TABLE tickets ADD COLUMN has_history INTEGER NOT NULL DEFAULT 0;

-- The dashboard's figures kept between starts (store/memo.rs): the quarter's figures as measured
-- at `as_of`, read again only while `key` is the key of everything they were measured from (the
-- data, the services, standards, calendars, settings, options and the code that measures) and
-- the moment asked for lies in [as_of, until): no ticket opens, reaches a deadline or is decided
-- and no quarter ends in between, so measuring again would give the same figures. Derived data
-- like the fact blocks: losing it costs one measurement.
CREATE TABLE figures_memo (
    quarter TEXT PRIMARY KEY,          -- e.g. 2026Q3
    key     TEXT NOT NULL,
    as_of   INTEGER NOT NULL,
    until   INTEGER NOT NULL,
    figures BLOB NOT NULL
) STRICT;

-- Changes to the satisfaction responses that leave their count as it was (a corrected score)
-- change this number, so a memo measured before them is not read.
CREATE TABLE response_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
) STRICT;
INSERT INTO response_changes(id, n) VALUES (1, 0);
CREATE TRIGGER response_added AFTER INSERT ON satisfaction_responses
BEGIN
    UPDATE response_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER response_changed AFTER UPDATE ON satisfaction_responses
BEGIN
    UPDATE response_changes SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER response_removed AFTER DELETE ON satisfaction_responses
BEGIN
    UPDATE response_changes SET n = n + 1 WHERE id = 1;
END;

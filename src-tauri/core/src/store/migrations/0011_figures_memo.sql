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

-- The ticket count as of the data version `version` (store::data_version): counting a million
-- tickets reads their whole index, a tenth of a second at every start when the disk is cold.
CREATE TABLE ticket_count_memo (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version TEXT NOT NULL,
    tickets INTEGER NOT NULL
) STRICT;

-- Changes the ticket and response data identify themselves by besides the import runs (every
-- import adds one) and the highest ticket id, counted by triggers: 'responses' counts every
-- response added, changed (a corrected score) or removed, 'tickets removed' every ticket
-- removed (with its service, or on its own). Cheap to read at start, unlike counting the rows.
CREATE TABLE data_changes (
    what TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO data_changes(what, n) VALUES ('responses', 0), ('tickets removed', 0);
CREATE TRIGGER response_added AFTER INSERT ON satisfaction_responses
BEGIN
    UPDATE data_changes SET n = n + 1 WHERE what = 'responses';
END;
CREATE TRIGGER response_changed AFTER UPDATE ON satisfaction_responses
BEGIN
    UPDATE data_changes SET n = n + 1 WHERE what = 'responses';
END;
CREATE TRIGGER response_removed AFTER DELETE ON satisfaction_responses
BEGIN
    UPDATE data_changes SET n = n + 1 WHERE what = 'responses';
END;
CREATE TRIGGER ticket_removed AFTER DELETE ON tickets
BEGIN
    UPDATE data_changes SET n = n + 1 WHERE what = 'tickets removed';
END;

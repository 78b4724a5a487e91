-- The tickets' repeated text (source, priority, category, channel, assignee, group, state) is
-- stored once, in ticket_labels, and each ticket row holds the label's id: a third less to write
-- per imported ticket (the text was about half of a row and of its unique-key entry, and binding
-- it copied it), so a large import writes a third fewer pages and a workspace is a third smaller.
--
-- `ticket_rows` is the table: imports and edits write it, the metrics read it (label ids are
-- turned into their fact labels once per read). `tickets` is a view of it with the text, under
-- the table's old name and with its columns in their old order, for every reader that wants the
-- text; it cannot be written. Labels are never removed (a few hundred names).
CREATE TABLE ticket_labels (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;
INSERT INTO ticket_labels(name)
SELECT v FROM (
    SELECT source AS v FROM tickets UNION SELECT priority FROM tickets
    UNION SELECT category FROM tickets UNION SELECT channel FROM tickets
    UNION SELECT assignee FROM tickets UNION SELECT assignment_group FROM tickets
    UNION SELECT state FROM tickets)
WHERE v IS NOT NULL ORDER BY v;

-- The table is rebuilt (a STRICT column's type cannot change) under its new name. Renaming the
-- old table first moves the references to it (ticket_status, satisfaction_responses, the
-- ticket_removed trigger) to the new name; the migrations run with foreign keys off, so
-- dropping it removes no status or response.
ALTER TABLE tickets RENAME TO ticket_rows;
CREATE TABLE ticket_rows_new (
    id                 INTEGER PRIMARY KEY,
    source             INTEGER NOT NULL,
    external_key       TEXT NOT NULL,
    service_id         INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    priority           INTEGER,
    category           INTEGER,
    channel            INTEGER,
    opened             INTEGER NOT NULL,
    first_response     INTEGER,
    resolved           INTEGER,
    closed             INTEGER,
    assignee           INTEGER,
    assignment_group   INTEGER,
    reassignment_count INTEGER NOT NULL DEFAULT 0,
    reopen_count       INTEGER NOT NULL DEFAULT 0,
    state              INTEGER,
    response_tracked   INTEGER NOT NULL DEFAULT 1,
    import_run_id      INTEGER REFERENCES import_runs(id) ON DELETE SET NULL,
    has_history        INTEGER NOT NULL DEFAULT 0,
    first_assigned     INTEGER,
    UNIQUE (source, external_key)
) STRICT;
INSERT INTO ticket_rows_new
SELECT t.id,
       (SELECT id FROM ticket_labels WHERE name = t.source),
       t.external_key, t.service_id,
       (SELECT id FROM ticket_labels WHERE name = t.priority),
       (SELECT id FROM ticket_labels WHERE name = t.category),
       (SELECT id FROM ticket_labels WHERE name = t.channel),
       t.opened, t.first_response, t.resolved, t.closed,
       (SELECT id FROM ticket_labels WHERE name = t.assignee),
       (SELECT id FROM ticket_labels WHERE name = t.assignment_group),
       t.reassignment_count, t.reopen_count,
       (SELECT id FROM ticket_labels WHERE name = t.state),
       t.response_tracked, t.import_run_id, t.has_history, t.first_assigned
FROM ticket_rows t ORDER BY t.id;
DROP TABLE ticket_rows;
ALTER TABLE ticket_rows_new RENAME TO ticket_rows;
CREATE INDEX ticket_rows_opened ON ticket_rows(opened, resolved, first_response);
CREATE TRIGGER ticket_removed AFTER DELETE ON ticket_rows
BEGIN
    UPDATE data_changes SET n = n + 1 WHERE what = 'tickets removed';
END;

CREATE VIEW tickets AS
SELECT t.id,
       (SELECT name FROM ticket_labels WHERE id = t.source) AS source,
       t.external_key, t.service_id,
       (SELECT name FROM ticket_labels WHERE id = t.priority) AS priority,
       (SELECT name FROM ticket_labels WHERE id = t.category) AS category,
       (SELECT name FROM ticket_labels WHERE id = t.channel) AS channel,
       t.opened, t.first_response, t.resolved, t.closed,
       (SELECT name FROM ticket_labels WHERE id = t.assignee) AS assignee,
       (SELECT name FROM ticket_labels WHERE id = t.assignment_group) AS assignment_group,
       t.reassignment_count, t.reopen_count,
       (SELECT name FROM ticket_labels WHERE id = t.state) AS state,
       t.response_tracked, t.import_run_id, t.has_history, t.first_assigned
FROM ticket_rows t;

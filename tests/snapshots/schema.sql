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
CREATE TRIGGER ticket_removed AFTER DELETE ON ticket_rows
BEGIN
    UPDATE data_changes SET n = n + 1 WHERE what = 'tickets removed';
END;
CREATE TABLE assessment_answers (
    respondent_id INTEGER NOT NULL REFERENCES assessment_respondents(id) ON DELETE CASCADE,
    item_id       INTEGER NOT NULL REFERENCES assessment_items(id) ON DELETE CASCADE,
    score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    PRIMARY KEY (respondent_id, item_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE assessment_dimensions (
    id       INTEGER PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE,
    pos      INTEGER NOT NULL,
    name_zh  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    -- Which figure from the data stands beside it: stability, standardisation, needs,
    -- improvement, or none.
    evidence TEXT NOT NULL DEFAULT 'none' CHECK (evidence IN ('stability', 'standardisation', 'needs', 'improvement', 'none'))
) STRICT;
CREATE TABLE assessment_items (
    id           INTEGER PRIMARY KEY,
    dimension_id INTEGER NOT NULL REFERENCES assessment_dimensions(id) ON DELETE CASCADE,
    code         TEXT NOT NULL UNIQUE,
    pos          INTEGER NOT NULL,
    text_zh      TEXT NOT NULL,
    text_en      TEXT NOT NULL,
    reverse      INTEGER NOT NULL DEFAULT 0 CHECK (reverse IN (0, 1))
) STRICT;
CREATE TABLE assessment_respondents (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    ref           TEXT NOT NULL,
    grp           TEXT NOT NULL CHECK (grp IN ('it', 'business')),
    UNIQUE (assessment_id, ref)
) STRICT;
CREATE TABLE assessments (
    id      INTEGER PRIMARY KEY,
    title   TEXT NOT NULL,
    held_on TEXT NOT NULL,
    notes   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE attendance (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
    staff_id   INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    attended   INTEGER NOT NULL DEFAULT 1,
    pre_score  REAL CHECK (pre_score BETWEEN 0 AND 100),
    post_score REAL CHECK (post_score BETWEEN 0 AND 100),
    UNIQUE (session_id, staff_id)
) STRICT;
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    user       TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    record     TEXT NOT NULL,
    record_key TEXT NOT NULL,
    old_json   TEXT,
    new_json   TEXT
) STRICT;
CREATE TABLE benefit_drivers (
    id          INTEGER PRIMARY KEY,
    position    INTEGER NOT NULL DEFAULT 0,
    driver_json TEXT NOT NULL,
    measured    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE TABLE calendar_days (
    calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    date        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (calendar_id, date)
) STRICT, WITHOUT ROWID;
CREATE TABLE calendars (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    tz        TEXT NOT NULL,
    week_json TEXT NOT NULL,
    -- 1 for the calendars SQM ships (24x7, china): they cannot be deleted or renamed.
    builtin   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE column_mappings (
    headers_sha256 TEXT PRIMARY KEY,
    format         TEXT NOT NULL,
    mapping_json   TEXT NOT NULL,
    saved_at       TEXT NOT NULL
) STRICT;
CREATE TABLE competence_assessments (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    competence  TEXT NOT NULL,
    level       INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),
    assessed_on TEXT NOT NULL,
    assessor    TEXT NOT NULL DEFAULT '',
    UNIQUE (staff_id, competence, assessed_on)
) STRICT;
CREATE TABLE competence_requirements (
    id         INTEGER PRIMARY KEY,
    role_id    INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    competence TEXT NOT NULL,
    level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    UNIQUE (role_id, competence)
) STRICT;
CREATE TABLE complaints (
    id          INTEGER PRIMARY KEY,
    received_on TEXT NOT NULL,
    service_id  INTEGER REFERENCES services(id) ON DELETE SET NULL,
    channel     TEXT NOT NULL,
    severity    TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    description TEXT NOT NULL,
    loss_cents  INTEGER CHECK (loss_cents IS NULL OR loss_cents >= 0),
    status      TEXT NOT NULL CHECK (status IN ('open', 'investigating', 'resolved', 'closed')),
    resolution  TEXT NOT NULL DEFAULT '',
    resolved_on TEXT,
    ticket_key  TEXT NOT NULL DEFAULT '',
    action_id   INTEGER REFERENCES improvement_actions(id) ON DELETE SET NULL
) STRICT;
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
CREATE TABLE courses (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    topic      TEXT NOT NULL,
    competence TEXT NOT NULL DEFAULT '',
    hours      REAL NOT NULL CHECK (hours >= 0),
    cost_cents INTEGER NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),
    provider   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE data_changes (
    what TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE fact_blocks (
    block        INTEGER PRIMARY KEY,  -- ticket id >> 12
    tickets      INTEGER NOT NULL,
    min_opened   INTEGER NOT NULL,
    max_opened   INTEGER NOT NULL,
    max_resolved INTEGER,              -- NULL: none of the block's tickets is resolved
    data         BLOB NOT NULL
) STRICT;
CREATE TABLE fact_blocks_stamp (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    stamp TEXT NOT NULL
) STRICT;
CREATE TABLE figures_memo (
    quarter TEXT PRIMARY KEY,          -- e.g. 2026Q3
    key     TEXT NOT NULL,
    as_of   INTEGER NOT NULL,
    until   INTEGER NOT NULL,
    figures BLOB NOT NULL
) STRICT;
CREATE TABLE import_runs (
    id            INTEGER PRIMARY KEY,
    file_name     TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    source        TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    rows_added    INTEGER NOT NULL,
    rows_updated  INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL
) STRICT;
CREATE TABLE improvement_actions (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,
    title            TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    origin           TEXT NOT NULL CHECK (origin IN ('review', 'complaint', 'breach', 'audit')),
    meeting_id       INTEGER REFERENCES review_meetings(id) ON DELETE SET NULL,
    owner_staff_id   INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    due_on           TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
    done_on          TEXT,
    metric           TEXT,
    service_id       INTEGER REFERENCES services(id) ON DELETE SET NULL,
    baseline_quarter TEXT,
    baseline_value   REAL,
    target_value     REAL
) STRICT;
CREATE TABLE interviews (
    id          INTEGER PRIMARY KEY,
    held_on     TEXT NOT NULL,
    department  TEXT NOT NULL,
    interviewee TEXT NOT NULL DEFAULT '',
    service_id  INTEGER REFERENCES services(id) ON DELETE SET NULL,
    notes       TEXT NOT NULL DEFAULT '',
    judgement   INTEGER NOT NULL CHECK (judgement BETWEEN 1 AND 5)
) STRICT;
CREATE TABLE name_matches (
    kind     TEXT NOT NULL CHECK (kind IN ('assignee', 'group')),
    name     TEXT NOT NULL,
    staff_id INTEGER REFERENCES staff(id) ON DELETE CASCADE,
    team     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, name)
) STRICT, WITHOUT ROWID;
CREATE TABLE processes (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('request', 'delivery', 'monitoring', 'evaluation', 'other')),
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE quality_standards (
    id                      INTEGER PRIMARY KEY,
    service_id              INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    priority                TEXT,
    effective_from          TEXT NOT NULL,
    response_minutes        INTEGER NOT NULL CHECK (response_minutes > 0),
    response_required_pct   REAL NOT NULL CHECK (response_required_pct BETWEEN 0 AND 100),
    resolution_minutes      INTEGER NOT NULL CHECK (resolution_minutes > 0),
    resolution_required_pct REAL NOT NULL CHECK (resolution_required_pct BETWEEN 0 AND 100),
    satisfaction_target_pct REAL NOT NULL CHECK (satisfaction_target_pct BETWEEN 0 AND 100),
    calendar                TEXT NOT NULL DEFAULT '24x7'
, pause_states TEXT NOT NULL
    DEFAULT '["Awaiting User Info","Awaiting Caller","Awaiting Customer","Pending","Waiting for customer","等待客户","等待用户"]') STRICT;
CREATE TABLE review_attendees (
    meeting_id INTEGER NOT NULL REFERENCES review_meetings(id) ON DELETE CASCADE,
    staff_id   INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, staff_id)
) STRICT;
CREATE TABLE review_meetings (
    id        INTEGER PRIMARY KEY,
    quarter   TEXT NOT NULL,
    held_on   TEXT NOT NULL,
    title     TEXT NOT NULL,
    findings  TEXT NOT NULL DEFAULT '',
    decisions TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE rewards (
    id           INTEGER PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    awarded_on   TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('reward', 'penalty')),
    amount_cents INTEGER CHECK (amount_cents >= 0),
    points       INTEGER,
    reason       TEXT NOT NULL,
    link_kind    TEXT CHECK (link_kind IN ('metric', 'ticket', 'complaint')),
    link_ref     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE role_assignments (
    id        INTEGER PRIMARY KEY,
    staff_id  INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    role_id   INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    from_date TEXT NOT NULL,
    to_date   TEXT CHECK (to_date IS NULL OR to_date >= from_date)
) STRICT;
CREATE TABLE roles (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    duties_zh TEXT NOT NULL DEFAULT '',
    duties_en TEXT NOT NULL DEFAULT '',
    team    TEXT NOT NULL DEFAULT '',
    builtin INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE satisfaction_responses (
    id            INTEGER PRIMARY KEY,
    service_id    INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    ticket_id     INTEGER REFERENCES "ticket_rows"(id) ON DELETE SET NULL,
    source        TEXT NOT NULL,
    external_key  TEXT NOT NULL,
    responded_at  INTEGER NOT NULL,
    score         REAL NOT NULL,
    scale_min     INTEGER NOT NULL,
    scale_max     INTEGER NOT NULL CHECK (scale_max > scale_min),
    comment       TEXT,
    channel       TEXT NOT NULL,
    import_run_id INTEGER REFERENCES import_runs(id) ON DELETE SET NULL,
    UNIQUE (source, external_key)
) STRICT;
CREATE TABLE services (
    id    INTEGER PRIMARY KEY,
    code  TEXT NOT NULL UNIQUE,
    name  TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    team  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
CREATE TABLE sop_steps (
    id             INTEGER PRIMARY KEY,
    version_id     INTEGER NOT NULL REFERENCES sop_versions(id) ON DELETE CASCADE,
    pos            INTEGER NOT NULL,
    name_zh        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    owner_role_id  INTEGER REFERENCES roles(id) ON DELETE SET NULL,
    owner_text     TEXT NOT NULL DEFAULT '',
    inputs         TEXT NOT NULL DEFAULT '',
    outputs        TEXT NOT NULL DEFAULT '',
    -- One checklist item per line.
    checklist      TEXT NOT NULL DEFAULT '',
    target_hours   REAL CHECK (target_hours IS NULL OR target_hours > 0),
    -- The ticket milestones that bound the step (request process): opened, assigned,
    -- responded, resolved, closed, feedback. NULL: the step is not timed from tickets.
    from_milestone TEXT CHECK (from_milestone IN ('opened', 'assigned', 'responded', 'resolved', 'closed', 'feedback')),
    to_milestone   TEXT CHECK (to_milestone IN ('opened', 'assigned', 'responded', 'resolved', 'closed', 'feedback')),
    UNIQUE (version_id, pos)
) STRICT;
CREATE TABLE sop_versions (
    id              INTEGER PRIMARY KEY,
    process_id      INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    version         TEXT NOT NULL,
    effective_from  TEXT NOT NULL,
    approver        TEXT NOT NULL DEFAULT '',
    approved_on     TEXT,
    notes           TEXT NOT NULL DEFAULT '',
    -- The states a ticket is expected to pass through, in order, one per line (conformance and
    -- the process map's left-to-right order). States not listed are side states (pauses).
    expected_states TEXT NOT NULL DEFAULT '',
    UNIQUE (process_id, version)
) STRICT;
CREATE TABLE staff (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    team    TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    active  INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE TABLE ticket_count_memo (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version TEXT NOT NULL,
    tickets INTEGER NOT NULL
) STRICT;
CREATE TABLE ticket_labels (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;
CREATE TABLE "ticket_rows" (
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
CREATE TABLE ticket_status (
    ticket_id INTEGER NOT NULL REFERENCES "ticket_rows"(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    state     TEXT NOT NULL,
    PRIMARY KEY (ticket_id, seq)
) STRICT, WITHOUT ROWID;
CREATE TABLE training_sessions (
    id        INTEGER PRIMARY KEY,
    course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    held_on   TEXT NOT NULL,
    trainer   TEXT NOT NULL DEFAULT '',
    place     TEXT NOT NULL DEFAULT '',
    UNIQUE (course_id, held_on)
) STRICT;
CREATE INDEX attendance_staff ON attendance(staff_id);
CREATE INDEX audit_log_record ON audit_log(record, record_key);
CREATE INDEX complaints_received ON complaints(received_on);
CREATE INDEX interviews_held ON interviews(held_on);
CREATE UNIQUE INDEX quality_standards_version
    ON quality_standards(service_id, coalesce(priority, ''), effective_from);
CREATE INDEX rewards_staff ON rewards(staff_id);
CREATE INDEX role_assignments_role ON role_assignments(role_id);
CREATE INDEX role_assignments_staff ON role_assignments(staff_id);
CREATE INDEX satisfaction_responded ON satisfaction_responses(responded_at);
CREATE INDEX sop_versions_effective ON sop_versions(process_id, effective_from);
CREATE INDEX ticket_rows_opened ON ticket_rows(opened, resolved, first_response);

-- 0007: service processes and the current-state assessment. SOPs (processes, their versions
-- and steps), the first-assignment milestone of tickets, and the assessment questionnaire
-- (dimensions, items), assessments, respondents and their answers. Never edit this file after
-- it lands; add a new one instead.

ALTER TABLE tickets ADD COLUMN first_assigned INTEGER;

CREATE TABLE processes (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('request', 'delivery', 'monitoring', 'evaluation', 'other')),
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
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
CREATE INDEX sop_versions_effective ON sop_versions(process_id, effective_from);

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

CREATE TABLE assessments (
    id      INTEGER PRIMARY KEY,
    title   TEXT NOT NULL,
    held_on TEXT NOT NULL,
    notes   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE assessment_respondents (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    ref           TEXT NOT NULL,
    grp           TEXT NOT NULL CHECK (grp IN ('it', 'business')),
    UNIQUE (assessment_id, ref)
) STRICT;

CREATE TABLE assessment_answers (
    respondent_id INTEGER NOT NULL REFERENCES assessment_respondents(id) ON DELETE CASCADE,
    item_id       INTEGER NOT NULL REFERENCES assessment_items(id) ON DELETE CASCADE,
    score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    PRIMARY KEY (respondent_id, item_id)
) STRICT, WITHOUT ROWID;

-- 0006: feedback and continual improvement — interviews, complaints, review meetings (with their
-- attendees) and improvement actions (the CSI register). Satisfaction responses entered by hand
-- or imported from survey exports live in satisfaction_responses (0001) with source 'manual' or
-- 'survey'. Never edit this file after it lands; add a new one instead.

CREATE TABLE interviews (
    id          INTEGER PRIMARY KEY,
    held_on     TEXT NOT NULL,
    department  TEXT NOT NULL,
    interviewee TEXT NOT NULL DEFAULT '',
    service_id  INTEGER REFERENCES services(id) ON DELETE SET NULL,
    notes       TEXT NOT NULL DEFAULT '',
    judgement   INTEGER NOT NULL CHECK (judgement BETWEEN 1 AND 5)
) STRICT;
CREATE INDEX interviews_held ON interviews(held_on);

CREATE TABLE review_meetings (
    id        INTEGER PRIMARY KEY,
    quarter   TEXT NOT NULL,
    held_on   TEXT NOT NULL,
    title     TEXT NOT NULL,
    findings  TEXT NOT NULL DEFAULT '',
    decisions TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE review_attendees (
    meeting_id INTEGER NOT NULL REFERENCES review_meetings(id) ON DELETE CASCADE,
    staff_id   INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, staff_id)
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
CREATE INDEX complaints_received ON complaints(received_on);

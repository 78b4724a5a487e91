-- 0003: people — roles, staff, competence, training, rewards and penalties, name matching.
-- Never edit after it lands; add a new file instead. Dates are TEXT 'YYYY-MM-DD'; money is
-- INTEGER cents (exact); scores are REAL 0–100.

-- A role of the organisation (the plan ships three: builtin = 1, editable, not deletable).
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

-- A staff member, keyed by the employee number (工号) that staff lists carry.
CREATE TABLE staff (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    team    TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    active  INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Who held which role when: a new assignment closes nothing by itself; history is kept.
CREATE TABLE role_assignments (
    id        INTEGER PRIMARY KEY,
    staff_id  INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    role_id   INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    from_date TEXT NOT NULL,
    to_date   TEXT CHECK (to_date IS NULL OR to_date >= from_date)
) STRICT;
CREATE INDEX role_assignments_staff ON role_assignments(staff_id);
CREATE INDEX role_assignments_role ON role_assignments(role_id);

-- What a role needs: a competence at a level 1–5.
CREATE TABLE competence_requirements (
    id         INTEGER PRIMARY KEY,
    role_id    INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    competence TEXT NOT NULL,
    level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    UNIQUE (role_id, competence)
) STRICT;

-- A person's assessed level (0–5) of a competence on a date; the latest on or before a date counts.
CREATE TABLE competence_assessments (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    competence  TEXT NOT NULL,
    level       INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),
    assessed_on TEXT NOT NULL,
    assessor    TEXT NOT NULL DEFAULT '',
    UNIQUE (staff_id, competence, assessed_on)
) STRICT;

-- A training course; `competence` names what it builds (for "who is due for which course").
CREATE TABLE courses (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    topic      TEXT NOT NULL,
    competence TEXT NOT NULL DEFAULT '',
    hours      REAL NOT NULL CHECK (hours >= 0),
    cost_cents INTEGER NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),
    provider   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE training_sessions (
    id        INTEGER PRIMARY KEY,
    course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    held_on   TEXT NOT NULL,
    trainer   TEXT NOT NULL DEFAULT '',
    place     TEXT NOT NULL DEFAULT '',
    UNIQUE (course_id, held_on)
) STRICT;

-- One attendee of a session: attended = 0 means planned (registered, not yet attended).
CREATE TABLE attendance (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
    staff_id   INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    attended   INTEGER NOT NULL DEFAULT 1,
    pre_score  REAL CHECK (pre_score BETWEEN 0 AND 100),
    post_score REAL CHECK (post_score BETWEEN 0 AND 100),
    UNIQUE (session_id, staff_id)
) STRICT;
CREATE INDEX attendance_staff ON attendance(staff_id);

-- The reward/penalty scheme (奖惩): linked to a metric, a ticket or a complaint by reference.
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
CREATE INDEX rewards_staff ON rewards(staff_id);

-- How ticket assignees and assignment groups map to staff and teams, where the names differ.
-- staff_id NULL and team '' = deliberately left unmatched (e.g. a vendor).
CREATE TABLE name_matches (
    kind     TEXT NOT NULL CHECK (kind IN ('assignee', 'group')),
    name     TEXT NOT NULL,
    staff_id INTEGER REFERENCES staff(id) ON DELETE CASCADE,
    team     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, name)
) STRICT, WITHOUT ROWID;

INSERT INTO roles(code, name_zh, name_en, duties_zh, duties_en, team, builtin) VALUES
 ('SQM', '服务质量经理', 'Service quality manager',
  '全面负责服务质量管理与协调：制定质量标准，监控与评估服务质量，组织季度评审，推动持续改进。',
  'Overall quality management and coordination: sets the quality standards, monitors and evaluates service quality, runs the quarterly review and drives continual improvement.',
  '', 1),
 ('DELIVERY', '服务交付团队', 'Service delivery team',
  '按照标准流程执行服务交付，确保在规定时间内响应并解决服务请求。',
  'Delivers services by the standard process, responding to and resolving requests within the targets.',
  '', 1),
 ('SUPPORT', '服务支持团队', 'Service support team',
  '负责用户支持、收集用户反馈并处理问题，确认用户满意度。',
  'User support, feedback collection and problem handling; confirms satisfaction with the user.',
  '', 1);

//! roles, staff, role_assignments, competence_*, courses, training_sessions, attendance, rewards
//! and name_matches.

use crate::people::*;
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

pub(crate) fn date(s: String) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn all<T>(
    conn: &Connection,
    sql: &str,
    f: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let v = stmt.query_map([], f)?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Everything, nested: roles with requirements, staff with assignments and assessments, courses
/// with sessions and attendance (effectiveness computed), rewards newest first.
pub struct PeopleData {
    pub roles: Vec<Role>,
    pub staff: Vec<Staff>,
    pub courses: Vec<Course>,
    pub rewards: Vec<Reward>,
}

pub fn load_people(conn: &Connection) -> Result<PeopleData> {
    let mut requirements: HashMap<i64, Vec<Requirement>> = HashMap::new();
    for q in all(
        conn,
        "SELECT id, role_id, competence, level FROM competence_requirements ORDER BY competence",
        |r| {
            Ok(Requirement {
                id: r.get(0)?,
                role_id: r.get(1)?,
                competence: r.get(2)?,
                level: r.get(3)?,
            })
        },
    )? {
        requirements.entry(q.role_id).or_default().push(q);
    }
    let roles = all(
        conn,
        "SELECT id, code, name_zh, name_en, duties_zh, duties_en, team, builtin FROM roles
         ORDER BY builtin DESC, id",
        |r| {
            let id: i64 = r.get(0)?;
            Ok(Role {
                id,
                code: r.get(1)?,
                name_zh: r.get(2)?,
                name_en: r.get(3)?,
                duties_zh: r.get(4)?,
                duties_en: r.get(5)?,
                team: r.get(6)?,
                builtin: r.get(7)?,
                requirements: requirements.remove(&id).unwrap_or_default(),
            })
        },
    )?;

    let mut assignments: HashMap<i64, Vec<Assignment>> = HashMap::new();
    for a in all(
        conn,
        "SELECT id, staff_id, role_id, from_date, to_date FROM role_assignments
         ORDER BY from_date, id",
        |r| {
            Ok(Assignment {
                id: r.get(0)?,
                staff_id: r.get(1)?,
                role_id: r.get(2)?,
                from: date(r.get(3)?)?,
                to: r.get::<_, Option<String>>(4)?.map(date).transpose()?,
            })
        },
    )? {
        assignments.entry(a.staff_id).or_default().push(a);
    }
    let mut assessments: HashMap<i64, Vec<Assessment>> = HashMap::new();
    for a in all(
        conn,
        "SELECT id, staff_id, competence, level, assessed_on, assessor FROM competence_assessments
         ORDER BY assessed_on, id",
        |r| {
            Ok(Assessment {
                id: r.get(0)?,
                staff_id: r.get(1)?,
                competence: r.get(2)?,
                level: r.get(3)?,
                assessed_on: date(r.get(4)?)?,
                assessor: r.get(5)?,
            })
        },
    )? {
        assessments.entry(a.staff_id).or_default().push(a);
    }
    let staff = all(
        conn,
        "SELECT id, code, name, team, contact, active FROM staff ORDER BY code",
        |r| {
            let id: i64 = r.get(0)?;
            Ok(Staff {
                id,
                code: r.get(1)?,
                name: r.get(2)?,
                team: r.get(3)?,
                contact: r.get(4)?,
                active: r.get(5)?,
                assignments: assignments.remove(&id).unwrap_or_default(),
                assessments: assessments.remove(&id).unwrap_or_default(),
            })
        },
    )?;

    let mut attendance: HashMap<i64, Vec<Attendance>> = HashMap::new();
    for a in all(
        conn,
        "SELECT id, session_id, staff_id, attended, pre_score, post_score FROM attendance
         ORDER BY id",
        |r| {
            Ok(Attendance {
                id: r.get(0)?,
                session_id: r.get(1)?,
                staff_id: r.get(2)?,
                attended: r.get(3)?,
                pre: r.get(4)?,
                post: r.get(5)?,
            })
        },
    )? {
        attendance.entry(a.session_id).or_default().push(a);
    }
    let mut sessions: HashMap<i64, Vec<Session>> = HashMap::new();
    for s in all(
        conn,
        "SELECT id, course_id, held_on, trainer, place FROM training_sessions
         ORDER BY held_on, id",
        |r| {
            let id: i64 = r.get(0)?;
            let attendance = attendance.remove(&id).unwrap_or_default();
            Ok(Session {
                id,
                course_id: r.get(1)?,
                held_on: date(r.get(2)?)?,
                trainer: r.get(3)?,
                place: r.get(4)?,
                effectiveness: effectiveness(&attendance),
                attendance,
            })
        },
    )? {
        sessions.entry(s.course_id).or_default().push(s);
    }
    let courses = all(
        conn,
        "SELECT id, code, topic, competence, hours, cost_cents, provider FROM courses ORDER BY code",
        |r| {
            let id: i64 = r.get(0)?;
            let sessions = sessions.remove(&id).unwrap_or_default();
            Ok(Course {
                id,
                code: r.get(1)?,
                topic: r.get(2)?,
                competence: r.get(3)?,
                hours: r.get(4)?,
                cost_cents: r.get(5)?,
                provider: r.get(6)?,
                effectiveness: effectiveness(sessions.iter().flat_map(|s| &s.attendance)),
                sessions,
            })
        },
    )?;
    let rewards = all(
        conn,
        "SELECT id, staff_id, awarded_on, kind, amount_cents, points, reason, link_kind, link_ref
         FROM rewards ORDER BY awarded_on DESC, id DESC",
        |r| {
            let kind: String = r.get(3)?;
            let link: Option<String> = r.get(7)?;
            Ok(Reward {
                id: r.get(0)?,
                staff_id: r.get(1)?,
                awarded_on: date(r.get(2)?)?,
                kind: if kind == "penalty" {
                    RewardKind::Penalty
                } else {
                    RewardKind::Reward
                },
                amount_cents: r.get(4)?,
                points: r.get(5)?,
                reason: r.get(6)?,
                link_kind: link.as_deref().and_then(|l| match l {
                    "metric" => Some(LinkKind::Metric),
                    "ticket" => Some(LinkKind::Ticket),
                    "complaint" => Some(LinkKind::Complaint),
                    _ => None,
                }),
                link_ref: r.get(8)?,
            })
        },
    )?;
    Ok(PeopleData {
        roles,
        staff,
        courses,
        rewards,
    })
}

/// A UNIQUE violation becomes a message naming what already exists.
pub(crate) fn unique(e: rusqlite::Error, what: impl FnOnce() -> String) -> Error {
    match e {
        rusqlite::Error::SqliteFailure(f, Some(msg))
            if f.code == rusqlite::ErrorCode::ConstraintViolation && msg.contains("UNIQUE") =>
        {
            Error::Invalid(format!("{} already exists", what()))
        }
        rusqlite::Error::SqliteFailure(f, Some(msg))
            if f.code == rusqlite::ErrorCode::ConstraintViolation
                && msg.contains("FOREIGN KEY") =>
        {
            Error::NotFound(format!(
                "{}: it refers to a record that does not exist",
                what()
            ))
        }
        e => Error::Db(e),
    }
}

fn kind_str(k: RewardKind) -> &'static str {
    match k {
        RewardKind::Reward => "reward",
        RewardKind::Penalty => "penalty",
    }
}

fn link_str(k: Option<LinkKind>) -> Option<&'static str> {
    k.map(|k| match k {
        LinkKind::Metric => "metric",
        LinkKind::Ticket => "ticket",
        LinkKind::Complaint => "complaint",
    })
}

/// The parameters end with the id, which only an UPDATE uses.
fn bind<'a>(p: &'a [&'a dyn rusqlite::ToSql], id: &Option<i64>) -> &'a [&'a dyn rusqlite::ToSql] {
    if id.is_some() {
        p
    } else {
        &p[..p.len() - 1]
    }
}

/// Inserts (`id` None) or updates one record; returns its id.
pub fn save_people_record(conn: &Connection, rec: &PeopleRecord) -> Result<i64> {
    rec.validate()?;
    let kind = rec.kind();
    let (id, n) = match rec {
        PeopleRecord::Role {
            id,
            code,
            name_zh,
            name_en,
            duties_zh,
            duties_en,
            team,
        } => {
            let p = params![
                code.trim(),
                name_zh.trim(),
                name_en.trim(),
                duties_zh.trim(),
                duties_en.trim(),
                team.trim(),
                id
            ];
            let sql = match id {
                None => {
                    "INSERT INTO roles(code, name_zh, name_en, duties_zh, duties_en, team)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id"
                }
                Some(_) => {
                    "UPDATE roles SET code = ?1, name_zh = ?2, name_en = ?3,
                            duties_zh = ?4, duties_en = ?5, team = ?6 WHERE id = ?7 RETURNING id"
                }
            };
            (
                id,
                conn.query_row(sql, bind(p, id), |r| r.get::<_, i64>(0))
                    .optional()
                    .map_err(|e| unique(e, || format!("a role with code '{}'", code.trim())))?,
            )
        }
        PeopleRecord::Requirement {
            id,
            role_id,
            competence,
            level,
        } => {
            let p = params![role_id, competence.trim(), level, id];
            let sql = match id {
                None => {
                    "INSERT INTO competence_requirements(role_id, competence, level)
                         VALUES (?1, ?2, ?3) RETURNING id"
                }
                Some(_) => {
                    "UPDATE competence_requirements SET role_id = ?1, competence = ?2,
                            level = ?3 WHERE id = ?4 RETURNING id"
                }
            };
            (
                id,
                conn.query_row(sql, bind(p, id), |r| r.get::<_, i64>(0))
                    .optional()
                    .map_err(|e| {
                        unique(e, || {
                            format!("a requirement '{}' for this role", competence.trim())
                        })
                    })?,
            )
        }
        PeopleRecord::Staff {
            id,
            code,
            name,
            team,
            contact,
            active,
        } => {
            let p = params![
                code.trim(),
                name.trim(),
                team.trim(),
                contact.trim(),
                active,
                id
            ];
            let sql = match id {
                None => {
                    "INSERT INTO staff(code, name, team, contact, active)
                         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id"
                }
                Some(_) => {
                    "UPDATE staff SET code = ?1, name = ?2, team = ?3, contact = ?4,
                            active = ?5 WHERE id = ?6 RETURNING id"
                }
            };
            (
                id,
                conn.query_row(sql, bind(p, id), |r| r.get::<_, i64>(0))
                    .optional()
                    .map_err(|e| {
                        unique(e, || {
                            format!("a staff member with number '{}'", code.trim())
                        })
                    })?,
            )
        }
        PeopleRecord::Assignment {
            id,
            staff_id,
            role_id,
            from,
            to,
        } => {
            let p = params![staff_id, role_id, ymd(*from), to.map(ymd), id];
            let sql = match id {
                None => {
                    "INSERT INTO role_assignments(staff_id, role_id, from_date, to_date)
                         VALUES (?1, ?2, ?3, ?4) RETURNING id"
                }
                Some(_) => {
                    "UPDATE role_assignments SET staff_id = ?1, role_id = ?2,
                            from_date = ?3, to_date = ?4 WHERE id = ?5 RETURNING id"
                }
            };
            (
                id,
                conn.query_row(sql, bind(p, id), |r| r.get::<_, i64>(0))
                    .optional()
                    .map_err(|e| unique(e, || "the role assignment".into()))?,
            )
        }
        PeopleRecord::Assessment {
            id,
            staff_id,
            competence,
            level,
            assessed_on,
            assessor,
        } => {
            let p = params![
                staff_id,
                competence.trim(),
                level,
                ymd(*assessed_on),
                assessor.trim(),
                id
            ];
            let sql = match id {
                None => {
                    "INSERT INTO competence_assessments(staff_id, competence, level,
                         assessed_on, assessor) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id"
                }
                Some(_) => {
                    "UPDATE competence_assessments SET staff_id = ?1, competence = ?2,
                            level = ?3, assessed_on = ?4, assessor = ?5 WHERE id = ?6 RETURNING id"
                }
            };
            (
                id,
                conn.query_row(sql, bind(p, id), |r| r.get::<_, i64>(0))
                    .optional()
                    .map_err(|e| {
                        unique(e, || {
                            format!(
                                "an assessment of '{}' on {assessed_on} for this person",
                                competence.trim()
                            )
                        })
                    })?,
            )
        }
        PeopleRecord::Course {
            id,
            code,
            topic,
            competence,
            hours,
            cost_cents,
            provider,
        } => {
            let p = params![
                code.trim(),
                topic.trim(),
                competence.trim(),
                hours,
                cost_cents,
                provider.trim(),
                id
            ];
            let sql = match id {
                None => {
                    "INSERT INTO courses(code, topic, competence, hours, cost_cents, provider)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id"
                }
                Some(_) => {
                    "UPDATE courses SET code = ?1, topic = ?2, competence = ?3, hours = ?4,
                            cost_cents = ?5, provider = ?6 WHERE id = ?7 RETURNING id"
                }
            };
            (
                id,
                conn.query_row(sql, bind(p, id), |r| r.get::<_, i64>(0))
                    .optional()
                    .map_err(|e| unique(e, || format!("a course with code '{}'", code.trim())))?,
            )
        }
        PeopleRecord::Session {
            id,
            course_id,
            held_on,
            trainer,
            place,
        } => {
            let p = params![course_id, ymd(*held_on), trainer.trim(), place.trim(), id];
            let sql = match id {
                None => {
                    "INSERT INTO training_sessions(course_id, held_on, trainer, place)
                         VALUES (?1, ?2, ?3, ?4) RETURNING id"
                }
                Some(_) => {
                    "UPDATE training_sessions SET course_id = ?1, held_on = ?2,
                            trainer = ?3, place = ?4 WHERE id = ?5 RETURNING id"
                }
            };
            (
                id,
                conn.query_row(sql, bind(p, id), |r| r.get::<_, i64>(0))
                    .optional()
                    .map_err(|e| unique(e, || format!("a session of this course on {held_on}")))?,
            )
        }
        PeopleRecord::Attendance {
            id,
            session_id,
            staff_id,
            attended,
            pre,
            post,
        } => {
            let p = params![session_id, staff_id, attended, pre, post, id];
            let sql = match id {
                None => {
                    "INSERT INTO attendance(session_id, staff_id, attended, pre_score,
                         post_score) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id"
                }
                Some(_) => {
                    "UPDATE attendance SET session_id = ?1, staff_id = ?2, attended = ?3,
                            pre_score = ?4, post_score = ?5 WHERE id = ?6 RETURNING id"
                }
            };
            (
                id,
                conn.query_row(sql, bind(p, id), |r| r.get::<_, i64>(0))
                    .optional()
                    .map_err(|e| unique(e, || "this person's attendance of the session".into()))?,
            )
        }
        PeopleRecord::Reward {
            id,
            staff_id,
            awarded_on,
            kind,
            amount_cents,
            points,
            reason,
            link_kind,
            link_ref,
        } => {
            let p = params![
                staff_id,
                ymd(*awarded_on),
                kind_str(*kind),
                amount_cents,
                points,
                reason.trim(),
                link_str(*link_kind),
                link_ref.trim(),
                id
            ];
            let sql = match id {
                None => {
                    "INSERT INTO rewards(staff_id, awarded_on, kind, amount_cents, points,
                         reason, link_kind, link_ref) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                         RETURNING id"
                }
                Some(_) => {
                    "UPDATE rewards SET staff_id = ?1, awarded_on = ?2, kind = ?3,
                            amount_cents = ?4, points = ?5, reason = ?6, link_kind = ?7,
                            link_ref = ?8 WHERE id = ?9 RETURNING id"
                }
            };
            (
                id,
                conn.query_row(sql, bind(p, id), |r| r.get::<_, i64>(0))
                    .optional()
                    .map_err(|e| unique(e, || "the reward or penalty".into()))?,
            )
        }
    };
    n.ok_or_else(|| Error::NotFound(format!("{} {}", kind.noun(), id.unwrap_or_default())))
}

/// What refers to a record, as (what, count) pairs with a count above zero.
pub fn people_usage(conn: &Connection, kind: PeopleKind, id: i64) -> Result<Vec<(String, i64)>> {
    let queries: &[(&str, &str)] = match kind {
        PeopleKind::Role => &[
            (
                "role assignments",
                "SELECT count(*) FROM role_assignments WHERE role_id = ?1",
            ),
            (
                "competence requirements",
                "SELECT count(*) FROM competence_requirements WHERE role_id = ?1",
            ),
        ],
        PeopleKind::Staff => &[
            (
                "role assignments",
                "SELECT count(*) FROM role_assignments WHERE staff_id = ?1",
            ),
            (
                "assessments",
                "SELECT count(*) FROM competence_assessments WHERE staff_id = ?1",
            ),
            (
                "training attendances",
                "SELECT count(*) FROM attendance WHERE staff_id = ?1",
            ),
            (
                "rewards and penalties",
                "SELECT count(*) FROM rewards WHERE staff_id = ?1",
            ),
            (
                "name matches",
                "SELECT count(*) FROM name_matches WHERE staff_id = ?1",
            ),
        ],
        PeopleKind::Course => &[
            (
                "sessions",
                "SELECT count(*) FROM training_sessions WHERE course_id = ?1",
            ),
            (
                "attendances",
                "SELECT count(*) FROM attendance a JOIN training_sessions s ON s.id = a.session_id
                 WHERE s.course_id = ?1",
            ),
        ],
        PeopleKind::Session => &[(
            "attendances",
            "SELECT count(*) FROM attendance WHERE session_id = ?1",
        )],
        _ => &[],
    };
    let mut out = Vec::new();
    for (what, sql) in queries {
        let n: i64 = conn.query_row(sql, [id], |r| r.get(0))?;
        if n > 0 {
            out.push((what.to_string(), n));
        }
    }
    Ok(out)
}

/// Deletes a record. Without `cascade`, a record others refer to is refused with `InUse`
/// naming what refers to it; with it, those go too (the schema cascades). Built-in roles stay.
pub fn delete_people_record(
    conn: &Connection,
    kind: PeopleKind,
    id: i64,
    cascade: bool,
) -> Result<()> {
    if kind == PeopleKind::Role {
        let builtin: Option<bool> = conn
            .query_row("SELECT builtin FROM roles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        if builtin == Some(true) {
            return Err(Error::Invalid(
                "the plan's three roles can be edited but not deleted".into(),
            ));
        }
    }
    let usage = people_usage(conn, kind, id)?;
    delete_unless_used(conn, (kind.table(), kind.noun()), id, &usage, cascade)
}

/// Deletes row `id` of `table` unless `usage` (what refers to it, with counts) is non-empty and
/// `cascade` is off: then `InUse` names what refers to it.
pub(crate) fn delete_unless_used(
    conn: &Connection,
    (table, noun): (&str, &str),
    id: i64,
    usage: &[(String, i64)],
    cascade: bool,
) -> Result<()> {
    if !cascade && !usage.is_empty() {
        let list: Vec<String> = usage.iter().map(|(w, n)| format!("{n} {w}")).collect();
        return Err(Error::InUse(format!("{noun} {id}"), list.join(", ")));
    }
    let n = conn.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
    if n == 0 {
        return Err(Error::NotFound(format!("{noun} {id}")));
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum NameKind {
    Assignee,
    Group,
}

impl NameKind {
    fn as_str(self) -> &'static str {
        match self {
            NameKind::Assignee => "assignee",
            NameKind::Group => "group",
        }
    }
}

/// A saved match: a ticket assignee to a staff member, or an assignment group to a team.
/// Neither set = deliberately left unmatched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NameMatch {
    pub kind: NameKind,
    pub name: String,
    pub staff_id: Option<i64>,
    pub team: String,
}

pub fn list_name_matches(conn: &Connection) -> Result<Vec<NameMatch>> {
    all(
        conn,
        "SELECT kind, name, staff_id, team FROM name_matches ORDER BY kind, name",
        |r| {
            let kind: String = r.get(0)?;
            Ok(NameMatch {
                kind: if kind == "group" {
                    NameKind::Group
                } else {
                    NameKind::Assignee
                },
                name: r.get(1)?,
                staff_id: r.get(2)?,
                team: r.get(3)?,
            })
        },
    )
}

pub fn save_name_match(conn: &Connection, m: &NameMatch) -> Result<()> {
    if m.name.trim().is_empty() {
        return Err(Error::Invalid("name: empty".into()));
    }
    conn.execute(
        "INSERT INTO name_matches(kind, name, staff_id, team) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(kind, name) DO UPDATE SET staff_id = excluded.staff_id, team = excluded.team",
        params![m.kind.as_str(), m.name, m.staff_id, m.team.trim()],
    )
    .map_err(|e| unique(e, || format!("the match of '{}'", m.name)))?;
    Ok(())
}

pub fn delete_name_match(conn: &Connection, kind: NameKind, name: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM name_matches WHERE kind = ?1 AND name = ?2",
        params![kind.as_str(), name],
    )?;
    Ok(())
}

/// Distinct assignees (or groups) of the tickets opened in `[start, end)` with their counts.
pub fn ticket_names(
    conn: &Connection,
    kind: NameKind,
    start: i64,
    end: i64,
) -> Result<Vec<(String, i64)>> {
    let col = match kind {
        NameKind::Assignee => "assignee",
        NameKind::Group => "assignment_group",
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT l.name, count(*) FROM ticket_rows t JOIN ticket_labels l ON l.id = t.{col}
         WHERE t.opened >= ?1 AND t.opened < ?2 AND l.name <> ''
         GROUP BY l.name ORDER BY l.name"
    ))?;
    let v = stmt
        .query_map(params![start, end], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Satisfaction responses linked to tickets, in `[start, end)` by response date, with the
/// ticket's assignee and group: (assignee, group, score, scale min, scale max).
pub type RatedResponse = (Option<String>, Option<String>, f64, i32, i32);

pub fn rated_responses(conn: &Connection, start: i64, end: i64) -> Result<Vec<RatedResponse>> {
    let mut stmt = conn.prepare(
        "SELECT t.assignee, t.assignment_group, r.score, r.scale_min, r.scale_max
         FROM satisfaction_responses r JOIN tickets t ON t.id = r.ticket_id
         WHERE r.responded_at >= ?1 AND r.responded_at < ?2",
    )?;
    let v = stmt
        .query_map(params![start, end], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Staff id by employee number and by name (names that are not unique are left out).
pub fn staff_keys(conn: &Connection) -> Result<(HashMap<String, i64>, HashMap<String, i64>)> {
    let rows = all(conn, "SELECT id, code, name FROM staff", |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut by_code = HashMap::new();
    let mut by_name: HashMap<String, Option<i64>> = HashMap::new();
    for (id, code, name) in rows {
        by_code.insert(code.trim().to_lowercase(), id);
        by_name
            .entry(name.trim().to_string())
            .and_modify(|v| *v = None)
            .or_insert(Some(id));
    }
    Ok((
        by_code,
        by_name
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect(),
    ))
}

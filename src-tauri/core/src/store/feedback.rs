//! The feedback and improvement tables (migration 0006): interviews, complaints,
//! review_meetings (+ review_attendees), improvement_actions, and the satisfaction responses the
//! manager enters by hand (satisfaction_responses with source 'manual').

use super::people::{all, date, unique, ymd};
use crate::domain::{from_secs, to_secs, Quarter, Scale};
use crate::feedback::*;
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use std::collections::HashMap;

fn opt_date(s: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    s.map(date).transpose()
}

fn quarter(s: Option<String>) -> Option<Quarter> {
    s.and_then(|s| s.parse().ok())
}

fn bad_value(col: usize, what: &str, v: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        format!("{what} '{v}'").into(),
    )
}

fn secs_of(d: NaiveDate) -> i64 {
    to_secs(d.and_hms_opt(12, 0, 0).expect("noon"))
}

/// The most responses a quarter's list carries to the screen (the figures count them all).
pub const RESPONSE_LIMIT: usize = 2000;

pub struct FeedbackData {
    pub responses: Vec<Response>,
    pub interviews: Vec<Interview>,
    pub complaints: Vec<Complaint>,
    pub meetings: Vec<Meeting>,
    pub actions: Vec<Action>,
}

fn response(r: &Row) -> rusqlite::Result<Response> {
    let score: f64 = r.get(5)?;
    let scale = Scale {
        min: r.get(6)?,
        max: r.get(7)?,
    };
    Ok(Response {
        id: r.get(0)?,
        service_id: r.get(1)?,
        channel: r.get(2)?,
        source: r.get(3)?,
        responded_on: from_secs(r.get(4)?).date(),
        score,
        scale_min: scale.min,
        scale_max: scale.max,
        satisfied: scale.is_satisfied(score),
        comment: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
        ticket_key: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
    })
}

const RESPONSE_SQL: &str = "SELECT s.id, s.service_id, s.channel, s.source, s.responded_at,
        s.score, s.scale_min, s.scale_max, s.comment, t.external_key
     FROM satisfaction_responses s LEFT JOIN tickets t ON t.id = s.ticket_id";

fn day_secs(d: NaiveDate) -> i64 {
    to_secs(d.and_hms_opt(0, 0, 0).expect("midnight"))
}

/// Responses in `[from, to)` (local dates), newest first; `limit` caps the list;
/// `commented` keeps only those with a comment.
pub fn list_responses(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    limit: usize,
    commented: bool,
) -> Result<Vec<Response>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{RESPONSE_SQL} WHERE s.responded_at >= ?1 AND s.responded_at < ?2
           AND (?4 = 0 OR trim(coalesce(s.comment, '')) <> '')
         ORDER BY s.responded_at DESC, s.id DESC LIMIT ?3"
    ))?;
    let v = stmt
        .query_map(
            params![day_secs(from), day_secs(to), limit as i64, commented],
            response,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Every response in `[from, to)` as (channel, score, scale) — for counts by channel.
pub fn response_channels(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, f64, Scale)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT channel, score, scale_min, scale_max FROM satisfaction_responses
         WHERE responded_at >= ?1 AND responded_at < ?2",
    )?;
    let v = stmt
        .query_map(params![day_secs(from), day_secs(to)], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                Scale {
                    min: r.get(2)?,
                    max: r.get(3)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

pub fn load_feedback(
    conn: &Connection,
    responses_from: NaiveDate,
    responses_to: NaiveDate,
) -> Result<FeedbackData> {
    let responses = list_responses(conn, responses_from, responses_to, RESPONSE_LIMIT, false)?;
    let interviews = all(
        conn,
        "SELECT id, held_on, department, interviewee, service_id, notes, judgement
         FROM interviews ORDER BY held_on DESC, id DESC",
        |r| {
            Ok(Interview {
                id: r.get(0)?,
                held_on: date(r.get(1)?)?,
                department: r.get(2)?,
                interviewee: r.get(3)?,
                service_id: r.get(4)?,
                notes: r.get(5)?,
                judgement: r.get(6)?,
            })
        },
    )?;
    let complaints = all(
        conn,
        "SELECT id, received_on, service_id, channel, severity, description, loss_cents, status,
                resolution, resolved_on, ticket_key, action_id
         FROM complaints ORDER BY received_on DESC, id DESC",
        |r| {
            let sev: String = r.get(4)?;
            let st: String = r.get(7)?;
            Ok(Complaint {
                id: r.get(0)?,
                received_on: date(r.get(1)?)?,
                service_id: r.get(2)?,
                channel: r.get(3)?,
                severity: Severity::parse(&sev).ok_or_else(|| bad_value(4, "severity", &sev))?,
                description: r.get(5)?,
                loss_cents: r.get(6)?,
                status: ComplaintStatus::parse(&st).ok_or_else(|| bad_value(7, "status", &st))?,
                resolution: r.get(8)?,
                resolved_on: opt_date(r.get(9)?)?,
                ticket_key: r.get(10)?,
                action_id: r.get(11)?,
            })
        },
    )?;
    let mut attendees: HashMap<i64, Vec<i64>> = HashMap::new();
    for (m, s) in all(
        conn,
        "SELECT meeting_id, staff_id FROM review_attendees ORDER BY meeting_id, staff_id",
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
    )? {
        attendees.entry(m).or_default().push(s);
    }
    let meetings = all(
        conn,
        "SELECT id, quarter, held_on, title, findings, decisions FROM review_meetings
         ORDER BY held_on DESC, id DESC",
        |r| {
            let q: String = r.get(1)?;
            Ok(Meeting {
                id: r.get(0)?,
                quarter: q.parse().map_err(|_| bad_value(1, "quarter", &q))?,
                held_on: date(r.get(2)?)?,
                title: r.get(3)?,
                attendees: Vec::new(),
                findings: r.get(4)?,
                decisions: r.get(5)?,
            })
        },
    )?
    .into_iter()
    .map(|mut m| {
        m.attendees = attendees.remove(&m.id).unwrap_or_default();
        m
    })
    .collect();
    let actions = all(
        conn,
        "SELECT id, code, title, description, origin, meeting_id, owner_staff_id, due_on, status,
                done_on, metric, service_id, baseline_quarter, baseline_value, target_value
         FROM improvement_actions ORDER BY code",
        |r| {
            let origin: String = r.get(4)?;
            let status: String = r.get(8)?;
            let metric: Option<String> = r.get(10)?;
            Ok(Action {
                id: r.get(0)?,
                code: r.get(1)?,
                title: r.get(2)?,
                description: r.get(3)?,
                origin: Origin::parse(&origin).ok_or_else(|| bad_value(4, "origin", &origin))?,
                meeting_id: r.get(5)?,
                owner_staff_id: r.get(6)?,
                due_on: date(r.get(7)?)?,
                status: ActionStatus::parse(&status)
                    .ok_or_else(|| bad_value(8, "status", &status))?,
                done_on: opt_date(r.get(9)?)?,
                metric: metric.as_deref().and_then(MetricKey::parse),
                service_id: r.get(11)?,
                baseline_quarter: quarter(r.get(12)?),
                baseline_value: r.get(13)?,
                target_value: r.get(14)?,
            })
        },
    )?;
    Ok(FeedbackData {
        responses,
        interviews,
        complaints,
        meetings,
        actions,
    })
}

/// Inserts (`id` None) or updates one row of `table` with `cols` = `vals`; returns its id.
fn upsert(
    conn: &Connection,
    table: &str,
    id: Option<i64>,
    cols: &[&str],
    vals: Vec<Value>,
    what: impl FnOnce() -> String,
) -> Result<i64> {
    let sql = match id {
        None => format!(
            "INSERT INTO {table}({}) VALUES ({}) RETURNING id",
            cols.join(", "),
            (1..=cols.len())
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Some(_) => format!(
            "UPDATE {table} SET {} WHERE id = ?{} RETURNING id",
            cols.iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ?{}", i + 1))
                .collect::<Vec<_>>()
                .join(", "),
            cols.len() + 1
        ),
    };
    let mut vals = vals;
    if let Some(id) = id {
        vals.push(Value::Integer(id));
    }
    conn.query_row(&sql, params_from_iter(vals), |r| r.get::<_, i64>(0))
        .optional()
        .map_err(|e| unique(e, what))?
        .ok_or_else(|| Error::NotFound(format!("{table} {}", id.unwrap_or_default())))
}

fn t(s: &str) -> Value {
    Value::Text(s.trim().to_string())
}
fn d(v: NaiveDate) -> Value {
    Value::Text(ymd(v))
}
fn od(v: Option<NaiveDate>) -> Value {
    v.map_or(Value::Null, d)
}
fn oi(v: Option<i64>) -> Value {
    v.map_or(Value::Null, Value::Integer)
}
fn of(v: Option<f64>) -> Value {
    v.map_or(Value::Null, Value::Real)
}

/// The next free register number CSI-nnn.
fn next_action_code(conn: &Connection) -> Result<String> {
    let n: i64 = conn.query_row(
        "SELECT coalesce(max(CAST(substr(code, 5) AS INTEGER)), 0) FROM improvement_actions
         WHERE code GLOB 'CSI-[0-9]*'",
        [],
        |r| r.get(0),
    )?;
    Ok(format!("CSI-{:03}", n + 1))
}

/// Saves one record (in its own savepoint: a meeting and its attendees land together).
pub fn save_feedback_record(conn: &Connection, rec: &FeedbackRecord) -> Result<i64> {
    rec.validate()?;
    // A savepoint, so this also works inside a caller's transaction (the demo, imports).
    conn.execute_batch("SAVEPOINT save_feedback")?;
    match save_inner(conn, rec) {
        Ok(id) => {
            conn.execute_batch("RELEASE save_feedback")?;
            Ok(id)
        }
        Err(e) => {
            conn.execute_batch("ROLLBACK TO save_feedback; RELEASE save_feedback")?;
            Err(e)
        }
    }
}

fn save_inner(conn: &Connection, rec: &FeedbackRecord) -> Result<i64> {
    let id = match rec {
        FeedbackRecord::Response {
            id,
            service_id,
            channel,
            responded_on,
            score,
            scale_min,
            scale_max,
            comment,
            ticket_key,
        } => {
            let ticket: Option<i64> = if ticket_key.trim().is_empty() {
                None
            } else {
                Some(
                    conn.query_row(
                        "SELECT id FROM tickets WHERE external_key = ?1 ORDER BY id LIMIT 1",
                        [ticket_key.trim()],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or_else(|| {
                        Error::NotFound(format!("ticket '{}': no such ticket", ticket_key.trim()))
                    })?,
                )
            };
            let cols = [
                "service_id",
                "ticket_id",
                "channel",
                "responded_at",
                "score",
                "scale_min",
                "scale_max",
                "comment",
            ];
            let vals = vec![
                Value::Integer(*service_id),
                oi(ticket),
                t(channel),
                Value::Integer(secs_of(*responded_on)),
                Value::Real(*score),
                Value::Integer(i64::from(*scale_min)),
                Value::Integer(i64::from(*scale_max)),
                if comment.trim().is_empty() {
                    Value::Null
                } else {
                    t(comment)
                },
            ];
            match id {
                None => {
                    // Hand-entered responses are keyed by a fresh random key within 'manual'.
                    let mut cols = cols.to_vec();
                    let mut vals = vals;
                    cols.extend(["source", "external_key"]);
                    vals.push(Value::Text("manual".into()));
                    vals.push(Value::Text(format!(
                        "m-{:016x}",
                        conn.query_row("SELECT random()", [], |r| r.get::<_, i64>(0))?
                    )));
                    upsert(conn, "satisfaction_responses", None, &cols, vals, || {
                        "this response".into()
                    })?
                }
                Some(_) => upsert(conn, "satisfaction_responses", *id, &cols, vals, || {
                    "this response".into()
                })?,
            }
        }
        FeedbackRecord::Interview {
            id,
            held_on,
            department,
            interviewee,
            service_id,
            notes,
            judgement,
        } => upsert(
            conn,
            "interviews",
            *id,
            &[
                "held_on",
                "department",
                "interviewee",
                "service_id",
                "notes",
                "judgement",
            ],
            vec![
                d(*held_on),
                t(department),
                t(interviewee),
                oi(*service_id),
                t(notes),
                Value::Integer(i64::from(*judgement)),
            ],
            || "this interview".into(),
        )?,
        FeedbackRecord::Complaint {
            id,
            received_on,
            service_id,
            channel,
            severity,
            description,
            loss_cents,
            status,
            resolution,
            resolved_on,
            ticket_key,
            action_id,
        } => upsert(
            conn,
            "complaints",
            *id,
            &[
                "received_on",
                "service_id",
                "channel",
                "severity",
                "description",
                "loss_cents",
                "status",
                "resolution",
                "resolved_on",
                "ticket_key",
                "action_id",
            ],
            vec![
                d(*received_on),
                oi(*service_id),
                t(channel),
                Value::Text(severity.as_str().into()),
                t(description),
                oi(*loss_cents),
                Value::Text(status.as_str().into()),
                t(resolution),
                od(*resolved_on),
                t(ticket_key),
                oi(*action_id),
            ],
            || "this complaint".into(),
        )?,
        FeedbackRecord::Meeting {
            id,
            quarter,
            held_on,
            title,
            attendees,
            findings,
            decisions,
        } => {
            let mid = upsert(
                conn,
                "review_meetings",
                *id,
                &["quarter", "held_on", "title", "findings", "decisions"],
                vec![
                    Value::Text(quarter.to_string()),
                    d(*held_on),
                    t(title),
                    t(findings),
                    t(decisions),
                ],
                || "this meeting".into(),
            )?;
            conn.execute("DELETE FROM review_attendees WHERE meeting_id = ?1", [mid])?;
            let mut ins = conn.prepare_cached(
                "INSERT OR IGNORE INTO review_attendees(meeting_id, staff_id) VALUES (?1, ?2)",
            )?;
            for s in attendees {
                ins.execute([mid, *s])
                    .map_err(|e| unique(e, || format!("attendee {s}")))?;
            }
            mid
        }
        FeedbackRecord::Action {
            id,
            code,
            title,
            description,
            origin,
            meeting_id,
            owner_staff_id,
            due_on,
            status,
            done_on,
            metric,
            service_id,
            baseline_quarter,
            baseline_value,
            target_value,
        } => {
            let code = if code.trim().is_empty() {
                match id {
                    Some(id) => conn
                        .query_row(
                            "SELECT code FROM improvement_actions WHERE id = ?1",
                            [id],
                            |r| r.get(0),
                        )
                        .optional()?
                        .ok_or_else(|| Error::NotFound(format!("improvement action {id}")))?,
                    None => next_action_code(conn)?,
                }
            } else {
                code.trim().to_string()
            };
            upsert(
                conn,
                "improvement_actions",
                *id,
                &[
                    "code",
                    "title",
                    "description",
                    "origin",
                    "meeting_id",
                    "owner_staff_id",
                    "due_on",
                    "status",
                    "done_on",
                    "metric",
                    "service_id",
                    "baseline_quarter",
                    "baseline_value",
                    "target_value",
                ],
                vec![
                    Value::Text(code.clone()),
                    t(title),
                    t(description),
                    Value::Text(origin.as_str().into()),
                    oi(*meeting_id),
                    oi(*owner_staff_id),
                    d(*due_on),
                    Value::Text(status.as_str().into()),
                    od(*done_on),
                    metric.map_or(Value::Null, |m| Value::Text(m.as_str().into())),
                    oi(*service_id),
                    baseline_quarter.map_or(Value::Null, |q| Value::Text(q.to_string())),
                    of(*baseline_value),
                    of(*target_value),
                ],
                || format!("an action with code '{code}'"),
            )?
        }
    };
    Ok(id)
}

/// What refers to a record, as (what, count) pairs with a count above zero.
pub fn feedback_usage(
    conn: &Connection,
    kind: FeedbackKind,
    id: i64,
) -> Result<Vec<(String, i64)>> {
    let queries: &[(&str, &str)] = match kind {
        FeedbackKind::Meeting => &[(
            "improvement actions",
            "SELECT count(*) FROM improvement_actions WHERE meeting_id = ?1",
        )],
        FeedbackKind::Action => &[(
            "complaints",
            "SELECT count(*) FROM complaints WHERE action_id = ?1",
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

/// Deletes a record. Without `cascade`, a record others refer to is refused with `InUse`; with
/// it, the references are cleared (the actions of a deleted meeting stay in the register).
pub fn delete_feedback_record(
    conn: &Connection,
    kind: FeedbackKind,
    id: i64,
    cascade: bool,
) -> Result<()> {
    let usage = feedback_usage(conn, kind, id)?;
    super::people::delete_unless_used(conn, (kind.table(), kind.noun()), id, &usage, cascade)
}

/// Complaints received per quarter and service (`None` = no service), for the metrics.
pub fn complaint_counts(conn: &Connection) -> Result<Vec<(Quarter, Option<i64>, u64)>> {
    let rows = all(
        conn,
        "SELECT received_on, service_id FROM complaints",
        |r| Ok((date(r.get(0)?)?, r.get::<_, Option<i64>>(1)?)),
    )?;
    let mut m: HashMap<(Quarter, Option<i64>), u64> = HashMap::new();
    for (day, svc) in rows {
        *m.entry((Quarter::of_date(day), svc)).or_default() += 1;
    }
    let mut v: Vec<_> = m.into_iter().map(|((q, s), n)| (q, s, n)).collect();
    v.sort();
    Ok(v)
}

/// People (distinct assignees) who resolved a ticket in `[start, end)` local seconds, overall
/// (`service` None) or for one service.
pub fn resolvers(conn: &Connection, start: i64, end: i64, service: Option<i64>) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT count(DISTINCT assignee) FROM ticket_rows
         WHERE resolved >= ?1 AND resolved < ?2 AND assignee IS NOT NULL
           AND assignee NOT IN (SELECT id FROM ticket_labels WHERE name = '')
           AND (?3 IS NULL OR service_id = ?3)",
        params![start, end, service],
        |r| r.get(0),
    )?;
    Ok(n as u64)
}

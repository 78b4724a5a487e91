//! The audit trail: temporary triggers, installed on every connection, write each insert,
//! update and delete of an audited table into `audit_log` with the OS user and the row before
//! and after (as JSON). Deleted rows can be put back from there (the trash).

use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The tables whose changes are audited, with the SQL expression (over `R.`) that keys a row.
const AUDITED: &[(&str, &str)] = &[
    ("settings", "R.key"),
    ("services", "R.id"),
    ("quality_standards", "R.id"),
    ("calendars", "R.id"),
    ("calendar_days", "R.calendar_id || ':' || R.date"),
    ("column_mappings", "R.headers_sha256"),
    ("roles", "R.id"),
    ("staff", "R.id"),
    ("role_assignments", "R.id"),
    ("competence_requirements", "R.id"),
    ("competence_assessments", "R.id"),
    ("courses", "R.id"),
    ("training_sessions", "R.id"),
    ("attendance", "R.id"),
    ("rewards", "R.id"),
    ("name_matches", "R.kind || ':' || R.name"),
    ("cost_items", "R.id"),
    ("benefit_drivers", "R.id"),
    ("interviews", "R.id"),
    ("complaints", "R.id"),
    ("review_meetings", "R.id"),
    ("review_attendees", "R.meeting_id || ':' || R.staff_id"),
    ("improvement_actions", "R.id"),
    // Only the responses the manager enters by hand; imported ones are recorded by their import.
    ("satisfaction_responses", "R.id"),
    ("processes", "R.id"),
    ("sop_versions", "R.id"),
    ("sop_steps", "R.id"),
    ("assessment_dimensions", "R.id"),
    ("assessment_items", "R.id"),
    ("assessments", "R.id"),
    // The respondents, not each of their answers (an imported survey has thousands).
    ("assessment_respondents", "R.id"),
];

/// Rows of a table that are audited (over `R.`); None = every row.
fn audited_rows(table: &str) -> Option<&'static str> {
    (table == "satisfaction_responses").then_some("R.source = 'manual'")
}

/// Who is changing things: the OS user (from the environment; else the home folder's name).
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .or_else(|| {
            let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
            let name = std::path::Path::new(&home)
                .file_name()?
                .to_string_lossy()
                .into_owned();
            (!name.is_empty()).then_some(name)
        })
        .unwrap_or_else(|| "unknown".into())
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA main.table_info({table})"))?;
    let v = stmt
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Installs the audit triggers on this connection (they are TEMP: they see the session's user).
pub fn install(conn: &Connection, user: &str) -> Result<()> {
    conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS sqm_session(user TEXT NOT NULL)")?;
    conn.execute("DELETE FROM temp.sqm_session", [])?;
    conn.execute("INSERT INTO temp.sqm_session(user) VALUES (?1)", [user])?;
    let mut sql = String::new();
    let now = "strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')";
    let who = "(SELECT user FROM temp.sqm_session LIMIT 1)";
    for (table, key) in AUDITED {
        let cols = columns(conn, table)?;
        if cols.is_empty() {
            continue;
        }
        let obj = |r: &str| {
            let pairs: Vec<String> = cols.iter().map(|c| format!("'{c}', {r}.\"{c}\"")).collect();
            format!("json_object({})", pairs.join(", "))
        };
        let changed: Vec<String> = cols
            .iter()
            .map(|c| format!("OLD.\"{c}\" IS NOT NEW.\"{c}\""))
            .collect();
        let k = |r: &str| key.replace("R.", &format!("{r}."));
        let rows = |r: &str| {
            audited_rows(table).map_or_else(String::new, |w| w.replace("R.", &format!("{r}.")))
        };
        let when = |r: &str| {
            let w = rows(r);
            if w.is_empty() {
                String::new()
            } else {
                format!("WHEN {w}")
            }
        };
        let and = |r: &str| {
            let w = rows(r);
            if w.is_empty() {
                String::new()
            } else {
                format!("AND {w}")
            }
        };
        sql.push_str(&format!(
            "DROP TRIGGER IF EXISTS temp.audit_{table}_i;
             CREATE TEMP TRIGGER audit_{table}_i AFTER INSERT ON main.{table} {wn} BEGIN
               INSERT INTO audit_log(at, user, action, record, record_key, old_json, new_json)
               VALUES ({now}, {who}, 'insert', '{table}', {kn}, NULL, {new});
             END;
             DROP TRIGGER IF EXISTS temp.audit_{table}_u;
             CREATE TEMP TRIGGER audit_{table}_u AFTER UPDATE ON main.{table}
             WHEN ({changed}) {an} BEGIN
               INSERT INTO audit_log(at, user, action, record, record_key, old_json, new_json)
               VALUES ({now}, {who}, 'update', '{table}', {kn}, {old}, {new});
             END;
             DROP TRIGGER IF EXISTS temp.audit_{table}_d;
             CREATE TEMP TRIGGER audit_{table}_d AFTER DELETE ON main.{table} {wo} BEGIN
               INSERT INTO audit_log(at, user, action, record, record_key, old_json, new_json)
               VALUES ({now}, {who}, 'delete', '{table}', {ko}, {old}, NULL);
             END;",
            kn = k("NEW"),
            ko = k("OLD"),
            new = obj("NEW"),
            old = obj("OLD"),
            changed = changed.join(" OR "),
            wn = when("NEW"),
            wo = when("OLD"),
            an = and("NEW"),
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FieldChange {
    pub field: String,
    /// The value before and after, as JSON text (`null` when absent).
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub user: String,
    pub action: String,
    pub record: String,
    pub record_key: String,
    /// Inserts: every field; updates: the fields that changed; deletes: every field.
    pub changes: Vec<FieldChange>,
    /// A delete whose row is not back yet: it can be restored.
    pub restorable: bool,
}

fn changes(old: Option<&str>, new: Option<&str>) -> Vec<FieldChange> {
    let parse = |s: Option<&str>| -> serde_json::Map<String, serde_json::Value> {
        s.and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default()
    };
    let (o, n) = (parse(old), parse(new));
    let mut fields: Vec<&String> = o.keys().chain(n.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter_map(|f| {
            let (a, b) = (o.get(f), n.get(f));
            if a == b {
                return None;
            }
            Some(FieldChange {
                field: f.clone(),
                old: a.map(|v| v.to_string()),
                new: b.map(|v| v.to_string()),
            })
        })
        .collect()
}

/// The newest `limit` entries (after `before_id` when given), optionally of one record type.
pub fn list(
    conn: &Connection,
    record: Option<&str>,
    before_id: Option<i64>,
    limit: u32,
) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.at, a.user, a.action, a.record, a.record_key, a.old_json, a.new_json,
                a.action = 'delete' AND NOT EXISTS (
                    SELECT 1 FROM audit_log b WHERE b.record = a.record
                      AND b.record_key = a.record_key AND b.id > a.id AND b.action = 'insert')
         FROM audit_log a
         WHERE (?1 IS NULL OR a.record = ?1) AND (?2 IS NULL OR a.id < ?2)
         ORDER BY a.id DESC LIMIT ?3",
    )?;
    let v = stmt
        .query_map(params![record, before_id, limit], |r| {
            let old: Option<String> = r.get(6)?;
            let new: Option<String> = r.get(7)?;
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                user: r.get(2)?,
                action: r.get(3)?,
                record: r.get(4)?,
                record_key: r.get(5)?,
                changes: changes(old.as_deref(), new.as_deref()),
                restorable: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Puts a deleted row back as it was (same key), from its delete entry. Rows it needs (a staff
/// member for an attendance) must exist: restore those first — the message says which.
pub fn restore_deleted(conn: &Connection, audit_id: i64) -> Result<()> {
    let row: Option<(String, String, Option<String>)> = conn
        .query_row(
            "SELECT action, record, old_json FROM audit_log WHERE id = ?1",
            [audit_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((action, record, Some(old))) = row else {
        return Err(Error::NotFound(format!("audit entry {audit_id}")));
    };
    if action != "delete" || !AUDITED.iter().any(|(t, _)| *t == record) {
        return Err(Error::Invalid(format!(
            "audit entry {audit_id} is not a deletion that can be undone"
        )));
    }
    let cols = columns(conn, &record)?;
    let names: Vec<String> = cols.iter().map(|c| format!("\"{c}\"")).collect();
    let values: Vec<String> = cols
        .iter()
        .map(|c| format!("json_extract(?1, '$.\"{c}\"')"))
        .collect();
    let sql = format!(
        "INSERT INTO main.{record}({}) VALUES ({})",
        names.join(", "),
        values.join(", ")
    );
    conn.execute(&sql, [&old]).map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => Error::Invalid(format!(
            "cannot restore this {record} row: {e} — restore what it belongs to first (it was deleted with it), or it exists again"
        )),
        _ => Error::Db(e),
    })?;
    Ok(())
}

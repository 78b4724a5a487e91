//! quality_standards table: versioned per service (and optionally per priority).

use crate::domain::{QualityStandard, StandardInput};
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};

const COLS: &str =
    "id, service_id, priority, effective_from, response_minutes, response_required_pct, \
    resolution_minutes, resolution_required_pct, satisfaction_target_pct, calendar, pause_states";

fn row(r: &Row) -> rusqlite::Result<QualityStandard> {
    let from: String = r.get(3)?;
    Ok(QualityStandard {
        id: r.get(0)?,
        service_id: r.get(1)?,
        priority: r.get(2)?,
        effective_from: NaiveDate::parse_from_str(&from, "%Y-%m-%d").unwrap_or_default(),
        response_minutes: r.get(4)?,
        response_required_pct: r.get(5)?,
        resolution_minutes: r.get(6)?,
        resolution_required_pct: r.get(7)?,
        satisfaction_target_pct: r.get(8)?,
        calendar: r.get(9)?,
        pause_states: serde_json::from_str(&r.get::<_, String>(10)?).unwrap_or_default(),
    })
}

pub fn list_standards(conn: &Connection) -> Result<Vec<QualityStandard>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM quality_standards ORDER BY service_id, priority, effective_from"
    ))?;
    let v = stmt.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

pub fn get_standard(conn: &Connection, id: i64) -> Result<QualityStandard> {
    conn.query_row(
        &format!("SELECT {COLS} FROM quality_standards WHERE id = ?1"),
        [id],
        row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("quality standard {id}")))
}

fn conflict(e: rusqlite::Error, s: &StandardInput) -> Error {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Error::Invalid(format!(
                "this service already has a standard{} effective from {}",
                s.priority
                    .as_deref()
                    .map(|p| format!(" for {p}"))
                    .unwrap_or_default(),
                s.effective_from
            ))
        }
        e => Error::Db(e),
    }
}

/// The column values of a standard, in `COLS` order after `id`.
fn values(s: &StandardInput) -> [Box<dyn rusqlite::ToSql + '_>; 10] {
    [
        Box::new(s.service_id),
        Box::new(s.priority.as_deref()),
        Box::new(s.effective_from.format("%Y-%m-%d").to_string()),
        Box::new(s.response_minutes),
        Box::new(s.response_required_pct),
        Box::new(s.resolution_minutes),
        Box::new(s.resolution_required_pct),
        Box::new(s.satisfaction_target_pct),
        Box::new(s.calendar.as_str()),
        Box::new(serde_json::to_string(&s.pause_states).unwrap_or_else(|_| "[]".into())),
    ]
}

/// A standard must name a calendar the workspace has.
fn check_calendar(conn: &Connection, s: &StandardInput) -> Result<()> {
    if super::calendar_id(conn, &s.calendar)?.is_none() {
        return Err(Error::Invalid(format!(
            "calendar '{}' does not exist in this workspace",
            s.calendar
        )));
    }
    Ok(())
}

pub fn insert_standard(conn: &Connection, s: &StandardInput) -> Result<QualityStandard> {
    s.validate()?;
    check_calendar(conn, s)?;
    conn.execute(
        &format!(
            "INSERT INTO quality_standards({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            &COLS[4..]
        ),
        rusqlite::params_from_iter(values(s)),
    )
    .map_err(|e| conflict(e, s))?;
    get_standard(conn, conn.last_insert_rowid())
}

pub fn update_standard(conn: &Connection, id: i64, s: &StandardInput) -> Result<QualityStandard> {
    s.validate()?;
    check_calendar(conn, s)?;
    let mut args: Vec<Box<dyn rusqlite::ToSql + '_>> = vec![Box::new(id)];
    args.extend(values(s));
    let n = conn
        .execute(
            "UPDATE quality_standards SET service_id = ?2, priority = ?3, effective_from = ?4,
             response_minutes = ?5, response_required_pct = ?6, resolution_minutes = ?7,
             resolution_required_pct = ?8, satisfaction_target_pct = ?9, calendar = ?10,
             pause_states = ?11 WHERE id = ?1",
            rusqlite::params_from_iter(args),
        )
        .map_err(|e| conflict(e, s))?;
    if n == 0 {
        return Err(Error::NotFound(format!("quality standard {id}")));
    }
    get_standard(conn, id)
}

pub fn delete_standard(conn: &Connection, id: i64) -> Result<()> {
    let n = conn.execute("DELETE FROM quality_standards WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(Error::NotFound(format!("quality standard {id}")));
    }
    Ok(())
}

//! calendars and calendar_days: business calendars, named by the standards that use them.

use crate::calendar::{china, CalendarDef, DayNote};
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A calendar as the workspace holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StoredCalendar {
    pub id: i64,
    /// Shipped with SQM (`24x7`, `china`): cannot be deleted or renamed; `24x7` cannot be edited.
    pub builtin: bool,
    pub def: CalendarDef,
    /// Standards (any version) measured on this calendar.
    pub used_by: i64,
}

pub const TWENTY_FOUR_SEVEN: &str = "24x7";

pub fn calendar_id(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT id FROM calendars WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?)
}

fn days(conn: &Connection, id: i64, kind: &str) -> Result<Vec<DayNote>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, name FROM calendar_days WHERE calendar_id = ?1 AND kind = ?2 ORDER BY date",
    )?;
    let rows = stmt.query_map(params![id, kind], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (date, name) = row?;
        let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .map_err(|e| Error::Invalid(format!("calendar day '{date}': {e}")))?;
        out.push(DayNote { date, name });
    }
    Ok(out)
}

fn load(conn: &Connection, id: i64) -> Result<StoredCalendar> {
    let (name, tz, week, builtin): (String, String, String, bool) = conn
        .query_row(
            "SELECT name, tz, week_json, builtin FROM calendars WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("calendar {id}")))?;
    let week = serde_json::from_str(&week)
        .map_err(|e| Error::Invalid(format!("calendar '{name}': working hours: {e}")))?;
    let used_by = conn.query_row(
        "SELECT count(*) FROM quality_standards WHERE calendar = ?1",
        [&name],
        |r| r.get(0),
    )?;
    Ok(StoredCalendar {
        id,
        builtin,
        def: CalendarDef {
            name,
            tz,
            week,
            holidays: days(conn, id, "holiday")?,
            workdays: days(conn, id, "workday")?,
        },
        used_by,
    })
}

pub fn list_calendars(conn: &Connection) -> Result<Vec<StoredCalendar>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM calendars ORDER BY builtin DESC, name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| load(conn, id)).collect()
}

pub fn get_calendar(conn: &Connection, id: i64) -> Result<StoredCalendar> {
    load(conn, id)
}

pub fn calendar_by_name(conn: &Connection, name: &str) -> Result<StoredCalendar> {
    let id =
        calendar_id(conn, name)?.ok_or_else(|| Error::NotFound(format!("calendar '{name}'")))?;
    load(conn, id)
}

fn write_days(conn: &Connection, id: i64, def: &CalendarDef) -> Result<()> {
    conn.execute("DELETE FROM calendar_days WHERE calendar_id = ?1", [id])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO calendar_days(calendar_id, date, kind, name) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (kind, list) in [("holiday", &def.holidays), ("workday", &def.workdays)] {
        for d in list {
            stmt.execute(params![
                id,
                d.date.format("%Y-%m-%d").to_string(),
                kind,
                d.name
            ])?;
        }
    }
    Ok(())
}

fn week_json(def: &CalendarDef) -> String {
    serde_json::to_string(&def.week).unwrap_or_else(|_| "[]".into())
}

/// Creates a calendar (`id` None) or replaces one; renaming carries the standards along.
/// Validated first; all or nothing.
pub fn save_calendar(
    conn: &mut Connection,
    id: Option<i64>,
    def: &CalendarDef,
) -> Result<StoredCalendar> {
    def.validate()?;
    let name = def.name.trim();
    if name.is_empty() {
        return Err(Error::Invalid("a calendar needs a name".into()));
    }
    let tx = conn.transaction()?;
    if let Some(other) = calendar_id(&tx, name)? {
        if Some(other) != id {
            return Err(Error::Invalid(format!("a calendar named '{name}' exists")));
        }
    }
    let id = match id {
        None => {
            tx.execute(
                "INSERT INTO calendars(name, tz, week_json) VALUES (?1, ?2, ?3)",
                params![name, def.tz, week_json(def)],
            )?;
            tx.last_insert_rowid()
        }
        Some(id) => {
            let old = load(&tx, id)?;
            if old.def.name == TWENTY_FOUR_SEVEN {
                return Err(Error::Invalid("the 24x7 calendar cannot be changed".into()));
            }
            if old.builtin && old.def.name != name {
                return Err(Error::Invalid(format!(
                    "the built-in calendar '{}' cannot be renamed",
                    old.def.name
                )));
            }
            tx.execute(
                "UPDATE calendars SET name = ?2, tz = ?3, week_json = ?4 WHERE id = ?1",
                params![id, name, def.tz, week_json(def)],
            )?;
            tx.execute(
                "UPDATE quality_standards SET calendar = ?2 WHERE calendar = ?1",
                params![old.def.name, name],
            )?;
            id
        }
    };
    write_days(&tx, id, def)?;
    let saved = load(&tx, id)?;
    tx.commit()?;
    Ok(saved)
}

/// Deletes a calendar no standard uses; built-in calendars stay.
pub fn delete_calendar(conn: &Connection, id: i64) -> Result<()> {
    let c = load(conn, id)?;
    if c.builtin {
        return Err(Error::Invalid(format!(
            "the built-in calendar '{}' cannot be deleted",
            c.def.name
        )));
    }
    if c.used_by > 0 {
        return Err(Error::InUse(
            format!("calendar '{}'", c.def.name),
            format!("{} quality standard version(s)", c.used_by),
        ));
    }
    conn.execute("DELETE FROM calendars WHERE id = ?1", [id])?;
    Ok(())
}

/// Inserts the built-in calendars a workspace lacks: `24x7` and mainland China's working
/// calendar with its official holidays and make-up days.
pub fn ensure_builtin_calendars(conn: &Connection) -> Result<()> {
    for def in [CalendarDef::twenty_four_seven(), china::china_def()] {
        if calendar_id(conn, &def.name)?.is_some() {
            continue;
        }
        conn.execute(
            "INSERT INTO calendars(name, tz, week_json, builtin) VALUES (?1, ?2, ?3, 1)",
            params![def.name, def.tz, week_json(&def)],
        )?;
        write_days(conn, conn.last_insert_rowid(), &def)?;
    }
    Ok(())
}

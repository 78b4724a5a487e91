//! services table.

use crate::domain::{Service, ServiceInput};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLS: &str = "id, code, name, owner, team";

fn row(r: &Row) -> rusqlite::Result<Service> {
    Ok(Service {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        owner: r.get(3)?,
        team: r.get(4)?,
    })
}

pub fn list_services(conn: &Connection) -> Result<Vec<Service>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLS} FROM services ORDER BY code"))?;
    let v = stmt.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

pub fn get_service(conn: &Connection, id: i64) -> Result<Service> {
    conn.query_row(
        &format!("SELECT {COLS} FROM services WHERE id = ?1"),
        [id],
        row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("service {id}")))
}

pub fn find_service_by_code(conn: &Connection, code: &str) -> Result<Option<Service>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLS} FROM services WHERE code = ?1"),
            [code],
            row,
        )
        .optional()?)
}

fn unique_violation(e: rusqlite::Error, code: &str) -> Error {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Error::Invalid(format!("a service with code '{code}' already exists"))
        }
        e => Error::Db(e),
    }
}

pub fn insert_service(conn: &Connection, s: &ServiceInput) -> Result<Service> {
    s.validate()?;
    conn.execute(
        "INSERT INTO services(code, name, owner, team) VALUES (?1, ?2, ?3, ?4)",
        params![s.code.trim(), s.name.trim(), s.owner.trim(), s.team.trim()],
    )
    .map_err(|e| unique_violation(e, &s.code))?;
    get_service(conn, conn.last_insert_rowid())
}

pub fn update_service(conn: &Connection, id: i64, s: &ServiceInput) -> Result<Service> {
    s.validate()?;
    let n = conn
        .execute(
            "UPDATE services SET code = ?2, name = ?3, owner = ?4, team = ?5 WHERE id = ?1",
            params![
                id,
                s.code.trim(),
                s.name.trim(),
                s.owner.trim(),
                s.team.trim()
            ],
        )
        .map_err(|e| unique_violation(e, &s.code))?;
    if n == 0 {
        return Err(Error::NotFound(format!("service {id}")));
    }
    get_service(conn, id)
}

/// What refers to a service: shown to the user before a delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct ServiceUsage {
    pub standards: i64,
    pub tickets: i64,
    pub responses: i64,
}

pub fn service_usage(conn: &Connection, id: i64) -> Result<ServiceUsage> {
    let count = |table: &str| -> Result<i64> {
        Ok(conn.query_row(
            &format!("SELECT count(*) FROM {table} WHERE service_id = ?1"),
            [id],
            |r| r.get(0),
        )?)
    };
    Ok(ServiceUsage {
        standards: count("quality_standards")?,
        tickets: count("tickets")?,
        responses: count("satisfaction_responses")?,
    })
}

/// Deletes a service. Tickets or responses refer to it: refused unless `cascade`, in which case
/// they go with it (in one transaction, by the schema's ON DELETE CASCADE).
pub fn delete_service(conn: &Connection, id: i64, cascade: bool) -> Result<()> {
    let usage = service_usage(conn, id)?;
    if !cascade && (usage.tickets > 0 || usage.responses > 0) {
        return Err(Error::InUse(
            format!("service {id}"),
            format!(
                "{} tickets, {} satisfaction responses",
                usage.tickets, usage.responses
            ),
        ));
    }
    let n = conn.execute("DELETE FROM services WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(Error::NotFound(format!("service {id}")));
    }
    Ok(())
}

//! cost_items and benefit_drivers: the cost-benefit case's inputs.

use crate::costbenefit::{BenefitDriver, CostCategory, StoredCost, StoredDriver};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};

fn category_str(c: CostCategory) -> &'static str {
    match c {
        CostCategory::Training => "training",
        CostCategory::ToolPurchase => "tool_purchase",
        CostCategory::ToolMaintenance => "tool_maintenance",
        CostCategory::ProcessTime => "process_time",
        CostCategory::Other => "other",
    }
}

fn category_of(s: &str) -> CostCategory {
    match s {
        "training" => CostCategory::Training,
        "tool_purchase" => CostCategory::ToolPurchase,
        "tool_maintenance" => CostCategory::ToolMaintenance,
        "process_time" => CostCategory::ProcessTime,
        _ => CostCategory::Other,
    }
}

pub fn list_costs(conn: &Connection) -> Result<Vec<StoredCost>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, category, label, amount_cents, currency, recurring, from_year, to_year,
                hours, hourly_cost_cents, note
         FROM cost_items ORDER BY from_year, category, id",
    )?;
    let v = stmt
        .query_map([], |r| {
            Ok(StoredCost {
                id: Some(r.get(0)?),
                category: category_of(&r.get::<_, String>(1)?),
                label: r.get(2)?,
                amount_cents: r.get(3)?,
                currency: r.get(4)?,
                recurring: r.get(5)?,
                from_year: r.get(6)?,
                to_year: r.get(7)?,
                hours: r.get(8)?,
                hourly_cost_cents: r.get(9)?,
                note: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Inserts (`id` None) or updates a cost item; returns its id. People's time (hours and an
/// hourly cost) sets the amount: hours × hourly cost, rounded to the cent.
pub fn save_cost(conn: &Connection, c: &StoredCost) -> Result<i64> {
    let c = c.normalised()?;
    let p = params![
        category_str(c.category),
        c.label,
        c.amount_cents,
        c.currency,
        c.recurring,
        c.from_year,
        c.to_year,
        c.hours,
        c.hourly_cost_cents,
        c.note,
    ];
    let id = match c.id {
        None => conn.query_row(
            "INSERT INTO cost_items(category, label, amount_cents, currency, recurring, from_year,
                 to_year, hours, hourly_cost_cents, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
            p,
            |r| r.get(0),
        )?,
        Some(id) => {
            let n = conn.execute(
                "UPDATE cost_items SET category = ?1, label = ?2, amount_cents = ?3, currency = ?4,
                     recurring = ?5, from_year = ?6, to_year = ?7, hours = ?8,
                     hourly_cost_cents = ?9, note = ?10
                 WHERE id = ?11",
                params![
                    category_str(c.category),
                    c.label,
                    c.amount_cents,
                    c.currency,
                    c.recurring,
                    c.from_year,
                    c.to_year,
                    c.hours,
                    c.hourly_cost_cents,
                    c.note,
                    id
                ],
            )?;
            if n == 0 {
                return Err(Error::NotFound(format!("cost item {id}")));
            }
            id
        }
    };
    Ok(id)
}

pub fn delete_cost(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM cost_items WHERE id = ?1", [id])? == 0 {
        return Err(Error::NotFound(format!("cost item {id}")));
    }
    Ok(())
}

pub fn list_drivers(conn: &Connection) -> Result<Vec<StoredDriver>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, driver_json, measured FROM benefit_drivers ORDER BY position, id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, json, measured)| {
            let driver: BenefitDriver = serde_json::from_str(&json)
                .map_err(|e| Error::Invalid(format!("benefit driver {id}: {e}")))?;
            Ok(StoredDriver {
                id: Some(id),
                driver,
                measured,
            })
        })
        .collect()
}

pub fn save_driver(conn: &Connection, d: &StoredDriver) -> Result<i64> {
    let json = serde_json::to_string(&d.driver).map_err(|e| Error::Invalid(e.to_string()))?;
    match d.id {
        None => {
            let position: i64 = conn.query_row(
                "SELECT coalesce(max(position), 0) + 1 FROM benefit_drivers",
                [],
                |r| r.get(0),
            )?;
            Ok(conn.query_row(
                "INSERT INTO benefit_drivers(position, driver_json, measured) VALUES (?1, ?2, ?3)
                 RETURNING id",
                params![position, json, d.measured],
                |r| r.get(0),
            )?)
        }
        Some(id) => {
            let n = conn
                .query_row(
                    "UPDATE benefit_drivers SET driver_json = ?1, measured = ?2 WHERE id = ?3
                     RETURNING id",
                    params![json, d.measured, id],
                    |r| r.get::<_, i64>(0),
                )
                .optional()?;
            n.ok_or_else(|| Error::NotFound(format!("benefit driver {id}")))
        }
    }
}

pub fn delete_driver(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM benefit_drivers WHERE id = ?1", [id])? == 0 {
        return Err(Error::NotFound(format!("benefit driver {id}")));
    }
    Ok(())
}

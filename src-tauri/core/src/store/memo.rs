//! The dashboard's figures kept between starts (migration 0011): derived data under a key, read
//! only while the key and the moment asked for say they are what measuring again would give
//! (`Workspace::dashboard_figures`).

use crate::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// A quarter's figures as measured at `as_of`, valid for the moments `[as_of, until)` while
/// `key` is the key of what they were measured from.
#[derive(Debug, Clone, PartialEq)]
pub struct FiguresMemo {
    pub key: String,
    pub as_of: i64,
    pub until: i64,
    /// `QuarterMetrics`, encoded (postcard).
    pub figures: Vec<u8>,
}

pub fn read_figures_memo(conn: &Connection, quarter: &str) -> Result<Option<FiguresMemo>> {
    Ok(conn
        .prepare_cached("SELECT key, as_of, until, figures FROM figures_memo WHERE quarter = ?1")?
        .query_row([quarter], |r| {
            Ok(FiguresMemo {
                key: r.get(0)?,
                as_of: r.get(1)?,
                until: r.get(2)?,
                figures: r.get(3)?,
            })
        })
        .optional()?)
}

pub fn write_figures_memo(conn: &Connection, quarter: &str, memo: &FiguresMemo) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO figures_memo(quarter, key, as_of, until, figures)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        quarter,
        memo.key,
        memo.as_of,
        memo.until,
        memo.figures
    ])?;
    Ok(())
}

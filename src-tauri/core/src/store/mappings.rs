//! column_mappings table: a mapping saved for a header set is reused for the next such file.

use crate::import::ColumnMapping;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};

pub fn save_mapping(
    conn: &Connection,
    headers_sha256: &str,
    format: &str,
    m: &ColumnMapping,
    saved_at: &str,
) -> Result<()> {
    let json = serde_json::to_string(m).map_err(|e| Error::Invalid(e.to_string()))?;
    conn.execute(
        "INSERT INTO column_mappings(headers_sha256, format, mapping_json, saved_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(headers_sha256) DO UPDATE SET format = excluded.format,
            mapping_json = excluded.mapping_json, saved_at = excluded.saved_at",
        params![headers_sha256, format, json, saved_at],
    )?;
    Ok(())
}

/// The saved (format, mapping) for this header set, if any.
pub fn load_mapping(
    conn: &Connection,
    headers_sha256: &str,
) -> Result<Option<(String, ColumnMapping)>> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT format, mapping_json FROM column_mappings WHERE headers_sha256 = ?1",
            [headers_sha256],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(f, json)| {
        serde_json::from_str(&json)
            .map(|m| (f, m))
            .map_err(|e| Error::Invalid(format!("saved mapping: {e}")))
    })
    .transpose()
}

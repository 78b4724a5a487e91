//! import_runs table: one row per imported file.

use crate::domain::{ImportRun, Source};
use crate::Result;
use rusqlite::{params, Connection};

pub fn insert_import_run(conn: &Connection, run: &ImportRun) -> Result<i64> {
    conn.execute(
        "INSERT INTO import_runs(file_name, sha256, source, imported_at, rows_added, rows_updated, rows_rejected)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            run.file_name,
            run.sha256,
            run.source.as_str(),
            run.imported_at,
            run.rows_added,
            run.rows_updated,
            run.rows_rejected
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update_import_counts(
    conn: &Connection,
    id: i64,
    added: i64,
    updated: i64,
    rejected: i64,
) -> Result<()> {
    conn.execute(
        "UPDATE import_runs SET rows_added = ?2, rows_updated = ?3, rows_rejected = ?4 WHERE id = ?1",
        params![id, added, updated, rejected],
    )?;
    Ok(())
}

/// Completes an import run once its file is read: the file's hash and the row counts.
pub fn update_import_run(
    conn: &Connection,
    id: i64,
    sha256: &str,
    added: i64,
    updated: i64,
    rejected: i64,
) -> Result<()> {
    conn.execute(
        "UPDATE import_runs SET sha256 = ?2, rows_added = ?3, rows_updated = ?4, rows_rejected = ?5
         WHERE id = ?1",
        params![id, sha256, added, updated, rejected],
    )?;
    Ok(())
}

/// Every import, newest first.
pub fn list_import_runs(conn: &Connection) -> Result<Vec<ImportRun>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, file_name, sha256, source, imported_at, rows_added, rows_updated, rows_rejected
         FROM import_runs ORDER BY id DESC",
    )?;
    let v = stmt
        .query_map([], |r| {
            let source: String = r.get(3)?;
            Ok(ImportRun {
                id: r.get(0)?,
                file_name: r.get(1)?,
                sha256: r.get(2)?,
                source: Source::parse(&source).unwrap_or(Source::Demo),
                imported_at: r.get(4)?,
                rows_added: r.get(5)?,
                rows_updated: r.get(6)?,
                rows_rejected: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

//! The store: the one place that touches SQL. A workspace is one SQLite file, opened here with
//! `foreign_keys=ON`, WAL and `busy_timeout`, and migrated in one transaction.

mod audit;
mod blocks;
mod calendars;
mod costbenefit;
mod feedback;
mod import_runs;
mod mappings;
mod memo;
mod people;
mod process;
mod satisfaction;
mod services;
mod settings;
mod standards;
mod tickets;

pub use audit::{os_user, AuditEntry, FieldChange};
pub use calendars::*;
pub use costbenefit::*;
pub use feedback::*;
pub use import_runs::*;
pub use mappings::*;
pub use memo::*;
pub use people::*;
pub use process::*;
pub use satisfaction::*;
pub use services::*;
pub use settings::*;
pub use standards::*;
pub use tickets::*;

use crate::{Error, Result};
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};
use std::path::Path;

/// Numbered migrations, embedded in the binary, applied in order and never edited once landed.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_business_time.sql"),
    include_str!("migrations/0003_people.sql"),
    include_str!("migrations/0004_cost_benefit.sql"),
    include_str!("migrations/0005_audit.sql"),
    include_str!("migrations/0006_feedback.sql"),
    include_str!("migrations/0007_process.sql"),
    include_str!("migrations/0008_window_indexes.sql"),
    include_str!("migrations/0009_fact_blocks.sql"),
    include_str!("migrations/0010_import_indexes.sql"),
    include_str!("migrations/0011_figures_memo.sql"),
    include_str!("migrations/0012_ticket_labels.sql"),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// Opens (creating if needed) the workspace at `path` and brings its schema up to date.
pub fn open(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path).map_err(|e| cannot_open(path, e))?;
    let version = check_openable(&conn, path)?;
    if version > 0 && version < MIGRATIONS.len() as i64 {
        // An older workspace: keep a copy as it was before its format changes. (The backup's
        // name is the one place the store reads the wall clock.)
        use crate::clock::Clock;
        crate::backup::take(
            &conn,
            path,
            crate::backup::Reason::Migration,
            crate::clock::SystemClock.now(),
        )?;
    }
    let conn = prepare(conn)?;
    if version > 0 && version < LABELS_FORMAT {
        compact_if_sparse(&conn);
    }
    Ok(conn)
}

/// The workspace format whose migration rebuilds the tickets table (0012, label ids).
const LABELS_FORMAT: i64 = 12;

/// After a migration that rebuilt a large table, the old table's pages are free but still in
/// the file (a 1M-ticket workspace grows from 159 to 243 MB): when more than a quarter of the
/// file is free, it is rewritten without them (`VACUUM`, 0.8 s for 1M tickets, once). Losing
/// this costs only disk space, so a failure (no room for the copy, another connection) is left
/// for the next import to fill the free pages.
fn compact_if_sparse(conn: &Connection) {
    let pages = |pragma: &str| -> i64 {
        conn.pragma_query_value(None, pragma, |r| r.get(0))
            .unwrap_or(0)
    };
    if pages("freelist_count") * 4 > pages("page_count") {
        let _ = conn.execute_batch("VACUUM");
    }
}

/// SQLite's "unable to open database file" names no cause; when the workspace's folder cannot
/// be written (a read-only disk, no permission, no space), say so in the system's words.
fn cannot_open(path: &Path, e: rusqlite::Error) -> Error {
    if e.sqlite_error_code() != Some(rusqlite::ErrorCode::CannotOpen) {
        return Error::Db(e);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    match tempfile::tempfile_in(dir) {
        Err(io) => Error::io(
            path,
            std::io::Error::new(
                io.kind(),
                format!(
                    "cannot open the workspace: its folder {} cannot be written: {io}",
                    dir.display()
                ),
            ),
        ),
        Ok(_) => Error::Db(e),
    }
}

/// Refuses, before anything is written, a file that is not an SQLite database or is damaged, a
/// database of another application, and a workspace from a newer SQM (never migrated down).
fn check_openable(conn: &Connection, path: &Path) -> Result<i64> {
    let name = path.display();
    let damaged = |e: rusqlite::Error| {
        match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            Error::Unopenable(format!(
                "{name} is not an SQM workspace or is damaged ({e}); it was not changed — open a copy or a backup instead"
            ))
        }
        _ => cannot_open(path, e),
    }
    };
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(damaged)?;
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(Error::Unopenable(format!(
            "{name} was written by a newer version of SQM (workspace format {version}; this version knows up to {known}); it was not changed — open it with the newer SQM"
        )));
    }
    if version == 0 {
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'",
                [],
                |r| r.get(0),
            )
            .map_err(damaged)?;
        if tables > 0 {
            return Err(Error::Unopenable(format!(
                "{name} is an SQLite database of another application, not an SQM workspace; it was not changed"
            )));
        }
    }
    Ok(version)
}

/// Page cache of a bulk write (an import), in KiB (negative: SQLite's "KiB" form): a large import
/// touches many pages, and SQLite keeps them instead of spilling and reading them back.
const BULK_CACHE_KIB: i64 = -64 * 1024;

/// Runs `f`, a large write in one transaction (an import), set up for it and restored after,
/// whatever its result: a large page cache (`BULK_CACHE_KIB`), foreign keys off (every row an
/// import writes refers to a service and an import run the import itself resolved or created in
/// the same transaction: checking each reference again costs two index lookups a row), a
/// rollback journal (`with_rollback_journal`), and the file flushed to the disk as it is written
/// (`flushing`).
pub fn bulk_write<T>(
    conn: &mut Connection,
    f: impl FnOnce(&mut Connection) -> Result<T>,
) -> Result<T> {
    conn.pragma_update(None, "cache_size", BULK_CACHE_KIB)?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let file = conn
        .path()
        .filter(|p| !p.is_empty())
        .and_then(|p| std::fs::File::open(p).ok());
    let result = match file {
        Some(file) => flushing(&file, || with_rollback_journal(conn, f)),
        None => with_rollback_journal(conn, f),
    };
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -2000)?;
    result
}

/// Runs `f` while a helper thread asks the system, every `FLUSH_EVERY`, to write to the disk
/// what it holds of `file`. Left alone, the system keeps a large import's pages in memory and the
/// commit's sync then waits for all of them at once (~0.1 s for a million tickets); flushed as
/// they come, the disk writes while the import works, and the commit waits for the last few.
/// An extra sync reorders no write: SQLite's own syncs still come where they did.
fn flushing<T>(file: &std::fs::File, f: impl FnOnce() -> T) -> T {
    const FLUSH_EVERY: std::time::Duration = std::time::Duration::from_millis(150);
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                stopped.recv_timeout(FLUSH_EVERY)
            {
                let _ = file.sync_data();
            }
        });
        let result = f();
        drop(stop);
        result
    })
}

/// Runs `f`, a large write in one transaction, with a rollback journal instead of the WAL when
/// the workspace is a file in WAL mode that no other connection has open (SQLite refuses the
/// change otherwise, and `f` then runs in WAL mode as usual). In WAL mode every page of a large
/// import is written twice: into the WAL, and again into the file when the WAL is checkpointed;
/// with a rollback journal the new pages go straight into the file, and the journal keeps only
/// the old content of the pages that existed before and change (few, on a first import). The
/// transaction stays all or nothing: a journal left by a killed import rolls it back when the
/// workspace is next opened. WAL mode is restored after `f`, whatever its result.
fn with_rollback_journal<T>(
    conn: &mut Connection,
    f: impl FnOnce(&mut Connection) -> Result<T>,
) -> Result<T> {
    let mode = |c: &Connection, to: &str| -> Option<String> {
        c.query_row(&format!("PRAGMA journal_mode={to}"), [], |r| {
            r.get::<_, String>(0)
        })
        .ok()
        .map(|m| m.to_ascii_lowercase())
    };
    let was_wal = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0))
        .is_ok_and(|m| m.eq_ignore_ascii_case("wal"));
    let switched = was_wal && mode(conn, "DELETE").as_deref() == Some("delete");
    let result = f(conn);
    if switched {
        // Back to WAL; should that fail, the next `open` sets it.
        let _ = mode(conn, "WAL");
    }
    result
}

/// An in-memory workspace, for tests.
pub fn open_in_memory() -> Result<Connection> {
    prepare(Connection::open_in_memory()?)
}

fn prepare(mut conn: Connection) -> Result<Connection> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Temporary data in memory: above all the statement journal that every upsert of an import
    // writes (on disk it cost ~10 system calls and 80 KiB of writes per imported row).
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // 16 KiB pages for a new file (SQLite ignores this for an existing one): a large import
    // writes and rebalances a quarter as many pages as with the 4 KiB default.
    conn.pragma_update(None, "page_size", 16384)?;
    // No memory-mapped reads: the metrics read the tickets from the fact blocks (a few MiB a
    // quarter), and mapped pages count in the process's resident memory while they are in use
    // (a quarter's process measure of a million-ticket workspace mapped ~200 MB; measured
    // no faster).
    // WAL is refused for in-memory databases; that is fine for tests.
    let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // rusqlite_migration runs all pending migrations in one transaction: all or none. Foreign
    // keys are off meanwhile, as SQLite's way of rebuilding a table asks (0012 drops a table
    // others refer to, whose rows it has copied with their ids; enforced, the drop would remove
    // the rows referring to it).
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let migrated = migrations().to_latest(&mut conn);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrated.map_err(|e| Error::Migration(e.to_string()))?;
    ensure_builtin_calendars(&conn)?;
    ensure_process_defaults(&conn)?;
    audit::install(&conn, &audit::os_user())?;
    Ok(conn)
}

/// The schema as SQL text, sorted by object name: compared with a committed snapshot in tests.
pub fn schema_sql(conn: &Connection) -> Result<String> {
    let mut stmt = conn.prepare(
        "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = String::new();
    for sql in rows {
        out.push_str(&sql?);
        out.push_str(";\n");
    }
    Ok(out)
}

/// The audit trail, newest first (see `audit.rs`).
pub fn audit_entries(
    conn: &Connection,
    record: Option<&str>,
    before_id: Option<i64>,
    limit: u32,
) -> Result<Vec<AuditEntry>> {
    audit::list(conn, record, before_id, limit)
}

/// Puts a deleted record back from its audit entry.
pub fn restore_deleted(conn: &Connection, audit_id: i64) -> Result<()> {
    audit::restore_deleted(conn, audit_id)
}

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    /// The flushing helper gives `f`'s result, outlives several of its rounds without harm, and
    /// stops with `f` even when `f` panics (the panic goes on to the caller; nothing hangs).
    #[test]
    fn flushing_runs_f_and_stops_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"x").unwrap();
        let file = std::fs::File::open(&path).unwrap();
        assert_eq!(super::flushing(&file, || 7), 7);
        let slow = super::flushing(&file, || {
            std::thread::sleep(std::time::Duration::from_millis(400));
            "done"
        });
        assert_eq!(slow, "done");
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            super::flushing(&file, || panic!("in f"))
        }));
        assert!(panicked.is_err());
    }
}

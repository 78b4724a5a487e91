//! The engine's one error type; every variant has a stable code the UI can switch on.

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {}", db_message(.0))]
    Db(#[from] rusqlite::Error),
    #[error("migration: {0}")]
    Migration(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Import(String),
    /// Rows that failed validation; nothing was written.
    #[error("{} rows rejected, nothing imported; first: {}", .0.len(), .0.first().map(|r| r.to_string()).unwrap_or_default())]
    RejectedRows(Vec<crate::import::RowError>),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("invalid: {0}")]
    Invalid(String),
    #[error("{0} is referenced by other records: {1}")]
    InUse(String, String),
    #[error("report: {0}")]
    Report(String),
    /// Not an SQM workspace, a damaged one, or one written by a newer SQM; it was not changed.
    #[error("{0}")]
    Unopenable(String),
}

impl Error {
    /// A stable, machine-readable code: the UI switches on this, never on the message.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Db(_) => "db",
            Error::Migration(_) => "migration",
            Error::Io { .. } => "io",
            Error::Import(_) => "import",
            Error::RejectedRows(_) => "rejected_rows",
            Error::NotFound(_) => "not_found",
            Error::Invalid(_) => "invalid",
            Error::InUse(..) => "in_use",
            Error::Report(_) => "report",
            Error::Unopenable(_) => "unopenable",
        }
    }

    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().display().to_string(),
            source,
        }
    }

    pub fn to_ipc(&self) -> IpcError {
        let rows = match self {
            Error::RejectedRows(rows) => Some(rows.clone()),
            _ => None,
        };
        IpcError {
            code: self.code().to_string(),
            message: self.to_string(),
            rows,
        }
    }
}

/// SQLite's words for a failed read or write ("disk I/O error", "unable to open database file")
/// name no cause: this adds the likely ones, so a person knows what to fix.
fn db_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let hint = match e.sqlite_error_code() {
        Some(C::DiskFull) => "the disk is full: free some space and try again",
        Some(C::SystemIoFailure) => {
            "reading or writing the disk failed: it may be full or read-only, or the file over \
             the system's file size limit"
        }
        Some(C::ReadOnly) => "the workspace or its folder is read-only",
        Some(C::CannotOpen) => {
            "the workspace or its folder could not be opened for writing: it may be missing, \
             read-only or on a full disk"
        }
        Some(C::PermissionDenied) => "permission denied",
        _ => return e.to_string(),
    };
    format!("{e} ({hint})")
}

/// How an error crosses the IPC boundary: `{code, message}`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct IpcError {
    pub code: String,
    pub message: String,
    /// For `rejected_rows`: every bad row, `file:line:column: reason`.
    pub rows: Option<Vec<crate::import::RowError>>,
}

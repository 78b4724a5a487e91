//! What an import takes and gives back: options, the preview shown before importing, row errors
//! (`file:line:column: reason`) and the final report.

use crate::domain::{ImportRun, Source};
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

/// The export formats SQM reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// ServiceNow incident list (field-name or label headers); an event log (with
    /// `sys_mod_count`) is folded to one ticket per number.
    ServiceNow,
    /// Jira Service Management issue export (English or Chinese headers).
    Jira,
}

impl Format {
    pub fn source(self) -> Source {
        match self {
            Format::ServiceNow => Source::ServiceNow,
            Format::Jira => Source::Jira,
        }
    }
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "servicenow" | "snow" => Some(Format::ServiceNow),
            "jira" => Some(Format::Jira),
            _ => None,
        }
    }
}

/// The ticket fields an import fills, each read from one column of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Key,
    Opened,
    FirstResponse,
    Resolved,
    Closed,
    Priority,
    Service,
    Category,
    Channel,
    Assignee,
    AssignmentGroup,
    State,
    ReassignmentCount,
    ReopenCount,
    Satisfaction,
    /// ServiceNow event logs: the update counter that orders the events of one incident.
    ModCount,
    /// ServiceNow event logs: when the event happened.
    UpdatedAt,
}

impl Field {
    pub const ALL: [Field; 17] = [
        Field::Key,
        Field::Opened,
        Field::FirstResponse,
        Field::Resolved,
        Field::Closed,
        Field::Priority,
        Field::Service,
        Field::Category,
        Field::Channel,
        Field::Assignee,
        Field::AssignmentGroup,
        Field::State,
        Field::ReassignmentCount,
        Field::ReopenCount,
        Field::Satisfaction,
        Field::ModCount,
        Field::UpdatedAt,
    ];
    pub fn required(self) -> bool {
        matches!(self, Field::Key | Field::Opened)
    }
    pub fn is_date(self) -> bool {
        matches!(
            self,
            Field::Opened
                | Field::FirstResponse
                | Field::Resolved
                | Field::Closed
                | Field::UpdatedAt
        )
    }
    pub fn name(self) -> &'static str {
        match self {
            Field::Key => "key",
            Field::Opened => "opened",
            Field::FirstResponse => "first_response",
            Field::Resolved => "resolved",
            Field::Closed => "closed",
            Field::Priority => "priority",
            Field::Service => "service",
            Field::Category => "category",
            Field::Channel => "channel",
            Field::Assignee => "assignee",
            Field::AssignmentGroup => "assignment_group",
            Field::State => "state",
            Field::ReassignmentCount => "reassignment_count",
            Field::ReopenCount => "reopen_count",
            Field::Satisfaction => "satisfaction",
            Field::ModCount => "mod_count",
            Field::UpdatedAt => "updated_at",
        }
    }
}

/// Which column (by header text) feeds which field. Saved per header set and reused.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    pub columns: Vec<FieldColumn>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FieldColumn {
    pub field: Field,
    /// Header text of the column; `None` when the file has no such column.
    pub column: Option<String>,
}

impl ColumnMapping {
    pub fn get(&self, field: Field) -> Option<&str> {
        self.columns
            .iter()
            .find(|c| c.field == field)
            .and_then(|c| c.column.as_deref())
    }
    pub fn set(&mut self, field: Field, column: Option<String>) {
        self.columns.retain(|c| c.field != field);
        self.columns.push(FieldColumn { field, column });
        self.columns.sort_by_key(|c| c.field);
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportOptions {
    /// Force a format instead of detecting it from the headers.
    pub format: Option<Format>,
    /// Force the date field order (`YMD`, `DMY` or `MDY`) instead of detecting it.
    pub date_format: Option<String>,
    /// Use this mapping instead of the built-in header sets.
    pub mapping: Option<ColumnMapping>,
    /// Import the valid rows even when some rows are bad (chosen explicitly by the user).
    pub valid_rows_only: bool,
}

/// The date format assumed for the file, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DateAssumption {
    /// The field order: `YMD`, `DMY` or `MDY` (what `ImportOptions::date_format` takes).
    pub pattern: String,
    /// What the user reads, e.g. `DD-MM-YYYY HH:MM`.
    pub label: String,
    /// True when the values alone could not decide day-first vs month-first.
    pub ambiguous: bool,
    /// One sentence on the evidence, e.g. "values such as 29-02-2016 have a day above 12".
    pub evidence: String,
    /// The other patterns the user may choose instead.
    pub alternatives: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    pub file_name: String,
    pub format: Format,
    /// "ServiceNow incident list (field names)", "Jira (中文)"…
    pub format_label: String,
    /// False when the headers match no known export and the mapping is incomplete: the user must
    /// choose columns (at least key and opened) before importing.
    pub recognised: bool,
    /// Why the file cannot be imported as it stands (names the columns expected).
    pub problem: Option<String>,
    pub event_log: bool,
    pub headers: Vec<String>,
    pub mapping: ColumnMapping,
    /// True when the mapping came from a mapping saved earlier for these headers.
    pub saved_mapping: bool,
    pub date: Option<DateAssumption>,
    /// The first rows, one cell per entry of `sample_fields`, as written in the file.
    pub sample: Vec<Vec<String>>,
    pub sample_fields: Vec<Field>,
    pub file_bytes: u64,
}

/// A bad row: `file:line:column: reason`. Lines and columns count from 1, the header is line 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RowError {
    pub file: String,
    pub line: u64,
    pub column: u32,
    pub reason: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.reason
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    pub run: ImportRun,
    pub format_label: String,
    pub date: Option<DateAssumption>,
    /// Every rejected row (all of them, in file order).
    pub errors: Vec<RowError>,
    pub services_created: Vec<String>,
    pub satisfaction_added: u64,
    pub seconds: f64,
}

/// Progress of a running import, reported every few thousand rows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Progress {
    pub rows: u64,
    pub bytes: u64,
    pub total_bytes: u64,
    pub rows_per_sec: f64,
    /// "scan" (checking dates and rows) or "write".
    pub phase: Phase,
}

impl Progress {
    /// Progress after `rows` rows and `bytes` bytes, `started` being when the phase began.
    pub fn at(
        phase: Phase,
        rows: u64,
        bytes: u64,
        total_bytes: u64,
        started: std::time::Instant,
    ) -> Self {
        let rows_per_sec = rows as f64 / started.elapsed().as_secs_f64().max(1e-6);
        Progress {
            rows,
            bytes,
            total_bytes,
            rows_per_sec,
            phase,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Reading the file once to decide the date format and check every row.
    Scan,
    /// Writing the rows in one transaction.
    Write,
}

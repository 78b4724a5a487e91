//! Tickets (requests and incidents) as imported from an ITSM tool, and the record of each import.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a ticket came from; with the external key it identifies the ticket across re-imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    ServiceNow,
    Jira,
    Demo,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::ServiceNow => "servicenow",
            Source::Jira => "jira",
            Source::Demo => "demo",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "servicenow" | "snow" => Some(Source::ServiceNow),
            "jira" => Some(Source::Jira),
            "demo" => Some(Source::Demo),
            _ => None,
        }
    }
}

/// A ticket; times are local wall-clock seconds (see `domain::to_secs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Ticket {
    pub source: Source,
    pub external_key: String,
    pub service_id: i64,
    /// Normalised `P1`..`P5`; `None` when the export has none.
    pub priority: Option<String>,
    pub category: Option<String>,
    pub channel: Option<String>,
    pub opened: i64,
    pub first_response: Option<i64>,
    /// First assignment to a person (event logs: the first update naming an assignee).
    pub first_assigned: Option<i64>,
    pub resolved: Option<i64>,
    pub closed: Option<i64>,
    pub assignee: Option<String>,
    pub assignment_group: Option<String>,
    pub reassignment_count: i64,
    pub reopen_count: i64,
    pub state: Option<String>,
    /// False when the export carries no first-response times at all: response attainment is
    /// then "not measured" for the ticket rather than guessed.
    pub response_tracked: bool,
}

/// Priorities arrive as `1 - Critical`, `P2`, `High`, `高`…; the metrics group them as `P1`..`P5`.
pub fn normalize_priority(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() || s == "?" {
        return None;
    }
    let lower = s.to_lowercase();
    let digit = lower
        .trim_start_matches('p')
        .chars()
        .next()
        .filter(|c| ('1'..='5').contains(c));
    if let Some(d) = digit {
        return Some(format!("P{d}"));
    }
    let p = match lower.as_str() {
        "highest" | "blocker" | "critical" | "最高" | "紧急" => 1,
        "high" | "major" | "高" => 2,
        "medium" | "moderate" | "中" | "中等" => 3,
        "low" | "minor" | "低" => 4,
        "lowest" | "trivial" | "planning" | "最低" => 5,
        _ => return Some(s.to_string()),
    };
    Some(format!("P{p}"))
}

/// One import of one file: what came in, and what happened to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportRun {
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
    pub source: Source,
    /// Local wall-clock time of the import, `YYYY-MM-DD HH:MM:SS`.
    pub imported_at: String,
    pub rows_added: i64,
    pub rows_updated: i64,
    pub rows_rejected: i64,
}

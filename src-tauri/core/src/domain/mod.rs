//! The quality manager's records and their validation. Plain data: no SQL, no I/O.

mod period;
mod satisfaction;
mod service;
mod ticket;

pub use chrono::NaiveDate;
pub use period::Quarter;
pub use satisfaction::{SatisfactionResponse, Scale};
pub use service::{QualityStandard, Service, ServiceInput, StandardInput, DEFAULT_PAUSE_STATES};
pub use ticket::{normalize_priority, ImportRun, Source, Ticket};

use chrono::NaiveDateTime;

/// Timestamps are stored as whole seconds of local wall-clock time since 1970-01-01 00:00
/// (the exports carry no zone; business calendars in a later issue attach one).
pub fn to_secs(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp()
}

pub fn from_secs(s: i64) -> NaiveDateTime {
    chrono::DateTime::from_timestamp(s, 0)
        .map(|d| d.naive_utc())
        .unwrap_or_default()
}

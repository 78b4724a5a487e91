//! Shared test helpers: fixture paths, a fixed clock, timestamps from text.

use chrono::NaiveDateTime;
use sqm_core::clock::FixedClock;
use std::path::PathBuf;

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

pub fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .unwrap_or_else(|e| panic!("bad test time {s}: {e}"))
}

pub fn secs(s: &str) -> i64 {
    sqm_core::domain::to_secs(at(s))
}

/// The clock every test uses: well after every fixture's data.
pub fn clock() -> FixedClock {
    FixedClock(at("2026-11-25 12:00"))
}

//! Time is injected: the core never reads the wall clock itself, so tests are exact.

use chrono::NaiveDateTime;

pub trait Clock {
    /// The current local wall-clock time.
    fn now(&self) -> NaiveDateTime;
}

/// The real clock, for the shell and the CLI.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> NaiveDateTime {
        chrono::Local::now().naive_local()
    }
}

/// A clock stopped at one instant, for tests and reproducible reports.
pub struct FixedClock(pub NaiveDateTime);

impl Clock for FixedClock {
    fn now(&self) -> NaiveDateTime {
        self.0
    }
}

//! Calendar quarters: the default reporting period.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub struct Quarter {
    pub year: i32,
    /// 1..=4
    pub q: u8,
}

impl Quarter {
    pub fn new(year: i32, q: u8) -> Option<Self> {
        (1..=4).contains(&q).then_some(Quarter { year, q })
    }

    pub fn containing_secs(secs: i64) -> Self {
        let d = super::from_secs(secs).date();
        Quarter {
            year: d.year(),
            q: ((d.month() - 1) / 3 + 1) as u8,
        }
    }

    pub fn of_date(d: NaiveDate) -> Self {
        Quarter {
            year: d.year(),
            q: ((d.month() - 1) / 3 + 1) as u8,
        }
    }

    pub fn start_date(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, u32::from(self.q) * 3 - 2, 1).expect("valid quarter")
    }

    /// First second of the quarter (inclusive).
    pub fn start_secs(self) -> i64 {
        super::to_secs(self.start_date().and_hms_opt(0, 0, 0).expect("midnight"))
    }

    /// First second of the next quarter (exclusive end).
    pub fn end_secs(self) -> i64 {
        self.next().start_secs()
    }

    pub fn next(self) -> Self {
        if self.q == 4 {
            Quarter {
                year: self.year + 1,
                q: 1,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q + 1,
            }
        }
    }

    pub fn prev(self) -> Self {
        if self.q == 1 {
            Quarter {
                year: self.year - 1,
                q: 4,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q - 1,
            }
        }
    }

    /// The `n` quarters ending with this one, oldest first.
    pub fn trailing(self, n: usize) -> Vec<Quarter> {
        let mut v = Vec::with_capacity(n);
        let mut q = self;
        for _ in 0..n {
            v.push(q);
            q = q.prev();
        }
        v.reverse();
        v
    }

    /// The last day of the quarter.
    pub fn end_secs_date(self) -> NaiveDate {
        self.next().start_date().pred_opt().expect("valid date")
    }

    pub fn contains(self, secs: i64) -> bool {
        secs >= self.start_secs() && secs < self.end_secs()
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.q)
    }
}

impl FromStr for Quarter {
    type Err = crate::Error;
    /// Accepts `2026Q3`, `2026-Q3`, `2026 Q3` (any case).
    fn from_str(s: &str) -> crate::Result<Self> {
        let bad = || crate::Error::Invalid(format!("quarter '{s}': expected e.g. 2026Q3"));
        let up = s.trim().to_ascii_uppercase();
        let (y, q) = up.split_once('Q').ok_or_else(bad)?;
        let y: i32 = y.trim_end_matches(['-', ' ']).parse().map_err(|_| bad())?;
        let q: u8 = q.parse().map_err(|_| bad())?;
        Quarter::new(y, q).ok_or_else(bad)
    }
}

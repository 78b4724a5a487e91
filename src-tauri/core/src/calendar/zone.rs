//! [`LocalZone`]: fast wall-clock ↔ UTC conversion for one IANA time zone.
//!
//! The offset transitions for 1990–2061 are precomputed once from `chrono-tz`; a conversion
//! is then a binary search over a few dozen to a few hundred transitions (none at all for a
//! zone whose offset never changes in the range, and none for instants after a zone's last
//! transition, e.g. Asia/Shanghai after 1991). Outside the range the conversion asks
//! `chrono-tz` directly, with the same rules.
//!
//! Rules for wall-clock times that do not name exactly one instant:
//! - in a gap (clocks jump forward, e.g. 01:30 on a March Sunday in London), the time maps
//!   to the first instant after the gap (01:00 UTC, the moment clocks show 02:00);
//! - in an overlap (clocks fall back, e.g. 01:30 on an October Sunday in London, which
//!   happens twice), the time maps to the earlier instant (00:30 UTC).

use chrono::{DateTime, LocalResult, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

/// First UTC instant of the transition table: 1989-12-30T00:00:00Z (two days before
/// 1990-01-01, so every local date from 1990-01-01 on is inside it in every zone).
const TABLE_START: i64 = 631_152_000 - 2 * 86_400;
/// End (exclusive) of the transition table: 2061-01-03T00:00:00Z.
const TABLE_END: i64 = 2_871_763_200 + 2 * 86_400;
/// Sampling step when looking for transitions; two transitions closer than this would be
/// missed. The closest pair in any zone in the range is about 7 days apart (Asia/Gaza,
/// America/Recife), checked by a test on every zone.
const STEP: i64 = 86_400;
/// A transition table is only used when every period between transitions is longer than
/// this; otherwise the zone falls back to `chrono-tz` (none does in 1990–2061).
const MIN_PERIOD: i64 = 2 * 86_400;

/// One IANA time zone, compiled for fast conversion. Cheap to clone.
#[derive(Debug, Clone)]
pub struct LocalZone {
    tz: Tz,
    table: Table,
}

#[derive(Debug, Clone)]
enum Table {
    /// The same offset over the whole table range.
    Fixed(i64),
    /// `trans[i]` is the UTC instant at which `offs[i + 1]` takes over from `offs[i]`;
    /// `local_starts[i] = trans[i] + offs[i + 1]` is the wall-clock time at which period
    /// `i + 1` begins.
    Transitions {
        trans: Vec<i64>,
        offs: Vec<i64>,
        local_starts: Vec<i64>,
    },
    /// Irregular transitions: always ask `chrono-tz`.
    Slow,
}

impl LocalZone {
    /// Compiles the zone named `name` (an IANA name such as "Europe/London" or "UTC").
    pub fn new(name: &str) -> crate::Result<LocalZone> {
        let tz: Tz = name
            .parse()
            .map_err(|_| crate::Error::Invalid(format!("unknown time zone \"{name}\"")))?;
        Ok(LocalZone::from_tz(tz))
    }

    /// Compiles an already parsed `chrono-tz` zone.
    pub fn from_tz(tz: Tz) -> LocalZone {
        LocalZone {
            tz,
            table: build_table(tz),
        }
    }

    /// The IANA name.
    pub fn name(&self) -> &'static str {
        self.tz.name()
    }

    /// The `chrono-tz` zone.
    pub fn tz(&self) -> Tz {
        self.tz
    }

    /// True when the zone has one offset over the whole of 1990–2061 (e.g. UTC).
    pub fn is_fixed(&self) -> bool {
        matches!(self.table, Table::Fixed(_))
    }

    /// UTC offset in seconds (local − UTC) in force at instant `utc`.
    pub fn offset_at(&self, utc: i64) -> i64 {
        match &self.table {
            Table::Fixed(off) if (TABLE_START..TABLE_END).contains(&utc) => *off,
            Table::Transitions { trans, offs, .. } if (TABLE_START..TABLE_END).contains(&utc) => {
                if utc >= trans[trans.len() - 1] {
                    return offs[offs.len() - 1];
                }
                offs[trans.partition_point(|&t| t <= utc)]
            }
            _ => slow_offset(self.tz, utc),
        }
    }

    /// Wall-clock time (naive local seconds: `NaiveDateTime::and_utc().timestamp()` of the
    /// local date and time) at instant `utc`.
    pub fn to_local(&self, utc: i64) -> i64 {
        utc.saturating_add(self.offset_at(utc))
    }

    /// The instant at which the wall clock shows `local` (naive local seconds). A time in a
    /// gap maps to the first instant after the gap; a time that happens twice maps to the
    /// earlier instant.
    pub fn to_utc(&self, local: i64) -> i64 {
        // Offsets are below a day, so a local time this far inside the range converts to
        // an instant inside it.
        let inside = (TABLE_START + 86_400..TABLE_END - 86_400).contains(&local);
        match &self.table {
            Table::Fixed(off) if inside => local - off,
            Table::Transitions {
                trans,
                offs,
                local_starts,
            } if inside => {
                let n = trans.len();
                // Period k: the last one whose wall-clock start is not after `local`.
                let k = if local >= local_starts[n - 1] {
                    n
                } else {
                    local_starts.partition_point(|&s| s <= local)
                };
                if k >= 1 && local < trans[k - 1] + offs[k - 1] {
                    // Still inside the previous period's wall-clock range: an overlap, the
                    // earlier instant wins.
                    local - offs[k - 1]
                } else if k < n && local >= trans[k] + offs[k] {
                    // Past period k's end but before period k + 1 starts: a gap.
                    trans[k]
                } else {
                    local - offs[k]
                }
            }
            _ => slow_to_utc(self.tz, local),
        }
    }
}

fn naive(secs: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp(secs, 0).map(|d| d.naive_utc())
}

fn slow_offset(tz: Tz, utc: i64) -> i64 {
    match naive(utc) {
        Some(n) => i64::from(tz.offset_from_utc_datetime(&n).fix().local_minus_utc()),
        None => 0,
    }
}

/// `to_utc` straight from `chrono-tz`, with the same gap and overlap rules.
pub(crate) fn slow_to_utc(tz: Tz, local: i64) -> i64 {
    let Some(n) = naive(local) else {
        return local;
    };
    match tz.from_local_datetime(&n) {
        LocalResult::Single(d) => d.timestamp(),
        LocalResult::Ambiguous(a, b) => a.timestamp().min(b.timestamp()),
        LocalResult::None => {
            // In a gap: the first instant u whose wall-clock time is past `local`.
            let wall = |u: i64| u + slow_offset(tz, u);
            let (mut lo, mut hi) = (local - 2 * 86_400, local + 2 * 86_400);
            // Invariant: wall(lo) <= local < wall(hi).
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if wall(mid) > local {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            hi
        }
    }
}

fn build_table(tz: Tz) -> Table {
    let mut trans = Vec::new();
    let mut offs = vec![slow_offset(tz, TABLE_START)];
    let mut t = TABLE_START;
    while t < TABLE_END {
        let next = (t + STEP).min(TABLE_END);
        let cur = offs[offs.len() - 1];
        let off = slow_offset(tz, next);
        if off != cur {
            // The first instant in (t, next] with the new offset.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if slow_offset(tz, mid) == cur {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            trans.push(hi);
            offs.push(slow_offset(tz, hi));
        }
        t = next;
    }
    if trans.is_empty() {
        return Table::Fixed(offs[0]);
    }
    let regular = trans.windows(2).all(|w| w[1] - w[0] > MIN_PERIOD);
    if !regular {
        return Table::Slow;
    }
    let local_starts = trans.iter().zip(&offs[1..]).map(|(t, o)| t + o).collect();
    Table::Transitions {
        trans,
        offs,
        local_starts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn utc_midnight(y: i32, m: u32, d: u32) -> i64 {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp()
    }

    #[test]
    fn table_bounds_are_the_documented_dates() {
        assert_eq!(TABLE_START, utc_midnight(1989, 12, 30));
        assert_eq!(TABLE_END, utc_midnight(2061, 1, 3));
    }

    /// Every zone: the table agrees with `chrono-tz` at and around every transition and at
    /// pseudo-random instants, and no zone has transitions closer than the sampling step.
    #[test]
    fn table_agrees_with_chrono_tz_for_every_zone() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let span = (TABLE_END - TABLE_START - 4 * 86_400) as u64;
        for tz in chrono_tz::TZ_VARIANTS {
            let zone = LocalZone::from_tz(tz);
            let mut probes: Vec<i64> = (0..100)
                .map(|_| TABLE_START + 2 * 86_400 + (next() % span) as i64)
                .collect();
            if let Table::Transitions { trans, .. } = &zone.table {
                assert!(
                    trans.windows(2).all(|w| w[1] - w[0] > STEP),
                    "{}: transitions closer than the sampling step",
                    tz.name()
                );
                for &t in trans {
                    probes.extend([t - 7_200, t - 3_601, t - 1, t, t + 1, t + 3_599, t + 7_200]);
                }
            }
            for u in probes {
                assert_eq!(
                    zone.offset_at(u),
                    slow_offset(tz, u),
                    "{} offset at {u}",
                    tz.name()
                );
                let local = u + slow_offset(tz, u);
                for l in [local - 1, local, local + 1] {
                    assert_eq!(
                        zone.to_utc(l),
                        slow_to_utc(tz, l),
                        "{} to_utc({l})",
                        tz.name()
                    );
                }
            }
        }
    }

    #[test]
    fn slow_path_rules_match_the_table_rules() {
        let london: Tz = "Europe/London".parse().unwrap();
        // 2025-03-30 01:30 local is in the gap; 2025-10-26 01:30 happens twice.
        let gap = utc_midnight(2025, 3, 30) + 5_400;
        let overlap = utc_midnight(2025, 10, 26) + 5_400;
        assert_eq!(slow_to_utc(london, gap), utc_midnight(2025, 3, 30) + 3_600);
        assert_eq!(
            slow_to_utc(london, overlap),
            utc_midnight(2025, 10, 26) + 1_800
        );
        // The same rules before the table range (1985).
        let gap85 = utc_midnight(1985, 3, 31) + 5_400;
        assert_eq!(
            slow_to_utc(london, gap85),
            utc_midnight(1985, 3, 31) + 3_600
        );
        let zone = LocalZone::from_tz(london);
        assert_eq!(zone.to_utc(gap85), utc_midnight(1985, 3, 31) + 3_600);
    }
}

//! Business calendars: working hours, holidays and make-up days, and business-time
//! arithmetic (elapsed business time, deadlines, paused clocks).
//!
//! # Model
//!
//! - **Instants** are `i64` UTC epoch seconds. Everything this module computes is in
//!   instants or in seconds between them.
//! - A calendar lives in one **IANA time zone** (`CalendarDef::tz`). Its working hours are
//!   [`Span`]s of **local days**: seconds from local midnight, `[start, end)`, as the wall
//!   clock shows them. A DST day still runs from 00:00 to 24:00 on the wall clock, so it is
//!   23 or 25 hours long (in most zones); a span covering the clock change is that much
//!   shorter or longer.
//! - Each local date gets its working spans from, in order of precedence:
//!   1. the **holidays** list: no working time at all;
//!   2. the **make-up days** list (调休, normally weekend days that are worked): **Monday's
//!      spans**, whatever the weekday;
//!   3. otherwise the **week** entry for its weekday (Monday first).
//! - **DST rules** for a span boundary that is not exactly one instant: a wall-clock time
//!   inside a gap (clocks jump forward) maps to the first instant after the gap; one that
//!   happens twice (clocks fall back) maps to the earlier instant. See [`LocalZone`].
//! - [`Calendar::compile`] turns a [`CalendarDef`] into the working intervals, as instants,
//!   of every local date from [`FIRST_YEAR`]-01-01 to [`END_YEAR`]-01-01 (exclusive),
//!   merges intervals that touch (e.g. 24:00 of one day and 00:00 of the next) and keeps a
//!   prefix sum of business seconds, so that every query is a binary search.
//! - **Outside that range there is no business time**: [`Calendar::cum`] is clamped, a
//!   deadline that would fall after the range is [`NEVER`]. The one exception is the
//!   24×7 fast path: a calendar working round the clock every day with no holidays (in any
//!   zone) counts wall time, `to − from`, with no table and no range.
//! - Intervals are half-open: business time in `[from, to)`.
//!
//! Also here: [`LocalZone`] (fast wall-clock ↔ UTC conversion, for imported times too),
//! [`china`] (the built-in China calendar and its holiday data) and [`ics`] (holidays from
//! an iCalendar file).

mod def;
mod zone;

pub mod china;
pub mod ics;

pub use def::{CalendarDef, DayKind, DayNote, Span, DAY};
pub use zone::LocalZone;

use chrono::{Datelike, NaiveDate, NaiveTime};
use std::collections::HashMap;
use std::sync::Arc;

/// First year of the precomputed table (local dates from 1990-01-01).
pub const FIRST_YEAR: i32 = 1990;
/// Year the precomputed table ends at (local dates before 2061-01-01).
pub const END_YEAR: i32 = 2061;
/// The deadline returned when the business time asked for runs past the table.
pub const NEVER: i64 = i64::MAX;

/// A compiled, immutable calendar. Cheap to clone (shared) and to query.
#[derive(Clone)]
pub struct Calendar {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Calendar {
    /// A summary: name, zone, list sizes and the engine (not the whole table).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Calendar")
            .field("name", &inner.def.name)
            .field("tz", &inner.def.tz)
            .field("holidays", &inner.holidays.len())
            .field("workdays", &inner.workdays.len())
            .field("engine", &inner.engine)
            .finish()
    }
}

struct Inner {
    def: CalendarDef,
    zone: LocalZone,
    holidays: HashMap<NaiveDate, String>,
    workdays: HashMap<NaiveDate, String>,
    engine: Engine,
}

enum Engine {
    /// Round the clock, no holidays: business time is wall time. `origin` is the instant
    /// of local 1990-01-01 00:00, from which [`Calendar::cum`] counts.
    Continuous { origin: i64 },
    /// Working intervals `[starts[i], ends[i])`, sorted, disjoint and not touching;
    /// `cum_end[i]` is the business time from the table start to `ends[i]`.
    Table {
        starts: Vec<i64>,
        ends: Vec<i64>,
        cum_end: Vec<i64>,
        /// Where to look in `starts` for an instant, by day (`Buckets::of(starts, DAY)`), and
        /// in `cum_end` for an amount of business time, by hour: a lookup searches a few
        /// entries instead of the whole table.
        by_day: Buckets,
        by_hour: Buckets,
    },
}

/// For a sorted list `v` and a step: `first[k]` = how many values are below `base + k × step`.
/// The values in `[base + k × step, base + (k + 1) × step)` are then at `first[k]..first[k + 1]`.
struct Buckets {
    base: i64,
    step: i64,
    first: Vec<u32>,
}

impl Buckets {
    fn of(v: &[i64], step: i64) -> Buckets {
        let base = v.first().copied().unwrap_or(0);
        let span = v.last().copied().unwrap_or(0) - base;
        let n = usize::try_from(span / step + 2).unwrap_or(0);
        let mut first = Vec::with_capacity(n);
        let mut i = 0usize;
        for k in 0..n as i64 {
            let bound = base + k * step;
            while i < v.len() && v[i] < bound {
                i += 1;
            }
            first.push(i as u32);
        }
        Buckets { base, step, first }
    }

    /// `v.partition_point(pred)` for a predicate true below some value and false from `x` on
    /// (`pred` must agree with `x`'s bucket).
    fn partition_point(&self, v: &[i64], x: i64, pred: impl Fn(i64) -> bool) -> usize {
        let k = (x - self.base).div_euclid(self.step);
        match usize::try_from(k) {
            Ok(k) if k + 1 < self.first.len() => {
                let (lo, hi) = (self.first[k] as usize, self.first[k + 1] as usize);
                // Everything before `lo` is below the bucket, everything from `hi` above it.
                lo + v[lo..hi].partition_point(|&e| pred(e))
            }
            _ => v.partition_point(|&e| pred(e)),
        }
    }
}

impl std::fmt::Debug for Engine {
    /// A summary: the table itself is tens of thousands of numbers.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Engine::Continuous { origin } => f
                .debug_struct("Continuous")
                .field("origin", origin)
                .finish(),
            Engine::Table {
                starts, cum_end, ..
            } => f
                .debug_struct("Table")
                .field("intervals", &starts.len())
                .field("business_secs", &cum_end.last().copied().unwrap_or(0))
                .finish(),
        }
    }
}

/// Business seconds in `[from, to)` under `cal`; 0 when `to <= from`.
pub fn business_elapsed(cal: &Calendar, from: i64, to: i64) -> i64 {
    cal.elapsed(from, to)
}

fn first_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).expect("valid date")
}

fn end_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(END_YEAR, 1, 1).expect("valid date")
}

/// Naive local seconds of a date's midnight.
fn midnight(date: NaiveDate) -> i64 {
    date.and_time(NaiveTime::MIN).and_utc().timestamp()
}

impl Calendar {
    /// Validates `def` and precomputes its working intervals (see the module docs).
    pub fn compile(def: &CalendarDef) -> crate::Result<Calendar> {
        def.validate()?;
        let zone = LocalZone::new(&def.tz)?;
        let holidays: HashMap<NaiveDate, String> = def
            .holidays
            .iter()
            .map(|h| (h.date, h.name.clone()))
            .collect();
        let workdays = def
            .workdays
            .iter()
            .map(|w| (w.date, w.name.clone()))
            .collect();
        let round_the_clock = def.week.iter().all(|spans| {
            let mut merged = spans.iter().fold(Vec::<Span>::new(), |mut acc, s| {
                match acc.last_mut() {
                    Some(last) if last.end >= s.start => last.end = last.end.max(s.end),
                    _ => acc.push(*s),
                }
                acc
            });
            merged.len() == 1 && merged.pop() == Some(Span::whole_day())
        });
        let mut inner = Inner {
            def: def.clone(),
            zone,
            holidays,
            workdays,
            engine: Engine::Continuous { origin: 0 },
        };
        inner.engine = if round_the_clock && inner.holidays.is_empty() {
            Engine::Continuous {
                origin: inner.zone.to_utc(midnight(first_date())),
            }
        } else {
            build_table(&inner)
        };
        Ok(Calendar {
            inner: Arc::new(inner),
        })
    }

    /// The definition this calendar was compiled from.
    pub fn def(&self) -> &CalendarDef {
        &self.inner.def
    }

    /// The calendar's time zone.
    pub fn zone(&self) -> &LocalZone {
        &self.inner.zone
    }

    /// True when the 24×7 fast path is used: every day `[00:00, 24:00)` and no holidays.
    pub fn is_24x7(&self) -> bool {
        matches!(self.inner.engine, Engine::Continuous { .. })
    }

    /// The instants `[start, end)` the table covers: local 1990-01-01 00:00 to local
    /// 2061-01-01 00:00. (The 24×7 fast path has no such limit.)
    pub fn range(&self) -> (i64, i64) {
        let zone = &self.inner.zone;
        (
            zone.to_utc(midnight(first_date())),
            zone.to_utc(midnight(end_date())),
        )
    }

    /// The local date of instant `t`.
    pub fn local_date(&self, t: i64) -> NaiveDate {
        let local = self.inner.zone.to_local(t);
        chrono::DateTime::from_timestamp(local, 0)
            .map(|d| d.date_naive())
            .unwrap_or(if local < 0 {
                NaiveDate::MIN
            } else {
                NaiveDate::MAX
            })
    }

    /// What kind of day `date` is (holiday and make-up lists first, then the week).
    pub fn day_kind(&self, date: NaiveDate) -> DayKind {
        if let Some(name) = self.inner.holidays.get(&date) {
            DayKind::Holiday { name: name.clone() }
        } else if let Some(name) = self.inner.workdays.get(&date) {
            DayKind::MakeUp { name: name.clone() }
        } else if self.week_spans(date).is_empty() {
            DayKind::Weekend
        } else {
            DayKind::Working
        }
    }

    /// The working spans of local date `date`, as defined (a holiday has none, a make-up
    /// day has Monday's).
    pub fn day_spans(&self, date: NaiveDate) -> Vec<Span> {
        self.inner.spans_of(date).to_vec()
    }

    fn week_spans(&self, date: NaiveDate) -> &[Span] {
        &self.inner.def.week[date.weekday().num_days_from_monday() as usize]
    }

    /// Business seconds from the start of the table to instant `t` (clamped: 0 before the
    /// table, the total after it). O(log n). For the 24×7 fast path this is `t − origin`,
    /// unclamped, so that `elapsed(a, b) == cum(b) − cum(a)` always holds.
    pub fn cum(&self, t: i64) -> i64 {
        match &self.inner.engine {
            Engine::Continuous { origin } => t.saturating_sub(*origin),
            Engine::Table {
                starts,
                ends,
                cum_end,
                by_day,
                ..
            } => {
                let i = by_day.partition_point(starts, t, |s| s <= t);
                if i == 0 {
                    return 0;
                }
                let j = i - 1;
                cum_end[j] - (ends[j] - t.min(ends[j]))
            }
        }
    }

    /// Business seconds in `[from, to)`; 0 when `to <= from`.
    pub fn elapsed(&self, from: i64, to: i64) -> i64 {
        if to <= from {
            return 0;
        }
        match &self.inner.engine {
            Engine::Continuous { .. } => to.saturating_sub(from),
            Engine::Table { .. } => self.cum(to) - self.cum(from),
        }
    }

    /// The deadline `business_secs` business seconds after `from`: the earliest instant
    /// `t >= from` with `elapsed(from, t) == business_secs`. It can be the end of a
    /// working span (a deadline met at 18:00 is 18:00, not the next morning). Returns
    /// `from` when `business_secs <= 0`, and [`NEVER`] past the table.
    pub fn add(&self, from: i64, business_secs: i64) -> i64 {
        if business_secs <= 0 {
            return from;
        }
        match &self.inner.engine {
            Engine::Continuous { .. } => from.saturating_add(business_secs),
            Engine::Table {
                ends,
                cum_end,
                by_hour,
                ..
            } => {
                let target = self.cum(from).saturating_add(business_secs);
                let j = by_hour.partition_point(cum_end, target, |c| c < target);
                if j == cum_end.len() {
                    NEVER
                } else {
                    ends[j] - (cum_end[j] - target)
                }
            }
        }
    }

    /// Business seconds in `[from, to)` less the business seconds inside the pauses (the
    /// clock stops while paused). Pauses are `(start, end)` half-open intervals; they may
    /// overlap each other or reach outside `[from, to)`, and empty or reversed ones are
    /// ignored. Never negative.
    pub fn elapsed_excluding(&self, from: i64, to: i64, pauses: &[(i64, i64)]) -> i64 {
        let total = self.elapsed(from, to);
        if total == 0 || pauses.is_empty() {
            return total;
        }
        let paused: i64 = merge_pauses(pauses, from, to)
            .iter()
            .map(|&(a, b)| self.elapsed(a, b))
            .sum();
        total - paused
    }

    /// The deadline `business_secs` business seconds after `from` when the clock stops
    /// during `pauses`: the earliest `t >= from` with
    /// `elapsed_excluding(from, t, pauses) == business_secs`. Returns `from` when
    /// `business_secs <= 0`, and [`NEVER`] past the table.
    pub fn add_excluding(&self, from: i64, business_secs: i64, pauses: &[(i64, i64)]) -> i64 {
        if business_secs <= 0 {
            return from;
        }
        if pauses.is_empty() {
            return self.add(from, business_secs);
        }
        let mut cur = from;
        let mut remaining = business_secs;
        for (start, end) in merge_pauses(pauses, from, i64::MAX) {
            if end <= cur {
                continue;
            }
            let candidate = self.add(cur, remaining);
            if candidate <= start {
                return candidate;
            }
            remaining -= self.elapsed(cur, start);
            cur = cur.max(end);
        }
        self.add(cur, remaining)
    }
}

impl Inner {
    fn spans_of(&self, date: NaiveDate) -> &[Span] {
        if self.holidays.contains_key(&date) {
            &[]
        } else if self.workdays.contains_key(&date) {
            &self.def.week[0]
        } else {
            &self.def.week[date.weekday().num_days_from_monday() as usize]
        }
    }
}

fn build_table(inner: &Inner) -> Engine {
    let mut starts: Vec<i64> = Vec::new();
    let mut ends: Vec<i64> = Vec::new();
    let end = end_date();
    let mut date = first_date();
    while date < end {
        let base = midnight(date);
        for span in inner.spans_of(date) {
            let s = inner.zone.to_utc(base + i64::from(span.start));
            let e = inner.zone.to_utc(base + i64::from(span.end));
            if e <= s {
                // The whole span is inside a DST gap.
                continue;
            }
            match ends.last_mut() {
                // Wall-clock order maps to instant order, so only the last interval can
                // touch or overlap the new one.
                Some(last) if s <= *last => *last = (*last).max(e),
                _ => {
                    starts.push(s);
                    ends.push(e);
                }
            }
        }
        date = date.succ_opt().expect("date in range");
    }
    let mut total = 0;
    let cum_end: Vec<i64> = starts
        .iter()
        .zip(&ends)
        .map(|(s, e)| {
            total += e - s;
            total
        })
        .collect();
    Engine::Table {
        by_day: Buckets::of(&starts, 86_400),
        by_hour: Buckets::of(&cum_end, 3_600),
        starts,
        ends,
        cum_end,
    }
}

/// The pauses clipped to `[from, to)`, sorted, with overlapping or touching ones merged;
/// empty ones dropped.
fn merge_pauses(pauses: &[(i64, i64)], from: i64, to: i64) -> Vec<(i64, i64)> {
    let mut clipped: Vec<(i64, i64)> = pauses
        .iter()
        .map(|&(a, b)| (a.max(from), b.min(to)))
        .filter(|(a, b)| a < b)
        .collect();
    clipped.sort_unstable();
    let mut merged: Vec<(i64, i64)> = Vec::with_capacity(clipped.len());
    for (a, b) in clipped {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

//! The stored, editable form of a business calendar ([`CalendarDef`]) and its validation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

/// Seconds in a local day, as far as spans are concerned (DST days are still 0..86400 on
/// the wall clock).
pub const DAY: u32 = 86_400;

/// English day names, Monday first, as used in messages.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Working time within a local day: `[start, end)` in seconds from local midnight,
/// `0 <= start < end <= 86400` (86400 = 24:00, the end of the day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// A span from `h1:m1` to `h2:m2` (hours may be 24 for the end of the day).
    pub fn hm(h1: u32, m1: u32, h2: u32, m2: u32) -> Span {
        Span {
            start: h1 * 3_600 + m1 * 60,
            end: h2 * 3_600 + m2 * 60,
        }
    }

    /// The whole day, `[00:00, 24:00)`.
    pub fn whole_day() -> Span {
        Span { start: 0, end: DAY }
    }

    /// Length in seconds (0 for an invalid, reversed span).
    pub fn len(&self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    /// True for an empty or reversed span.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl std::fmt::Display for Span {
    /// `09:00–12:00` (seconds shown only when not zero).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}–{}", clock(self.start), clock(self.end))
    }
}

/// `hh:mm`, or `hh:mm:ss` when the seconds are not zero; 86400 is `24:00`.
pub(crate) fn clock(secs: u32) -> String {
    let (h, m, s) = (secs / 3_600, secs / 60 % 60, secs % 60);
    if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

/// A dated note: a holiday or a make-up working day, with its name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct DayNote {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub name: String,
}

impl DayNote {
    pub fn new(date: NaiveDate, name: impl Into<String>) -> DayNote {
        DayNote {
            date,
            name: name.into(),
        }
    }
}

/// A business calendar as stored in the database and edited in the UI.
///
/// - `tz`: IANA time zone name ("Asia/Shanghai", "Europe/London", "UTC"); the week's spans,
///   holidays and make-up days are local to it.
/// - `week`: exactly 7 entries, Monday first; each a list of working spans in time order,
///   not overlapping (touching is fine). An empty list is a day off (a weekend day).
/// - `holidays`: dates with no working time at all, whatever their weekday.
/// - `workdays`: make-up working days (调休), normally weekend days that are worked. A
///   make-up day has **Monday's working hours**, whatever its weekday.
/// - A date may not be both a holiday and a make-up day, nor listed twice in one list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarDef {
    pub name: String,
    pub tz: String,
    pub week: Vec<Vec<Span>>,
    pub holidays: Vec<DayNote>,
    pub workdays: Vec<DayNote>,
}

impl CalendarDef {
    /// Round the clock, every day, in UTC: name "24x7".
    pub fn twenty_four_seven() -> CalendarDef {
        CalendarDef {
            name: "24x7".into(),
            tz: "UTC".into(),
            week: vec![vec![Span::whole_day()]; 7],
            holidays: Vec::new(),
            workdays: Vec::new(),
        }
    }

    /// Checks the rules above. Each failure is an [`crate::Error::Invalid`] whose message
    /// names the day, span or date at fault, e.g. `Monday: spans 09:00–12:00 and
    /// 11:00–13:00 overlap` or `2026-10-01 is both a holiday and a make-up day`.
    pub fn validate(&self) -> crate::Result<()> {
        validate(self).map_err(crate::Error::Invalid)
    }
}

fn validate(def: &CalendarDef) -> Result<(), String> {
    if def.name.trim().is_empty() {
        return Err("the calendar needs a name".into());
    }
    if def.tz.parse::<chrono_tz::Tz>().is_err() {
        return Err(format!("unknown time zone \"{}\"", def.tz));
    }
    if def.week.len() != 7 {
        return Err(format!(
            "the week needs 7 days (Monday first), found {}",
            def.week.len()
        ));
    }
    for (day, spans) in WEEKDAYS.iter().zip(&def.week) {
        for span in spans {
            if span.start >= DAY || span.end > DAY {
                return Err(format!(
                    "{day}: span {span} is outside the day (00:00–24:00)"
                ));
            }
            if span.end <= span.start {
                return Err(format!("{day}: span {span} must end after it starts"));
            }
        }
        for pair in spans.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if b.start < a.start {
                return Err(format!(
                    "{day}: spans out of order, {a} is listed before {b}"
                ));
            }
            if b.start < a.end {
                return Err(format!("{day}: spans {a} and {b} overlap"));
            }
        }
    }
    if def.week.iter().all(|d| d.is_empty()) {
        return Err("the week has no working time".into());
    }
    let mut holidays = HashSet::new();
    for h in &def.holidays {
        if !holidays.insert(h.date) {
            return Err(format!("{} is listed twice as a holiday", h.date));
        }
    }
    let mut workdays = HashSet::new();
    for w in &def.workdays {
        if !workdays.insert(w.date) {
            return Err(format!("{} is listed twice as a make-up day", w.date));
        }
        if holidays.contains(&w.date) {
            return Err(format!("{} is both a holiday and a make-up day", w.date));
        }
    }
    Ok(())
}

/// What kind of day a local date is, for the UI's month view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayKind {
    /// A day of the week with working spans.
    Working,
    /// A day of the week without working spans.
    Weekend,
    /// A listed holiday: no working time.
    Holiday { name: String },
    /// A listed make-up working day: Monday's hours.
    MakeUp { name: String },
}

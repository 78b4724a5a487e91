//! Business calendars: list, edit, delete, the month view, and holidays from iCalendar files.

use super::Workspace;
use crate::calendar::{ics, Calendar, CalendarDef, DayKind, DayNote};
use crate::store::{self, StoredCalendar};
use crate::{Error, Result};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// One day of a calendar's month view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CalendarDay {
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// `working`, `weekend`, `holiday` or `makeup`.
    pub kind: String,
    /// The holiday's or make-up day's name.
    pub name: String,
    /// Working hours that day, e.g. 8.0.
    pub hours: f64,
}

impl Workspace {
    pub fn calendars(&self) -> Result<Vec<StoredCalendar>> {
        store::list_calendars(&self.conn)
    }

    /// Creates (`id` None) or replaces a calendar; standards follow a rename.
    pub fn save_calendar(&mut self, id: Option<i64>, def: &CalendarDef) -> Result<StoredCalendar> {
        store::save_calendar(&mut self.conn, id, def)
    }

    pub fn delete_calendar(&self, id: i64) -> Result<()> {
        store::delete_calendar(&self.conn, id)
    }

    /// The days of one month of `def` (saved or being edited), for the month view.
    pub fn calendar_month(def: &CalendarDef, year: i32, month: u32) -> Result<Vec<CalendarDay>> {
        let cal = Calendar::compile(def)?;
        let first = NaiveDate::from_ymd_opt(year, month, 1)
            .ok_or_else(|| Error::Invalid(format!("no month {year}-{month}")))?;
        let mut out = Vec::new();
        let mut d = first;
        while d.month() == month {
            let (kind, name) = match cal.day_kind(d) {
                DayKind::Working => ("working", String::new()),
                DayKind::Weekend => ("weekend", String::new()),
                DayKind::Holiday { name } => ("holiday", name),
                DayKind::MakeUp { name } => ("makeup", name),
            };
            let hours = cal
                .day_spans(d)
                .iter()
                .map(|s| f64::from(s.end - s.start) / 3600.0)
                .sum();
            out.push(CalendarDay {
                date: d,
                kind: kind.into(),
                name,
                hours,
            });
            d = d.succ_opt().expect("date in range");
        }
        Ok(out)
    }

    /// Holidays read from an iCalendar (.ics) file, to merge into a calendar being edited.
    pub fn holidays_from_ics(path: &Path) -> Result<Vec<DayNote>> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        ics::holidays_from_ics(&text).map_err(|e| match e {
            Error::Import(m) => Error::Import(format!(
                "{}: {m}",
                path.file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default()
            )),
            e => e,
        })
    }
}

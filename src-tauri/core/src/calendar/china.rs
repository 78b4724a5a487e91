//! The built-in China calendar: Asia/Shanghai, Monday–Friday 09:00–12:00 and 13:00–18:00
//! (8 hours), with the State Council's public holidays and make-up working days (调休).
//!
//! The dates come from `data/china-holidays.csv`, extracted from the PyPI package
//! `chinese-calendar` 1.11.0 (MIT) by `data/extract_china_holidays.py`; the file's header
//! says how to regenerate it. Coverage: [`china_years`] (2004–2026 in 1.11.0); later years
//! have no holidays until the file is updated.
//!
//! Names: [`china_def`] names holidays and make-up days in Chinese (元旦, 春节, 清明节,
//! 劳动节, 端午节, 中秋节, 国庆节); [`china_def_in`] with [`Lang::En`] uses the source's
//! English names; [`china_days`] gives every entry with both. A make-up day carries the
//! name of the holiday it makes up for (e.g. 国庆节), its kind tells it apart.

use super::{CalendarDef, DayNote, Span};
use chrono::NaiveDate;
use std::ops::RangeInclusive;

/// The bundled data file (see the module docs).
pub const CHINA_HOLIDAYS_CSV: &str = include_str!("../../data/china-holidays.csv");

/// Name of the built-in calendar.
pub const CHINA: &str = "china";

/// Language of holiday names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

/// Whether a dated entry is a day off or a make-up working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChinaDayKind {
    Holiday,
    Workday,
}

/// One row of the bundled data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChinaDay {
    pub date: NaiveDate,
    pub kind: ChinaDayKind,
    pub name_en: String,
    pub name_zh: String,
}

/// Every row of the bundled data, in date order.
pub fn china_days() -> Vec<ChinaDay> {
    parse(CHINA_HOLIDAYS_CSV).expect("the bundled China holiday data is valid")
}

/// The years the bundled data covers.
pub fn china_years() -> RangeInclusive<i32> {
    use chrono::Datelike;
    let days = china_days();
    let first = days.first().map_or(0, |d| d.date.year());
    let last = days.last().map_or(0, |d| d.date.year());
    first..=last
}

/// The built-in China calendar, holiday names in Chinese.
pub fn china_def() -> CalendarDef {
    china_def_in(Lang::Zh)
}

/// The built-in China calendar with holiday names in `lang`.
pub fn china_def_in(lang: Lang) -> CalendarDef {
    let day = vec![Span::hm(9, 0, 12, 0), Span::hm(13, 0, 18, 0)];
    let mut week = vec![day; 5];
    week.extend([Vec::new(), Vec::new()]);
    let mut holidays = Vec::new();
    let mut workdays = Vec::new();
    for d in china_days() {
        let name = match lang {
            Lang::Zh => d.name_zh,
            Lang::En => d.name_en,
        };
        let note = DayNote::new(d.date, name);
        match d.kind {
            ChinaDayKind::Holiday => holidays.push(note),
            ChinaDayKind::Workday => workdays.push(note),
        }
    }
    CalendarDef {
        name: CHINA.into(),
        tz: "Asia/Shanghai".into(),
        week,
        holidays,
        workdays,
    }
}

fn parse(text: &str) -> Result<Vec<ChinaDay>, String> {
    let mut rows = Vec::new();
    let mut header = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !header {
            if line != "date,kind,name_en,name_zh" {
                return Err(format!("line {}: unexpected header {line:?}", i + 1));
            }
            header = true;
            continue;
        }
        let fields: Vec<&str> = line.split(',').collect();
        let [date, kind, en, zh] = fields[..] else {
            return Err(format!("line {}: expected 4 fields", i + 1));
        };
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map_err(|e| format!("line {}: bad date {date:?}: {e}", i + 1))?;
        let kind = match kind {
            "holiday" => ChinaDayKind::Holiday,
            "workday" => ChinaDayKind::Workday,
            other => return Err(format!("line {}: bad kind {other:?}", i + 1)),
        };
        rows.push(ChinaDay {
            date,
            kind,
            name_en: en.to_string(),
            name_zh: zh.to_string(),
        });
    }
    rows.sort_by_key(|d| d.date);
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_data_parses_and_is_valid() {
        let days = china_days();
        assert_eq!(days.len(), 771);
        let workdays = days
            .iter()
            .filter(|d| d.kind == ChinaDayKind::Workday)
            .count();
        assert_eq!(workdays, 150);
        assert_eq!(china_years(), 2004..=2026);
        china_def().validate().unwrap();
        china_def_in(Lang::En).validate().unwrap();
    }

    #[test]
    fn parse_reports_bad_lines() {
        assert_eq!(
            parse("date,kind,name_en,name_zh\n2026-13-01,holiday,a,b\n").unwrap_err(),
            "line 2: bad date \"2026-13-01\": input is out of range"
        );
        assert_eq!(
            parse("date,kind\n").unwrap_err(),
            "line 1: unexpected header \"date,kind\""
        );
        assert_eq!(
            parse("date,kind,name_en,name_zh\n2026-01-01,off,a,b\n").unwrap_err(),
            "line 2: bad kind \"off\""
        );
    }
}

//! Dates in exports: the field order (year-, day- or month-first) is decided once per file from
//! the values themselves, then every value is parsed by a fast hand-written reader for that order.
//!
//! Handles `YYYY-MM-DD HH:MM[:SS]`, `DD-MM-YYYY HH:MM`, `D/M/YYYY H:MM`, `MM/DD/YYYY h:mm AM`,
//! Jira's `dd/MMM/yy h:mm a` in English (`15/Mar/26 10:30 AM`) and Chinese (`15/三月/26 10:30 上午`),
//! ISO `2026-03-15T10:30:00+08:00` (the zone is dropped: times are local wall-clock).

use super::model::DateAssumption;
use chrono::{NaiveDate, NaiveDateTime};

/// The order of the date fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    Ymd,
    Dmy,
    Mdy,
}

impl DateOrder {
    pub fn id(self) -> &'static str {
        match self {
            DateOrder::Ymd => "YMD",
            DateOrder::Dmy => "DMY",
            DateOrder::Mdy => "MDY",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_uppercase().as_str() {
            "YMD" | "YYYY-MM-DD" => Some(DateOrder::Ymd),
            "DMY" | "DD-MM-YYYY" | "DD/MM/YYYY" => Some(DateOrder::Dmy),
            "MDY" | "MM-DD-YYYY" | "MM/DD/YYYY" => Some(DateOrder::Mdy),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Num(u32, usize),
    Word(&'a str),
}

/// Splits `29-02-2016 01:16` into numbers and words; separators are dropped.
fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::with_capacity(7);
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            let start = i;
            let mut v: u32 = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
                i += 1;
            }
            out.push(Tok::Num(v, i - start));
        } else if c.is_ascii_alphabetic() || c >= 0x80 {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphabetic() || b[i] >= 0x80) {
                i += 1;
            }
            out.push(Tok::Word(&s[start..i]));
        } else if (c == b'+' || c == b'Z') && i > 10 {
            break; // zone offset: times are kept as local wall-clock
        } else {
            i += 1;
        }
    }
    out
}

fn month_word(w: &str) -> Option<u32> {
    const EN: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    const ZH: [&str; 12] = [
        "一月",
        "二月",
        "三月",
        "四月",
        "五月",
        "六月",
        "七月",
        "八月",
        "九月",
        "十月",
        "十一月",
        "十二月",
    ];
    let lower = w.to_ascii_lowercase();
    if let Some(i) = EN.iter().position(|m| lower.starts_with(m)) {
        return Some(i as u32 + 1);
    }
    // Longest match first, so 十一月 is not read as 一月.
    (0..12).rev().find(|&i| w == ZH[i]).map(|i| i as u32 + 1)
}

/// Hour adjustment for AM/PM words: `Some(false)` AM, `Some(true)` PM.
fn meridiem(w: &str) -> Option<bool> {
    match w.to_ascii_lowercase().as_str() {
        "am" | "上午" | "早上" | "凌晨" => Some(false),
        "pm" | "下午" | "晚上" | "中午" => Some(true),
        _ => None,
    }
}

/// A date's parts before the order is applied: the three date fields (as written) and the time.
struct Parts {
    date: [(u32, usize); 3],
    month_name: Option<u32>,
    time: [u32; 3],
    pm: Option<bool>,
}

fn split(s: &str) -> Option<Parts> {
    let toks = tokens(super::row::trim(s));
    let mut nums: Vec<(u32, usize)> = Vec::with_capacity(6);
    let mut month_name = None;
    let mut pm = None;
    let mut date_slots = 0;
    for t in toks {
        match t {
            Tok::Num(v, w) => nums.push((v, w)),
            Tok::Word(w) => {
                if let Some(m) = month_word(w) {
                    month_name = Some(m);
                    date_slots = nums.len();
                } else if let Some(p) = meridiem(w) {
                    pm = Some(p);
                } else if w == "T" || w == "t" {
                } else {
                    return None;
                }
            }
        }
    }
    let mut date = [(0, 0); 3];
    let rest;
    if let Some(m) = month_name {
        // day/Mon/year: the month word sits between the day and the year.
        if date_slots != 1 || nums.len() < 2 {
            return None;
        }
        date[0] = nums[0];
        date[1] = (m, 2);
        date[2] = nums[1];
        rest = &nums[2..];
    } else {
        if nums.len() < 3 {
            return None;
        }
        date.copy_from_slice(&nums[..3]);
        rest = &nums[3..];
    }
    let mut time = [0u32; 3];
    for (i, (v, _)) in rest.iter().take(3).enumerate() {
        time[i] = *v;
    }
    Some(Parts {
        date,
        month_name,
        time,
        pm,
    })
}

/// `YYYY-MM-DD HH:MM:SS` (or with `T` or `/`), the layout of most exports, read by position.
fn parse_fixed(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() != 19
        || !matches!(b[10], b' ' | b'T')
        || b[4] != b[7]
        || !matches!(b[4], b'-' | b'/')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?.and_hms_opt(
        num(11..13)?,
        num(14..16)?,
        num(17..19)?,
    )
}

/// Parses one value in the given order. `None` if it is not a valid date-time in that order.
pub fn parse(s: &str, order: DateOrder) -> Option<NaiveDateTime> {
    if let Some(t) = parse_fixed(s) {
        return Some(t);
    }
    let p = split(s)?;
    let [a, b, c] = p.date;
    let (y, m, d) = if p.month_name.is_some() {
        (c, b, a)
    } else if a.1 == 4 {
        (a, b, c)
    } else {
        match order {
            DateOrder::Ymd | DateOrder::Dmy => (c, b, a),
            DateOrder::Mdy => (c, a, b),
        }
    };
    let year = if y.1 <= 2 {
        2000 + y.0 as i32
    } else {
        y.0 as i32
    };
    let [mut h, mi, sec] = p.time;
    match p.pm {
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    NaiveDate::from_ymd_opt(year, m.0, d.0)?.and_hms_opt(h, mi, sec)
}

/// Decides the order from every value seen in the file's date columns.
#[derive(Default)]
pub struct OrderEvidence {
    year_first: u64,
    month_named: u64,
    day_first: u64,
    month_first: u64,
    ambiguous: u64,
    day_first_example: Option<String>,
    month_first_example: Option<String>,
    sample: Option<String>,
}

impl OrderEvidence {
    pub fn observe(&mut self, s: &str) {
        let s = super::row::trim(s);
        if s.is_empty() || s == "?" {
            return;
        }
        // Fast path for the common `YYYY-MM-DD…` / `YYYY/MM/DD…`: year first, nothing to decide.
        let b = s.as_bytes();
        if b.len() > 5
            && b[..4].iter().all(u8::is_ascii_digit)
            && (b[4] == b'-' || b[4] == b'/')
            && b[5].is_ascii_digit()
        {
            self.year_first += 1;
            if self.sample.is_none() {
                self.sample = Some(s.to_string());
            }
            return;
        }
        let Some(p) = split(s) else { return };
        if self.sample.is_none() {
            self.sample = Some(s.to_string());
        }
        let [a, b, _] = p.date;
        if p.month_name.is_some() {
            self.month_named += 1;
        } else if a.1 == 4 {
            self.year_first += 1;
        } else if a.0 > 12 && b.0 <= 12 {
            self.day_first += 1;
            self.day_first_example.get_or_insert_with(|| s.to_string());
        } else if b.0 > 12 && a.0 <= 12 {
            self.month_first += 1;
            self.month_first_example
                .get_or_insert_with(|| s.to_string());
        } else {
            self.ambiguous += 1;
        }
    }

    /// The order to use, or an error naming two values that contradict each other.
    pub fn decide(&self) -> Result<(DateOrder, DateAssumption), String> {
        let sample = self.sample.clone().unwrap_or_default();
        let numeric = self.day_first + self.month_first + self.ambiguous;
        let (order, ambiguous, evidence) = if numeric == 0 {
            let why = if self.month_named > 0 {
                "month names"
            } else {
                "four-digit years first"
            };
            (
                DateOrder::Ymd,
                false,
                format!("values such as '{sample}' have {why}"),
            )
        } else if self.day_first > 0 && self.month_first > 0 {
            return Err(format!(
                "dates disagree: '{}' has a day above 12 first, '{}' has it second; choose a date format",
                self.day_first_example.clone().unwrap_or_default(),
                self.month_first_example.clone().unwrap_or_default()
            ));
        } else if self.day_first > 0 {
            let ex = self.day_first_example.clone().unwrap_or_default();
            (
                DateOrder::Dmy,
                false,
                format!("values such as '{ex}' have a day above 12 first"),
            )
        } else if self.month_first > 0 {
            let ex = self.month_first_example.clone().unwrap_or_default();
            (
                DateOrder::Mdy,
                false,
                format!("values such as '{ex}' have a day above 12 second"),
            )
        } else {
            (
                DateOrder::Dmy,
                true,
                format!("no value has a day above 12 (e.g. '{sample}'): day-first assumed, please check"),
            )
        };
        Ok((order, assumption(order, &sample, ambiguous, evidence)))
    }
}

/// Describes `order` the way the user reads dates, using the file's own separators.
pub fn assumption(
    order: DateOrder,
    sample: &str,
    ambiguous: bool,
    evidence: String,
) -> DateAssumption {
    let sep = sample
        .chars()
        .find(|c| *c == '-' || *c == '/' || *c == '.')
        .unwrap_or('-');
    let has_secs = sample.matches(':').count() >= 2;
    let named = split(sample).and_then(|p| p.month_name).is_some();
    let time = if has_secs { "HH:MM:SS" } else { "HH:MM" };
    let date = if named {
        format!("DD{sep}MMM{sep}YY")
    } else {
        match order {
            DateOrder::Ymd => format!("YYYY{sep}MM{sep}DD"),
            DateOrder::Dmy => format!("DD{sep}MM{sep}YYYY"),
            DateOrder::Mdy => format!("MM{sep}DD{sep}YYYY"),
        }
    };
    let alternatives = [DateOrder::Ymd, DateOrder::Dmy, DateOrder::Mdy]
        .iter()
        .filter(|o| **o != order)
        .map(|o| o.id().to_string())
        .collect();
    DateAssumption {
        pattern: order.id().to_string(),
        label: format!("{date} {time}"),
        ambiguous,
        evidence,
        alternatives,
    }
}

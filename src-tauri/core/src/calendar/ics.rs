//! Holidays from an iCalendar (.ics, RFC 5545) file, e.g. a government's bank-holiday feed.
//!
//! [`holidays_from_ics`] reads every `VEVENT` (at any depth) and turns it into holiday dates:
//! - all-day events (`DTSTART;VALUE=DATE:20251225`, or a bare 8-digit date): every date in
//!   `[DTSTART, DTEND)` (DTEND is exclusive; `DTEND == DTSTART` is taken as one day),
//!   else `[DTSTART, DTSTART + DURATION)`, else DTSTART alone;
//! - timed events: the local dates they cover, from DTSTART's date to DTEND's (a DTEND at
//!   exactly midnight does not cover that date). Times with `TZID` or without zone are
//!   taken as written on the wall clock; UTC times (`...Z`) are converted to the
//!   calendar's `X-WR-TIMEZONE` when it names a known zone, else taken in UTC;
//! - the name is `SUMMARY` ("Holiday" when absent); two events on one date give one
//!   [`DayNote`] whose name joins theirs with " / ";
//! - `STATUS:CANCELLED` events are skipped;
//! - `RRULE`: only `FREQ=YEARLY` on the start's month and day (`INTERVAL`, `COUNT`,
//!   `UNTIL`, `BYMONTH`/`BYMONTHDAY` equal to DTSTART's, `WKST` allowed), with `EXDATE`
//!   honoured; an open-ended rule is expanded up to the end of the calendar table
//!   ([`super::END_YEAR`]). Any other rule (e.g. `BYDAY=1MO`) and `RDATE` are refused
//!   with an error rather than read wrongly.
//!
//! The file structure, unfolding, parameters and text unescaping are parsed by the
//! `icalendar` crate. A first pass of ours over the raw lines checks the line syntax and
//! the BEGIN/END nesting so that errors name the line at fault (in the file as given,
//! folded lines counted); errors are [`crate::Error::Import`] messages such as
//! `iCalendar line 14 (event "Easter Monday"): DTSTART "20250431" is not a valid date`.

use super::{DayNote, END_YEAR};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use icalendar::parser::{read_calendar, unfold, Component, Property};
use std::collections::BTreeMap;

/// Longest event accepted, in days; longer ones are almost surely a mistake.
const MAX_DAYS: i64 = 366;

/// The holidays an iCalendar file lists, one [`DayNote`] per date, sorted by date (see the
/// module docs for the rules). Malformed input is an [`crate::Error::Import`] naming the
/// line.
pub fn holidays_from_ics(text: &str) -> crate::Result<Vec<DayNote>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (outline, logical_lines) = outline(text).map_err(crate::Error::Import)?;
    if outline.len() != 1 || !outline[0].name.eq_ignore_ascii_case("VCALENDAR") {
        return Err(crate::Error::Import(
            "iCalendar line 1: the file must be one BEGIN:VCALENDAR … END:VCALENDAR block".into(),
        ));
    }
    // Line ends normalised to LF (the crate trips on mixed ones); component names are
    // case-insensitive (RFC 5545 3.6), the crate's END matching is not.
    let unfolded: String = unfold(text)
        .replace("\r\n", "\n")
        .split_inclusive('\n')
        .map(|line| {
            let head = line.get(..6).unwrap_or(line).to_ascii_uppercase();
            if head.starts_with("BEGIN:") || head.starts_with("END:") {
                line.to_ascii_uppercase()
            } else {
                line.to_string()
            }
        })
        .collect();
    let unfolded = format!("{}\n", unfolded.trim_end_matches(['\r', '\n']));
    let parsed = read_calendar(&unfolded).map_err(|e| {
        // Our own pass accepted the lines and the nesting, so this is rare. The crate's
        // message names a line of the unfolded text: map it back to the file's.
        let line = e
            .split("at line ")
            .nth(1)
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| logical_lines.get(n.checked_sub(1)?).copied());
        crate::Error::Import(match line {
            Some(n) => format!("iCalendar line {n}: cannot be read"),
            None => "iCalendar: the file cannot be read".to_string(),
        })
    })?;

    // Zip the crate's component tree with our outline (same order) to know line numbers.
    let default_zone = parsed
        .properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case("X-WR-TIMEZONE"))
        .and_then(|p| p.val.as_str().trim().parse::<chrono_tz::Tz>().ok());
    let mut events = Vec::new();
    collect_events(&parsed.components, &outline[0].children, &mut events);

    let mut dates: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
    for (event, lines) in events {
        let ev = Event {
            component: event,
            lines,
            zone: default_zone,
        };
        if ev
            .value("STATUS")
            .is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED"))
        {
            continue;
        }
        let name = ev
            .value("SUMMARY")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "Holiday".to_string());
        for date in ev.dates(&name)? {
            let names = dates.entry(date).or_default();
            if !names.contains(&name) {
                names.push(name.clone());
            }
        }
    }
    Ok(dates
        .into_iter()
        .map(|(date, names)| DayNote::new(date, names.join(" / ")))
        .collect())
}

/// One component as our line pass sees it.
#[derive(Debug)]
struct Outline {
    name: String,
    begin: usize,
    /// Line number of each property, in order.
    props: Vec<usize>,
    children: Vec<Outline>,
}

/// Checks every logical line's syntax and the BEGIN/END nesting; returns the component
/// tree with line numbers (1-based, in `text` as given), and the file line number of each
/// logical (unfolded) line.
fn outline(text: &str) -> Result<(Vec<Outline>, Vec<usize>), String> {
    let mut roots: Vec<Outline> = Vec::new();
    let mut stack: Vec<Outline> = Vec::new();
    let mut logical: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.starts_with([' ', '\t']) {
            match logical.last_mut() {
                Some((_, line)) => line.push_str(&raw[1..]),
                None => {
                    return Err(format!(
                        "iCalendar line {}: starts with a continuation",
                        i + 1
                    ))
                }
            }
        } else {
            logical.push((i + 1, raw.to_string()));
        }
    }
    if logical.iter().all(|(_, l)| l.trim().is_empty()) {
        return Err("iCalendar: the file is empty".into());
    }
    let numbers = logical.iter().map(|(n, _)| *n).collect();
    for (n, line) in logical {
        if line.trim().is_empty() {
            continue;
        }
        let (name, has_params, value) =
            split_line(&line).map_err(|why| format!("iCalendar line {n}: {why}"))?;
        let is_begin = name.eq_ignore_ascii_case("BEGIN");
        if (is_begin || name.eq_ignore_ascii_case("END"))
            && (has_params
                || value.is_empty()
                || !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        {
            return Err(format!(
                "iCalendar line {n}: {} needs a component name, found {:?}",
                name.to_ascii_uppercase(),
                clip(value)
            ));
        }
        if is_begin {
            stack.push(Outline {
                name: value.trim().to_ascii_uppercase(),
                begin: n,
                props: Vec::new(),
                children: Vec::new(),
            });
        } else if name.eq_ignore_ascii_case("END") {
            let Some(open) = stack.pop() else {
                return Err(format!("iCalendar line {n}: END:{value} without a BEGIN"));
            };
            if !open.name.eq_ignore_ascii_case(value.trim()) {
                return Err(format!(
                    "iCalendar line {n}: END:{} does not close BEGIN:{} (line {})",
                    value.trim(),
                    open.name,
                    open.begin
                ));
            }
            match stack.last_mut() {
                Some(parent) => parent.children.push(open),
                None => roots.push(open),
            }
        } else {
            match stack.last_mut() {
                Some(open) => open.props.push(n),
                None => {
                    return Err(format!(
                        "iCalendar line {n}: {name} outside BEGIN:VCALENDAR … END:VCALENDAR"
                    ))
                }
            }
        }
    }
    if let Some(open) = stack.pop() {
        return Err(format!(
            "iCalendar: the file ends inside BEGIN:{} (line {}); END:{} is missing",
            open.name, open.begin, open.name
        ));
    }
    Ok((roots, numbers))
}

/// Splits a content line `NAME *(;KEY=VALUE *(,VALUE)) : VALUE` (RFC 5545 3.1) into its
/// name, whether it has parameters, and its value; `Err` says what is wrong with it.
fn split_line(line: &str) -> Result<(&str, bool, &str), String> {
    if let Some(c) = line.chars().find(|c| c.is_control() && *c != '\t') {
        return Err(format!("contains the control character {c:?}"));
    }
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let bad = || format!("expected NAME:VALUE, found {:?}", clip(line));
    let bad_param = || format!("bad parameter in {:?}", clip(line));
    let name_end = line.find(|c: char| !is_name(c)).unwrap_or(line.len());
    if name_end == 0 {
        return Err(bad());
    }
    let mut rest = &line[name_end..];
    let mut has_params = false;
    while let Some(param) = rest.strip_prefix(';') {
        has_params = true;
        let key_end = param.find(|c: char| !is_name(c)).unwrap_or(param.len());
        if key_end == 0 || !param[key_end..].starts_with('=') {
            return Err(bad_param());
        }
        let mut values = &param[key_end + 1..];
        loop {
            if let Some(quoted) = values.strip_prefix('"') {
                let close = quoted.find('"').ok_or_else(bad_param)?;
                values = &quoted[close + 1..];
            } else {
                let end = values.find(['"', ';', ':', ',']).unwrap_or(values.len());
                values = &values[end..];
                if values.starts_with('"') {
                    return Err(bad_param());
                }
            }
            match values.strip_prefix(',') {
                Some(next) => values = next,
                None => break,
            }
        }
        rest = values;
    }
    match rest.strip_prefix(':') {
        Some(value) => Ok((&line[..name_end], has_params, value)),
        None if has_params => Err(bad_param()),
        None => Err(bad()),
    }
}

fn clip(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Every VEVENT under `components`, with its outline, in document order.
fn collect_events<'c, 'o>(
    components: &'c [Component<'c>],
    outline: &'o [Outline],
    out: &mut Vec<(&'c Component<'c>, Option<&'o Outline>)>,
) {
    for (i, c) in components.iter().enumerate() {
        let o = outline
            .get(i)
            .filter(|o| o.name.eq_ignore_ascii_case(c.name.as_str()));
        if c.name.as_str().eq_ignore_ascii_case("VEVENT") {
            out.push((c, o));
        } else {
            collect_events(&c.components, o.map_or(&[], |o| &o.children), out);
        }
    }
}

struct Event<'c, 'o> {
    component: &'c Component<'c>,
    lines: Option<&'o Outline>,
    zone: Option<chrono_tz::Tz>,
}

/// A DTSTART/DTEND/EXDATE value.
#[derive(Debug, Clone, Copy, PartialEq)]
enum When {
    Date(NaiveDate),
    /// Wall-clock date and time (a UTC time already converted to the calendar's zone).
    Time(NaiveDateTime),
}

impl When {
    fn date(self) -> NaiveDate {
        match self {
            When::Date(d) => d,
            When::Time(t) => t.date(),
        }
    }
}

impl<'c> Event<'c, '_> {
    fn prop(&self, name: &str) -> Option<(usize, &'c Property<'c>)> {
        self.component
            .properties
            .iter()
            .enumerate()
            .find(|(_, p)| p.name.as_str().eq_ignore_ascii_case(name))
    }

    fn props(&self, name: &str) -> Vec<(usize, &'c Property<'c>)> {
        self.component
            .properties
            .iter()
            .enumerate()
            .filter(|(_, p)| p.name.as_str().eq_ignore_ascii_case(name))
            .collect()
    }

    fn value(&self, name: &str) -> Option<&'c str> {
        self.prop(name).map(|(_, p)| p.val.as_str())
    }

    /// "iCalendar line N (event "NAME"): " for property `index` (or the BEGIN line).
    fn at(&self, index: Option<usize>, name: &str) -> String {
        let line = self.lines.map(|o| {
            index
                .and_then(|i| o.props.get(i).copied())
                .unwrap_or(o.begin)
        });
        match line {
            Some(n) => format!("iCalendar line {n} (event {name:?}): "),
            None => format!("iCalendar (event {name:?}): "),
        }
    }

    fn err(&self, index: Option<usize>, name: &str, what: String) -> crate::Error {
        crate::Error::Import(format!("{}{what}", self.at(index, name)))
    }

    fn when(
        &self,
        index: usize,
        prop: &Property<'_>,
        name: &str,
        raw: &str,
    ) -> crate::Result<When> {
        let raw = raw.trim();
        let value_type = param(prop, "VALUE");
        let pname = prop.name.as_str().to_ascii_uppercase();
        let is_date = value_type.is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
            || (value_type.is_none() && raw.len() == 8);
        if is_date {
            return parse_date(raw).map(When::Date).ok_or_else(|| {
                self.err(
                    Some(index),
                    name,
                    format!("{pname} {raw:?} is not a valid date"),
                )
            });
        }
        let (body, utc) = match raw.strip_suffix(['Z', 'z']) {
            Some(b) => (b, true),
            None => (raw, false),
        };
        let t = parse_date_time(body).ok_or_else(|| {
            self.err(
                Some(index),
                name,
                format!("{pname} {raw:?} is not a valid date or date-time"),
            )
        })?;
        // With TZID, or floating: the wall-clock time as written.
        match (utc, self.zone) {
            (true, Some(zone)) => Ok(When::Time(t.and_utc().with_timezone(&zone).naive_local())),
            _ => Ok(When::Time(t)),
        }
    }

    /// The dates this event covers, including its yearly repeats.
    fn dates(&self, name: &str) -> crate::Result<Vec<NaiveDate>> {
        let (si, sp) = self
            .prop("DTSTART")
            .ok_or_else(|| self.err(None, name, "DTSTART is missing".into()))?;
        let start = self.when(si, sp, name, sp.val.as_str())?;
        let end = match self.prop("DTEND") {
            Some((ei, ep)) => {
                let end = self.when(ei, ep, name, ep.val.as_str())?;
                match (start, end) {
                    (When::Date(_), When::Time(_)) | (When::Time(_), When::Date(_)) => {
                        return Err(self.err(
                            Some(ei),
                            name,
                            "DTEND must be a date when DTSTART is a date, and a date-time when it is a date-time".into(),
                        ))
                    }
                    _ => {}
                }
                Some((ei, end))
            }
            None => match self.prop("DURATION") {
                Some((di, dp)) => {
                    let d = duration(dp.val.as_str()).ok_or_else(|| {
                        self.err(
                            Some(di),
                            name,
                            format!("DURATION {:?} is not a valid duration", dp.val.as_str()),
                        )
                    })?;
                    let end = match start {
                        When::Date(s) => s.checked_add_signed(d).map(When::Date),
                        When::Time(s) => s.checked_add_signed(d).map(When::Time),
                    };
                    let end = end.ok_or_else(|| {
                        self.err(
                            Some(di),
                            name,
                            format!("DURATION {:?} is too long", dp.val.as_str()),
                        )
                    })?;
                    Some((di, end))
                }
                None => None,
            },
        };
        // Offsets of the covered dates from the start date.
        let last = match (start, end) {
            (_, None) => 0,
            (When::Date(s), Some((i, When::Date(e)))) => {
                if e < s {
                    return Err(self.err(
                        Some(i),
                        name,
                        format!("ends ({e}) before it starts ({s})"),
                    ));
                }
                (e - s).num_days().max(1) - 1
            }
            (When::Time(s), Some((i, When::Time(e)))) => {
                if e < s {
                    return Err(self.err(
                        Some(i),
                        name,
                        format!("ends ({e}) before it starts ({s})"),
                    ));
                }
                let last_date = if e > s && e.time() == NaiveTime::MIN {
                    e.date() - Duration::days(1)
                } else {
                    e.date()
                };
                (last_date - s.date()).num_days()
            }
            _ => unreachable!("mixed kinds rejected above"),
        };
        if last >= MAX_DAYS {
            return Err(self.err(
                Some(si),
                name,
                format!("lasts {} days; at most {MAX_DAYS} are accepted", last + 1),
            ));
        }
        let first = start.date();
        let mut dates = Vec::new();
        for occurrence in self.occurrences(first, name)? {
            for k in 0..=last {
                dates.push(occurrence + Duration::days(k));
            }
        }
        Ok(dates)
    }

    /// Start dates of the event's occurrences: `first` alone, or its yearly repeats.
    fn occurrences(&self, first: NaiveDate, name: &str) -> crate::Result<Vec<NaiveDate>> {
        if let Some((ri, _)) = self.prop("RDATE") {
            return Err(self.err(Some(ri), name, "RDATE is not supported".into()));
        }
        let Some((ri, rp)) = self.prop("RRULE") else {
            return Ok(vec![first]);
        };
        let rule = rp.val.as_str().trim();
        let unsupported = |why: String| {
            self.err(
                Some(ri),
                name,
                format!("RRULE {rule:?} is not supported ({why}); only FREQ=YEARLY on the start's month and day is"),
            )
        };
        let mut interval = 1u32;
        let mut count: Option<u32> = None;
        let mut until: Option<NaiveDate> = None;
        let mut yearly = false;
        for part in rule.split(';').filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| unsupported(format!("{part:?} is not KEY=VALUE")))?;
            let number =
                || -> crate::Result<u32> {
                    value.parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| {
                        unsupported(format!("{key}={value} is not a positive number"))
                    })
                };
            match key.to_ascii_uppercase().as_str() {
                "FREQ" if value.eq_ignore_ascii_case("YEARLY") => yearly = true,
                "FREQ" => return Err(unsupported(format!("FREQ={value}"))),
                "INTERVAL" => interval = number()?,
                "COUNT" => count = Some(number()?),
                "UNTIL" => {
                    let date = value.get(..8).and_then(parse_date);
                    until = Some(
                        date.ok_or_else(|| unsupported(format!("UNTIL={value} is not a date")))?,
                    );
                }
                "BYMONTH" if value == first.month().to_string() => {}
                "BYMONTHDAY" if value == first.day().to_string() => {}
                "WKST" => {}
                _ => return Err(unsupported(format!("{key}={value}"))),
            }
        }
        if !yearly {
            return Err(unsupported("FREQ is missing".into()));
        }
        let mut excluded = Vec::new();
        for (xi, xp) in self.props("EXDATE") {
            for raw in xp.val.as_str().split(',') {
                excluded.push(self.when(xi, xp, name, raw)?.date());
            }
        }
        let mut out = Vec::new();
        let mut produced = 0u32;
        let mut year = first.year();
        while year < END_YEAR {
            if count.is_some_and(|c| produced >= c) {
                break;
            }
            // A 29 February start repeats only in leap years (RFC 5545: invalid dates are
            // skipped, and do not count).
            if let Some(date) = NaiveDate::from_ymd_opt(year, first.month(), first.day()) {
                if until.is_some_and(|u| date > u) {
                    break;
                }
                produced += 1;
                if !excluded.contains(&date) {
                    out.push(date);
                }
            }
            year = year.saturating_add(i32::try_from(interval).unwrap_or(i32::MAX));
        }
        Ok(out)
    }
}

/// `YYYYMMDD`, exactly 8 digits (chrono alone would take `2025013` as 2025-01-03).
fn parse_date(s: &str) -> Option<NaiveDate> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y%m%d").ok()
}

/// `YYYYMMDDTHHMMSS`, exactly.
fn parse_date_time(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    let shape =
        b.len() == 15 && b[8] == b'T' && b[..8].iter().chain(&b[9..]).all(|c| c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%S").ok()
}

fn param<'p>(prop: &'p Property<'_>, key: &str) -> Option<&'p str> {
    prop.params
        .iter()
        .find(|p| p.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|p| p.val.as_ref())
        .map(|v| v.as_str().trim_matches('"'))
}

/// An RFC 5545 duration such as `P1D`, `P2W`, `PT36H` or `P1DT12H`; negative ones are
/// refused.
fn duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let s = s.strip_prefix('+').unwrap_or(s);
    let mut rest = s.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut in_time = false;
    let mut seen = false;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('T') {
            if in_time {
                return None;
            }
            in_time = true;
            rest = r;
            continue;
        }
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits == 0 || digits == rest.len() {
            return None;
        }
        let n: i64 = rest[..digits].parse().ok()?;
        let unit = rest[digits..].chars().next()?;
        let part = match (in_time, unit) {
            (false, 'W') => Duration::try_weeks(n),
            (false, 'D') => Duration::try_days(n),
            (true, 'H') => Duration::try_hours(n),
            (true, 'M') => Duration::try_minutes(n),
            (true, 'S') => Duration::try_seconds(n),
            _ => return None,
        };
        total = total.checked_add(&part?)?;
        seen = true;
        rest = &rest[digits + 1..];
    }
    seen.then_some(total)
}

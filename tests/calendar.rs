//! Business calendars: elapsed business time, deadlines and pauses to the second, China's
//! holidays and make-up days, DST in London, time-zone conversion, validation, iCalendar
//! import, and properties that must hold for any instants.
//!
//! Expected figures are worked out by hand in the comments; times are local to the case's
//! calendar unless written with a trailing `Z` (UTC).

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use sqm_core::calendar::china::{china_days, china_def, china_def_in, china_years, Lang};
use sqm_core::calendar::ics::holidays_from_ics;
use sqm_core::calendar::{
    business_elapsed, Calendar, CalendarDef, DayKind, DayNote, LocalZone, Span, NEVER,
};
use sqm_core::Error;
use std::collections::HashMap;
use std::sync::OnceLock;

/// (local time, local time) or (date, name) pairs in the tables.
type Pairs = &'static [(&'static str, &'static str)];
/// iCalendar events, each as its content lines.
type Events = &'static [&'static [&'static str]];

const H: i64 = 3_600;
const M: i64 = 60;

const UK_ICS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/uk-bank-holidays-2025-2026.ics"
));
const MALFORMED_ICS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/malformed.ics"
));

// ---------------------------------------------------------------------------------------
// Helpers and the calendars under test
// ---------------------------------------------------------------------------------------

/// Naive seconds of "YYYY-MM-DD HH:MM[:SS]" (the wall-clock reading as if it were UTC).
fn naive(s: &str) -> i64 {
    let s = s.trim_end_matches('Z');
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .unwrap_or_else(|e| panic!("bad test time {s}: {e}"))
        .and_utc()
        .timestamp()
}

/// The instant "YYYY-MM-DD HH:MM[:SS]Z" in UTC.
fn utc(s: &str) -> i64 {
    assert!(s.ends_with('Z'), "UTC times end with Z: {s}");
    naive(s)
}

/// The instant at which `cal`'s wall clock shows `s`.
fn at(cal: &Calendar, s: &str) -> i64 {
    cal.zone().to_utc(naive(s))
}

/// `cal`'s wall-clock reading at instant `t`, as "YYYY-MM-DD HH:MM:SS".
fn show(cal: &Calendar, t: i64) -> String {
    if t == NEVER {
        return "NEVER".into();
    }
    chrono::DateTime::from_timestamp(cal.zone().to_local(t), 0)
        .unwrap()
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn week(days: [&[(u32, u32, u32, u32)]; 7]) -> Vec<Vec<Span>> {
    days.iter()
        .map(|d| {
            d.iter()
                .map(|&(h1, m1, h2, m2)| Span::hm(h1, m1, h2, m2))
                .collect()
        })
        .collect()
}

fn def(name: &str, tz: &str, week: Vec<Vec<Span>>, holidays: &[(&str, &str)]) -> CalendarDef {
    CalendarDef {
        name: name.into(),
        tz: tz.into(),
        week,
        holidays: holidays
            .iter()
            .map(|(d, n)| DayNote::new(date(d), *n))
            .collect(),
        workdays: Vec::new(),
    }
}

fn weekdays(spans: &[(u32, u32, u32, u32)]) -> Vec<Vec<Span>> {
    week([spans, spans, spans, spans, spans, &[], &[]])
}

/// London office: Europe/London, Monday–Friday 09:00–17:30, UK bank holidays from the
/// iCalendar fixture.
fn london_office_def() -> CalendarDef {
    CalendarDef {
        holidays: holidays_from_ics(UK_ICS).unwrap(),
        ..def(
            "london-office",
            "Europe/London",
            weekdays(&[(9, 0, 17, 30)]),
            &[],
        )
    }
}

/// Split days across midnight, in New York: long weekdays with breaks, a Friday late shift
/// running into Saturday, US holidays and one make-up Sunday.
fn split_def() -> CalendarDef {
    let long: &[(u32, u32, u32, u32)] = &[(8, 0, 12, 0), (13, 0, 17, 0), (18, 0, 20, 0)];
    let short: &[(u32, u32, u32, u32)] = &[(8, 0, 12, 0), (13, 0, 17, 0)];
    let friday: &[(u32, u32, u32, u32)] = &[(8, 0, 12, 0), (13, 0, 17, 0), (22, 0, 24, 0)];
    let saturday: &[(u32, u32, u32, u32)] = &[(0, 0, 2, 0), (10, 0, 14, 0)];
    CalendarDef {
        workdays: vec![DayNote::new(date("2025-11-30"), "make-up for Thanksgiving")],
        ..def(
            "split",
            "America/New_York",
            week([long, long, short, long, friday, saturday, &[]]),
            &[
                ("2025-07-04", "Independence Day"),
                ("2025-11-27", "Thanksgiving"),
                ("2025-12-25", "Christmas Day"),
                ("2026-01-01", "New Year's Day"),
            ],
        )
    }
}

/// Every calendar the tables use, compiled once.
fn cal(name: &str) -> &'static Calendar {
    static CALS: OnceLock<HashMap<&'static str, Calendar>> = OnceLock::new();
    let cals = CALS.get_or_init(|| {
        let round = || vec![vec![Span::whole_day()]; 7];
        let sunday = |s: Span| {
            let mut w = vec![Vec::new(); 7];
            w[6] = vec![s];
            w
        };
        let defs = [
            ("china", china_def()),
            ("london-office", london_office_def()),
            ("split", split_def()),
            // 24×7 in London: the fast path (no holidays) and the table (one holiday).
            (
                "london-24x7",
                def("london-24x7", "Europe/London", round(), &[]),
            ),
            (
                "london-24x7-table",
                def(
                    "london-24x7-table",
                    "Europe/London",
                    round(),
                    &[("2025-12-25", "Christmas Day")],
                ),
            ),
            // Sunday 01:30–03:00 in London: starts in the March gap and in the October
            // overlap.
            (
                "london-sunday-night",
                def(
                    "london-sunday-night",
                    "Europe/London",
                    sunday(Span::hm(1, 30, 3, 0)),
                    &[],
                ),
            ),
            // Sunday 01:10–01:50 in London: entirely inside the March gap.
            (
                "london-sunday-gap",
                def(
                    "london-sunday-gap",
                    "Europe/London",
                    sunday(Span::hm(1, 10, 1, 50)),
                    &[],
                ),
            ),
            // Shanghai 09:00–18:00 without a lunch break, Good Friday 2025 off.
            (
                "office-9-18",
                def(
                    "office-9-18",
                    "Asia/Shanghai",
                    weekdays(&[(9, 0, 18, 0)]),
                    &[("2025-04-18", "Good Friday")],
                ),
            ),
        ];
        defs.into_iter()
            .map(|(n, d)| (n, Calendar::compile(&d).unwrap()))
            .collect()
    });
    cals.get(name)
        .unwrap_or_else(|| panic!("no calendar {name}"))
}

// ---------------------------------------------------------------------------------------
// Elapsed business time
// ---------------------------------------------------------------------------------------

struct Elapsed {
    cal: &'static str,
    from: &'static str,
    to: &'static str,
    secs: i64,
    why: &'static str,
}

const fn e(
    cal: &'static str,
    from: &'static str,
    to: &'static str,
    secs: i64,
    why: &'static str,
) -> Elapsed {
    Elapsed {
        cal,
        from,
        to,
        secs,
        why,
    }
}

#[rustfmt::skip]
const ELAPSED: &[Elapsed] = &[
    // China, Golden Week 2025: holidays Wed 10-01 … Wed 10-08; make-up days Sun 09-28
    // and Sat 10-11 (Monday's hours 09–12, 13–18).
    e("china", "2025-09-30 20:00", "2025-10-09 10:30", H + 30 * M,
      "opened the evening before Golden Week, resolved after: only Thu 10-09 09:00–10:30"),
    e("china", "2025-09-28 10:00", "2025-09-29 10:00", 8 * H,
      "opened on the make-up Sunday: 10–12 + 13–18 = 7 h, then Monday 09–10"),
    e("china", "2025-09-30 17:00", "2025-10-11 12:00", 20 * H,
      "Tue 17–18 (1 h) + Thu 10-09 (8 h) + Fri 10-10 (8 h) + make-up Sat 09–12 (3 h)"),
    e("china", "2025-10-02 09:00", "2025-10-03 18:00", 0, "inside the holiday"),
    e("china", "2025-10-04 00:00", "2025-10-05 00:00", 0, "a holiday Saturday"),
    e("china", "2025-10-11 00:00", "2025-10-12 00:00", 8 * H, "the make-up Saturday, whole day"),
    e("china", "2025-10-12 00:00", "2025-10-13 00:00", 0, "the Sunday after it: an ordinary weekend day"),
    // China, National Day + Mid-Autumn 2023: holidays Fri 09-29 … Fri 10-06, make-up
    // Sat 10-07 and Sun 10-08.
    e("china", "2023-09-28 15:00", "2023-10-09 11:00", 21 * H,
      "Thu 15–18 (3 h) + make-up Sat (8 h) + make-up Sun (8 h) + Mon 09–11 (2 h)"),
    e("china", "2023-09-29 10:00", "2023-10-06 17:00", 0, "Mid-Autumn through National Day"),
    // China, 2026: Mid-Autumn Fri 09-25 … Sun 09-27, National Day Thu 10-01 … Wed 10-07,
    // make-up Sun 09-20 and Sat 10-10.
    e("china", "2026-09-30 19:00", "2026-10-08 09:30", 30 * M, "2026 Golden Week"),
    e("china", "2026-09-24 17:30", "2026-09-28 09:15", 45 * M, "2026 Mid-Autumn, Thu 17:30 to Mon"),
    e("china", "2026-09-19 12:00", "2026-09-21 09:00", 8 * H, "make-up Sunday 09-20, whole day"),
    // China, Dragon Boat 2025: Sat 05-31 … Mon 06-02.
    e("china", "2025-05-30 17:30", "2025-06-03 09:30", H, "Fri 17:30–18 + Tue 09–09:30"),
    // China, ordinary weekdays (Tue 2025-06-03 … Mon 06-09).
    e("china", "2025-06-03 09:15", "2025-06-03 11:45", 2 * H + 30 * M, "inside one span"),
    e("china", "2025-06-03 07:00", "2025-06-03 20:00", 8 * H, "start and end outside working hours"),
    e("china", "2025-06-03 11:00", "2025-06-03 14:00", 2 * H, "across the lunch break"),
    e("china", "2025-06-03 12:10", "2025-06-03 12:50", 0, "inside the lunch break"),
    e("china", "2025-06-03 11:59:59", "2025-06-03 13:00:01", 2, "one second either side of lunch"),
    e("china", "2025-06-03 17:00", "2025-06-04 10:00", 2 * H, "across midnight"),
    e("china", "2025-06-06 16:00", "2025-06-09 10:00", 3 * H, "across a weekend"),
    e("china", "2025-06-03 10:00", "2025-06-03 10:00", 0, "empty interval"),
    e("china", "2025-06-03 11:00", "2025-06-03 10:00", 0, "reversed interval"),
    e("china", "2025-06-02 00:00", "2025-06-09 00:00", 4 * 8 * H, "a week with the Dragon Boat Monday off"),
    // London office 09:00–17:30, across the DST weekends and the bank holidays.
    e("london-office", "2025-03-28 16:00", "2025-03-31 10:00", 2 * H + 30 * M,
      "Fri 16–17:30 GMT + Mon 09–10 BST: the lost hour is on Sunday"),
    e("london-office", "2025-10-24 17:00", "2025-10-27 09:30", H,
      "Fri 17–17:30 BST + Mon 09–09:30 GMT"),
    e("london-office", "2025-03-31 08:00", "2025-03-31 18:00", 8 * H + 30 * M, "the first BST Monday"),
    e("london-office", "2025-04-17 17:00", "2025-04-22 09:30", H,
      "Easter: Thu 17–17:30, Good Friday and Easter Monday off, Tue 09–09:30"),
    e("london-office", "2025-05-05 10:00", "2025-05-05 15:00", 0, "Early May bank holiday"),
    e("london-office", "2026-12-24 17:00", "2026-12-29 09:30", H,
      "Christmas 2026: Thu 17–17:30, Fri 25th and Mon 28th (substitute Boxing Day) off, Tue 09–09:30"),
    // London round the clock: the DST days are 23 h and 25 h long.
    e("london-24x7", "2025-03-30 00:00", "2025-03-31 00:00", 23 * H, "spring-forward Sunday"),
    e("london-24x7", "2025-10-26 00:00", "2025-10-27 00:00", 25 * H, "fall-back Sunday"),
    e("london-24x7", "2025-03-29 12:00", "2025-03-30 12:00", 23 * H, "noon to noon over the change"),
    e("london-24x7", "2025-03-24 00:00", "2025-03-31 00:00", 167 * H, "the week of the change"),
    e("london-24x7", "2025-10-26 00:30", "2025-10-26 02:30", 3 * H, "01:xx happens twice"),
    e("london-24x7-table", "2025-03-30 00:00", "2025-03-31 00:00", 23 * H, "spring-forward Sunday, table"),
    e("london-24x7-table", "2025-10-26 00:00", "2025-10-27 00:00", 25 * H, "fall-back Sunday, table"),
    e("london-24x7-table", "2025-03-24 00:00", "2025-03-31 00:00", 167 * H, "the week of the change, table"),
    e("london-24x7-table", "2025-12-24 12:00", "2025-12-26 12:00", 24 * H, "12 h + Christmas Day off + 12 h"),
    // Spans whose boundaries fall in the DST gap or overlap.
    e("london-sunday-night", "2025-03-30 00:00", "2025-03-31 00:00", H,
      "01:30 is in the gap: from 02:00 BST (first instant after it) to 03:00 BST"),
    e("london-sunday-night", "2025-10-26 00:00", "2025-10-27 00:00", 2 * H + 30 * M,
      "01:30 happens twice: from the earlier (00:30Z) to 03:00 GMT"),
    e("london-sunday-night", "2025-06-01 00:00", "2025-06-02 00:00", H + 30 * M, "an ordinary Sunday"),
    e("london-sunday-gap", "2025-03-30 00:00", "2025-03-31 00:00", 0, "the whole span is in the gap"),
    e("london-sunday-gap", "2025-04-06 00:00", "2025-04-07 00:00", 40 * M, "the next Sunday"),
    // Split days in New York.
    e("split", "2025-06-06 21:00", "2025-06-07 11:00", 5 * H,
      "Fri 22–24 + Sat 00–02 (one interval across midnight) + Sat 10–11"),
    e("split", "2025-06-02 07:00", "2025-06-02 21:00", 10 * H, "a long Monday: 4 + 4 + 2"),
    e("split", "2025-06-04 07:00", "2025-06-04 21:00", 8 * H, "a short Wednesday"),
    e("split", "2025-06-02 12:30", "2025-06-02 17:30", 4 * H, "from one break into the next"),
    e("split", "2025-07-03 19:00", "2025-07-07 08:30", 7 * H + 30 * M,
      "Thu 19–20 + Independence Day off (so no Friday late shift) + Sat 00–02, 10–14 + Mon 08–08:30"),
    e("split", "2025-11-30 00:00", "2025-12-01 00:00", 10 * H, "make-up Sunday: Monday's 10 h"),
    e("split", "2025-11-01 00:00", "2025-11-03 00:00", 6 * H, "the fall-back weekend: Sat 2 + 4 h, Sunday off"),
];

#[test]
fn elapsed_business_time_to_the_second() {
    let mut failures = Vec::new();
    for c in ELAPSED {
        let cal = cal(c.cal);
        let (from, to) = (at(cal, c.from), at(cal, c.to));
        let got = cal.elapsed(from, to);
        if got != c.secs {
            failures.push(format!(
                "{} {} → {}: got {got} s, expected {} s ({})",
                c.cal, c.from, c.to, c.secs, c.why
            ));
        }
        assert_eq!(business_elapsed(cal, from, to), got);
        assert_eq!(cal.elapsed_excluding(from, to, &[]), got);
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------

struct Deadline {
    cal: &'static str,
    from: &'static str,
    secs: i64,
    due: &'static str,
    why: &'static str,
}

const fn d(
    cal: &'static str,
    from: &'static str,
    secs: i64,
    due: &'static str,
    why: &'static str,
) -> Deadline {
    Deadline {
        cal,
        from,
        secs,
        due,
        why,
    }
}

#[rustfmt::skip]
const DEADLINES: &[Deadline] = &[
    d("office-9-18", "2025-04-17 17:00", 8 * H, "2025-04-21 16:00:00",
      "Thu 17–18 (1 h), Good Friday off, weekend, Mon 09–16 (7 h)"),
    d("china", "2025-09-30 17:00", 8 * H, "2025-10-09 17:00:00",
      "Tue 17–18, Golden Week off, Thu 09–12 + 13–17"),
    d("china", "2025-09-28 08:00", 8 * H, "2025-09-28 18:00:00",
      "a full make-up Sunday ends at 18:00, not the next morning"),
    d("china", "2025-06-03 09:00", 3 * H, "2025-06-03 12:00:00", "lands on the start of lunch"),
    d("china", "2025-06-03 12:30", H, "2025-06-03 14:00:00", "from inside lunch"),
    d("china", "2025-06-03 17:59:59", 1, "2025-06-03 18:00:00", "the last second of the day"),
    d("china", "2025-06-03 18:00", 1, "2025-06-04 09:00:01", "the first second of the next day"),
    d("china", "2025-06-03 10:00", 0, "2025-06-03 10:00:00", "zero: the start itself"),
    d("china", "2025-06-03 20:00", 0, "2025-06-03 20:00:00", "zero outside hours: the start itself"),
    d("china", "2026-09-30 10:00", 24 * H, "2026-10-10 10:00:00",
      "Wed 10–12, 13–18 (7 h), National Day off, Thu 10-08 and Fri 10-09 (16 h), make-up Sat 09–10"),
    d("london-office", "2025-03-28 17:00", 2 * H, "2025-03-31 10:30:00",
      "Fri 17–17:30 GMT, Mon 09–10:30 BST"),
    d("london-office", "2025-10-24 17:00", H, "2025-10-27 09:30:00", "Fri 17–17:30 BST, Mon 09–09:30 GMT"),
    d("london-24x7", "2025-03-30 00:00", 24 * H, "2025-03-31 01:00:00", "a 23-hour day"),
    d("london-24x7", "2025-10-26 00:00", 24 * H, "2025-10-26 23:00:00", "a 25-hour day"),
    d("london-24x7-table", "2025-03-30 00:00", 24 * H, "2025-03-31 01:00:00", "a 23-hour day, table"),
    d("london-24x7-table", "2025-10-26 00:00", 24 * H, "2025-10-26 23:00:00", "a 25-hour day, table"),
    d("london-24x7-table", "2025-12-24 18:00", 12 * H, "2025-12-26 06:00:00", "over Christmas Day"),
    d("split", "2025-06-06 23:00", 3 * H, "2025-06-07 02:00:00", "Fri 23–24, Sat 00–02: ends with the span"),
    d("split", "2025-06-06 23:00", 3 * H + 1, "2025-06-07 10:00:01", "one second more: Saturday's second span"),
];

#[test]
fn deadlines_are_the_earliest_instant_with_that_much_business_time() {
    let mut failures = Vec::new();
    for c in DEADLINES {
        let cal = cal(c.cal);
        let from = at(cal, c.from);
        let due = cal.add(from, c.secs);
        if show(cal, due) != c.due {
            failures.push(format!(
                "{} {} + {} s: got {}, expected {} ({})",
                c.cal,
                c.from,
                c.secs,
                show(cal, due),
                c.due,
                c.why
            ));
        }
        assert_eq!(cal.add_excluding(from, c.secs, &[]), due);
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn deadlines_across_dst_are_the_right_instants() {
    // Monday 10:30 BST is 09:30 UTC; Monday 09:30 GMT is 09:30 UTC.
    let london = cal("london-office");
    assert_eq!(
        london.add(at(london, "2025-03-28 17:00"), 2 * H),
        utc("2025-03-31 09:30Z")
    );
    assert_eq!(
        london.add(at(london, "2025-10-24 17:00"), H),
        utc("2025-10-27 09:30Z")
    );
    assert_eq!(at(london, "2025-03-28 17:00"), utc("2025-03-28 17:00Z"));
    assert_eq!(at(london, "2025-10-24 17:00"), utc("2025-10-24 16:00Z"));
}

#[test]
fn deadlines_past_the_table_are_never() {
    let china = cal("china");
    let late = at(china, "2060-12-29 09:00");
    assert_eq!(china.add(late, 1_000 * H), NEVER);
    assert_eq!(
        china.add_excluding(late, 1_000 * H, &[(late, late + H)]),
        NEVER
    );
    // Business time stops at the end of the table; the 24×7 fast path has no end.
    let end = china.range().1;
    assert_eq!(end, utc("2060-12-31 16:00Z"));
    assert_eq!(china.elapsed(end, end + 1_000 * 86_400), 0);
    let round = Calendar::compile(&CalendarDef::twenty_four_seven()).unwrap();
    assert_eq!(round.add(end, 1_000 * H), end + 1_000 * H);
    assert_eq!(round.elapsed(end, end + 86_400), 86_400);
    // Before the table there is no business time either.
    assert_eq!(china.elapsed(0, at(china, "1990-01-01 00:00")), 0);
    assert_eq!(china.cum(0), 0);
}

// ---------------------------------------------------------------------------------------
// Pauses
// ---------------------------------------------------------------------------------------

#[test]
fn elapsed_excluding_pauses() {
    let china = cal("china");
    let t = |s| at(china, s);
    // Tue 06-03 09:00 → Thu 06-05 18:00 is 3 × 8 h.
    let (from, to) = (t("2025-06-03 09:00"), t("2025-06-05 18:00"));
    assert_eq!(china.elapsed(from, to), 24 * H);
    #[rustfmt::skip]
    let cases: &[(Pairs, i64, &str)] = &[
        (&[("2025-06-03 10:00", "2025-06-03 14:00")], 21 * H,
         "one pause: 10–12 + 13–14 = 3 h"),
        (&[("2025-06-03 10:00", "2025-06-03 14:00"), ("2025-06-03 11:00", "2025-06-03 16:00")], 19 * H,
         "overlapping pauses count once: 10–16 = 5 h"),
        (&[("2025-06-03 11:00", "2025-06-03 16:00"), ("2025-06-03 10:00", "2025-06-03 14:00")], 19 * H,
         "in any order"),
        (&[("2025-06-05 17:00", "2025-06-09 12:00")], 23 * H,
         "a pause past `to` counts up to `to` only: Thu 17–18"),
        (&[("2025-06-02 09:00", "2025-06-03 10:00")], 23 * H,
         "a pause starting before `from` counts from `from`: 09–10"),
        (&[("2025-06-03 19:00", "2025-06-04 08:00")], 24 * H,
         "a pause entirely outside working hours changes nothing"),
        (&[("2025-06-03 12:00", "2025-06-03 13:00"), ("2025-06-04 12:00", "2025-06-04 13:00")], 24 * H,
         "pauses over lunch change nothing"),
        (&[("2025-06-04 10:00", "2025-06-04 09:00")], 24 * H, "a reversed pause is ignored"),
        (&[("2025-06-01 00:00", "2025-06-30 00:00")], 0, "paused throughout: zero, not negative"),
        (&[("2025-06-03 10:00", "2025-06-03 11:00"), ("2025-06-03 11:00", "2025-06-03 12:00")], 22 * H,
         "touching pauses"),
    ];
    for (pauses, expected, why) in cases {
        let pauses: Vec<(i64, i64)> = pauses.iter().map(|(a, b)| (t(a), t(b))).collect();
        assert_eq!(
            china.elapsed_excluding(from, to, &pauses),
            *expected,
            "{why}"
        );
    }
}

#[test]
fn deadlines_excluding_pauses() {
    let china = cal("china");
    let t = |s| at(china, s);
    #[rustfmt::skip]
    let cases: &[(&str, i64, Pairs, &str, &str)] = &[
        ("2025-06-03 09:00", 8 * H, &[("2025-06-03 10:00", "2025-06-03 14:00")], "2025-06-04 12:00:00",
         "09–10, paused to 14:00, 14–18, Wed 09–12"),
        ("2025-06-03 09:00", 8 * H,
         &[("2025-06-03 10:00", "2025-06-03 14:00"), ("2025-06-03 11:00", "2025-06-03 16:00")],
         "2025-06-04 15:00:00", "overlapping pauses: 09–10, 16–18, Wed 09–12, 13–15"),
        ("2025-06-03 17:00", 2 * H, &[("2025-06-03 19:00", "2025-06-04 08:00")], "2025-06-04 10:00:00",
         "a pause outside working hours changes nothing"),
        ("2025-06-03 09:00", H, &[("2025-06-03 10:00", "2025-06-03 11:00")], "2025-06-03 10:00:00",
         "due the instant the pause starts"),
        ("2025-06-03 09:00", H, &[("2025-06-02 00:00", "2025-06-03 09:30")], "2025-06-03 10:30:00",
         "a pause that began before the ticket"),
        ("2025-06-03 09:00", H, &[("2025-06-03 10:00", "2025-06-03 09:00")], "2025-06-03 10:00:00",
         "a reversed pause is ignored"),
        ("2025-09-30 17:00", 2 * H, &[("2025-09-30 17:30", "2025-10-09 10:00")], "2025-10-09 11:30:00",
         "paused into Golden Week and after it"),
        ("2025-06-03 09:00", 0, &[("2025-06-03 08:00", "2025-06-03 12:00")], "2025-06-03 09:00:00",
         "zero: the start itself"),
    ];
    for (from, secs, pauses, due, why) in cases {
        let pauses: Vec<(i64, i64)> = pauses.iter().map(|(a, b)| (t(a), t(b))).collect();
        let got = china.add_excluding(t(from), *secs, &pauses);
        assert_eq!(show(china, got), *due, "{why}");
        if *secs > 0 {
            assert_eq!(
                china.elapsed_excluding(t(from), got, &pauses),
                *secs,
                "{why}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Days, China data
// ---------------------------------------------------------------------------------------

#[test]
fn china_2026_make_up_days() {
    let china = cal("china");
    let make_up: Vec<String> = date("2026-01-01")
        .iter_days()
        .take_while(|d| *d < date("2027-01-01"))
        .filter(|d| matches!(china.day_kind(*d), DayKind::MakeUp { .. }))
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        make_up,
        [
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10"
        ]
    );
}

#[test]
fn china_day_kinds_and_spans() {
    let china = cal("china");
    let office = vec![Span::hm(9, 0, 12, 0), Span::hm(13, 0, 18, 0)];
    #[rustfmt::skip]
    let cases: &[(&str, DayKind, bool)] = &[
        ("2025-10-01", DayKind::Holiday { name: "国庆节".into() }, false),
        ("2025-10-06", DayKind::Holiday { name: "中秋节".into() }, false),
        ("2025-10-04", DayKind::Holiday { name: "国庆节".into() }, false),
        ("2025-09-28", DayKind::MakeUp { name: "国庆节".into() }, true),
        ("2025-10-11", DayKind::MakeUp { name: "国庆节".into() }, true),
        ("2026-02-17", DayKind::Holiday { name: "春节".into() }, false),
        ("2026-04-05", DayKind::Holiday { name: "清明节".into() }, false),
        ("2026-05-01", DayKind::Holiday { name: "劳动节".into() }, false),
        ("2026-06-19", DayKind::Holiday { name: "端午节".into() }, false),
        ("2026-01-01", DayKind::Holiday { name: "元旦".into() }, false),
        ("2025-10-09", DayKind::Working, true),
        ("2025-10-12", DayKind::Weekend, false),
        ("2025-06-07", DayKind::Weekend, false),
    ];
    for (day, kind, works) in cases {
        assert_eq!(china.day_kind(date(day)), *kind, "{day}");
        let expected = if *works { office.clone() } else { Vec::new() };
        assert_eq!(china.day_spans(date(day)), expected, "{day}");
    }
    assert!(!china.is_24x7());
    assert_eq!(china.def().name, "china");
    assert_eq!(china.def().tz, "Asia/Shanghai");
    assert_eq!(
        china.local_date(utc("2025-09-30 16:00Z")),
        date("2025-10-01")
    );
}

#[test]
fn china_data_in_both_languages() {
    assert_eq!(china_years(), 2004..=2026);
    let en = china_def_in(Lang::En);
    let zh = china_def();
    assert_eq!(en.holidays.len(), zh.holidays.len());
    assert_eq!(en.workdays.len(), zh.workdays.len());
    let name = |def: &CalendarDef, d: &str| {
        def.holidays
            .iter()
            .chain(&def.workdays)
            .find(|n| n.date == date(d))
            .map(|n| n.name.clone())
    };
    assert_eq!(
        name(&en, "2025-10-06").as_deref(),
        Some("Mid-autumn Festival")
    );
    assert_eq!(name(&zh, "2025-10-06").as_deref(), Some("中秋节"));
    assert_eq!(name(&en, "2026-09-20").as_deref(), Some("National Day"));
    assert_eq!(name(&en, "2026-09-21"), None);
    let days = china_days();
    let first = &days[0];
    assert_eq!(
        (first.date, first.name_en.as_str(), first.name_zh.as_str()),
        (date("2004-01-01"), "New Year's Day", "元旦")
    );
    // The week: Monday–Friday 09–12 and 13–18, the weekend off.
    let office = vec![Span::hm(9, 0, 12, 0), Span::hm(13, 0, 18, 0)];
    assert!(zh.week[..5].iter().all(|d| *d == office));
    assert!(zh.week[5].is_empty() && zh.week[6].is_empty());
    assert_eq!(
        (zh.name.as_str(), zh.tz.as_str()),
        ("china", "Asia/Shanghai")
    );
}

#[test]
fn the_24x7_calendar() {
    let def = CalendarDef::twenty_four_seven();
    assert_eq!(def.name, "24x7");
    assert_eq!(def.tz, "UTC");
    assert_eq!(
        def.week,
        vec![
            vec![Span {
                start: 0,
                end: 86_400
            }];
            7
        ]
    );
    let round = Calendar::compile(&def).unwrap();
    assert!(round.is_24x7());
    assert!(cal("london-24x7").is_24x7());
    assert!(!cal("london-24x7-table").is_24x7());
    assert_eq!(round.elapsed(100, 50_000), 49_900);
    assert_eq!(round.add(100, 50_000), 50_100);
    assert_eq!(
        round.elapsed_excluding(0, 1_000, &[(100, 200), (150, 300)]),
        800
    );
    assert_eq!(
        round.add_excluding(0, 1_000, &[(100, 200), (150, 300)]),
        1_200
    );
    assert_eq!(round.day_kind(date("2025-12-25")), DayKind::Working);
    // Two touching spans covering the day are still round the clock.
    let mut split = def.clone();
    split.week[2] = vec![Span::hm(0, 0, 12, 0), Span::hm(12, 0, 24, 0)];
    assert!(Calendar::compile(&split).unwrap().is_24x7());
    // A make-up day changes nothing (Monday is round the clock too).
    split.workdays = vec![DayNote::new(date("2025-06-01"), "x")];
    assert!(Calendar::compile(&split).unwrap().is_24x7());
}

// ---------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------

#[test]
fn local_zone_conversions_with_gaps_and_overlaps() {
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str, &str)] = &[
        // zone, wall clock, instant, why
        ("Europe/London", "2025-03-30 00:59:59", "2025-03-30 00:59:59Z", "last GMT second"),
        ("Europe/London", "2025-03-30 01:00", "2025-03-30 01:00Z", "gap: first instant after it"),
        ("Europe/London", "2025-03-30 01:30", "2025-03-30 01:00Z", "gap: first instant after it"),
        ("Europe/London", "2025-03-30 01:59:59", "2025-03-30 01:00Z", "gap: first instant after it"),
        ("Europe/London", "2025-03-30 02:00", "2025-03-30 01:00Z", "first BST instant"),
        ("Europe/London", "2025-03-30 02:00:01", "2025-03-30 01:00:01Z", "BST"),
        ("Europe/London", "2025-10-26 00:59:59", "2025-10-25 23:59:59Z", "BST"),
        ("Europe/London", "2025-10-26 01:00", "2025-10-26 00:00Z", "overlap: the earlier instant"),
        ("Europe/London", "2025-10-26 01:30", "2025-10-26 00:30Z", "overlap: the earlier instant"),
        ("Europe/London", "2025-10-26 01:59:59", "2025-10-26 00:59:59Z", "overlap: the earlier instant"),
        ("Europe/London", "2025-10-26 02:00", "2025-10-26 02:00Z", "GMT again"),
        ("Europe/London", "2025-07-01 12:00", "2025-07-01 11:00Z", "summer"),
        ("Europe/London", "1985-03-31 01:30", "1985-03-31 01:00Z", "gap before the table range"),
        ("Europe/London", "2075-03-31 01:30", "2075-03-31 01:00Z", "gap after the table range"),
        ("America/New_York", "2025-03-09 02:30", "2025-03-09 07:00Z", "gap"),
        ("America/New_York", "2025-11-02 01:30", "2025-11-02 05:30Z", "overlap: EDT"),
        ("Australia/Lord_Howe", "2025-10-05 02:15", "2025-10-04 15:30Z", "30-minute gap"),
        ("Australia/Lord_Howe", "2025-04-06 01:30", "2025-04-05 14:30Z", "30-minute overlap"),
        ("Asia/Shanghai", "2025-06-03 09:00", "2025-06-03 01:00Z", "UTC+8"),
        ("Asia/Shanghai", "1991-07-01 12:00", "1991-07-01 03:00Z", "China's DST, 1991"),
        ("UTC", "2025-06-03 09:00", "2025-06-03 09:00Z", "identity"),
    ];
    for (zone, local, instant, why) in cases {
        let z = LocalZone::new(zone).unwrap();
        assert_eq!(z.name(), *zone);
        assert_eq!(
            z.to_utc(naive(local)),
            utc(instant),
            "{zone} {local}: {why}"
        );
    }
}

#[test]
fn local_zone_round_trips() {
    let london = LocalZone::new("Europe/London").unwrap();
    // Every minute of both DST weekends and an ordinary one.
    for day in [
        "2025-03-29 00:00Z",
        "2025-10-25 00:00Z",
        "2025-06-14 00:00Z",
    ] {
        let start = utc(day);
        for u in (start..start + 3 * 86_400).step_by(60) {
            let local = london.to_local(u);
            let back = london.to_utc(local);
            // The second pass of an overlap maps back to the first; everything else to itself.
            let second_pass = (utc("2025-10-26 01:00Z")..utc("2025-10-26 02:00Z")).contains(&u);
            if second_pass {
                assert_eq!(back, u - H, "{u}");
            } else {
                assert_eq!(back, u, "{u}");
            }
            // Wall-clock times that exist convert back to themselves.
            assert_eq!(london.to_local(london.to_utc(local)), local);
        }
    }
    assert_eq!(
        london.to_local(utc("2025-10-26 00:30Z")),
        naive("2025-10-26 01:30")
    );
    assert_eq!(
        london.to_local(utc("2025-10-26 01:30Z")),
        naive("2025-10-26 01:30")
    );
    assert_eq!(london.offset_at(utc("2025-07-01 00:00Z")), H);
    assert!(!london.is_fixed());
    assert!(LocalZone::new("UTC").unwrap().is_fixed());
    let shanghai = LocalZone::new("Asia/Shanghai").unwrap();
    for u in (utc("1990-01-01 00:00Z")..utc("2061-01-01 00:00Z")).step_by(86_400 * 7 + 3_601) {
        assert_eq!(shanghai.to_utc(shanghai.to_local(u)), u);
    }
}

#[test]
fn unknown_time_zone() {
    let err = LocalZone::new("Mars/Olympus_Mons").unwrap_err();
    assert!(matches!(err, Error::Invalid(_)));
    assert_eq!(
        err.to_string(),
        "invalid: unknown time zone \"Mars/Olympus_Mons\""
    );
}

// ---------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------

#[test]
fn validation_messages() {
    let base = || CalendarDef {
        workdays: vec![DayNote::new(date("2025-12-27"), "make-up")],
        ..def(
            "office",
            "Europe/London",
            weekdays(&[(9, 0, 12, 0), (13, 0, 17, 30)]),
            &[("2025-12-25", "Christmas Day")],
        )
    };
    base().validate().unwrap();
    type Edit = fn(&mut CalendarDef);
    #[rustfmt::skip]
    let cases: &[(Edit, &str)] = &[
        (|d| d.name = "  ".into(), "invalid: the calendar needs a name"),
        (|d| d.tz = "Mars/Olympus".into(), "invalid: unknown time zone \"Mars/Olympus\""),
        (|d| d.tz = "europe/london".into(), "invalid: unknown time zone \"europe/london\""),
        (|d| { d.week.pop(); }, "invalid: the week needs 7 days (Monday first), found 6"),
        (|d| d.week.push(Vec::new()), "invalid: the week needs 7 days (Monday first), found 8"),
        (|d| d.week[1] = vec![Span::hm(17, 0, 24, 30)],
         "invalid: Tuesday: span 17:00–24:30 is outside the day (00:00–24:00)"),
        (|d| d.week[0] = vec![Span { start: 86_400, end: 86_400 }],
         "invalid: Monday: span 24:00–24:00 is outside the day (00:00–24:00)"),
        (|d| d.week[2] = vec![Span::hm(12, 0, 9, 0)],
         "invalid: Wednesday: span 12:00–09:00 must end after it starts"),
        (|d| d.week[3] = vec![Span::hm(9, 0, 9, 0)],
         "invalid: Thursday: span 09:00–09:00 must end after it starts"),
        (|d| d.week[5] = vec![Span { start: 32_430, end: 28_800 }],
         "invalid: Saturday: span 09:00:30–08:00 must end after it starts"),
        (|d| d.week[4] = vec![Span::hm(13, 0, 18, 0), Span::hm(9, 0, 12, 0)],
         "invalid: Friday: spans out of order, 13:00–18:00 is listed before 09:00–12:00"),
        (|d| d.week[0] = vec![Span::hm(9, 0, 12, 0), Span::hm(11, 0, 13, 0)],
         "invalid: Monday: spans 09:00–12:00 and 11:00–13:00 overlap"),
        (|d| d.week[6] = vec![Span::hm(9, 0, 12, 0), Span::hm(9, 0, 10, 0)],
         "invalid: Sunday: spans 09:00–12:00 and 09:00–10:00 overlap"),
        (|d| d.week = vec![Vec::new(); 7], "invalid: the week has no working time"),
        (|d| d.holidays.push(DayNote::new(date("2025-12-25"), "again")),
         "invalid: 2025-12-25 is listed twice as a holiday"),
        (|d| d.workdays.push(DayNote::new(date("2025-12-27"), "again")),
         "invalid: 2025-12-27 is listed twice as a make-up day"),
        (|d| d.workdays.push(DayNote::new(date("2025-12-25"), "work")),
         "invalid: 2025-12-25 is both a holiday and a make-up day"),
    ];
    for (edit, message) in cases {
        let mut bad = base();
        edit(&mut bad);
        let err = bad.validate().unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{message}");
        assert_eq!(err.to_string(), *message);
        let err = Calendar::compile(&bad).unwrap_err();
        assert_eq!(err.to_string(), *message);
    }
    // Touching spans and a span ending at 24:00 are fine.
    let mut ok = base();
    ok.week[0] = vec![Span::hm(9, 0, 12, 0), Span::hm(12, 0, 24, 0)];
    ok.validate().unwrap();
}

#[test]
fn definitions_serialise_for_the_database_and_the_ui() {
    let def = CalendarDef {
        workdays: vec![DayNote::new(date("2026-10-10"), "国庆节")],
        ..def(
            "x",
            "Asia/Shanghai",
            weekdays(&[(9, 0, 12, 0)]),
            &[("2026-10-01", "国庆节")],
        )
    };
    let json = serde_json::to_value(&def).unwrap();
    assert_eq!(
        json["week"][0][0],
        serde_json::json!({"start": 32_400, "end": 43_200})
    );
    assert_eq!(
        json["holidays"][0],
        serde_json::json!({"date": "2026-10-01", "name": "国庆节"})
    );
    let back: CalendarDef = serde_json::from_value(json).unwrap();
    assert_eq!(back, def);
    let kind = serde_json::to_value(DayKind::MakeUp {
        name: "国庆节".into(),
    })
    .unwrap();
    assert_eq!(
        kind,
        serde_json::json!({"kind": "make_up", "name": "国庆节"})
    );
    let kind = serde_json::to_value(DayKind::Weekend).unwrap();
    assert_eq!(kind, serde_json::json!({"kind": "weekend"}));
    use ts_rs::TS;
    let cfg = ts_rs::Config::new();
    assert_eq!(DayNote::inline(&cfg), "{ date: string, name: string, }");
    assert_eq!(
        DayKind::inline(&cfg),
        "{ \"kind\": \"working\" } | { \"kind\": \"weekend\" } | { \"kind\": \"holiday\", name: string, } | { \"kind\": \"make_up\", name: string, }"
    );
}

// ---------------------------------------------------------------------------------------
// iCalendar import
// ---------------------------------------------------------------------------------------

#[test]
fn ics_uk_bank_holidays() {
    let notes = holidays_from_ics(UK_ICS).unwrap();
    let got: Vec<(String, &str)> = notes
        .iter()
        .map(|n| (n.date.to_string(), n.name.as_str()))
        .collect();
    let expected: Vec<(String, &str)> = [
        ("2025-01-01", "New Year’s Day"),
        ("2025-04-18", "Good Friday"),
        ("2025-04-21", "Easter Monday"),
        ("2025-05-05", "Early May bank holiday"),
        ("2025-05-26", "Spring bank holiday"),
        ("2025-08-25", "Summer bank holiday"),
        ("2025-12-25", "Christmas Day"),
        ("2025-12-26", "Boxing Day"),
        ("2026-01-01", "New Year’s Day"),
        ("2026-04-03", "Good Friday"),
        ("2026-04-06", "Easter Monday"),
        ("2026-05-04", "Early May bank holiday"),
        ("2026-05-25", "Spring bank holiday"),
        ("2026-08-31", "Summer bank holiday"),
        ("2026-12-25", "Christmas Day"),
        ("2026-12-28", "Boxing Day (substitute day)"),
    ]
    .iter()
    .map(|(d, n)| (d.to_string(), *n))
    .collect();
    assert_eq!(got, expected);
}

#[test]
fn ics_malformed_fixture_names_the_line() {
    let err = holidays_from_ics(MALFORMED_ICS).unwrap_err();
    assert!(matches!(err, Error::Import(_)));
    assert_eq!(
        err.to_string(),
        "iCalendar line 12 (event \"The thirtieth of February\"): DTSTART \"20250230\" is not a valid date"
    );
}

/// Every feature the importer reads, for the damaged-file property.
const RICH_ICS: &str = "BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:Europe/London\r\n\
BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20241225\r\nRRULE:FREQ=YEARLY;INTERVAL=1;COUNT=30\r\n\
EXDATE;VALUE=DATE:20251225,20261225\r\nSUMMARY:Christmas\\, Day\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250101\r\nDURATION:P1W2D\r\nSUMMARY:Break\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTART;TZID=\"Europe/London\":20250301T220000\r\nDURATION:PT36H\r\nSUMMARY:Long\r\n\
\x20 night\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTART:20250401T230000Z\r\nDTEND:20250402T010000Z\r\nSTATUS:CONFIRMED\r\n\
RRULE:FREQ=YEARLY;UNTIL=20300101T000000Z\r\nSUMMARY:UTC\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

#[test]
fn ics_rich_sample() {
    let notes = holidays_from_ics(RICH_ICS).unwrap();
    let count = |name: &str| notes.iter().filter(|n| n.name.contains(name)).count();
    // Christmas 2024 … 2053 less two exceptions; 9 days of break; a night into Monday;
    // 2025 … 2029 01:00–02:00 BST on 2 April (the UTC times in London), one date each.
    assert_eq!(count("Christmas, Day"), 28);
    assert_eq!(count("Break"), 9);
    assert_eq!(count("Long night"), 3);
    assert_eq!(count("UTC"), 5);
    assert!(notes
        .iter()
        .any(|n| n.date == date("2025-04-02") && n.name == "UTC"));
}

/// An iCalendar text from lines (CRLF line ends).
fn ics(lines: &[&str]) -> String {
    let mut s = lines.join("\r\n");
    s.push_str("\r\n");
    s
}

fn vcal(events: &[&[&str]]) -> String {
    let mut lines = vec!["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN"];
    for ev in events {
        lines.push("BEGIN:VEVENT");
        lines.extend_from_slice(ev);
        lines.push("END:VEVENT");
    }
    lines.push("END:VCALENDAR");
    ics(&lines)
}

fn dates_of(text: &str) -> Vec<(String, String)> {
    holidays_from_ics(text)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|n| (n.date.to_string(), n.name))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn ics_event_shapes() {
    #[rustfmt::skip]
    let cases: &[(Events, Pairs, &str)] = &[
        (&[&["DTSTART;VALUE=DATE:20251224", "DTEND;VALUE=DATE:20251227", "SUMMARY:Christmas break"]],
         &[("2025-12-24", "Christmas break"), ("2025-12-25", "Christmas break"), ("2025-12-26", "Christmas break")],
         "DTEND is exclusive"),
        (&[&["DTSTART;VALUE=DATE:20251224", "DTEND;VALUE=DATE:20251224", "SUMMARY:Eve"]],
         &[("2025-12-24", "Eve")], "DTEND equal to DTSTART: one day"),
        (&[&["DTSTART:20251224", "SUMMARY:Bare date"]], &[("2025-12-24", "Bare date")],
         "a bare 8-digit value is a date"),
        (&[&["DTSTART;VALUE=DATE:20251224", "DURATION:P2D", "SUMMARY:Two days"]],
         &[("2025-12-24", "Two days"), ("2025-12-25", "Two days")], "DURATION instead of DTEND"),
        (&[&["DTSTART;TZID=Europe/London:20251224T090000", "DTEND;TZID=Europe/London:20251224T170000", "SUMMARY:Timed"]],
         &[("2025-12-24", "Timed")], "a timed event: its local date"),
        (&[&["DTSTART:20251224T220000", "DTEND:20251226T000000", "SUMMARY:Overnight"]],
         &[("2025-12-24", "Overnight"), ("2025-12-25", "Overnight")],
         "a timed event ending at midnight does not cover the next date"),
        (&[&["DTSTART:20251224T220000", "DTEND:20251226T000001", "SUMMARY:Overnight"]],
         &[("2025-12-24", "Overnight"), ("2025-12-25", "Overnight"), ("2025-12-26", "Overnight")],
         "one second past midnight does"),
        (&[&["DTSTART:20251224T230000Z", "DTEND:20251225T010000Z", "SUMMARY:UTC"]],
         &[("2025-12-24", "UTC"), ("2025-12-25", "UTC")], "UTC times without X-WR-TIMEZONE: UTC dates"),
        (&[&["DTSTART;VALUE=DATE:20251225", "SUMMARY:Christmas Day"],
           &["DTSTART;VALUE=DATE:20251224", "DTEND;VALUE=DATE:20251227", "SUMMARY:Office closed"]],
         &[("2025-12-24", "Office closed"), ("2025-12-25", "Christmas Day / Office closed"), ("2025-12-26", "Office closed")],
         "two events on one date: names joined"),
        (&[&["DTSTART;VALUE=DATE:20251225", "SUMMARY:Christmas Day"], &["DTSTART;VALUE=DATE:20251225", "SUMMARY:Christmas Day"]],
         &[("2025-12-25", "Christmas Day")], "duplicates collapse"),
        (&[&["DTSTART;VALUE=DATE:20251225", "STATUS:CANCELLED", "SUMMARY:Cancelled"]], &[], "cancelled events are skipped"),
        (&[&["DTSTART;VALUE=DATE:20251225"]], &[("2025-12-25", "Holiday")], "no SUMMARY"),
        (&[&["DTSTART;VALUE=DATE:20251225", "SUMMARY:Christmas\\, again", "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT1H", "END:VALARM"]],
         &[("2025-12-25", "Christmas, again")], "escaped text, nested alarm"),
        (&[&["DTSTART;VALUE=DATE:20241225", "RRULE:FREQ=YEARLY;COUNT=3", "SUMMARY:Christmas Day"]],
         &[("2024-12-25", "Christmas Day"), ("2025-12-25", "Christmas Day"), ("2026-12-25", "Christmas Day")],
         "yearly, three times"),
        (&[&["DTSTART;VALUE=DATE:20241225", "RRULE:FREQ=YEARLY;UNTIL=20261231;BYMONTH=12;BYMONTHDAY=25",
             "EXDATE;VALUE=DATE:20251225", "SUMMARY:Christmas Day"]],
         &[("2024-12-25", "Christmas Day"), ("2026-12-25", "Christmas Day")], "yearly until, with an exception"),
        (&[&["DTSTART;VALUE=DATE:20240229", "RRULE:FREQ=YEARLY;COUNT=2", "SUMMARY:Leap"]],
         &[("2024-02-29", "Leap"), ("2028-02-29", "Leap")], "29 February repeats in leap years only"),
    ];
    for (events, expected, why) in cases {
        assert_eq!(dates_of(&vcal(events)), pairs(expected), "{why}");
    }
    // An open-ended yearly rule runs to the end of the calendar table (2060).
    let open = dates_of(&vcal(&[&[
        "DTSTART;VALUE=DATE:20250101",
        "RRULE:FREQ=YEARLY",
        "SUMMARY:New Year",
    ]]));
    assert_eq!(open.len(), 36);
    assert_eq!(open.last().unwrap().0, "2060-01-01");
    // X-WR-TIMEZONE turns UTC times into that zone's dates.
    let text = ics(&[
        "BEGIN:VCALENDAR",
        "X-WR-TIMEZONE:Asia/Shanghai",
        "BEGIN:VEVENT",
        "DTSTART:20250930T170000Z",
        "DTEND:20251001T020000Z",
        "SUMMARY:Evening",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    assert_eq!(dates_of(&text), pairs(&[("2025-10-01", "Evening")]));
    // LF line ends, a byte-order mark and blank lines are accepted.
    let text = "\u{feff}BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20250101\nSUMMARY:x\nEND:VEVENT\n\nEND:VCALENDAR\n\n";
    assert_eq!(dates_of(text), pairs(&[("2025-01-01", "x")]));
    assert!(holidays_from_ics(&vcal(&[])).unwrap().is_empty());
    // Lower-case names, mixed line ends, quoted parameters, no final line end.
    let text = "begin:vcalendar\r\nBEGIN:vevent\nDTSTART;VALUE=DATE;X-NOTE=\"a:b;c\":20250101\r\nsummary:x\nend:VEVENT\r\nEND:VCALENDAR";
    assert_eq!(dates_of(text), pairs(&[("2025-01-01", "x")]));
}

#[test]
fn ics_errors_say_what_and_where() {
    let ev = |lines: &[&str]| vcal(&[lines]);
    #[rustfmt::skip]
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "iCalendar: the file is empty"),
        ("date,kind\r\n2025-01-01,holiday\r\n".into(),
         "iCalendar line 1: expected NAME:VALUE, found \"date,kind\""),
        (ics(&["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20250101", "SUMMARY New Year", "END:VEVENT", "END:VCALENDAR"]),
         "iCalendar line 4: expected NAME:VALUE, found \"SUMMARY New Year\""),
        (ics(&["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20250101", "END:VCALENDAR"]),
         "iCalendar line 4: END:VCALENDAR does not close BEGIN:VEVENT (line 2)"),
        (ics(&["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20250101", "END:VEVENT"]),
         "iCalendar: the file ends inside BEGIN:VCALENDAR (line 1); END:VCALENDAR is missing"),
        (ics(&["BEGIN:VCALENDAR", "END:VCALENDAR", "END:VEVENT"]),
         "iCalendar line 3: END:VEVENT without a BEGIN"),
        (ics(&["VERSION:2.0", "BEGIN:VCALENDAR", "END:VCALENDAR"]),
         "iCalendar line 1: VERSION outside BEGIN:VCALENDAR … END:VCALENDAR"),
        (ics(&["BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VCALENDAR", "END:VCALENDAR"]),
         "iCalendar line 1: the file must be one BEGIN:VCALENDAR … END:VCALENDAR block"),
        (ics(&["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE DATE:20250101", "END:VEVENT", "END:VCALENDAR"]),
         "iCalendar line 3: bad parameter in \"DTSTART;VALUE DATE:20250101\""),
        (ics(&["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=\"DATE:20250101", "END:VEVENT", "END:VCALENDAR"]),
         "iCalendar line 3: bad parameter in \"DTSTART;VALUE=\\\"DATE:20250101\""),
        (ics(&["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:2025\r0101", "END:VEVENT", "END:VCALENDAR"]),
         "iCalendar line 3: contains the control character '\\r'"),
        (ics(&["BEGIN:VCALENDAR", "BEGIN:VEVEN", "END:VEVENT", "END:VCALENDAR"]),
         "iCalendar line 3: END:VEVENT does not close BEGIN:VEVEN (line 2)"),
        (ics(&["BEGIN:VCALENDAR", "BEGIN: VEVENT", "END:VEVENT", "END:VCALENDAR"]),
         "iCalendar line 2: BEGIN needs a component name, found \" VEVENT\""),
        (ev(&["SUMMARY:No start"]), "iCalendar line 4 (event \"No start\"): DTSTART is missing"),
        (ev(&["SUMMARY:Bad", "DTSTART;VALUE=DATE:2025-01-01"]),
         "iCalendar line 6 (event \"Bad\"): DTSTART \"2025-01-01\" is not a valid date"),
        (ev(&["SUMMARY:Bad", "DTSTART:20250101T250000"]),
         "iCalendar line 6 (event \"Bad\"): DTSTART \"20250101T250000\" is not a valid date or date-time"),
        (ev(&["SUMMARY:Mixed", "DTSTART;VALUE=DATE:20250101", "DTEND:20250102T000000"]),
         "iCalendar line 7 (event \"Mixed\"): DTEND must be a date when DTSTART is a date, and a date-time when it is a date-time"),
        (ev(&["SUMMARY:Backwards", "DTSTART;VALUE=DATE:20250105", "DTEND;VALUE=DATE:20250101"]),
         "iCalendar line 7 (event \"Backwards\"): ends (2025-01-01) before it starts (2025-01-05)"),
        (ev(&["SUMMARY:Long", "DTSTART;VALUE=DATE:20250101", "DTEND;VALUE=DATE:20270101"]),
         "iCalendar line 6 (event \"Long\"): lasts 730 days; at most 366 are accepted"),
        (ev(&["SUMMARY:Dur", "DTSTART;VALUE=DATE:20250101", "DURATION:-P1D"]),
         "iCalendar line 7 (event \"Dur\"): DURATION \"-P1D\" is not a valid duration"),
        (ev(&["SUMMARY:Dur", "DTSTART;VALUE=DATE:20250101", "DURATION:P99999999999999W"]),
         "iCalendar line 7 (event \"Dur\"): DURATION \"P99999999999999W\" is not a valid duration"),
        (ev(&["SUMMARY:Dur", "DTSTART;VALUE=DATE:20250101", "DURATION:P9999999999D"]),
         "iCalendar line 7 (event \"Dur\"): DURATION \"P9999999999D\" is too long"),
        (ev(&["SUMMARY:Dur", "DTSTART;VALUE=DATE:20250101", "DURATION:P400D"]),
         "iCalendar line 6 (event \"Dur\"): lasts 400 days; at most 366 are accepted"),
        (ev(&["SUMMARY:Early May", "DTSTART;VALUE=DATE:20250505", "RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=1MO"]),
         "iCalendar line 7 (event \"Early May\"): RRULE \"FREQ=YEARLY;BYMONTH=5;BYDAY=1MO\" is not supported (BYDAY=1MO); only FREQ=YEARLY on the start's month and day is"),
        (ev(&["SUMMARY:Weekly", "DTSTART;VALUE=DATE:20250505", "RRULE:FREQ=WEEKLY"]),
         "iCalendar line 7 (event \"Weekly\"): RRULE \"FREQ=WEEKLY\" is not supported (FREQ=WEEKLY); only FREQ=YEARLY on the start's month and day is"),
        (ev(&["SUMMARY:Extra", "DTSTART;VALUE=DATE:20250505", "RDATE;VALUE=DATE:20250606"]),
         "iCalendar line 7 (event \"Extra\"): RDATE is not supported"),
        (ev(&["SUMMARY:Bad exception", "DTSTART;VALUE=DATE:20250505", "RRULE:FREQ=YEARLY;COUNT=2", "EXDATE;VALUE=DATE:20260231"]),
         "iCalendar line 8 (event \"Bad exception\"): EXDATE \"20260231\" is not a valid date"),
    ];
    for (text, message) in cases {
        let err = holidays_from_ics(&text).unwrap_err();
        assert!(matches!(err, Error::Import(_)), "{message}");
        assert_eq!(err.to_string(), message);
    }
    // Line numbers count the lines of the file as given, folded lines included.
    let folded = ics(&[
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "SUMMARY:A very long",
        "  name",
        "DTSTART;VALUE=DATE:2025013",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    assert_eq!(
        holidays_from_ics(&folded).unwrap_err().to_string(),
        "iCalendar line 5 (event \"A very long name\"): DTSTART \"2025013\" is not a valid date"
    );
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

/// 2024-12-01T00:00:00Z and 2027-01-01T00:00:00Z: two DST seasons, China's 2025 and 2026
/// holidays, and the first days without holiday data.
const LO: i64 = 1_733_011_200;
const HI: i64 = 1_798_761_600;

#[test]
fn property_range_is_what_it_says() {
    assert_eq!(LO, utc("2024-12-01 00:00Z"));
    assert_eq!(HI, utc("2027-01-01 00:00Z"));
}

const PROPERTY_CALENDARS: [&str; 3] = ["china", "london-office", "split"];

/// Instants in the range: arbitrary seconds, or on the half hour (span boundaries).
fn instant() -> impl Strategy<Value = i64> {
    prop_oneof![LO..HI, (LO / 1_800..HI / 1_800).prop_map(|x| x * 1_800)]
}

fn sorted3() -> impl Strategy<Value = (i64, i64, i64)> {
    (instant(), instant(), instant()).prop_map(|(a, b, c)| {
        let mut v = [a, b, c];
        v.sort_unstable();
        (v[0], v[1], v[2])
    })
}

/// Business seconds: small (seconds, minutes) to large (weeks of work).
fn business_secs() -> impl Strategy<Value = i64> {
    prop_oneof![0i64..120, 0i64..(10 * H), 0i64..(400 * H)]
}

/// Pauses around `from`: start offsets and lengths, some reversed.
fn pauses() -> impl Strategy<Value = Vec<(i64, i64)>> {
    prop::collection::vec((-3 * 86_400i64..20 * 86_400, -H..5 * 86_400), 0..5)
}

proptest! {
    #[test]
    fn ics_import_never_panics_on_damaged_files(
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, prop::sample::select(
            vec![':', ';', '=', '"', '\r', '\n', ' ', '\t', 'A', 'Z', 'T', '0', '9', '-', ',', '\\', 'é'],
        )), 1..6),
        rich in any::<bool>(),
    ) {
        let base = if rich { RICH_ICS } else { UK_ICS };
        let mut chars: Vec<char> = base.chars().collect();
        for (at, op, c) in edits {
            let i = at.index(chars.len());
            match op {
                0 => { chars.remove(i); }
                1 => chars.insert(i, c),
                _ => chars[i] = c,
            }
        }
        let text: String = chars.into_iter().collect();
        match holidays_from_ics(&text) {
            Ok(notes) => prop_assert!(notes.windows(2).all(|w| w[0].date < w[1].date)),
            Err(e) => prop_assert!(matches!(e, Error::Import(_)), "{}", e),
        }
    }

    #[test]
    fn elapsed_is_additive_monotonic_and_bounded((a, b, c) in sorted3()) {
        for name in PROPERTY_CALENDARS {
            let cal = cal(name);
            let (ab, bc, ac) = (cal.elapsed(a, b), cal.elapsed(b, c), cal.elapsed(a, c));
            prop_assert_eq!(ab + bc, ac, "{} additive", name);
            prop_assert!(ab >= 0 && bc >= 0, "{} never negative", name);
            prop_assert!(ab <= ac, "{} monotonic in `to`", name);
            prop_assert!(ac <= c - a, "{} at most wall time", name);
            prop_assert_eq!(cal.elapsed(c, a), 0, "{} reversed", name);
            prop_assert_eq!(cal.cum(c) - cal.cum(a), ac, "{} cum", name);
        }
    }

    #[test]
    fn nothing_elapses_inside_a_holiday(pick in any::<prop::sample::Index>(), x in 0i64..82_800, y in 0i64..82_800) {
        for name in PROPERTY_CALENDARS {
            let cal = cal(name);
            let holidays: Vec<&DayNote> = cal
                .def()
                .holidays
                .iter()
                .filter(|h| (2020..2040).contains(&chrono::Datelike::year(&h.date)))
                .collect();
            let day = pick.get(&holidays).date;
            let midnight = naive(&format!("{day} 00:00"));
            let start = cal.zone().to_utc(midnight);
            let end = cal.zone().to_utc(midnight + 86_400);
            let (from, to) = (start + x.min(y), start + x.max(y));
            prop_assert_eq!(cal.elapsed(from, to), 0, "{} {}", name, day);
            prop_assert_eq!(cal.elapsed(start, end), 0, "{} {}", name, day);
        }
    }

    #[test]
    fn add_is_the_minimal_inverse_of_elapsed(from in instant(), secs in business_secs()) {
        for name in PROPERTY_CALENDARS {
            let cal = cal(name);
            let due = cal.add(from, secs);
            prop_assert!(due >= from);
            prop_assert_eq!(cal.elapsed(from, due), secs, "{} exact", name);
            if secs > 0 {
                prop_assert!(cal.elapsed(from, due - 1) < secs, "{} minimal", name);
            } else {
                prop_assert_eq!(due, from);
            }
        }
    }

    #[test]
    fn pauses_only_ever_take_time_away(from in instant(), len in 0i64..(30 * 86_400), raw in pauses()) {
        let to = from + len;
        let pauses: Vec<(i64, i64)> = raw.iter().map(|&(s, l)| (from + s, from + s + l)).collect();
        for name in PROPERTY_CALENDARS {
            let cal = cal(name);
            let ex = cal.elapsed_excluding(from, to, &pauses);
            prop_assert!(ex >= 0 && ex <= cal.elapsed(from, to), "{}", name);
        }
    }

    #[test]
    fn add_excluding_is_the_minimal_inverse(from in instant(), secs in business_secs(), raw in pauses()) {
        let pauses: Vec<(i64, i64)> = raw.iter().map(|&(s, l)| (from + s, from + s + l)).collect();
        for name in PROPERTY_CALENDARS {
            let cal = cal(name);
            let due = cal.add_excluding(from, secs, &pauses);
            prop_assert!(due >= cal.add(from, secs), "{} pauses never make it earlier", name);
            prop_assert_eq!(cal.elapsed_excluding(from, due, &pauses), secs, "{} exact", name);
            if secs > 0 {
                prop_assert!(cal.elapsed_excluding(from, due - 1, &pauses) < secs, "{} minimal", name);
            }
        }
    }

    #[test]
    fn the_table_agrees_with_wall_time_round_the_clock((a, b, _c) in sorted3(), secs in business_secs()) {
        // London 24×7 with one holiday (2025-12-25) uses the table; away from that day it
        // must count wall time, DST included, like the fast path.
        let table = cal("london-24x7-table");
        let fast = cal("london-24x7");
        let holiday = (at(table, "2025-12-25 00:00"), at(table, "2025-12-26 00:00"));
        let clear = |x: i64, y: i64| y <= holiday.0 || x >= holiday.1;
        if clear(a, b) {
            prop_assert_eq!(table.elapsed(a, b), b - a);
        }
        prop_assert_eq!(fast.elapsed(a, b), b - a);
        let due = table.add(a, secs);
        if clear(a, due) {
            prop_assert_eq!(due, a + secs);
        }
    }
}

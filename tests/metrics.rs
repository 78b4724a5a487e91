//! Metric definitions as tables of hand-computed cases (SPEC.md "Metrics").

use crate::support::secs;
use expect_test::{expect, Expect};
use sqm_core::calendar::{china, Calendar, CalendarDef, LocalZone};
use sqm_core::domain::{QualityStandard, Quarter, Scale, Service, DEFAULT_PAUSE_STATES};
use sqm_core::metrics::{
    breach_analysis, compute_period, compute_quarter, drill, percentile_inc, percentile_inc_select,
    DrillMeasure, DrillScope, Figures, GroupBy, MeasureOptions, MetricsInput, OptIndex,
    ResponseFacts, Targets, TicketFacts,
};
use std::collections::HashMap;

/// A ticket as text: opened, first response (minutes after opening), resolved (minutes after).
struct T(&'static str, Option<i64>, Option<i64>);

fn facts(tickets: &[T], priority: Option<&str>) -> Vec<TicketFacts> {
    tickets
        .iter()
        .map(|T(opened, resp, res)| {
            let o = secs(opened);
            TicketFacts {
                service_id: 1,
                priority: priority.map_or(OptIndex::NONE, prio),
                opened: o,
                first_response: resp.map(|m| o + m * 60).into(),
                resolved: res.map(|m| o + m * 60).into(),
                reassignment_count: 0,
                reopen_count: 0,
                response_tracked: true,
                ..TicketFacts::default()
            }
        })
        .collect()
}

fn standard(from: &str, response_minutes: i64, resolution_minutes: i64) -> QualityStandard {
    QualityStandard {
        id: 0,
        service_id: 1,
        priority: None,
        effective_from: chrono::NaiveDate::parse_from_str(from, "%Y-%m-%d").unwrap(),
        response_minutes,
        response_required_pct: 95.0,
        resolution_minutes,
        resolution_required_pct: 90.0,
        satisfaction_target_pct: 80.0,
        calendar: "24x7".into(),
        pause_states: DEFAULT_PAUSE_STATES.iter().map(|s| s.to_string()).collect(),
    }
}

/// The calendars every test workspace has.
fn calendars() -> HashMap<String, Calendar> {
    [CalendarDef::twenty_four_seven(), china::china_def()]
        .into_iter()
        .map(|d| (d.name.clone(), Calendar::compile(&d).unwrap()))
        .collect()
}

/// What a `MetricsInput` borrows besides the tickets: services, calendars, zone and labels.
struct Env {
    services: Vec<Service>,
    calendars: HashMap<String, Calendar>,
    zone: LocalZone,
    labels: Vec<String>,
}

impl Env {
    fn new(labels: &[&str]) -> Env {
        Env {
            services: services(),
            calendars: calendars(),
            zone: LocalZone::new("Asia/Shanghai").unwrap(),
            labels: labels
                .iter()
                .map(|s| s.to_string())
                .chain((labels.len()..PRIORITY_BASE as usize).map(|i| format!("unused {i}")))
                .chain(PRIORITIES.map(String::from))
                .collect(),
        }
    }

    fn input<'a>(
        &'a self,
        standards: &'a [QualityStandard],
        tickets: &'a [TicketFacts],
        responses: &'a [ResponseFacts],
        as_of: &str,
    ) -> MetricsInput<'a> {
        MetricsInput {
            services: &self.services,
            standards,
            tickets,
            responses,
            targets: Targets::default(),
            as_of: secs(as_of),
            labels: &self.labels,
            calendars: &self.calendars,
            zone: &self.zone,
            options: MeasureOptions::default(),
            judged: None,
            window: None,
        }
    }
}

/// Labels the tests' status histories refer to, by index.
const LABELS: [&str; 4] = ["New", "In Progress", "Awaiting User Info", "Resolved"];

/// The priorities every test's labels end with, from index `PRIORITY_BASE` (`Env::new`).
const PRIORITIES: [&str; 3] = ["P1", "P2", "P3"];
const PRIORITY_BASE: u32 = 100;

/// The label index of the priority `p`.
fn prio(p: &str) -> OptIndex {
    let k = PRIORITIES
        .iter()
        .position(|&x| x == p)
        .expect("a test priority");
    OptIndex::new(Some(PRIORITY_BASE + k as u32))
}

fn services() -> Vec<Service> {
    vec![Service {
        id: 1,
        code: "DESK".into(),
        name: "桌面支持".into(),
        owner: String::new(),
        team: String::new(),
    }]
}

fn line(f: &Figures) -> String {
    let p = |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "-".into());
    format!(
        "vol={} res={} resp={}/{} ({}) resol={}/{} ({}) median={} p90={} csat={} rate={}",
        f.volume,
        f.resolved,
        f.response.met,
        f.response.measured,
        p(f.response.pct),
        f.resolution.met,
        f.resolution.measured,
        p(f.resolution.pct),
        p(f.median_resolution_hours),
        p(f.p90_resolution_hours),
        p(f.csat),
        p(f.response_rate),
    )
}

/// The metrics of `quarter` for one service's tickets and responses, as of 2027.
fn compute(
    tickets: &[TicketFacts],
    responses: &[ResponseFacts],
    standards: &[QualityStandard],
    as_of: &str,
    quarter: Quarter,
) -> sqm_core::metrics::QuarterMetrics {
    let env = Env::new(&LABELS);
    compute_quarter(&env.input(standards, tickets, responses, as_of), quarter)
}

const Q3: Quarter = Quarter { year: 2026, q: 3 };
const LATER: &str = "2027-01-01 00:00";

/// Computes 2026Q3 and 2026Q4 for the tickets (1 h response, 24 h resolution) and prints both.
fn check(tickets: &[T], expect: Expect) {
    let t = facts(tickets, Some("P3"));
    let standards = [standard("2020-01-01", 60, 24 * 60)];
    let q3 = compute(&t, &[], &standards, LATER, Q3);
    let q4 = compute(&t, &[], &standards, LATER, Quarter { year: 2026, q: 4 });
    expect.assert_eq(&format!(
        "Q3 {}\nQ4 {}",
        line(&q3.overall),
        line(&q4.overall)
    ));
}

#[test]
fn zero_tickets_is_not_measured_never_zero() {
    check(
        &[],
        expect![[r#"
        Q3 vol=0 res=0 resp=0/0 (-) resol=0/0 (-) median=- p90=- csat=- rate=-
        Q4 vol=0 res=0 resp=0/0 (-) resol=0/0 (-) median=- p90=- csat=- rate=-"#]],
    );
}

#[test]
fn met_and_breached_within_the_quarter() {
    check(
        &[
            T("2026-07-01 09:00", Some(30), Some(120)),
            T("2026-07-02 09:00", Some(90), Some(25 * 60)),
        ],
        expect![[r#"
            Q3 vol=2 res=2 resp=1/2 (50.00) resol=1/2 (50.00) median=13.50 p90=22.70 csat=- rate=0.00
            Q4 vol=0 res=0 resp=0/0 (-) resol=0/0 (-) median=- p90=- csat=- rate=-"#]],
    );
}

#[test]
fn opened_in_one_quarter_resolved_in_the_next_counts_where_decided() {
    // Resolved within target after midnight: decided (met) in Q4; volume stays in Q3.
    // Resolved late: the deadline (opened + 24 h) fell in Q4 too.
    check(
        &[
            T("2026-09-30 23:00", Some(20), Some(120)),
            T("2026-09-30 22:00", Some(10), Some(30 * 60)),
        ],
        expect![[r#"
            Q3 vol=2 res=0 resp=2/2 (100.00) resol=0/0 (-) median=- p90=- csat=- rate=-
            Q4 vol=0 res=2 resp=0/0 (-) resol=1/2 (50.00) median=16.00 p90=27.20 csat=- rate=0.00"#]],
    );
}

#[test]
fn open_tickets_breach_once_past_their_deadline() {
    // Still open: the first breached on 2026-07-02 (Q3); the second's deadline is in Q4.
    check(
        &[
            T("2026-07-01 09:00", Some(5), None),
            T("2026-09-30 12:00", None, None),
        ],
        expect![[r#"
            Q3 vol=2 res=0 resp=1/2 (50.00) resol=0/1 (0.00) median=- p90=- csat=- rate=-
            Q4 vol=0 res=0 resp=0/0 (-) resol=0/1 (0.00) median=- p90=- csat=- rate=-"#]],
    );
}

#[test]
fn no_first_response_or_resolved_before_it_uses_the_resolution() {
    // No first response, resolved in 40 min: responded by resolving. First response recorded
    // after the resolution (3 h): the resolution at 50 min is the response.
    check(
        &[
            T("2026-08-03 10:00", None, Some(40)),
            T("2026-08-03 11:00", Some(180), Some(50)),
        ],
        expect![[r#"
            Q3 vol=2 res=2 resp=2/2 (100.00) resol=2/2 (100.00) median=0.75 p90=0.82 csat=- rate=0.00
            Q4 vol=0 res=0 resp=0/0 (-) resol=0/0 (-) median=- p90=- csat=- rate=-"#]],
    );
}

#[test]
fn undecided_outcomes_are_not_measured_before_as_of() {
    let t = facts(&[T("2026-09-30 20:00", None, None)], None);
    let standards = [standard("2020-01-01", 60, 24 * 60)];
    let m = compute(&t, &[], &standards, "2026-09-30 20:30", Q3);
    assert_eq!(
        (
            m.overall.volume,
            m.overall.response.measured,
            m.overall.resolution.measured
        ),
        (1, 0, 0)
    );
}

#[test]
fn the_standard_in_force_when_the_ticket_opened_applies() {
    // 8 h target until 2026-08-01, 4 h after: two tickets resolved in 6 h.
    let t = facts(
        &[
            T("2026-07-15 09:00", Some(10), Some(360)),
            T("2026-08-15 09:00", Some(10), Some(360)),
        ],
        None,
    );
    let standards = [
        standard("2026-01-01", 60, 8 * 60),
        standard("2026-08-01", 60, 4 * 60),
    ];
    let m = compute(&t, &[], &standards, LATER, Q3);
    assert_eq!(
        (m.overall.resolution.met, m.overall.resolution.measured),
        (1, 2)
    );
    // The service check uses the standard in force at the end of the quarter (4 h, 90%).
    let check = &m.services[0].checks[1];
    assert_eq!((check.target_minutes, check.met), (Some(240), Some(false)));
}

#[test]
fn missing_priority_is_its_own_row_and_priorities_sort_named_first() {
    let mut t = facts(&[T("2026-07-01 09:00", Some(5), Some(60))], None);
    t.extend(facts(
        &[T("2026-07-01 10:00", Some(5), Some(60))],
        Some("P2"),
    ));
    t.extend(facts(
        &[T("2026-07-01 11:00", Some(5), Some(60))],
        Some("P1"),
    ));
    let standards = [standard("2020-01-01", 60, 24 * 60)];
    let m = compute(&t, &[], &standards, LATER, Q3);
    let rows: Vec<(Option<&str>, u64)> = m
        .priorities
        .iter()
        .map(|p| (p.priority.as_deref(), p.figures.volume))
        .collect();
    assert_eq!(rows, vec![(Some("P1"), 1), (Some("P2"), 1), (None, 1)]);
    // Satisfaction is not attributed to priorities: not measured, never 0%.
    assert_eq!(m.priorities[0].figures.response_rate, None);
}

#[test]
fn untracked_first_response_is_not_measured() {
    let mut t = facts(&[T("2026-07-01 09:00", None, Some(30))], None);
    t[0].response_tracked = false;
    let standards = [standard("2020-01-01", 60, 24 * 60)];
    let m = compute(&t, &[], &standards, LATER, Q3);
    assert_eq!(
        (m.overall.response.measured, m.overall.response.pct),
        (0, None)
    );
    assert_eq!(m.overall.resolution.measured, 1);
    assert_eq!(m.overall_checks[0].light, sqm_core::metrics::Light::Grey);
}

#[test]
fn csat_is_top_two_box_and_response_rate_is_per_resolved_ticket() {
    let t = facts(
        &[
            T("2026-07-01 09:00", Some(5), Some(60)),
            T("2026-07-02 09:00", Some(5), Some(60)),
        ],
        None,
    );
    let r = |at: &str, score: f64, scale: Scale| ResponseFacts {
        service_id: 1,
        responded_at: secs(at),
        score,
        scale,
    };
    let ten = Scale { min: 1, max: 10 };
    let responses = [
        r("2026-07-03 09:00", 5.0, Scale::FIVE),
        r("2026-07-03 10:00", 4.0, Scale::FIVE),
        r("2026-07-03 11:00", 3.0, Scale::FIVE),
        r("2026-07-03 12:00", 9.0, ten),
        r("2026-07-03 13:00", 8.0, ten),
    ];
    let standards = [standard("2020-01-01", 60, 24 * 60)];
    let f = compute(&t, &responses, &standards, LATER, Q3).overall;
    // 5, 4 and 9 (of 10) are in the top two points; 3 and 8 (of 10) are not.
    assert_eq!(f.csat, Some(60.0));
    assert_eq!(f.responses, 5);
    assert_eq!(f.response_rate, Some(250.0));
    // Mean on a 1–5 scale: 5, 4, 3, 1+8/9*4, 1+7/9*4.
    let mean = (5.0 + 4.0 + 3.0 + (1.0 + 32.0 / 9.0) + (1.0 + 28.0 / 9.0)) / 5.0;
    assert!((f.mean_score.unwrap() - mean).abs() < 1e-9);
}

#[test]
fn percentiles_match_excel_percentile_inc() {
    let cases: &[(&[f64], f64, Option<f64>)] = &[
        (&[], 0.5, None),
        (&[7.0], 0.9, Some(7.0)),
        (&[1.0, 2.0, 3.0, 10.0], 0.5, Some(2.5)),
        (&[1.0, 2.0, 3.0, 10.0], 0.9, Some(7.9)),
        (&[1.0, 2.0, 3.0, 4.0, 5.0], 0.5, Some(3.0)),
        (
            &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0],
            0.9,
            Some(9.1),
        ),
        (&[0.0, 10.0], 0.25, Some(2.5)),
    ];
    for (values, p, want) in cases {
        // The linear-time selection used by the metrics gives the same as the sorted version.
        let mut shuffled: Vec<f64> = values.iter().rev().copied().collect();
        assert_eq!(
            percentile_inc_select(&mut shuffled, *p),
            percentile_inc(values, *p),
            "{values:?} p{p} (select)"
        );
        let got = percentile_inc(values, *p);
        match (got, want) {
            (Some(g), Some(w)) => assert!((g - w).abs() < 1e-9, "{values:?} p{p}: {g} != {w}"),
            (g, w) => assert_eq!(g, *w, "{values:?} p{p}"),
        }
    }
}

#[test]
fn trend_covers_four_quarters_oldest_first() {
    let t = facts(
        &[
            T("2026-01-10 09:00", Some(5), Some(60)),
            T("2026-08-10 09:00", Some(90), Some(120)),
        ],
        None,
    );
    let standards = [standard("2020-01-01", 60, 24 * 60)];
    let m = compute(&t, &[], &standards, LATER, Q3);
    let got: Vec<String> = m
        .trend
        .iter()
        .map(|p| {
            format!(
                "{} {} {:?}",
                p.quarter, p.figures.volume, p.figures.response.pct
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            "2025Q4 0 None",
            "2026Q1 1 Some(100.0)",
            "2026Q2 0 None",
            "2026Q3 1 Some(0.0)"
        ]
    );
    assert_eq!(m.service_trends[0].points.len(), 4);
}

/// A standard measured on the China working calendar: 1 business hour to respond, 8 to resolve.
fn china_standard() -> QualityStandard {
    QualityStandard {
        calendar: "china".into(),
        ..standard("2020-01-01", 60, 8 * 60)
    }
}

/// (opened, first response, resolved) as local times → response/resolution outcome in Q3 and
/// business hours to resolve, on the China calendar (09:00–12:00, 13:00–18:00 on working days).
#[test]
fn business_time_on_the_china_calendar() {
    type Case = (
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        &'static str,
    );
    let cases: &[Case] = &[
        // Friday 17:00 → Monday 16:00: 1 h Friday + 3 h + 3 h Monday = 7 h, met; wall clock 71 h.
        // The response came Monday 09:30: its deadline was Friday 18:00, breached.
        (
            "2026-07-03 17:00",
            Some("2026-07-06 09:30"),
            Some("2026-07-06 16:00"),
            "resp=0/1 resol=1/1 hours=7.00",
        ),
        // Lunch is not working time: 11:30 → 13:30 is 1 h.
        (
            "2026-07-07 11:30",
            Some("2026-07-07 12:30"),
            Some("2026-07-07 13:30"),
            "resp=1/1 resol=1/1 hours=1.00",
        ),
        // Opened Saturday night, resolved Monday 10:00: 1 h.
        (
            "2026-07-11 22:00",
            Some("2026-07-13 09:10"),
            Some("2026-07-13 10:00"),
            "resp=1/1 resol=1/1 hours=1.00",
        ),
        // The make-up Sunday 2026-09-20 is a working day: Saturday 10:00 → Sunday 11:00 is 2 h.
        (
            "2026-09-19 10:00",
            Some("2026-09-20 09:30"),
            Some("2026-09-20 11:00"),
            "resp=1/1 resol=1/1 hours=2.00",
        ),
        // Two working days: 16 h of business time, breached at the end of the first day.
        (
            "2026-07-14 09:00",
            Some("2026-07-14 09:05"),
            Some("2026-07-15 18:00"),
            "resp=1/1 resol=0/1 hours=16.00",
        ),
    ];
    let standards = [china_standard()];
    for (opened, resp, res) in cases.iter().map(|c| (c.0, c.1, c.2)) {
        let want = cases.iter().find(|c| c.0 == opened).unwrap().3;
        let o = secs(opened);
        let t = vec![TicketFacts {
            service_id: 1,
            priority: prio("P3"),
            opened: o,
            first_response: resp.map(secs).into(),
            resolved: res.map(secs).into(),
            response_tracked: true,
            ..TicketFacts::default()
        }];
        let f = compute(&t, &[], &standards, LATER, Q3).overall;
        let got = format!(
            "resp={}/{} resol={}/{} hours={:.2}",
            f.response.met,
            f.response.measured,
            f.resolution.met,
            f.resolution.measured,
            f.median_resolution_hours.unwrap_or(-1.0)
        );
        assert_eq!(got, want, "ticket opened {opened}");
    }
}

#[test]
fn waiting_for_the_user_stops_the_clock_unless_pauses_are_off() {
    // 24×7, 24 h to resolve: 29 h on the clock, of which 24 h awaiting user info.
    let o = secs("2026-07-01 09:00");
    let t = vec![TicketFacts {
        id: 1,
        service_id: 1,
        opened: o,
        first_response: Some(o + 600).into(),
        resolved: Some(secs("2026-07-02 14:00")).into(),
        response_tracked: true,
        history: Box::new([
            (o, 0),
            (o + 600, 1),
            (secs("2026-07-01 12:00"), 2),
            (secs("2026-07-02 12:00"), 1),
            (secs("2026-07-02 14:00"), 3),
        ]),
        ..TicketFacts::default()
    }];
    let standards = [standard("2020-01-01", 60, 24 * 60)];
    let f = compute(&t, &[], &standards, LATER, Q3).overall;
    assert_eq!((f.resolution.met, f.resolution.measured), (1, 1));
    assert_eq!(f.median_resolution_hours, Some(5.0));

    // The same ticket with pauses off, and with a standard that does not pause in that state.
    let env = Env::new(&LABELS);
    let mut input = env.input(&standards, &t, &[], LATER);
    input.options.pauses = false;
    let f = compute_quarter(&input, Q3).overall;
    assert_eq!(
        (f.resolution.met, f.median_resolution_hours),
        (0, Some(29.0))
    );
    let no_pause_states = [QualityStandard {
        pause_states: vec!["Pending".into()],
        ..standards[0].clone()
    }];
    input.options = MeasureOptions::default();
    input.standards = &no_pause_states;
    assert_eq!(compute_quarter(&input, Q3).overall.resolution.met, 0);
    // Measured on the China calendar instead (`--calendar china`): Wed 09:00 → Thu 14:00 is
    // 8 h + 4 h of business time, minus the pause Wed 12:00 → Thu 12:00 (5 h Wed + 3 h Thu).
    input.standards = &standards;
    input.options = MeasureOptions {
        calendar: Some("china".into()),
        pauses: true,
    };
    let f = compute_quarter(&input, Q3).overall;
    assert_eq!(f.median_resolution_hours, Some(4.0));
}

#[test]
fn open_at_quarter_end_is_still_running_not_met() {
    // China calendar, 8 business hours: opened the evening before Golden Week 2026, resolved on
    // the first working day after it, inside its target: still running at the end of Q3 and met
    // in Q4. A second ticket is still open now and within its target: running in both.
    let t = vec![
        TicketFacts {
            id: 1,
            service_id: 1,
            opened: secs("2026-09-30 20:00"),
            resolved: Some(secs("2026-10-08 10:00")).into(),
            response_tracked: true,
            ..TicketFacts::default()
        },
        TicketFacts {
            id: 2,
            service_id: 1,
            opened: secs("2026-09-30 21:00"),
            response_tracked: true,
            ..TicketFacts::default()
        },
    ];
    let standards = [china_standard()];
    let now = "2026-10-08 11:00";
    let q3 = compute(&t, &[], &standards, now, Q3).overall;
    assert_eq!(
        (
            q3.resolution.measured,
            q3.resolution.running,
            q3.response.running
        ),
        (0, 2, 2)
    );
    let q4 = compute(&t, &[], &standards, now, Quarter { year: 2026, q: 4 }).overall;
    // Ticket 1 resolved 10:00 (1 business hour in): both its outcomes are met in Q4. Ticket 2
    // breached its response at 10:00 and is still running on resolution.
    assert_eq!(
        (
            q4.response.met,
            q4.response.measured,
            q4.resolution.met,
            q4.resolution.measured
        ),
        (1, 2, 1, 1)
    );
    assert_eq!((q4.response.running, q4.resolution.running), (0, 1));
}

fn grouped_input_tickets() -> Vec<TicketFacts> {
    let mk = |id: i64, opened: &str, hours: i64, group: u32, category: u32| TicketFacts {
        id,
        service_id: 1,
        priority: prio(if id % 2 == 0 { "P2" } else { "P3" }),
        opened: secs(opened),
        first_response: Some(secs(opened) + 300).into(),
        resolved: Some(secs(opened) + hours * 3600).into(),
        reassignment_count: (id % 3) as u32,
        reopen_count: u32::from(id == 4),
        response_tracked: true,
        group: Some(group).into(),
        category: Some(category).into(),
        assignee: Some(group).into(),
        ..TicketFacts::default()
    };
    vec![
        mk(1, "2026-07-01 09:00", 2, 0, 2),
        mk(2, "2026-07-02 09:00", 30, 0, 3),
        mk(3, "2026-07-03 09:00", 10, 1, 2),
        mk(4, "2026-07-04 09:00", 40, 1, 2),
        mk(5, "2026-07-05 09:00", 50, 1, 3),
    ]
}

#[test]
fn period_metrics_group_by_team_and_category() {
    let t = grouped_input_tickets();
    let standards = [standard("2020-01-01", 60, 24 * 60)];
    let env = Env::new(&["Team A", "Team B", "Hardware", "Software"]);
    let input = env.input(&standards, &t, &[], LATER);
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let m = compute_period(&input, d("2026-07-01"), d("2026-08-01"), GroupBy::Team);
    let rows: Vec<String> = m
        .groups
        .iter()
        .map(|g| {
            let f = &g.figures;
            format!(
                "{} vol={} within={:?} median={:?} p90={:?} reassign={:?} reopen={:?}",
                g.key.as_deref().unwrap_or("-"),
                f.volume,
                f.resolved_within_target_pct,
                f.median_resolution_hours,
                f.p90_resolution_hours,
                f.mean_reassignments,
                f.mean_reopens
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            "Team A vol=2 within=Some(50.0) median=Some(16.0) p90=Some(27.2) reassign=Some(1.5) reopen=Some(0.0)",
            "Team B vol=3 within=Some(33.333333333333336) median=Some(40.0) p90=Some(48.0) reassign=Some(1.0) reopen=Some(0.3333333333333333)",
        ]
    );
    let by_cat = compute_period(&input, d("2026-07-01"), d("2026-08-01"), GroupBy::Category);
    let keys: Vec<(Option<&str>, u64)> = by_cat
        .groups
        .iter()
        .map(|g| (g.key.as_deref(), g.figures.volume))
        .collect();
    assert_eq!(keys, vec![(Some("Hardware"), 3), (Some("Software"), 2)]);

    // Breach analysis and drill-down agree with the figures.
    let b = breach_analysis(&input, Q3);
    assert_eq!((b.resolution_breaches, b.resolution_measured), (3, 5));
    let by_group: Vec<(Option<&str>, u64)> = b
        .by_group
        .iter()
        .map(|c| (c.key.as_deref(), c.breaches))
        .collect();
    assert_eq!(by_group, vec![(Some("Team B"), 2), (Some("Team A"), 1)]);
    assert_eq!(b.longest[0].ticket_id, 5);
    assert_eq!(b.without_history, 3);
    let start = Q3.start_secs();
    let end = Quarter { year: 2026, q: 4 }.start_secs();
    let ids = |scope: DrillScope, m: DrillMeasure| -> Vec<i64> {
        drill(&input, start, end, &scope, m)
            .iter()
            .map(|d| d.ticket.id)
            .collect()
    };
    assert_eq!(
        ids(DrillScope::Overall, DrillMeasure::ResolutionBreached),
        vec![2, 4, 5]
    );
    assert_eq!(
        ids(
            DrillScope::Group(Some("Team A".into())),
            DrillMeasure::ResolutionMet
        ),
        vec![1]
    );
    assert_eq!(
        ids(
            DrillScope::Priority(Some("P2".into())),
            DrillMeasure::Volume
        ),
        vec![2, 4]
    );
}

#[test]
fn a_workspace_recomputes_after_every_change_of_standards_or_data() {
    use crate::support::{clock, fixture};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqm");
    let mut ws = sqm_core::workspace::Workspace::create(&path).unwrap();
    ws.import_file(
        &fixture("servicenow_event_log_sample.csv"),
        &Default::default(),
        &clock(),
        &mut |_| {},
    )
    .unwrap();
    let q = Quarter { year: 2016, q: 1 };
    let first = ws.metrics(q, &clock()).unwrap().overall;
    assert_eq!(ws.metrics(q, &clock()).unwrap().overall, first);

    // A tighter standard (a new version from 2000-01-01 is not allowed: edit the only one).
    let service = &ws.services().unwrap()[0];
    let mut input = sqm_core::domain::StandardInput::plan_default(
        service.service.id,
        service.standards[0].effective_from,
    );
    input.resolution_minutes = 60;
    ws.update_standard(service.standards[0].id, &input).unwrap();
    let tighter = ws.metrics(q, &clock()).unwrap().overall;
    assert!(tighter.resolution.met < first.resolution.met);

    // Another connection to the same file (e.g. the CLI while the app is open) deletes the
    // service with its tickets: the cached tickets must not be reused.
    let other = sqm_core::workspace::Workspace::open(&path).unwrap();
    other.delete_service(service.service.id, true).unwrap();
    let after = ws.metrics(q, &clock()).unwrap().overall;
    assert_eq!((after.volume, after.resolution.measured), (0, 0));
}

proptest::proptest! {
    /// Selection and sorting agree on any values and any percentile.
    #[test]
    fn percentile_by_selection_equals_percentile_of_sorted(
        values in proptest::collection::vec(0.0f64..10_000.0, 0..200),
        p in 0.0f64..=1.0,
    ) {
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        let mut work = values.clone();
        proptest::prop_assert_eq!(percentile_inc_select(&mut work, p), percentile_inc(&sorted, p));
    }
}

/// The figures of a window counted from the cached tickets of a wider one (`MetricsInput::window`)
/// and their kept judgements (`Judged`) equal those of a fresh read of that window alone (from
/// the fact blocks; `tests/store.rs` checks those against the table), for every quarter of the demo data, business time and 24×7, with and without
/// pauses, now and at a moment inside the last quarter (outcomes still undecided then).
#[test]
fn a_window_cut_from_the_cache_equals_a_fresh_read() {
    use crate::support::clock;
    use sqm_core::workspace::Workspace;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqm");
    let ws = Workspace::create(&path).unwrap();
    sqm_core::demo::populate(&ws, &sqm_core::demo::DemoSpec::default()).unwrap();
    drop(ws);
    let cached = Workspace::open(&path).unwrap();
    let last = Quarter { year: 2026, q: 3 };
    // The widest window first: every later request is cut from it.
    cached.metrics(last, &clock()).unwrap();
    let mid_quarter = sqm_core::clock::FixedClock(crate::support::at("2026-08-20 10:30"));
    for (calendar, pauses, now) in [
        (None, true, clock()),
        (Some("24x7".to_string()), true, clock()),
        (None, false, clock()),
        (None, true, mid_quarter),
    ] {
        let options = MeasureOptions { calendar, pauses };
        for q in last.trailing(5) {
            let fresh = Workspace::open(&path).unwrap();
            let want = fresh.quarter_figures(q, &options, &now).unwrap();
            let got = cached.quarter_figures(q, &options, &now).unwrap();
            assert_eq!(got, want, "{q} {options:?} {}", now.0);
            assert!(
                q < Quarter { year: 2025, q: 3 } || want.overall.volume > 0,
                "{q}"
            );
            let fresh = Workspace::open(&path).unwrap();
            assert_eq!(
                cached.metrics_with(q, &options, &now).unwrap(),
                fresh.metrics_with(q, &options, &now).unwrap(),
                "{q} {options:?} {}",
                now.0
            );
        }
    }
}

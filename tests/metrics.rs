//! Metric definitions as tables of hand-computed cases (SPEC.md "Metrics").

use crate::support::secs;
use expect_test::{expect, Expect};
use sqm_core::domain::{QualityStandard, Quarter, Scale, Service};
use sqm_core::metrics::{
    compute_quarter, percentile_inc, Figures, MetricsInput, ResponseFacts, Targets, TicketFacts,
};

/// A ticket as text: opened, first response (minutes after opening), resolved (minutes after).
struct T(&'static str, Option<i64>, Option<i64>);

fn facts(tickets: &[T], priority: Option<&str>) -> Vec<TicketFacts> {
    tickets
        .iter()
        .map(|T(opened, resp, res)| {
            let o = secs(opened);
            TicketFacts {
                service_id: 1,
                priority: priority.map(str::to_string),
                opened: o,
                first_response: resp.map(|m| o + m * 60),
                resolved: res.map(|m| o + m * 60),
                reassignment_count: 0,
                reopen_count: 0,
                response_tracked: true,
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
    }
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
    let svc = services();
    let input = MetricsInput {
        services: &svc,
        standards,
        tickets,
        responses,
        targets: Targets::default(),
        as_of: secs(as_of),
    };
    compute_quarter(&input, quarter)
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

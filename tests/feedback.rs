//! Feedback and continual improvement: CSAT across scales, the change between a baseline and
//! now, the programme evaluation, each action's measured result, the comment excerpts, the
//! review meeting's pre-fill, the records' store round trip, and the pack's sections agreeing
//! with the screen's figures. Expected values are computed by hand in the comments.

use chrono::NaiveDate;
use sqm_core::domain::{Quarter, Scale, ServiceInput};
use sqm_core::feedback::*;
use sqm_core::metrics::{Attainment, Figures};
use sqm_core::workspace::Workspace;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn q(s: &str) -> Quarter {
    s.parse().unwrap()
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn satisfied_is_the_top_two_points_of_each_scale() {
    // (min, max, score, satisfied)
    let table = [
        (1, 5, 5.0, true),
        (1, 5, 4.0, true),
        (1, 5, 3.0, false),
        (1, 5, 1.0, false),
        (1, 10, 10.0, true),
        (1, 10, 9.0, true),
        (1, 10, 8.0, false),
        (0, 10, 9.0, true),
        (0, 10, 8.5, false),
        (0, 1, 1.0, true),
        (0, 1, 0.0, false),
        (1, 3, 2.0, true),
        (1, 3, 1.0, false),
    ];
    for (min, max, score, want) in table {
        assert_eq!(
            Scale { min, max }.is_satisfied(score),
            want,
            "{score} on {min}–{max}"
        );
    }
}

fn workspace() -> (tempfile::TempDir, Workspace, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create(&dir.path().join("f.sqm")).unwrap();
    let a = ws
        .create_service(
            &ServiceInput {
                code: "A".into(),
                name: "服务甲".into(),
                owner: String::new(),
                team: String::new(),
            },
            d("2025-01-01"),
        )
        .unwrap()
        .id;
    let b = ws
        .create_service(
            &ServiceInput {
                code: "B".into(),
                name: "服务乙".into(),
                owner: String::new(),
                team: String::new(),
            },
            d("2025-01-01"),
        )
        .unwrap()
        .id;
    (dir, ws, a, b)
}

fn response(
    service_id: i64,
    on: &str,
    score: f64,
    scale: (i32, i32),
    comment: &str,
) -> FeedbackRecord {
    FeedbackRecord::Response {
        id: None,
        service_id,
        channel: "survey".into(),
        responded_on: d(on),
        score,
        scale_min: scale.0,
        scale_max: scale.1,
        comment: comment.into(),
        ticket_key: String::new(),
    }
}

/// CSAT and the mean over responses on three scales, through the metrics the dashboard uses.
#[test]
fn csat_across_scales_by_service_and_quarter() {
    let (_dir, ws, a, b) = workspace();
    // Service A, 2026Q3: 1–5 scores 5, 4, 3, 2 → satisfied 2 of 4; 1–10 scores 10, 9, 8 →
    // satisfied 2 of 3; yes/no 1, 0, 1 → 2 of 3. CSAT = 6 / 10 = 60%.
    // Mean on 1–5: 5, 4, 3, 2 → 5, 4, 3, 2; 10, 9, 8 on 1–10 → 1 + 4·(s−1)/9 = 5, 4.5556, 4.1111;
    // yes/no → 5, 1, 5. Sum = 14 + 13.6667 + 11 = 38.6667; mean = 3.86667.
    for (score, scale) in [
        (5.0, (1, 5)),
        (4.0, (1, 5)),
        (3.0, (1, 5)),
        (2.0, (1, 5)),
        (10.0, (1, 10)),
        (9.0, (1, 10)),
        (8.0, (1, 10)),
        (1.0, (0, 1)),
        (0.0, (0, 1)),
        (1.0, (0, 1)),
    ] {
        ws.save_feedback(&response(a, "2026-08-10", score, scale, ""))
            .unwrap();
    }
    // Service B, 2026Q3: 1–10 scores 7 and 10 → 1 of 2 = 50%. 2026Q2: 4 on 1–5 → 100%.
    ws.save_feedback(&response(b, "2026-09-01", 7.0, (1, 10), ""))
        .unwrap();
    ws.save_feedback(&response(b, "2026-09-02", 10.0, (1, 10), ""))
        .unwrap();
    ws.save_feedback(&response(b, "2026-05-02", 4.0, (1, 5), ""))
        .unwrap();
    let clock = crate::support::clock();
    let f = ws.feedback(Some(q("2026Q3")), &clock).unwrap();
    let row = |svc: Option<i64>, quarter: &str| {
        f.satisfaction
            .iter()
            .find(|r| r.service_id == svc && r.quarter == q(quarter))
            .unwrap_or_else(|| panic!("row {svc:?} {quarter}"))
    };
    // (service, quarter, responses, CSAT, mean)
    type Want = (Option<i64>, &'static str, u64, Option<f64>, Option<f64>);
    let want: [Want; 5] = [
        (
            Some(a),
            "2026Q3",
            10,
            Some(60.0),
            Some(38.666_666_666_666_664 / 10.0),
        ),
        (
            Some(b),
            "2026Q3",
            2,
            Some(50.0),
            Some((1.0 + 4.0 * 6.0 / 9.0 + 5.0) / 2.0),
        ),
        (Some(b), "2026Q2", 1, Some(100.0), Some(4.0)),
        (Some(a), "2026Q2", 0, None, None),
        // Overall 2026Q3: 7 of 12.
        (None, "2026Q3", 12, Some(700.0 / 12.0), None),
    ];
    for (svc, quarter, n, csat, mean) in want {
        let r = row(svc, quarter);
        assert_eq!(r.responses, n, "{svc:?} {quarter}");
        assert!(
            close(r.csat, csat),
            "{svc:?} {quarter}: {:?} ≠ {csat:?}",
            r.csat
        );
        if svc.is_some() {
            assert!(
                close(r.mean_score, mean),
                "{svc:?} {quarter}: {:?}",
                r.mean_score
            );
        }
    }
    // By channel: all twelve came in as survey, seven satisfied.
    assert_eq!(f.channels.len(), 1);
    assert_eq!((f.channels[0].responses, f.channels[0].satisfied), (12, 7));
}

fn figures(response: Option<f64>, csat: Option<f64>, median: Option<f64>, volume: u64) -> Figures {
    Figures {
        volume,
        resolved: 100,
        response: Attainment {
            measured: 100,
            met: 0,
            pct: response,
            running: 0,
        },
        csat,
        median_resolution_hours: median,
        ..Default::default()
    }
}

#[test]
fn change_between_baseline_and_now() {
    // (metric, baseline, now, abs, rel %, improved)
    type Case = (
        MetricKey,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<bool>,
    );
    let table: [Case; 8] = [
        (
            MetricKey::Csat,
            Some(80.0),
            Some(88.0),
            Some(8.0),
            Some(10.0),
            Some(true),
        ),
        (
            MetricKey::Csat,
            Some(80.0),
            Some(76.0),
            Some(-4.0),
            Some(-5.0),
            Some(false),
        ),
        (
            MetricKey::MedianResolutionHours,
            Some(10.0),
            Some(8.0),
            Some(-2.0),
            Some(-20.0),
            Some(true),
        ),
        (
            MetricKey::MedianResolutionHours,
            Some(4.0),
            Some(5.0),
            Some(1.0),
            Some(25.0),
            Some(false),
        ),
        (
            MetricKey::Volume,
            Some(100.0),
            Some(150.0),
            Some(50.0),
            Some(50.0),
            None,
        ),
        (
            MetricKey::Complaints,
            Some(0.0),
            Some(2.0),
            Some(2.0),
            None,
            Some(false),
        ),
        (MetricKey::Csat, None, Some(90.0), None, None, None),
        (
            MetricKey::ReopenRate,
            Some(5.0),
            Some(5.0),
            Some(0.0),
            Some(0.0),
            None,
        ),
    ];
    for (k, b, n, abs, rel, improved) in table {
        let c = change(k, b, n);
        assert!(close(c.abs, abs), "{k:?} {b:?}→{n:?}: abs {:?}", c.abs);
        assert!(
            close(c.rel_pct, rel),
            "{k:?} {b:?}→{n:?}: rel {:?}",
            c.rel_pct
        );
        assert_eq!(c.improved, improved, "{k:?} {b:?}→{n:?}");
    }
}

#[test]
fn programme_evaluation_judges_both_targets() {
    let targets = ProgrammeTargets::default();
    assert_eq!(
        (targets.efficiency_pct, targets.satisfaction_pct),
        (20.0, 10.0)
    );
    // (baseline median h, now median h, baseline CSAT, now CSAT, efficiency met, satisfaction met)
    // 10 → 8 is −20% exactly: met. 80 → 88 is +10% exactly: met. 10 → 8.1 is −19%: not met.
    // 80 → 87.9 is +9.875%: not met. A missing figure cannot be judged.
    let table = [
        (
            Some(10.0),
            Some(8.0),
            Some(80.0),
            Some(88.0),
            Some(true),
            Some(true),
        ),
        (
            Some(10.0),
            Some(8.1),
            Some(80.0),
            Some(87.9),
            Some(false),
            Some(false),
        ),
        (
            Some(10.0),
            Some(5.0),
            Some(90.0),
            Some(85.0),
            Some(true),
            Some(false),
        ),
        (None, Some(5.0), Some(90.0), None, None, None),
    ];
    for (bm, nm, bc, nc, eff, sat) in table {
        let base = figures(Some(90.0), bc, bm, 1000);
        let now = figures(Some(95.0), nc, nm, 1200);
        let e = programme_evaluation(
            (q("2025Q3"), &base, Extra::default()),
            (q("2026Q3"), &now, Extra::default()),
            targets,
        );
        assert_eq!(e.efficiency.met, eff, "{bm:?}→{nm:?}");
        assert_eq!(e.satisfaction.met, sat, "{bc:?}→{nc:?}");
        let row = |k: MetricKey| e.rows.iter().find(|r| r.metric == k).unwrap().change;
        // The response attainment row: 90 → 95, +5 points, +5.556%.
        let r = row(MetricKey::ResponseAttainment);
        assert!(close(r.abs, Some(5.0)) && close(r.rel_pct, Some(5.0 / 90.0 * 100.0)));
        // Volume 1000 → 1200: +200, +20%, neither better nor worse.
        let v = row(MetricKey::Volume);
        assert!(close(v.abs, Some(200.0)) && v.improved.is_none());
    }
    // Editable targets: with 5% and 5%, 10 → 9.5 h (−5%) and 80 → 84 (+5%) are both met.
    let e = programme_evaluation(
        (
            q("2025Q3"),
            &figures(None, Some(80.0), Some(10.0), 1),
            Extra::default(),
        ),
        (
            q("2026Q3"),
            &figures(None, Some(84.0), Some(9.5), 1),
            Extra::default(),
        ),
        ProgrammeTargets {
            efficiency_pct: 5.0,
            satisfaction_pct: 5.0,
        },
    );
    assert_eq!(
        (e.efficiency.met, e.satisfaction.met),
        (Some(true), Some(true))
    );
}

#[test]
fn resolved_per_staff_and_complaints_come_from_the_extra_counts() {
    let f = figures(None, None, None, 10);
    let with = |complaints, resolvers| Extra {
        complaints,
        resolvers,
    };
    assert_eq!(
        value(&f, with(0, 4), MetricKey::ResolvedPerStaff),
        Some(25.0)
    );
    assert_eq!(value(&f, with(0, 0), MetricKey::ResolvedPerStaff), None);
    assert_eq!(value(&f, with(3, 0), MetricKey::Complaints), Some(3.0));
    assert_eq!(value(&f, with(0, 0), MetricKey::Volume), Some(10.0));
}

fn action(
    status: ActionStatus,
    done: Option<&str>,
    due: &str,
    metric: Option<MetricKey>,
    baseline: Option<f64>,
    target: Option<f64>,
) -> Action {
    Action {
        id: 1,
        code: "CSI-001".into(),
        title: "t".into(),
        description: String::new(),
        origin: Origin::Review,
        meeting_id: None,
        owner_staff_id: None,
        due_on: d(due),
        status,
        done_on: done.map(d),
        metric,
        service_id: None,
        baseline_quarter: Some(q("2025Q4")),
        baseline_value: baseline,
        target_value: target,
    }
}

/// The result fill-in: the metric in each full quarter that began after the action was done,
/// the latest of them as "measured after", judged against the target.
#[test]
fn action_results_are_filled_in_from_the_following_quarters() {
    let series = [
        QuarterValue {
            quarter: q("2025Q4"),
            value: Some(80.0),
        },
        QuarterValue {
            quarter: q("2026Q1"),
            value: Some(84.0),
        },
        QuarterValue {
            quarter: q("2026Q2"),
            value: Some(91.0),
        },
        QuarterValue {
            quarter: q("2026Q3"),
            value: Some(89.0),
        },
    ];
    let today = d("2026-11-25");
    use ActionStatus::*;
    use MetricKey::*;
    // (action, after quarters, measured (quarter, value), achieved, overdue)
    type Case = (
        Action,
        &'static [&'static str],
        Option<(&'static str, f64)>,
        Option<bool>,
        bool,
    );
    let cases: Vec<Case> = vec![
        // Done 2026-01-15: quarters starting after it are Q2 and Q3; measured = Q3's 89 ≥ 88.
        (
            action(
                Done,
                Some("2026-01-15"),
                "2026-02-01",
                Some(Csat),
                Some(80.0),
                Some(88.0),
            ),
            &["2026Q2", "2026Q3"],
            Some(("2026Q3", 89.0)),
            Some(true),
            false,
        ),
        // Same, target 90: 89 < 90, not achieved (Q2's 91 does not count: the latest does).
        (
            action(
                Done,
                Some("2026-01-15"),
                "2026-02-01",
                Some(Csat),
                Some(80.0),
                Some(90.0),
            ),
            &["2026Q2", "2026Q3"],
            Some(("2026Q3", 89.0)),
            Some(false),
            false,
        ),
        // Done on the last day of Q1: Q2 starts after it.
        (
            action(
                Done,
                Some("2026-03-31"),
                "2026-03-31",
                Some(Csat),
                None,
                Some(85.0),
            ),
            &["2026Q2", "2026Q3"],
            Some(("2026Q3", 89.0)),
            Some(true),
            false,
        ),
        // Done on the first day of Q3: Q3 did not start after it; nothing measured yet.
        (
            action(
                Done,
                Some("2026-07-01"),
                "2026-07-01",
                Some(Csat),
                Some(80.0),
                Some(85.0),
            ),
            &[],
            None,
            None,
            false,
        ),
        // Lower is better: median hours 89 > target 85 → not achieved.
        (
            action(
                Done,
                Some("2026-04-20"),
                "2026-05-01",
                Some(MedianResolutionHours),
                Some(95.0),
                Some(85.0),
            ),
            &["2026Q3"],
            Some(("2026Q3", 89.0)),
            Some(false),
            false,
        ),
        // Volume has no direction: never judged.
        (
            action(
                Done,
                Some("2026-01-15"),
                "2026-02-01",
                Some(Volume),
                Some(80.0),
                Some(100.0),
            ),
            &["2026Q2", "2026Q3"],
            Some(("2026Q3", 89.0)),
            None,
            false,
        ),
        // Not done: no result yet; overdue when due before today.
        (
            action(
                InProgress,
                None,
                "2026-10-31",
                Some(Csat),
                Some(80.0),
                Some(88.0),
            ),
            &[],
            None,
            None,
            true,
        ),
        (
            action(Open, None, "2026-12-31", Some(Csat), Some(80.0), Some(88.0)),
            &[],
            None,
            None,
            false,
        ),
        // Cancelled and done actions are never overdue.
        (
            action(Cancelled, None, "2026-01-31", Some(Csat), None, None),
            &[],
            None,
            None,
            false,
        ),
        // No metric: nothing to measure.
        (
            action(Done, Some("2026-01-15"), "2026-01-01", None, None, None),
            &[],
            None,
            None,
            false,
        ),
        // No target: measured but not judged.
        (
            action(
                Done,
                Some("2026-01-15"),
                "2026-02-01",
                Some(Csat),
                Some(80.0),
                None,
            ),
            &["2026Q2", "2026Q3"],
            Some(("2026Q3", 89.0)),
            None,
            false,
        ),
    ];
    for (i, (a, after, measured, achieved, overdue)) in cases.into_iter().enumerate() {
        let v = action_view(&a, &series, today);
        let got: Vec<String> = v.after.iter().map(|p| p.quarter.to_string()).collect();
        assert_eq!(got, after.to_vec(), "case {i}");
        assert_eq!(
            v.measured
                .map(|m| (m.quarter.to_string(), m.value.unwrap())),
            measured.map(|(q, v)| (q.to_string(), v)),
            "case {i}"
        );
        assert_eq!(v.achieved, achieved, "case {i}");
        assert_eq!(v.overdue, overdue, "case {i}");
    }
    // The lower-is-better case above with a reachable target: 89 ≤ 90.
    let a = action(
        Done,
        Some("2026-04-20"),
        "2026-05-01",
        Some(MedianResolutionHours),
        Some(95.0),
        Some(90.0),
    );
    assert_eq!(action_view(&a, &series, today).achieved, Some(true));
    // The change reported is baseline → measured: 95 → 89 h, −6, better.
    let c = action_view(&a, &series, today).change.unwrap();
    assert!(close(c.abs, Some(-6.0)) && c.improved == Some(true));
    // A quarter without data is skipped for "measured": the latest quarter with a value counts.
    let gap = [
        QuarterValue {
            quarter: q("2026Q2"),
            value: Some(70.0),
        },
        QuarterValue {
            quarter: q("2026Q3"),
            value: None,
        },
    ];
    let a = action(
        Done,
        Some("2026-01-15"),
        "2026-02-01",
        Some(Csat),
        None,
        Some(60.0),
    );
    let v = action_view(&a, &gap, today);
    assert_eq!(v.measured.map(|m| m.quarter), Some(q("2026Q2")));
}

fn resp(
    id: i64,
    service_id: i64,
    on: &str,
    score: f64,
    scale: (i32, i32),
    comment: &str,
) -> Response {
    Response {
        id,
        service_id,
        channel: "survey".into(),
        source: "manual".into(),
        responded_on: d(on),
        score,
        scale_min: scale.0,
        scale_max: scale.1,
        satisfied: Scale {
            min: scale.0,
            max: scale.1,
        }
        .is_satisfied(score),
        comment: comment.into(),
        ticket_key: String::new(),
    }
}

#[test]
fn excerpts_pick_the_lowest_and_highest_by_rule() {
    let rs = vec![
        resp(1, 1, "2026-07-01", 1.0, (1, 5), "worst"), // 0.0
        resp(2, 1, "2026-07-02", 3.0, (1, 10), "low ten"), // 2/9 = 0.222
        resp(3, 1, "2026-07-03", 2.0, (1, 5), "older two"), // 0.25
        resp(4, 1, "2026-07-09", 2.0, (1, 5), "newer two"), // 0.25
        resp(5, 1, "2026-07-04", 5.0, (1, 5), "best"),  // 1.0
        resp(6, 1, "2026-07-05", 10.0, (1, 10), "best ten"), // 1.0, newer than 5
        resp(7, 1, "2026-07-06", 1.0, (1, 5), ""),      // no comment: never chosen
        resp(8, 2, "2026-07-06", 1.0, (0, 1), "yes"),   // service 2: one response
    ];
    let e = excerpts(&rs, 2);
    assert_eq!(e.len(), 2);
    let ids = |v: &[Response]| v.iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(e[0].service_id, 1);
    assert_eq!(ids(&e[0].lowest), vec![1, 2]);
    assert_eq!(ids(&e[0].highest), vec![6, 5]);
    // With three each, the tie at 0.25 goes to the newer (4) first.
    let e3 = excerpts(&rs, 3);
    assert_eq!(ids(&e3[0].lowest), vec![1, 2, 4]);
    assert_eq!(ids(&e3[0].highest), vec![6, 5, 3]);
    // One response is lowest, never also highest.
    assert_eq!(ids(&e[1].lowest), vec![8]);
    assert!(e[1].highest.is_empty());
}

#[test]
fn records_round_trip_and_refuse_bad_values() {
    let (_dir, ws, a, _) = workspace();
    let meeting = ws
        .save_feedback(&FeedbackRecord::Meeting {
            id: None,
            quarter: q("2026Q2"),
            held_on: d("2026-07-15"),
            title: "评审会".into(),
            attendees: vec![],
            findings: "发现".into(),
            decisions: "一\n二".into(),
        })
        .unwrap();
    let act = |code: &str| FeedbackRecord::Action {
        id: None,
        code: code.into(),
        title: "措施".into(),
        description: String::new(),
        origin: Origin::Review,
        meeting_id: Some(meeting),
        owner_staff_id: None,
        due_on: d("2026-09-30"),
        status: ActionStatus::Open,
        done_on: None,
        metric: Some(MetricKey::Csat),
        service_id: Some(a),
        baseline_quarter: Some(q("2026Q2")),
        baseline_value: Some(80.0),
        target_value: Some(85.0),
    };
    // Codes are assigned in sequence when left empty.
    let a1 = ws.save_feedback(&act("")).unwrap();
    let a2 = ws.save_feedback(&act("")).unwrap();
    let clock = crate::support::clock();
    let f = ws.feedback(Some(q("2026Q3")), &clock).unwrap();
    let codes: Vec<&str> = f.actions.iter().map(|v| v.action.code.as_str()).collect();
    assert_eq!(codes, vec!["CSI-001", "CSI-002"]);
    // A duplicate code is refused with a message naming it.
    let e = ws.save_feedback(&act("CSI-001")).unwrap_err();
    assert!(e.to_string().contains("CSI-001"), "{e}");
    // A complaint linked to an action; deleting the action is refused, then cascades.
    ws.save_feedback(&FeedbackRecord::Complaint {
        id: None,
        received_on: d("2026-08-01"),
        service_id: Some(a),
        channel: "电话".into(),
        severity: Severity::High,
        description: "慢".into(),
        loss_cents: Some(12_345),
        status: ComplaintStatus::Open,
        resolution: String::new(),
        resolved_on: None,
        ticket_key: String::new(),
        action_id: Some(a1),
    })
    .unwrap();
    let e = ws
        .delete_feedback(FeedbackKind::Action, a1, false)
        .unwrap_err();
    assert_eq!(e.code(), "in_use", "{e}");
    ws.delete_feedback(FeedbackKind::Action, a1, true).unwrap();
    let f = ws.feedback(Some(q("2026Q3")), &clock).unwrap();
    assert_eq!(f.complaints[0].action_id, None, "the link is cleared");
    assert_eq!(f.complaints[0].loss_cents, Some(12_345));
    // The meeting is referenced by the remaining action.
    assert_eq!(
        ws.delete_feedback(FeedbackKind::Meeting, meeting, false)
            .unwrap_err()
            .code(),
        "in_use"
    );
    let _ = a2;
    // Bad values: (record, the words the message must contain)
    let bad: Vec<(FeedbackRecord, &str)> = vec![
        (
            response(a, "2026-08-01", 6.0, (1, 5), ""),
            "outside the scale",
        ),
        (response(a, "2026-08-01", 1.0, (5, 5), ""), "not a scale"),
        (
            response(a, "2026-08-01", f64::NAN, (1, 5), ""),
            "outside the scale",
        ),
        (
            FeedbackRecord::Interview {
                id: None,
                held_on: d("2026-08-01"),
                department: "财务部".into(),
                interviewee: String::new(),
                service_id: None,
                notes: String::new(),
                judgement: 6,
            },
            "judgement",
        ),
        (
            FeedbackRecord::Complaint {
                id: None,
                received_on: d("2026-08-01"),
                service_id: None,
                channel: "电话".into(),
                severity: Severity::Low,
                description: "x".into(),
                loss_cents: Some(-1),
                status: ComplaintStatus::Open,
                resolution: String::new(),
                resolved_on: None,
                ticket_key: String::new(),
                action_id: None,
            },
            "negative",
        ),
        (
            FeedbackRecord::Complaint {
                id: None,
                received_on: d("2026-08-01"),
                service_id: None,
                channel: "电话".into(),
                severity: Severity::Low,
                description: "x".into(),
                loss_cents: None,
                status: ComplaintStatus::Resolved,
                resolution: String::new(),
                resolved_on: Some(d("2026-07-01")),
                ticket_key: String::new(),
                action_id: None,
            },
            "before the complaint",
        ),
        (
            FeedbackRecord::Action {
                id: None,
                code: String::new(),
                title: "x".into(),
                description: String::new(),
                origin: Origin::Audit,
                meeting_id: None,
                owner_staff_id: None,
                due_on: d("2026-09-30"),
                status: ActionStatus::Done,
                done_on: None,
                metric: None,
                service_id: None,
                baseline_quarter: None,
                baseline_value: None,
                target_value: None,
            },
            "done on",
        ),
        (
            FeedbackRecord::Meeting {
                id: None,
                quarter: q("2026Q3"),
                held_on: d("2026-10-15"),
                title: " ".into(),
                attendees: vec![],
                findings: String::new(),
                decisions: String::new(),
            },
            "title",
        ),
        (
            FeedbackRecord::Meeting {
                id: None,
                quarter: q("2026Q3"),
                held_on: d("2026-10-15"),
                title: "x".into(),
                attendees: vec![999],
                findings: String::new(),
                decisions: String::new(),
            },
            "attendee 999",
        ),
    ];
    for (rec, words) in bad {
        let e = ws.save_feedback(&rec).unwrap_err();
        assert!(e.to_string().contains(words), "{rec:?}: {e}");
    }
    // Nothing half written: still one meeting, one complaint.
    let f = ws.feedback(Some(q("2026Q3")), &clock).unwrap();
    assert_eq!((f.meetings.len(), f.complaints.len()), (1, 1));
}

/// On the demo: the pre-fill lists exactly the standards the dashboard shows as missed, and
/// the pack's feedback sections carry the screen's figures.
#[test]
fn demo_prefill_and_pack_agree_with_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create(&dir.path().join("demo.sqm")).unwrap();
    sqm_core::demo::populate(&ws, &sqm_core::demo::DemoSpec::default()).unwrap();
    let clock = crate::support::clock();
    let quarter = q("2026Q3");
    let f = ws.feedback(Some(quarter), &clock).unwrap();
    let m = ws.metrics(quarter, &clock).unwrap();
    let missed: usize = m
        .services
        .iter()
        .map(|s| s.checks.iter().filter(|c| c.met == Some(false)).count())
        .sum();
    assert_eq!(f.prefill.missed.len(), missed);
    assert_eq!(
        (m.standards_met, m.standards_measured),
        (f.prefill.standards_met, f.prefill.standards_measured)
    );
    assert_eq!(f.actions.len(), 12);
    assert_eq!(f.meetings.len(), 2);
    assert!(f.actions.iter().any(|a| a.overdue));
    assert!(f.actions.iter().any(|a| a.achieved == Some(true)));
    assert!(f.actions.iter().any(|a| a.achieved == Some(false)));
    let e = f.evaluation.as_ref().unwrap();
    assert_eq!(e.baseline, q("2025Q3"));
    // Resolved per staff: the people counted from the loaded tickets are the store's SQL count
    // (distinct non-empty assignees resolving in the quarter), overall and per service.
    let quarters = quarter.trailing(4);
    let counted = ws.resolvers(&quarters).unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("demo.sqm")).unwrap();
    let mut checked = 0;
    for &qq in &quarters {
        for svc in std::iter::once(None).chain(m.services.iter().map(|s| Some(s.service_id))) {
            let sql =
                sqm_core::store::resolvers(&conn, qq.start_secs(), qq.end_secs(), svc).unwrap();
            assert_eq!(
                counted.get(&(qq, svc)).copied().unwrap_or(0),
                sql,
                "{qq} {svc:?}"
            );
            checked += u64::from(sql > 0);
        }
    }
    assert!(checked > 10, "only {checked} non-zero resolver counts");
    // The pack: 20 pages or more, the new sections, and the figures of the screen.
    let pdf = ws
        .quarterly_pack(Some(quarter), sqm_core::report::Lang::Zh, &clock)
        .unwrap();
    let Some((text, pages)) = crate::report::read_back(&pdf, "feedback-zh.pdf") else {
        return;
    };
    assert!(pages >= 20, "{pages} pages");
    let flat = crate::report::squash(&text);
    let overall = f
        .satisfaction
        .iter()
        .find(|r| r.service_id.is_none() && r.quarter == quarter)
        .unwrap();
    let mut phrases: Vec<String> = vec![
        "6 满意度与意见".into(),
        "7 投诉".into(),
        "9 改进措施及成效".into(),
        "10 上次评审的决定".into(),
        "附录 C 数据来源".into(),
        "三大问题".into(),
        "需要管理层决定的事项".into(),
        format!("项目评估：2026Q3 对比基线 2025Q3"),
        format!(
            "全部服务 {} {}",
            sqm_core::report::fmt_count(overall.responses),
            sqm_core::report::fmt_pct(overall.csat)
        ),
        "2026 年第 2 季度服务质量评审会".into(),
    ];
    for a in &f.actions {
        phrases.push(a.action.code.clone());
        if let Some(mv) = a.measured {
            let k = a.action.metric.unwrap();
            phrases.push(format!(
                "{} ({})",
                sqm_core::report::fmt_metric(k, mv.value),
                mv.quarter
            ));
        }
    }
    for issue in sqm_core::report::top_issues(
        &sqm_core::report::FeedbackInput {
            names: false,
            data: f.clone(),
            services: vec![],
            staff: vec![],
        },
        sqm_core::report::Lang::Zh,
    ) {
        // The issues name services by name, which the test input above leaves out; the
        // figures in them are the same.
        let pct = issue
            .split_whitespace()
            .find(|w| w.ends_with('%'))
            .map(str::to_string);
        if let Some(p) = pct {
            phrases.push(p.trim_end_matches(['，', '。']).to_string());
        }
    }
    for p in &phrases {
        assert!(
            flat.contains(&crate::report::squash(p)),
            "missing {p:?} in the pack"
        );
    }
    // Owners are shown by team unless the workspace allows names.
    assert!(flat.contains(&crate::report::squash("负责团队")));
}

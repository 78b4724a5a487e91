//! Tests for issue 11 (process): the pure calculations of `sqm_core::process` — state paths,
//! the directly-follows map with its variants and conformance, the request process's step times
//! and bottleneck, the assessment's dimension scores, and the default library. Every expected
//! value is computed by hand in the comment beside it.

use sqm_core::process::assess::scores;
use sqm_core::process::defaults::{library, questionnaire};
use sqm_core::process::mining::{conforms, process_map, state_path};
use sqm_core::process::steps::step_times;
use sqm_core::process::{
    Dimension, Evidence, Group, Item, Milestone, ProcessKind, Questionnaire, Respondent, SopStep,
    TicketMilestones, Transition,
};

const H: i64 = 3600;

/// Hours (may be fractional) as seconds.
fn h(x: f64) -> i64 {
    (x * H as f64).round() as i64
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

#[track_caller]
fn assert_close(got: Option<f64>, want: Option<f64>, what: &str) {
    assert!(close(got, want), "{what}: got {got:?}, want {want:?}");
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn expected() -> Vec<String> {
    strings(&["New", "Active", "Resolved", "Closed"])
}

// ---------------------------------------------------------------------------------------------
// State paths and conformance

#[test]
fn state_path_merges_consecutive_repeats_keeping_the_first_moment() {
    type Events = Vec<(i64, &'static str)>;
    let table: Vec<(&str, Events, Events)> = vec![
        ("no events", vec![], vec![]),
        ("one event", vec![(7, "New")], vec![(7, "New")]),
        (
            "one state repeated: one run at its first moment",
            vec![(1, "New"), (2, "New"), (3, "New")],
            vec![(1, "New")],
        ),
        (
            // New New | Active Active Active | Resolved → 3 runs at 1, 3, 6
            "repeats",
            vec![
                (1, "New"),
                (2, "New"),
                (3, "Active"),
                (4, "Active"),
                (5, "Active"),
                (6, "Resolved"),
            ],
            vec![(1, "New"), (3, "Active"), (6, "Resolved")],
        ),
        (
            // a reopen is a new run, not merged with the earlier Active run
            "reopen",
            vec![(1, "Active"), (2, "Resolved"), (3, "Active"), (4, "Active")],
            vec![(1, "Active"), (2, "Resolved"), (3, "Active")],
        ),
        (
            // ties in time keep event order
            "tie in time",
            vec![(5, "New"), (5, "Active"), (5, "Active")],
            vec![(5, "New"), (5, "Active")],
        ),
    ];
    for (what, events, want) in table {
        assert_eq!(state_path(&events), want, "{what}");
    }
}

#[test]
fn conformance_follows_the_expected_order_ignoring_side_states() {
    let exp = expected();
    let table: Vec<(&[&str], bool, &str)> = vec![
        (
            &["New", "Active", "Resolved", "Closed"],
            true,
            "the happy path",
        ),
        (
            &[
                "New",
                "Active",
                "Awaiting User Info",
                "Active",
                "Resolved",
                "Closed",
            ],
            true,
            // side state ignored: New Active Active Resolved Closed = 0 1 1 2 3
            "side state in between",
        ),
        (
            &["Awaiting User Info", "New", "Active"],
            true,
            "side state first, then a path still open",
        ),
        (&["New"], true, "just opened"),
        (&["New", "Active"], true, "still open"),
        (
            &["New", "Resolved", "Closed"],
            false,
            "Active skipped (0 → 2)",
        ),
        (
            &["New", "Active", "Resolved", "Active", "Resolved", "Closed"],
            false,
            "reopen: back from 2 to 1",
        ),
        (&["New", "Active", "New"], false, "loop back to New"),
        (
            &["Active", "Resolved", "Closed"],
            false,
            "does not start at New",
        ),
        (&["Awaiting User Info"], false, "side states only"),
        (&[], false, "empty path"),
    ];
    for (path, want, what) in table {
        assert_eq!(conforms(path, &exp), want, "{what}: {path:?}");
    }
    // an empty expected order conforms nothing
    assert!(!conforms(&["New"], &[]));
    assert!(!conforms(&[], &[]));
}

// ---------------------------------------------------------------------------------------------
// The process map

fn t(from: &str, to: &str, count: u64, cases: u64, median: f64) -> Transition {
    Transition {
        from: from.to_string(),
        to: to.to_string(),
        count,
        cases,
        median_hours: Some(median),
    }
}

#[test]
fn process_map_counts_transitions_variants_and_conformance() {
    let (n, a, r, c, w) = ("New", "Active", "Resolved", "Closed", "Awaiting User Info");
    let cases: Vec<Vec<(i64, &str)>> = vec![
        // A: N@0 A@1 R@5 C@29 → N-A-R-C; N→A 1, A→R 4, R→C 24
        vec![(0, n), (h(1.0), a), (h(5.0), r), (h(29.0), c)],
        // B: N@0 N@0.5 (repeat) A@2 R@4 C@4 (tie) → N-A-R-C; N→A 2 (from the FIRST New),
        //    A→R 2, R→C 0
        vec![(0, n), (h(0.5), n), (h(2.0), a), (h(4.0), r), (h(4.0), c)],
        // C (reopen): N@0 A@1 R@3 A@4 R@10 C@12 → N-A-R-A-R-C; N→A 1, A→R 2, R→A 1, A→R 6,
        //    R→C 2
        vec![
            (0, n),
            (h(1.0), a),
            (h(3.0), r),
            (h(4.0), a),
            (h(10.0), r),
            (h(12.0), c),
        ],
        // D (loop): N@0 A@0.5 W@1 A@3 W@4 A@8 R@9 → N-A-W-A-W-A-R; N→A 0.5, A→W 0.5, W→A 2,
        //    A→W 1, W→A 4, A→R 1
        vec![
            (0, n),
            (h(0.5), a),
            (h(1.0), w),
            (h(3.0), a),
            (h(4.0), w),
            (h(8.0), a),
            (h(9.0), r),
        ],
        // E (one state): N@0 → [New]; no transition, still a variant, a start and an end
        vec![(0, n)],
        // F: N@0 A@3 R@4 C@7 → N-A-R-C; N→A 3, A→R 1, R→C 3
        vec![(0, n), (h(3.0), a), (h(4.0), r), (h(7.0), c)],
        // G: no events: left out (and adds no events)
        vec![],
        // H: A@0 R@1 → A-R; A→R 1; does not start at New
        vec![(0, a), (h(1.0), r)],
        // I: N@0 Cancelled@2 → N-Cancelled; N→Cancelled 2
        vec![(0, n), (h(2.0), "Cancelled")],
        // J: N@0 Duplicate@1 → N-Duplicate; N→Duplicate 1
        vec![(0, n), (h(1.0), "Duplicate")],
    ];
    let m = process_map(&cases, &expected());

    // 9 tickets with events; events 4+5+6+7+1+4+0+2+2+2 = 33
    assert_eq!(m.cases, 9);
    assert_eq!(m.events, 33);
    assert_eq!(m.expected, expected());

    // Expected states seen in expected order, the others in the gaps. Mean positions (index in
    // the path): New 0; Active A1 B1 C1 C3 D1 D3 D5 F1 H0 = 16/9 = 1.78; Resolved A2 B2 C2 C4
    // D6 F2 H1 = 19/7 = 2.71; Closed A3 B3 C5 F3 = 14/4 = 3.5. Cancelled 1 and Duplicate 1 go
    // after New (0 ≤ 1 < 1.78), Cancelled first by name; Awaiting User Info (D: 2 and 4, mean 3)
    // after Resolved (2.71 ≤ 3 < 3.5).
    assert_eq!(
        m.states,
        strings(&[n, "Cancelled", "Duplicate", a, r, w, c])
    );
    // starts: New A B C D E F I J = 8, Active H = 1
    assert_eq!(m.starts, vec![8, 0, 0, 1, 0, 0, 0]);
    // ends: New E, Resolved D H, Closed A B C F, Cancelled I, Duplicate J
    assert_eq!(m.ends, vec![1, 1, 1, 0, 2, 0, 4]);

    // Transitions, by count desc then from, to:
    // A→R: A4 B2 C2 C6 D1 F1 H1 = 7 times in 6 tickets; sorted 1 1 1 2 2 4 6 → median 2
    // N→A: A1 B2 C1 D0.5 F3 = 5 in 5; sorted 0.5 1 1 2 3 → 1
    // R→C: A24 B0 C2 F3 = 4 in 4; sorted 0 2 3 24 → (2 + 3) / 2 = 2.5
    // A→W: D 0.5, 1 = 2 in 1 (the loop) → 0.75;  W→A: D 2, 4 = 2 in 1 → 3
    // N→Cancelled 2; N→Duplicate 1; R→A (the reopen) 1
    let want = vec![
        t(a, r, 7, 6, 2.0),
        t(n, a, 5, 5, 1.0),
        t(r, c, 4, 4, 2.5),
        t(a, w, 2, 1, 0.75),
        t(w, a, 2, 1, 3.0),
        t(n, "Cancelled", 1, 1, 2.0),
        t(n, "Duplicate", 1, 1, 1.0),
        t(r, a, 1, 1, 1.0),
    ];
    assert_eq!(m.transitions, want);

    // Variants by cases desc, then path: N-A-R-C 3 (A B F); the others 1 each, by path.
    // Conforming: N-A-R-C, D (Awaiting ignored), [New], N-Cancelled, N-Duplicate (side
    // states ignored); not: A-R (starts at Active), the reopen.
    let want: Vec<(Vec<String>, u64, bool)> = vec![
        (strings(&[n, a, r, c]), 3, true),
        (strings(&[a, r]), 1, false),
        (strings(&[n]), 1, true),
        (strings(&[n, a, w, a, w, a, r]), 1, true),
        (strings(&[n, a, r, a, r, c]), 1, false),
        (strings(&[n, "Cancelled"]), 1, true),
        (strings(&[n, "Duplicate"]), 1, true),
    ];
    let got: Vec<(Vec<String>, u64, bool)> = m
        .variants
        .iter()
        .map(|v| (v.path.clone(), v.cases, v.conforms))
        .collect();
    assert_eq!(got, want);
    // shares: 3 / 9 = 33.33 %, 1 / 9 = 11.11 %
    assert_close(Some(m.variants[0].share_pct), Some(100.0 / 3.0), "share");
    for v in &m.variants[1..] {
        assert_close(Some(v.share_pct), Some(100.0 / 9.0), "share");
    }
    // conforming 3 + 1 + 1 + 1 + 1 = 7 of 9 = 77.78 %
    assert_eq!(m.conforming_cases, 7);
    assert_close(m.conformance_pct, Some(700.0 / 9.0), "conformance");
}

#[test]
fn process_map_edge_cases() {
    // No cases (or only empty ones): nothing, and no conformance even with an expected order.
    let m = process_map(&[vec![], vec![]], &expected());
    assert_eq!((m.cases, m.events), (0, 0));
    assert!(m.states.is_empty() && m.transitions.is_empty() && m.variants.is_empty());
    assert_eq!(m.conformance_pct, None);
    assert_eq!(m.conforming_cases, 0);

    // No expected order: conformance None, every variant "not conforming", nodes by mean
    // position: X at 0 (case 1) → 0; Y at 1 (case 1) and 0 (case 2) → 0.5.
    let cases = vec![vec![(0, "X"), (h(1.5), "Y")], vec![(0, "Y")]];
    let m = process_map(&cases, &[]);
    assert_eq!(m.states, strings(&["X", "Y"]));
    assert_eq!(m.starts, vec![1, 1]);
    assert_eq!(m.ends, vec![0, 2]);
    assert_eq!(m.transitions, vec![t("X", "Y", 1, 1, 1.5)]);
    assert_eq!(m.conformance_pct, None);
    assert_eq!(m.conforming_cases, 0);
    assert!(m.variants.iter().all(|v| !v.conforms));
    // [X, Y] and [Y], one case each: by path, ["X","Y"] < ["Y"]
    assert_eq!(m.variants[0].path, strings(&["X", "Y"]));

    // Expected states never seen are not nodes; tickets all conform.
    let cases = vec![vec![(0, "New"), (h(1.0), "Active")], vec![(0, "New")]];
    let m = process_map(&cases, &expected());
    assert_eq!(m.states, strings(&["New", "Active"]));
    assert_close(m.conformance_pct, Some(100.0), "all conform");
}

#[test]
fn process_map_of_an_event_log_size_adds_up() {
    // 25,000 tickets, 8 states, 5 or 6 events each (3 of 5 tickets have 6): 25,000 × 5.6 =
    // 140,000 events, as the ServiceNow event log.
    const STATES: [&str; 8] = [
        "New",
        "Active",
        "Awaiting User Info",
        "Awaiting Problem",
        "Awaiting Vendor",
        "Awaiting Evidence",
        "Resolved",
        "Closed",
    ];
    let mut seed: u64 = 0x5EED_0011;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    let cases: Vec<Vec<(i64, &str)>> = (0..25_000)
        .map(|i| {
            let len = if i % 5 < 3 { 6 } else { 5 };
            let mut at = 0i64;
            (0..len)
                .map(|k| {
                    at += (next() % 10_000) as i64;
                    let s = match k {
                        0 => "New",
                        _ if k == len - 1 => STATES[6 + next() % 2],
                        _ => STATES[1 + next() % 5],
                    };
                    (at, s)
                })
                .collect()
        })
        .collect();
    let events: usize = cases.iter().map(Vec::len).sum();
    assert_eq!(events, 140_000);
    // Its speed is measured by `make bench` (process map of the generated event log), not here.
    let m = process_map(&cases, &expected());
    assert_eq!(m.cases, 25_000);
    assert_eq!(m.events, 140_000);
    assert_eq!(m.states.len(), 8);
    assert_eq!(m.variants.iter().map(|v| v.cases).sum::<u64>(), 25_000);
    assert_eq!(m.starts.iter().sum::<u64>(), 25_000);
    assert_eq!(m.ends.iter().sum::<u64>(), 25_000);
    let runs: usize = cases
        .iter()
        .map(|c| {
            let ev: Vec<(i64, &str)> = c.clone();
            state_path(&ev).len() - 1
        })
        .sum();
    assert_eq!(
        m.transitions.iter().map(|t| t.count).sum::<u64>(),
        runs as u64
    );
}

// ---------------------------------------------------------------------------------------------
// Step times

/// The default request SOP's steps: 提交 (→ opened), opened → assigned 0.5 h, assigned →
/// responded 0.5 h, responded → closed 24 h, closed → feedback 40 h.
fn req_steps() -> Vec<SopStep> {
    library()
        .into_iter()
        .find(|(p, _)| p.code == "REQ")
        .unwrap()
        .1
        .steps
}

/// Milestones in hours: [opened, assigned, responded, resolved, closed, feedback].
fn tm(at: [Option<f64>; 6], missed: Option<bool>) -> TicketMilestones {
    TicketMilestones {
        at: at.map(|x| x.map(h)),
        resolution_missed: missed,
    }
}

/// Wall-clock business time.
fn wall(_: usize, a: i64, b: i64) -> i64 {
    assert!(a <= b, "business({a}, {b})");
    b - a
}

/// (measured, tickets, median, p90, within target)
type Fig = (bool, u64, Option<f64>, Option<f64>, Option<f64>);

#[track_caller]
fn check_steps(st: &sqm_core::process::StepTimes, want: &[Fig]) {
    assert_eq!(st.steps.len(), want.len());
    for (f, w) in st.steps.iter().zip(want) {
        let what = format!("step {} {}", f.pos, f.name_en);
        assert_eq!((f.measured, f.tickets), (w.0, w.1), "{what}");
        assert_close(f.median_hours, w.2, &format!("{what} median"));
        assert_close(f.p90_hours, w.3, &format!("{what} p90"));
        assert_close(f.within_target_pct, w.4, &format!("{what} within"));
    }
}

#[test]
fn step_times_with_every_milestone() {
    let tickets = vec![
        // T0: o 0, as 0.25, rp 0.5, rs 10, cl 12, fb 20, met
        tm(
            [
                Some(0.0),
                Some(0.25),
                Some(0.5),
                Some(10.0),
                Some(12.0),
                Some(20.0),
            ],
            Some(false),
        ),
        // T1: o 0, as 1, rp 1.5, rs 30, cl 30, no feedback, missed
        tm(
            [
                Some(0.0),
                Some(1.0),
                Some(1.5),
                Some(30.0),
                Some(30.0),
                None,
            ],
            Some(true),
        ),
        // T2: o 0, as 0.5, rp 2, unresolved
        tm([Some(0.0), Some(0.5), Some(2.0), None, None, None], None),
        // T3: o 0, as 2, rp 1 (responded BEFORE assigned: that step counts 0), rs 5, cl 50,
        //     fb 60, missed
        tm(
            [
                Some(0.0),
                Some(2.0),
                Some(1.0),
                Some(5.0),
                Some(50.0),
                Some(60.0),
            ],
            Some(true),
        ),
        // T4: o 0, no assignment recorded, rp 0.2, rs 3, cl 4, fb 4.5, met
        tm(
            [Some(0.0), None, Some(0.2), Some(3.0), Some(4.0), Some(4.5)],
            Some(false),
        ),
    ];
    let st = step_times(&req_steps(), &tickets, &wall);
    check_steps(
        &st,
        &[
            // 提交: a point (no `from`): not measured
            (false, 0, None, None, None),
            // o→as: T0 .25 T1 1 T2 .5 T3 2 → sorted .25 .5 1 2; median rank 1.5 → .75;
            // P90 rank 2.7 → 1 + .7 × 1 = 1.7; ≤ 0.5 h: .25 .5 → 2/4 = 50 %
            (true, 4, Some(0.75), Some(1.7), Some(50.0)),
            // as→rp: T0 .25 T1 .5 T2 1.5 T3 0 (out of order) → sorted 0 .25 .5 1.5;
            // median .375; P90 .5 + .7 × 1 = 1.2; ≤ 0.5: 3/4 = 75 %
            (true, 4, Some(0.375), Some(1.2), Some(75.0)),
            // rp→cl: T0 11.5 T1 28.5 T3 49 T4 3.8 → sorted 3.8 11.5 28.5 49; median 20;
            // P90 28.5 + .7 × 20.5 = 42.85; ≤ 24: 2/4 = 50 %
            (true, 4, Some(20.0), Some(42.85), Some(50.0)),
            // cl→fb: T0 8 T3 10 T4 .5 → sorted .5 8 10; median 8; P90 rank 1.8 → 8 + .8 × 2
            // = 9.6; ≤ 40: 100 %
            (true, 3, Some(8.0), Some(9.6), Some(100.0)),
        ],
    );
    // Bottleneck over T1 and T3 (missed, resolved): base 30 + 5 = 35 h.
    //   o→as: T1 1 + T3 2 = 3 h → 3/35 = 8.571 %
    //   as→rp: T1 .5 + T3 0 (out of order) = .5 h → 1.429 %
    //   rp→cl clipped to [o, rs]: T1 [1.5, 30] 28.5 + T3 [1, 5] 4 = 32.5 h → 92.857 %
    //   cl→fb clipped: T1 none; T3 [50, 60] ∩ [0, 5] empty → 0 h, 0 %
    //   Σ = 36/35 = 102.9 % (T3's overlapping steps) → unaccounted 0 (never negative)
    assert_eq!(st.missed_tickets, 2);
    let want: [(Option<f64>, f64); 5] = [
        (None, 0.0),
        (Some(300.0 / 35.0), 3.0),
        (Some(50.0 / 35.0), 0.5),
        (Some(3250.0 / 35.0), 32.5),
        (Some(0.0), 0.0),
    ];
    for (b, (share, hours)) in st.bottleneck.iter().zip(want) {
        assert_close(b.share_pct, share, &format!("share {}", b.name_en));
        assert_close(Some(b.hours), Some(hours), &format!("hours {}", b.name_en));
    }
    assert_close(st.unaccounted_pct, Some(0.0), "unaccounted");
    // resolved T0 T1 T3 T4 = 4, with feedback T0 T3 T4 = 3 → 75 %
    assert_eq!(st.resolved_tickets, 4);
    assert_close(st.feedback_coverage_pct, Some(75.0), "feedback coverage");
}

#[test]
fn step_times_with_a_milestone_the_source_lacks() {
    // The source carries no assignment at all: both steps bound to it are "not measured"
    // (None), never zero — even though they have targets.
    let tickets = vec![
        // U0: o 0, rp 1, rs 6, cl 8, missed
        tm(
            [Some(0.0), None, Some(1.0), Some(6.0), Some(8.0), None],
            Some(true),
        ),
        // U1: o 0, no response, rs 4, cl 5, fb 9, missed
        tm(
            [Some(0.0), None, None, Some(4.0), Some(5.0), Some(9.0)],
            Some(true),
        ),
        // U2: o 0, rp 2, missed but not resolved (left out of the bottleneck)
        tm([Some(0.0), None, Some(2.0), None, None, None], Some(true)),
    ];
    let st = step_times(&req_steps(), &tickets, &wall);
    check_steps(
        &st,
        &[
            (false, 0, None, None, None),
            (false, 0, None, None, None),
            (false, 0, None, None, None),
            // rp→cl: U0 7 h (U1 no response, U2 not closed); ≤ 24 → 100 %
            (true, 1, Some(7.0), Some(7.0), Some(100.0)),
            // cl→fb: U1 4 h
            (true, 1, Some(4.0), Some(4.0), Some(100.0)),
        ],
    );
    // Bottleneck over U0, U1: base 6 + 4 = 10 h.
    //   rp→cl: U0 [1, 8] ∩ [0, 6] = 5 h → 50 %; cl→fb: U1 [5, 9] ∩ [0, 4] empty → 0 %
    //   unmeasured steps: None; unaccounted = 100 − 50 − 0 = 50 %
    assert_eq!(st.missed_tickets, 2);
    let shares: Vec<Option<f64>> = st.bottleneck.iter().map(|b| b.share_pct).collect();
    for (got, want) in shares.iter().zip([None, None, None, Some(50.0), Some(0.0)]) {
        assert_close(*got, want, "share");
    }
    assert_close(st.unaccounted_pct, Some(50.0), "unaccounted");
    // resolved U0 U1; with feedback U1 → 50 %
    assert_eq!(st.resolved_tickets, 2);
    assert_close(st.feedback_coverage_pct, Some(50.0), "feedback coverage");
}

#[test]
fn step_times_without_tickets() {
    let st = step_times(&req_steps(), &[], &wall);
    assert!(st.steps.iter().all(|s| !s.measured
        && s.tickets == 0
        && s.median_hours.is_none()
        && s.p90_hours.is_none()
        && s.within_target_pct.is_none()));
    assert_eq!(st.missed_tickets, 0);
    assert!(st
        .bottleneck
        .iter()
        .all(|b| b.share_pct.is_none() && b.hours == 0.0));
    assert_eq!(st.unaccounted_pct, None);
    assert_eq!(st.feedback_coverage_pct, None);
    assert_eq!(st.resolved_tickets, 0);
}

/// Business seconds between `a` and `b` counting only 09:00–17:00 of each day.
fn office(_: usize, a: i64, b: i64) -> i64 {
    const DAY: i64 = 86_400;
    assert!(a <= b);
    let mut total = 0;
    let mut day = a.div_euclid(DAY);
    while day * DAY < b {
        let (open, shut) = (day * DAY + 9 * H, day * DAY + 17 * H);
        total += (b.min(shut) - a.max(open)).max(0);
        day += 1;
    }
    total
}

#[test]
fn step_times_use_the_business_time_closure() {
    let d = |day: f64, hour: f64| Some(day * 24.0 + hour);
    // opened day 0 16:00, assigned day 1 10:00, responded day 1 10:30, resolved day 1 12:00,
    // closed day 2 09:30, missed
    let tickets = vec![tm(
        [
            d(0.0, 16.0),
            d(1.0, 10.0),
            d(1.0, 10.5),
            d(1.0, 12.0),
            d(2.0, 9.5),
            None,
        ],
        Some(true),
    )];
    let st = step_times(&req_steps(), &tickets, &office);
    check_steps(
        &st,
        &[
            (false, 0, None, None, None),
            // 16–17 + 09–10 = 2 h (18 h on the wall clock); > 0.5 → 0 %
            (true, 1, Some(2.0), Some(2.0), Some(0.0)),
            // 10:00–10:30 = 0.5 h; ≤ 0.5 → 100 %
            (true, 1, Some(0.5), Some(0.5), Some(100.0)),
            // day 1 10:30–17:00 6.5 + day 2 09:00–09:30 0.5 = 7 h; ≤ 24 → 100 %
            (true, 1, Some(7.0), Some(7.0), Some(100.0)),
            (false, 0, None, None, None),
        ],
    );
    // base: day 0 16–17 + day 1 09–12 = 4 h. o→as 2 h = 50 %; as→rp 0.5 h = 12.5 %;
    // rp→cl clipped to [10:30, 12:00] = 1.5 h = 37.5 %; unaccounted 0
    let shares: Vec<Option<f64>> = st.bottleneck.iter().map(|b| b.share_pct).collect();
    for (got, want) in shares
        .iter()
        .zip([None, Some(50.0), Some(12.5), Some(37.5), None])
    {
        assert_close(*got, want, "share");
    }
    assert_close(st.unaccounted_pct, Some(0.0), "unaccounted");
}

// ---------------------------------------------------------------------------------------------
// Assessment scores

fn item(id: i64, code: &str, reverse: bool) -> Item {
    Item {
        id: Some(id),
        code: code.to_string(),
        text_zh: code.to_string(),
        text_en: code.to_string(),
        reverse,
    }
}

fn dim(id: i64, code: &str, evidence: Evidence, items: Vec<Item>) -> Dimension {
    Dimension {
        id: Some(id),
        code: code.to_string(),
        name_zh: code.to_string(),
        name_en: code.to_string(),
        evidence,
        items,
    }
}

fn resp(r: &str, group: Group, answers: &[(i64, u8)]) -> Respondent {
    Respondent {
        id: None,
        r#ref: r.to_string(),
        group,
        answers: answers.to_vec(),
    }
}

#[test]
fn dimension_scores_with_reverse_items_per_group() {
    let q = Questionnaire {
        dimensions: vec![
            dim(
                10,
                "D1",
                Evidence::Stability,
                vec![item(101, "Q1-1", false), item(102, "Q1-2", true)],
            ),
            dim(
                20,
                "D2",
                Evidence::Standardisation,
                vec![item(201, "Q2-1", false), item(202, "Q2-2", false)],
            ),
            dim(30, "D3", Evidence::Needs, vec![item(301, "Q3-1", false)]),
            dim(
                40,
                "D4",
                Evidence::Improvement,
                vec![item(401, "Q4-1", false)],
            ),
        ],
    };
    let respondents = vec![
        // 102 is reverse: 2 → 4
        resp("R1", Group::It, &[(101, 5), (102, 2), (201, 3), (301, 3)]),
        // 102: 1 → 5; item 999 is not in the questionnaire: ignored
        resp("R2", Group::It, &[(101, 4), (102, 1), (999, 5)]),
        // 102: 4 → 2
        resp(
            "R3",
            Group::Business,
            &[(101, 2), (102, 4), (201, 1), (202, 2)],
        ),
        // 102: 5 → 1; the rest unanswered
        resp("R4", Group::Business, &[(102, 5)]),
        // answered nothing: still a respondent
        resp("R5", Group::Business, &[]),
    ];
    let s = scores(&q, 7, &respondents);
    assert_eq!(s.assessment_id, 7);
    assert_eq!(
        (s.respondents, s.it_respondents, s.business_respondents),
        (5, 2, 3)
    );
    // (code, id, evidence, overall, it, business, gap, answers)
    type Row = (
        &'static str,
        i64,
        Evidence,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        u64,
    );
    let table: [Row; 4] = [
        // D1: IT 5 4 4 5 → mean 4.5 → 3.5/4 = 87.5; business 2 2 1 → 5/3 → (2/3)/4 = 16.667;
        // gap 70.833; overall 23/7 → (16/7)/4 = 57.143 over 7 answers
        (
            "D1",
            10,
            Evidence::Stability,
            Some(400.0 / 7.0),
            Some(87.5),
            Some(50.0 / 3.0),
            Some(87.5 - 50.0 / 3.0),
            7,
        ),
        // D2: IT 3 → 50; business 1 2 → 1.5 → 12.5; gap 37.5; overall 1 2 3 → 2 → 25
        (
            "D2",
            20,
            Evidence::Standardisation,
            Some(25.0),
            Some(50.0),
            Some(12.5),
            Some(37.5),
            3,
        ),
        // D3: IT only 3 → 50; no business answer: business and gap None
        (
            "D3",
            30,
            Evidence::Needs,
            Some(50.0),
            Some(50.0),
            None,
            None,
            1,
        ),
        // D4: no answers at all
        ("D4", 40, Evidence::Improvement, None, None, None, None, 0),
    ];
    assert_eq!(s.dimensions.len(), 4);
    for (d, w) in s.dimensions.iter().zip(table) {
        assert_eq!(
            (d.code.as_str(), d.dimension_id, d.evidence),
            (w.0, w.1, w.2)
        );
        assert_close(d.overall, w.3, &format!("{} overall", w.0));
        assert_close(d.it, w.4, &format!("{} it", w.0));
        assert_close(d.business, w.5, &format!("{} business", w.0));
        assert_close(d.gap, w.6, &format!("{} gap", w.0));
        assert_eq!(d.answers, w.7, "{} answers", w.0);
    }
    // overall over all 11 answers: 23 + 6 + 3 = 32 → (32/11 − 1)/4 × 100 = 525/11 = 47.727
    assert_close(s.overall, Some(525.0 / 11.0), "overall");

    // Nobody answered: every score None.
    let s = scores(&q, 8, &[]);
    assert_eq!(s.respondents, 0);
    assert!(s
        .dimensions
        .iter()
        .all(|d| d.overall.is_none() && d.answers == 0));
    assert_eq!(s.overall, None);

    // Extremes: all 5s (reverse items all 1s) → 100; the opposite → 0.
    let best = resp("B", Group::It, &[(101, 5), (102, 1), (201, 5), (202, 5)]);
    let worst = resp(
        "W",
        Group::Business,
        &[(101, 1), (102, 5), (201, 1), (202, 1)],
    );
    let s = scores(&q, 9, &[best, worst]);
    assert_close(s.dimensions[0].it, Some(100.0), "best");
    assert_close(s.dimensions[0].business, Some(0.0), "worst");
    assert_close(s.dimensions[0].gap, Some(100.0), "gap");
    assert_close(s.overall, Some(50.0), "overall");
}

// ---------------------------------------------------------------------------------------------
// The default library

#[test]
fn default_library_holds_the_request_process_and_skeletons() {
    let lib = library();
    let codes: Vec<&str> = lib.iter().map(|(p, _)| p.code.as_str()).collect();
    assert_eq!(codes, ["REQ", "DLV", "MON", "EVL"]);
    let kinds: Vec<ProcessKind> = lib.iter().map(|(p, _)| p.kind).collect();
    assert_eq!(
        kinds,
        [
            ProcessKind::Request,
            ProcessKind::Delivery,
            ProcessKind::Monitoring,
            ProcessKind::Evaluation
        ]
    );
    let (req, v) = &lib[0];
    assert_eq!(
        (req.name_zh.as_str(), req.name_en.as_str()),
        ("服务请求流程", "Service request process")
    );
    assert_eq!(v.version, "1.0");
    assert_eq!(v.effective_from.to_string(), "2025-01-01");
    assert_eq!(v.approver, "服务质量经理");
    assert_eq!(
        v.approved_on.map(|d| d.to_string()).as_deref(),
        Some("2024-12-20")
    );
    assert_eq!(v.expected_states, expected());
    use Milestone::*;
    type StepRow<'a> = (
        &'a str,
        &'a str,
        Option<Milestone>,
        Option<Milestone>,
        Option<f64>,
    );
    let want: [StepRow; 5] = [
        ("提交", "Submitted", None, Some(Opened), None),
        (
            "确认并分配",
            "Confirmed and assigned",
            Some(Opened),
            Some(Assigned),
            Some(0.5),
        ),
        (
            "响应",
            "Responded",
            Some(Assigned),
            Some(Responded),
            Some(0.5),
        ),
        (
            "解决并确认",
            "Resolved and confirmed",
            Some(Responded),
            Some(Closed),
            Some(24.0),
        ),
        (
            "反馈记录",
            "Feedback recorded",
            Some(Closed),
            Some(Feedback),
            Some(40.0),
        ),
    ];
    let got: Vec<StepRow> = v
        .steps
        .iter()
        .map(|s| {
            (
                s.name_zh.as_str(),
                s.name_en.as_str(),
                s.from,
                s.to,
                s.target_hours,
            )
        })
        .collect();
    assert_eq!(got, want);
    for (p, v) in &lib {
        assert!(
            p.id.is_none() && v.id.is_none() && v.process_id == 0,
            "{}",
            p.code
        );
        assert!(!p.description.is_empty(), "{}", p.code);
        for s in &v.steps {
            assert!(
                !s.owner_text.is_empty()
                    && !s.inputs.is_empty()
                    && !s.outputs.is_empty()
                    && !s.checklist.is_empty()
                    && s.owner_role_id.is_none(),
                "{} {}",
                p.code,
                s.name_en
            );
            assert!(s.target_hours.is_none_or(|t| t > 0.0));
        }
        if p.code != "REQ" {
            // skeletons: 3–4 steps, no milestone bindings, a target or two, no expected states
            assert!((3..=4).contains(&v.steps.len()), "{}", p.code);
            assert!(v.steps.iter().all(|s| s.from.is_none() && s.to.is_none()));
            assert!(
                v.steps.iter().any(|s| s.target_hours.is_some()),
                "{}",
                p.code
            );
            assert!(v.expected_states.is_empty());
        }
    }
}

#[test]
fn default_questionnaire_has_four_dimensions_of_five_items() {
    let q = questionnaire();
    let dims: Vec<(&str, Evidence)> = q
        .dimensions
        .iter()
        .map(|d| (d.code.as_str(), d.evidence))
        .collect();
    assert_eq!(
        dims,
        [
            ("D1", Evidence::Stability),
            ("D2", Evidence::Standardisation),
            ("D3", Evidence::Needs),
            ("D4", Evidence::Improvement)
        ]
    );
    let names: Vec<&str> = q.dimensions.iter().map(|d| d.name_zh.as_str()).collect();
    assert_eq!(
        names,
        [
            "服务质量不稳定",
            "缺乏标准化流程",
            "用户需求未充分理解",
            "缺乏持续改进机制"
        ]
    );
    let mut codes = std::collections::HashSet::new();
    let mut texts = std::collections::HashSet::new();
    for (n, d) in q.dimensions.iter().enumerate() {
        assert_eq!(d.items.len(), 5, "{}", d.code);
        let reverse = d.items.iter().filter(|i| i.reverse).count();
        assert!(
            (1..=2).contains(&reverse),
            "{}: {reverse} reverse items",
            d.code
        );
        for (k, i) in d.items.iter().enumerate() {
            assert_eq!(i.code, format!("Q{}-{}", n + 1, k + 1));
            assert!(codes.insert(i.code.clone()), "duplicate {}", i.code);
            assert!(texts.insert(i.text_zh.clone()) && texts.insert(i.text_en.clone()));
            assert!(!i.text_zh.is_empty() && !i.text_en.is_empty());
        }
    }
    assert_eq!(codes.len(), 20);
}

#[test]
fn bilingual_default_texts_show_one_language_on_paper() {
    use sqm_core::process::in_lang;
    use sqm_core::report::Lang::{En, Zh};
    let table: &[(&str, &str, &str)] = &[
        // (text, Chinese half, English half)
        (
            "服务支持团队 / Service support team",
            "服务支持团队",
            "Service support team",
        ),
        ("流程结束。/ The end.", "流程结束。", "The end."),
        // What a manager typed stays whole in both languages.
        ("张三", "张三", "张三"),
        (
            "Check CMDB / inventory",
            "Check CMDB / inventory",
            "Check CMDB / inventory",
        ),
        (
            "检查 CMDB / 资产清单",
            "检查 CMDB / 资产清单",
            "检查 CMDB / 资产清单",
        ),
        ("", "", ""),
    ];
    for (text, zh, en) in table {
        assert_eq!(in_lang(text, Zh), *zh, "{text}");
        assert_eq!(in_lang(text, En), *en, "{text}");
    }
}

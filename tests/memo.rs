//! The dashboard's figures kept in the workspace between starts (`Workspace::dashboard`,
//! migration 0011): read back while nothing they depend on changed and the moment lies where
//! measuring again gives the same figures; measured afresh, and kept anew, after any change.
//! Kept figures are made recognisable (`tamper`) so a test sees whether they were read.

use sqm_core::clock::FixedClock;
use sqm_core::demo::{populate, DemoSpec};
use sqm_core::domain::{to_secs, Quarter, ServiceInput};
use sqm_core::metrics::QuarterMetrics;
use sqm_core::report::Lang;
use sqm_core::store;
use sqm_core::workspace::Workspace;
use std::path::{Path, PathBuf};

const Q3: Quarter = Quarter { year: 2026, q: 3 };
/// Inside Q3, with tickets still open and deadlines ahead.
const DURING: &str = "2026-09-20 10:00";
/// A volume no demo quarter has: the mark of kept figures.
const TAMPERED: u64 = 987_654;

fn at(s: &str) -> FixedClock {
    FixedClock(crate::support::at(s))
}

/// A small demo workspace (Q2 and Q3 2026: services, standards on both calendars, responses,
/// status histories, tickets still open in late Q3).
fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memo.sqm");
    let ws = Workspace::create(&path).unwrap();
    let spec = DemoSpec {
        first: Quarter { year: 2026, q: 2 },
        last: Q3,
        tickets: 3_000,
        seed: 7,
    };
    populate(&ws, &spec).unwrap();
    (dir, path)
}

/// The dashboard's figures from a fresh start of the app on `path` at `clock`.
fn dashboard(path: &Path, clock: &FixedClock) -> QuarterMetrics {
    Workspace::open(path)
        .unwrap()
        .dashboard(Some(Q3), Lang::Zh, clock)
        .unwrap()
        .metrics
}

/// The figures measured afresh (`Workspace::metrics` keeps nothing between starts).
fn measured(path: &Path, clock: &FixedClock) -> QuarterMetrics {
    Workspace::open(path).unwrap().metrics(Q3, clock).unwrap()
}

/// The kept figures of Q3, with their moments.
fn kept(path: &Path) -> store::FiguresMemo {
    let conn = store::open(path).unwrap();
    store::read_figures_memo(&conn, "2026Q3")
        .unwrap()
        .expect("kept figures")
}

/// Marks the kept figures of Q3 (their overall volume becomes `TAMPERED`), key and moments
/// untouched.
fn tamper(path: &Path) {
    let conn = store::open(path).unwrap();
    let mut memo = store::read_figures_memo(&conn, "2026Q3").unwrap().unwrap();
    let mut figures: QuarterMetrics = postcard::from_bytes(&memo.figures).unwrap();
    figures.overall.volume = TAMPERED;
    memo.figures = postcard::to_allocvec(&figures).unwrap();
    store::write_figures_memo(&conn, "2026Q3", &memo).unwrap();
}

#[test]
fn kept_figures_are_what_measuring_gives_and_are_read_back() {
    let (_d, path) = demo();
    let clock = at(DURING);
    let first = dashboard(&path, &clock);
    assert_eq!(first, measured(&path, &clock));
    let memo = kept(&path);
    assert_eq!(memo.as_of, to_secs(crate::support::at(DURING)));
    // Open tickets have deadlines ahead: the figures hold until the first of them, not forever.
    assert!(memo.as_of < memo.until && memo.until < i64::MAX, "{memo:?}");
    tamper(&path);
    assert_eq!(dashboard(&path, &clock).overall.volume, TAMPERED);
}

/// Runs `sql` on the workspace at `path` as another program would; gives the rows changed.
fn execute(path: &Path, sql: &str) -> usize {
    Workspace::open(path)
        .unwrap()
        .conn()
        .execute(sql, [])
        .unwrap()
}

/// A change made to the workspace at the path, giving the moment the dashboard is asked at.
type Change = fn(&Path) -> FixedClock;

#[test]
fn any_change_the_figures_depend_on_measures_them_again() {
    let same_moment: Change = |_| at(DURING);
    let later_within: Change = |p| {
        let m = kept(p);
        FixedClock(sqm_core::domain::from_secs(m.until - 1))
    };
    let at_until: Change = |p| FixedClock(sqm_core::domain::from_secs(kept(p).until));
    let earlier: Change = |_| at("2026-09-20 09:59");
    let standard: Change = |p| {
        execute(
            p,
            "UPDATE quality_standards SET resolution_minutes = resolution_minutes + 30
             WHERE id = (SELECT min(id) FROM quality_standards)",
        );
        at(DURING)
    };
    let service: Change = |p| {
        let ws = Workspace::open(p).unwrap();
        let s = &store::list_services(ws.conn()).unwrap()[0];
        let input = ServiceInput {
            code: s.code.clone(),
            name: format!("{} (renamed)", s.name),
            owner: s.owner.clone(),
            team: s.team.clone(),
        };
        ws.update_service(s.id, &input).unwrap();
        at(DURING)
    };
    let targets: Change = |p| {
        let ws = Workspace::open(p).unwrap();
        let mut s = ws.settings().unwrap();
        s.targets.resolution_required_pct -= 5.0;
        ws.set_settings(&s).unwrap();
        at(DURING)
    };
    let calendar: Change = |p| {
        let mut ws = Workspace::open(p).unwrap();
        let stored = store::calendar_by_name(ws.conn(), "china").unwrap();
        let mut def = stored.def.clone();
        def.week[5] = def.week[0].clone(); // Saturdays worked as Mondays
        ws.save_calendar(Some(stored.id), &def).unwrap();
        at(DURING)
    };
    let score: Change = |p| {
        // A corrected score: as many responses as before.
        let n = execute(
            p,
            "UPDATE satisfaction_responses SET score = scale_max + scale_min - score
             WHERE id = (SELECT min(id) FROM satisfaction_responses)",
        );
        assert_eq!(n, 1);
        at(DURING)
    };
    let tickets: Change = |p| {
        let mut ws = Workspace::open(p).unwrap();
        let clock = crate::support::clock();
        ws.import_file(
            &crate::support::fixture("servicenow_fields.csv"),
            &Default::default(),
            &clock,
            &mut |_| {},
        )
        .unwrap();
        at(DURING)
    };
    let removed: Change = |p| {
        // Neither the highest id, nor an import run, nor a response linked to it: only the
        // count of removals says so.
        let n = execute(
            p,
            "DELETE FROM ticket_rows WHERE id = (SELECT min(id) FROM ticket_rows WHERE id NOT IN
                 (SELECT ticket_id FROM satisfaction_responses WHERE ticket_id IS NOT NULL))",
        );
        assert_eq!(n, 1);
        at(DURING)
    };
    let cases: [(&str, Change, bool); 11] = [
        ("nothing changed, the same moment", same_moment, true),
        (
            "nothing changed, the last moment they hold",
            later_within,
            true,
        ),
        ("the moment they stop holding", at_until, false),
        ("a moment before they were measured", earlier, false),
        ("a standard's target", standard, false),
        ("a service's name", service, false),
        ("the organisation's targets", targets, false),
        ("a calendar's working week", calendar, false),
        ("a corrected satisfaction score", score, false),
        ("an import of tickets", tickets, false),
        ("a ticket removed", removed, false),
    ];
    for (what, change, still_read) in cases {
        let (_d, path) = demo();
        dashboard(&path, &at(DURING));
        Workspace::open(&path).unwrap().info().unwrap();
        tamper(&path);
        let clock = change(&path);
        let shown = dashboard(&path, &clock);
        // The ticket count the app shows is kept the same way.
        let ws = Workspace::open(&path).unwrap();
        let counted: i64 = ws
            .conn()
            .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ws.info().unwrap().tickets, counted, "{what}");
        if still_read {
            assert_eq!(shown.overall.volume, TAMPERED, "{what}");
        } else {
            assert_ne!(shown.overall.volume, TAMPERED, "{what}");
            assert_eq!(shown, measured(&path, &clock), "{what}");
            // Kept anew: read back at the same moment.
            tamper(&path);
            assert_eq!(dashboard(&path, &clock).overall.volume, TAMPERED, "{what}");
        }
    }
}

/// `metrics::quarter_stable_until` on the demo: measuring at any moment before it gives the
/// figures measured at the start, at several moments of the quarter and after it.
#[test]
fn figures_measured_again_before_until_are_the_same() {
    let (_d, path) = demo();
    for start in [
        "2026-07-01 00:00",
        "2026-08-15 14:30",
        "2026-09-20 10:00",
        "2026-09-30 23:00",
        "2026-10-02 08:00",
    ] {
        let clock = at(start);
        let first = dashboard(&path, &clock);
        let memo = kept(&path);
        assert!(memo.until > memo.as_of, "{start}");
        let ws = Workspace::open(&path).unwrap();
        let last = memo.until.min(memo.as_of + 400 * 86_400) - 1;
        for t in [memo.as_of + 1, (memo.as_of + last) / 2, last] {
            let again = ws
                .metrics(Q3, &FixedClock(sqm_core::domain::from_secs(t)))
                .unwrap();
            assert_eq!(again, first, "measured at {start}, again at {t}");
        }
    }
}

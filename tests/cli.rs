//! The `sqm` binary, run as a user would: demo, import, metrics, report, errors.

use crate::support::fixture;
use std::path::PathBuf;
use std::process::{Command, Output};

fn sqm_bin() -> PathBuf {
    // The CLI is built by cargo into the same target directory as this test binary.
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(|d| d.parent()).unwrap();
    let bin = dir.join("sqm");
    assert!(
        bin.exists(),
        "{} missing: build it with `cargo build -p sqm-cli` (make test does)",
        bin.display()
    );
    bin
}

fn sqm(args: &[&str]) -> Output {
    Command::new(sqm_bin()).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn import_then_metrics_as_json_table_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqm");
    let db = db.to_str().unwrap();
    let out = sqm(&[
        "import",
        fixture("servicenow_fields_v2.csv").to_str().unwrap(),
        "--db",
        db,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("5 added"),
        "{}",
        text(&out.stdout)
    );
    let out = sqm(&["metrics", "--db", db, "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["quarter"], serde_json::json!({"year": 2026, "q": 3}));
    assert_eq!(json["overall"]["volume"], 5);
    let table = text(&sqm(&["metrics", "--db", db, "--quarter", "2026Q3"]).stdout);
    assert!(table.starts_with("2026Q3"), "{table}");
    let csv = text(&sqm(&["metrics", "--db", db, "--format", "csv"]).stdout);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .starts_with("quarter,scope,volume"),
        "{csv}"
    );
}

#[test]
fn bad_input_goes_to_stderr_with_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqm");
    let db = db.to_str().unwrap();
    let out = sqm(&[
        "import",
        fixture("servicenow_bad_rows.csv").to_str().unwrap(),
        "--db",
        db,
    ]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("servicenow_bad_rows.csv:3:2:"), "{err}");
    let out = sqm(&[
        "metrics",
        "--db",
        dir.path().join("missing.sqm").to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("not found"),
        "{}",
        text(&out.stderr)
    );
    let out = sqm(&["metrics", "--db", db, "--quarter", "2026Q7"]);
    assert!(!out.status.success());
}

#[test]
fn demo_workspace_is_realistic() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqm");
    let db = db.to_str().unwrap();
    let out = sqm(&["demo", "--out", db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value =
        serde_json::from_slice(&sqm(&["metrics", "--db", db, "--format", "json"]).stdout).unwrap();
    assert_eq!(json["quarter"], serde_json::json!({"year": 2026, "q": 3}));
    let services = json["services"].as_array().unwrap();
    assert!(services.len() >= 8);
    let missed = services
        .iter()
        .flat_map(|s| s["checks"].as_array().unwrap())
        .filter(|c| c["met"] == serde_json::json!(false))
        .count();
    assert!(missed >= 2, "some services must miss their targets");
    let total: u64 = json["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["figures"]["volume"].as_u64().unwrap())
        .sum();
    assert!(total >= 18_000, "four quarters of tickets: {total}");
    assert!(json["overall"]["responses"].as_u64().unwrap() > 1000);
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // `sqm metrics --format json | head -1`: the reader goes away before the output is written.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqm");
    let db = db.to_str().unwrap();
    let out = sqm(&[
        "import",
        fixture("servicenow_event_log_sample.csv").to_str().unwrap(),
        "--db",
        db,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut child = Command::new(sqm_bin())
        .args([
            "metrics",
            "--db",
            db,
            "--quarter",
            "2016Q1",
            "--format",
            "json",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).contains("panicked"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn people_import_show_and_rejected_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqm");
    let db = db.to_str().unwrap();
    let staff = fixture("people/staff-50.xlsx");
    let out = sqm(&[
        "people",
        "import",
        staff.to_str().unwrap(),
        "--db",
        db,
        "--kind",
        "staff",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("50 rows — staff 50 added, 0 updated, 50 role assignments"),
        "{}",
        text(&out.stdout)
    );
    let out = sqm(&["people", "show", "--db", db, "--as-of", "2026-09-30"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (json["staff"].as_u64(), json["active"].as_u64()),
        (Some(50), Some(48))
    );
    // A bad list: non-zero exit, every error on stderr as file:line:column, nothing written.
    let bad = fixture("people/staff-bad.xlsx");
    let out = sqm(&[
        "people",
        "import",
        bad.to_str().unwrap(),
        "--db",
        db,
        "--kind",
        "staff",
    ]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("staff-bad.xlsx:4:5: active: 'maybe' is not yes/no (是/否)"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_slice(
        &sqm(&["people", "show", "--db", db, "--as-of", "2026-09-30"]).stdout,
    )
    .unwrap();
    assert_eq!(json["staff"].as_u64(), Some(50));
}

#[test]
fn cost_benefit_report_pdf_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.sqm");
    let db = db.to_str().unwrap();
    assert!(sqm(&["demo", "--out", db]).status.success());
    for (name, magic) in [("cb.pdf", &b"%PDF"[..]), ("cb.xlsx", &b"PK"[..])] {
        let out = dir.path().join(name);
        let o = sqm(&[
            "report",
            "--kind",
            "cost-benefit",
            "--db",
            db,
            "--lang",
            "en",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        assert!(std::fs::read(&out).unwrap().starts_with(magic), "{name}");
    }
}

/// Crash safety, for real: `sqm import` of a large file is killed with SIGKILL at seeded random
/// moments; after each kill the workspace passes `PRAGMA integrity_check` and the file's import
/// is either entirely present (every ticket and its import record) or entirely absent.
#[test]
fn an_import_killed_at_any_moment_leaves_all_or_nothing() {
    const ROWS: usize = 20_000;
    const TRIALS: u64 = 20;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqm");
    let header = "number,opened_at,short_description,caller_id,priority,state,category,assignment_group,assigned_to,sys_updated_on,resolved_at,closed_at,business_service,made_sla,reassignment_count,reopen_count,u_first_response\n";
    let file_for = |trial: u64| {
        let path = dir.path().join(format!("export-{trial}.csv"));
        let mut s = String::with_capacity(ROWS * 220);
        s.push_str(header);
        for i in 0..ROWS {
            let day = 1 + i % 28;
            s.push_str(&format!(
                "T{trial}-{i:06},2026-07-{day:02} 09:00:00,Row {i},Caller,3 - Moderate,Closed,Network,Network Team,Li Na,2026-07-{day:02} 12:00:00,2026-07-{day:02} 11:00:00,2026-07-{day:02} 13:00:00,VPN,true,0,0,2026-07-{day:02} 09:20:00\n"
            ));
        }
        std::fs::write(&path, s).unwrap();
        path
    };
    // How long a whole import takes here, to spread the kills over it.
    let first = file_for(0);
    let started = std::time::Instant::now();
    let out = sqm(&[
        "import",
        first.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let full = started.elapsed().as_micros() as u64;
    // A seeded linear congruential generator: the same kill moments on every run.
    let mut seed: u64 = 0x5EED_2026;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        seed >> 33
    };
    let (mut absent, mut present) = (0, 0);
    for trial in 1..=TRIALS {
        let file = file_for(trial);
        let mut child = Command::new(sqm_bin())
            .args([
                "import",
                file.to_str().unwrap(),
                "--db",
                db.to_str().unwrap(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let wait = next() % (full + full / 4).max(1);
        std::thread::sleep(std::time::Duration::from_micros(wait));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let conn = rusqlite::Connection::open(&db).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "trial {trial}");
        let tickets: i64 = conn
            .query_row(
                "SELECT count(*) FROM tickets WHERE external_key LIKE ?1",
                [format!("T{trial}-%")],
                |r| r.get(0),
            )
            .unwrap();
        let runs: i64 = conn
            .query_row(
                "SELECT count(*) FROM import_runs WHERE file_name = ?1",
                [format!("export-{trial}.csv")],
                |r| r.get(0),
            )
            .unwrap();
        match (tickets, runs) {
            (0, 0) => absent += 1,
            (n, 1) if n == ROWS as i64 => present += 1,
            other => panic!("trial {trial} (kill after {wait} µs): half an import {other:?}"),
        }
    }
    eprintln!("crash trials: {absent} absent, {present} present after SIGKILL");
    assert_eq!(absent + present, TRIALS);
}

/// `sqm feedback` prints the Feedback screen's figures as JSON: on the demo, the CSI register
/// with measured results and the programme evaluation against the baseline.
#[test]
fn feedback_prints_the_register_and_the_evaluation_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqm");
    let db = db.to_str().unwrap();
    assert!(sqm(&["demo", "--out", db]).status.success());
    let out = sqm(&["feedback", "--db", db, "--quarter", "2026Q3"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let actions = v["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 12);
    assert_eq!(actions[0]["action"]["code"], "CSI-001");
    assert_eq!(v["evaluation"]["baseline"]["year"], 2025);
    assert_eq!(v["evaluation"]["efficiency"]["target_pct"], 20.0);
    assert!(
        v.get("responses").is_none(),
        "the screen's list stays out of the JSON"
    );
    assert_eq!(v["meetings"].as_array().unwrap().len(), 2);
    let bad = sqm(&["feedback", "--db", db, "--quarter", "2026Q9"]);
    assert!(!bad.status.success());
}

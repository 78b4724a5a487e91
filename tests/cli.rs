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

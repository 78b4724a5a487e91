//! The `sqm` binary, run as a user would: demo, import, metrics, report, errors.

use crate::support::{clock, fixture};
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

/// A workspace holding the real ServiceNow event log sample.
fn event_log_workspace(dir: &std::path::Path) -> String {
    let db = dir.join("events.sqm");
    let out = sqm(&[
        "import",
        fixture("servicenow_event_log_sample.csv").to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    db.to_str().unwrap().to_string()
}

fn process_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["process", "--format", "json"];
    all.extend_from_slice(args);
    let out = sqm(&all);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `sqm process` on the real event log: the JSON's map holds together (variants add up to the
/// cases, every step of a path is a transition, occurrences ≥ tickets), the five request steps
/// are there with the submission "not measured", and the table and CSV say the same.
#[test]
fn process_map_of_the_event_log_as_json_table_and_csv() {
    use std::collections::{BTreeSet, HashMap};
    let dir = tempfile::tempdir().unwrap();
    let db = event_log_workspace(dir.path());
    let db = db.as_str();
    // Every incident of the sample (opened 2016-02-29 to 2016-03-02), two quarters asked.
    let v = process_json(&["--db", db, "--period", "2016Q1..2016Q2"]);
    assert_eq!(v["period"]["start"], "2016-01-01");
    assert_eq!(v["period"]["end"], "2016-06-30");
    let cases = v["cases"].as_u64().unwrap();
    // The incidents of the sample, each with its events: every one is a case.
    let mut reader = csv::Reader::from_path(fixture("servicenow_event_log_sample.csv")).unwrap();
    let numbers: BTreeSet<String> = reader
        .records()
        .map(|r| r.unwrap().get(0).unwrap().to_string())
        .collect();
    assert_eq!(cases, numbers.len() as u64);
    let transitions = v["transitions"].as_array().unwrap();
    assert!(!transitions.is_empty());
    let mut edges = HashMap::new();
    for t in transitions {
        let (from, to) = (t["from"].as_str().unwrap(), t["to"].as_str().unwrap());
        let (count, n) = (t["count"].as_u64().unwrap(), t["cases"].as_u64().unwrap());
        assert!(count >= n && n >= 1 && n <= cases, "{t}");
        assert_ne!(from, to, "runs are merged: {t}");
        // A number (the sample has events whose clock runs backwards: it may be negative).
        assert!(t["median_hours"].as_f64().unwrap().is_finite(), "{t}");
        edges.insert((from.to_string(), to.to_string()), count);
    }
    assert!(
        edges.keys().any(|(from, _)| from == "New"),
        "transitions from New: {edges:?}"
    );
    // Sorted by count, descending.
    let counts: Vec<u64> = transitions
        .iter()
        .map(|t| t["count"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let variants = v["variants"].as_array().unwrap();
    let total: u64 = variants.iter().map(|x| x["cases"].as_u64().unwrap()).sum();
    assert_eq!(total, cases);
    // Each step of a variant's path is a transition; summed over the variants, the steps are
    // exactly the transitions' occurrences.
    let mut steps: HashMap<(String, String), u64> = HashMap::new();
    for x in variants {
        let path: Vec<&str> = x["path"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert!(!path.is_empty());
        for w in path.windows(2) {
            let key = (w[0].to_string(), w[1].to_string());
            assert!(edges.contains_key(&key), "{key:?} of {path:?}");
            *steps.entry(key).or_default() += x["cases"].as_u64().unwrap();
        }
    }
    assert_eq!(steps, edges);
    let conformance = v["conformance_pct"].as_f64().unwrap();
    assert!((0.0..=100.0).contains(&conformance), "{conformance}");
    // The five steps of the request process; the submission is a point, never timed.
    let step_list = v["steps"].as_array().unwrap();
    assert_eq!(step_list.len(), 5);
    assert_eq!(step_list[0]["name_zh"], "提交");
    assert_eq!(step_list[0]["measured"], false);
    assert_eq!(step_list[4]["name_zh"], "反馈记录");
    for s in step_list {
        for key in [
            "name_en",
            "tickets",
            "median_hours",
            "p90_hours",
            "within_target_pct",
        ] {
            assert!(s.get(key).is_some(), "{key} in {s}");
        }
    }
    // The event log records the first assignment: step 2 is measured.
    assert_eq!(step_list[1]["measured"], true, "{}", step_list[1]);
    assert!(v.get("bottleneck").is_some() && v.get("feedback_coverage_pct").is_some());

    // The same period as two dates, and the default (the latest quarter with data).
    let again = process_json(&["--db", db, "--period", "2016-01-01..2016-06-30"]);
    assert_eq!(again["transitions"], v["transitions"]);
    let latest = process_json(&["--db", db]);
    let m: serde_json::Value =
        serde_json::from_slice(&sqm(&["metrics", "--db", db, "--format", "json"]).stdout).unwrap();
    let (year, q) = (
        m["quarter"]["year"].as_i64().unwrap(),
        m["quarter"]["q"].as_i64().unwrap(),
    );
    assert_eq!(
        latest["period"]["start"],
        format!("{year}-{:02}-01", (q - 1) * 3 + 1)
    );
    assert!(latest["cases"].as_u64().unwrap() <= cases);

    // CSV: the transitions table.
    let out = sqm(&[
        "process",
        "--db",
        db,
        "--period",
        "2016Q1..2016Q2",
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("from,to,count,cases,median_hours"));
    let first = &transitions[0];
    assert!(
        lines.next().unwrap().starts_with(&format!(
            "{},{},{},{},",
            first["from"].as_str().unwrap(),
            first["to"].as_str().unwrap(),
            first["count"],
            first["cases"]
        )),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), transitions.len() + 1);

    // The table: every section, the unmeasured step said in words.
    let out = sqm(&["process", "--db", db, "--period", "2016Q1..2016Q2"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    for phrase in [
        "2016-01-01..2016-06-30",
        "Transitions",
        "Top variants",
        "Step times",
        "1. 提交 Submitted",
        "not measured",
        "Bottleneck",
        "Feedback coverage",
    ] {
        assert!(table.contains(phrase), "{phrase} in:\n{table}");
    }
}

/// `--service` by code or name narrows the map; a bad period or an unknown service is an error
/// on stderr with a non-zero exit.
#[test]
fn process_filters_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = event_log_workspace(dir.path());
    let db = db.as_str();
    let all = process_json(&["--db", db, "--period", "2016Q1..2016Q2"]);
    let ws = sqm_core::workspace::Workspace::open(std::path::Path::new(db)).unwrap();
    let service = ws.services().unwrap().remove(0).service;
    drop(ws);
    let by_code = process_json(&[
        "--db",
        db,
        "--period",
        "2016Q1..2016Q2",
        "--service",
        &service.code,
    ]);
    let by_name = process_json(&[
        "--db",
        db,
        "--period",
        "2016Q1..2016Q2",
        "--service",
        &service.name,
    ]);
    assert_eq!(by_code, by_name);
    assert_eq!(by_code["service_id"], service.id);
    assert!(by_code["cases"].as_u64().unwrap() <= all["cases"].as_u64().unwrap());
    for (args, says) in [
        (vec!["--period", "2016Q5"], "--period 2016Q5"),
        (
            vec!["--period", "2016-06-30..2016-01-01"],
            "before the start",
        ),
        (
            vec!["--period", "2016-02-30..2016-03-31"],
            "neither a quarter nor a date",
        ),
        (vec!["--period", "last year"], "--period last year"),
        (vec!["--service", "NO-SUCH-SERVICE"], "NO-SUCH-SERVICE"),
    ] {
        let mut a = vec!["process", "--db", db];
        a.extend(args.iter().copied());
        let out = sqm(&a);
        assert!(!out.status.success(), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

/// `sqm report --kind sop`: the SOPs in force as a PDF, in Chinese and English; one version by
/// id; an unknown version is an error.
#[test]
fn sop_report_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let db = event_log_workspace(dir.path());
    let db = db.as_str();
    let write = |lang: &str, extra: &[&str]| {
        let out = dir.path().join(format!("sop-{lang}-{}.pdf", extra.len()));
        let mut args = vec![
            "report",
            "--kind",
            "sop",
            "--db",
            db,
            "--lang",
            lang,
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let o = sqm(&args);
        assert!(o.status.success(), "{}", text(&o.stderr));
        let pdf = std::fs::read(&out).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        pdf
    };
    let pdf = write("zh", &[]);
    if let Some((text, _)) = crate::report::read_back(&pdf, "sop-zh.pdf") {
        let flat = crate::report::squash(&text);
        for phrase in ["服务请求流程", "提交", "确认并分配", "反馈记录"] {
            assert!(flat.contains(phrase), "{phrase} in:\n{text}");
        }
    }
    let ws = sqm_core::workspace::Workspace::open(std::path::Path::new(db)).unwrap();
    let req = ws
        .processes(&clock())
        .unwrap()
        .into_iter()
        .find(|d| d.process.code == "REQ")
        .unwrap();
    let id = req.versions[0].id.unwrap().to_string();
    drop(ws);
    let pdf = write("en", &["--version-id", &id]);
    if let Some((text, _)) = crate::report::read_back(&pdf, "sop-en.pdf") {
        let flat = crate::report::squash(&text);
        for phrase in ["Servicerequestprocess", "Submitted", "Feedbackrecorded"] {
            assert!(flat.contains(phrase), "{phrase} in:\n{text}");
        }
    }
    let out = dir.path().join("none.pdf");
    let o = sqm(&[
        "report",
        "--kind",
        "sop",
        "--db",
        db,
        "--version-id",
        "999999",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(!out.exists());
}

/// The demo workspace is full for the process screens: two REQ versions, status history on
/// (nearly) every ticket with a believable conformance, two assessments of about 40
/// respondents a year apart, the latest clearly better, IT rating itself above business users.
#[test]
fn demo_has_processes_history_and_assessments() {
    use sqm_core::process::Group;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqm");
    let db = path.to_str().unwrap();
    assert!(sqm(&["demo", "--out", db]).status.success());
    let ws = sqm_core::workspace::Workspace::open(&path).unwrap();
    let req = ws
        .processes(&clock())
        .unwrap()
        .into_iter()
        .find(|d| d.process.code == "REQ")
        .unwrap();
    assert!(req.versions.len() >= 2, "{:?}", req.versions);
    let v11 = req.versions.iter().find(|v| v.version == "1.1").unwrap();
    let v10 = req.versions.iter().find(|v| v.version == "1.0").unwrap();
    assert_eq!(v11.effective_from.to_string(), "2026-01-01");
    assert!(v11.steps[2].target_hours < v10.steps[2].target_hours);
    assert_eq!(
        v11.steps[3].checklist.len(),
        v10.steps[3].checklist.len() + 1
    );
    let (tickets, with_history): (i64, i64) = ws
        .conn()
        .query_row(
            "SELECT count(*), coalesce(sum(has_history), 0) FROM tickets",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(with_history * 10 >= tickets * 9, "{with_history}/{tickets}");
    let assigned: i64 = ws
        .conn()
        .query_row(
            "SELECT count(*) FROM tickets WHERE first_assigned > opened",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(assigned * 10 >= tickets * 9, "{assigned}/{tickets}");
    let assessments: Vec<(i64, String)> = {
        let mut stmt = ws
            .conn()
            .prepare("SELECT id, held_on FROM assessments ORDER BY held_on")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(assessments.len(), 2);
    assert_eq!(assessments[0].1, "2025-09-20");
    assert_eq!(assessments[1].1, "2026-09-18");
    for (id, _) in &assessments {
        let r = ws.respondents(*id).unwrap();
        assert!((35..=45).contains(&r.len()), "{}", r.len());
        assert!(r.iter().any(|x| x.group == Group::It));
        assert!(r.iter().any(|x| x.group == Group::Business));
    }
    let view = ws
        .assessment_view(
            Some("2026Q3".parse().unwrap()),
            sqm_core::report::Lang::Zh,
            &clock(),
        )
        .unwrap();
    let (base, latest) = (view.baseline.unwrap(), view.latest.unwrap());
    assert!(latest.overall.unwrap() >= base.overall.unwrap() + 15.0);
    for (b, l) in base.dimensions.iter().zip(&latest.dimensions) {
        let (b, l) = (b.overall.unwrap(), l.overall.unwrap());
        assert!((25.0..=55.0).contains(&b), "baseline {b}");
        assert!((50.0..=75.0).contains(&l), "latest {l}");
        assert!(l > b + 10.0);
    }
    for d in base.dimensions.iter().chain(&latest.dimensions) {
        assert!(d.gap.unwrap() > 0.0, "IT above business: {d:?}");
    }
    drop(ws);
    let v = process_json(&["--db", db, "--period", "2026Q3"]);
    let conformance = v["conformance_pct"].as_f64().unwrap();
    assert!((70.0..=98.0).contains(&conformance), "{conformance}");
    assert!(v["cases"].as_u64().unwrap() > 4000);
    assert_eq!(v["sop"].as_str().map(|s| s.contains("1.1")), Some(true));
    let steps = v["steps"].as_array().unwrap();
    assert!(
        steps[1..].iter().all(|s| s["measured"] == true),
        "{steps:?}"
    );
}

//! Satisfaction survey exports into `satisfaction_responses` (`Workspace::import_survey` and
//! `sqm survey import`), on the fixtures in `tests/fixtures/survey` (made by `make_fixtures.py`
//! there; README.md says what each holds): what each file writes, every error of the bad files
//! exactly, all or nothing, re-imports that update without duplicating, and the CSAT the
//! metrics make of the imported responses.

use crate::support::{clock, fixture};
use sqm_core::domain::{Quarter, ServiceInput};
use sqm_core::workspace::{SurveyImportOptions, SurveyImportReport, Workspace};
use std::path::{Path, PathBuf};

fn survey(name: &str) -> PathBuf {
    fixture(&format!("survey/{name}"))
}

fn scale(min: i32, max: i32) -> SurveyImportOptions {
    SurveyImportOptions {
        scale_min: min,
        scale_max: max,
        channel: String::new(),
    }
}

/// A workspace with the services DESK (服务台) and NET (网络与基础设施), and the services VPN,
/// Desktop and Email with the tickets INC0010001–INC0010004 of `servicenow_fields.csv`.
fn new_ws() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create(&dir.path().join("s.sqm")).unwrap();
    ws.import_file(
        &fixture("servicenow_fields.csv"),
        &Default::default(),
        &clock(),
        &mut |_| {},
    )
    .unwrap();
    for (code, name) in [("DESK", "服务台"), ("NET", "网络与基础设施")] {
        let input = ServiceInput {
            code: code.into(),
            name: name.into(),
            owner: String::new(),
            team: String::new(),
        };
        ws.create_service(&input, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
            .unwrap();
    }
    (dir, ws)
}

/// One stored response: service code, local time, score, comment.
type Row = (String, String, f64, Option<String>);
/// The rest of a stored response: linked ticket key, channel, scale, external key.
type Extra = (Option<String>, String, (i64, i64), String);

/// Every survey response in the workspace, in insertion order.
fn responses(ws: &Workspace) -> Vec<(Row, Extra)> {
    let mut stmt = ws
        .conn()
        .prepare(
            "SELECT s.code, datetime(r.responded_at, 'unixepoch'), r.score, r.comment,
                    t.external_key, r.channel, r.scale_min, r.scale_max, r.external_key
             FROM satisfaction_responses r JOIN services s ON s.id = r.service_id
             LEFT JOIN tickets t ON t.id = r.ticket_id
             WHERE r.source = 'survey' ORDER BY r.id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?),
            (r.get(4)?, r.get(5)?, (r.get(6)?, r.get(7)?), r.get(8)?),
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn rows(ws: &Workspace) -> Vec<Row> {
    responses(ws).into_iter().map(|(row, _)| row).collect()
}

fn row(service: &str, at: &str, score: f64, comment: Option<&str>) -> Row {
    (service.into(), at.into(), score, comment.map(String::from))
}

fn import(ws: &mut Workspace, name: &str, options: &SurveyImportOptions) -> SurveyImportReport {
    ws.import_survey(&survey(name), options, &clock())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The overall CSAT of 2026Q3 (every fixture's responses are in it), from the metrics.
fn csat(ws: &Workspace) -> Option<f64> {
    let q = Quarter::new(2026, 3).unwrap();
    ws.metrics(q, &clock()).unwrap().overall.csat
}

/// The good files: (file, scale, the responses it writes in file order).
fn good_files() -> Vec<(&'static str, SurveyImportOptions, Vec<Row>)> {
    vec![
        (
            "survey-zh.csv",
            scale(1, 5),
            vec![
                row("DESK", "2026-07-15 09:30:12", 5.0, Some("响应很快")),
                row("DESK", "2026-07-16 14:05:00", 4.0, None),
                row(
                    "DESK",
                    "2026-07-20 08:00:00",
                    3.0,
                    Some("等了很久, 希望改进"),
                ),
                row("NET", "2026-08-01 10:10:10", 2.0, Some("VPN 经常断线")),
                row("VPN", "2026-08-02 11:00:00", 5.0, None),
                row(
                    "Email",
                    "2026-09-30 23:59:59",
                    1.0,
                    Some("邮箱满了\n还没解决"),
                ),
                row("NET", "2026-09-01 09:00:00", 4.0, None),
            ],
        ),
        (
            "survey-gbk.csv",
            scale(1, 5),
            vec![
                row("DESK", "2026-08-03 00:00:00", 5.0, None),
                row("DESK", "2026-08-03 00:00:00", 5.0, None),
                row("DESK", "2026-08-03 00:00:00", 4.0, Some("打印机修好了")),
                row("NET", "2026-08-04 00:00:00", 3.0, Some("网速慢")),
                row("Desktop", "2026-08-05 00:00:00", 2.0, Some("电脑还是很卡")),
            ],
        ),
        (
            "survey.xlsx",
            scale(1, 5),
            vec![
                row(
                    "Desktop",
                    "2026-07-03 08:15:00",
                    5.0,
                    Some("Fixed in minutes"),
                ),
                row("Desktop", "2026-07-03 17:40:00", 4.0, None),
                row(
                    "Desktop",
                    "2026-08-15 15:00:00",
                    2.0,
                    Some("Printer still jams"),
                ),
                row("Email", "2026-09-29 18:00:00", 3.0, None),
                row("VPN", "2026-09-30 00:00:00", 4.5, Some("OK now")),
                row(
                    "Email",
                    "2026-09-30 09:05:00",
                    1.0,
                    Some("Mailbox still full"),
                ),
            ],
        ),
        (
            "survey-yesno.csv",
            scale(0, 1),
            vec![
                row("DESK", "2026-07-10 10:00:00", 1.0, None),
                row(
                    "DESK",
                    "2026-07-11 11:30:00",
                    0.0,
                    Some("希望周末也有人值班"),
                ),
                row("DESK", "2026-07-12 09:15:00", 1.0, None),
                row("NET", "2026-08-20 16:45:00", 0.0, None),
                row("NET", "2026-09-05 13:00:00", 1.0, None),
                row("VPN", "2026-09-06 13:00:00", 0.0, None),
                row("VPN", "2026-09-07 08:00:00", 1.0, None),
                row("Email", "2026-09-08 08:00:00", 1.0, None),
            ],
        ),
        (
            "survey-10.csv",
            scale(1, 10),
            vec![
                row("Desktop", "2026-07-01 09:00:00", 10.0, Some("Great")),
                row("Desktop", "2026-07-15 10:30:00", 9.0, None),
                row("VPN", "2026-08-02 14:00:00", 8.0, Some("Slow VPN")),
                row("Email", "2026-08-20 00:00:00", 6.0, None),
                row("Email", "2026-09-03 08:45:00", 9.0, Some("Quick fix")),
                row("DESK", "2026-09-30 17:00:00", 10.0, None),
            ],
        ),
    ]
}

#[test]
fn each_file_writes_its_responses() {
    for (name, options, want) in good_files() {
        let (_d, mut ws) = new_ws();
        let report = import(&mut ws, name, &options);
        let n = want.len() as u32;
        assert_eq!(
            report,
            SurveyImportReport {
                file: name.into(),
                rows: n,
                inserted: n,
                updated: 0
            },
            "{name}"
        );
        assert_eq!(rows(&ws), want, "{name}");
        let stored = responses(&ws);
        let scales: Vec<_> = stored.iter().map(|(_, e)| e.2).collect();
        let want_scale = (i64::from(options.scale_min), i64::from(options.scale_max));
        assert!(
            scales.iter().all(|s| *s == want_scale),
            "{name}: {scales:?}"
        );
    }
}

#[test]
fn tickets_channels_and_keys() {
    let (_d, mut ws) = new_ws();
    import(&mut ws, "survey-zh.csv", &scale(1, 5));
    let extra: Vec<(Option<String>, String, String)> = responses(&ws)
        .into_iter()
        .map(|(_, (ticket, channel, _, key))| (ticket, channel, key))
        .collect();
    let t = |s: &str| Some(s.to_string());
    let survey = |ticket: Option<String>, key: &str| (ticket, "survey".to_string(), key.into());
    assert_eq!(
        extra,
        [
            survey(None, "R001"),
            survey(t("INC0010002"), "R002"),
            survey(None, "R003"),
            survey(t("INC0010001"), "R004"),
            survey(t("INC0010001"), "R005"),
            survey(t("INC0010004"), "R006"),
            survey(None, "R007"),
        ]
    );

    // The channel column wins; an empty cell takes the options' channel (default "survey").
    let (_d, mut ws) = new_ws();
    let options = SurveyImportOptions {
        channel: " 问卷 ".into(),
        ..scale(1, 5)
    };
    import(&mut ws, "survey.xlsx", &options);
    let extra: Vec<(Option<String>, String)> = responses(&ws)
        .into_iter()
        .map(|(_, (ticket, channel, _, _))| (ticket, channel))
        .collect();
    assert_eq!(
        extra,
        [
            (t("INC0010002"), "email".to_string()),
            (None, "问卷".into()),
            (t("INC0010003"), "phone".into()),
            (t("INC0010004"), "email".into()),
            (None, "问卷".into()),
            (None, "phone".into()),
        ]
    );

    // Without an id column, the keys are content hashes; the same answer twice is two responses.
    let (_d, mut ws) = new_ws();
    import(&mut ws, "survey-gbk.csv", &scale(1, 5));
    let keys: Vec<String> = responses(&ws).into_iter().map(|(_, e)| e.3).collect();
    assert!(keys.iter().all(|k| k.starts_with("sha256:")), "{keys:?}");
    let mut distinct = keys.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 5, "{keys:?}");
}

#[test]
fn bad_files_report_every_error_exactly() {
    const NOT_A_DATE: &str =
        "is not a date (e.g. 2026-07-15, 2026/7/15 9:30, 2026年7月15日, 15/07/2026 or 15/Jul/26 9:30 AM)";
    let cases: Vec<(&str, SurveyImportOptions, Vec<String>)> = vec![
        (
            "bad-service.csv",
            scale(1, 5),
            vec![
                "bad-service.csv:3:2: service: '打印服务' is not a service here \
                 (DESK (服务台), Desktop, Email, NET (网络与基础设施), VPN)"
                    .into(),
            ],
        ),
        (
            "bad-score.csv",
            scale(1, 5),
            vec![
                "bad-score.csv:3:3: score: '6' is outside the 1–5 scale".into(),
                "bad-score.csv:4:3: score: '五' is not a number on the 1–5 scale".into(),
                "bad-score.csv:5:3: score: '0' is outside the 1–5 scale".into(),
            ],
        ),
        (
            "bad-date.csv",
            scale(1, 5),
            vec![
                format!("bad-date.csv:3:1: date: '2026-02-30' {NOT_A_DATE}"),
                format!("bad-date.csv:4:1: date: 'tomorrow' {NOT_A_DATE}"),
                "bad-date.csv:5:1: date: empty".into(),
            ],
        ),
        (
            "bad-ticket.csv",
            scale(1, 5),
            vec![
                "bad-ticket.csv:3:4: ticket: 'INC0099999' is not a ticket here \
                 (import its ticket export first)"
                    .into(),
            ],
        ),
        (
            "bad-columns.csv",
            scale(1, 5),
            vec![
                "bad-columns.csv:1:1: missing column 'date': no header is one of \
                 日期, 提交时间, 填写时间, date, submitted, response date"
                    .into(),
                "bad-columns.csv:1:1: missing column 'score': no header is one of \
                 评分, 得分, 满意度, score, rating"
                    .into(),
            ],
        ),
        // A good file on the wrong scale.
        (
            "survey-10.csv",
            scale(1, 5),
            vec![
                "survey-10.csv:2:3: score: '10' is outside the 1–5 scale".into(),
                "survey-10.csv:3:3: score: '9' is outside the 1–5 scale".into(),
                "survey-10.csv:4:3: score: '8' is outside the 1–5 scale".into(),
                "survey-10.csv:5:3: score: '6' is outside the 1–5 scale".into(),
                "survey-10.csv:6:3: score: '9' is outside the 1–5 scale".into(),
                "survey-10.csv:7:3: score: '10' is outside the 1–5 scale".into(),
            ],
        ),
        (
            "survey-yesno.csv",
            scale(1, 5),
            vec![
                "survey-yesno.csv:2:3: score: '满意' is not a number on the 1–5 scale".into(),
                "survey-yesno.csv:3:3: score: '不满意' is not a number on the 1–5 scale".into(),
                "survey-yesno.csv:4:3: score: '是' is not a number on the 1–5 scale".into(),
                "survey-yesno.csv:5:3: score: '否' is not a number on the 1–5 scale".into(),
                "survey-yesno.csv:6:3: score: 'yes' is not a number on the 1–5 scale".into(),
                "survey-yesno.csv:7:3: score: 'No' is not a number on the 1–5 scale".into(),
                "survey-yesno.csv:9:3: score: 'TRUE' is not a number on the 1–5 scale".into(),
            ],
        ),
    ];
    for (name, options, want) in cases {
        let (_d, mut ws) = new_ws();
        match ws.import_survey(&survey(name), &options, &clock()) {
            Err(sqm_core::Error::RejectedRows(errors)) => {
                let got: Vec<String> = errors.iter().map(ToString::to_string).collect();
                assert_eq!(got, want, "{name}");
            }
            other => panic!("{name}: expected rejected rows, got {other:?}"),
        }
        assert!(rows(&ws).is_empty(), "{name}: nothing written");
    }
}

#[test]
fn a_bad_row_writes_nothing() {
    let (_d, mut ws) = new_ws();
    import(&mut ws, "survey-zh.csv", &scale(1, 5));
    let before = responses(&ws);
    let count = |ws: &Workspace| -> i64 {
        ws.conn()
            .query_row("SELECT count(*) FROM satisfaction_responses", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    // Each bad file has good rows before and after its bad one(s).
    for name in [
        "bad-service.csv",
        "bad-score.csv",
        "bad-date.csv",
        "bad-ticket.csv",
    ] {
        let err = ws
            .import_survey(&survey(name), &scale(1, 5), &clock())
            .unwrap_err();
        assert_eq!(err.code(), "rejected_rows", "{name}: {err}");
        assert_eq!(responses(&ws), before, "{name}");
        assert_eq!(count(&ws), 7, "{name}");
    }
    // A bad scale or a missing file is refused before anything is read or written.
    let err = ws
        .import_survey(&survey("survey-zh.csv"), &scale(5, 5), &clock())
        .unwrap_err();
    assert_eq!(err.code(), "invalid", "{err}");
    let err = ws
        .import_survey(&survey("missing.csv"), &scale(1, 5), &clock())
        .unwrap_err();
    assert_eq!(err.code(), "io", "{err}");
    assert_eq!(responses(&ws), before);
}

#[test]
fn reimport_updates_and_never_duplicates() {
    for (name, options, want) in good_files() {
        let (_d, mut ws) = new_ws();
        import(&mut ws, name, &options);
        let first = responses(&ws);
        let n = want.len() as u32;
        let again = import(&mut ws, name, &options);
        assert_eq!(
            (again.rows, again.inserted, again.updated),
            (n, 0, n),
            "{name}"
        );
        assert_eq!(responses(&ws), first, "{name}");
    }
}

#[test]
fn corrected_file_updates_scores_and_the_figures() {
    let (dir, mut ws) = new_ws();
    import(&mut ws, "survey-zh.csv", &scale(1, 5));
    let before = csat(&ws).unwrap();
    assert!((before - 400.0 / 7.0).abs() < 1e-9, "{before}");
    // R003 corrected from 3 to 5 with a new comment; a new response R008.
    let text = std::fs::read_to_string(survey("survey-zh.csv")).unwrap();
    let corrected = text.replace(
        "R003,2026/7/20 8:00:00,DESK,3,\"等了很久, 希望改进\",",
        "R003,2026/7/20 8:00:00,DESK,5,已改进,",
    ) + "R008,2026/9/2 9:00:00,DESK,2,,\n";
    assert_ne!(corrected, text);
    let path = dir.path().join("survey-zh-corrected.csv");
    std::fs::write(&path, corrected).unwrap();
    let r = ws.import_survey(&path, &scale(1, 5), &clock()).unwrap();
    assert_eq!((r.rows, r.inserted, r.updated), (8, 1, 7));
    let now = rows(&ws);
    assert_eq!(now.len(), 8);
    assert_eq!(
        now[2],
        row("DESK", "2026-07-20 08:00:00", 5.0, Some("已改进"))
    );
    assert_eq!(now[7], row("DESK", "2026-09-02 09:00:00", 2.0, None));
    // The same workspace measures afresh: 5 of 8 satisfied now.
    assert_eq!(csat(&ws), Some(62.5));
}

/// CSAT by the top-two-points rule (`Scale::is_satisfied`), counted by hand from the files.
#[test]
fn csat_of_imported_responses() {
    let cases = [
        // 5, 4, 3, 2, 5, 1, 4: 4 of 7 at 4 or above.
        ("survey-zh.csv", scale(1, 5), 4.0 / 7.0),
        // 5, 5, 4, 3, 2: 3 of 5.
        ("survey-gbk.csv", scale(1, 5), 3.0 / 5.0),
        // 5, 4, 2, 3, 4.5, 1: 3 of 6.
        ("survey.xlsx", scale(1, 5), 3.0 / 6.0),
        // 10, 9, 8, 6, 9, 10: 4 of 6 at 9 or above (8 is not in the top two points of 1–10).
        ("survey-10.csv", scale(1, 10), 4.0 / 6.0),
        // 满意, 不满意, 是, 否, yes, No, 1, TRUE: 5 of 8 yes.
        ("survey-yesno.csv", scale(0, 1), 5.0 / 8.0),
    ];
    for (name, options, share) in cases {
        let (_d, mut ws) = new_ws();
        assert_eq!(csat(&ws), None, "{name}: no responses before");
        import(&mut ws, name, &options);
        let got = csat(&ws).unwrap_or_else(|| panic!("{name}: no CSAT"));
        assert!((got - share * 100.0).abs() < 1e-9, "{name}: {got}");
    }
}

#[test]
fn backup_before_an_import_into_a_workspace_with_data() {
    let (_d, mut ws) = new_ws();
    let before = ws.backups().unwrap().len();
    import(&mut ws, "survey-zh.csv", &scale(1, 5));
    assert_eq!(ws.backups().unwrap().len(), before + 1);
}

fn sqm(args: &[&str]) -> std::process::Output {
    // The CLI is built by cargo into the same target directory as this test binary.
    let exe = std::env::current_exe().unwrap();
    let bin = exe.parent().and_then(Path::parent).unwrap().join("sqm");
    assert!(
        bin.exists(),
        "{} missing: cargo build -p sqm-cli",
        bin.display()
    );
    std::process::Command::new(bin).args(args).output().unwrap()
}

#[test]
fn cli_survey_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqm");
    let db = db.to_str().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let tickets = fixture("servicenow_fields.csv");
    let out = sqm(&["import", tickets.to_str().unwrap(), "--db", db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file = survey("survey.xlsx");
    let file = file.to_str().unwrap();
    let out = sqm(&["survey", "import", file, "--db", db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "survey.xlsx: 6 rows — 6 responses added, 0 updated\n"
    );
    let out = sqm(&["survey", "import", file, "--db", db, "--scale", "1-5"]);
    assert_eq!(
        text(&out.stdout),
        "survey.xlsx: 6 rows — 0 responses added, 6 updated\n"
    );
    // A wrong scale: every score outside it on stderr as file:line:column, exit code 1.
    let out = sqm(&["survey", "import", file, "--db", db, "--scale", "0-4"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("survey.xlsx:2:4: score: '5' is outside the 0–4 scale\n")
            && err.contains("survey.xlsx:6:4: score: '4.5' is outside the 0–4 scale\n"),
        "{err}"
    );
    let out = sqm(&["survey", "import", file, "--db", db, "--scale", "five"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--scale five: expected LOW-HIGH"),
        "{}",
        text(&out.stderr)
    );
    // Yes/no with a channel.
    let yes_no = survey("survey-yesno.csv");
    let out = sqm(&[
        "survey",
        "import",
        yes_no.to_str().unwrap(),
        "--db",
        db,
        "--scale",
        "yes-no",
        "--channel",
        "phone",
    ]);
    // The file names 服务台 and NET, which this workspace does not have.
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains(
            "survey-yesno.csv:2:2: service: '服务台' is not a service here (Desktop, Email, VPN)"
        ),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_corrected_score_alone_changes_the_figures_of_an_open_workspace() {
    // Only R003's score changes (3 → 5): as many responses as before, no ticket import. The
    // figures measured before (and kept by the workspace) must not survive the correction.
    let (dir, mut ws) = new_ws();
    import(&mut ws, "survey-zh.csv", &scale(1, 5));
    assert!((csat(&ws).unwrap() - 400.0 / 7.0).abs() < 1e-9);
    let text = std::fs::read_to_string(survey("survey-zh.csv")).unwrap();
    let corrected = text.replace(
        "R003,2026/7/20 8:00:00,DESK,3,\"等了很久, 希望改进\",",
        "R003,2026/7/20 8:00:00,DESK,5,已改进,",
    );
    assert_ne!(corrected, text);
    let path = dir.path().join("survey-zh-corrected.csv");
    std::fs::write(&path, corrected).unwrap();
    let r = ws.import_survey(&path, &scale(1, 5), &clock()).unwrap();
    assert_eq!((r.rows, r.inserted, r.updated), (7, 0, 7));
    // 5 of 7 satisfied now.
    assert!(
        (csat(&ws).unwrap() - 500.0 / 7.0).abs() < 1e-9,
        "{:?}",
        csat(&ws)
    );
}

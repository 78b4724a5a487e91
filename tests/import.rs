//! Importers on real files: formats, dates, re-import, all-or-nothing, error positions.

use crate::support::{clock, fixture, secs};
use sqm_core::import::{parse_date, DateOrder, Format, ImportOptions, OrderEvidence};
use sqm_core::workspace::Workspace;
use sqm_core::Error;

fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open_or_create(&dir.path().join("w.sqm")).unwrap();
    (dir, ws)
}

fn import(
    ws: &mut Workspace,
    name: &str,
    opts: ImportOptions,
) -> sqm_core::Result<sqm_core::import::ImportReport> {
    ws.import_file(&fixture(name), &opts, &clock(), &mut |_| {})
}

fn count(ws: &Workspace, sql: &str) -> i64 {
    ws.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn dates_parse_in_every_supported_shape() {
    let cases: &[(&str, DateOrder, Option<&str>)] = &[
        (
            "2026-03-15 10:30:45",
            DateOrder::Ymd,
            Some("2026-03-15 10:30:45"),
        ),
        (
            "2026-03-15T10:30:45+08:00",
            DateOrder::Ymd,
            Some("2026-03-15 10:30:45"),
        ),
        (
            "2026/03/15 10:30",
            DateOrder::Dmy,
            Some("2026-03-15 10:30:00"),
        ),
        (
            "29-02-2016 01:16",
            DateOrder::Dmy,
            Some("2016-02-29 01:16:00"),
        ),
        ("1/3/2016 9:05", DateOrder::Dmy, Some("2016-03-01 09:05:00")),
        ("1/3/2016 9:05", DateOrder::Mdy, Some("2016-01-03 09:05:00")),
        (
            "07/13/2026 09:15",
            DateOrder::Mdy,
            Some("2026-07-13 09:15:00"),
        ),
        ("07/13/2026 09:15", DateOrder::Dmy, None),
        (
            "15/Mar/26 10:30 AM",
            DateOrder::Dmy,
            Some("2026-03-15 10:30:00"),
        ),
        (
            "15/Mar/26 12:05 AM",
            DateOrder::Mdy,
            Some("2026-03-15 00:05:00"),
        ),
        (
            "15/Mar/26 1:05 PM",
            DateOrder::Ymd,
            Some("2026-03-15 13:05:00"),
        ),
        (
            "15/三月/26 10:30 上午",
            DateOrder::Dmy,
            Some("2026-03-15 10:30:00"),
        ),
        (
            "15/十一月/26 2:30 下午",
            DateOrder::Dmy,
            Some("2026-11-15 14:30:00"),
        ),
        ("31-02-2016 01:16", DateOrder::Dmy, None),
        ("yesterday", DateOrder::Dmy, None),
        ("2026-03-15 25:00", DateOrder::Ymd, None),
        // The fixed `YYYY-MM-DD HH:MM:SS` layout is read by position; the same answers.
        (
            "2026-03-15 10:30:00",
            DateOrder::Dmy,
            Some("2026-03-15 10:30:00"),
        ),
        (
            "2026/03/15 10:30:59",
            DateOrder::Mdy,
            Some("2026-03-15 10:30:59"),
        ),
        (
            "2026-03-15T23:59:59",
            DateOrder::Ymd,
            Some("2026-03-15 23:59:59"),
        ),
        ("2026-02-29 10:00:00", DateOrder::Ymd, None),
        (
            "2024-02-29 10:00:00",
            DateOrder::Ymd,
            Some("2024-02-29 10:00:00"),
        ),
        ("2026-13-01 10:00:00", DateOrder::Ymd, None),
        ("2026-03-15 24:00:00", DateOrder::Ymd, None),
        ("2026-03-15 10:60:00", DateOrder::Ymd, None),
        ("2026-03-1x 10:30:00", DateOrder::Ymd, None),
        (
            "2026-03/15 10:30:00",
            DateOrder::Ymd,
            Some("2026-03-15 10:30:00"),
        ),
    ];
    for (input, order, want) in cases {
        let got = parse_date(input, *order).map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string());
        assert_eq!(got.as_deref(), *want, "{input} as {order:?}");
    }
}

#[test]
fn the_date_order_is_decided_by_the_values_not_per_row() {
    let decide = |values: &[&str]| {
        let mut ev = OrderEvidence::default();
        values.iter().for_each(|v| ev.observe(v));
        ev.decide().map(|(o, a)| (o, a.label, a.ambiguous))
    };
    assert_eq!(
        decide(&["01-02-2016 10:00", "29-02-2016 01:16"]),
        Ok((DateOrder::Dmy, "DD-MM-YYYY HH:MM".into(), false))
    );
    assert_eq!(
        decide(&["01/02/2016 10:00", "02/29/2016 01:16"]),
        Ok((DateOrder::Mdy, "MM/DD/YYYY HH:MM".into(), false))
    );
    assert_eq!(
        decide(&["2016-02-01 10:00:00"]),
        Ok((DateOrder::Ymd, "YYYY-MM-DD HH:MM:SS".into(), false))
    );
    assert_eq!(
        decide(&["01-02-2016 10:00", "?", ""]),
        Ok((DateOrder::Dmy, "DD-MM-YYYY HH:MM".into(), true))
    );
    let conflict = decide(&["13-02-2016 10:00", "02-13-2016 10:00"]).unwrap_err();
    assert!(
        conflict.contains("13-02-2016") && conflict.contains("02-13-2016"),
        "{conflict}"
    );
}

#[test]
fn the_real_servicenow_event_log_folds_to_one_ticket_per_incident() {
    let (_d, mut ws) = workspace();
    let preview = ws
        .import_preview(
            &fixture("servicenow_event_log_sample.csv"),
            &Default::default(),
        )
        .unwrap();
    assert!(preview.event_log);
    assert_eq!(preview.format, Format::ServiceNow);
    let date = preview.date.unwrap();
    assert_eq!(
        (date.label.as_str(), date.ambiguous),
        ("DD-MM-YYYY HH:MM", false)
    );
    let r = import(
        &mut ws,
        "servicenow_event_log_sample.csv",
        Default::default(),
    )
    .unwrap();
    assert_eq!(
        (r.run.rows_added, r.run.rows_updated, r.run.rows_rejected),
        (890, 0, 0)
    );
    assert_eq!(count(&ws, "SELECT count(*) FROM tickets"), 890);
    // INC0000045: opened 29-02-2016 01:16, first left New at 08:53 (mod 2), resolved 11:29.
    let (opened, first, resolved, state): (i64, i64, i64, String) = ws
        .conn()
        .query_row(
            "SELECT opened, first_response, resolved, state FROM tickets WHERE external_key = 'INC0000045'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (opened, first, resolved, state.as_str()),
        (
            secs("2016-02-29 01:16"),
            secs("2016-02-29 08:53"),
            secs("2016-02-29 11:29"),
            "Closed"
        )
    );
    // Importing the same file again changes nothing and duplicates nothing.
    let again = import(
        &mut ws,
        "servicenow_event_log_sample.csv",
        Default::default(),
    )
    .unwrap();
    assert_eq!((again.run.rows_added, again.run.rows_updated), (0, 0));
    assert_eq!(count(&ws, "SELECT count(*) FROM tickets"), 890);
    assert_eq!(count(&ws, "SELECT count(*) FROM import_runs"), 2);
}

#[test]
fn servicenow_field_names_and_labels_both_import() {
    let (_d, mut ws) = workspace();
    let r = import(&mut ws, "servicenow_fields.csv", Default::default()).unwrap();
    assert_eq!(
        (r.run.rows_added, r.format_label.as_str()),
        (4, "ServiceNow incident list (field names)")
    );
    let mut created = r.services_created.clone();
    created.sort();
    assert_eq!(created, vec!["Desktop", "Email", "VPN"]);
    let r = import(&mut ws, "servicenow_labels.csv", Default::default()).unwrap();
    assert_eq!(
        (r.run.rows_added, r.format_label.as_str()),
        (3, "ServiceNow incident list (labels)")
    );
    assert_eq!(r.date.unwrap().label, "MM/DD/YYYY HH:MM");
    let p1: i64 = count(
        &ws,
        "SELECT count(*) FROM tickets WHERE priority = 'P1' AND external_key = 'INC0020001'",
    );
    assert_eq!(p1, 1);
    // The labels export has no first-response column: response is not measured for it.
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM tickets WHERE response_tracked = 0"
        ),
        3
    );
}

#[test]
fn a_newer_export_updates_by_key_and_never_duplicates() {
    let (_d, mut ws) = workspace();
    import(&mut ws, "servicenow_fields.csv", Default::default()).unwrap();
    let r = import(&mut ws, "servicenow_fields_v2.csv", Default::default()).unwrap();
    // INC0010003 closed since, INC0010004 resolved since; INC0010005 is new; 1 and 2 unchanged.
    assert_eq!((r.run.rows_added, r.run.rows_updated), (1, 2));
    assert_eq!(count(&ws, "SELECT count(*) FROM tickets"), 5);
    assert_eq!(count(&ws, "SELECT count(*) FROM tickets WHERE external_key = 'INC0010004' AND resolved IS NOT NULL"), 1);
}

#[test]
fn jira_exports_in_english_and_chinese_import_with_ratings() {
    let (_d, mut ws) = workspace();
    let r = import(&mut ws, "jira_en.csv", Default::default()).unwrap();
    assert_eq!(
        (
            r.run.rows_added,
            r.satisfaction_added,
            r.format_label.as_str()
        ),
        (4, 3, "Jira Service Management (English)")
    );
    let r = import(&mut ws, "jira_zh.csv", Default::default()).unwrap();
    assert_eq!(
        (
            r.run.rows_added,
            r.satisfaction_added,
            r.format_label.as_str()
        ),
        (3, 3, "Jira Service Management (中文)")
    );
    let (opened, resolved, prio): (i64, i64, String) = ws
        .conn()
        .query_row(
            "SELECT opened, resolved, priority FROM tickets WHERE external_key = 'FWT-2'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (opened, resolved, prio.as_str()),
        (secs("2026-07-16 14:05"), secs("2026-07-17 16:00"), "P3")
    );
    // Ratings are linked to their tickets.
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM satisfaction_responses WHERE ticket_id IS NULL"
        ),
        0
    );
    // Repeated columns: the first non-empty wins (ITSD-102 has its component in the second).
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM tickets WHERE external_key = 'ITSD-104' AND resolved IS NULL"
        ),
        1
    );
}

#[test]
fn a_chinese_excel_csv_in_gb18030_imports_like_utf8() {
    let (_d, mut ws) = workspace();
    let r = import(&mut ws, "jira_zh_gb18030.csv", Default::default()).unwrap();
    assert_eq!(
        (r.run.rows_added, r.format_label.as_str()),
        (3, "Jira Service Management (中文) · gb18030")
    );
    let name: String = ws
        .conn()
        .query_row(
            "SELECT assignee FROM tickets WHERE external_key = 'FWT-1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(name, "李娜");
}

#[test]
fn bad_rows_are_reported_with_file_line_column_and_nothing_is_written() {
    let (_d, mut ws) = workspace();
    let err = import(&mut ws, "servicenow_bad_rows.csv", Default::default()).unwrap_err();
    let Error::RejectedRows(rows) = &err else {
        panic!("expected rejected rows, got {err}")
    };
    let lines: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
    assert_eq!(
        lines,
        vec![
            "servicenow_bad_rows.csv:3:2: opened_at: '2026-02-30 09:00:00' is not a date in the file's format (YMD)",
            "servicenow_bad_rows.csv:5:7: reassignment_count: 'two' is not a whole number",
        ]
    );
    assert_eq!(count(&ws, "SELECT count(*) FROM tickets"), 0);
    assert_eq!(count(&ws, "SELECT count(*) FROM services"), 0);
    assert_eq!(count(&ws, "SELECT count(*) FROM import_runs"), 0);
    // Chosen explicitly: the valid rows go in, the bad ones are listed and counted.
    let r = import(
        &mut ws,
        "servicenow_bad_rows.csv",
        ImportOptions {
            valid_rows_only: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        (r.run.rows_added, r.run.rows_rejected, r.errors.len()),
        (2, 2, 2)
    );
}

/// Excel saves CSV with CRLF line ends, and exports can carry blank lines: the line numbers in
/// the messages are the file's own either way.
#[test]
fn line_numbers_are_the_files_with_crlf_and_blank_lines() {
    let text = std::fs::read_to_string(fixture("servicenow_bad_rows.csv")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let crlf = lines.join("\r\n") + "\r\n";
    lines.insert(2, ""); // a blank line before the first bad row: everything after moves down
    let blank = lines.join("\n") + "\n";
    for (name, body, want) in [
        ("crlf.csv", crlf, ["crlf.csv:3:2", "crlf.csv:5:7"]),
        ("blank.csv", blank, ["blank.csv:4:2", "blank.csv:6:7"]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, body).unwrap();
        let (_d, mut ws) = workspace();
        let err = ws
            .import_file(&path, &Default::default(), &clock(), &mut |_| {})
            .unwrap_err();
        let Error::RejectedRows(rows) = &err else {
            panic!("expected rejected rows, got {err}")
        };
        let got: Vec<String> = rows
            .iter()
            .map(|r| format!("{}:{}:{}", r.file, r.line, r.column))
            .collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn an_unknown_file_names_the_columns_it_expected() {
    let (_d, mut ws) = workspace();
    let err = import(&mut ws, "unknown.csv", Default::default()).unwrap_err();
    let msg = err.to_string();
    assert_eq!(err.code(), "import");
    for want in [
        "unknown.csv",
        "not a known export",
        "number, opened_at",
        "Issue key, Created",
        "问题关键字, 创建日期",
        "id, when, what",
    ] {
        assert!(msg.contains(want), "missing {want:?} in: {msg}");
    }
    // The preview still shows the headers, so the user can map them.
    let preview = ws
        .import_preview(&fixture("unknown.csv"), &Default::default())
        .unwrap();
    assert!(!preview.recognised);
    assert_eq!(preview.headers, vec!["id", "when", "what"]);
    assert!(preview.problem.unwrap().contains("not a known export"));
}

#[test]
fn a_saved_column_mapping_is_reused_for_the_same_headers() {
    use sqm_core::import::{ColumnMapping, Field};
    let (_d, mut ws) = workspace();
    let mut m = ColumnMapping::default();
    m.set(Field::Key, Some("id".into()));
    m.set(Field::Opened, Some("when".into()));
    m.set(Field::Service, Some("what".into()));
    let headers = vec!["id".to_string(), "when".into(), "what".into()];
    ws.save_mapping(&headers, Format::ServiceNow, &m, &clock())
        .unwrap();
    let preview = ws
        .import_preview(&fixture("unknown.csv"), &Default::default())
        .unwrap();
    assert!(preview.saved_mapping);
    // "2026-07-01" has no time: midnight.
    let r = import(&mut ws, "unknown.csv", Default::default()).unwrap();
    assert_eq!(r.run.rows_added, 1);
    assert_eq!(
        count(&ws, "SELECT opened FROM tickets"),
        secs("2026-07-01 00:00")
    );
}

#[test]
fn a_forced_date_order_overrides_detection() {
    let (_d, mut ws) = workspace();
    let err = import(
        &mut ws,
        "servicenow_labels.csv",
        ImportOptions {
            date_format: Some("DMY".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        err.code(),
        "rejected_rows",
        "07/13/2026 is not day-first: {err}"
    );
}

/// Every ticket and status row of a workspace, in key order, for comparing two imports.
fn dump(ws: &Workspace) -> Vec<String> {
    let mut stmt = ws
        .conn()
        .prepare(
            "SELECT t.external_key, t.opened, t.first_response, t.resolved, t.closed, t.state,
                    t.priority, (SELECT group_concat(s.at || ' ' || s.state, '; ')
                                 FROM ticket_status s WHERE s.ticket_id = t.id)
             FROM tickets t ORDER BY t.external_key",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok(format!(
            "{:?}",
            (
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
            )
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

#[test]
fn an_event_log_gives_each_ticket_its_status_history_and_pauses() {
    let (_d, mut ws) = workspace();
    import(
        &mut ws,
        "servicenow_event_log_sample.csv",
        Default::default(),
    )
    .unwrap();
    // INC0000047 went New → Active → Awaiting User Info → Resolved → Closed (updates that
    // repeat a state collapse into one entry).
    let id: i64 = ws
        .conn()
        .query_row(
            "SELECT id FROM tickets WHERE external_key = 'INC0000047'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let history = sqm_core::store::status_history(ws.conn(), id).unwrap();
    let want = [
        ("2016-02-29 04:57", "New"),
        ("2016-02-29 05:30", "Active"),
        ("2016-03-01 09:14", "Awaiting User Info"),
        ("2016-03-01 09:52", "Resolved"),
        ("2016-03-06 10:00", "Closed"),
    ];
    let want: Vec<(i64, String)> = want
        .iter()
        .map(|(at, s)| (secs(at), s.to_string()))
        .collect();
    assert_eq!(history, want);
    assert_eq!(
        count(&ws, "SELECT count(*) FROM tickets WHERE has_history"),
        890
    );

    // Measured: opened 29 Feb 04:40, resolved 1 Mar 09:52 (29 h 12 min on the 24×7 calendar of
    // the default standard), 38 min of it awaiting the user: 28 h 34 min.
    let q = sqm_core::domain::Quarter { year: 2016, q: 1 };
    let rows = ws
        .drill(
            Some(q),
            &sqm_core::metrics::DrillScope::Overall,
            sqm_core::metrics::DrillMeasure::Resolved,
            &Default::default(),
            &clock(),
        )
        .unwrap();
    let row = rows.rows.iter().find(|r| r.key == "INC0000047").unwrap();
    let hours = |h: i64, m: i64| (h * 60 + m) as f64 / 60.0;
    assert!((row.business_hours.unwrap() - hours(28, 34)).abs() < 1e-9);
    assert!((row.paused_hours - hours(0, 38)).abs() < 1e-9);
    assert_eq!(row.resolution_met, Some(false));

    // Stopping the clock while the user is awaited raises attainment (and moves some
    // deadlines, hence outcomes, into the next quarter).
    let with = ws.metrics(q, &clock()).unwrap().overall;
    let without = ws
        .metrics_with(
            q,
            &sqm_core::metrics::MeasureOptions {
                calendar: None,
                pauses: false,
            },
            &clock(),
        )
        .unwrap()
        .overall;
    assert!(with.resolution.pct.unwrap() > without.resolution.pct.unwrap());
}

#[test]
fn event_log_copies_with_short_dates_and_lower_case_booleans_import_the_same() {
    // Other copies of the same log write `D/M/YYYY H:MM` and `true`/`false`.
    let text = std::fs::read_to_string(fixture("servicenow_event_log_sample.csv")).unwrap();
    let short = |d: &str| -> String {
        // DD-MM-YYYY HH:MM → D/M/YYYY H:MM
        let (date, time) = d.split_once(' ').unwrap();
        let p: Vec<&str> = date.split('-').collect();
        let (h, m) = time.split_once(':').unwrap();
        format!(
            "{}/{}/{} {}:{}",
            p[0].trim_start_matches('0'),
            p[1].trim_start_matches('0'),
            p[2],
            h.parse::<u32>().unwrap(),
            m
        )
    };
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let cells: Vec<String> = line
            .split(',')
            .map(|c| {
                let is_date =
                    i > 0 && c.len() == 16 && c.as_bytes()[2] == b'-' && c.as_bytes()[5] == b'-';
                match c {
                    "TRUE" => "true".into(),
                    "FALSE" => "false".into(),
                    c if is_date => short(c),
                    c => c.into(),
                }
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    assert!(out.contains("29/2/2016 4:40") && out.contains(",true,"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("event_log_short_dates.csv");
    std::fs::write(&path, out).unwrap();

    let (_a, mut original) = workspace();
    import(
        &mut original,
        "servicenow_event_log_sample.csv",
        Default::default(),
    )
    .unwrap();
    let (_b, mut copy) = workspace();
    let r = copy
        .import_file(&path, &Default::default(), &clock(), &mut |_| {})
        .unwrap();
    assert_eq!(r.run.rows_added, 890);
    assert_eq!(dump(&copy), dump(&original));
}

/// Bad inputs, one per row: the file as written, and what the import must say (the first
/// message, exactly) — or that it imports cleanly, with how many tickets.
#[test]
fn bad_input_table() {
    const H: &str =
        "number,opened_at,priority,state,business_service,resolved_at,reassignment_count";
    const R1: &str = "INC1,2026-07-01 09:00:00,3 - Moderate,Closed,VPN,2026-07-01 11:00:00,0";
    const R2: &str = "INC2,2026-07-02 09:00:00,3 - Moderate,Closed,VPN,2026-07-02 11:00:00,1";
    let lines = |rows: &[&str]| rows.join("\n") + "\n";
    let utf16 = |s: &str| -> Vec<u8> {
        let mut v = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            v.extend(u.to_le_bytes());
        }
        v
    };
    let gbk = |s: &str| encoding_rs::GB18030.encode(s).0.into_owned();
    let big = format!(
        "INC2,2026-07-02 09:00:00,3 - Moderate,Closed,\"{}\",2026-07-02 11:00:00,1",
        "x".repeat(10 * 1024 * 1024)
    );
    enum Want {
        Imports(i64),
        Says(&'static str),
    }
    use Want::*;
    let cases: Vec<(&str, Vec<u8>, Want)> = vec![
        ("semicolon.csv", lines(&[H, R1, R2]).replace(',', ";").into_bytes(), Imports(2)),
        ("tabs.csv", lines(&[H, R1, R2]).replace(',', "\t").into_bytes(), Imports(2)),
        ("bom.csv", [b"\xEF\xBB\xBF".as_slice(), lines(&[H, R1, R2]).as_bytes()].concat(), Imports(2)),
        ("utf16.csv", utf16(&lines(&[H, R1, R2])), Imports(2)),
        (
            "gbk.csv",
            gbk(&lines(&[H, "INC1,2026-07-01 09:00:00,3 - Moderate,已关闭,桌面支持,2026-07-01 11:00:00,0"])),
            Imports(1),
        ),
        (
            "truncated.csv",
            lines(&[H, R1, "INC2,2026-07-02 09:00:00,3 - Moderate"]).into_bytes(),
            Says("truncated.csv:3:1: the row has 3 fields, the header has 7"),
        ),
        (
            "duplicate.csv",
            lines(&[H, R1, R2, R1]).into_bytes(),
            Says("duplicate.csv:4:1: number: 'INC1' is already on line 2"),
        ),
        (
            "baddate.csv",
            lines(&[H, R1, "INC2,2026-13-45 09:00:00,3 - Moderate,Closed,VPN,,1"]).into_bytes(),
            Says("baddate.csv:3:2: opened_at: '2026-13-45 09:00:00' is not a date in the file's format (YMD)"),
        ),
        (
            "backwards.csv",
            lines(&[H, R1, "INC2,2026-07-02 09:00:00,3 - Moderate,Closed,VPN,2026-07-01 11:00:00,1"]).into_bytes(),
            Says("backwards.csv:3:6: resolved_at: before the ticket was opened"),
        ),
        (
            "negative.csv",
            lines(&[H, R1, "INC2,2026-07-02 09:00:00,3 - Moderate,Closed,VPN,2026-07-02 11:00:00,-2"]).into_bytes(),
            Says("negative.csv:3:7: reassignment_count: '-2' is negative; a count cannot be"),
        ),
        (
            "bigfield.csv",
            lines(&[H, R1, &big]).into_bytes(),
            Says("bigfield.csv:3:5: business_service: 10485760 characters, more than 500 — is this the right column?"),
        ),
        ("empty.csv", Vec::new(), Says("empty.csv: the file is empty (no header line)")),
        ("header-only.csv", lines(&[H]).into_bytes(), Imports(0)),
    ];
    for (name, bytes, want) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let (_d, mut ws) = workspace();
        let r = ws.import_file(&path, &Default::default(), &clock(), &mut |_| {});
        match (want, r) {
            (Imports(n), Ok(_)) => {
                assert_eq!(count(&ws, "SELECT count(*) FROM tickets"), n, "{name}")
            }
            (Imports(_), Err(e)) => panic!("{name}: {e}"),
            (Says(msg), Ok(r)) => panic!("{name}: imported {:?}, expected {msg}", r.run),
            (Says(msg), Err(e)) => {
                let first = match &e {
                    Error::RejectedRows(rows) => rows[0].to_string(),
                    e => e.to_string(),
                };
                assert_eq!(first, msg, "{name}");
                assert_eq!(
                    count(&ws, "SELECT count(*) FROM tickets"),
                    0,
                    "{name}: nothing written"
                );
            }
        }
    }
}

/// The date order is taken from the first rows while the file streams in, but every value
/// still counts: a file whose first 2,500 rows could be day- or month-first and whose last row
/// is month-first is imported (again, whole) as month-first, and says so.
#[test]
fn later_rows_that_decide_the_date_order_win() {
    use crate::support::clock;
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("late.csv");
    let mut text = String::from("number,opened_at,resolved_at,priority,business_service\n");
    for i in 1..=2500 {
        text.push_str(&format!(
            "INC{i:07},03/04/2026 09:00,03/05/2026 10:00,3 - Moderate,Email\n"
        ));
    }
    text.push_str("INC9999999,03/25/2026 09:00,03/26/2026 10:00,3 - Moderate,Email\n");
    std::fs::write(&csv, text).unwrap();
    let mut ws = sqm_core::workspace::Workspace::create(&dir.path().join("w.sqm")).unwrap();
    let report = ws
        .import_file(&csv, &ImportOptions::default(), &clock(), &mut |_| {})
        .unwrap();
    assert_eq!(report.run.rows_added, 2501);
    let date = report.date.unwrap();
    assert_eq!((date.pattern.as_str(), date.ambiguous), ("MDY", false));
    // The first rows read month-first too: opened 4 March, not 3 April.
    let opened: i64 = ws
        .conn()
        .query_row(
            "SELECT opened FROM tickets WHERE external_key = 'INC0000001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(opened, crate::support::secs("2026-03-04 09:00"));
    let runs: i64 = ws
        .conn()
        .query_row("SELECT count(*) FROM import_runs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(runs, 1, "the first pass was rolled back");
}

/// After an import the workspace is not left locked: another process (the CLI while the app is
/// open) reads it at once.
#[test]
fn another_connection_reads_right_after_an_import() {
    use crate::support::{clock, fixture};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqm");
    let mut ws = sqm_core::workspace::Workspace::create(&path).unwrap();
    ws.import_file(
        &fixture("servicenow_event_log_sample.csv"),
        &ImportOptions::default(),
        &clock(),
        &mut |_| {},
    )
    .unwrap();
    let other = sqm_core::workspace::Workspace::open(&path).unwrap();
    let q = other.default_quarter(None).unwrap();
    assert!(other.metrics(q, &clock()).unwrap().overall.volume > 0);
    assert_eq!(other.info().unwrap().tickets, ws.info().unwrap().tickets);
}

/// Every stored column of every ticket, in key order.
fn all_columns(ws: &Workspace) -> Vec<String> {
    let mut stmt = ws
        .conn()
        .prepare(
            "SELECT t.source, t.external_key, s.name, t.priority, t.category, t.channel, t.opened,
                    t.first_response, t.resolved, t.closed, t.assignee, t.assignment_group,
                    t.reassignment_count, t.reopen_count, t.state, t.response_tracked,
                    t.first_assigned, t.import_run_id IS NOT NULL
             FROM tickets t JOIN services s ON s.id = t.service_id ORDER BY t.external_key",
        )
        .unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        (0..n)
            .map(|i| Ok(format!("{:?}", r.get_ref(i)?)))
            .collect::<Result<Vec<_>, _>>()
            .map(|v| v.join("|"))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// Seconds as an export writes them (`YYYY-MM-DD HH:MM:SS`).
fn at(s: i64) -> String {
    chrono::DateTime::from_timestamp(s, 0)
        .unwrap()
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// `values[(i / period) % len]`: row `i`'s cell of a column that changes every `period` rows.
fn cell(i: usize, period: usize, values: &[&'static str]) -> &'static str {
    values[(i / period) % values.len()]
}

/// A first import writes many rows per statement and binds only what differs from the row the
/// statement held at the same place before: over more rows than a batch, with values that
/// repeat at the same place, change, and come and go (empty cells), every column of every
/// ticket must be what the upsert (the other statement, for a source with tickets already)
/// stores of the same file, and what the file says.
#[test]
fn a_large_first_import_stores_every_column_as_the_upsert_does() {
    let header = "number,opened_at,priority,state,category,assignment_group,assigned_to,\
                  resolved_at,closed_at,business_service,reassignment_count,reopen_count,\
                  u_first_response";
    let mut csv = String::from(header);
    let rows = 9_001; // more than two of the reader's batches, not a whole number of statements
    for i in 0..rows {
        let opened = 1_700_000_000 + 60 * i as i64;
        let resolved = (i % 3 != 0).then(|| at(opened + 3600 + (i % 7) as i64 * 60));
        let closed = (i % 6 == 1).then(|| at(opened + 90_000));
        let first = (i % 5 != 0).then(|| at(opened + 120));
        csv.push_str(&format!(
            "\nINC{i:07},{},{},{},{},{},{},{},{},{},{},{},{}",
            at(opened),
            cell(i, 1, &["1 - Critical", "3 - Moderate", "3 - Moderate", ""]),
            cell(i, 32, &["Closed", "Resolved", "On Hold"]),
            cell(i, 33, &["Network", "", "Email"]),
            cell(i, 64, &["Desk Team", "Network Team"]),
            cell(i, 5, &["Li Na", "", "Wang Lei", "Li Na"]),
            resolved.unwrap_or_default(),
            closed.unwrap_or_default(),
            cell(i, 31, &["Email", "Network", "Desktop"]),
            i % 32 % 3,
            usize::from(i % 96 == 0),
            first.unwrap_or_default(),
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("large.csv");
    std::fs::write(&file, &csv).unwrap();
    let opts = ImportOptions::default();
    let mut fresh = Workspace::open_or_create(&dir.path().join("fresh.sqm")).unwrap();
    let r = fresh
        .import_file(&file, &opts, &clock(), &mut |_| {})
        .unwrap();
    assert_eq!(r.run.rows_added, rows as i64);
    // The same file into a workspace that already holds a ticket of the source: every row goes
    // through the upsert.
    let mut upserted = Workspace::open_or_create(&dir.path().join("upsert.sqm")).unwrap();
    let one = dir.path().join("one.csv");
    let last = csv.lines().last().unwrap();
    std::fs::write(&one, format!("{header}\n{last}")).unwrap();
    upserted
        .import_file(&one, &opts, &clock(), &mut |_| {})
        .unwrap();
    let r = upserted
        .import_file(&file, &opts, &clock(), &mut |_| {})
        .unwrap();
    assert_eq!(r.run.rows_added, rows as i64 - 1);
    let (a, b) = (all_columns(&fresh), all_columns(&upserted));
    assert_eq!(a.len(), rows);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
    // And what the file says, for rows at both ends of statements and batches.
    for i in [
        0usize, 31, 32, 33, 63, 64, 4095, 4096, 4097, 8191, 8192, 9000,
    ] {
        let row: (String, Option<String>, Option<String>, Option<String>, i64) = fresh
            .conn()
            .query_row(
                "SELECT state, category, assignee, priority, reassignment_count FROM tickets
                 WHERE external_key = ?1",
                [format!("INC{i:07}")],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .unwrap();
        let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
        assert_eq!(
            row.0,
            cell(i, 32, &["Closed", "Resolved", "On Hold"]),
            "{i}"
        );
        assert_eq!(row.1, text(cell(i, 33, &["Network", "", "Email"])), "{i}");
        assert_eq!(
            row.2,
            text(cell(i, 5, &["Li Na", "", "Wang Lei", "Li Na"])),
            "{i}"
        );
        assert_eq!(row.3.is_some(), i % 4 != 3, "{i}");
        assert_eq!(row.4, (i % 32 % 3) as i64, "{i}");
    }
}

/// One generated row of a large ServiceNow export: `variant` 0 is the first export, 1 a later
/// one in which every 7th ticket changed (state, assignee, resolution) and every 13th lost
/// its category. Gives the CSV line and what the workspace must hold for it: (key, priority,
/// state, category, group, assignee, service, opened, resolved, reassignments, first response).
type Stored = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    i64,
    Option<i64>,
    i64,
    Option<i64>,
);

fn large_row(i: usize, variant: usize) -> (String, Stored) {
    let changed = variant == 1 && i.is_multiple_of(7);
    let opened = 1_700_000_000 + 60 * i as i64;
    let resolved = (!i.is_multiple_of(3) || changed).then(|| opened + 3600 + (i % 7) as i64 * 60);
    let first = (!i.is_multiple_of(5)).then(|| opened + 120);
    let priority = cell(i, 1, &["1 - Critical", "3 - Moderate", "3 - Moderate", ""]);
    let state = if changed {
        "Resolved"
    } else {
        cell(i, 32, &["Closed", "Resolved", "On Hold"])
    };
    let category = if variant == 1 && i.is_multiple_of(13) {
        ""
    } else {
        cell(i, 33, &["Network", "", "Email"])
    };
    let group = cell(i, 64, &["Desk Team", "Network Team"]);
    let assignee = if changed {
        "赵敏"
    } else {
        cell(i, 5, &["Li Na", "", "Wang Lei", "Li Na"])
    };
    let service = cell(i, 31, &["Email", "Network", "Desktop"]);
    let reassigned = (i % 32 % 3) as i64;
    let line = format!(
        "INC{i:07},{},{priority},{state},{category},{group},{assignee},{},,{service},{reassigned},0,{}",
        at(opened),
        resolved.map(at).unwrap_or_default(),
        first.map(at).unwrap_or_default(),
    );
    let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let stored = (
        format!("INC{i:07}"),
        sqm_core::domain::normalize_priority(priority),
        text(state),
        text(category),
        text(group),
        text(assignee),
        service.to_string(),
        opened,
        resolved,
        reassigned,
        first,
    );
    (line, stored)
}

fn stored_tickets(ws: &Workspace) -> Vec<Stored> {
    let mut stmt = ws
        .conn()
        .prepare(
            "SELECT t.external_key, t.priority, t.state, t.category, t.assignment_group,
                    t.assignee, s.name, t.opened, t.resolved, t.reassignment_count,
                    t.first_response
             FROM tickets t JOIN services s ON s.id = t.service_id ORDER BY t.external_key",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
            r.get(10)?,
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// A later export of tickets the workspace holds goes through the upsert, many rows per
/// statement, binding only what differs from the row the statement held: new tickets are
/// added, changed ones updated, the others left alone and counted as neither, tickets missing
/// from the later export stay as they were; afterwards every ticket is what the latest export
/// that named it says, and importing the same export again changes nothing.
#[test]
fn a_large_later_import_adds_updates_and_leaves_tickets_as_its_rows_say() {
    let header = "number,opened_at,priority,state,category,assignment_group,assigned_to,\
                  resolved_at,closed_at,business_service,reassignment_count,reopen_count,\
                  u_first_response";
    let export = |range: std::ops::Range<usize>, variant: usize| -> (String, Vec<Stored>) {
        let mut csv = String::from(header);
        let mut want = Vec::new();
        for i in range {
            let (line, stored) = large_row(i, variant);
            csv.push('\n');
            csv.push_str(&line);
            want.push(stored);
        }
        (csv, want)
    };
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.csv");
    let later = dir.path().join("later.csv");
    // The first export: tickets 0..9001; the later one: 1000..10301 (300 + 1000 new).
    let (csv, mut want) = export(0..9_001, 0);
    std::fs::write(&first, csv).unwrap();
    let (csv, later_rows) = export(1_000..10_301, 1);
    std::fs::write(&later, csv).unwrap();
    let opts = ImportOptions::default();
    let mut ws = Workspace::open_or_create(&dir.path().join("w.sqm")).unwrap();
    let r = ws
        .import_file(&first, &opts, &clock(), &mut |_| {})
        .unwrap();
    assert_eq!((r.run.rows_added, r.run.rows_updated), (9_001, 0));
    assert_eq!(stored_tickets(&ws), want);

    let r = ws
        .import_file(&later, &opts, &clock(), &mut |_| {})
        .unwrap();
    let changed = (1_000..9_001)
        .filter(|i: &usize| i.is_multiple_of(7) || i.is_multiple_of(13))
        .filter(|&i| large_row(i, 0).1 != large_row(i, 1).1)
        .count() as i64;
    assert!(changed > 1000, "{changed}");
    assert_eq!((r.run.rows_added, r.run.rows_updated), (1_300, changed));
    want.truncate(1_000);
    want.extend(later_rows);
    assert_eq!(stored_tickets(&ws), want);

    let r = ws
        .import_file(&later, &opts, &clock(), &mut |_| {})
        .unwrap();
    assert_eq!((r.run.rows_added, r.run.rows_updated), (0, 0));
    assert_eq!(stored_tickets(&ws), want);
}

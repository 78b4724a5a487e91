//! Tests for issue 11 (process_store): the SOP library and the assessment in a real workspace
//! file — saved, edited, reordered, duplicated and deleted; the defaults offered once; the
//! first assignment and the event order read from ServiceNow event logs; survey files (CSV
//! and XLSX) imported all or nothing with the mapping remembered; and the request process of
//! a period measured (step times on a hand-built workspace, the process map on the real event
//! log).

use crate::support::{clock, fixture, secs};
use chrono::NaiveDate;
use sqm_core::clock::FixedClock;
use sqm_core::domain::{ServiceInput, Source, Ticket};
use sqm_core::export::{Format, TableCell, TableData};
use sqm_core::process::*;
use sqm_core::report::Lang;
use sqm_core::store;
use sqm_core::workspace::{AssessmentMapping, Workspace};
use sqm_core::Error;
use std::path::{Path, PathBuf};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn new_ws() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create(&dir.path().join("p.sqm")).unwrap();
    (dir, ws)
}

fn count(ws: &Workspace, sql: &str) -> i64 {
    ws.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn invalid<T: std::fmt::Debug>(r: sqm_core::Result<T>) -> String {
    match r {
        Err(Error::Invalid(m)) => m,
        other => panic!("expected invalid, got {other:?}"),
    }
}

fn step(
    name: &str,
    target: Option<f64>,
    from: Option<Milestone>,
    to: Option<Milestone>,
) -> SopStep {
    SopStep {
        name_zh: format!("{name}（中）"),
        name_en: name.to_string(),
        owner_role_id: None,
        owner_text: "服务台 / Service desk".into(),
        inputs: format!("{name} in"),
        outputs: format!("{name} out"),
        checklist: vec![format!("check {name} a"), format!("check {name} b")],
        target_hours: target,
        from,
        to,
    }
}

fn version(process_id: i64, label: &str, from: &str, steps: Vec<SopStep>) -> SopVersion {
    SopVersion {
        id: None,
        process_id,
        version: label.into(),
        effective_from: d(from),
        approver: "质量经理".into(),
        approved_on: Some(d("2025-12-20")),
        notes: "first".into(),
        expected_states: vec!["New".into(), "Active".into(), "Closed".into()],
        steps,
    }
}

fn doc(ws: &Workspace, code: &str, now: &str) -> ProcessDoc {
    let clock = FixedClock(crate::support::at(now));
    ws.processes(&clock)
        .unwrap()
        .into_iter()
        .find(|p| p.process.code == code)
        .unwrap_or_else(|| panic!("process {code}"))
}

// ---------------------------------------------------------------------------------------------
// The default library and questionnaire

#[test]
fn the_defaults_are_offered_once_to_new_and_existing_workspaces() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.sqm");
    let codes = |ws: &Workspace| -> Vec<String> {
        ws.processes(&clock())
            .unwrap()
            .into_iter()
            .map(|p| p.process.code)
            .collect()
    };
    let library: Vec<String> = defaults::library()
        .into_iter()
        .map(|(p, _)| p.code)
        .collect();
    let questionnaire = defaults::questionnaire();
    {
        let ws = Workspace::create(&path).unwrap();
        assert_eq!(codes(&ws), library);
        // The library's request process as defined, steps in order.
        let req = doc(&ws, "REQ", "2026-11-25 12:00");
        let (_, want) = defaults::library().into_iter().next().unwrap();
        assert_eq!(req.versions.len(), 1);
        assert_eq!(req.versions[0].steps, want.steps);
        assert_eq!(req.versions[0].expected_states, want.expected_states);
        assert_eq!(req.in_force, req.versions[0].id);
        // The questionnaire as defined (ids filled in).
        let mut q = ws.questionnaire().unwrap();
        for dim in &mut q.dimensions {
            assert!(dim.id.is_some());
            dim.id = None;
            for item in &mut dim.items {
                assert!(item.id.is_some());
                item.id = None;
            }
        }
        assert_eq!(q, questionnaire);
        // Seeding is not the manager's doing: nothing in the audit trail.
        assert_eq!(count(&ws, "SELECT count(*) FROM audit_log"), 0);

        // A workspace made before processes existed (the tables empty, no flag) gets them on
        // its next opening.
        ws.conn()
            .execute_batch(
                "DELETE FROM processes; DELETE FROM assessment_dimensions;
                 DELETE FROM settings WHERE key = 'process_defaults_seeded';",
            )
            .unwrap();
    }
    {
        let ws = Workspace::open(&path).unwrap();
        assert_eq!(codes(&ws), library);
        assert_eq!(ws.questionnaire().unwrap().dimensions.len(), 4);
        // The manager deletes them…
        for p in ws.processes(&clock()).unwrap() {
            ws.delete_process(p.process.id.unwrap()).unwrap();
        }
        ws.save_questionnaire(&Questionnaire { dimensions: vec![] })
            .unwrap();
        assert_eq!(count(&ws, "SELECT count(*) FROM sop_steps"), 0);
        assert_eq!(count(&ws, "SELECT count(*) FROM assessment_items"), 0);
    }
    // …and they do not come back.
    let ws = Workspace::open(&path).unwrap();
    assert!(codes(&ws).is_empty());
    assert!(ws.questionnaire().unwrap().dimensions.is_empty());
}

// ---------------------------------------------------------------------------------------------
// SOPs

#[test]
fn sops_round_trip_through_save_edit_reorder_duplicate_and_delete() {
    use Milestone::*;
    let (_d, ws) = new_ws();
    let id = ws
        .save_process(&Process {
            id: None,
            code: " INC ".into(),
            kind: ProcessKind::Other,
            name_zh: "事件管理".into(),
            name_en: "Incident management".into(),
            description: "恢复服务".into(),
        })
        .unwrap();
    let steps = vec![
        step("Log", None, None, Some(Opened)),
        step("Assign", Some(0.5), Some(Opened), Some(Assigned)),
        step("Fix", Some(8.0), Some(Assigned), Some(Resolved)),
    ];
    let v1 = ws
        .save_sop_version(&version(id, "1.0", "2026-01-01", steps.clone()))
        .unwrap();
    let got = doc(&ws, "INC", "2026-11-25 12:00");
    assert_eq!(got.process.code, "INC", "the code is trimmed");
    assert_eq!(got.process.name_en, "Incident management");
    assert_eq!(
        got.versions,
        vec![SopVersion {
            id: Some(v1),
            ..version(id, "1.0", "2026-01-01", steps.clone())
        }]
    );
    assert_eq!(got.in_force, Some(v1));

    // Edit: a target changes, the steps are reordered, the last one removed.
    let mut edited = got.versions[0].clone();
    edited.steps = vec![steps[1].clone(), steps[0].clone()];
    edited.steps[0].target_hours = Some(1.0);
    edited.expected_states = vec!["New".into(), "Closed".into()];
    ws.save_sop_version(&edited).unwrap();
    let got = doc(&ws, "INC", "2026-11-25 12:00");
    assert_eq!(got.versions, vec![edited.clone()]);
    assert_eq!(
        count(
            &ws,
            &format!("SELECT count(*) FROM sop_steps WHERE version_id = {v1}")
        ),
        2,
        "the removed step's row is gone"
    );

    // Duplicate into 1.1 from 2027: same steps, not yet approved; 1.0 stays in force until then.
    let v2 = ws
        .duplicate_sop_version(v1, "1.1", d("2027-01-01"))
        .unwrap();
    let got = doc(&ws, "INC", "2026-11-25 12:00");
    assert_eq!(got.versions.len(), 2);
    assert_eq!(got.versions[0].id, Some(v2), "newest effective date first");
    assert_eq!(
        got.versions[0],
        SopVersion {
            id: Some(v2),
            version: "1.1".into(),
            effective_from: d("2027-01-01"),
            approved_on: None,
            ..edited.clone()
        }
    );
    assert_eq!(got.in_force, Some(v1));
    assert_eq!(doc(&ws, "INC", "2027-01-01 00:00").in_force, Some(v2));
    assert_eq!(doc(&ws, "INC", "2025-06-30 00:00").in_force, None);

    // Deleting: a version, then the last one, then the process (its versions go with it).
    ws.delete_sop_version(v1).unwrap();
    assert_eq!(doc(&ws, "INC", "2026-11-25 12:00").versions.len(), 1);
    ws.delete_sop_version(v2).unwrap();
    assert!(doc(&ws, "INC", "2026-11-25 12:00").versions.is_empty());
    let v3 = ws
        .save_sop_version(&version(id, "2.0", "2026-01-01", steps.clone()))
        .unwrap();
    ws.delete_process(id).unwrap();
    assert!(matches!(ws.delete_sop_version(v3), Err(Error::NotFound(_))));
    assert_eq!(
        count(
            &ws,
            &format!("SELECT count(*) FROM sop_versions WHERE process_id = {id}")
        ),
        0
    );
    // The deletion is in the audit trail, and can be undone from there.
    let entries = ws.audit(Some("processes"), None, 10).unwrap();
    let del = entries
        .iter()
        .find(|e| e.action == "delete" && e.record_key == id.to_string())
        .expect("the process's deletion is audited");
    ws.restore_deleted(del.id).unwrap();
    assert_eq!(
        doc(&ws, "INC", "2026-11-25 12:00").process.name_zh,
        "事件管理"
    );
}

#[test]
fn sop_fields_are_checked_with_messages_naming_the_field() {
    use Milestone::*;
    let (_d, ws) = new_ws();
    let req = doc(&ws, "REQ", "2026-11-25 12:00");
    let pid = req.process.id.unwrap();
    let proc = |code: &str, zh: &str, en: &str| Process {
        id: None,
        code: code.into(),
        kind: ProcessKind::Other,
        name_zh: zh.into(),
        name_en: en.into(),
        description: String::new(),
    };
    let cases: Vec<(&str, sqm_core::Result<i64>, &str)> = vec![
        (
            "empty code",
            ws.save_process(&proc(" ", "甲", "A")),
            "process code",
        ),
        (
            "no name",
            ws.save_process(&proc("X", " ", "")),
            "process name",
        ),
        (
            "duplicate code",
            ws.save_process(&proc("REQ", "甲", "A")),
            "'REQ' already exists",
        ),
        (
            "empty version",
            ws.save_sop_version(&version(pid, " ", "2026-01-01", vec![])),
            "version: empty",
        ),
        (
            "duplicate version",
            ws.save_sop_version(&version(pid, "1.0", "2026-01-01", vec![])),
            "version '1.0' of process",
        ),
        (
            "zero target",
            ws.save_sop_version(&version(
                pid,
                "9",
                "2026-01-01",
                vec![step("A", Some(0.0), None, None)],
            )),
            "step 1 target hours",
        ),
        (
            "negative target",
            ws.save_sop_version(&version(
                pid,
                "9",
                "2026-01-01",
                vec![
                    step("A", None, None, None),
                    step("B", Some(-1.0), None, None),
                ],
            )),
            "step 2 target hours",
        ),
        (
            "from without to",
            ws.save_sop_version(&version(
                pid,
                "9",
                "2026-01-01",
                vec![step("A", None, Some(Opened), None)],
            )),
            "step 1 milestones",
        ),
        (
            "backwards",
            ws.save_sop_version(&version(
                pid,
                "9",
                "2026-01-01",
                vec![step("A", None, Some(Closed), Some(Resolved))],
            )),
            "step 1 milestones",
        ),
        (
            "unnamed step",
            ws.save_sop_version(&version(
                pid,
                "9",
                "2026-01-01",
                vec![SopStep {
                    name_zh: String::new(),
                    name_en: " ".into(),
                    ..step("A", None, None, None)
                }],
            )),
            "step 1 name",
        ),
        (
            "repeated state",
            ws.save_sop_version(&SopVersion {
                expected_states: vec!["New".into(), "new".into()],
                ..version(pid, "9", "2026-01-01", vec![])
            }),
            "expected states",
        ),
    ];
    for (what, got, want) in cases {
        let msg = invalid(got);
        assert!(msg.contains(want), "{what}: {msg}");
    }
    // One name serves both languages; a missing record is not_found.
    let id = ws.save_process(&proc("ONE", "", "Only English")).unwrap();
    assert_eq!(
        doc(&ws, "ONE", "2026-11-25 12:00").process.name_zh,
        "Only English"
    );
    let mut missing = proc("GONE", "甲", "A");
    missing.id = Some(id + 100);
    assert!(matches!(ws.save_process(&missing), Err(Error::NotFound(_))));
    assert!(matches!(
        ws.delete_process(id + 100),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        ws.save_sop_version(&version(id + 100, "1", "2026-01-01", vec![])),
        Err(Error::NotFound(_))
    ));
    // Nothing of the refused saves landed.
    assert_eq!(doc(&ws, "REQ", "2026-11-25 12:00").versions.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// The questionnaire, assessments and respondents

fn item_ids(ws: &Workspace) -> std::collections::HashMap<String, i64> {
    ws.questionnaire()
        .unwrap()
        .dimensions
        .iter()
        .flat_map(|d| d.items.iter())
        .map(|i| (i.code.clone(), i.id.unwrap()))
        .collect()
}

fn assessment(ws: &Workspace, title: &str, held: &str) -> i64 {
    ws.save_assessment(&Assessment {
        id: None,
        title: title.into(),
        held_on: d(held),
        notes: String::new(),
    })
    .unwrap()
}

#[test]
fn questionnaire_edits_keep_the_answers_of_kept_items() {
    let (_d, ws) = new_ws();
    let ids = item_ids(&ws);
    let a = assessment(&ws, "基线", "2025-09-20");
    let r = ws
        .save_respondent(
            a,
            &Respondent {
                id: None,
                r#ref: "R1".into(),
                group: Group::It,
                answers: vec![(ids["Q1-1"], 4), (ids["Q1-2"], 2), (ids["Q2-1"], 5)],
            },
        )
        .unwrap();
    // Swap the codes of Q1-1 and Q1-2, drop Q2-1, add an item to D1.
    let mut q = ws.questionnaire().unwrap();
    let d1 = &mut q.dimensions[0].items;
    d1.swap(0, 1);
    let (c0, c1) = (d1[0].code.clone(), d1[1].code.clone());
    d1[0].code = c1;
    d1[1].code = c0;
    d1.push(Item {
        id: None,
        code: "Q1-6".into(),
        text_zh: "新题".into(),
        text_en: "".into(),
        reverse: true,
    });
    q.dimensions[1].items.remove(0);
    ws.save_questionnaire(&q).unwrap();
    let after = ws.questionnaire().unwrap();
    let codes: Vec<&str> = after.dimensions[0]
        .items
        .iter()
        .map(|i| i.code.as_str())
        .collect();
    assert_eq!(codes, ["Q1-1", "Q1-2", "Q1-3", "Q1-4", "Q1-5", "Q1-6"]);
    // The item that was Q1-2 (answered 2) is first and now called Q1-1.
    assert_eq!(after.dimensions[0].items[0].id, Some(ids["Q1-2"]));
    assert_eq!(after.dimensions[0].items[5].text_en, "新题");
    assert_eq!(after.dimensions[1].items.len(), 4);
    let answers = &ws.respondents(a).unwrap()[0].answers;
    assert_eq!(answers, &vec![(ids["Q1-1"], 4), (ids["Q1-2"], 2)]);

    // Checks: duplicate codes, a score outside 1–5, an empty reference, an unknown item.
    let mut dup = after.clone();
    dup.dimensions[1].items[0].code = "Q1-1".into();
    assert!(invalid(ws.save_questionnaire(&dup)).contains("item code 'Q1-1' is used twice"));
    let bad = |answers: Vec<(i64, u8)>, rf: &str| {
        ws.save_respondent(
            a,
            &Respondent {
                id: Some(r),
                r#ref: rf.into(),
                group: Group::Business,
                answers,
            },
        )
    };
    assert!(invalid(bad(vec![(ids["Q1-1"], 6)], "R1")).contains("score 6"));
    assert!(invalid(bad(vec![(ids["Q1-1"], 0)], "R1")).contains("score 0"));
    assert!(invalid(bad(vec![], " ")).contains("respondent reference"));
    assert!(matches!(
        bad(vec![(999_999, 3)], "R1"),
        Err(Error::NotFound(_))
    ));
    assert_eq!(
        ws.respondents(a).unwrap()[0].group,
        Group::It,
        "nothing changed"
    );
    assert!(invalid(ws.save_assessment(&Assessment {
        id: None,
        title: " ".into(),
        held_on: d("2026-01-01"),
        notes: String::new()
    }))
    .contains("assessment title"));
    // Deleting the assessment takes its respondents and answers.
    ws.delete_assessment(a).unwrap();
    assert_eq!(count(&ws, "SELECT count(*) FROM assessment_answers"), 0);
    assert!(matches!(ws.respondents(a), Err(Error::NotFound(_))));
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn rejected<T: std::fmt::Debug>(r: sqm_core::Result<T>) -> Vec<(u64, u32)> {
    match r {
        Err(Error::RejectedRows(rows)) => rows.iter().map(|e| (e.line, e.column)).collect(),
        other => panic!("expected rejected rows, got {other:?}"),
    }
}

#[test]
fn survey_files_import_all_or_nothing_and_the_mapping_is_remembered() {
    let (dir, ws) = new_ws();
    let ids = item_ids(&ws);
    let base = assessment(&ws, "基线", "2025-09-20");
    let latest = assessment(&ws, "复评", "2026-09-18");

    // CSV, the D1 items only. Guessed: 编号 → reference, 类别 → group, Qn-m → items.
    let csv = write(
        dir.path(),
        "base.csv",
        "编号,类别,Q1-1,Q1-2,Q1-3,Q1-4,Q1-5\nR1,IT,4,4,2,4,2\nR2,业务,2,3,4,2,\n",
    );
    let preview = ws.assessment_import_preview(&csv).unwrap();
    assert_eq!((preview.rows, preview.saved), (2, false));
    assert_eq!(preview.mapping.ref_column.as_deref(), Some("编号"));
    assert_eq!(preview.mapping.group_column.as_deref(), Some("类别"));
    let want_items: Vec<(String, String)> = (1..=5)
        .map(|k| (format!("Q1-{k}"), format!("Q1-{k}")))
        .collect();
    assert_eq!(preview.mapping.items, want_items);
    let report = ws.import_assessment(&csv, base, &preview.mapping).unwrap();
    assert_eq!(
        (report.added, report.updated, report.errors.len()),
        (2, 0, 0)
    );
    let rs = ws.respondents(base).unwrap();
    assert_eq!(
        rs.iter()
            .map(|r| (r.r#ref.as_str(), r.group, r.answers.len()))
            .collect::<Vec<_>>(),
        [("R1", Group::It, 5), ("R2", Group::Business, 4)]
    );
    assert!(rs[1].answers.contains(&(ids["Q1-3"], 4)));
    // Again: the same respondents, updated by reference; the mapping is now the saved one.
    let again = ws.assessment_import_preview(&csv).unwrap();
    assert!(again.saved);
    let report = ws.import_assessment(&csv, base, &again.mapping).unwrap();
    assert_eq!((report.added, report.updated), (0, 2));
    assert_eq!(ws.respondents(base).unwrap().len(), 2);

    // A mapping the guess cannot make is saved with the import and offered next time.
    let odd = write(
        dir.path(),
        "odd.csv",
        "Respondent No,Staff?,First,Second\n7,yes,5,1\n8,no,3,3\n",
    );
    let guessed = ws.assessment_import_preview(&odd).unwrap();
    assert!(guessed.mapping.items.is_empty());
    let mapping = AssessmentMapping {
        ref_column: Some("Respondent No".into()),
        group_column: Some("Staff?".into()),
        it_values: vec!["yes".into()],
        items: vec![
            ("First".into(), "Q2-1".into()),
            ("Second".into(), "Q2-2".into()),
        ],
    };
    let scratch = assessment(&ws, "scratch", "2026-01-01");
    ws.import_assessment(&odd, scratch, &mapping).unwrap();
    let reused = ws.assessment_import_preview(&odd).unwrap();
    assert_eq!((reused.saved, reused.mapping), (true, mapping.clone()));
    let rs = ws.respondents(scratch).unwrap();
    assert_eq!(
        rs.iter()
            .map(|r| (r.r#ref.as_str(), r.group))
            .collect::<Vec<_>>(),
        [("7", Group::It), ("8", Group::Business)]
    );

    // Bad cells: each reported at its line and column, and nothing written.
    let bad = write(
        dir.path(),
        "bad.csv",
        "编号,类别,Q1-1,Q1-2,Q1-3,Q1-4,Q1-5\nR1,IT,5,5,1,5,1\nR2,业务,2,6,4,2,\nR3,,3,3,3,x,3\nR1,IT,3,3,3,3,3\n",
    );
    let before = count(&ws, "SELECT count(*) FROM assessment_answers");
    assert_eq!(
        rejected(ws.import_assessment(&bad, latest, &preview.mapping)),
        // line 3 Q1-2 = 6; line 4 empty group, Q1-4 = x; line 5 R1 again.
        [(3, 4), (4, 2), (4, 6), (5, 1)]
    );
    assert!(ws.respondents(latest).unwrap().is_empty());
    assert_eq!(
        count(&ws, "SELECT count(*) FROM assessment_answers"),
        before
    );
    // A mapping naming a column or item that is not there is refused as a whole.
    let mut wrong = preview.mapping.clone();
    wrong.items.push(("Q9-9".into(), "Q1-1".into()));
    assert!(invalid(ws.import_assessment(&csv, latest, &wrong)).contains("'Q9-9'"));
    let mut wrong = preview.mapping.clone();
    wrong.items[0].1 = "Q7-7".into();
    assert!(invalid(ws.import_assessment(&csv, latest, &wrong)).contains("'Q7-7'"));
    assert!(matches!(
        ws.import_assessment(&csv, 999, &preview.mapping),
        Err(Error::NotFound(_))
    ));

    // XLSX: the questionnaire workbook, filled in by a survey tool, comes back with the
    // automatic mapping (each column headed "code text").
    let blank = dir.path().join("questionnaire.xlsx");
    std::fs::write(&blank, ws.questionnaire_xlsx(Lang::Zh).unwrap()).unwrap();
    let headers = ws.assessment_import_preview(&blank).unwrap().headers;
    assert_eq!(headers.len(), 2 + 20);
    assert_eq!(&headers[..2], ["编号", "类别"]);
    assert!(
        headers[2].starts_with("Q1-1 同类服务请求"),
        "{}",
        headers[2]
    );
    // A: IT, D1 all best (5, reverse items 1), the rest 3. B: business, D1 all 4 (reverse 2).
    let d1 = |a: u8, b: u8| [a, a, b, a, b];
    let row = |r: &str, g: &str, first: [u8; 5]| -> Vec<TableCell> {
        let mut cells = vec![
            TableCell::Text { value: r.into() },
            TableCell::Text { value: g.into() },
        ];
        for v in first.into_iter().chain([3; 15]) {
            cells.push(TableCell::Number {
                value: f64::from(v),
                format: None,
                decimals: None,
            });
        }
        cells
    };
    let table = |rows: Vec<Vec<TableCell>>| TableData {
        title: "问卷".into(),
        columns: headers.clone(),
        rows,
    };
    let filled = dir.path().join("filled.xlsx");
    let good = table(vec![row("A", "IT", d1(5, 1)), row("B", "业务", d1(4, 2))]);
    std::fs::write(
        &filled,
        sqm_core::export::table_bytes(&good, Format::Xlsx).unwrap(),
    )
    .unwrap();
    let p = ws.assessment_import_preview(&filled).unwrap();
    assert_eq!(p.mapping.items.len(), 20);
    assert!(p
        .mapping
        .items
        .iter()
        .all(|(h, c)| h.starts_with(c.as_str())));
    // A bad cell in a worksheet: its row number and column, nothing written.
    let broken = dir.path().join("broken.xlsx");
    let mut rows = good.rows.clone();
    rows[1][9] = TableCell::Text {
        value: "七".into()
    };
    std::fs::write(
        &broken,
        sqm_core::export::table_bytes(&table(rows), Format::Xlsx).unwrap(),
    )
    .unwrap();
    assert_eq!(
        rejected(ws.import_assessment(&broken, latest, &p.mapping)),
        [(3, 10)]
    );
    assert!(ws.respondents(latest).unwrap().is_empty());
    let report = ws.import_assessment(&filled, latest, &p.mapping).unwrap();
    assert_eq!((report.added, report.updated), (2, 0));

    // The scores, by hand (score = (mean − 1) ÷ 4 × 100, reverse items as 6 − s):
    // baseline D1: R1 (IT) 4,4,6−2,4,6−2 = five 4s; R2 (business) 2,3,6−4,2 = 9 over 4.
    //   overall (20 + 9) / 9 = 3.2222 → 55.56; IT 4 → 75; business 2.25 → 31.25; gap 43.75.
    // latest D1: A five 5s → 100, B five 4s → 75, overall 87.5; D2–D4 all 3 → 50.
    ws.delete_assessment(scratch).unwrap();
    let view = ws.assessment_view(None, Lang::Zh, &clock()).unwrap();
    assert_eq!(view.assessments.len(), 2);
    assert_eq!(
        (
            view.assessments[0].respondents,
            view.assessments[1].it_respondents
        ),
        (2, 1)
    );
    let row1 = &view.rows[0];
    let b = row1.baseline.as_ref().unwrap();
    let close =
        |a: Option<f64>, b: f64| assert!(a.is_some_and(|a| (a - b).abs() < 1e-9), "{a:?} vs {b}");
    close(b.overall, 500.0 / 9.0);
    close(b.it, 75.0);
    close(b.business, 31.25);
    close(b.gap, 43.75);
    let l = row1.latest.as_ref().unwrap();
    close(l.overall, 87.5);
    close(row1.change, 87.5 - 500.0 / 9.0);
    close(view.rows[1].latest.as_ref().unwrap().overall, 50.0);
    assert_eq!(
        view.rows[1].baseline.as_ref().unwrap().overall,
        None,
        "baseline had no D2 answers"
    );
    assert_eq!(view.rows[1].change, None);
    // No tickets: the evidence says so rather than showing a number.
    assert_eq!(row1.evidence.evidence, Evidence::Stability);
    assert_eq!(row1.evidence.value, None);
    assert!(row1.evidence.text_en.contains("No ticket data"));
    assert!(
        view.radar_svg.starts_with("<svg"),
        "{}",
        &view.radar_svg[..40.min(view.radar_svg.len())]
    );
}

// ---------------------------------------------------------------------------------------------
// First assignment and event order from ServiceNow event logs

fn import(ws: &mut Workspace, path: &Path) {
    ws.import_file(path, &Default::default(), &clock(), &mut |_| {})
        .unwrap();
}

fn first_assigned(ws: &Workspace, key: &str) -> Option<i64> {
    ws.conn()
        .query_row(
            "SELECT first_assigned FROM tickets WHERE external_key = ?1",
            [key],
            |r| r.get(0),
        )
        .unwrap()
}

fn history(ws: &Workspace, key: &str) -> Vec<(i64, String)> {
    let id: i64 = ws
        .conn()
        .query_row(
            "SELECT id FROM tickets WHERE external_key = ?1",
            [key],
            |r| r.get(0),
        )
        .unwrap();
    store::status_history(ws.conn(), id).unwrap()
}

#[test]
fn first_assignment_from_the_real_event_log() {
    let (_d, mut ws) = new_ws();
    import(&mut ws, &fixture("servicenow_event_log_sample.csv"));
    // Read by hand from the CSV (event order = sys_mod_count, ties in file order):
    // - INC0000057: mods 0–4 have assigned_to '?', mod 5 (Resolved, 01-03-2016 02:55) is the
    //   first naming 'Resolver 6'.
    // - INC0000079: mods 0–1 '?', mod 2 (Active, 29-02-2016 11:19) names 'Resolver 180'.
    // - INC0000130: two rows carry mod 2 — 'New' at 07:27 with '?' (first in the file) and
    //   'Active' at 01-03-2016 14:13 with 'Resolver 198'; mod 1 has '?': so 01-03 14:13.
    // - INC0000045: assigned_to is '?' on all four rows: never assigned (not measured).
    // - INC0000167: mod 0 '?', mod 1 (Active, 29-02-2016 10:30) names 'Resolver 17'.
    for (key, want) in [
        ("INC0000057", Some("2016-03-01 02:55")),
        ("INC0000079", Some("2016-02-29 11:19")),
        ("INC0000130", Some("2016-03-01 14:13")),
        ("INC0000045", None),
        ("INC0000167", Some("2016-02-29 10:30")),
    ] {
        assert_eq!(first_assigned(&ws, key), want.map(secs), "{key}");
    }
    let assigned = count(
        &ws,
        "SELECT count(*) FROM tickets WHERE first_assigned IS NOT NULL",
    );
    // 691 of the 890 incidents have a row naming an assignee (counted in the CSV).
    assert_eq!(assigned, 691);
    // A list export carries no assignment moment.
    import(&mut ws, &fixture("servicenow_fields.csv"));
    assert_eq!(first_assigned(&ws, "INC0010001"), None);
}

const EVENT_HEADER: &str = "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at";

fn event(key: &str, state: &str, mod_count: u32, updated: &str, assigned: &str) -> String {
    format!(
        "{key},{state},TRUE,0,0,{mod_count},TRUE,Caller 1,Opened by 1,15-03-2016 09:00,Created by 1,15-03-2016 09:00,Updated by 1,{updated},Phone,Location 1,Category 1,Subcategory 1,Symptom 1,?,2 - Medium,2 - Medium,3 - Moderate,Group 1,{assigned},TRUE,FALSE,Do Not Notify,?,?,?,?,code 1,Resolved by 1,15-03-2016 11:00,20-03-2016 12:00"
    )
}

#[test]
fn events_are_ordered_by_update_counter_with_ties_in_file_order() {
    let (dir, mut ws) = new_ws();
    let rows = [
        // INC9000001: two updates share mod 1; the file has 'Active' (09:30) before
        // 'Awaiting User Info' (09:20). File order wins over the times.
        event("INC9000001", "New", 0, "15-03-2016 09:05", "?"),
        event("INC9000001", "Active", 1, "15-03-2016 09:30", "Resolver 1"),
        event(
            "INC9000001",
            "Awaiting User Info",
            1,
            "15-03-2016 09:20",
            "Resolver 2",
        ),
        event(
            "INC9000001",
            "Resolved",
            2,
            "15-03-2016 11:00",
            "Resolver 1",
        ),
        // INC9000002: rows out of order in the file; the counter orders them.
        event(
            "INC9000002",
            "Resolved",
            2,
            "15-03-2016 10:00",
            "Resolver 3",
        ),
        event("INC9000002", "New", 0, "15-03-2016 09:00", ""),
        event("INC9000002", "Active", 1, "15-03-2016 09:40", "Resolver 3"),
    ];
    let path = write(
        dir.path(),
        "events.csv",
        &format!("{EVENT_HEADER}\n{}\n", rows.join("\n")),
    );
    import(&mut ws, &path);
    let h = |s: &str| secs(s);
    assert_eq!(
        history(&ws, "INC9000001"),
        vec![
            (h("2016-03-15 09:05"), "New".to_string()),
            (h("2016-03-15 09:30"), "Active".to_string()),
            (h("2016-03-15 09:20"), "Awaiting User Info".to_string()),
            (h("2016-03-15 11:00"), "Resolved".to_string()),
        ]
    );
    assert_eq!(
        history(&ws, "INC9000002"),
        vec![
            (h("2016-03-15 09:00"), "New".to_string()),
            (h("2016-03-15 09:40"), "Active".to_string()),
            (h("2016-03-15 10:00"), "Resolved".to_string()),
        ]
    );
    // First assignment: the first row in event order naming someone — mod 1's first row in
    // the file (09:30), not the earlier time of its twin; for INC9000002 mod 1, not mod 2.
    assert_eq!(
        first_assigned(&ws, "INC9000001"),
        Some(h("2016-03-15 09:30"))
    );
    assert_eq!(
        first_assigned(&ws, "INC9000002"),
        Some(h("2016-03-15 09:40"))
    );
}

// ---------------------------------------------------------------------------------------------
// The request process measured

#[test]
fn the_process_map_of_the_real_event_log() {
    let (_d, mut ws) = new_ws();
    import(&mut ws, &fixture("servicenow_event_log_sample.csv"));
    let q = ProcessQuery {
        start: d("2016-02-01"),
        end: d("2016-03-31"),
        service_id: None,
        priority: None,
    };
    let view = ws.process_view(&q, &clock()).unwrap();
    // Computed from the CSV by hand (a script: events by sys_mod_count, ties in file order,
    // consecutive repeats merged): 890 incidents with 3,419 runs, 49 distinct paths.
    let map = &view.map;
    assert_eq!((map.cases, map.events, map.variants.len()), (890, 3419, 49));
    let top: Vec<(&str, &str, u64)> = map
        .transitions
        .iter()
        .take(3)
        .map(|t| (t.from.as_str(), t.to.as_str(), t.count))
        .collect();
    assert_eq!(
        top,
        [
            ("Resolved", "Closed", 889),
            ("Active", "Resolved", 380),
            ("New", "Active", 321)
        ]
    );
    // Resolved → Closed: the median of 889 gaps is the 445th, 120.7 hours.
    let rc = &map.transitions[0];
    assert!(
        (rc.median_hours.unwrap() - 120.7).abs() < 1e-9,
        "{:?}",
        rc.median_hours
    );
    let v: Vec<(Vec<&str>, u64)> = map
        .variants
        .iter()
        .take(2)
        .map(|v| (v.path.iter().map(String::as_str).collect(), v.cases))
        .collect();
    assert_eq!(
        v,
        [
            (vec!["New", "Resolved", "Closed"], 222),
            (vec!["New", "Active", "Resolved", "Closed"], 201)
        ]
    );
    assert_eq!(map.variants.iter().map(|v| v.cases).sum::<u64>(), 890);
    // The request SOP's first version (2025) is used for 2016's tickets: its expected order
    // New → Active → Resolved → Closed, 327 paths conform (side states skipped, no skip or loop).
    assert_eq!(view.sop_label, "REQ v1.0");
    assert_eq!(map.expected, ["New", "Active", "Resolved", "Closed"]);
    assert_eq!(map.conforming_cases, 327);
    assert!(view.map_svg.contains("<svg"));
    // Steps: opened → assigned measured from the first assignments; the feedback step not
    // (no satisfaction responses): not measured, never zero.
    let steps = &view.step_times.steps;
    assert_eq!((steps[1].measured, steps[1].tickets), (true, 691));
    assert!(!steps[4].measured);
    assert_eq!((steps[4].tickets, steps[4].median_hours), (0, None));
    assert_eq!(view.step_times.feedback_coverage_pct, Some(0.0));
    assert!(!view.priorities.is_empty());
    // One month: fewer tickets.
    let march = ws
        .process_view(
            &ProcessQuery {
                start: d("2016-03-01"),
                ..q.clone()
            },
            &clock(),
        )
        .unwrap();
    assert_eq!(march.map.cases, 683);
    // The assessment's standardisation evidence is this conformance, over 2016 Q1.
    let a = ws.assessment_view(None, Lang::En, &clock()).unwrap();
    let std_row = a
        .rows
        .iter()
        .find(|r| r.evidence.evidence == Evidence::Standardisation)
        .unwrap();
    assert!((std_row.evidence.value.unwrap() - 327.0 / 890.0 * 100.0).abs() < 1e-9);
    assert!(
        std_row.evidence.text_en.contains("327/890"),
        "{}",
        std_row.evidence.text_en
    );
    let stability = a
        .rows
        .iter()
        .find(|r| r.evidence.evidence == Evidence::Stability)
        .unwrap();
    assert!(!stability.evidence.text_en.is_empty());
    // A period that ends before it starts is refused.
    let backwards = ProcessQuery {
        start: d("2016-03-31"),
        end: d("2016-03-01"),
        ..q
    };
    assert!(invalid(ws.process_view(&backwards, &clock())).contains("period"));
}

/// A ticket of the hand-built workspace (24x7 calendar: business hours = wall-clock hours).
fn ticket(key: &str, service_id: i64, times: [Option<&str>; 5]) -> Ticket {
    let [opened, assigned, responded, resolved, closed] = times.map(|t| t.map(secs));
    Ticket {
        source: Source::Demo,
        external_key: key.into(),
        service_id,
        priority: Some("P3".into()),
        category: None,
        channel: None,
        opened: opened.unwrap(),
        first_response: responded,
        first_assigned: assigned,
        resolved,
        closed,
        assignee: None,
        assignment_group: None,
        reassignment_count: 0,
        reopen_count: 0,
        state: None,
        response_tracked: true,
    }
}

#[test]
fn step_times_on_a_hand_built_workspace() {
    let (_d, ws) = new_ws();
    let service = |code: &str| {
        ws.create_service(
            &ServiceInput {
                code: code.into(),
                name: format!("{code} service"),
                owner: String::new(),
                team: String::new(),
            },
            d("2026-01-01"),
        )
        .unwrap()
        .id
    };
    // The plan's default standard: 24x7, resolution within 24 h.
    let (desk, net) = (service("DESK"), service("NET"));
    {
        let mut w = store::TicketWriter::new(ws.conn()).unwrap();
        for t in [
            // T1: assigned 09:30, responded 09:20 (before the assignment: step 3 counts 0),
            // resolved 12:00 (3 h, met), closed 14:00, feedback the next day 09:00.
            ticket(
                "T1",
                desk,
                [
                    Some("2026-03-02 09:00"),
                    Some("2026-03-02 09:30"),
                    Some("2026-03-02 09:20"),
                    Some("2026-03-02 12:00"),
                    Some("2026-03-02 14:00"),
                ],
            ),
            // T2: resolved after 25 h (missed), closed 26 h, no feedback.
            ticket(
                "T2",
                desk,
                [
                    Some("2026-03-02 10:00"),
                    Some("2026-03-02 11:00"),
                    Some("2026-03-02 11:30"),
                    Some("2026-03-03 11:00"),
                    Some("2026-03-03 12:00"),
                ],
            ),
            // T3: opened only.
            ticket(
                "T3",
                desk,
                [Some("2026-03-04 08:00"), None, None, None, None],
            ),
            // Another service, and a ticket after the period: filtered out.
            ticket(
                "N1",
                net,
                [
                    Some("2026-03-05 08:00"),
                    Some("2026-03-05 18:00"),
                    None,
                    None,
                    None,
                ],
            ),
            ticket(
                "T4",
                desk,
                [
                    Some("2026-04-01 08:00"),
                    Some("2026-04-01 18:00"),
                    None,
                    None,
                    None,
                ],
            ),
        ] {
            w.upsert(&t, None).unwrap();
        }
    }
    ws.conn()
        .execute(
            "INSERT INTO satisfaction_responses(service_id, ticket_id, source, external_key,
                responded_at, score, scale_min, scale_max, channel)
             SELECT ?1, id, 'demo', 'r' || id, ?2, 5, 1, 5, 'survey' FROM tickets
             WHERE external_key = 'T1'",
            rusqlite::params![desk, secs("2026-03-03 09:00")],
        )
        .unwrap();
    let view = ws
        .process_view(
            &ProcessQuery {
                start: d("2026-03-01"),
                end: d("2026-03-31"),
                service_id: Some(desk),
                priority: Some("P3".into()),
            },
            &clock(),
        )
        .unwrap();
    assert_eq!(view.sop_label, "REQ v1.0");
    assert_eq!(
        view.services,
        vec![
            (desk, "DESK service".to_string()),
            (net, "NET service".to_string())
        ]
    );
    assert_eq!(view.priorities, ["P3"]);
    // Per step (hours): tickets, median, P90 (PERCENTILE.INC), within target.
    //  1 submitted: a point, not measured.
    //  2 opened → assigned (0.5 h): T1 0.5, T2 1.0 → median 0.75, P90 0.95, 1 of 2 within.
    //  3 assigned → responded (0.5 h): T1 0 (responded first), T2 0.5 → 0.25, 0.45, both within.
    //  4 responded → closed (24 h): T1 4⅔ (09:20–14:00), T2 24.5 → 14.5833, 22.5167, 1 of 2.
    //  5 closed → feedback (40 h): T1 19 → 19, 19, within.
    let close = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-9);
    let want: [(bool, u64, Option<[f64; 3]>); 5] = [
        (false, 0, None),
        (true, 2, Some([0.75, 0.95, 50.0])),
        (true, 2, Some([0.25, 0.45, 100.0])),
        (
            true,
            2,
            Some([
                (14.0 / 3.0 + 24.5) / 2.0,
                14.0 / 3.0 + 0.9 * (24.5 - 14.0 / 3.0),
                50.0,
            ]),
        ),
        (true, 1, Some([19.0, 19.0, 100.0])),
    ];
    let steps = &view.step_times.steps;
    assert_eq!(steps.len(), 5);
    for (s, (measured, n, figures)) in steps.iter().zip(want) {
        assert_eq!((s.measured, s.tickets), (measured, n), "step {}", s.pos + 1);
        match figures {
            None => assert_eq!((s.median_hours, s.p90_hours), (None, None)),
            Some([m, p, w]) => assert!(
                close(s.median_hours, m) && close(s.p90_hours, p) && close(s.within_target_pct, w),
                "step {}: {s:?}",
                s.pos + 1
            ),
        }
    }
    // Bottleneck over T2 (25 h opened → resolved): assigned 1 h (4%), responded 0.5 h (2%),
    // responded → closed clipped at the resolution 23.5 h (94%), feedback none (0%).
    let st = &view.step_times;
    assert_eq!((st.missed_tickets, st.resolved_tickets), (1, 2));
    let shares: Vec<Option<f64>> = st.bottleneck.iter().map(|b| b.share_pct).collect();
    assert_eq!(shares[0], None);
    for (got, want) in shares[1..].iter().zip([4.0, 2.0, 94.0, 0.0]) {
        assert!(close(*got, want), "{shares:?}");
    }
    assert!(close(st.unaccounted_pct, 0.0));
    assert!(close(st.feedback_coverage_pct, 50.0));
    // No status history here: an empty map.
    assert_eq!((view.map.cases, view.map.conformance_pct), (0, None));
}

#[test]
fn the_files_questionnaire_and_sop() {
    let (dir, ws) = new_ws();
    let xlsx = ws.questionnaire_xlsx(Lang::En).unwrap();
    assert!(xlsx.starts_with(b"PK"));
    let path = dir.path().join("q.xlsx");
    std::fs::write(&path, &xlsx).unwrap();
    let p = ws.assessment_import_preview(&path).unwrap();
    assert_eq!(&p.headers[..2], ["ref", "group"]);
    assert_eq!(p.mapping.ref_column.as_deref(), Some("ref"));
    assert_eq!(p.mapping.group_column.as_deref(), Some("group"));
    assert_eq!((p.rows, p.mapping.items.len()), (0, 20));
    let req = doc(&ws, "REQ", "2026-11-25 12:00");
    let pdf = ws.sop_pdf(req.versions[0].id, Lang::Zh, &clock()).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let all = ws.sop_pdf(None, Lang::En, &clock()).unwrap();
    assert!(all.starts_with(b"%PDF"));
    // Before the library's versions take effect nothing is in force: said, not an empty file.
    let early = FixedClock(crate::support::at("2024-06-01 12:00"));
    assert!(matches!(
        ws.sop_pdf(None, Lang::En, &early),
        Err(Error::NotFound(_))
    ));
}

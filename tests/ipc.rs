//! The committed TypeScript bindings in `ui/src/bindings` match the Rust IPC types.

#[test]
fn typescript_bindings_have_not_drifted() {
    let dir = tempfile::tempdir().unwrap();
    sqm_core::ipc::export_bindings(dir.path()).unwrap();
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
    let list = |d: &std::path::Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        list(dir.path()),
        list(&committed),
        "run `make bindings` and commit ui/src/bindings"
    );
    for name in list(dir.path()) {
        let fresh = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        let old = std::fs::read_to_string(committed.join(&name)).unwrap();
        assert_eq!(
            fresh, old,
            "{name} drifted: run `make bindings` and commit ui/src/bindings"
        );
    }
}

/// What every shell command calls, fed invalid values: each returns an error with a stable code
/// the UI can switch on — never a panic, never a silent success.
#[test]
fn every_command_rejects_invalid_values_with_a_code() {
    use chrono::NaiveDate;
    use sqm_core::calendar::CalendarDef;
    use sqm_core::costbenefit::{BenefitDriver, CbParams, CostCategory, StoredCost, StoredDriver};
    use sqm_core::domain::{Quarter, ServiceInput, StandardInput};
    use sqm_core::metrics::{DrillMeasure, DrillScope, MeasureOptions};
    use sqm_core::people::{PeopleKind, PeopleRecord};
    use sqm_core::report::Lang;
    use sqm_core::store::{NameKind, NameMatch};
    use sqm_core::workspace::{PeopleImportKind, SurveyImportOptions, Workspace};
    let clock = crate::support::clock();
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create(&dir.path().join("v.sqm")).unwrap();
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let missing = dir.path().join("missing.csv");
    let standard = StandardInput {
        service_id: 1,
        priority: None,
        effective_from: d("2026-01-01"),
        response_minutes: 60,
        response_required_pct: 150.0,
        resolution_minutes: 60,
        resolution_required_pct: 90.0,
        satisfaction_target_pct: 80.0,
        calendar: "24x7".into(),
        pause_states: vec![],
    };
    let mut settings = ws.settings().unwrap();
    settings.time_zone = "Mars/Olympus".into();
    let mut bad_calendar = CalendarDef::twenty_four_seven();
    bad_calendar.name = "office".into();
    bad_calendar.tz = "Not/AZone".into();
    let q = Quarter::new(2026, 3).unwrap();
    type Call<'a> = Box<dyn FnOnce(&mut Workspace) -> sqm_core::Result<()> + 'a>;
    let calls: Vec<(&str, &str, Call)> = vec![
        (
            "settings_set",
            "invalid",
            Box::new(|ws| ws.set_settings(&settings)),
        ),
        (
            "service_create",
            "invalid",
            Box::new(|ws| {
                ws.create_service(
                    &ServiceInput {
                        code: " ".into(),
                        name: "x".into(),
                        owner: String::new(),
                        team: String::new(),
                    },
                    d("2026-01-01"),
                )
                .map(|_| ())
            }),
        ),
        (
            "service_update",
            "not_found",
            Box::new(|ws| {
                ws.update_service(
                    999,
                    &ServiceInput {
                        code: "X".into(),
                        name: "x".into(),
                        owner: String::new(),
                        team: String::new(),
                    },
                )
                .map(|_| ())
            }),
        ),
        (
            "service_delete",
            "not_found",
            Box::new(|ws| ws.delete_service(999, false)),
        ),
        (
            "standard_create",
            "invalid",
            Box::new(|ws| ws.create_standard(&standard).map(|_| ())),
        ),
        (
            "standard_delete",
            "not_found",
            Box::new(|ws| ws.delete_standard(999)),
        ),
        (
            "calendar_save",
            "invalid",
            Box::new(|ws| ws.save_calendar(None, &bad_calendar).map(|_| ())),
        ),
        (
            "calendar_delete",
            "not_found",
            Box::new(|ws| ws.delete_calendar(999)),
        ),
        (
            "calendar_ics",
            "io",
            Box::new(|_| Workspace::holidays_from_ics(&missing).map(|_| ())),
        ),
        (
            "import_preview",
            "io",
            Box::new(|ws| ws.import_preview(&missing, &Default::default()).map(|_| ())),
        ),
        (
            "import_run",
            "io",
            Box::new(|ws| {
                ws.import_file(&missing, &Default::default(), &clock, &mut |_| {})
                    .map(|_| ())
            }),
        ),
        (
            "import_run (date format)",
            "invalid",
            Box::new(|ws| {
                let f = crate::support::fixture("servicenow_fields_v2.csv");
                let opts = sqm_core::import::ImportOptions {
                    date_format: Some("YYY".into()),
                    ..Default::default()
                };
                ws.import_file(&f, &opts, &clock, &mut |_| {}).map(|_| ())
            }),
        ),
        (
            "dashboard (no tickets)",
            "not_found",
            Box::new(|ws| ws.dashboard(None, Lang::Zh, &clock).map(|_| ())),
        ),
        (
            "breaches (no tickets)",
            "not_found",
            Box::new(|ws| {
                ws.breaches(None, &MeasureOptions::default(), &clock)
                    .map(|_| ())
            }),
        ),
        (
            "drill (unknown calendar)",
            "not_found",
            Box::new(|ws| {
                let o = MeasureOptions {
                    calendar: Some("nope".into()),
                    pauses: true,
                };
                ws.drill(
                    Some(q),
                    &DrillScope::Overall,
                    DrillMeasure::ResolutionBreached,
                    &o,
                    &clock,
                )
                .map(|_| ())
            }),
        ),
        (
            "report_export (no tickets)",
            "not_found",
            Box::new(|ws| ws.quarterly_pack(None, Lang::En, &clock).map(|_| ())),
        ),
        (
            "people_save",
            "invalid",
            Box::new(|ws| {
                ws.save_people(&PeopleRecord::Requirement {
                    id: None,
                    role_id: 1,
                    competence: "ITSM".into(),
                    level: 9,
                })
                .map(|_| ())
            }),
        ),
        (
            "people_save (no such role)",
            "not_found",
            Box::new(|ws| {
                ws.save_people(&PeopleRecord::Requirement {
                    id: None,
                    role_id: 999,
                    competence: "ITSM".into(),
                    level: 3,
                })
                .map(|_| ())
            }),
        ),
        (
            "people_delete",
            "invalid",
            Box::new(|ws| ws.delete_people(PeopleKind::Role, 1, true)),
        ),
        (
            "people_delete (missing)",
            "not_found",
            Box::new(|ws| ws.delete_people(PeopleKind::Staff, 999, true)),
        ),
        (
            "name_match_save",
            "invalid",
            Box::new(|ws| {
                ws.save_name_match(&NameMatch {
                    kind: NameKind::Assignee,
                    name: " ".into(),
                    staff_id: None,
                    team: String::new(),
                })
            }),
        ),
        (
            "people_import",
            "io",
            Box::new(|ws| {
                ws.import_people(PeopleImportKind::Staff, &missing, &clock)
                    .map(|_| ())
            }),
        ),
        (
            "survey_import (scale)",
            "invalid",
            Box::new(|ws| {
                let options = SurveyImportOptions {
                    scale_min: 5,
                    scale_max: 1,
                    channel: String::new(),
                };
                ws.import_survey(&missing, &options, &clock).map(|_| ())
            }),
        ),
        (
            "survey_import (no file)",
            "io",
            Box::new(|ws| {
                ws.import_survey(&missing, &SurveyImportOptions::default(), &clock)
                    .map(|_| ())
            }),
        ),
        (
            "performance (no tickets)",
            "not_found",
            Box::new(|ws| ws.performance(None, &clock).map(|_| ())),
        ),
        (
            "table_export (extension)",
            "invalid",
            Box::new(|_| {
                let table = sqm_core::export::TableData {
                    title: "t".into(),
                    columns: vec![],
                    rows: vec![],
                };
                sqm_core::export::table_file(std::path::Path::new("t.pdf"), &table).map(|_| ())
            }),
        ),
        (
            "chart_export (not an SVG)",
            "invalid",
            Box::new(|_| {
                sqm_core::export::chart_file(std::path::Path::new("c.png"), "<svg").map(|_| ())
            }),
        ),
        (
            "cb_params_set",
            "invalid",
            Box::new(|ws| {
                ws.set_cb_params(&CbParams {
                    discount_rate: f64::NAN,
                    ..CbParams::default()
                })
            }),
        ),
        (
            "cost_save",
            "invalid",
            Box::new(|ws| {
                ws.save_cost(&StoredCost {
                    id: None,
                    category: CostCategory::Other,
                    label: "x".into(),
                    amount_cents: -5,
                    currency: "CNY".into(),
                    recurring: false,
                    from_year: 0,
                    to_year: None,
                    hours: None,
                    hourly_cost_cents: None,
                    note: String::new(),
                })
                .map(|_| ())
            }),
        ),
        (
            "cost_delete",
            "not_found",
            Box::new(|ws| ws.delete_cost(999)),
        ),
        (
            "driver_save",
            "invalid",
            Box::new(|ws| {
                ws.save_driver(&StoredDriver {
                    id: None,
                    measured: false,
                    driver: BenefitDriver::Other {
                        label: "x".into(),
                        amount_per_year_cents: 1,
                        note: String::new(),
                        from_year: 0,
                    },
                })
                .map(|_| ())
            }),
        ),
        (
            "driver_delete",
            "not_found",
            Box::new(|ws| ws.delete_driver(999)),
        ),
        (
            "backup_restore",
            "invalid",
            Box::new(|ws| ws.restore_backup("../../etc/passwd", &clock).map(|_| ())),
        ),
        (
            "audit_restore",
            "not_found",
            Box::new(|ws| ws.restore_deleted(999_999)),
        ),
    ];
    for (command, code, call) in calls {
        match call(&mut ws) {
            Ok(()) => panic!("{command}: accepted an invalid value"),
            Err(e) => assert_eq!(e.code(), code, "{command}: {e}"),
        }
    }
}

//! The store on real SQLite: schema snapshot, pragmas, records and delete rules.

use sqm_core::domain::{ServiceInput, StandardInput};
use sqm_core::store;
use sqm_core::workspace::Workspace;

#[test]
fn schema_matches_the_committed_snapshot() {
    let conn = store::open_in_memory().unwrap();
    let got = store::schema_sql(&conn).unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots/schema.sql");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .expect("tests/snapshots/schema.sql (run with UPDATE_SNAPSHOTS=1)");
    assert_eq!(
        got, want,
        "schema drifted: add a migration, then UPDATE_SNAPSHOTS=1 cargo test"
    );
    assert_eq!(store::schema_version(&conn).unwrap(), 4);
}

#[test]
fn a_workspace_file_uses_wal_and_foreign_keys_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqm");
    {
        let ws = Workspace::create(&path).unwrap();
        let mode: String = ws
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        let fk: i64 = ws
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!((mode.as_str(), fk), ("wal", 1));
    }
    assert!(
        Workspace::create(&path).is_err(),
        "New must not overwrite an existing workspace"
    );
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(store::schema_version(ws.conn()).unwrap(), 4);
    let copy = dir.path().join("copy.sqm");
    ws.save_copy(&copy).unwrap();
    assert!(Workspace::open(&copy).is_ok());
}

fn desk() -> ServiceInput {
    ServiceInput {
        code: "DESK".into(),
        name: "桌面支持".into(),
        owner: "王磊".into(),
        team: "服务支持团队".into(),
    }
}

#[test]
fn services_are_created_edited_and_validated() {
    let conn = store::open_in_memory().unwrap();
    let s = store::insert_service(&conn, &desk()).unwrap();
    assert_eq!(store::list_services(&conn).unwrap(), vec![s.clone()]);
    let dup = store::insert_service(&conn, &desk()).unwrap_err();
    assert_eq!(dup.code(), "invalid");
    assert!(dup.to_string().contains("already exists"), "{dup}");
    let blank = store::insert_service(
        &conn,
        &ServiceInput {
            code: " ".into(),
            ..desk()
        },
    )
    .unwrap_err();
    assert_eq!(blank.code(), "invalid");
    let edited = store::update_service(
        &conn,
        s.id,
        &ServiceInput {
            name: "桌面与终端".into(),
            ..desk()
        },
    )
    .unwrap();
    assert_eq!(edited.name, "桌面与终端");
    assert_eq!(
        store::update_service(&conn, 999, &desk())
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn standards_are_versioned_and_checked() {
    let conn = store::open_in_memory().unwrap();
    let s = store::insert_service(&conn, &desk()).unwrap();
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let v1 = store::insert_standard(&conn, &StandardInput::plan_default(s.id, day("2025-01-01")))
        .unwrap();
    let mut v2_in = StandardInput::plan_default(s.id, day("2026-01-01"));
    v2_in.resolution_minutes = 240;
    store::insert_standard(&conn, &v2_in).unwrap();
    assert_eq!(
        store::insert_standard(&conn, &v2_in).unwrap_err().code(),
        "invalid",
        "same version twice"
    );
    let mut bad = StandardInput::plan_default(s.id, day("2027-01-01"));
    bad.response_required_pct = 120.0;
    assert!(store::insert_standard(&conn, &bad)
        .unwrap_err()
        .to_string()
        .contains("between 0 and 100"));
    let all = store::list_standards(&conn).unwrap();
    let in_force = |d: &str| {
        sqm_core::domain::QualityStandard::in_force(&all, s.id, Some("P1"), day(d))
            .map(|s| s.resolution_minutes)
    };
    assert_eq!(
        (
            in_force("2024-06-01"),
            in_force("2025-06-01"),
            in_force("2026-06-01")
        ),
        (None, Some(1440), Some(240))
    );
    store::delete_standard(&conn, v1.id).unwrap();
    assert_eq!(store::list_standards(&conn).unwrap().len(), 1);
}

#[test]
fn deleting_a_service_with_tickets_asks_first_and_then_leaves_nothing_dangling() {
    let mut ws =
        Workspace::open_or_create(&tempfile::tempdir().unwrap().path().join("w.sqm")).unwrap();
    let fixture = crate::support::fixture("jira_en.csv");
    ws.import_file(
        &fixture,
        &Default::default(),
        &crate::support::clock(),
        &mut |_| {},
    )
    .unwrap();
    let network = store::find_service_by_code(ws.conn(), "Network access")
        .unwrap()
        .unwrap();
    let usage = ws.service_usage(network.id).unwrap();
    assert_eq!((usage.tickets, usage.responses, usage.standards), (1, 1, 1));
    let refused = ws.delete_service(network.id, false).unwrap_err();
    assert_eq!(refused.code(), "in_use");
    ws.delete_service(network.id, true).unwrap();
    let count = |sql: &str| -> i64 { ws.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT count(*) FROM tickets WHERE service_id NOT IN (SELECT id FROM services)"),
        0
    );
    assert_eq!(count("SELECT count(*) FROM satisfaction_responses WHERE service_id NOT IN (SELECT id FROM services)"), 0);
    assert_eq!(count("SELECT count(*) FROM tickets"), 3);
}

/// Files that are not (this version's) workspaces are refused with a clear message and left
/// byte for byte as they were.
#[test]
fn unopenable_files_are_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.sqm");
    drop(Workspace::create(&good).unwrap());
    let good_bytes = std::fs::read(&good).unwrap();
    let newer = dir.path().join("newer.sqm");
    std::fs::copy(&good, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE contacts(name TEXT)")
        .unwrap();
    let text = dir.path().join("notes.sqm");
    std::fs::write(&text, "这不是数据库\n".repeat(200)).unwrap();
    let truncated = dir.path().join("truncated.sqm");
    std::fs::write(&truncated, &good_bytes[..2048.min(good_bytes.len())]).unwrap();
    let cases = [
        (&newer, "was written by a newer version of SQM (workspace format 99; this version knows up to 4)"),
        (&foreign, "is an SQLite database of another application, not an SQM workspace"),
        (&text, "is not an SQM workspace or is damaged (file is not a database)"),
        (&truncated, "is not an SQM workspace or is damaged"),
    ];
    for (path, want) in cases {
        let before = std::fs::read(path).unwrap();
        let err = match Workspace::open(path) {
            Err(e) => e,
            Ok(ws) => match ws.info() {
                Err(e) => e,
                Ok(_) => panic!("{} opened", path.display()),
            },
        };
        assert_eq!(err.code(), "unopenable", "{}: {err}", path.display());
        assert!(err.to_string().contains(want), "{err}");
        assert!(err.to_string().contains("it was not changed") || err.code() != "unopenable");
        assert_eq!(
            std::fs::read(path).unwrap(),
            before,
            "{} changed",
            path.display()
        );
    }
}

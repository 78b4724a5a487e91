//! The store on real SQLite: schema snapshot, pragmas, records and delete rules.

use sqm_core::domain::{ServiceInput, StandardInput};
use sqm_core::metrics::OptIndex;
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
    assert_eq!(store::schema_version(&conn).unwrap(), 12);
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
    assert_eq!(store::schema_version(ws.conn()).unwrap(), 12);
    let copy = dir.path().join("copy.sqm");
    ws.save_copy(&copy).unwrap();
    assert!(Workspace::open(&copy).is_ok());
}

/// An import with the workspace to itself writes through a rollback journal (a `-journal` file
/// exists while it runs) and leaves the workspace in WAL mode; with another connection open it
/// stays in WAL mode throughout. Either way the same tickets are written and the file is sound.
#[test]
fn an_import_alone_writes_through_a_rollback_journal_and_leaves_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let file = crate::support::fixture("servicenow_fields_v2.csv");
    let mut seen = Vec::new();
    for other_open in [false, true] {
        let path = dir.path().join(format!("w{other_open}.sqm"));
        let mut ws = Workspace::create(&path).unwrap();
        let other = other_open.then(|| store::open(&path).unwrap());
        let journal = dir.path().join(format!("w{other_open}.sqm-journal"));
        let mut journal_seen = false;
        ws.import_file(
            &file,
            &Default::default(),
            &crate::support::clock(),
            &mut |_| {
                journal_seen |= journal.exists();
            },
        )
        .unwrap();
        assert_eq!(
            journal_seen, !other_open,
            "other connection open: {other_open}"
        );
        assert!(!journal.exists());
        let conn = ws.conn();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let tickets: Vec<(String, i64, Option<i64>)> = conn
            .prepare("SELECT external_key, opened, resolved FROM tickets ORDER BY external_key")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!tickets.is_empty());
        seen.push(tickets);
        drop(other);
    }
    assert_eq!(seen[0], seen[1]);
}

/// The benchmark's SQLite floor (`sqm bench-floor`) really writes what an import wrote: every
/// ticket row, field for field (label ids as stored), into an empty workspace, which is then sound and in WAL mode; a
/// workspace that already has tickets is refused.
#[test]
fn the_import_floor_copies_every_ticket_row_by_row() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.sqm");
    let ws = Workspace::create(&demo).unwrap();
    sqm_core::demo::populate(&ws, &sqm_core::demo::DemoSpec::default()).unwrap();
    let all = |ws: &Workspace| -> Vec<Vec<rusqlite::types::Value>> {
        let mut st = ws
            .conn()
            .prepare("SELECT * FROM ticket_rows ORDER BY id")
            .unwrap();
        let n = st.column_count();
        st.query_map([], |r| (0..n).map(|i| r.get(i)).collect())
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let want = all(&ws);
    assert!(want.len() > 1000, "{}", want.len());
    let mut copy = Workspace::create(&dir.path().join("floor.sqm")).unwrap();
    assert_eq!(
        copy.copy_tickets_row_by_row(&demo).unwrap(),
        want.len() as i64
    );
    assert_eq!(all(&copy), want);
    let (mode, check): (String, String) = (
        copy.conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap(),
        copy.conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap(),
    );
    assert_eq!((mode.as_str(), check.as_str()), ("wal", "ok"));
    let again = copy.copy_tickets_row_by_row(&demo).unwrap_err().to_string();
    assert!(again.contains("already has tickets"), "{again}");
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
    // The folder lives as long as the test: an import creates its journal file next to the
    // workspace.
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open_or_create(&dir.path().join("w.sqm")).unwrap();
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
        (&newer, "was written by a newer version of SQM (workspace format 99; this version knows up to 12)"),
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

mod backups {
    use crate::support::{clock, fixture};
    use chrono::NaiveDateTime;
    use sqm_core::backup::{self, Reason};
    use sqm_core::workspace::Workspace;

    fn count(ws: &Workspace, sql: &str) -> i64 {
        ws.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn every_import_is_preceded_by_a_backup_that_restores() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.sqm");
        let mut ws = Workspace::create(&path).unwrap();
        let import = |ws: &mut Workspace, name: &str| {
            ws.import_file(&fixture(name), &Default::default(), &clock(), &mut |_| {})
                .unwrap()
        };
        // Nothing to lose yet: no backup before the first import.
        import(&mut ws, "servicenow_fields_v2.csv");
        assert!(ws.backups().unwrap().is_empty());
        let before = count(&ws, "SELECT count(*) FROM tickets");
        import(&mut ws, "jira_en.csv");
        let after = count(&ws, "SELECT count(*) FROM tickets");
        assert!(after > before);
        let list = ws.backups().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].reason, Reason::Import);
        assert!(std::path::Path::new(&list[0].path).starts_with(dir.path().join("w.sqm-backups")));
        // Restore it: the tickets are as before the second import; the state just replaced is
        // itself kept as a backup.
        let undo = ws.restore_backup(&list[0].name, &clock()).unwrap();
        assert_eq!(undo.reason, Reason::BeforeRestore);
        assert_eq!(count(&ws, "SELECT count(*) FROM tickets"), before);
        let list = ws.backups().unwrap();
        assert!(list.iter().any(|b| b.reason == Reason::BeforeRestore));
        let pre = list
            .iter()
            .find(|b| b.reason == Reason::BeforeRestore)
            .unwrap();
        ws.restore_backup(&pre.name, &clock()).unwrap();
        assert_eq!(count(&ws, "SELECT count(*) FROM tickets"), after);
        // Names cannot reach outside the backups folder.
        for bad in ["../w.sqm", "/etc/passwd", "20261125-233700-import.sqm"] {
            assert!(ws.restore_backup(bad, &clock()).is_err(), "{bad}");
        }
        let check: String = ws
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
    }

    #[test]
    fn retention_keeps_the_latest_ten_and_one_per_month() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.sqm");
        let ws = Workspace::create(&path).unwrap();
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
        // Three a month for five months (15), oldest first.
        let mut taken = Vec::new();
        for m in 1..=5 {
            for d in [3, 13, 23] {
                let t = at(&format!("2026-{m:02}-{d:02} 10:00:00"));
                backup::take(ws.conn(), &path, Reason::Manual, t).unwrap();
                taken.push(t);
            }
        }
        let kept: Vec<NaiveDateTime> = ws.backups().unwrap().iter().map(|b| b.taken_at).collect();
        // The newest ten (Feb 13 … May 23), and of the older ones only the newest of January.
        let mut want: Vec<NaiveDateTime> = taken[5..].to_vec();
        want.push(taken[2]);
        want.sort();
        want.reverse();
        assert_eq!(kept, want);
    }

    #[test]
    fn an_older_workspace_is_backed_up_before_it_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqm");
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            let migrations = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../src-tauri/core/src/store/migrations");
            for f in ["0001_init.sql", "0002_business_time.sql", "0003_people.sql"] {
                let sql = std::fs::read_to_string(migrations.join(f)).unwrap();
                conn.execute_batch(&sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 3).unwrap();
        }
        let ws = Workspace::open(&path).unwrap();
        assert_eq!(sqm_core::store::schema_version(ws.conn()).unwrap(), 12);
        let list = ws.backups().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].reason, Reason::Migration);
        let old = rusqlite::Connection::open(&list[0].path).unwrap();
        let v: i64 = old
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 3, "the backup is the workspace as it was");
    }

    /// A workspace as format 11 left it: migrations 0001-0011 applied, nothing else.
    fn format_11_workspace(path: &std::path::Path) -> rusqlite::Connection {
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.pragma_update(None, "page_size", 16384).unwrap();
        conn.query_row("PRAGMA journal_mode=WAL", [], |_| Ok(()))
            .unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../src-tauri/core/src/store/migrations");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_str().unwrap() < "0012")
            .collect();
        files.sort();
        assert_eq!(files.len(), 11);
        for f in &files {
            conn.execute_batch(&std::fs::read_to_string(f).unwrap())
                .unwrap();
        }
        conn.pragma_update(None, "user_version", 11).unwrap();
        conn
    }

    /// The label migration rebuilds the tickets table; the old table's pages are given back
    /// (the file is rewritten without them), so a migrated workspace is smaller, not larger,
    /// with every ticket still there.
    #[test]
    fn a_migrated_workspace_gives_back_the_old_tickets_table_pages() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v11.sqm");
        {
            let conn = format_11_workspace(&path);
            conn.execute_batch(
                "INSERT INTO services(id, code, name) VALUES (1, 'NET', 'Network');
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
                 INSERT INTO tickets(source, external_key, service_id, priority, category, channel,
                     opened, assignee, assignment_group, state)
                 SELECT 'servicenow', printf('INC%07d', i), 1, 'P' || (i % 4 + 1), 'Network',
                        'Self-service portal', 1000 * i, 'Assignee ' || (i % 40),
                        'Service Desk Level ' || (i % 3), 'Closed'
                 FROM n;
                 PRAGMA wal_checkpoint(TRUNCATE);",
            )
            .unwrap();
        }
        let size = || std::fs::metadata(&path).unwrap().len();
        let before = size();
        let ws = Workspace::open(&path).unwrap();
        let c = ws.conn();
        let free: i64 = c
            .pragma_query_value(None, "freelist_count", |r| r.get(0))
            .unwrap();
        assert_eq!(free, 0);
        let n: i64 = c
            .query_row(
                "SELECT count(*) FROM tickets WHERE assignee LIKE 'Assignee %'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 20_000);
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        assert!(size() < before, "{} -> {}", before, size());
    }

    /// Format 12 stores the tickets' texts as label ids (`ticket_rows` + `ticket_labels`, read
    /// as text through the `tickets` view). A format-11 workspace comes through with every
    /// ticket field for field (NULLs, empty and non-ASCII texts, a text shared by several
    /// columns), its status histories and response links still attached and still removed with
    /// their ticket, the removal counted, and its next import of the same tickets an update.
    #[test]
    fn a_format_11_workspace_keeps_its_tickets_histories_and_responses_through_the_labels() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v11.sqm");
        let rows = "SELECT * FROM tickets ORDER BY id";
        let all = |c: &rusqlite::Connection, sql: &str| -> Vec<Vec<rusqlite::types::Value>> {
            let mut st = c.prepare(sql).unwrap();
            let n = st.column_count();
            st.query_map([], |r| (0..n).map(|i| r.get(i)).collect())
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let before = {
            let conn = format_11_workspace(&path);
            conn.execute_batch(
                "INSERT INTO services(id, code, name) VALUES (1, 'NET', 'Network'), (2, 'ERP', 'ERP');
                 INSERT INTO import_runs VALUES (1, 'a.csv', 'x', 'servicenow', '2026-01-01 00:00:00', 3, 0, 0);
                 INSERT INTO tickets(id, source, external_key, service_id, priority, category, channel,
                     opened, first_response, resolved, closed, assignee, assignment_group,
                     reassignment_count, reopen_count, state, response_tracked, import_run_id,
                     has_history, first_assigned) VALUES
                   (1, 'servicenow', 'INC1', 1, 'P1', 'Network', 'Phone', 100, 110, 200, 300,
                    '王伟', 'Service Desk', 2, 1, 'Closed', 1, 1, 1, 105),
                   (2, 'servicenow', 'INC2', 2, NULL, NULL, NULL, 150, NULL, NULL, NULL,
                    NULL, NULL, 0, 0, NULL, 0, 1, 0, NULL),
                   (5, 'jira', 'INC1', 1, 'P1', '', 'Closed', 160, 170, NULL, NULL,
                    '', '网络组', 0, 0, 'Closed', 1, NULL, 0, NULL),
                   (7, 'servicenow', 'INC7', 2, 'P3', 'ERP', 'Email', 170, 180, 190, NULL,
                    '王伟', 'Service Desk', 0, 0, 'Resolved', 1, 1, 1, NULL);
                 INSERT INTO ticket_status VALUES (1, 0, 100, 'New'), (1, 1, 150, 'Closed'),
                                                  (7, 0, 170, 'New');
                 INSERT INTO satisfaction_responses(id, service_id, ticket_id, source, external_key,
                     responded_at, score, scale_min, scale_max, channel)
                   VALUES (1, 1, 1, 'survey', 'S1', 400, 5, 1, 5, 'survey'),
                          (2, 2, 7, 'survey', 'S2', 400, 4, 1, 5, 'survey');",
            )
            .unwrap();
            all(&conn, rows)
        };
        let ws = Workspace::open(&path).unwrap();
        let c = ws.conn();
        assert_eq!(sqm_core::store::schema_version(c).unwrap(), 12);
        assert_eq!(
            all(c, rows),
            before,
            "every ticket as it was, through the view"
        );
        let labels: Vec<String> = c
            .prepare("SELECT name FROM ticket_labels ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let want = [
            "",
            "Closed",
            "ERP",
            "Email",
            "Network",
            "P1",
            "P3",
            "Phone",
            "Resolved",
            "Service Desk",
            "jira",
            "servicenow",
            "王伟",
            "网络组",
        ];
        assert_eq!(labels, want, "each text once");
        let count = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(count("SELECT count(*) FROM pragma_foreign_key_check"), 0);
        assert_eq!(count("SELECT count(*) FROM ticket_status"), 3);
        assert_eq!(
            count("SELECT count(*) FROM satisfaction_responses WHERE ticket_id IS NOT NULL"),
            2
        );
        // The references follow the table: removing a ticket removes its history and unlinks
        // its response, and the removal is counted for the data version.
        c.execute("DELETE FROM ticket_rows WHERE id = 1", [])
            .unwrap();
        assert_eq!(count("SELECT count(*) FROM ticket_status"), 1);
        assert_eq!(
            count("SELECT count(*) FROM satisfaction_responses WHERE ticket_id IS NOT NULL"),
            1
        );
        assert_eq!(
            count("SELECT n FROM data_changes WHERE what = 'tickets removed'"),
            1
        );
        // The view cannot be written; the unique key holds on the label ids.
        assert!(c.execute("DELETE FROM tickets WHERE id = 2", []).is_err());
        assert!(c
            .execute(
                "INSERT INTO ticket_rows(source, external_key, service_id, opened)
                 SELECT source, external_key, service_id, opened FROM ticket_rows WHERE id = 7",
                [],
            )
            .is_err());
    }
}

mod audit {
    use sqm_core::people::{PeopleKind, PeopleRecord};
    use sqm_core::workspace::Workspace;

    #[test]
    fn every_change_is_logged_with_who_and_what_and_deletes_can_be_undone() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::create(&dir.path().join("a.sqm")).unwrap();
        let base = ws.audit(None, None, 1000).unwrap().len();
        let staff = |id, name: &str| PeopleRecord::Staff {
            id,
            code: "E1".into(),
            name: name.into(),
            team: "服务台".into(),
            contact: String::new(),
            active: true,
        };
        let id = ws.save_people(&staff(None, "周杰")).unwrap();
        ws.save_people(&staff(Some(id), "周杰伦")).unwrap();
        // Saving without a change logs nothing.
        ws.save_people(&staff(Some(id), "周杰伦")).unwrap();
        let role = ws
            .people(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
            .unwrap()
            .roles[0]
            .id;
        ws.save_people(&PeopleRecord::Assignment {
            id: None,
            staff_id: id,
            role_id: role,
            from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            to: None,
        })
        .unwrap();
        ws.delete_people(PeopleKind::Staff, id, true).unwrap();
        let log = ws.audit(None, None, 1000).unwrap();
        let mine: Vec<(&str, &str)> = log[..log.len() - base]
            .iter()
            .rev()
            .map(|e| (e.action.as_str(), e.record.as_str()))
            .collect();
        assert_eq!(
            mine,
            [
                ("insert", "staff"),
                ("update", "staff"),
                ("insert", "role_assignments"),
                ("delete", "role_assignments"),
                ("delete", "staff"),
            ],
            "{log:#?}"
        );
        let update = log.iter().find(|e| e.action == "update").unwrap();
        assert_eq!(update.user, sqm_core::store::os_user());
        assert_eq!(
            update.changes.len(),
            1,
            "only the changed field: {:?}",
            update.changes
        );
        assert_eq!(update.changes[0].field, "name");
        assert_eq!(update.changes[0].old.as_deref(), Some("\"周杰\""));
        assert_eq!(update.changes[0].new.as_deref(), Some("\"周杰伦\""));
        // The trash: the assignment cannot come back before its person; then both can.
        let del_assign = log
            .iter()
            .find(|e| e.action == "delete" && e.record == "role_assignments")
            .unwrap();
        let del_staff = log
            .iter()
            .find(|e| e.action == "delete" && e.record == "staff")
            .unwrap();
        assert!(del_staff.restorable && del_assign.restorable);
        let err = ws.restore_deleted(del_assign.id).unwrap_err();
        assert!(
            err.to_string().contains("restore what it belongs to first"),
            "{err}"
        );
        ws.restore_deleted(del_staff.id).unwrap();
        ws.restore_deleted(del_assign.id).unwrap();
        let p = ws
            .people(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap())
            .unwrap();
        assert_eq!(p.staff.len(), 1);
        assert_eq!(p.staff[0].id, id);
        assert_eq!(p.staff[0].name, "周杰伦");
        assert_eq!(p.staff[0].assignments.len(), 1);
        let log = ws.audit(Some("staff"), None, 1000).unwrap();
        assert!(
            !log.iter().any(|e| e.restorable),
            "restored: no longer in the trash"
        );
        // The export has a row per changed field.
        let csv = String::from_utf8(ws.audit_file(&dir.path().join("a.csv")).unwrap()).unwrap();
        assert!(
            csv.starts_with("id,at,user,action,record,key,field,old,new\n"),
            "{csv}"
        );
        assert!(csv.contains(",update,staff,"), "{csv}");
        let xlsx = ws.audit_file(&dir.path().join("a.xlsx")).unwrap();
        assert!(xlsx.starts_with(b"PK"));
    }
}

/// The fact blocks (`store/blocks.rs`) give exactly what the tickets table gives, for windows of
/// every size, after each kind of change: a first import, tickets with status histories, an
/// import that updates tickets, deleted tickets (a service deleted with them), a damaged block;
/// and on the demo workspace (reopens, reassignments, priorities, histories on every ticket).
/// Read inside a transaction, `ticket_facts` takes the table.
#[test]
fn the_fact_blocks_give_what_the_table_gives_after_every_change() {
    use crate::support::{clock, fixture};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.sqm");
    let mut ws = Workspace::create(&path).unwrap();
    same_from_blocks_and_table(&path, "empty", false);
    let mut import = |name: &str| {
        ws.import_file(&fixture(name), &Default::default(), &clock(), &mut |_| {})
            .unwrap();
    };
    import("servicenow_fields.csv");
    same_from_blocks_and_table(&path, "first import", true);
    import("servicenow_event_log_sample.csv");
    same_from_blocks_and_table(&path, "status histories", true);
    import("servicenow_fields_v2.csv");
    same_from_blocks_and_table(&path, "updated tickets", true);
    ws.conn()
        .execute("UPDATE fact_blocks SET data = x'0102'", [])
        .unwrap();
    same_from_blocks_and_table(&path, "damaged blocks", true);
    let service = ws.services().unwrap()[0].service.id;
    ws.delete_service(service, true).unwrap();
    same_from_blocks_and_table(&path, "deleted tickets", true);

    let demo = dir.path().join("demo.sqm");
    let ws = Workspace::create(&demo).unwrap();
    sqm_core::demo::populate(&ws, &sqm_core::demo::DemoSpec::default()).unwrap();
    let facts = same_from_blocks_and_table(&demo, "demo", true);
    // The demo exercises every field.
    assert!(facts
        .iter()
        .any(|t| t.0.reopen_count != t.0.reassignment_count));
    assert!(facts.iter().any(|t| t.1[0].is_some() && !t.2.is_empty()));
    assert!(facts.iter().any(|t| t.0.first_response.is_none()));
    assert!(facts
        .iter()
        .any(|t| t.0.first_assigned.is_some() && t.0.closed.is_some()));
}

/// A ticket with its strings spelled out (label indexes differ between reads).
type Spelled = (
    sqm_core::metrics::TicketFacts,
    [Option<String>; 4],
    Vec<(i64, String)>,
);

/// Reads windows of the workspace at `path` from the table, then twice through the blocks (the
/// first read after a change writes them), and checks they agree; returns the widest window.
fn same_from_blocks_and_table(path: &std::path::Path, step: &str, any: bool) -> Vec<Spelled> {
    let conn = store::open(path).unwrap();
    let read = |window: (i64, i64, i64), from_table: bool| -> Vec<Spelled> {
        let tx = from_table.then(|| conn.unchecked_transaction().unwrap());
        let mut labels = store::Labels::default();
        let v = store::ticket_facts(&conn, Some(path), window.0, window.1, window.2, &mut labels)
            .unwrap();
        drop(tx);
        let name = |i: OptIndex| i.name_in(&labels.names).map(str::to_string);
        v.into_iter()
            .map(|t| {
                let names = [
                    name(t.priority),
                    name(t.category),
                    name(t.group),
                    name(t.assignee),
                ];
                let history = t
                    .history
                    .iter()
                    .map(|&(at, s)| (at, labels.names[s as usize].clone()))
                    .collect();
                let plain = sqm_core::metrics::TicketFacts {
                    priority: OptIndex::NONE,
                    category: OptIndex::NONE,
                    group: OptIndex::NONE,
                    assignee: OptIndex::NONE,
                    history: Box::default(),
                    ..t
                };
                (plain, names, history)
            })
            .collect()
    };
    let day = |s: &str| crate::support::secs(&format!("{s} 00:00"));
    let lookback = sqm_core::metrics::LOOKBACK_SECS;
    let windows = [
        (i64::MIN / 4, i64::MAX / 4, 0),
        (day("2016-01-01"), day("2016-04-01"), lookback),
        (day("2016-02-01"), day("2016-03-01"), lookback),
        (day("2016-03-01"), day("2016-03-08"), 0),
        (day("2025-07-01"), day("2025-10-01"), lookback),
        (day("2026-04-01"), day("2026-05-01"), 0),
        (day("2025-10-01"), day("2026-10-01"), lookback),
    ];
    let mut all = Vec::new();
    for w in windows {
        let table = read(w, true);
        let first = read(w, false);
        let again = read(w, false);
        assert_eq!(first, table, "{step}: {w:?} (first read after the change)");
        assert_eq!(again, table, "{step}: {w:?} (from the blocks)");
        if all.is_empty() {
            all = table;
        }
    }
    let blocks: i64 = conn
        .query_row("SELECT count(*) FROM fact_blocks", [], |r| r.get(0))
        .unwrap();
    assert_eq!((blocks > 0, !all.is_empty()), (any, any), "{step}");
    all
}

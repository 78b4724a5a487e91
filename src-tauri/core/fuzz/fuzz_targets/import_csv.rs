//! Any bytes as a ticket export (ServiceNow list, event log, Jira — detected by the headers):
//! preview and import into a fresh workspace must return Ok or a coded error, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sqm_core::clock::FixedClock;
use sqm_core::import::{self, ImportOptions};

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("sqm-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("export.csv");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    // A fresh workspace per input, copied from one migrated template (migrating each time
    // held the fuzzer to 2 inputs a second).
    thread_local! {
        static TEMPLATE: rusqlite::Connection =
            sqm_core::store::open_in_memory().expect("template workspace");
    }
    let Ok(mut conn) = rusqlite::Connection::open_in_memory() else {
        return;
    };
    let copied = TEMPLATE.with(|t| {
        rusqlite::backup::Backup::new(t, &mut conn)
            .and_then(|b| b.run_to_completion(1024, std::time::Duration::ZERO, None))
    });
    if copied.is_err() {
        return;
    }
    let opts = ImportOptions::default();
    let _ = import::preview(&conn, &path, &opts);
    let clock = FixedClock(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap(),
    );
    let _ = import::run(&mut conn, &path, &opts, &clock, &mut |_| {});
    let _ = import::run(
        &mut conn,
        &path,
        &ImportOptions {
            valid_rows_only: true,
            ..Default::default()
        },
        &clock,
        &mut |_| {},
    );
});

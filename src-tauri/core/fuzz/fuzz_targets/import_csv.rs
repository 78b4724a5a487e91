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
    let Ok(mut conn) = sqm_core::store::open_in_memory() else {
        return;
    };
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

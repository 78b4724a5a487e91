//! Any bytes as a CSV staff or attendance list: read and checked without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sqm_core::import::{people_rows, sheet};

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("sqm-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("list.csv");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    if let Ok(s) = sheet::read_sheet(&path) {
        let _ = people_rows::staff_rows(&s);
        let _ = people_rows::attendance_rows(&s);
    }
});

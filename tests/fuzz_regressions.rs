//! Replays every fuzz seed and every input the fuzzers ever found a problem with
//! (`src-tauri/core/fuzz/{seeds,regressions}/<target>/`) through the same calls as the fuzz
//! targets: each must end in Ok or a coded error, never a panic.

use crate::support::clock;
use sqm_core::import::{self, people_rows, sheet, DateOrder, ImportOptions};
use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/core/fuzz");
    let mut v = Vec::new();
    for kind in ["seeds", "regressions"] {
        if let Ok(rd) = std::fs::read_dir(root.join(kind).join(target)) {
            v.extend(rd.flatten().map(|e| e.path()).filter(|p| p.is_file()));
        }
    }
    v.sort();
    v
}

#[test]
fn import_csv_inputs() {
    let files = inputs("import_csv");
    assert!(!files.is_empty());
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        let path = dir.path().join("export.csv");
        std::fs::copy(&f, &path).unwrap();
        let mut conn = sqm_core::store::open_in_memory().unwrap();
        let _ = import::preview(&conn, &path, &ImportOptions::default());
        let r = import::run(
            &mut conn,
            &path,
            &ImportOptions::default(),
            &clock(),
            &mut |_| {},
        );
        if let Err(e) = r {
            assert!(!e.code().is_empty(), "{}: {e}", f.display());
        }
    }
}

#[test]
fn sheet_inputs() {
    let dir = tempfile::tempdir().unwrap();
    for (target, name) in [("sheet_xlsx", "list.xlsx"), ("sheet_csv", "list.csv")] {
        let files = inputs(target);
        assert!(!files.is_empty(), "{target}");
        for f in files {
            let path = dir.path().join(name);
            std::fs::copy(&f, &path).unwrap();
            if let Ok(s) = sheet::read_sheet(&path) {
                let _ = people_rows::staff_rows(&s);
                let _ = people_rows::attendance_rows(&s);
            }
        }
    }
}

#[test]
fn ics_and_date_inputs() {
    for f in inputs("ics") {
        if let Ok(text) = std::fs::read_to_string(&f) {
            let _ = sqm_core::calendar::ics::holidays_from_ics(&text);
        }
    }
    for f in inputs("dates") {
        if let Ok(text) = std::fs::read_to_string(&f) {
            for order in [DateOrder::Ymd, DateOrder::Dmy, DateOrder::Mdy] {
                let _ = import::parse_date(&text, order);
            }
        }
    }
}

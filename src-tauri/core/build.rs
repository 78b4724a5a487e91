//! Gives the core a digest of its own sources, data and locked dependencies
//! (`SQM_CORE_SOURCE_DIGEST`): figures a workspace keeps between starts (the dashboard's memo)
//! are keyed by it, so a build that measures differently never shows figures an older one
//! measured.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let lock = root.join("../../Cargo.lock");
    let mut all = Vec::new();
    for dir in ["src", "data"] {
        files(&root.join(dir), &mut all);
        println!("cargo:rerun-if-changed={dir}");
    }
    all.push(lock.clone());
    println!("cargo:rerun-if-changed={}", lock.display());
    all.sort();
    // FNV-1a, 64 bits: names and contents in a fixed order.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for p in &all {
        let name = p.strip_prefix(&root).unwrap_or(p);
        feed(name.to_string_lossy().as_bytes());
        feed(&std::fs::read(p).unwrap_or_default());
    }
    println!("cargo:rustc-env=SQM_CORE_SOURCE_DIGEST={h:016x}");
}

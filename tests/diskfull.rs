//! A full disk or a read-only folder while `sqm import` writes a workspace or `sqm report`
//! replaces a PDF: the command exits non-zero with a message that names the problem, the
//! workspace still passes `PRAGMA integrity_check` with the import entirely absent, and the PDF
//! that was there is byte-identical. No `.part` file is left behind.
//!
//! Two ways to run out of room:
//! - a file-size limit on the `sqm` process (RLIMIT_FSIZE), so any write past it fails with
//!   EFBIG: works as any user. It is set by the shell (`ulimit -f`, in KiB in bash) with SIGXFSZ
//!   ignored (`trap '' XFSZ`; an ignored signal stays ignored across exec), so the write fails
//!   instead of the signal killing the process — `pre_exec` would need `unsafe`, which the
//!   workspace forbids;
//! - as root where `mount` is permitted: a small tmpfs filled up (ENOSPC) and a read-only bind
//!   mount (EROFS), unmounted by a guard even when an assertion fails. Elsewhere these are
//!   skipped with a note: chmod cannot make a folder read-only for root.

use crate::support::fixture;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sqm_bin() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let bin = exe.parent().and_then(|d| d.parent()).unwrap().join("sqm");
    assert!(
        bin.exists(),
        "{} missing: build it with `cargo build -p sqm-cli` (make test does)",
        bin.display()
    );
    bin
}

fn sqm(args: &[&str]) -> Output {
    Command::new(sqm_bin()).args(args).output().unwrap()
}

/// `sqm` with its files limited to `kib` KiB each.
fn sqm_limited(kib: u64, args: &[&str]) -> Output {
    Command::new("bash")
        .arg("-c")
        .arg(r#"trap '' XFSZ && ulimit -f "$0" && exec "$@""#)
        .arg(kib.to_string())
        .arg(sqm_bin())
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A workspace with the 4 tickets of a small fixture (a backup is taken before each later
/// import, since it has data).
fn workspace(dir: &Path) -> PathBuf {
    let db = dir.join("w.sqm");
    let out = sqm(&[
        "import",
        s(&fixture("servicenow_fields.csv")),
        "--db",
        s(&db),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    db
}

/// A ServiceNow export of 20,000 tickets `B-000000…`: its import writes ~3 MB to the WAL.
fn big_export(dir: &Path) -> PathBuf {
    let path = dir.join("big-export.csv");
    let mut f = std::io::BufWriter::new(fs::File::create(&path).unwrap());
    f.write_all(b"number,opened_at,short_description,caller_id,priority,state,category,assignment_group,assigned_to,sys_updated_on,resolved_at,closed_at,business_service,made_sla,reassignment_count,reopen_count,u_first_response\n").unwrap();
    for i in 0..20_000 {
        let day = 1 + i % 28;
        writeln!(
            f,
            "B-{i:06},2026-07-{day:02} 09:00:00,Row {i},Caller,3 - Moderate,Closed,Network,Network Team,Li Na,2026-07-{day:02} 12:00:00,2026-07-{day:02} 11:00:00,2026-07-{day:02} 13:00:00,VPN,true,0,0,2026-07-{day:02} 09:20:00"
        )
        .unwrap();
    }
    f.into_inner().unwrap().sync_all().unwrap();
    path
}

/// The command failed, and its message says why in words a person can act on.
fn assert_fails_naming(out: &Output, what: &str, words: &[&str]) {
    let err = text(&out.stderr);
    assert!(
        !out.status.success(),
        "{what}: expected a failure; stdout: {}",
        text(&out.stdout)
    );
    assert!(
        err.starts_with("sqm: ") && !err.contains("panicked"),
        "{what}: {err}"
    );
    assert!(
        words.iter().any(|w| err.contains(w)),
        "{what}: the message should name the problem ({words:?}): {err}"
    );
}

/// The workspace is whole, still has its 4 tickets, and has nothing of the failed import.
fn assert_import_absent(db: &Path, what: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "{what}");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT count(*) FROM tickets WHERE external_key LIKE 'B-%'"),
        0,
        "{what}: tickets of the failed import"
    );
    assert_eq!(count("SELECT count(*) FROM tickets"), 4, "{what}");
    assert_eq!(
        count("SELECT count(*) FROM import_runs WHERE file_name = 'big-export.csv'"),
        0,
        "{what}: the failed import's record"
    );
}

/// No half-written file (`.part`) anywhere under `dir`.
fn assert_no_part_files(dir: &Path, what: &str) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            assert_no_part_files(&path, what);
        } else {
            assert!(
                !path.to_string_lossy().ends_with(".part"),
                "{what}: left behind {}",
                path.display()
            );
        }
    }
}

/// The complete backups in the workspace's backups folder.
fn backups(db: &Path) -> usize {
    fs::read_dir(sqm_core::backup::dir_of(db))
        .map(|d| {
            d.filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".sqm"))
            })
            .count()
        })
        .unwrap_or(0)
}

/// A pack over an existing good PDF (English) that fails while writing the new one (Chinese,
/// so a different file): returns the command's output after checking the old PDF is intact.
fn pack_over(db: &Path, pdf: &Path, good: &[u8], run: impl FnOnce(&[&str]) -> Output) -> Output {
    let out = run(&[
        "report",
        "--kind",
        "pack",
        "--db",
        s(db),
        "--lang",
        "zh",
        "--out",
        s(pdf),
    ]);
    assert!(
        fs::read(pdf).unwrap() == good,
        "the existing PDF changed: {}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).contains("a file already there is unchanged"),
        "{}",
        text(&out.stderr)
    );
    out
}

fn good_pdf(db: &Path, pdf: &Path) -> Vec<u8> {
    let out = sqm(&[
        "report",
        "--kind",
        "pack",
        "--db",
        s(db),
        "--lang",
        "en",
        "--out",
        s(pdf),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = fs::read(pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    bytes
}

#[test]
fn over_the_file_size_limit_import_and_pack_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = workspace(dir.path());
    let export = big_export(dir.path());
    // 100 KiB: the backup before the import (a ~1.2 MB copy: 16 KiB pages) cannot be written.
    // 2 MiB: the backup is written, then the import's transaction outgrows the WAL.
    for (kib, backups_after) in [(100, 0), (2048, 1)] {
        let what = format!("import limited to {kib} KiB");
        let out = sqm_limited(kib, &["import", s(&export), "--db", s(&db)]);
        assert_fails_naming(&out, &what, &["file size limit"]);
        assert_import_absent(&db, &what);
        assert_no_part_files(dir.path(), &what);
        assert_eq!(backups(&db), backups_after, "{what}");
    }
    // Room again: the same import goes through, whole.
    let out = sqm(&["import", s(&export), "--db", s(&db)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("20000 added"),
        "{}",
        text(&out.stdout)
    );

    // The pack: 48 KiB leaves room for the workspace's 32 KiB -shm file, not for the PDF (a
    // Chinese pack is over 90 KB).
    let pdf = dir.path().join("pack.pdf");
    let good = good_pdf(&db, &pdf);
    let out = pack_over(&db, &pdf, &good, |args| sqm_limited(48, args));
    assert_fails_naming(&out, "pack limited to 48 KiB", &["File too large"]);
    assert_no_part_files(dir.path(), "pack");
}

/// A mount made for one test, unmounted when dropped (also when an assertion fails).
struct Mount(PathBuf);

impl Mount {
    fn run(args: &[&str]) -> Result<(), String> {
        match Command::new("mount").args(args).output() {
            Ok(o) if o.status.success() => Ok(()),
            Ok(o) => Err(text(&o.stderr).trim().to_string()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// A tmpfs of `size` (e.g. "4m") at `at`, or `None` (with a note) where mounting is not
    /// permitted.
    fn tmpfs(at: &Path, size: &str) -> Option<Mount> {
        fs::create_dir_all(at).unwrap();
        let opts = format!("size={size}");
        match Self::run(&["-t", "tmpfs", "-o", &opts, "tmpfs", s(at)]) {
            Ok(()) => Some(Mount(at.to_path_buf())),
            Err(e) => {
                eprintln!("skipped: cannot mount a tmpfs here (needs root and mount rights): {e}");
                None
            }
        }
    }

    /// `src` seen read-only at `at`, or `None` (with a note) where mounting is not permitted.
    fn read_only(src: &Path, at: &Path) -> Option<Mount> {
        fs::create_dir_all(at).unwrap();
        if let Err(e) = Self::run(&["--bind", s(src), s(at)]) {
            eprintln!("skipped: cannot bind-mount here (needs root and mount rights): {e}");
            return None;
        }
        let mount = Mount(at.to_path_buf());
        if let Err(e) = Self::run(&["-o", "remount,ro,bind", s(at)]) {
            eprintln!("skipped: cannot remount a bind mount read-only here: {e}");
            return None; // `mount` unmounts it
        }
        Some(mount)
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let done = Command::new("umount")
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        if !done {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
}

/// Fills the file system of `dir` with a file `fill` until about `free` bytes are left.
fn fill_leaving(dir: &Path, free: u64) -> fs::File {
    let mut f = fs::File::create(dir.join("fill")).unwrap();
    let chunk = vec![0u8; 64 * 1024];
    let mut written = 0u64;
    loop {
        match f.write(&chunk) {
            Ok(0) => break,
            Ok(n) => written += n as u64,
            Err(e) if e.kind() == std::io::ErrorKind::StorageFull => break,
            Err(e) => panic!("filling {}: {e}", dir.display()),
        }
    }
    f.set_len(written.saturating_sub(free)).unwrap();
    f
}

#[test]
fn on_a_full_disk_import_and_pack_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db_here = workspace(dir.path());
    let export = big_export(dir.path());
    let pdf_here = dir.path().join("pack.pdf");
    let good = good_pdf(&db_here, &pdf_here);
    let disk = dir.path().join("disk");
    let Some(_mount) = Mount::tmpfs(&disk, "4m") else {
        return;
    };
    let db = disk.join("w.sqm");
    fs::copy(&db_here, &db).unwrap();
    // ~150 KB free: the backup before the import (a ~1.2 MB copy) does not fit. ~2 MiB: it
    // does, then the import's transaction does not.
    for (free, backups_after) in [(150 * 1024, 0), (2048 * 1024, 1)] {
        let what = format!("import with {} KiB free", free / 1024);
        let fill = fill_leaving(&disk, free);
        let out = sqm(&["import", s(&export), "--db", s(&db)]);
        fill.set_len(0).unwrap(); // room again, to check
        assert_fails_naming(&out, &what, &["disk is full"]);
        assert_import_absent(&db, &what);
        assert_no_part_files(&disk, &what);
        assert_eq!(backups(&db), backups_after, "{what}");
    }

    let pdf = disk.join("pack.pdf");
    fs::write(&pdf, &good).unwrap();
    let fill = fill_leaving(&disk, 0);
    let out = pack_over(&db_here, &pdf, &good, sqm);
    drop(fill);
    assert_fails_naming(&out, "pack on a full disk", &["No space left on device"]);
    assert_no_part_files(&disk, "pack on a full disk");
}

#[test]
fn in_a_read_only_folder_import_and_pack_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    fs::create_dir(&src).unwrap();
    let db_here = workspace(&src);
    let export = big_export(dir.path());
    let good = good_pdf(&db_here, &src.join("pack.pdf"));
    let ro = dir.path().join("ro");
    let Some(_mount) = Mount::read_only(&src, &ro) else {
        return;
    };
    let out = sqm(&["import", s(&export), "--db", s(&ro.join("w.sqm"))]);
    assert_fails_naming(&out, "import read-only", &["Read-only file system"]);
    assert_import_absent(&db_here, "import read-only");

    let out = pack_over(&db_here, &ro.join("pack.pdf"), &good, sqm);
    assert_fails_naming(&out, "pack read-only", &["Read-only file system"]);
    assert_no_part_files(&src, "read-only");
}

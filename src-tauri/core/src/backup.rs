//! Automatic backups of a workspace: a consistent copy (`VACUUM INTO`) before every import and
//! every migration, and before a restore, in a folder beside the workspace
//! (`<name>.sqm` → `<name>.sqm-backups/`). Retention keeps the newest 10 and, older than those,
//! the newest of each calendar month.

use crate::{Error, Result};
use chrono::NaiveDateTime;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// How many of the newest backups are always kept.
pub const KEEP_LATEST: usize = 10;

/// Why a backup was taken; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Import,
    Migration,
    BeforeRestore,
    Manual,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Reason::Import => "import",
            Reason::Migration => "migration",
            Reason::BeforeRestore => "before-restore",
            Reason::Manual => "manual",
        }
    }
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "import" => Reason::Import,
            "migration" => Reason::Migration,
            "before-restore" => Reason::BeforeRestore,
            "manual" => Reason::Manual,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    /// The file name inside the backups folder (what restore takes).
    pub name: String,
    pub path: String,
    /// When it was taken (local time, from its name).
    #[ts(type = "string")]
    pub taken_at: NaiveDateTime,
    pub reason: Reason,
    pub bytes: u64,
}

/// The backups folder of the workspace at `ws`.
pub fn dir_of(ws: &Path) -> PathBuf {
    let mut name = ws.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push("-backups");
    ws.with_file_name(name)
}

const STAMP: &str = "%Y%m%d-%H%M%S";

/// Takes a backup of the open database `conn` (the workspace at `ws`) and applies retention.
pub fn take(
    conn: &Connection,
    ws: &Path,
    reason: Reason,
    now: NaiveDateTime,
) -> Result<BackupInfo> {
    let dir = dir_of(ws);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let stem = now.format(STAMP).to_string();
    // Two backups in one second (an import right after a restore) get a counter.
    let mut k = 0;
    let path = loop {
        let name = if k == 0 {
            format!("{stem}-{}.sqm", reason.as_str())
        } else {
            format!("{stem}-{}-{k}.sqm", reason.as_str())
        };
        let p = dir.join(name);
        if !p.exists() {
            break p;
        }
        k += 1;
    };
    // Into a temporary name first: a crash never leaves a half backup that looks whole.
    let part = path.with_extension("sqm.part");
    let _ = std::fs::remove_file(&part);
    // A failed copy (a full disk) leaves no part behind to hold on to the space.
    let copied = conn
        .execute("VACUUM INTO ?1", [part.to_string_lossy()])
        .map_err(Error::from)
        .and_then(|_| std::fs::rename(&part, &path).map_err(|e| Error::io(&path, e)));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&part);
        return Err(e);
    }
    prune(&dir)?;
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: path.display().to_string(),
        taken_at: now,
        reason,
        bytes,
    })
}

fn parse_name(name: &str) -> Option<(NaiveDateTime, Reason)> {
    let rest = name.strip_suffix(".sqm")?;
    let stamp = rest.get(..15)?;
    let taken = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    let reason = rest.get(16..)?;
    let reason = reason
        .rsplit_once('-')
        .filter(|(_, n)| n.chars().all(|c| c.is_ascii_digit()))
        .map_or(reason, |(r, _)| r);
    Some((taken, Reason::parse(reason)?))
}

/// The backups of the workspace at `ws`, newest first.
pub fn list(ws: &Path) -> Result<Vec<BackupInfo>> {
    Ok(list_in(&dir_of(ws)))
}

/// The backups in the folder `dir`, newest first.
fn list_in(dir: &Path) -> Vec<BackupInfo> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<BackupInfo> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (taken_at, reason) = parse_name(&name)?;
            Some(BackupInfo {
                bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
                path: e.path().display().to_string(),
                name,
                taken_at,
                reason,
            })
        })
        .collect();
    out.sort_by(|a, b| (b.taken_at, &b.name).cmp(&(a.taken_at, &a.name)));
    out
}

/// Keeps the newest `KEEP_LATEST`, and of the older ones the newest of each month.
fn prune(dir: &Path) -> Result<()> {
    let all = list_in(dir);
    let mut months = std::collections::HashSet::new();
    for (i, b) in all.iter().enumerate() {
        let month = b.taken_at.format("%Y-%m").to_string();
        let first_of_month = months.insert(month);
        if i >= KEEP_LATEST && !first_of_month {
            let _ = std::fs::remove_file(&b.path);
        }
    }
    Ok(())
}

/// The backup called `name` of the workspace at `ws` (a bare file name: no path may escape the
/// backups folder).
pub fn path_of(ws: &Path, name: &str) -> Result<PathBuf> {
    if name.contains(['/', '\\']) || name.starts_with('.') || parse_name(name).is_none() {
        return Err(Error::Invalid(format!("'{name}' is not a backup name")));
    }
    let p = dir_of(ws).join(name);
    if !p.exists() {
        return Err(Error::NotFound(format!("backup {name}")));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
        assert_eq!(
            parse_name("20261125-233700-import.sqm"),
            Some((t("2026-11-25 23:37:00"), Reason::Import))
        );
        assert_eq!(
            parse_name("20261125-233700-before-restore-2.sqm"),
            Some((t("2026-11-25 23:37:00"), Reason::BeforeRestore))
        );
        assert_eq!(parse_name("20261125-233700-import.sqm.part"), None);
        assert_eq!(parse_name("notes.sqm"), None);
        assert_eq!(
            dir_of(Path::new("/a/b/工作区.sqm")),
            PathBuf::from("/a/b/工作区.sqm-backups")
        );
    }
}

//! Backups (list, take one now, restore one after backing up the current state) and the audit
//! trail (list, undo a deletion, export).

use crate::state::{off_main, AppState, CmdResult};
use sqm_core::backup::BackupInfo;
use sqm_core::clock::SystemClock;
use tauri::{AppHandle, State};

#[tauri::command]
pub fn backups_list(state: State<AppState>) -> CmdResult<Vec<BackupInfo>> {
    state.with(|ws| ws.backups())
}

#[tauri::command]
pub async fn backup_now(app: AppHandle) -> CmdResult<BackupInfo> {
    off_main(app, |ws| ws.backup_now(&SystemClock)).await
}

/// Returns the backup of the state just replaced (restoring it undoes the restore).
#[tauri::command]
pub async fn backup_restore(app: AppHandle, name: String) -> CmdResult<BackupInfo> {
    off_main(app, move |ws| ws.restore_backup(&name, &SystemClock)).await
}

/// The audit trail, newest first, `limit` entries older than `before_id`.
#[tauri::command]
pub fn audit_list(
    state: State<AppState>,
    record: Option<String>,
    before_id: Option<i64>,
    limit: u32,
) -> CmdResult<Vec<sqm_core::store::AuditEntry>> {
    state.with(|ws| ws.audit(record.as_deref(), before_id, limit))
}

/// Undo a deletion from its audit entry.
#[tauri::command]
pub fn audit_restore(state: State<AppState>, id: i64) -> CmdResult<()> {
    state.with(|ws| ws.restore_deleted(id))
}

/// Writes the audit trail to `path` (CSV, or XLSX when it ends in .xlsx).
#[tauri::command]
pub async fn audit_export(app: AppHandle, path: std::path::PathBuf) -> CmdResult<String> {
    off_main(app, move |ws| {
        let bytes = ws.audit_file(&path)?;
        sqm_core::atomic::write(&path, &bytes)?;
        Ok(path.display().to_string())
    })
    .await
}

//! Backups: list, take one now, restore one (after backing up the current state).

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

#[tauri::command]
pub async fn backup_restore(app: AppHandle, name: String) -> CmdResult<()> {
    off_main(app, move |ws| ws.restore_backup(&name, &SystemClock)).await
}

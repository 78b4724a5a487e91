//! Import: preview a file, run the import off the UI thread with progress events, save mappings.

use crate::state::{AppState, CmdResult};
use sqm_core::clock::SystemClock;
use sqm_core::import::{ColumnMapping, Format, ImportOptions, ImportPreview, ImportReport};
use std::path::PathBuf;
use tauri::{AppHandle, Emitter, Manager, State};

#[tauri::command]
pub fn import_preview(state: State<AppState>, path: PathBuf, options: ImportOptions) -> CmdResult<ImportPreview> {
    state.with(|ws| ws.import_preview(&path, &options))
}

/// Runs on a worker thread; emits `import-progress` events carrying `Progress`.
#[tauri::command]
pub async fn import_run(app: AppHandle, path: PathBuf, options: ImportOptions) -> CmdResult<ImportReport> {
    let worker = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = worker.state::<AppState>();
        state.with(|ws| {
            ws.import_file(&path, &options, &SystemClock, &mut |p| {
                let _ = worker.emit("import-progress", p);
            })
        })
    })
    .await
    .map_err(|e| sqm_core::error::IpcError { code: "internal".into(), message: e.to_string() })?
}

#[tauri::command]
pub fn mapping_save(state: State<AppState>, headers: Vec<String>, format: Format, mapping: ColumnMapping) -> CmdResult<()> {
    state.with(|ws| ws.save_mapping(&headers, format, &mapping, &SystemClock))
}

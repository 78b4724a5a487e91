//! Import: preview a file, run the import off the UI thread with progress events, save mappings.

use crate::state::{off_main, AppState, CmdResult};
use sqm_core::clock::SystemClock;
use sqm_core::import::{ColumnMapping, Format, ImportOptions, ImportPreview, ImportReport};
use std::path::PathBuf;
use tauri::{AppHandle, Emitter, State};

#[tauri::command]
pub async fn import_preview(
    app: AppHandle,
    path: PathBuf,
    options: ImportOptions,
) -> CmdResult<ImportPreview> {
    off_main(app, move |ws| ws.import_preview(&path, &options)).await
}

/// Runs on a worker thread; emits `import-progress` events carrying `Progress`.
#[tauri::command]
pub async fn import_run(
    app: AppHandle,
    path: PathBuf,
    options: ImportOptions,
) -> CmdResult<ImportReport> {
    let events = app.clone();
    off_main(app, move |ws| {
        ws.import_file(&path, &options, &SystemClock, &mut |p| {
            let _ = events.emit("import-progress", p);
        })
    })
    .await
}

#[tauri::command]
pub fn mapping_save(
    state: State<AppState>,
    headers: Vec<String>,
    format: Format,
    mapping: ColumnMapping,
) -> CmdResult<()> {
    state.with(|ws| ws.save_mapping(&headers, format, &mapping, &SystemClock))
}

//! Exports of what a screen shows: a table (CSV or XLSX by the file's extension) and a chart (the
//! SVG itself, or a PNG at twice its size). The core makes the bytes; the shell writes them.

use crate::state::CmdResult;
use sqm_core::export::TableData;
use std::path::PathBuf;

/// Writes `table` to `path` (`.csv` or `.xlsx`; any other extension is `invalid`).
#[tauri::command]
pub async fn table_export(path: PathBuf, table: TableData) -> CmdResult<String> {
    write(path, move |p| sqm_core::export::table_file(p, &table)).await
}

/// Writes a chart's SVG text to `path`: `.svg` as it is, `.png` drawn at 2× in the bundled font.
#[tauri::command]
pub async fn chart_export(path: PathBuf, svg: String) -> CmdResult<String> {
    write(path, move |p| sqm_core::export::chart_file(p, &svg)).await
}

/// Makes the bytes and writes them atomically on a worker thread (a PNG takes a moment); returns
/// the path written.
async fn write(
    path: PathBuf,
    bytes: impl FnOnce(&std::path::Path) -> sqm_core::Result<Vec<u8>> + Send + 'static,
) -> CmdResult<String> {
    tauri::async_runtime::spawn_blocking(move || {
        let b = bytes(&path)?;
        sqm_core::atomic::write(&path, &b)?;
        Ok(path.display().to_string())
    })
    .await
    .map_err(|e| sqm_core::error::IpcError {
        code: "internal".into(),
        message: e.to_string(),
        rows: None,
    })?
    .map_err(|e: sqm_core::Error| e.to_ipc())
}

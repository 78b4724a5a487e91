//! Satisfaction survey exports: read, matched to services and tickets, written all or nothing.

use crate::state::{off_main, CmdResult};
use sqm_core::clock::SystemClock;
use sqm_core::workspace::{SurveyImportOptions, SurveyImportReport};
use std::path::PathBuf;
use tauri::AppHandle;

/// Reads a survey export (CSV/XLSX/XLS/ODS); all rows are written or none.
#[tauri::command]
pub async fn survey_import(
    app: AppHandle,
    path: PathBuf,
    options: SurveyImportOptions,
) -> CmdResult<SurveyImportReport> {
    off_main(app, move |ws| {
        ws.import_survey(&path, &options, &SystemClock)
    })
    .await
}

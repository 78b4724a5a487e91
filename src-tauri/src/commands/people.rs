//! People and competence: the records, their figures, performance, name matching, imports.

use crate::state::{off_main, AppState, CmdResult};
use sqm_core::clock::{Clock, SystemClock};
use sqm_core::domain::{NaiveDate, Quarter};
use sqm_core::people::{PeopleKind, PeopleRecord};
use sqm_core::store::{NameKind, NameMatch};
use sqm_core::workspace::{People, PeopleImportKind, PeopleImportReport, Performance};
use std::path::PathBuf;
use tauri::{AppHandle, State};

/// Everything on the People screen; figures as of `as_of` (default today).
#[tauri::command]
pub fn people(state: State<AppState>, as_of: Option<NaiveDate>) -> CmdResult<People> {
    let as_of = as_of.unwrap_or_else(|| SystemClock.now().date());
    state.with(|ws| ws.people(as_of))
}

/// Creates (`id` null) or updates a record; returns its id.
#[tauri::command]
pub fn people_save(state: State<AppState>, record: PeopleRecord) -> CmdResult<i64> {
    state.with(|ws| ws.save_people(&record))
}

/// Without `cascade`, a record others refer to is refused with code `in_use`.
#[tauri::command]
pub fn people_delete(
    state: State<AppState>,
    kind: PeopleKind,
    id: i64,
    cascade: bool,
) -> CmdResult<()> {
    state.with(|ws| ws.delete_people(kind, id, cascade))
}

#[tauri::command]
pub fn name_match_save(state: State<AppState>, m: NameMatch) -> CmdResult<()> {
    state.with(|ws| ws.save_name_match(&m))
}

#[tauri::command]
pub fn name_match_delete(state: State<AppState>, kind: NameKind, name: String) -> CmdResult<()> {
    state.with(|ws| ws.delete_name_match(kind, &name))
}

#[tauri::command]
pub async fn performance(app: AppHandle, quarter: Option<Quarter>) -> CmdResult<Performance> {
    off_main(app, move |ws| ws.performance(quarter, &SystemClock)).await
}

/// Reads a staff or attendance list (CSV/XLSX); all rows are written or none.
#[tauri::command]
pub async fn people_import(
    app: AppHandle,
    kind: PeopleImportKind,
    path: PathBuf,
) -> CmdResult<PeopleImportReport> {
    off_main(app, move |ws| ws.import_people(kind, &path, &SystemClock)).await
}

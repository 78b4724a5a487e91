//! Cost-benefit: the case with both scenarios, its inputs, and the report (PDF or XLSX).

use crate::state::{off_main, AppState, CmdResult};
use sqm_core::clock::SystemClock;
use sqm_core::costbenefit::{CbParams, CostBenefit, StoredCost, StoredDriver};
use sqm_core::report::Lang;
use std::path::PathBuf;
use tauri::{AppHandle, State};

#[tauri::command]
pub async fn cost_benefit(app: AppHandle) -> CmdResult<CostBenefit> {
    off_main(app, |ws| ws.cost_benefit(&SystemClock)).await
}

#[tauri::command]
pub fn cb_params_set(state: State<AppState>, params: CbParams) -> CmdResult<()> {
    state.with(|ws| ws.set_cb_params(&params))
}

/// `cost.id` null creates; returns the id.
#[tauri::command]
pub fn cost_save(state: State<AppState>, cost: StoredCost) -> CmdResult<i64> {
    state.with(|ws| ws.save_cost(&cost))
}

#[tauri::command]
pub fn cost_delete(state: State<AppState>, id: i64) -> CmdResult<()> {
    state.with(|ws| ws.delete_cost(id))
}

#[tauri::command]
pub fn driver_save(state: State<AppState>, driver: StoredDriver) -> CmdResult<i64> {
    state.with(|ws| ws.save_driver(&driver))
}

#[tauri::command]
pub fn driver_delete(state: State<AppState>, id: i64) -> CmdResult<()> {
    state.with(|ws| ws.delete_driver(id))
}

/// Writes the cost-benefit report to `path`: PDF, or the tables as XLSX when it ends in .xlsx.
#[tauri::command]
pub async fn cost_benefit_export(app: AppHandle, lang: Lang, path: PathBuf) -> CmdResult<String> {
    off_main(app, move |ws| {
        let bytes = ws.cost_benefit_file(&path, lang, &SystemClock)?;
        sqm_core::atomic::write(&path, &bytes)?;
        Ok(path.display().to_string())
    })
    .await
}

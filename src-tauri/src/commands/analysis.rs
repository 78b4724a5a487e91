//! Breach analysis and drill-down: the tickets behind the figures.

use crate::state::{off_main, CmdResult};
use sqm_core::clock::SystemClock;
use sqm_core::domain::Quarter;
use sqm_core::metrics::{BreachReport, DrillResult};
use sqm_core::metrics::{DrillMeasure, DrillScope, MeasureOptions};
use tauri::AppHandle;

#[tauri::command]
pub async fn breaches(
    app: AppHandle,
    quarter: Option<Quarter>,
    options: Option<MeasureOptions>,
) -> CmdResult<BreachReport> {
    let options = options.unwrap_or_default();
    off_main(app, move |ws| ws.breaches(quarter, &options, &SystemClock)).await
}

#[tauri::command]
pub async fn drill(
    app: AppHandle,
    quarter: Option<Quarter>,
    scope: DrillScope,
    measure: DrillMeasure,
    options: Option<MeasureOptions>,
) -> CmdResult<DrillResult> {
    let options = options.unwrap_or_default();
    off_main(app, move |ws| {
        ws.drill(quarter, &scope, measure, &options, &SystemClock)
    })
    .await
}

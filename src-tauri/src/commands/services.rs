//! Services and their quality standards: create, edit, delete.

use crate::state::{AppState, CmdResult};
use sqm_core::domain::{QualityStandard, Service, ServiceInput, StandardInput};
use sqm_core::workspace::ServiceDetail;
use tauri::State;

#[tauri::command]
pub fn services_list(state: State<AppState>) -> CmdResult<Vec<ServiceDetail>> {
    state.with(|ws| ws.services())
}

#[tauri::command]
pub fn service_create(state: State<AppState>, input: ServiceInput) -> CmdResult<Service> {
    let today = chrono_today();
    state.with(|ws| ws.create_service(&input, today))
}

#[tauri::command]
pub fn service_update(state: State<AppState>, id: i64, input: ServiceInput) -> CmdResult<Service> {
    state.with(|ws| ws.update_service(id, &input))
}

/// `cascade`: the user confirmed deleting the service's tickets and responses with it.
#[tauri::command]
pub fn service_delete(state: State<AppState>, id: i64, cascade: bool) -> CmdResult<()> {
    state.with(|ws| ws.delete_service(id, cascade))
}

#[tauri::command]
pub fn standard_create(state: State<AppState>, input: StandardInput) -> CmdResult<QualityStandard> {
    state.with(|ws| ws.create_standard(&input))
}

#[tauri::command]
pub fn standard_update(
    state: State<AppState>,
    id: i64,
    input: StandardInput,
) -> CmdResult<QualityStandard> {
    state.with(|ws| ws.update_standard(id, &input))
}

#[tauri::command]
pub fn standard_delete(state: State<AppState>, id: i64) -> CmdResult<()> {
    state.with(|ws| ws.delete_standard(id))
}

fn chrono_today() -> sqm_core::domain::NaiveDate {
    use sqm_core::clock::{Clock, SystemClock};
    SystemClock.now().date()
}

//! The dashboard: one quarter's figures, checks and charts.

use crate::state::{AppState, CmdResult};
use sqm_core::clock::SystemClock;
use sqm_core::domain::Quarter;
use sqm_core::report::Lang;
use sqm_core::workspace::Dashboard;
use tauri::State;

#[tauri::command]
pub fn dashboard(state: State<AppState>, quarter: Option<Quarter>, lang: Lang) -> CmdResult<Dashboard> {
    state.with(|ws| ws.dashboard(quarter, lang, &SystemClock))
}

//! The dashboard: one quarter's figures, checks and charts.

use crate::state::{off_main, CmdResult};
use sqm_core::clock::SystemClock;
use sqm_core::domain::Quarter;
use sqm_core::report::Lang;
use sqm_core::workspace::Dashboard;
use tauri::AppHandle;

#[tauri::command]
pub async fn dashboard(
    app: AppHandle,
    quarter: Option<Quarter>,
    lang: Lang,
) -> CmdResult<Dashboard> {
    super::workspace::mark("dashboard_asked");
    let d = off_main(app, move |ws| ws.dashboard(quarter, lang, &SystemClock)).await;
    super::workspace::mark("dashboard_sent");
    d
}

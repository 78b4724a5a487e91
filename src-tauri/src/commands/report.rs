//! Export the quarterly review pack: the core returns bytes, the shell writes the file.

use crate::state::{AppState, CmdResult};
use sqm_core::clock::SystemClock;
use sqm_core::domain::Quarter;
use sqm_core::report::Lang;
use std::path::PathBuf;
use tauri::State;

#[tauri::command]
pub fn report_export(state: State<AppState>, quarter: Option<Quarter>, lang: Lang, path: PathBuf) -> CmdResult<String> {
    state.with(|ws| {
        let pdf = ws.quarterly_pack(quarter, lang, &SystemClock)?;
        std::fs::write(&path, pdf).map_err(|e| sqm_core::Error::io(&path, e))?;
        Ok(path.display().to_string())
    })
}

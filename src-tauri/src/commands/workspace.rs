//! File → New / Open / Save a copy, the demo workspace, and settings.

use crate::state::{AppState, CmdResult};
use sqm_core::workspace::{Settings, Workspace, WorkspaceInfo};
use std::path::PathBuf;
use tauri::State;

#[tauri::command]
pub fn app_state(state: State<AppState>) -> CmdResult<Option<WorkspaceInfo>> {
    match state.with(|ws| ws.info()) {
        Ok(info) => Ok(Some(info)),
        Err(e) if e.code == "no_workspace" => Ok(None),
        Err(e) => Err(e),
    }
}

#[tauri::command]
pub fn workspace_new(state: State<AppState>, path: PathBuf) -> CmdResult<WorkspaceInfo> {
    let ws = Workspace::create(&path).map_err(|e| e.to_ipc())?;
    state.set(ws);
    state.with(|ws| ws.info())
}

#[tauri::command]
pub fn workspace_open(state: State<AppState>, path: PathBuf) -> CmdResult<WorkspaceInfo> {
    let ws = Workspace::open(&path).map_err(|e| e.to_ipc())?;
    state.set(ws);
    state.with(|ws| ws.info())
}

#[tauri::command]
pub fn workspace_open_demo(state: State<AppState>) -> CmdResult<WorkspaceInfo> {
    let ws = state.open_demo_workspace().map_err(|e| e.to_ipc())?;
    state.set(ws);
    state.with(|ws| ws.info())
}

#[tauri::command]
pub fn workspace_save_copy(state: State<AppState>, path: PathBuf) -> CmdResult<()> {
    state.with(|ws| ws.save_copy(&path))
}

#[tauri::command]
pub fn settings_set(state: State<AppState>, settings: Settings) -> CmdResult<WorkspaceInfo> {
    state.with(|ws| {
        ws.set_settings(&settings)?;
        ws.info()
    })
}

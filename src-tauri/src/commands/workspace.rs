//! File → New / Open / Save a copy, the demo workspace, and settings.

use crate::state::{AppState, CmdResult};
use sqm_core::workspace::{Settings, Workspace, WorkspaceInfo};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;
use tauri::State;

static STARTED: OnceLock<Instant> = OnceLock::new();
/// Moments of the start (ms since the process started) that `app_ready` reports besides its own.
static MARKS: Mutex<Vec<(&str, f64)>> = Mutex::new(Vec::new());

/// Remembers when the process started, for `app_ready`.
pub fn mark_start() {
    STARTED.get_or_init(Instant::now);
}

fn since_start_ms() -> f64 {
    STARTED
        .get()
        .map_or(0.0, |s| s.elapsed().as_secs_f64() * 1000.0)
}

/// Notes that the start reached `what` now (the first time only), for `app_ready`.
pub fn mark(what: &'static str) {
    if let Ok(mut marks) = MARKS.lock() {
        if !marks.iter().any(|(w, _)| *w == what) {
            marks.push((what, since_start_ms()));
        }
    }
}

/// The UI has drawn its first dashboard: the tickets are read and judged for what comes next
/// (`AppState::warm_in_background`). For the benchmark (`make bench`): when
/// `SQM_BENCH_READY_FILE` names a file, writes `{"ready_ms": …}` (since process start) to it,
/// with the moments `mark` noted (`"prepared_ms"`: the first dashboard readied;
/// `"ui_first_call_ms"`: the webview's first command; `"dashboard_asked_ms"`,
/// `"dashboard_sent_ms"`).
#[tauri::command]
pub fn app_ready(state: State<AppState>) {
    // The first dashboard may have come from the kept figures: ready the tickets for what the
    // user opens next.
    state.warm_in_background();
    let Some(path) = std::env::var_os("SQM_BENCH_READY_FILE") else {
        return;
    };
    let mut json = format!("{{\"ready_ms\": {:.1}", since_start_ms());
    for (what, ms) in MARKS.lock().map(|m| m.clone()).unwrap_or_default() {
        json.push_str(&format!(", \"{what}_ms\": {ms:.1}"));
    }
    json.push('}');
    let _ = std::fs::write(path, json);
}

/// The open workspace, if any. Off the main thread: at start the workspace may still be
/// opening (an older one migrated, the demo created: seconds), and the window must stay drawn
/// and responsive, saying it is loading, until it is.
#[tauri::command]
pub async fn app_state(app: tauri::AppHandle) -> CmdResult<Option<WorkspaceInfo>> {
    mark("ui_first_call");
    match crate::state::off_main(app, |ws| ws.info()).await {
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

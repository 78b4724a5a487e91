//! The open workspace (at most one) and where the app remembers the last one opened.

use sqm_core::error::IpcError;
use sqm_core::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub struct AppState {
    /// Shared with the thread that prepares the first dashboard (`prepare_in_background`).
    ws: Arc<Mutex<Option<Workspace>>>,
    config_dir: PathBuf,
    data_dir: PathBuf,
}

pub type CmdResult<T> = Result<T, IpcError>;

pub fn no_workspace() -> IpcError {
    IpcError {
        code: "no_workspace".into(),
        message: "no workspace is open".into(),
        rows: None,
    }
}

impl AppState {
    pub fn new(config_dir: PathBuf, data_dir: PathBuf) -> Self {
        AppState {
            ws: Arc::default(),
            config_dir,
            data_dir,
        }
    }

    /// The state for these directories with the initial workspace open and its first dashboard
    /// being readied (`open_initial`, `prepare_in_background`).
    pub fn start(config_dir: PathBuf, data_dir: PathBuf) -> Self {
        let state = AppState::new(config_dir, data_dir);
        state.open_initial();
        state.prepare_in_background();
        state
    }

    /// Whether this state keeps its files in these directories.
    pub fn is_in(&self, config_dir: &Path, data_dir: &Path) -> bool {
        self.config_dir == config_dir && self.data_dir == data_dir
    }

    /// Readies the open workspace's first dashboard on a thread of its own
    /// (`Workspace::prepare_dashboard`). It takes the workspace at once: a command that comes
    /// meanwhile waits for it, then finds the figures ready.
    pub fn prepare_in_background(&self) {
        self.in_background("prepared", true, |ws| {
            ws.prepare_dashboard(&sqm_core::clock::SystemClock)
        });
    }

    /// Once the first dashboard is drawn: reads and judges the latest quarter's tickets on a
    /// thread of its own (`Workspace::warm_dashboard_window`), unless that was done before.
    pub fn warm_in_background(&self) {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            self.in_background("warmed", false, |ws| {
                ws.warm_dashboard_window(&sqm_core::clock::SystemClock)
            })
        });
    }

    /// Runs `f` on the open workspace on a new thread (`first`: which holds it from the moment
    /// this returns); notes `mark` for the benchmark when done.
    fn in_background(
        &self,
        mark: &'static str,
        first: bool,
        f: fn(&Workspace) -> sqm_core::Result<()>,
    ) {
        let ws = self.ws.clone();
        let (taken, wait) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let guard = ws.lock();
            let _ = taken.send(());
            if let Ok(guard) = guard {
                if let Some(ws) = guard.as_ref() {
                    let _ = f(ws);
                }
            }
            crate::commands::workspace::mark(mark);
        });
        if first {
            let _ = wait.recv();
        }
    }

    fn last_file(&self) -> PathBuf {
        self.config_dir.join("last-workspace.txt")
    }

    pub fn demo_path(&self) -> PathBuf {
        self.data_dir.join("demo.sqm")
    }

    /// At start: `SQM_WORKSPACE` if set, else the last workspace opened, else the demo workspace
    /// (created on first start so a newcomer sees a full dashboard at once).
    pub fn open_initial(&self) {
        let env = std::env::var_os("SQM_WORKSPACE").map(PathBuf::from);
        let last = std::fs::read_to_string(self.last_file())
            .ok()
            .map(|s| PathBuf::from(s.trim()));
        let chosen = env.or(last.filter(|p| p.exists()));
        let result = match chosen {
            Some(p) => Workspace::open(&p),
            None => self.open_demo_workspace(),
        };
        match result {
            Ok(ws) => self.set(ws),
            Err(e) => eprintln!("sqm: could not open a workspace at start: {e}"),
        }
    }

    pub fn open_demo_workspace(&self) -> sqm_core::Result<Workspace> {
        let path = self.demo_path();
        if path.exists() {
            return Workspace::open(&path);
        }
        std::fs::create_dir_all(&self.data_dir)
            .map_err(|e| sqm_core::Error::io(&self.data_dir, e))?;
        let ws = Workspace::create(&path)?;
        sqm_core::demo::populate(&ws, &sqm_core::demo::DemoSpec::default())?;
        Ok(ws)
    }

    /// Makes `ws` the open workspace and remembers it for the next start.
    pub fn set(&self, ws: Workspace) {
        remember(&self.config_dir, &self.last_file(), ws.path());
        if let Ok(mut guard) = self.ws.lock() {
            *guard = Some(ws);
        }
    }

    /// Runs `f` on the open workspace.
    pub fn with<T>(&self, f: impl FnOnce(&mut Workspace) -> sqm_core::Result<T>) -> CmdResult<T> {
        let mut guard = self.ws.lock().map_err(|_| IpcError {
            code: "internal".into(),
            message: "state lock poisoned".into(),
            rows: None,
        })?;
        let ws = guard.as_mut().ok_or_else(no_workspace)?;
        f(ws).map_err(|e| e.to_ipc())
    }
}

fn remember(dir: &Path, file: &Path, ws: &Path) {
    // Best effort: failing to remember only means the demo opens next time.
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(file, ws.display().to_string());
}

/// Runs `f` on the open workspace on a worker thread, so slow work (building a PDF, reading a
/// large file) never freezes the window.
pub async fn off_main<T: Send + 'static>(
    app: tauri::AppHandle,
    f: impl FnOnce(&mut Workspace) -> sqm_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    use tauri::Manager;
    tauri::async_runtime::spawn_blocking(move || app.state::<AppState>().with(f))
        .await
        .map_err(|e| IpcError {
            code: "internal".into(),
            message: e.to_string(),
            rows: None,
        })?
}

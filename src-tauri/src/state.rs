//! The open workspace (at most one) and where the app remembers the last one opened.

use sqm_core::error::IpcError;
use sqm_core::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub struct AppState {
    /// Shared with the threads that open it at start and ready or warm its first dashboard
    /// (`open_in_background`, `warm_in_background`).
    ws: Arc<Mutex<Option<Workspace>>>,
    dirs: Dirs,
}

/// Where the app keeps its files: the last workspace's name (config) and the demo (data).
#[derive(Clone)]
struct Dirs {
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
            dirs: Dirs {
                config_dir,
                data_dir,
            },
        }
    }

    /// The state for these directories, the workspace to start with being opened and its first
    /// dashboard readied (`open_in_background`).
    pub fn start(config_dir: PathBuf, data_dir: PathBuf) -> Self {
        let state = AppState::new(config_dir, data_dir);
        state.open_in_background();
        state
    }

    /// Whether this state keeps its files in these directories.
    pub fn is_in(&self, config_dir: &Path, data_dir: &Path) -> bool {
        self.dirs.config_dir == config_dir && self.dirs.data_dir == data_dir
    }

    /// Opens the workspace to start with (`Dirs::initial`) and readies its first dashboard
    /// (`Workspace::prepare_dashboard`) on a thread of its own, which holds the workspace from
    /// the moment this returns: the window opens meanwhile, saying it is loading, even when the
    /// opening takes seconds (an older workspace migrated, the demo created), and a command that
    /// comes meanwhile waits, then finds the figures ready.
    fn open_in_background(&self) {
        let dirs = self.dirs.clone();
        self.in_background("prepared", true, move |slot| {
            match dirs.initial() {
                Ok(ws) => {
                    dirs.remember(ws.path());
                    *slot = Some(ws);
                }
                Err(e) => eprintln!("sqm: could not open a workspace at start: {e}"),
            }
            if let Some(ws) = slot.as_ref() {
                let _ = ws.prepare_dashboard(&sqm_core::clock::SystemClock);
            }
        });
    }

    /// Once the first dashboard is drawn: reads and judges the latest quarter's tickets on a
    /// thread of its own (`Workspace::warm_dashboard_window`), unless that was done before.
    pub fn warm_in_background(&self) {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            self.in_background("warmed", false, |slot| {
                if let Some(ws) = slot.as_ref() {
                    let _ = ws.warm_dashboard_window(&sqm_core::clock::SystemClock);
                }
            })
        });
    }

    /// Runs `f` on the open workspace's place on a new thread (`first`: which holds it from the
    /// moment this returns); notes `mark` for the benchmark when done.
    fn in_background(
        &self,
        mark: &'static str,
        first: bool,
        f: impl FnOnce(&mut Option<Workspace>) + Send + 'static,
    ) {
        let ws = self.ws.clone();
        let (taken, wait) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let guard = ws.lock();
            let _ = taken.send(());
            if let Ok(mut guard) = guard {
                f(&mut guard);
            }
            crate::commands::workspace::mark(mark);
        });
        if first {
            let _ = wait.recv();
        }
    }

    pub fn open_demo_workspace(&self) -> sqm_core::Result<Workspace> {
        self.dirs.open_demo()
    }

    /// Makes `ws` the open workspace and remembers it for the next start.
    pub fn set(&self, ws: Workspace) {
        self.dirs.remember(ws.path());
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

impl Dirs {
    fn last_file(&self) -> PathBuf {
        self.config_dir.join("last-workspace.txt")
    }

    fn demo_path(&self) -> PathBuf {
        self.data_dir.join("demo.sqm")
    }

    /// Remembers `ws` as the workspace to open at the next start. Best effort: failing to
    /// remember only means the demo opens next time.
    fn remember(&self, ws: &Path) {
        let _ = std::fs::create_dir_all(&self.config_dir);
        let _ = std::fs::write(self.last_file(), ws.display().to_string());
    }

    /// At start: `SQM_WORKSPACE` if set, else the last workspace opened, else the demo
    /// workspace (created on first start so a newcomer sees a full dashboard at once).
    fn initial(&self) -> sqm_core::Result<Workspace> {
        let env = std::env::var_os("SQM_WORKSPACE").map(PathBuf::from);
        let last = std::fs::read_to_string(self.last_file())
            .ok()
            .map(|s| PathBuf::from(s.trim()));
        match env.or(last.filter(|p| p.exists())) {
            Some(p) => Workspace::open(&p),
            None => self.open_demo(),
        }
    }

    fn open_demo(&self) -> sqm_core::Result<Workspace> {
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

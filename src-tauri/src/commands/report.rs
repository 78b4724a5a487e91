//! Export the quarterly review pack: the core returns bytes, the shell writes the file.

use crate::state::{off_main, CmdResult};
use sqm_core::clock::SystemClock;
use sqm_core::domain::Quarter;
use sqm_core::report::Lang;
use std::path::PathBuf;
use tauri::AppHandle;

#[tauri::command]
pub async fn report_export(
    app: AppHandle,
    quarter: Option<Quarter>,
    lang: Lang,
    path: PathBuf,
) -> CmdResult<String> {
    off_main(app, move |ws| {
        let pdf = ws.quarterly_pack(quarter, lang, &SystemClock)?;
        sqm_core::atomic::write(&path, &pdf)?;
        Ok(path.display().to_string())
    })
    .await
}

//! Feedback and continual improvement: responses, interviews, complaints, review meetings, the
//! CSI register, the programme evaluation.

use crate::state::{off_main, AppState, CmdResult};
use sqm_core::clock::SystemClock;
use sqm_core::domain::Quarter;
use sqm_core::feedback::{FeedbackKind, FeedbackRecord};
use sqm_core::workspace::{Feedback, Programme};
use tauri::{AppHandle, State};

/// Everything on the Feedback and Improvement screens for a quarter (default: the latest).
#[tauri::command]
pub async fn feedback(app: AppHandle, quarter: Option<Quarter>) -> CmdResult<Feedback> {
    off_main(app, move |ws| ws.feedback(quarter, &SystemClock)).await
}

/// Creates (`id` null) or updates a record; returns its id.
#[tauri::command]
pub fn feedback_save(state: State<AppState>, record: FeedbackRecord) -> CmdResult<i64> {
    state.with(|ws| ws.save_feedback(&record))
}

/// Without `cascade`, a record others refer to is refused with code `in_use`.
#[tauri::command]
pub fn feedback_delete(
    state: State<AppState>,
    kind: FeedbackKind,
    id: i64,
    cascade: bool,
) -> CmdResult<()> {
    state.with(|ws| ws.delete_feedback(kind, id, cascade))
}

/// The programme evaluation's baseline quarter and targets.
#[tauri::command]
pub fn programme_set(state: State<AppState>, programme: Programme) -> CmdResult<()> {
    state.with(|ws| ws.set_programme(&programme))
}

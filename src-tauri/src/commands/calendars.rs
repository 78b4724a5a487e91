//! Business calendars: list, save, delete, month view, holidays from .ics.

use crate::state::{AppState, CmdResult};
use sqm_core::calendar::{CalendarDef, DayNote};
use sqm_core::store::StoredCalendar;
use sqm_core::workspace::{CalendarDay, Workspace};
use std::path::PathBuf;
use tauri::State;

#[tauri::command]
pub fn calendars_list(state: State<AppState>) -> CmdResult<Vec<StoredCalendar>> {
    state.with(|ws| ws.calendars())
}

/// `id` None creates a calendar.
#[tauri::command]
pub fn calendar_save(
    state: State<AppState>,
    id: Option<i64>,
    def: CalendarDef,
) -> CmdResult<StoredCalendar> {
    state.with(|ws| ws.save_calendar(id, &def))
}

#[tauri::command]
pub fn calendar_delete(state: State<AppState>, id: i64) -> CmdResult<()> {
    state.with(|ws| ws.delete_calendar(id))
}

/// The month view of a calendar as edited (it need not be saved yet).
#[tauri::command]
pub fn calendar_month(def: CalendarDef, year: i32, month: u32) -> CmdResult<Vec<CalendarDay>> {
    Workspace::calendar_month(&def, year, month).map_err(|e| e.to_ipc())
}

#[tauri::command]
pub fn calendar_ics(path: PathBuf) -> CmdResult<Vec<DayNote>> {
    Workspace::holidays_from_ics(&path).map_err(|e| e.to_ipc())
}

//! Service processes and the current-state assessment: the SOP library, the request process
//! measured (step times, process map), the questionnaire, assessments and respondents, the
//! survey import, and the files (questionnaire XLSX, SOP PDF).

use crate::state::{off_main, AppState, CmdResult};
use sqm_core::clock::SystemClock;
use sqm_core::domain::{NaiveDate, Quarter};
use sqm_core::process::{
    Assessment, AssessmentView, Process, ProcessDoc, ProcessQuery, ProcessView, Questionnaire,
    Respondent, SopVersion,
};
use sqm_core::report::Lang;
use sqm_core::workspace::{AssessmentImportPreview, AssessmentImportReport, AssessmentMapping};
use std::path::PathBuf;
use tauri::{AppHandle, State};

/// Every process with its versions (newest first) and the one in force today.
#[tauri::command]
pub fn processes(state: State<AppState>) -> CmdResult<Vec<ProcessDoc>> {
    state.with(|ws| ws.processes(&SystemClock))
}

/// `process.id` null creates; returns the id.
#[tauri::command]
pub fn process_save(state: State<AppState>, process: Process) -> CmdResult<i64> {
    state.with(|ws| ws.save_process(&process))
}

/// Deletes the process with its versions and their steps.
#[tauri::command]
pub fn process_delete(state: State<AppState>, id: i64) -> CmdResult<()> {
    state.with(|ws| ws.delete_process(id))
}

/// `version.id` null creates; the steps are replaced as a whole, in order; returns the id.
#[tauri::command]
pub fn sop_version_save(state: State<AppState>, version: SopVersion) -> CmdResult<i64> {
    state.with(|ws| ws.save_sop_version(&version))
}

/// A new version of the same process copied from version `id`; returns the new id.
#[tauri::command]
pub fn sop_version_duplicate(
    state: State<AppState>,
    id: i64,
    version: String,
    effective_from: NaiveDate,
) -> CmdResult<i64> {
    state.with(|ws| ws.duplicate_sop_version(id, &version, effective_from))
}

#[tauri::command]
pub fn sop_version_delete(state: State<AppState>, id: i64) -> CmdResult<()> {
    state.with(|ws| ws.delete_sop_version(id))
}

/// The request process over the tickets opened in the period: step times and process map.
#[tauri::command]
pub async fn process_view(app: AppHandle, query: ProcessQuery) -> CmdResult<ProcessView> {
    off_main(app, move |ws| ws.process_view(&query, &SystemClock)).await
}

#[tauri::command]
pub fn questionnaire(state: State<AppState>) -> CmdResult<Questionnaire> {
    state.with(|ws| ws.questionnaire())
}

/// Dimensions and items updated by id or added; the ones left out are deleted with their answers.
#[tauri::command]
pub fn questionnaire_save(state: State<AppState>, questionnaire: Questionnaire) -> CmdResult<()> {
    state.with(|ws| ws.save_questionnaire(&questionnaire))
}

/// `assessment.id` null creates; returns the id.
#[tauri::command]
pub fn assessment_save(state: State<AppState>, assessment: Assessment) -> CmdResult<i64> {
    state.with(|ws| ws.save_assessment(&assessment))
}

/// Deletes the assessment with its respondents and their answers.
#[tauri::command]
pub fn assessment_delete(state: State<AppState>, id: i64) -> CmdResult<()> {
    state.with(|ws| ws.delete_assessment(id))
}

#[tauri::command]
pub fn respondents(state: State<AppState>, assessment_id: i64) -> CmdResult<Vec<Respondent>> {
    state.with(|ws| ws.respondents(assessment_id))
}

/// `respondent.id` null creates; the answers are replaced as a whole; returns the id.
#[tauri::command]
pub fn respondent_save(
    state: State<AppState>,
    assessment_id: i64,
    respondent: Respondent,
) -> CmdResult<i64> {
    state.with(|ws| ws.save_respondent(assessment_id, &respondent))
}

#[tauri::command]
pub fn respondent_delete(state: State<AppState>, id: i64) -> CmdResult<()> {
    state.with(|ws| ws.delete_respondent(id))
}

/// The assessments scored against the baseline, with the evidence of `quarter` (null: the latest).
#[tauri::command]
pub async fn assessment_view(
    app: AppHandle,
    quarter: Option<Quarter>,
    lang: Lang,
) -> CmdResult<AssessmentView> {
    off_main(app, move |ws| {
        ws.assessment_view(quarter, lang, &SystemClock)
    })
    .await
}

/// A survey export's headers and rows, with the saved or guessed mapping.
#[tauri::command]
pub async fn assessment_import_preview(
    app: AppHandle,
    path: PathBuf,
) -> CmdResult<AssessmentImportPreview> {
    off_main(app, move |ws| ws.assessment_import_preview(&path)).await
}

/// Reads a survey export into an assessment: every row is written or none (`rejected_rows`).
#[tauri::command]
pub async fn assessment_import(
    app: AppHandle,
    path: PathBuf,
    assessment_id: i64,
    mapping: AssessmentMapping,
) -> CmdResult<AssessmentImportReport> {
    off_main(app, move |ws| {
        ws.import_assessment(&path, assessment_id, &mapping)
    })
    .await
}

/// Writes the questionnaire as XLSX to `path`; returns the path written.
#[tauri::command]
pub async fn questionnaire_export(app: AppHandle, path: PathBuf, lang: Lang) -> CmdResult<String> {
    off_main(app, move |ws| {
        let bytes = ws.questionnaire_xlsx(lang)?;
        sqm_core::atomic::write(&path, &bytes)?;
        Ok(path.display().to_string())
    })
    .await
}

/// Writes one SOP version (or, null, every SOP in force today) as PDF to `path`; returns the
/// path written.
#[tauri::command]
pub async fn sop_export(
    app: AppHandle,
    path: PathBuf,
    version_id: Option<i64>,
    lang: Lang,
) -> CmdResult<String> {
    off_main(app, move |ws| {
        let bytes = ws.sop_pdf(version_id, lang, &SystemClock)?;
        sqm_core::atomic::write(&path, &bytes)?;
        Ok(path.display().to_string())
    })
    .await
}

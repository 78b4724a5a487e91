//! The types that cross the IPC boundary to the UI, exported to TypeScript with ts-rs.
//! `ui/src/bindings/` is generated from this list (`make bindings`) and committed; a test fails
//! when the committed files drift from the Rust types.

use std::path::Path;
use ts_rs::TS;

/// Writes every IPC type (and the types they use) as `.ts` files into `dir`.
pub fn export_bindings(dir: &Path) -> Result<(), ts_rs::ExportError> {
    use crate::domain::*;
    use crate::import::*;
    use crate::workspace::*;
    // Counts and ids stay far below 2^53: JSON numbers, not bigint.
    let cfg = ts_rs::Config::new()
        .with_out_dir(dir)
        .with_large_int("number");
    crate::error::IpcError::export_all(&cfg)?;
    WorkspaceInfo::export_all(&cfg)?;
    Dashboard::export_all(&cfg)?;
    ServiceDetail::export_all(&cfg)?;
    ServiceInput::export_all(&cfg)?;
    StandardInput::export_all(&cfg)?;
    Settings::export_all(&cfg)?;
    ImportOptions::export_all(&cfg)?;
    ImportPreview::export_all(&cfg)?;
    ImportReport::export_all(&cfg)?;
    Progress::export_all(&cfg)?;
    RowError::export_all(&cfg)?;
    Quarter::export_all(&cfg)?;
    crate::report::Lang::export_all(&cfg)?;
    crate::calendar::CalendarDef::export_all(&cfg)?;
    crate::store::StoredCalendar::export_all(&cfg)?;
    CalendarDay::export_all(&cfg)?;
    crate::metrics::BreachReport::export_all(&cfg)?;
    crate::metrics::DrillResult::export_all(&cfg)?;
    crate::metrics::DrillScope::export_all(&cfg)?;
    crate::metrics::DrillMeasure::export_all(&cfg)?;
    crate::metrics::MeasureOptions::export_all(&cfg)?;
    crate::metrics::PeriodMetrics::export_all(&cfg)?;
    People::export_all(&cfg)?;
    crate::backup::BackupInfo::export_all(&cfg)?;
    crate::store::AuditEntry::export_all(&cfg)?;
    crate::costbenefit::CostBenefit::export_all(&cfg)?;
    crate::costbenefit::CbParams::export_all(&cfg)?;
    crate::costbenefit::StoredCost::export_all(&cfg)?;
    crate::costbenefit::StoredDriver::export_all(&cfg)?;
    Performance::export_all(&cfg)?;
    PeopleImportKind::export_all(&cfg)?;
    PeopleImportReport::export_all(&cfg)?;
    SurveyImportOptions::export_all(&cfg)?;
    SurveyImportReport::export_all(&cfg)?;
    crate::people::PeopleRecord::export_all(&cfg)?;
    crate::people::PeopleKind::export_all(&cfg)?;
    Feedback::export_all(&cfg)?;
    Programme::export_all(&cfg)?;
    crate::feedback::FeedbackRecord::export_all(&cfg)?;
    crate::feedback::FeedbackKind::export_all(&cfg)?;
    crate::store::NameMatch::export_all(&cfg)?;
    crate::export::TableData::export_all(&cfg)?;
    crate::process::ProcessDoc::export_all(&cfg)?;
    crate::process::Process::export_all(&cfg)?;
    crate::process::SopVersion::export_all(&cfg)?;
    crate::process::ProcessQuery::export_all(&cfg)?;
    crate::process::ProcessView::export_all(&cfg)?;
    crate::process::Questionnaire::export_all(&cfg)?;
    crate::process::Assessment::export_all(&cfg)?;
    crate::process::Respondent::export_all(&cfg)?;
    crate::process::AssessmentView::export_all(&cfg)?;
    AssessmentMapping::export_all(&cfg)?;
    AssessmentImportPreview::export_all(&cfg)?;
    AssessmentImportReport::export_all(&cfg)?;
    Ok(())
}

//! The Tauri shell: windows, dialogs and thin commands over `sqm_core::workspace::Workspace`.
//! Nothing here computes a figure; everything it shows comes from the core.

mod commands;
mod state;

use state::AppState;
use tauri::Manager;

pub fn run() {
    commands::workspace::mark_start();
    let context = tauri::generate_context!();
    // The workspace opens, and its first dashboard is readied (the figures kept from an earlier
    // start read back, or the tickets read, judged and counted), before Tauri and the webview
    // start: they take about 0.6 s before the webview asks for the dashboard. The directories
    // are those Tauri gives (`app.path()`), checked in `setup`.
    let identifier = &context.config().identifier;
    let early = dirs::config_dir()
        .zip(dirs::data_dir())
        .map(|(config, data)| AppState::start(config.join(identifier), data.join(identifier)));
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            let config_dir = app.path().app_config_dir()?;
            let data_dir = app.path().app_data_dir()?;
            let state = match early {
                Some(state) if state.is_in(&config_dir, &data_dir) => state,
                _ => AppState::start(config_dir, data_dir),
            };
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::workspace::app_state,
            commands::workspace::app_ready,
            commands::workspace::workspace_new,
            commands::workspace::workspace_open,
            commands::workspace::workspace_open_demo,
            commands::workspace::workspace_save_copy,
            commands::workspace::settings_set,
            commands::dashboard::dashboard,
            commands::services::services_list,
            commands::services::service_create,
            commands::services::service_update,
            commands::services::service_delete,
            commands::services::standard_create,
            commands::services::standard_update,
            commands::services::standard_delete,
            commands::import::import_preview,
            commands::import::import_run,
            commands::import::mapping_save,
            commands::report::report_export,
            commands::export::table_export,
            commands::export::chart_export,
            commands::calendars::calendars_list,
            commands::calendars::calendar_save,
            commands::calendars::calendar_delete,
            commands::calendars::calendar_month,
            commands::calendars::calendar_ics,
            commands::analysis::breaches,
            commands::analysis::drill,
            commands::people::people,
            commands::people::people_save,
            commands::people::people_delete,
            commands::people::name_match_save,
            commands::people::name_match_delete,
            commands::people::performance,
            commands::people::people_import,
            commands::survey::survey_import,
            commands::feedback::feedback,
            commands::feedback::feedback_save,
            commands::feedback::feedback_delete,
            commands::feedback::programme_set,
            commands::backups::backups_list,
            commands::backups::backup_now,
            commands::backups::backup_restore,
            commands::backups::audit_list,
            commands::backups::audit_restore,
            commands::backups::audit_export,
            commands::costbenefit::cost_benefit,
            commands::costbenefit::cb_params_set,
            commands::costbenefit::cost_save,
            commands::costbenefit::cost_delete,
            commands::costbenefit::driver_save,
            commands::costbenefit::driver_delete,
            commands::costbenefit::cost_benefit_export,
            commands::process::processes,
            commands::process::process_save,
            commands::process::process_delete,
            commands::process::sop_version_save,
            commands::process::sop_version_duplicate,
            commands::process::sop_version_delete,
            commands::process::process_view,
            commands::process::questionnaire,
            commands::process::questionnaire_save,
            commands::process::assessment_save,
            commands::process::assessment_delete,
            commands::process::respondents,
            commands::process::respondent_save,
            commands::process::respondent_delete,
            commands::process::assessment_view,
            commands::process::assessment_import_preview,
            commands::process::assessment_import,
            commands::process::questionnaire_export,
            commands::process::sop_export,
        ])
        .run(context)
        .expect("error while running SQM");
}

//! IPC commands: each a few lines that call the core and map errors to `{code, message}`.

pub mod analysis;
pub mod backups;
pub mod calendars;
pub mod costbenefit;
pub mod dashboard;
pub mod export;
pub mod feedback;
pub mod import;
pub mod people;
pub mod process;
pub mod report;
pub mod services;
pub mod survey;
pub mod workspace;

//! SQM integration tests: one binary, one module per area of the core (plus the CLI and IPC).

mod calendar;
mod charts;
mod cli;
mod costbenefit;
mod diskfull;
mod export;
mod feedback;
mod fuzz_regressions;
mod import;
mod ipc;
mod memo;
mod metrics;
mod people;
mod people_files;
mod process;
mod process_charts;
mod process_report;
mod process_store;
mod report;
mod security;
mod store;
mod support;
mod survey;

//! SQM integration tests: one binary, one module per area of the core (plus the CLI and IPC).

mod cli;
mod import;
mod ipc;
mod metrics;
mod store;
mod support;

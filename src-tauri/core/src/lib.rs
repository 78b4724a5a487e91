//! SQM engine: service-quality records, their store, importers, metrics, charts and reports.
//!
//! No Tauri here: the desktop shell and the `sqm` CLI both call into this crate and write
//! whatever bytes it returns.

pub mod atomic;
pub mod backup;
pub mod calendar;
pub mod charts;
pub mod clock;
pub mod costbenefit;
pub mod demo;
pub mod domain;
pub mod error;
pub mod export;
pub mod feedback;
pub mod fonts;
pub mod import;
pub mod ipc;
pub mod metrics;
pub mod people;
pub mod process;
pub mod report;
pub mod store;
pub mod workspace;

pub use error::{Error, Result};

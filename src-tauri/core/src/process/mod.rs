//! Service processes and the current-state assessment: the SOP library, the request process
//! measured step by step, the process map mined from status history, and the four-challenge
//! questionnaire. Pure: no SQL, no clock (see `store/process.rs` and `workspace/process.rs`).
//! The exact definitions are in SPEC.md, "Processes and current-state assessment".

pub mod assess;
pub mod charts;
pub mod defaults;
pub mod mining;
pub mod model;
pub mod steps;

pub use model::*;

//! Importers: one module per source format, all streaming, all-or-nothing per file.

mod model;

pub use model::*;

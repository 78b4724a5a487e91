//! Service-quality metrics as pure functions over rows: no SQL, no clock.

mod model;

pub use model::*;

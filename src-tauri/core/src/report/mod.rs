//! Reports: a report model in, PDF bytes out. No I/O.

mod model;

pub use model::{Lang, PackInput};

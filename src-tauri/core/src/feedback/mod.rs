//! Feedback and continual improvement: satisfaction responses, interviews, complaints, review
//! meetings and improvement actions (`model.rs`), and the pure calculations over them
//! (`calc.rs`: metric values, baseline comparison, programme evaluation, action results, the
//! review meeting's pre-fill, comment excerpts).

pub mod calc;
pub mod model;
pub mod view;

pub use calc::*;
pub use model::*;
pub use view::*;

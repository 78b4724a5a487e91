//! People and competence: roles and who holds them, competence requirements and assessments,
//! training with its measured effectiveness, rewards and penalties. Plain data and pure
//! calculations; the store reads and writes them, the workspace puts them together.

mod calc;
mod model;

pub use calc::*;
pub use model::*;

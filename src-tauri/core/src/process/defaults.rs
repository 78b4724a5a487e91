//! The library a new workspace starts with: the plan's five-step request process (zh/en) with
//! default step targets, skeletons for delivery, monitoring and evaluation, and the
//! four-challenge questionnaire (5 Likert items each).

use super::model::{Process, Questionnaire, SopVersion};

/// The default processes, each with its first version (process ids 0: filled in on insert).
pub fn library() -> Vec<(Process, SopVersion)> {
    todo!()
}

pub fn questionnaire() -> Questionnaire {
    todo!()
}

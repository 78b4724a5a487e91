//! Scores of the current-state assessment.

use super::model::{AssessmentScores, Questionnaire, Respondent};

/// Dimension score = (mean item score − 1) ÷ 4 × 100 over the answers given (reverse-scored
/// items count 6 − s), per group and overall; overall over every answer; gap = it − business.
pub fn scores(q: &Questionnaire, assessment_id: i64, respondents: &[Respondent]) -> AssessmentScores {
    let _ = (q, assessment_id, respondents);
    todo!()
}

//! Scores of the current-state assessment.

use std::collections::HashMap;

use super::model::{AssessmentScores, DimensionScore, Group, Questionnaire, Respondent};

/// Running sums of (item scores, answers) for one group or overall.
#[derive(Clone, Copy, Default)]
struct Tally {
    sum: u64,
    n: u64,
}

impl Tally {
    fn add(&mut self, score: u8) {
        self.sum += u64::from(score);
        self.n += 1;
    }
    /// (mean − 1) ÷ 4 × 100; None without answers.
    fn score(self) -> Option<f64> {
        (self.n > 0).then(|| (self.sum as f64 / self.n as f64 - 1.0) / 4.0 * 100.0)
    }
}

/// Dimension score = (mean item score − 1) ÷ 4 × 100 over the answers given (reverse-scored
/// items count 6 − s), per group and overall; overall over every answer; gap = it − business.
/// Answers to items that are not in the questionnaire, and scores outside 1–5, are ignored.
pub fn scores(
    q: &Questionnaire,
    assessment_id: i64,
    respondents: &[Respondent],
) -> AssessmentScores {
    // item id → (dimension index, reverse)
    let mut items: HashMap<i64, (usize, bool)> = HashMap::new();
    for (d, dim) in q.dimensions.iter().enumerate() {
        for item in &dim.items {
            if let Some(id) = item.id {
                items.insert(id, (d, item.reverse));
            }
        }
    }
    // per dimension: [it, business, overall]
    let mut tallies = vec![[Tally::default(); 3]; q.dimensions.len()];
    let mut all = Tally::default();
    let (mut it_n, mut business_n) = (0u64, 0u64);
    for r in respondents {
        let g = match r.group {
            Group::It => {
                it_n += 1;
                0
            }
            Group::Business => {
                business_n += 1;
                1
            }
        };
        for &(item_id, s) in &r.answers {
            let Some(&(d, reverse)) = items.get(&item_id) else {
                continue;
            };
            if !(1..=5).contains(&s) {
                continue;
            }
            let v = if reverse { 6 - s } else { s };
            tallies[d][g].add(v);
            tallies[d][2].add(v);
            all.add(v);
        }
    }
    let dimensions = q
        .dimensions
        .iter()
        .zip(&tallies)
        .map(|(dim, t)| {
            let it = t[0].score();
            let business = t[1].score();
            DimensionScore {
                dimension_id: dim.id.unwrap_or(0),
                code: dim.code.clone(),
                name_zh: dim.name_zh.clone(),
                name_en: dim.name_en.clone(),
                evidence: dim.evidence,
                overall: t[2].score(),
                it,
                business,
                gap: it.zip(business).map(|(a, b)| a - b),
                answers: t[2].n,
            }
        })
        .collect();
    AssessmentScores {
        assessment_id,
        respondents: respondents.len() as u64,
        it_respondents: it_n,
        business_respondents: business_n,
        dimensions,
        overall: all.score(),
    }
}

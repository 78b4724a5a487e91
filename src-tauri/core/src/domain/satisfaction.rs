//! Satisfaction responses: a score on a recorded scale, linked to a ticket or from a survey.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A score scale such as 1–5; "satisfied" means one of the top two points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Scale {
    pub min: i32,
    pub max: i32,
}

impl Scale {
    pub const FIVE: Scale = Scale { min: 1, max: 5 };

    pub fn is_satisfied(self, score: f64) -> bool {
        // Top two points of the scale (e.g. 4 and 5 of 1–5; yes of a 0–1 scale).
        if self.max - self.min <= 1 {
            score >= f64::from(self.max)
        } else {
            score >= f64::from(self.max - 1)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SatisfactionResponse {
    pub service_id: i64,
    /// The external key of the linked ticket, if any.
    pub ticket_key: Option<String>,
    pub responded_at: i64,
    pub score: f64,
    pub scale: Scale,
    pub comment: Option<String>,
    /// survey, interview, phone, ticket
    pub channel: String,
}

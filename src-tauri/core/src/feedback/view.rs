//! What the Feedback and Improvement screens and the pack's sections show for a quarter.

use super::calc::*;
use super::model::*;
use crate::domain::Quarter;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The programme evaluation's settings: the baseline quarter (None = the earliest quarter with
/// tickets) and the two targets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Programme {
    pub baseline: Option<Quarter>,
    pub targets: ProgrammeTargets,
}

/// Satisfaction of one service (or all, `service_id` None) in one quarter.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SatisfactionRow {
    pub service_id: Option<i64>,
    pub code: String,
    pub name: String,
    pub quarter: Quarter,
    pub responses: u64,
    pub csat: Option<f64>,
    pub mean_score: Option<f64>,
    pub response_rate: Option<f64>,
}

/// How a quarter's responses came in.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ChannelCount {
    pub channel: String,
    pub responses: u64,
    pub satisfied: u64,
}

/// Everything the Feedback and Improvement screens show for a quarter.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Feedback {
    pub quarter: Quarter,
    /// The quarter's responses, newest first (at most `store::RESPONSE_LIMIT`).
    pub responses: Vec<Response>,
    /// All of the quarter's responses, by channel.
    pub channels: Vec<ChannelCount>,
    pub interviews: Vec<Interview>,
    pub complaints: Vec<Complaint>,
    pub meetings: Vec<Meeting>,
    pub actions: Vec<ActionView>,
    /// Per service and overall, the quarter and the three before it.
    pub satisfaction: Vec<SatisfactionRow>,
    pub excerpts: Vec<Excerpts>,
    pub prefill: MeetingPrefill,
    pub programme: Programme,
    pub evaluation: Option<ProgrammeEvaluation>,
}

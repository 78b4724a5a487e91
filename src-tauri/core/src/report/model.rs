//! What a quarterly review pack is made from: the engine gathers it, the PDF writer lays it out.

use crate::domain::{ImportRun, QualityStandard, Service};
use crate::metrics::{QuarterMetrics, Targets};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "cn" | "chinese" => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct PackInput {
    pub organisation: String,
    pub lang: Lang,
    pub generated_at: NaiveDateTime,
    pub metrics: QuarterMetrics,
    /// The organisation's default targets (what the overall figures are judged against).
    pub targets: Targets,
    /// Each service with the service-wide standard in force at the end of the quarter.
    pub standards: Vec<(Service, Option<QualityStandard>)>,
    /// Every import into the workspace, newest first: the pack's "data sources".
    pub sources: Vec<ImportRun>,
}

//! What the metrics produce: figures per quarter, service and priority, standards checks, trends.
//! Percentages are 0–100; `None` means "not measured" (nothing to measure), never zero.

use crate::domain::Quarter;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Attainment {
    /// Tickets whose outcome against the target was decided in the period.
    pub measured: u64,
    pub met: u64,
    pub pct: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Figures {
    /// Tickets opened in the period.
    pub volume: u64,
    /// Tickets resolved in the period.
    pub resolved: u64,
    pub response: Attainment,
    pub resolution: Attainment,
    /// Share of responses in the top two points of their scale.
    pub csat: Option<f64>,
    pub responses: u64,
    /// Mean score, normalised to a 1–5 scale.
    pub mean_score: Option<f64>,
    /// Responses ÷ tickets resolved, as a percentage.
    pub response_rate: Option<f64>,
    pub median_resolution_hours: Option<f64>,
    pub p90_resolution_hours: Option<f64>,
    /// Share of resolved tickets reassigned at least once.
    pub reassignment_rate: Option<f64>,
    /// Share of resolved tickets reopened at least once.
    pub reopen_rate: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    Response,
    Resolution,
    Satisfaction,
}

/// Traffic light: green met, amber missed by less than 5 points, red missed by more, grey no data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Light {
    Green,
    Amber,
    Red,
    Grey,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Check {
    pub measure: Measure,
    /// Required share (0–100).
    pub required_pct: f64,
    /// The duration target in minutes (response and resolution only).
    pub target_minutes: Option<i64>,
    pub actual_pct: Option<f64>,
    pub met: Option<bool>,
    pub light: Light,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ServiceRow {
    pub service_id: i64,
    pub code: String,
    pub name: String,
    pub figures: Figures,
    pub checks: Vec<Check>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PriorityRow {
    /// `None`: tickets without a priority.
    pub priority: Option<String>,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TrendPoint {
    pub quarter: Quarter,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ServiceTrend {
    pub service_id: i64,
    pub code: String,
    pub name: String,
    pub points: Vec<TrendPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuarterMetrics {
    pub quarter: Quarter,
    pub overall: Figures,
    /// Overall figures against the organisation's default targets.
    pub overall_checks: Vec<Check>,
    pub services: Vec<ServiceRow>,
    pub priorities: Vec<PriorityRow>,
    /// The last 4 quarters ending with `quarter`, oldest first.
    pub trend: Vec<TrendPoint>,
    pub service_trends: Vec<ServiceTrend>,
    /// Service standards met / measured (response, resolution and satisfaction each count one).
    pub standards_met: u32,
    pub standards_measured: u32,
}

/// The organisation-wide default targets the overall figures are judged against.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Targets {
    pub response_minutes: i64,
    pub response_required_pct: f64,
    pub resolution_minutes: i64,
    pub resolution_required_pct: f64,
    pub satisfaction_target_pct: f64,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            response_minutes: 60,
            response_required_pct: 95.0,
            resolution_minutes: 24 * 60,
            resolution_required_pct: 90.0,
            satisfaction_target_pct: 80.0,
        }
    }
}

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
    /// Tickets whose outcome was still open at the period's end (or now): neither met nor
    /// breached yet, shown separately.
    pub running: u64,
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
    /// Share of tickets resolved in the period whose business resolution time was within the
    /// target of their standard.
    pub resolved_within_target_pct: Option<f64>,
    /// Mean reassignment and reopen counts over tickets resolved in the period.
    pub mean_reassignments: Option<f64>,
    pub mean_reopens: Option<f64>,
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
    /// The standard versions the quarter's outcomes were measured against, with ticket counts.
    pub applied: Vec<AppliedStandard>,
    /// How the times were measured (calendar override, pauses on or off).
    pub options: MeasureOptions,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AppliedStandard {
    pub standard_id: i64,
    /// Tickets whose response or resolution outcome fell in the quarter under this version.
    pub tickets: u64,
}

/// How durations are measured: each standard's calendar unless `calendar` names one for all,
/// and pauses from status history unless switched off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MeasureOptions {
    pub calendar: Option<String>,
    pub pauses: bool,
}

impl Default for MeasureOptions {
    fn default() -> Self {
        MeasureOptions {
            calendar: None,
            pauses: true,
        }
    }
}

/// What to group tickets by for `sqm metrics --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    Service,
    Priority,
    Team,
    Assignee,
    Category,
}

impl GroupBy {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "service" => GroupBy::Service,
            "priority" => GroupBy::Priority,
            "team" | "group" => GroupBy::Team,
            "assignee" => GroupBy::Assignee,
            "category" => GroupBy::Category,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Service => "service",
            GroupBy::Priority => "priority",
            GroupBy::Team => "team",
            GroupBy::Assignee => "assignee",
            GroupBy::Category => "category",
        }
    }
}

/// One group of `sqm metrics --by`: its key (`None`: tickets without a value) and figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GroupRow {
    pub key: Option<String>,
    #[serde(flatten)]
    pub figures: Figures,
}

/// Figures for any period `[from, to)`, overall and per group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PeriodMetrics {
    #[ts(type = "string")]
    pub from: chrono::NaiveDate,
    /// Exclusive end.
    #[ts(type = "string")]
    pub to: chrono::NaiveDate,
    pub by: GroupBy,
    pub options: MeasureOptions,
    pub overall: Figures,
    pub groups: Vec<GroupRow>,
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

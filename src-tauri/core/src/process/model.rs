//! Service processes and the current-state assessment as the app shows and edits them: SOPs
//! (processes, versions, steps), the request process measured step by step, the process map
//! mined from status history, and the four-challenge questionnaire with its assessments.
//! Plain data; the SQL is in `store/process.rs`, the calculations in `mining.rs`, `steps.rs`
//! and `assess.rs`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A ticket milestone that bounds a step of the request process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    /// Opened (submitted).
    Opened,
    /// First assignment to a person (event logs: the first update with `assigned_to`).
    Assigned,
    /// First response.
    Responded,
    Resolved,
    /// Closed: confirmed with the user.
    Closed,
    /// The first satisfaction response linked to the ticket.
    Feedback,
}

impl Milestone {
    pub const ALL: [Milestone; 6] = [
        Milestone::Opened,
        Milestone::Assigned,
        Milestone::Responded,
        Milestone::Resolved,
        Milestone::Closed,
        Milestone::Feedback,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Milestone::Opened => "opened",
            Milestone::Assigned => "assigned",
            Milestone::Responded => "responded",
            Milestone::Resolved => "resolved",
            Milestone::Closed => "closed",
            Milestone::Feedback => "feedback",
        }
    }
    pub fn parse(s: &str) -> Option<Milestone> {
        Milestone::ALL.into_iter().find(|m| m.as_str() == s)
    }
    /// Index into `TicketMilestones::at`.
    pub fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProcessKind {
    Request,
    Delivery,
    Monitoring,
    Evaluation,
    Other,
}

impl ProcessKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProcessKind::Request => "request",
            ProcessKind::Delivery => "delivery",
            ProcessKind::Monitoring => "monitoring",
            ProcessKind::Evaluation => "evaluation",
            ProcessKind::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<ProcessKind> {
        [
            ProcessKind::Request,
            ProcessKind::Delivery,
            ProcessKind::Monitoring,
            ProcessKind::Evaluation,
            ProcessKind::Other,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A documented process (table `processes`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Process {
    /// None when saving a new one.
    pub id: Option<i64>,
    /// Unique, e.g. "REQ".
    pub code: String,
    pub kind: ProcessKind,
    pub name_zh: String,
    pub name_en: String,
    pub description: String,
}

/// One step of an SOP version (table `sop_steps`; its position is its index in
/// `SopVersion::steps`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SopStep {
    pub name_zh: String,
    pub name_en: String,
    /// A role from the People screen, or None with `owner_text` as a free-text role.
    pub owner_role_id: Option<i64>,
    pub owner_text: String,
    pub inputs: String,
    pub outputs: String,
    /// Checklist items, one per entry.
    pub checklist: Vec<String>,
    /// Time target in business hours (> 0), if any.
    pub target_hours: Option<f64>,
    /// The milestones that bound the step; both Some for a step timed from tickets.
    pub from: Option<Milestone>,
    pub to: Option<Milestone>,
}

/// A version of a process's SOP (table `sop_versions`). The version in force on a date is the
/// one with the latest `effective_from` on or before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SopVersion {
    /// None when saving a new one.
    pub id: Option<i64>,
    pub process_id: i64,
    /// e.g. "1.0", unique within the process.
    pub version: String,
    #[ts(type = "string")]
    pub effective_from: NaiveDate,
    pub approver: String,
    #[ts(type = "string | null")]
    pub approved_on: Option<NaiveDate>,
    pub notes: String,
    /// States a ticket is expected to pass through, in order (conformance; process map order).
    /// States not listed are side states (e.g. waiting for the user).
    pub expected_states: Vec<String>,
    pub steps: Vec<SopStep>,
}

/// A process with all its versions, newest `effective_from` first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProcessDoc {
    pub process: Process,
    pub versions: Vec<SopVersion>,
    /// The id of the version in force today (or None when every version is in the future).
    pub in_force: Option<i64>,
}

// ---------------------------------------------------------------------------------------------
// The request process measured

/// One ticket's milestones, as local seconds (like every stored moment), indexed by
/// `Milestone::index()`. `resolution_missed`: whether it missed its resolution target (the
/// SLA evaluation), None when not decided.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketMilestones {
    pub at: [Option<i64>; 6],
    pub resolution_missed: Option<bool>,
}

/// The figures of one step over the tickets of a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StepFigures {
    /// Position in the SOP (0-based).
    pub pos: usize,
    pub name_zh: String,
    pub name_en: String,
    pub from: Option<Milestone>,
    pub to: Option<Milestone>,
    pub target_hours: Option<f64>,
    /// False when the step is not bound to two milestones or no ticket carries both: shown as
    /// "not measured", never as zero.
    pub measured: bool,
    /// Tickets with both milestones.
    pub tickets: u64,
    /// Business hours.
    pub median_hours: Option<f64>,
    pub p90_hours: Option<f64>,
    /// Share (0–100) of measured tickets within the step target; None without a target.
    pub within_target_pct: Option<f64>,
}

/// For tickets that missed the resolution target: the share of their (summed) business time
/// from opened to resolved spent in each step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BottleneckShare {
    pub pos: usize,
    pub name_zh: String,
    pub name_en: String,
    /// 0–100; None when the step is not measured.
    pub share_pct: Option<f64>,
    pub hours: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StepTimes {
    pub steps: Vec<StepFigures>,
    /// Tickets that missed the resolution target (the bottleneck's base).
    pub missed_tickets: u64,
    pub bottleneck: Vec<BottleneckShare>,
    /// Share of that time not covered by any measured step (missing milestones), 0–100.
    pub unaccounted_pct: Option<f64>,
    /// Resolved tickets with a linked satisfaction response ÷ resolved tickets, 0–100.
    pub feedback_coverage_pct: Option<f64>,
    pub resolved_tickets: u64,
}

// ---------------------------------------------------------------------------------------------
// The process map (directly-follows) from status history

/// One directly-follows edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Transition {
    pub from: String,
    pub to: String,
    /// Occurrences (a ticket looping counts each time).
    pub count: u64,
    /// Distinct tickets with it.
    pub cases: u64,
    /// Median wall-clock hours from the first event of the `from` run to the first event of
    /// the `to` run.
    pub median_hours: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Variant {
    pub path: Vec<String>,
    pub cases: u64,
    /// cases ÷ tickets with a path, 0–100.
    pub share_pct: f64,
    /// Whether this path conforms to the expected order.
    pub conforms: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProcessMap {
    /// Tickets with at least one state.
    pub cases: u64,
    pub events: u64,
    /// Nodes in left-to-right order: the expected states seen, in expected order, with each
    /// other state placed after the last expected state whose mean position in the paths is not
    /// above its own (several in one gap by mean position, then name).
    pub states: Vec<String>,
    /// Tickets whose path starts / ends at each state (same order as `states`).
    pub starts: Vec<u64>,
    pub ends: Vec<u64>,
    /// By count descending, then from/to.
    pub transitions: Vec<Transition>,
    /// By cases descending, then path.
    pub variants: Vec<Variant>,
    /// Conformance to `expected`, 0–100; None with no expected order or no cases.
    pub conformance_pct: Option<f64>,
    pub conforming_cases: u64,
    pub expected: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// The current-state assessment

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    Stability,
    Standardisation,
    Needs,
    Improvement,
    None,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Stability => "stability",
            Evidence::Standardisation => "standardisation",
            Evidence::Needs => "needs",
            Evidence::Improvement => "improvement",
            Evidence::None => "none",
        }
    }
    pub fn parse(s: &str) -> Option<Evidence> {
        [
            Evidence::Stability,
            Evidence::Standardisation,
            Evidence::Needs,
            Evidence::Improvement,
            Evidence::None,
        ]
        .into_iter()
        .find(|e| e.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    It,
    Business,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Item {
    pub id: Option<i64>,
    /// Unique, e.g. "Q1-3"; the column header a survey tool exports is mapped to it.
    pub code: String,
    pub text_zh: String,
    pub text_en: String,
    /// Reverse-scored: a score s counts as 6 − s.
    pub reverse: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Dimension {
    pub id: Option<i64>,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub evidence: Evidence,
    pub items: Vec<Item>,
}

/// The questionnaire: dimensions in order, each with its items in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Questionnaire {
    pub dimensions: Vec<Dimension>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Respondent {
    pub id: Option<i64>,
    /// The respondent's reference (survey row id or a name), unique within the assessment.
    pub r#ref: String,
    pub group: Group,
    /// (item id, score 1–5); unanswered items are absent.
    pub answers: Vec<(i64, u8)>,
}

/// One dated round of the questionnaire (in TypeScript `CurrentStateAssessment`, since
/// `Assessment` there is the People screen's competence assessment).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "CurrentStateAssessment")]
pub struct Assessment {
    pub id: Option<i64>,
    pub title: String,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub notes: String,
}

/// Scores 0–100: (mean item score − 1) ÷ 4 × 100 over the answers given (reverse items as 6 − s).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DimensionScore {
    pub dimension_id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub evidence: Evidence,
    pub overall: Option<f64>,
    pub it: Option<f64>,
    pub business: Option<f64>,
    /// it − business, in points.
    pub gap: Option<f64>,
    /// Answers counted (overall).
    pub answers: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AssessmentScores {
    pub assessment_id: i64,
    pub respondents: u64,
    pub it_respondents: u64,
    pub business_respondents: u64,
    pub dimensions: Vec<DimensionScore>,
    /// Over all answers of all dimensions.
    pub overall: Option<f64>,
}

/// The figure from the data that stands beside a dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EvidenceValue {
    pub evidence: Evidence,
    /// The headline value (stability: mean coefficient of variation, %; standardisation:
    /// conformance %; needs: CSAT %; improvement: share of actions closed with a measured
    /// result, %). None: not measurable from the data.
    pub value: Option<f64>,
    /// One line for people, e.g. "月度解决达成率变异系数均值 4.2%（最高 网络 9.1%）".
    pub text_zh: String,
    pub text_en: String,
}

/// One dimension of the assessment screen and the pack: baseline and latest scores side by side
/// with the evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DimensionRow {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub baseline: Option<DimensionScore>,
    pub latest: Option<DimensionScore>,
    /// latest.overall − baseline.overall, points.
    pub change: Option<f64>,
    pub evidence: EvidenceValue,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AssessmentSummary {
    pub assessment: Assessment,
    pub respondents: u64,
    pub it_respondents: u64,
    pub business_respondents: u64,
}

/// The current-state assessment: the earliest assessment is the baseline, the latest is now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AssessmentView {
    pub questionnaire: Questionnaire,
    /// Oldest first.
    pub assessments: Vec<AssessmentSummary>,
    pub baseline: Option<AssessmentScores>,
    pub latest: Option<AssessmentScores>,
    pub rows: Vec<DimensionRow>,
    /// The radar (baseline and latest overlaid), SVG for the screen.
    pub radar_svg: String,
}

/// What the process screen, the CLI and the pack measure: the request process of a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProcessQuery {
    /// First day of the period.
    #[ts(type = "string")]
    pub start: NaiveDate,
    /// Last day of the period (inclusive).
    #[ts(type = "string")]
    pub end: NaiveDate,
    pub service_id: Option<i64>,
    pub priority: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProcessView {
    pub query: ProcessQuery,
    /// The request process's SOP version in force at the period's end: "REQ v1.1".
    pub sop_label: String,
    pub step_times: StepTimes,
    pub map: ProcessMap,
    /// The process map chart, SVG for the screen.
    pub map_svg: String,
    /// Services and priorities present, for the filters: (id, name).
    pub services: Vec<(i64, String)>,
    pub priorities: Vec<String>,
}

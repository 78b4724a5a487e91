//! What a quarterly review pack is made from: the engine gathers it, the PDF writer lays it out.

use crate::domain::{ImportRun, QualityStandard, Service};
use crate::metrics::{BreachReport, QuarterMetrics, Targets};
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
    /// Each service with the standard versions its figures were measured against.
    pub standards: Vec<ServiceStandards>,
    /// Where the quarter's resolution breaches are, and the longest tickets.
    pub breaches: BreachReport,
    /// Every import into the workspace, newest first: the pack's "data sources".
    pub sources: Vec<ImportRun>,
    /// The "People and competence" section; None leaves it out.
    pub people: Option<PeopleInput>,
    /// The cost-benefit page of the summary; None leaves it out.
    pub cost_benefit: Option<crate::costbenefit::CostBenefit>,
    /// Feedback and improvement: the summary's programme evaluation, issues and decisions
    /// needed, and the satisfaction, complaints, actions and last-review sections.
    pub feedback: Option<FeedbackInput>,
    /// The service-process and current-state-assessment sections and the SOPs in the appendix;
    /// None leaves them out.
    pub process: Option<ProcessInput>,
}

/// What the process parts of the pack show (the app's Processes screen data for the quarter).
#[derive(Debug, Clone)]
pub struct ProcessInput {
    /// The request process measured over the quarter (all services and priorities).
    pub view: crate::process::ProcessView,
    /// None without any assessment.
    pub assessment: Option<crate::process::AssessmentView>,
    /// The SOPs in force at the quarter's end, with their owner roles' names by role id.
    pub sops: Vec<(crate::process::Process, crate::process::SopVersion)>,
    pub role_names: std::collections::HashMap<i64, String>,
}

/// What the feedback and improvement parts of the pack show (the app's Feedback screen data).
#[derive(Debug, Clone)]
pub struct FeedbackInput {
    /// Name individual people (action owners, attendees); else their teams.
    pub names: bool,
    pub data: crate::feedback::Feedback,
    /// (id, code, name) of every service.
    pub services: Vec<(i64, String, String)>,
    /// (id, name, team) of every staff member.
    pub staff: Vec<(i64, String, String)>,
}

/// What the "People and competence" section shows, as of the quarter's last day.
#[derive(Debug, Clone)]
pub struct PeopleInput {
    /// Name individual people (role holders, rewards, performance); else teams only.
    pub names: bool,
    pub roles: Vec<crate::people::Role>,
    pub staff: Vec<crate::people::Staff>,
    pub courses: Vec<crate::people::Course>,
    pub rewards: Vec<crate::people::Reward>,
    pub matrix: crate::people::CompetenceMatrix,
    pub due: Vec<crate::people::DueCourse>,
    /// The quarter and the ones before it, oldest first.
    pub training: Vec<crate::people::TrainingQuarter>,
    pub teams: Vec<crate::people::PerformanceRow>,
    pub persons: Vec<crate::people::PerformanceRow>,
}

/// One service's standard versions for the appendix.
#[derive(Debug, Clone)]
pub struct ServiceStandards {
    pub service: Service,
    /// Every version whose outcomes fell in the quarter, each with its ticket count; when none
    /// did, the service-wide version in force at the quarter's end with 0 tickets; empty when
    /// the service has no standard at all.
    pub versions: Vec<AppliedVersion>,
}

/// A standard version and the tickets whose response or resolution outcome in the quarter was
/// measured against it.
#[derive(Debug, Clone)]
pub struct AppliedVersion {
    pub standard: QualityStandard,
    pub tickets: u64,
}

//! The feedback and improvement records as the app shows and edits them: survey responses
//! entered by hand, interviews, complaints, review meetings and improvement actions (the CSI
//! register). Plain data, validated here; the SQL is in `store/feedback.rs`.

use crate::domain::Quarter;
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The metrics an improvement action can target and the programme evaluation compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MetricKey {
    /// Response attainment, % of tickets responded within the target.
    ResponseAttainment,
    /// Resolution attainment, %.
    ResolutionAttainment,
    /// CSAT, % of responses in the top two points of their scale.
    Csat,
    /// Mean score on a 1–5 scale.
    MeanScore,
    /// Responses ÷ resolved tickets, %.
    ResponseRate,
    MedianResolutionHours,
    P90ResolutionHours,
    /// Share of resolved tickets reassigned at least once, %.
    ReassignmentRate,
    /// Share of resolved tickets reopened at least once, %.
    ReopenRate,
    /// Tickets opened.
    Volume,
    /// Tickets resolved per person who resolved tickets in the period.
    ResolvedPerStaff,
    /// Complaints received.
    Complaints,
}

impl MetricKey {
    pub const ALL: [MetricKey; 12] = [
        MetricKey::ResponseAttainment,
        MetricKey::ResolutionAttainment,
        MetricKey::Csat,
        MetricKey::MeanScore,
        MetricKey::ResponseRate,
        MetricKey::MedianResolutionHours,
        MetricKey::P90ResolutionHours,
        MetricKey::ReassignmentRate,
        MetricKey::ReopenRate,
        MetricKey::Volume,
        MetricKey::ResolvedPerStaff,
        MetricKey::Complaints,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MetricKey::ResponseAttainment => "response_attainment",
            MetricKey::ResolutionAttainment => "resolution_attainment",
            MetricKey::Csat => "csat",
            MetricKey::MeanScore => "mean_score",
            MetricKey::ResponseRate => "response_rate",
            MetricKey::MedianResolutionHours => "median_resolution_hours",
            MetricKey::P90ResolutionHours => "p90_resolution_hours",
            MetricKey::ReassignmentRate => "reassignment_rate",
            MetricKey::ReopenRate => "reopen_rate",
            MetricKey::Volume => "volume",
            MetricKey::ResolvedPerStaff => "resolved_per_staff",
            MetricKey::Complaints => "complaints",
        }
    }

    pub fn parse(s: &str) -> Option<MetricKey> {
        MetricKey::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether a higher value is better (`Some(true)`), worse (`Some(false)`) or neither
    /// (volume).
    pub fn higher_is_better(self) -> Option<bool> {
        match self {
            MetricKey::ResponseAttainment
            | MetricKey::ResolutionAttainment
            | MetricKey::Csat
            | MetricKey::MeanScore
            | MetricKey::ResponseRate
            | MetricKey::ResolvedPerStaff => Some(true),
            MetricKey::MedianResolutionHours
            | MetricKey::P90ResolutionHours
            | MetricKey::ReassignmentRate
            | MetricKey::ReopenRate
            | MetricKey::Complaints => Some(false),
            MetricKey::Volume => None,
        }
    }

    /// Percentages (0–100) are compared in points as well as relatively.
    pub fn is_pct(self) -> bool {
        matches!(
            self,
            MetricKey::ResponseAttainment
                | MetricKey::ResolutionAttainment
                | MetricKey::Csat
                | MetricKey::ResponseRate
                | MetricKey::ReassignmentRate
                | MetricKey::ReopenRate
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    Open,
    Investigating,
    Resolved,
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Review,
    Complaint,
    Breach,
    Audit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Cancelled,
}

macro_rules! str_enum {
    ($t:ty { $($v:ident => $s:literal),* $(,)? }) => {
        impl $t {
            pub fn as_str(self) -> &'static str {
                match self { $(<$t>::$v => $s),* }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(<$t>::$v),)* _ => None }
            }
        }
    };
}
str_enum!(Severity { Low => "low", Medium => "medium", High => "high", Critical => "critical" });
str_enum!(ComplaintStatus {
    Open => "open", Investigating => "investigating", Resolved => "resolved", Closed => "closed"
});
str_enum!(Origin { Review => "review", Complaint => "complaint", Breach => "breach", Audit => "audit" });
str_enum!(ActionStatus {
    Open => "open", InProgress => "in_progress", Done => "done", Cancelled => "cancelled"
});

/// A satisfaction response as the Feedback screen lists and edits it (imported or entered).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Response {
    pub id: i64,
    pub service_id: i64,
    /// ticket (a rating on a ticket), survey, interview, phone, email …
    pub channel: String,
    /// Where it came from: an import source (servicenow, jira, survey) or manual.
    pub source: String,
    #[ts(type = "string")]
    pub responded_on: NaiveDate,
    pub score: f64,
    pub scale_min: i32,
    pub scale_max: i32,
    pub satisfied: bool,
    pub comment: String,
    /// External key of the linked ticket ('' = none).
    pub ticket_key: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Interview {
    pub id: i64,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub department: String,
    pub interviewee: String,
    pub service_id: Option<i64>,
    pub notes: String,
    /// The interviewer's judgement of satisfaction, 1 (very dissatisfied) – 5 (very satisfied).
    pub judgement: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Complaint {
    pub id: i64,
    #[ts(type = "string")]
    pub received_on: NaiveDate,
    pub service_id: Option<i64>,
    /// phone, email, in_person, survey, letter, other
    pub channel: String,
    pub severity: Severity,
    pub description: String,
    /// Estimated loss in cents, when known.
    pub loss_cents: Option<i64>,
    pub status: ComplaintStatus,
    pub resolution: String,
    #[ts(type = "string | null")]
    pub resolved_on: Option<NaiveDate>,
    /// External key of the linked ticket ('' = none).
    pub ticket_key: String,
    /// The improvement action raised for it.
    pub action_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Meeting {
    pub id: i64,
    /// The quarter under review.
    pub quarter: Quarter,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub title: String,
    /// Staff ids.
    pub attendees: Vec<i64>,
    pub findings: String,
    /// One decision per line.
    pub decisions: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Action {
    pub id: i64,
    /// Register number, e.g. CSI-007.
    pub code: String,
    pub title: String,
    pub description: String,
    pub origin: Origin,
    /// The review meeting that decided it (origin review).
    pub meeting_id: Option<i64>,
    pub owner_staff_id: Option<i64>,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    pub status: ActionStatus,
    /// When it was done (status done).
    #[ts(type = "string | null")]
    pub done_on: Option<NaiveDate>,
    /// The metric it targets, on one service or (None) all.
    pub metric: Option<MetricKey>,
    pub service_id: Option<i64>,
    pub baseline_quarter: Option<Quarter>,
    pub baseline_value: Option<f64>,
    pub target_value: Option<f64>,
}

/// One record to save: `id` None inserts, Some updates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "record", rename_all = "snake_case")]
pub enum FeedbackRecord {
    Response {
        id: Option<i64>,
        service_id: i64,
        channel: String,
        #[ts(type = "string")]
        responded_on: NaiveDate,
        score: f64,
        scale_min: i32,
        scale_max: i32,
        comment: String,
        ticket_key: String,
    },
    Interview {
        id: Option<i64>,
        #[ts(type = "string")]
        held_on: NaiveDate,
        department: String,
        interviewee: String,
        service_id: Option<i64>,
        notes: String,
        judgement: u8,
    },
    Complaint {
        id: Option<i64>,
        #[ts(type = "string")]
        received_on: NaiveDate,
        service_id: Option<i64>,
        channel: String,
        severity: Severity,
        description: String,
        loss_cents: Option<i64>,
        status: ComplaintStatus,
        resolution: String,
        #[ts(type = "string | null")]
        resolved_on: Option<NaiveDate>,
        ticket_key: String,
        action_id: Option<i64>,
    },
    Meeting {
        id: Option<i64>,
        quarter: Quarter,
        #[ts(type = "string")]
        held_on: NaiveDate,
        title: String,
        attendees: Vec<i64>,
        findings: String,
        decisions: String,
    },
    Action {
        id: Option<i64>,
        /// '' = the next free CSI-nnn.
        code: String,
        title: String,
        description: String,
        origin: Origin,
        meeting_id: Option<i64>,
        owner_staff_id: Option<i64>,
        #[ts(type = "string")]
        due_on: NaiveDate,
        status: ActionStatus,
        #[ts(type = "string | null")]
        done_on: Option<NaiveDate>,
        metric: Option<MetricKey>,
        service_id: Option<i64>,
        baseline_quarter: Option<Quarter>,
        baseline_value: Option<f64>,
        target_value: Option<f64>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackKind {
    Response,
    Interview,
    Complaint,
    Meeting,
    Action,
}

impl FeedbackKind {
    pub fn table(self) -> &'static str {
        match self {
            FeedbackKind::Response => "satisfaction_responses",
            FeedbackKind::Interview => "interviews",
            FeedbackKind::Complaint => "complaints",
            FeedbackKind::Meeting => "review_meetings",
            FeedbackKind::Action => "improvement_actions",
        }
    }
    pub fn noun(self) -> &'static str {
        match self {
            FeedbackKind::Response => "satisfaction response",
            FeedbackKind::Interview => "interview",
            FeedbackKind::Complaint => "complaint",
            FeedbackKind::Meeting => "review meeting",
            FeedbackKind::Action => "improvement action",
        }
    }
}

const MAX_TEXT: usize = 20_000;

fn text(field: &str, v: &str, required: bool) -> Result<()> {
    if required && v.trim().is_empty() {
        return Err(Error::Invalid(format!("{field}: empty")));
    }
    if v.chars().count() > MAX_TEXT {
        return Err(Error::Invalid(format!(
            "{field}: longer than {MAX_TEXT} characters"
        )));
    }
    Ok(())
}

fn finite(field: &str, v: Option<f64>) -> Result<()> {
    match v {
        Some(x) if !x.is_finite() => Err(Error::Invalid(format!("{field}: not a number"))),
        _ => Ok(()),
    }
}

impl FeedbackRecord {
    pub fn kind(&self) -> FeedbackKind {
        match self {
            FeedbackRecord::Response { .. } => FeedbackKind::Response,
            FeedbackRecord::Interview { .. } => FeedbackKind::Interview,
            FeedbackRecord::Complaint { .. } => FeedbackKind::Complaint,
            FeedbackRecord::Meeting { .. } => FeedbackKind::Meeting,
            FeedbackRecord::Action { .. } => FeedbackKind::Action,
        }
    }

    pub fn id(&self) -> Option<i64> {
        match self {
            FeedbackRecord::Response { id, .. }
            | FeedbackRecord::Interview { id, .. }
            | FeedbackRecord::Complaint { id, .. }
            | FeedbackRecord::Meeting { id, .. }
            | FeedbackRecord::Action { id, .. } => *id,
        }
    }

    /// Refuses values the store must never hold, naming the field.
    pub fn validate(&self) -> Result<()> {
        match self {
            FeedbackRecord::Response {
                channel,
                score,
                scale_min,
                scale_max,
                comment,
                ticket_key,
                ..
            } => {
                text("channel", channel, true)?;
                text("comment", comment, false)?;
                text("ticket", ticket_key, false)?;
                if scale_max <= scale_min {
                    return Err(Error::Invalid(format!(
                        "scale: {scale_min}–{scale_max} is not a scale (the top must be above the bottom)"
                    )));
                }
                if !score.is_finite()
                    || *score < f64::from(*scale_min)
                    || *score > f64::from(*scale_max)
                {
                    return Err(Error::Invalid(format!(
                        "score: {score} is outside the scale {scale_min}–{scale_max}"
                    )));
                }
            }
            FeedbackRecord::Interview {
                department,
                interviewee,
                notes,
                judgement,
                ..
            } => {
                text("department", department, true)?;
                text("interviewee", interviewee, false)?;
                text("notes", notes, false)?;
                if !(1..=5).contains(judgement) {
                    return Err(Error::Invalid(format!(
                        "judgement: {judgement} is not between 1 and 5"
                    )));
                }
            }
            FeedbackRecord::Complaint {
                received_on,
                channel,
                description,
                loss_cents,
                resolution,
                resolved_on,
                ticket_key,
                ..
            } => {
                text("channel", channel, true)?;
                text("description", description, true)?;
                text("resolution", resolution, false)?;
                text("ticket", ticket_key, false)?;
                if loss_cents.is_some_and(|c| c < 0) {
                    return Err(Error::Invalid("loss: negative".into()));
                }
                if resolved_on.is_some_and(|r| r < *received_on) {
                    return Err(Error::Invalid(
                        "resolved on: before the complaint was received".into(),
                    ));
                }
            }
            FeedbackRecord::Meeting {
                title,
                findings,
                decisions,
                ..
            } => {
                text("title", title, true)?;
                text("findings", findings, false)?;
                text("decisions", decisions, false)?;
            }
            FeedbackRecord::Action {
                code,
                title,
                description,
                status,
                done_on,
                metric,
                baseline_value,
                target_value,
                ..
            } => {
                text("code", code, false)?;
                text("title", title, true)?;
                text("description", description, false)?;
                finite("baseline value", *baseline_value)?;
                finite("target value", *target_value)?;
                if *status == ActionStatus::Done && done_on.is_none() {
                    return Err(Error::Invalid(
                        "done on: required when the action is done".into(),
                    ));
                }
                if metric.is_none() && target_value.is_some() {
                    return Err(Error::Invalid(
                        "target value: choose the metric it targets first".into(),
                    ));
                }
            }
        }
        Ok(())
    }
}

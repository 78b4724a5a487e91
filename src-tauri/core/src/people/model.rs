//! The people records as the app shows and edits them. Plain data, validated here.

use crate::metrics::Figures;
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Role {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub duties_zh: String,
    pub duties_en: String,
    pub team: String,
    /// One of the plan's three roles: editable, not deletable.
    pub builtin: bool,
    pub requirements: Vec<Requirement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Requirement {
    pub id: i64,
    pub role_id: i64,
    pub competence: String,
    /// Required level, 1–5.
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Staff {
    pub id: i64,
    /// Employee number (工号): the key staff lists and attendance lists use.
    pub code: String,
    pub name: String,
    pub team: String,
    pub contact: String,
    pub active: bool,
    pub assignments: Vec<Assignment>,
    pub assessments: Vec<Assessment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Assignment {
    pub id: i64,
    pub staff_id: i64,
    pub role_id: i64,
    #[ts(type = "string")]
    pub from: NaiveDate,
    /// Inclusive last day; None = still held.
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
}

impl Assignment {
    pub fn holds_on(&self, d: NaiveDate) -> bool {
        self.from <= d && self.to.is_none_or(|t| d <= t)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Assessment {
    pub id: i64,
    pub staff_id: i64,
    pub competence: String,
    /// Assessed level, 0–5.
    pub level: u8,
    #[ts(type = "string")]
    pub assessed_on: NaiveDate,
    pub assessor: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Course {
    pub id: i64,
    pub code: String,
    pub topic: String,
    /// The competence the course builds ('' = none named).
    pub competence: String,
    pub hours: f64,
    /// Cost per session in cents (exact money).
    pub cost_cents: i64,
    pub provider: String,
    pub sessions: Vec<Session>,
    pub effectiveness: Effectiveness,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Session {
    pub id: i64,
    pub course_id: i64,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub trainer: String,
    pub place: String,
    pub attendance: Vec<Attendance>,
    pub effectiveness: Effectiveness,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Attendance {
    pub id: i64,
    pub session_id: i64,
    pub staff_id: i64,
    /// False: registered for the session (planned), not attended.
    pub attended: bool,
    pub pre: Option<f64>,
    pub post: Option<f64>,
}

/// Training effectiveness: the measured change in assessment scores, not attendance alone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Effectiveness {
    /// Attendees who attended.
    pub attended: u32,
    /// Attended with both a pre- and a post-assessment score: the ones measured.
    pub assessed: u32,
    pub mean_pre: Option<f64>,
    pub mean_post: Option<f64>,
    /// Mean of (post − pre) over the assessed, in score points.
    pub mean_gain: Option<f64>,
    /// Share of the assessed whose post score is above their pre score, in %.
    pub improved_pct: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum RewardKind {
    Reward,
    Penalty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    Metric,
    Ticket,
    Complaint,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Reward {
    pub id: i64,
    pub staff_id: i64,
    #[ts(type = "string")]
    pub awarded_on: NaiveDate,
    pub kind: RewardKind,
    /// Money in cents, if any.
    pub amount_cents: Option<i64>,
    pub points: Option<i64>,
    pub reason: String,
    pub link_kind: Option<LinkKind>,
    /// The metric name, ticket number or complaint reference.
    pub link_ref: String,
}

/// One record to create (`id` None) or update, as the UI and the importers send it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "record", rename_all = "snake_case")]
pub enum PeopleRecord {
    Role {
        id: Option<i64>,
        code: String,
        name_zh: String,
        name_en: String,
        duties_zh: String,
        duties_en: String,
        team: String,
    },
    Requirement {
        id: Option<i64>,
        role_id: i64,
        competence: String,
        level: u8,
    },
    Staff {
        id: Option<i64>,
        code: String,
        name: String,
        team: String,
        contact: String,
        active: bool,
    },
    Assignment {
        id: Option<i64>,
        staff_id: i64,
        role_id: i64,
        #[ts(type = "string")]
        from: NaiveDate,
        #[ts(type = "string | null")]
        to: Option<NaiveDate>,
    },
    Assessment {
        id: Option<i64>,
        staff_id: i64,
        competence: String,
        level: u8,
        #[ts(type = "string")]
        assessed_on: NaiveDate,
        assessor: String,
    },
    Course {
        id: Option<i64>,
        code: String,
        topic: String,
        competence: String,
        hours: f64,
        cost_cents: i64,
        provider: String,
    },
    Session {
        id: Option<i64>,
        course_id: i64,
        #[ts(type = "string")]
        held_on: NaiveDate,
        trainer: String,
        place: String,
    },
    Attendance {
        id: Option<i64>,
        session_id: i64,
        staff_id: i64,
        attended: bool,
        pre: Option<f64>,
        post: Option<f64>,
    },
    Reward {
        id: Option<i64>,
        staff_id: i64,
        #[ts(type = "string")]
        awarded_on: NaiveDate,
        kind: RewardKind,
        amount_cents: Option<i64>,
        points: Option<i64>,
        reason: String,
        link_kind: Option<LinkKind>,
        link_ref: String,
    },
}

/// The kinds of record, for deleting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PeopleKind {
    Role,
    Requirement,
    Staff,
    Assignment,
    Assessment,
    Course,
    Session,
    Attendance,
    Reward,
}

impl PeopleKind {
    pub fn table(self) -> &'static str {
        match self {
            PeopleKind::Role => "roles",
            PeopleKind::Requirement => "competence_requirements",
            PeopleKind::Staff => "staff",
            PeopleKind::Assignment => "role_assignments",
            PeopleKind::Assessment => "competence_assessments",
            PeopleKind::Course => "courses",
            PeopleKind::Session => "training_sessions",
            PeopleKind::Attendance => "attendance",
            PeopleKind::Reward => "rewards",
        }
    }
    pub fn noun(self) -> &'static str {
        match self {
            PeopleKind::Role => "role",
            PeopleKind::Requirement => "competence requirement",
            PeopleKind::Staff => "staff member",
            PeopleKind::Assignment => "role assignment",
            PeopleKind::Assessment => "assessment",
            PeopleKind::Course => "course",
            PeopleKind::Session => "training session",
            PeopleKind::Attendance => "attendance",
            PeopleKind::Reward => "reward or penalty",
        }
    }
}

fn need(field: &str, v: &str) -> Result<()> {
    if v.trim().is_empty() {
        return Err(Error::Invalid(format!("{field}: empty")));
    }
    Ok(())
}

fn score(field: &str, v: Option<f64>) -> Result<()> {
    match v {
        Some(s) if !(0.0..=100.0).contains(&s) || s.is_nan() => {
            Err(Error::Invalid(format!("{field}: {s} is outside 0–100")))
        }
        _ => Ok(()),
    }
}

impl PeopleRecord {
    pub fn kind(&self) -> PeopleKind {
        match self {
            PeopleRecord::Role { .. } => PeopleKind::Role,
            PeopleRecord::Requirement { .. } => PeopleKind::Requirement,
            PeopleRecord::Staff { .. } => PeopleKind::Staff,
            PeopleRecord::Assignment { .. } => PeopleKind::Assignment,
            PeopleRecord::Assessment { .. } => PeopleKind::Assessment,
            PeopleRecord::Course { .. } => PeopleKind::Course,
            PeopleRecord::Session { .. } => PeopleKind::Session,
            PeopleRecord::Attendance { .. } => PeopleKind::Attendance,
            PeopleRecord::Reward { .. } => PeopleKind::Reward,
        }
    }

    /// Checks the fields; the message names the field and the value.
    pub fn validate(&self) -> Result<()> {
        match self {
            PeopleRecord::Role {
                code,
                name_zh,
                name_en,
                ..
            } => {
                need("code", code)?;
                if name_zh.trim().is_empty() && name_en.trim().is_empty() {
                    return Err(Error::Invalid("name: empty in both languages".into()));
                }
            }
            PeopleRecord::Requirement {
                competence, level, ..
            } => {
                need("competence", competence)?;
                if !(1..=5).contains(level) {
                    return Err(Error::Invalid(format!(
                        "required level: {level} is outside 1–5"
                    )));
                }
            }
            PeopleRecord::Staff { code, name, .. } => {
                need("employee number", code)?;
                need("name", name)?;
            }
            PeopleRecord::Assignment { from, to, .. } => {
                if let Some(t) = to {
                    if t < from {
                        return Err(Error::Invalid(format!(
                            "role assignment: ends {t} before it starts {from}"
                        )));
                    }
                }
            }
            PeopleRecord::Assessment {
                competence, level, ..
            } => {
                need("competence", competence)?;
                if *level > 5 {
                    return Err(Error::Invalid(format!(
                        "assessed level: {level} is outside 0–5"
                    )));
                }
            }
            PeopleRecord::Course {
                code,
                topic,
                hours,
                cost_cents,
                ..
            } => {
                need("code", code)?;
                need("topic", topic)?;
                if !hours.is_finite() || *hours < 0.0 {
                    return Err(Error::Invalid(format!("hours: {hours} is not ≥ 0")));
                }
                if *cost_cents < 0 {
                    return Err(Error::Invalid("cost: negative".into()));
                }
            }
            PeopleRecord::Session { .. } => {}
            PeopleRecord::Attendance { pre, post, .. } => {
                score("pre-assessment score", *pre)?;
                score("post-assessment score", *post)?;
            }
            PeopleRecord::Reward {
                reason,
                amount_cents,
                points,
                ..
            } => {
                need("reason", reason)?;
                if amount_cents.is_some_and(|a| a < 0) {
                    return Err(Error::Invalid(
                        "amount: negative (a penalty is a kind, not a sign)".into(),
                    ));
                }
                if points.is_some_and(|p| p < 0) {
                    return Err(Error::Invalid(
                        "points: negative (a penalty is a kind, not a sign)".into(),
                    ));
                }
                if amount_cents.is_none() && points.is_none() {
                    return Err(Error::Invalid("amount or points: give at least one".into()));
                }
            }
        }
        Ok(())
    }
}

/// One team or person: ticket figures of the quarter and CSAT of the responses linked to their
/// tickets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PerformanceRow {
    /// The team name, or the staff member's name (or the ticket's name when unmatched).
    pub name: String,
    pub staff_id: Option<i64>,
    pub matched: bool,
    pub figures: Figures,
}

//! Services (catalogue entries) and their quality standards (SLA policies), versioned by the
//! date they take effect so a past quarter is measured against the standard then in force.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Service {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub owner: String,
    pub team: String,
}

/// What the user types to create or edit a service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ServiceInput {
    pub code: String,
    pub name: String,
    pub owner: String,
    pub team: String,
}

impl ServiceInput {
    pub fn validate(&self) -> crate::Result<()> {
        if self.code.trim().is_empty() {
            return Err(crate::Error::Invalid("service code is required".into()));
        }
        if self.name.trim().is_empty() {
            return Err(crate::Error::Invalid("service name is required".into()));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QualityStandard {
    pub id: i64,
    pub service_id: i64,
    /// `None`: applies to every priority without a standard of its own.
    pub priority: Option<String>,
    #[ts(type = "string")]
    pub effective_from: NaiveDate,
    /// Response target as a duration in minutes, and the share that must meet it (0–100).
    pub response_minutes: i64,
    pub response_required_pct: f64,
    pub resolution_minutes: i64,
    pub resolution_required_pct: f64,
    /// Share of satisfied responses required (0–100).
    pub satisfaction_target_pct: f64,
    /// The business calendar the targets are measured in, by name (`24x7`, `china`, …).
    pub calendar: String,
    /// Ticket states during which the clock stops (compared case-insensitively).
    pub pause_states: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StandardInput {
    pub service_id: i64,
    pub priority: Option<String>,
    #[ts(type = "string")]
    pub effective_from: NaiveDate,
    pub response_minutes: i64,
    pub response_required_pct: f64,
    pub resolution_minutes: i64,
    pub resolution_required_pct: f64,
    pub satisfaction_target_pct: f64,
    pub calendar: String,
    pub pause_states: Vec<String>,
}

/// The states that stop the clock unless a standard says otherwise: ServiceNow's and Jira's
/// usual "waiting for the user" states, in English and Chinese.
pub const DEFAULT_PAUSE_STATES: [&str; 7] = [
    "Awaiting User Info",
    "Awaiting Caller",
    "Awaiting Customer",
    "Pending",
    "Waiting for customer",
    "等待客户",
    "等待用户",
];

impl StandardInput {
    /// The plan's defaults: 95% responded within 1 h, 90% resolved within 24 h, ≥ 80% satisfied.
    pub fn plan_default(service_id: i64, effective_from: NaiveDate) -> Self {
        StandardInput {
            service_id,
            priority: None,
            effective_from,
            response_minutes: 60,
            response_required_pct: 95.0,
            resolution_minutes: 24 * 60,
            resolution_required_pct: 90.0,
            satisfaction_target_pct: 80.0,
            calendar: "24x7".into(),
            pause_states: DEFAULT_PAUSE_STATES.iter().map(|s| s.to_string()).collect(),
        }
    }

    pub fn validate(&self) -> crate::Result<()> {
        let pct = |name: &str, v: f64| {
            if (0.0..=100.0).contains(&v) {
                Ok(())
            } else {
                Err(crate::Error::Invalid(format!(
                    "{name} must be between 0 and 100, got {v}"
                )))
            }
        };
        pct("response required %", self.response_required_pct)?;
        pct("resolution required %", self.resolution_required_pct)?;
        pct("satisfaction target %", self.satisfaction_target_pct)?;
        if self.response_minutes <= 0 || self.resolution_minutes <= 0 {
            return Err(crate::Error::Invalid(
                "targets must be positive durations".into(),
            ));
        }
        if self.calendar.trim().is_empty() {
            return Err(crate::Error::Invalid("a calendar is required".into()));
        }
        if self.pause_states.iter().any(|s| s.trim().is_empty()) {
            return Err(crate::Error::Invalid("pause states cannot be empty".into()));
        }
        Ok(())
    }
}

impl QualityStandard {
    /// Whether `state` stops the clock under this standard.
    pub fn pauses_in(&self, state: &str) -> bool {
        let state = state.trim();
        self.pause_states
            .iter()
            .any(|p| p.trim().eq_ignore_ascii_case(state))
    }

    /// The standard in force for a ticket of `priority` opened on `day`: the latest version
    /// effective on or before that day, preferring one for the exact priority.
    pub fn in_force<'a>(
        standards: &'a [QualityStandard],
        service_id: i64,
        priority: Option<&str>,
        day: NaiveDate,
    ) -> Option<&'a QualityStandard> {
        let latest = |want: Option<&str>| {
            standards
                .iter()
                .filter(|s| s.service_id == service_id && s.priority.as_deref() == want)
                .filter(|s| s.effective_from <= day)
                .max_by_key(|s| s.effective_from)
        };
        priority
            .and_then(|p| latest(Some(p)))
            .or_else(|| latest(None))
    }
}

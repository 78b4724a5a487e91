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
    /// Business calendar; only `24x7` exists until business calendars land.
    pub calendar: String,
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
}

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
        if self.calendar != "24x7" {
            return Err(crate::Error::Invalid(format!(
                "calendar '{}' unknown: only 24x7 exists yet",
                self.calendar
            )));
        }
        Ok(())
    }
}

impl QualityStandard {
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

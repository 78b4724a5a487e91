//! Cost-benefit analysis (成本效益分析): the case as the workspace keeps it (cost items, benefit
//! drivers, parameters), the two scenarios — "expected" (the drivers as entered, the plan's
//! assumptions) and "measured" (the same case with the quantities the workspace measured) — and
//! the pure finance in `finance.rs` (exact cents; NPV, IRR, payback, sensitivity, break-even).

pub mod finance;

pub use finance::{
    BenefitDriver, BreakEven, CategoryCost, CostCategory, CostItem, DriverBenefit, Evaluation, Irr,
    Params, Sensitivity, YearFlow,
};

use crate::domain::Quarter;
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The plan's expectations: delivery +20% more efficient, satisfaction +10%.
pub const PLAN_EFFICIENCY_PCT: f64 = 20.0;
pub const PLAN_SATISFACTION_PCT: f64 = 10.0;
/// The tornado's swing on every input.
pub const SWING: f64 = 0.2;

/// A cost item as stored and edited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StoredCost {
    pub id: Option<i64>,
    pub category: CostCategory,
    pub label: String,
    /// Per occurrence (one-off, or each year when recurring), in cents.
    pub amount_cents: i64,
    pub currency: String,
    pub recurring: bool,
    /// One-off: the year it falls in (0 = at the start). Recurring: the first year.
    pub from_year: u32,
    /// Recurring: the last year (inclusive); None = to the horizon.
    pub to_year: Option<u32>,
    /// People's time: hours × hourly cost gives the amount.
    pub hours: Option<f64>,
    pub hourly_cost_cents: Option<i64>,
    pub note: String,
}

impl StoredCost {
    /// Trimmed, checked, with the amount from hours × hourly cost when both are given.
    pub fn normalised(&self) -> Result<StoredCost> {
        let mut c = self.clone();
        c.label = c.label.trim().to_string();
        c.note = c.note.trim().to_string();
        c.currency = match c.currency.trim() {
            "" => "CNY".to_string(),
            s => s.to_uppercase(),
        };
        if c.label.is_empty() {
            return Err(Error::Invalid("cost item: label: empty".into()));
        }
        if let (Some(h), Some(rate)) = (c.hours, c.hourly_cost_cents) {
            if !h.is_finite() || h < 0.0 || rate < 0 {
                return Err(Error::Invalid(format!(
                    "cost item '{}': hours and hourly cost must not be negative",
                    c.label
                )));
            }
            c.amount_cents = (h * rate as f64).round() as i64;
        }
        if c.amount_cents < 0 {
            return Err(Error::Invalid(format!(
                "cost item '{}': amount must not be negative",
                c.label
            )));
        }
        if let Some(to) = c.to_year {
            if to < c.from_year {
                return Err(Error::Invalid(format!(
                    "cost item '{}': last year {to} is before the first year {}",
                    c.label, c.from_year
                )));
            }
        }
        Ok(c)
    }

    pub fn item(&self) -> CostItem {
        CostItem {
            category: self.category,
            label: self.label.clone(),
            amount_cents: self.amount_cents,
            recurring: self.recurring,
            from_year: self.from_year,
            to_year: self.to_year,
        }
    }
}

/// A benefit driver as stored; `measured`: the measured scenario replaces its quantities with
/// the workspace's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StoredDriver {
    pub id: Option<i64>,
    pub driver: BenefitDriver,
    pub measured: bool,
}

/// The case's parameters (kept as workspace settings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CbParams {
    pub horizon_years: u32,
    /// e.g. 0.08 for 8%.
    pub discount_rate: f64,
    /// Year 0 of the cash flows (the investment); year k ends k years later.
    #[ts(type = "string")]
    pub start: NaiveDate,
    /// The period the measured scenario compares against; None = the first quarter with data.
    pub baseline: Option<Quarter>,
    /// Add the training records' costs (course cost per session held) as training costs.
    pub include_training_records: bool,
}

impl Default for CbParams {
    fn default() -> Self {
        CbParams {
            horizon_years: 3,
            discount_rate: 0.08,
            start: NaiveDate::from_ymd_opt(2025, 7, 1).expect("valid date"),
            baseline: None,
            include_training_records: true,
        }
    }
}

/// What the workspace measured, for the measured scenario and the comparison with the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Measured {
    pub baseline: Quarter,
    pub current: Quarter,
    /// Median business resolution time, hours.
    pub baseline_median_hours: Option<f64>,
    pub current_median_hours: Option<f64>,
    /// Baseline minus current median, in minutes (≥ 0 counts as saved; below 0 is kept as 0
    /// in the scenario and said so).
    pub minutes_saved_per_request: Option<f64>,
    /// Tickets opened in the four quarters ending with the current one.
    pub requests_per_year: u64,
    pub baseline_csat: Option<f64>,
    pub current_csat: Option<f64>,
    /// Relative change of the median resolution time, % (negative = faster = more efficient).
    pub efficiency_change_pct: Option<f64>,
    /// Relative change of CSAT, %.
    pub satisfaction_change_pct: Option<f64>,
    /// The plan's +20% efficiency (resolution time down by at least 20%) met?
    pub efficiency_target_met: Option<bool>,
    /// The plan's +10% satisfaction met?
    pub satisfaction_target_met: Option<bool>,
}

/// One scenario: its case and every result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Scenario {
    pub costs: Vec<CostItem>,
    pub benefits: Vec<BenefitDriver>,
    pub evaluation: Evaluation,
    pub sensitivity: Vec<Sensitivity>,
    pub break_even: Vec<BreakEven>,
}

/// The whole cost-benefit view: inputs, the two scenarios, what was measured, notes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CostBenefit {
    pub params: CbParams,
    pub costs: Vec<StoredCost>,
    pub drivers: Vec<StoredDriver>,
    /// Training costs from the training records, per cash-flow year (when included).
    pub training_from_records: Vec<CategoryYear>,
    pub expected: Option<Scenario>,
    pub measured: Option<Scenario>,
    pub measurement: Option<Measured>,
    /// Why a scenario is missing, what was assumed.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CategoryYear {
    pub year: u32,
    pub cents: i64,
}

/// The cash-flow year a date falls in: 0 on or before the start, k for (start + k−1 years,
/// start + k years].
pub fn year_of(start: NaiveDate, d: NaiveDate) -> u32 {
    if d <= start {
        return 0;
    }
    let mut k = 1;
    while let Some(end) = start.checked_add_months(chrono::Months::new(12 * k)) {
        if d <= end {
            return k;
        }
        k += 1;
        if k > 200 {
            break;
        }
    }
    k
}

/// Builds and evaluates a scenario.
pub fn scenario(
    params: &CbParams,
    costs: Vec<CostItem>,
    benefits: Vec<BenefitDriver>,
) -> Result<Scenario> {
    let case = finance::Case {
        params: Params {
            horizon_years: params.horizon_years,
            discount_rate: params.discount_rate,
        },
        costs,
        benefits,
    };
    Ok(Scenario {
        evaluation: finance::evaluate(&case)?,
        sensitivity: finance::sensitivity(&case, SWING)?,
        break_even: finance::break_even(&case)?,
        costs: case.costs,
        benefits: case.benefits,
    })
}

/// The measured scenario's drivers: time saved takes the measured minutes and requests per
/// year; complaints keep their expected values until complaint records exist (noted).
pub fn measured_drivers(
    drivers: &[StoredDriver],
    m: &Measured,
    notes: &mut Vec<String>,
) -> Vec<BenefitDriver> {
    let mut complaint_note = false;
    let mut clamped = false;
    let out = drivers
        .iter()
        .map(|d| {
            if !d.measured {
                return d.driver.clone();
            }
            match &d.driver {
                BenefitDriver::TimeSaved {
                    label,
                    hourly_cost_cents,
                    from_year,
                    ..
                } => {
                    let minutes = m.minutes_saved_per_request.unwrap_or(0.0);
                    if minutes < 0.0 {
                        clamped = true;
                    }
                    BenefitDriver::TimeSaved {
                        label: label.clone(),
                        minutes_saved_per_request: minutes.max(0.0),
                        requests_per_year: m.requests_per_year as f64,
                        hourly_cost_cents: *hourly_cost_cents,
                        from_year: *from_year,
                    }
                }
                BenefitDriver::ComplaintsAvoided { .. } => {
                    complaint_note = true;
                    d.driver.clone()
                }
                BenefitDriver::Other { .. } => d.driver.clone(),
            }
        })
        .collect();
    if clamped {
        notes.push(
            "measured: resolution got slower than the baseline, so no time is counted as saved"
                .into(),
        );
    }
    if complaint_note {
        notes.push(
            "measured: the workspace keeps no complaint records yet, so complaints avoided keep their expected value".into(),
        );
    }
    out
}

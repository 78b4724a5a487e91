//! Cost–benefit finance of a service improvement: yearly cash flows, ROI, NPV, IRR, simple and
//! discounted payback, a one-at-a-time sensitivity analysis (tornado) and break-even values.
//!
//! # Numbers
//!
//! * **Money is exact.** Every amount is an `i64` count of cents. Yearly costs and benefits,
//!   net flows, totals and undiscounted cumulative sums are added as integers (checked: an
//!   overflow is an [`Error::Invalid`], never a wrap-around).
//! * **Rates, quantities and discounting use `f64`.** Whatever is computed in `f64` and reported
//!   as money — a driver's annual benefit, a scaled cost, a discounted flow, the NPV — is rounded
//!   to whole cents **half away from zero** (`f64::round`: 0.5 → 1, −0.5 → −1, 2.5 → 3).
//! * A benefit driver's annual value is computed once from its inputs and rounded to cents
//!   before it is added to any year, so every year it counts in carries the same whole-cent
//!   amount (see [`BenefitDriver::annual_benefit_cents`]).
//!
//! # Timeline
//!
//! Years run `0..=horizon`. Year 0 is the investment moment and is not discounted; the flow of
//! year `t` is discounted by `(1 + r)^t`. Benefits count from their driver's `from_year` (at
//! least 1) to the horizon; one-off costs fall in their `from_year` (0 allowed); recurring costs
//! fall in every year `from_year..=min(to_year, horizon)`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

/// The longest horizon a case may have, in years.
pub const MAX_HORIZON_YEARS: u32 = 30;

/// The largest amount one input may carry, in cents (10^15 cents: 10 trillion in the currency
/// unit). Keeps every sum far inside `i64` and every amount exact in `f64`.
pub const MAX_AMOUNT_CENTS: i64 = 1_000_000_000_000_000;

/// The lower end of the range searched for the IRR (−99 %).
pub const IRR_LOWER: f64 = -0.99;

/// The upper end of the range searched for the IRR (+10 000 %).
pub const IRR_UPPER: f64 = 100.0;

/// How close the reported IRR is to the root it stands for (absolute, as a fraction).
pub const IRR_TOLERANCE: f64 = 1e-10;

/// The number of intervals (equal steps in `ln(1 + r)`) the IRR range is scanned in for sign
/// changes of the NPV. Two roots closer together than one step can be missed.
const IRR_GRID_STEPS: u32 = 4000;

/// The largest magnitude an intermediate `f64` amount may reach before it is refused (2^62).
const MAX_INTERMEDIATE_CENTS: f64 = 4_611_686_018_427_387_904.0;

/// What a cost is spent on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CostCategory {
    Training,
    ToolPurchase,
    ToolMaintenance,
    ProcessTime,
    Other,
}

impl CostCategory {
    /// Every category, in declaration order (the order results list them in).
    pub const ALL: [CostCategory; 5] = [
        CostCategory::Training,
        CostCategory::ToolPurchase,
        CostCategory::ToolMaintenance,
        CostCategory::ProcessTime,
        CostCategory::Other,
    ];

    /// The stable snake_case key, as serialised (`"tool_purchase"`).
    pub fn key(self) -> &'static str {
        match self {
            CostCategory::Training => "training",
            CostCategory::ToolPurchase => "tool_purchase",
            CostCategory::ToolMaintenance => "tool_maintenance",
            CostCategory::ProcessTime => "process_time",
            CostCategory::Other => "other",
        }
    }

    /// A short English name (`"Tool purchase"`).
    pub fn name(self) -> &'static str {
        match self {
            CostCategory::Training => "Training",
            CostCategory::ToolPurchase => "Tool purchase",
            CostCategory::ToolMaintenance => "Tool maintenance",
            CostCategory::ProcessTime => "Process time",
            CostCategory::Other => "Other",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One cost of the improvement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CostItem {
    pub category: CostCategory,
    pub label: String,
    /// Cents per occurrence (≥ 0): the whole amount for a one-off cost, the amount per year for
    /// a recurring one.
    pub amount_cents: i64,
    pub recurring: bool,
    /// One-off: the year it falls in (0 = at the start). Recurring: the first year it falls in.
    /// At most the horizon.
    pub from_year: u32,
    /// Recurring: the last year it falls in, inclusive, not before `from_year`; `None` = to the
    /// horizon. A value past the horizon is cut at the horizon. Ignored for a one-off cost.
    pub to_year: Option<u32>,
}

/// Something the improvement saves each year, valued by the ITIL method of the product spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BenefitDriver {
    /// Handling time saved: minutes ÷ 60 × requests per year × hourly cost.
    TimeSaved {
        label: String,
        minutes_saved_per_request: f64,
        requests_per_year: f64,
        hourly_cost_cents: i64,
        /// The first year it counts in (1..=horizon); it counts to the horizon.
        from_year: u32,
    },
    /// Complaints that no longer happen: complaints per year × cost per complaint.
    ComplaintsAvoided {
        label: String,
        complaints_avoided_per_year: f64,
        cost_per_complaint_cents: i64,
        /// The first year it counts in (1..=horizon); it counts to the horizon.
        from_year: u32,
    },
    /// Any other yearly saving, given directly.
    Other {
        label: String,
        amount_per_year_cents: i64,
        note: String,
        /// The first year it counts in (1..=horizon); it counts to the horizon.
        from_year: u32,
    },
}

impl BenefitDriver {
    pub fn label(&self) -> &str {
        match self {
            BenefitDriver::TimeSaved { label, .. }
            | BenefitDriver::ComplaintsAvoided { label, .. }
            | BenefitDriver::Other { label, .. } => label,
        }
    }

    pub fn from_year(&self) -> u32 {
        match self {
            BenefitDriver::TimeSaved { from_year, .. }
            | BenefitDriver::ComplaintsAvoided { from_year, .. }
            | BenefitDriver::Other { from_year, .. } => *from_year,
        }
    }

    /// The benefit of one year, in cents: computed in `f64` and rounded half away from zero.
    /// Time saved is `minutes × requests × hourly cost ÷ 60`, dividing last so that whole
    /// inputs stay exact (1 min × 1000 × 12 345 ¢/h = 205 750 ¢).
    ///
    /// Saturates for inputs that [`evaluate`] would refuse (non-finite or too large).
    pub fn annual_benefit_cents(&self) -> i64 {
        round_cents(self.annual_value(None))
    }

    /// The unrounded yearly value in cents, with at most one input replaced.
    fn annual_value(&self, replace: Option<(DriverInput, f64)>) -> f64 {
        let pick = |input: DriverInput, base: f64| match replace {
            Some((which, value)) if which == input => value,
            _ => base,
        };
        match self {
            BenefitDriver::TimeSaved {
                minutes_saved_per_request,
                requests_per_year,
                hourly_cost_cents,
                ..
            } => {
                pick(DriverInput::Minutes, *minutes_saved_per_request)
                    * pick(DriverInput::Requests, *requests_per_year)
                    * pick(DriverInput::HourlyCost, *hourly_cost_cents as f64)
                    / 60.0
            }
            BenefitDriver::ComplaintsAvoided {
                complaints_avoided_per_year,
                cost_per_complaint_cents,
                ..
            } => {
                pick(DriverInput::Complaints, *complaints_avoided_per_year)
                    * pick(
                        DriverInput::CostPerComplaint,
                        *cost_per_complaint_cents as f64,
                    )
            }
            BenefitDriver::Other {
                amount_per_year_cents,
                ..
            } => pick(DriverInput::Amount, *amount_per_year_cents as f64),
        }
    }

    /// The inputs of this driver, in the order results list them.
    fn inputs(&self) -> &'static [DriverInput] {
        match self {
            BenefitDriver::TimeSaved { .. } => &[
                DriverInput::Minutes,
                DriverInput::Requests,
                DriverInput::HourlyCost,
            ],
            BenefitDriver::ComplaintsAvoided { .. } => {
                &[DriverInput::Complaints, DriverInput::CostPerComplaint]
            }
            BenefitDriver::Other { .. } => &[DriverInput::Amount],
        }
    }

    /// The current value of one of this driver's inputs (cents for money), if it has it.
    fn input_value(&self, input: DriverInput) -> Option<f64> {
        match (self, input) {
            (
                BenefitDriver::TimeSaved {
                    minutes_saved_per_request,
                    ..
                },
                DriverInput::Minutes,
            ) => Some(*minutes_saved_per_request),
            (
                BenefitDriver::TimeSaved {
                    requests_per_year, ..
                },
                DriverInput::Requests,
            ) => Some(*requests_per_year),
            (
                BenefitDriver::TimeSaved {
                    hourly_cost_cents, ..
                },
                DriverInput::HourlyCost,
            ) => Some(*hourly_cost_cents as f64),
            (
                BenefitDriver::ComplaintsAvoided {
                    complaints_avoided_per_year,
                    ..
                },
                DriverInput::Complaints,
            ) => Some(*complaints_avoided_per_year),
            (
                BenefitDriver::ComplaintsAvoided {
                    cost_per_complaint_cents,
                    ..
                },
                DriverInput::CostPerComplaint,
            ) => Some(*cost_per_complaint_cents as f64),
            (
                BenefitDriver::Other {
                    amount_per_year_cents,
                    ..
                },
                DriverInput::Amount,
            ) => Some(*amount_per_year_cents as f64),
            _ => None,
        }
    }
}

/// The frame of the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Params {
    /// Years after the investment moment, 1..=30.
    pub horizon_years: u32,
    /// Yearly discount rate as a fraction (0.08 = 8 %); finite and greater than −1.
    pub discount_rate: f64,
}

/// A whole cost–benefit case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Case {
    pub params: Params,
    pub costs: Vec<CostItem>,
    pub benefits: Vec<BenefitDriver>,
}

/// The cost of one category (in one year, or over the horizon).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CategoryCost {
    pub category: CostCategory,
    pub cents: i64,
}

/// The benefit of one driver over the horizon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DriverBenefit {
    pub label: String,
    pub cents: i64,
}

/// The cash flow of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct YearFlow {
    pub year: u32,
    pub cost_cents: i64,
    pub benefit_cents: i64,
    /// `benefit_cents − cost_cents`.
    pub net_cents: i64,
    /// Net of years `0..=year`, exact.
    pub cumulative_cents: i64,
    /// `net / (1 + r)^year`, rounded to cents.
    pub discounted_net_cents: i64,
    /// The unrounded discounted nets of years `0..=year`, summed and then rounded, so the last
    /// year's value is the NPV. It can differ by a cent from the sum of the rounded
    /// `discounted_net_cents` above it.
    pub cumulative_discounted_cents: i64,
    /// This year's cost per category: categories with a non-zero cost, in declaration order.
    pub cost_by_category: Vec<CategoryCost>,
}

/// The internal rate of return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Irr {
    /// A rate at which the NPV is zero, within [`IRR_TOLERANCE`].
    Rate {
        rate: f64,
        /// The flows change sign more than once, so the NPV may have other roots; `rate` is the
        /// root found closest to 0 (numpy-financial's choice).
        multiple: bool,
    },
    /// No IRR: the flows never change sign, or no root lies in [`IRR_LOWER`]..[`IRR_UPPER`].
    None { reason: String },
}

/// Everything [`evaluate`] reports about a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Evaluation {
    /// Years `0..=horizon`.
    pub flows: Vec<YearFlow>,
    /// Undiscounted, over the horizon.
    pub total_cost_cents: i64,
    /// Undiscounted, over the horizon.
    pub total_benefit_cents: i64,
    /// `total_benefit_cents − total_cost_cents`.
    pub net_benefit_cents: i64,
    /// `(benefits − costs) ÷ costs × 100`, undiscounted; `None` when the costs are 0.
    pub roi_pct: Option<f64>,
    /// `Σ net_t / (1 + r)^t` for `t = 0..=horizon`, summed in `f64` and rounded to cents.
    pub npv_cents: i64,
    pub irr: Irr,
    /// Years until the cumulative net is non-negative for good: with `t` the year after the last
    /// year whose cumulative is negative, `t − 1 + (−cum[t−1]) / (cum[t] − cum[t−1])`.
    /// `Some(0.0)` if the cumulative is never negative, `None` if it is negative at the horizon.
    /// For flows that change sign once this is the first point the cumulative reaches ≥ 0.
    pub payback_years: Option<f64>,
    /// The same on `cumulative_discounted_cents`.
    pub discounted_payback_years: Option<f64>,
    /// Totals per category: categories with a non-zero cost, in declaration order.
    pub cost_by_category: Vec<CategoryCost>,
    /// One entry per driver, in input order (labels may repeat).
    pub benefit_by_driver: Vec<DriverBenefit>,
}

/// How NPV moves when one input alone is varied by ±swing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Sensitivity {
    /// Stable: `benefit.<index>.<input>` (`minutes`, `requests`, `hourly_cost`, `complaints`,
    /// `cost_per_complaint`, `amount`; index 0-based in `Case::benefits`),
    /// `cost.<category>` or `discount_rate`.
    pub key: String,
    /// For people: `"<driver label>: minutes saved per request"`, `"Training costs"`, ….
    pub label: String,
    /// The input's value in the case: a quantity, cents for money (a category's undiscounted
    /// total over the horizon), or the rate as a fraction.
    pub base_value: f64,
    /// NPV with the input at `base × (1 − swing)`.
    pub npv_low_cents: i64,
    /// NPV with the input at `base × (1 + swing)`.
    pub npv_high_cents: i64,
}

/// The value of one input at which NPV is zero, everything else fixed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BreakEven {
    /// As in [`Sensitivity::key`].
    pub key: String,
    /// As in [`Sensitivity::label`].
    pub label: String,
    /// As in [`Sensitivity::base_value`].
    pub base_value: f64,
    /// `None` when the input does not move NPV or NPV would be zero only at a negative value.
    pub break_even_value: Option<f64>,
}

/// Evaluates a case: validates it, then builds the yearly flows and every figure from them.
pub fn evaluate(case: &Case) -> Result<Evaluation> {
    validate(case)?;
    let schedule = Schedule::build(case, None)?;
    let rate = case.params.discount_rate;

    let mut flows = Vec::with_capacity(schedule.net.len());
    let mut cumulative = 0_i64;
    let mut cumulative_discounted = 0.0_f64;
    let mut cumulatives = Vec::with_capacity(schedule.net.len());
    let mut cumulatives_discounted = Vec::with_capacity(schedule.net.len());
    for (year, discounted) in discount(&schedule.net, rate).into_iter().enumerate() {
        cumulative = add(cumulative, schedule.net[year])?;
        cumulative_discounted += discounted;
        let cumulative_discounted_cents = round_cents(cumulative_discounted);
        cumulatives.push(cumulative);
        cumulatives_discounted.push(cumulative_discounted_cents);
        flows.push(YearFlow {
            year: year_number(year),
            cost_cents: schedule.cost[year],
            benefit_cents: schedule.benefit[year],
            net_cents: schedule.net[year],
            cumulative_cents: cumulative,
            discounted_net_cents: round_cents(discounted),
            cumulative_discounted_cents,
            cost_by_category: non_zero_categories(&schedule.by_category[year]),
        });
    }

    let total_cost_cents = sum(schedule.cost.iter().copied())?;
    let total_benefit_cents = sum(schedule.benefit.iter().copied())?;
    let net_benefit_cents = sub(total_benefit_cents, total_cost_cents)?;
    let roi_pct =
        (total_cost_cents != 0).then(|| net_benefit_cents as f64 / total_cost_cents as f64 * 100.0);

    let benefit_by_driver = case
        .benefits
        .iter()
        .zip(&schedule.by_driver)
        .map(|(driver, years)| {
            Ok(DriverBenefit {
                label: driver.label().to_owned(),
                cents: sum(years.iter().copied())?,
            })
        })
        .collect::<Result<Vec<_>>>()?;

    Ok(Evaluation {
        npv_cents: cumulatives_discounted.last().copied().unwrap_or_default(),
        irr: irr(&schedule.net),
        payback_years: payback(&cumulatives),
        discounted_payback_years: payback(&cumulatives_discounted),
        cost_by_category: non_zero_categories(&schedule.category_totals()?),
        benefit_by_driver,
        flows,
        total_cost_cents,
        total_benefit_cents,
        net_benefit_cents,
        roi_pct,
    })
}

/// One-at-a-time sensitivity of NPV (the tornado chart).
///
/// Each input is set to `base × (1 − swing)` and `base × (1 + swing)` with everything else
/// fixed: every input of every benefit driver, the total of every cost category that has a cost
/// (each occurrence of each item of the category scaled and rounded to cents), and the discount
/// rate. `swing` is a fraction, `0 < swing ≤ 1` (0.2 = ±20 %).
///
/// Only inputs that move NPV get a row (a rate of 0 does not move under a relative swing, nor
/// does an input whose partner inputs are 0); the discount rate also gets none when
/// `rate × (1 + swing)` would not be above −1. Rows are sorted by `|high − low|`, widest first,
/// ties by key.
pub fn sensitivity(case: &Case, swing: f64) -> Result<Vec<Sensitivity>> {
    validate(case)?;
    if !(swing.is_finite() && swing > 0.0 && swing <= 1.0) {
        return Err(invalid(format!(
            "swing must be a finite number greater than 0 and at most 1, got {swing}"
        )));
    }
    let schedule = Schedule::build(case, None)?;
    let mut rows = Vec::new();
    for input in Input::all(case, &schedule, true) {
        let base_value = input.base_value(case, &schedule);
        let low = input.scaled(case, 1.0 - swing);
        let high = input.scaled(case, 1.0 + swing);
        if let (Some(low), Some(high)) = (low, high) {
            let npv_low_cents = round_cents(npv_with(case, low)?);
            let npv_high_cents = round_cents(npv_with(case, high)?);
            if npv_low_cents != npv_high_cents {
                rows.push(Sensitivity {
                    key: input.key(),
                    label: input.label(case),
                    base_value,
                    npv_low_cents,
                    npv_high_cents,
                });
            }
        }
    }
    rows.sort_by(|a, b| {
        let width = |s: &Sensitivity| s.npv_high_cents.abs_diff(s.npv_low_cents);
        width(b).cmp(&width(a)).then_with(|| a.key.cmp(&b.key))
    });
    Ok(rows)
}

/// Break-even values: for each time-saved driver's minutes per request and requests per year,
/// each complaints driver's complaints per year, and each cost category that has a cost (its
/// undiscounted total, all its items scaled alike), the value at which NPV is zero with
/// everything else fixed.
///
/// NPV is linear in each of these inputs (up to the rounding of yearly amounts to cents), so the
/// value is solved in closed form from the unrounded NPV at 0 and at the base value (at 1 when
/// the base is 0): `x* = −NPV(0) ÷ slope`. Rows follow the order of the inputs (drivers, then
/// categories in declaration order).
pub fn break_even(case: &Case) -> Result<Vec<BreakEven>> {
    validate(case)?;
    let schedule = Schedule::build(case, None)?;
    Input::all(case, &schedule, false)
        .into_iter()
        .map(|input| {
            let base_value = input.base_value(case, &schedule);
            let x1 = if base_value > 0.0 { base_value } else { 1.0 };
            let npv0 = npv_with(case, input.at(0.0, base_value))?;
            let npv1 = npv_with(case, input.at(x1, base_value))?;
            let slope = (npv1 - npv0) / x1;
            let value = -npv0 / slope;
            let break_even_value = (slope != 0.0 && value.is_finite() && value >= 0.0)
                // + 0.0 turns a −0.0 into 0.0.
                .then_some(value + 0.0);
            Ok(BreakEven {
                key: input.key(),
                label: input.label(case),
                base_value,
                break_even_value,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Validation

fn validate(case: &Case) -> Result<()> {
    let horizon = case.params.horizon_years;
    if !(1..=MAX_HORIZON_YEARS).contains(&horizon) {
        return Err(invalid(format!(
            "horizon_years must be between 1 and {MAX_HORIZON_YEARS}, got {horizon}"
        )));
    }
    let rate = case.params.discount_rate;
    if !rate.is_finite() || rate <= -1.0 {
        return Err(invalid(format!(
            "discount_rate must be a finite number greater than -1, got {rate}"
        )));
    }
    for (i, item) in case.costs.iter().enumerate() {
        let who = format!("cost #{} \"{}\"", i + 1, item.label);
        check_amount(&who, "amount_cents", item.amount_cents)?;
        if item.from_year > horizon {
            return Err(invalid(format!(
                "{who}: from_year {} is beyond the horizon of {horizon} years",
                item.from_year
            )));
        }
        if let (true, Some(to_year)) = (item.recurring, item.to_year) {
            if to_year < item.from_year {
                return Err(invalid(format!(
                    "{who}: to_year {to_year} is before from_year {}",
                    item.from_year
                )));
            }
        }
    }
    for (i, driver) in case.benefits.iter().enumerate() {
        let who = format!("benefit #{} \"{}\"", i + 1, driver.label());
        match driver {
            BenefitDriver::TimeSaved {
                minutes_saved_per_request,
                requests_per_year,
                hourly_cost_cents,
                ..
            } => {
                check_quantity(
                    &who,
                    "minutes_saved_per_request",
                    *minutes_saved_per_request,
                )?;
                check_quantity(&who, "requests_per_year", *requests_per_year)?;
                check_amount(&who, "hourly_cost_cents", *hourly_cost_cents)?;
            }
            BenefitDriver::ComplaintsAvoided {
                complaints_avoided_per_year,
                cost_per_complaint_cents,
                ..
            } => {
                check_quantity(
                    &who,
                    "complaints_avoided_per_year",
                    *complaints_avoided_per_year,
                )?;
                check_amount(&who, "cost_per_complaint_cents", *cost_per_complaint_cents)?;
            }
            BenefitDriver::Other {
                amount_per_year_cents,
                ..
            } => check_amount(&who, "amount_per_year_cents", *amount_per_year_cents)?,
        }
        let from_year = driver.from_year();
        if from_year == 0 {
            return Err(invalid(format!(
                "{who}: from_year must be at least 1 (year 0 is the investment moment)"
            )));
        }
        if from_year > horizon {
            return Err(invalid(format!(
                "{who}: from_year {from_year} is beyond the horizon of {horizon} years"
            )));
        }
        let annual = driver.annual_value(None);
        if annual > MAX_AMOUNT_CENTS as f64 {
            return Err(invalid(format!(
                "{who}: the yearly benefit ({annual:.3e} cents) is above the maximum of \
                 {MAX_AMOUNT_CENTS} cents"
            )));
        }
    }
    Ok(())
}

fn check_amount(who: &str, field: &str, cents: i64) -> Result<()> {
    if cents < 0 {
        return Err(invalid(format!(
            "{who}: {field} must not be negative, got {cents}"
        )));
    }
    if cents > MAX_AMOUNT_CENTS {
        return Err(invalid(format!(
            "{who}: {field} must be at most {MAX_AMOUNT_CENTS}, got {cents}"
        )));
    }
    Ok(())
}

fn check_quantity(who: &str, field: &str, value: f64) -> Result<()> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(invalid(format!(
            "{who}: {field} must be a finite number ≥ 0, got {value}"
        )))
    }
}

fn invalid(message: String) -> Error {
    Error::Invalid(message)
}

// ---------------------------------------------------------------------------------------------
// Yearly amounts

/// One changed input, for sensitivity and break-even.
#[derive(Debug, Clone, Copy)]
enum Override {
    /// Driver `index` with `input` set to `value`.
    Driver {
        index: usize,
        input: DriverInput,
        value: f64,
    },
    /// Every occurrence of every item of `category` multiplied by `factor`.
    Category {
        category: CostCategory,
        factor: f64,
    },
    DiscountRate(f64),
}

/// The yearly amounts of a case, every amount already in cents.
struct Schedule {
    /// `[year][category]`.
    by_category: Vec<[i64; CostCategory::ALL.len()]>,
    /// `[driver][year]`.
    by_driver: Vec<Vec<i64>>,
    cost: Vec<i64>,
    benefit: Vec<i64>,
    net: Vec<i64>,
}

impl Schedule {
    /// Lays out a validated case over years `0..=horizon`, with at most one input changed.
    fn build(case: &Case, change: Option<Override>) -> Result<Schedule> {
        let horizon = case.params.horizon_years;
        let years = horizon as usize + 1;

        let mut by_category = vec![[0_i64; CostCategory::ALL.len()]; years];
        for item in &case.costs {
            let amount = match change {
                Some(Override::Category { category, factor }) if category == item.category => {
                    to_cents(item.amount_cents as f64 * factor)?
                }
                _ => item.amount_cents,
            };
            let last = if item.recurring {
                item.to_year.unwrap_or(horizon).min(horizon)
            } else {
                item.from_year
            };
            for year in item.from_year..=last {
                let slot = &mut by_category[year as usize][item.category.index()];
                *slot = add(*slot, amount)?;
            }
        }

        let by_driver = case
            .benefits
            .iter()
            .enumerate()
            .map(|(i, driver)| {
                let replace = match change {
                    Some(Override::Driver {
                        index,
                        input,
                        value,
                    }) if index == i => Some((input, value)),
                    _ => None,
                };
                let annual = to_cents(driver.annual_value(replace))?;
                let from = driver.from_year() as usize;
                Ok((0..years)
                    .map(|year| if year >= from { annual } else { 0 })
                    .collect())
            })
            .collect::<Result<Vec<Vec<i64>>>>()?;

        let mut cost = Vec::with_capacity(years);
        let mut benefit = Vec::with_capacity(years);
        let mut net = Vec::with_capacity(years);
        for year in 0..years {
            let c = sum(by_category[year].iter().copied())?;
            let b = sum(by_driver.iter().map(|row| row[year]))?;
            cost.push(c);
            benefit.push(b);
            net.push(sub(b, c)?);
        }
        Ok(Schedule {
            by_category,
            by_driver,
            cost,
            benefit,
            net,
        })
    }

    /// Undiscounted totals per category over the horizon.
    fn category_totals(&self) -> Result<[i64; CostCategory::ALL.len()]> {
        let mut totals = [0_i64; CostCategory::ALL.len()];
        for year in &self.by_category {
            for (total, cents) in totals.iter_mut().zip(year) {
                *total = add(*total, *cents)?;
            }
        }
        Ok(totals)
    }
}

fn non_zero_categories(cents: &[i64; CostCategory::ALL.len()]) -> Vec<CategoryCost> {
    CostCategory::ALL
        .iter()
        .zip(cents)
        .filter(|(_, cents)| **cents != 0)
        .map(|(category, cents)| CategoryCost {
            category: *category,
            cents: *cents,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Discounting, IRR, payback

/// `net_t / (1 + rate)^t` for each year.
fn discount(net: &[i64], rate: f64) -> Vec<f64> {
    net.iter()
        .zip(0_i32..)
        .map(|(cents, t)| *cents as f64 / (1.0 + rate).powi(t))
        .collect()
}

/// The unrounded NPV, summed year by year from year 0 (the order [`evaluate`] sums in).
fn npv(net: &[i64], rate: f64) -> f64 {
    discount(net, rate).into_iter().sum()
}

/// The unrounded NPV of a validated case with one input changed.
fn npv_with(case: &Case, change: Override) -> Result<f64> {
    let rate = match change {
        Override::DiscountRate(rate) => rate,
        _ => case.params.discount_rate,
    };
    Ok(npv(&Schedule::build(case, Some(change))?.net, rate))
}

/// Sign changes in the flows, zeros skipped.
fn sign_changes(net: &[i64]) -> usize {
    let signs: Vec<bool> = net.iter().filter(|c| **c != 0).map(|c| *c > 0).collect();
    signs.windows(2).filter(|w| w[0] != w[1]).count()
}

/// The IRR: the NPV is scanned for sign changes over [`IRR_LOWER`]..=[`IRR_UPPER`] in
/// [`IRR_GRID_STEPS`] equal steps of `ln(1 + r)`, each bracket is bisected to
/// [`IRR_TOLERANCE`], and the root closest to 0 is reported.
fn irr(net: &[i64]) -> Irr {
    let changes = sign_changes(net);
    if changes == 0 {
        return Irr::None {
            reason: "the cash flows never change sign".to_owned(),
        };
    }
    let f = |rate: f64| npv(net, rate);
    let (low_ln, high_ln) = ((1.0 + IRR_LOWER).ln(), (1.0 + IRR_UPPER).ln());
    let grid = |i: u32| match i {
        0 => IRR_LOWER,
        i if i == IRR_GRID_STEPS => IRR_UPPER,
        i => (low_ln + (high_ln - low_ln) * f64::from(i) / f64::from(IRR_GRID_STEPS)).exp() - 1.0,
    };

    let mut best: Option<f64> = None;
    let mut keep = |root: f64| {
        if best.is_none_or(|b| root.abs() < b.abs()) {
            best = Some(root);
        }
    };
    let mut previous = (IRR_LOWER, f(IRR_LOWER));
    if previous.1 == 0.0 {
        keep(previous.0);
    }
    for i in 1..=IRR_GRID_STEPS {
        let rate = grid(i);
        let value = f(rate);
        if value == 0.0 {
            keep(rate);
        } else if previous.1 != 0.0 && (previous.1 < 0.0) != (value < 0.0) {
            keep(bisect(&f, previous.0, rate, previous.1 < 0.0));
        }
        previous = (rate, value);
    }
    match best {
        Some(rate) => Irr::Rate {
            rate,
            multiple: changes > 1,
        },
        None => Irr::None {
            reason: format!(
                "the cash flows change sign, but no discount rate between {:.0}% and {:.0}% \
                 makes the NPV zero",
                IRR_LOWER * 100.0,
                IRR_UPPER * 100.0
            ),
        },
    }
}

/// A root of `f` in `[low, high]`, where `f(low)` is negative iff `low_negative` and `f(high)`
/// has the other sign.
fn bisect(f: &impl Fn(f64) -> f64, mut low: f64, mut high: f64, low_negative: bool) -> f64 {
    // 200 halvings take any bracket in the searched range far below the tolerance.
    for _ in 0..200 {
        if high - low <= IRR_TOLERANCE {
            break;
        }
        let mid = low + (high - low) / 2.0;
        let value = f(mid);
        if value == 0.0 {
            return mid;
        }
        if (value < 0.0) == low_negative {
            low = mid;
        } else {
            high = mid;
        }
    }
    low + (high - low) / 2.0
}

/// Years until the cumulative stays non-negative to the horizon (see
/// [`Evaluation::payback_years`]).
fn payback(cumulative: &[i64]) -> Option<f64> {
    let Some(last_negative) = cumulative.iter().rposition(|c| *c < 0) else {
        return Some(0.0);
    };
    let after = *cumulative.get(last_negative + 1)?;
    let before = cumulative[last_negative] as f64;
    Some(last_negative as f64 + -before / (after as f64 - before))
}

// ---------------------------------------------------------------------------------------------
// Inputs that sensitivity and break-even vary

/// One input of a benefit driver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DriverInput {
    Minutes,
    Requests,
    HourlyCost,
    Complaints,
    CostPerComplaint,
    Amount,
}

impl DriverInput {
    fn key(self) -> &'static str {
        match self {
            DriverInput::Minutes => "minutes",
            DriverInput::Requests => "requests",
            DriverInput::HourlyCost => "hourly_cost",
            DriverInput::Complaints => "complaints",
            DriverInput::CostPerComplaint => "cost_per_complaint",
            DriverInput::Amount => "amount",
        }
    }

    fn label(self) -> &'static str {
        match self {
            DriverInput::Minutes => "minutes saved per request",
            DriverInput::Requests => "requests per year",
            DriverInput::HourlyCost => "hourly cost",
            DriverInput::Complaints => "complaints avoided per year",
            DriverInput::CostPerComplaint => "cost per complaint",
            DriverInput::Amount => "amount per year",
        }
    }

    /// Whether break-even is reported for this input.
    fn has_break_even(self) -> bool {
        matches!(
            self,
            DriverInput::Minutes | DriverInput::Requests | DriverInput::Complaints
        )
    }
}

/// An input that sensitivity or break-even varies.
#[derive(Debug, Clone, Copy)]
enum Input {
    Driver(usize, DriverInput),
    Category(CostCategory),
    DiscountRate,
}

impl Input {
    /// The inputs of a case: every driver input (for sensitivity) or those with a break-even,
    /// the categories with a cost, and (for sensitivity) the discount rate.
    fn all(case: &Case, schedule: &Schedule, for_sensitivity: bool) -> Vec<Input> {
        let mut inputs: Vec<Input> = case
            .benefits
            .iter()
            .enumerate()
            .flat_map(|(i, driver)| {
                driver
                    .inputs()
                    .iter()
                    .filter(move |input| for_sensitivity || input.has_break_even())
                    .map(move |input| Input::Driver(i, *input))
            })
            .collect();
        let totals = category_totals_f64(schedule);
        inputs.extend(
            CostCategory::ALL
                .iter()
                .filter(|c| totals[c.index()] != 0.0)
                .map(|c| Input::Category(*c)),
        );
        if for_sensitivity {
            inputs.push(Input::DiscountRate);
        }
        inputs
    }

    fn key(self) -> String {
        match self {
            Input::Driver(index, input) => format!("benefit.{index}.{}", input.key()),
            Input::Category(category) => format!("cost.{}", category.key()),
            Input::DiscountRate => "discount_rate".to_owned(),
        }
    }

    fn label(self, case: &Case) -> String {
        match self {
            Input::Driver(index, input) => {
                let driver = case.benefits.get(index).map_or("", BenefitDriver::label);
                format!("{driver}: {}", input.label())
            }
            Input::Category(CostCategory::Other) => "Other costs".to_owned(),
            Input::Category(category) => format!("{} costs", category.name()),
            Input::DiscountRate => "Discount rate".to_owned(),
        }
    }

    fn base_value(self, case: &Case, schedule: &Schedule) -> f64 {
        match self {
            Input::Driver(index, input) => case
                .benefits
                .get(index)
                .and_then(|driver| driver.input_value(input))
                .unwrap_or_default(),
            Input::Category(category) => category_totals_f64(schedule)[category.index()],
            Input::DiscountRate => case.params.discount_rate,
        }
    }

    /// The input at `factor` × its value; `None` for a rate that would not be above −1.
    fn scaled(self, case: &Case, factor: f64) -> Option<Override> {
        match self {
            Input::Driver(index, input) => {
                let base = case.benefits.get(index)?.input_value(input)?;
                Some(Override::Driver {
                    index,
                    input,
                    value: base * factor,
                })
            }
            Input::Category(category) => Some(Override::Category { category, factor }),
            Input::DiscountRate => {
                let rate = case.params.discount_rate * factor;
                (rate > -1.0).then_some(Override::DiscountRate(rate))
            }
        }
    }

    /// The input at `value`; `base` is its current value (> 0 for a category).
    fn at(self, value: f64, base: f64) -> Override {
        match self {
            Input::Driver(index, input) => Override::Driver {
                index,
                input,
                value,
            },
            Input::Category(category) => Override::Category {
                category,
                factor: value / base,
            },
            Input::DiscountRate => Override::DiscountRate(value),
        }
    }
}

fn category_totals_f64(schedule: &Schedule) -> [f64; CostCategory::ALL.len()] {
    let mut totals = [0.0; CostCategory::ALL.len()];
    for year in &schedule.by_category {
        for (total, cents) in totals.iter_mut().zip(year) {
            *total += *cents as f64;
        }
    }
    totals
}

// ---------------------------------------------------------------------------------------------
// Cents

/// Rounds to whole cents, half away from zero. Saturates outside `i64` (NaN gives 0); callers
/// that take amounts from inputs use [`to_cents`], which refuses such values.
fn round_cents(value: f64) -> i64 {
    value.round() as i64
}

/// Rounds to whole cents, half away from zero, refusing non-finite or huge values.
fn to_cents(value: f64) -> Result<i64> {
    if value.is_finite() && value.abs() < MAX_INTERMEDIATE_CENTS {
        Ok(round_cents(value))
    } else {
        Err(invalid(format!(
            "an amount of {value} cents is out of range"
        )))
    }
}

fn add(a: i64, b: i64) -> Result<i64> {
    a.checked_add(b).ok_or_else(overflow)
}

fn sub(a: i64, b: i64) -> Result<i64> {
    a.checked_sub(b).ok_or_else(overflow)
}

fn sum(values: impl IntoIterator<Item = i64>) -> Result<i64> {
    values.into_iter().try_fold(0, add)
}

fn overflow() -> Error {
    invalid("the amounts are too large: a total does not fit in 64 bits".to_owned())
}

/// A year index as the `u32` it came from (at most [`MAX_HORIZON_YEARS`]).
fn year_number(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_cents(0.5), 1);
        assert_eq!(round_cents(-0.5), -1);
        assert_eq!(round_cents(2.5), 3);
        assert_eq!(round_cents(-2.5), -3);
        assert_eq!(round_cents(0.49999999), 0);
    }

    #[test]
    fn sign_changes_skip_zeros() {
        assert_eq!(sign_changes(&[0, 0, 0]), 0);
        assert_eq!(sign_changes(&[-1, 0, 2, 0, 3]), 1);
        assert_eq!(sign_changes(&[-1, 2, -3, 4]), 3);
    }

    #[test]
    fn payback_uses_the_last_crossing() {
        assert_eq!(payback(&[0, 5]), Some(0.0));
        assert_eq!(payback(&[-10, -5, 0]), Some(2.0));
        assert_eq!(payback(&[-10, 10, -10, 10]), Some(2.5));
        assert_eq!(payback(&[-10, 10, -1]), None);
    }

    #[test]
    fn irr_of_a_two_year_annuity() {
        // -100 + 60/(1+r) + 60/(1+r)^2 = 0  ⇒  1+r = (60 + √(3600 + 24000)) / 200 = 1.130662...
        let expected = (60.0 + (3600.0_f64 + 24000.0).sqrt()) / 200.0 - 1.0;
        let Irr::Rate { rate, multiple } = irr(&[-100, 60, 60]) else {
            panic!("no IRR")
        };
        assert!((rate - expected).abs() < 1e-9, "{rate} vs {expected}");
        assert!(!multiple);
    }
}

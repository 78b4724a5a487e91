//! The cost-benefit case of a workspace: its inputs, the training records' costs, what the
//! workspace measured, and the expected and measured scenarios.

use super::Workspace;
use crate::clock::Clock;
use crate::costbenefit::*;
use crate::store;
use crate::{Error, Result};

const PARAMS_KEY: &str = "cost_benefit_params";

impl Workspace {
    pub fn cb_params(&self) -> Result<CbParams> {
        match store::get_setting(&self.conn, PARAMS_KEY)? {
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| Error::Invalid(format!("cost-benefit parameters: {e}"))),
            None => Ok(CbParams::default()),
        }
    }

    pub fn set_cb_params(&self, p: &CbParams) -> Result<()> {
        if !(1..=finance::MAX_HORIZON_YEARS).contains(&p.horizon_years) {
            return Err(Error::Invalid(format!(
                "horizon: {} years is outside 1–{}",
                p.horizon_years,
                finance::MAX_HORIZON_YEARS
            )));
        }
        if !p.discount_rate.is_finite() || p.discount_rate <= -1.0 || p.discount_rate > 1.0 {
            return Err(Error::Invalid(format!(
                "discount rate: {} is outside −100%…100%",
                p.discount_rate
            )));
        }
        let json = serde_json::to_string(p).map_err(|e| Error::Invalid(e.to_string()))?;
        store::set_setting(&self.conn, PARAMS_KEY, &json)
    }

    pub fn save_cost(&self, c: &StoredCost) -> Result<i64> {
        store::save_cost(&self.conn, c)
    }

    pub fn delete_cost(&self, id: i64) -> Result<()> {
        store::delete_cost(&self.conn, id)
    }

    pub fn save_driver(&self, d: &StoredDriver) -> Result<i64> {
        // Checked by evaluating it alone: the messages name the field.
        finance::evaluate(&finance::Case {
            params: Params {
                horizon_years: finance::MAX_HORIZON_YEARS,
                discount_rate: 0.0,
            },
            costs: Vec::new(),
            benefits: vec![d.driver.clone()],
        })?;
        store::save_driver(&self.conn, d)
    }

    pub fn delete_driver(&self, id: i64) -> Result<()> {
        store::delete_driver(&self.conn, id)
    }

    /// Training costs from the training records: each held session's course cost, by the
    /// cash-flow year it fell in (within the horizon).
    fn training_costs(&self, p: &CbParams) -> Result<Vec<CategoryYear>> {
        let data = store::load_people(&self.conn)?;
        let mut by_year = std::collections::BTreeMap::<u32, i64>::new();
        for c in &data.courses {
            for s in c
                .sessions
                .iter()
                .filter(|s| s.attendance.iter().any(|a| a.attended))
            {
                let y = year_of(p.start, s.held_on);
                if y <= p.horizon_years {
                    *by_year.entry(y).or_default() += c.cost_cents;
                }
            }
        }
        Ok(by_year
            .into_iter()
            .map(|(year, cents)| CategoryYear { year, cents })
            .collect())
    }

    /// What the workspace measured: baseline quarter against the latest.
    fn measurement(&self, p: &CbParams, clock: &dyn Clock) -> Result<Option<Measured>> {
        let quarters = self.quarters()?; // newest first
        let (Some(&current), Some(&first)) = (quarters.first(), quarters.last()) else {
            return Ok(None);
        };
        let baseline = p.baseline.unwrap_or(first);
        let now = self.metrics(current, clock)?;
        let base = self.metrics(baseline, clock)?.overall;
        let cur = &now.overall;
        let rel = |b: Option<f64>, c: Option<f64>| match (b, c) {
            (Some(b), Some(c)) if b.abs() > 1e-12 => Some((c - b) / b * 100.0),
            _ => None,
        };
        let efficiency = rel(base.median_resolution_hours, cur.median_resolution_hours);
        let satisfaction = rel(base.csat, cur.csat);
        Ok(Some(Measured {
            baseline,
            current,
            baseline_median_hours: base.median_resolution_hours,
            current_median_hours: cur.median_resolution_hours,
            minutes_saved_per_request: match (
                base.median_resolution_hours,
                cur.median_resolution_hours,
            ) {
                (Some(b), Some(c)) => Some((b - c) * 60.0),
                _ => None,
            },
            requests_per_year: now.trend.iter().map(|t| t.figures.volume).sum(),
            baseline_csat: base.csat,
            current_csat: cur.csat,
            efficiency_change_pct: efficiency,
            satisfaction_change_pct: satisfaction,
            efficiency_target_met: efficiency.map(|e| e <= -PLAN_EFFICIENCY_PCT + 1e-9),
            satisfaction_target_met: satisfaction.map(|s| s + 1e-9 >= PLAN_SATISFACTION_PCT),
        }))
    }

    /// The case with both scenarios evaluated.
    pub fn cost_benefit(&self, clock: &dyn Clock) -> Result<CostBenefit> {
        let params = self.cb_params()?;
        let costs = store::list_costs(&self.conn)?;
        let drivers = store::list_drivers(&self.conn)?;
        let training = if params.include_training_records {
            self.training_costs(&params)?
        } else {
            Vec::new()
        };
        let mut notes = Vec::new();
        // A cost after the horizon (the horizon was shortened) is left out, and said so.
        let mut items: Vec<CostItem> = Vec::new();
        for c in &costs {
            if c.from_year > params.horizon_years {
                notes.push(format!(
                    "cost item '{}' falls in year {}, after the {}-year horizon: not counted",
                    c.label, c.from_year, params.horizon_years
                ));
            } else {
                items.push(c.item());
            }
        }
        items.extend(training.iter().map(|t| CostItem {
            category: CostCategory::Training,
            label: format!("training records, year {}", t.year),
            amount_cents: t.cents,
            recurring: false,
            from_year: t.year,
            to_year: None,
        }));
        let entered: Vec<BenefitDriver> = drivers.iter().map(|d| d.driver.clone()).collect();
        let expected = if items.is_empty() && entered.is_empty() {
            notes.push("no costs or benefit drivers yet".into());
            None
        } else {
            match scenario(&params, items.clone(), entered) {
                Ok(s) => Some(s),
                Err(e) => {
                    notes.push(format!("expected: {e}"));
                    None
                }
            }
        };
        let measurement = self.measurement(&params, clock)?;
        let measured = match (&measurement, &expected) {
            (Some(m), Some(_)) => {
                let benefits = measured_drivers(&drivers, m, &mut notes);
                match scenario(&params, items, benefits) {
                    Ok(s) => Some(s),
                    Err(e) => {
                        notes.push(format!("measured: {e}"));
                        None
                    }
                }
            }
            (None, _) => {
                notes.push("measured: the workspace has no tickets to measure yet".into());
                None
            }
            _ => None,
        };
        Ok(CostBenefit {
            params,
            costs,
            drivers,
            training_from_records: training,
            expected,
            measured,
            measurement,
            notes,
        })
    }
}

impl Workspace {
    /// The cost-benefit report: PDF bytes, or the tables as an XLSX workbook when `path` ends
    /// in `.xlsx`.
    pub fn cost_benefit_file(
        &self,
        path: &std::path::Path,
        lang: crate::report::Lang,
        clock: &dyn Clock,
    ) -> Result<Vec<u8>> {
        let cb = self.cost_benefit(clock)?;
        let organisation = self.settings()?.organisation;
        let xlsx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        if xlsx {
            crate::report::cost_benefit_xlsx(&cb, lang)
        } else {
            crate::report::cost_benefit_pdf(&cb, &organisation, lang, clock.now())
        }
    }
}

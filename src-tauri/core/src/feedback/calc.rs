//! Pure calculations of feedback and improvement: a metric's value from the figures, the change
//! between two periods, the programme evaluation, each action's measured result, the review
//! meeting's pre-fill and the comment excerpts chosen by rule. No SQL, no clock.

use super::model::*;
use crate::domain::Quarter;
use crate::metrics::{Figures, Measure, QuarterMetrics};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a metric needs beyond the ticket figures.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Extra {
    pub complaints: u64,
    /// People who resolved at least one ticket in the period.
    pub resolvers: u64,
}

/// The value of `key` for one period (None = not measured).
pub fn value(f: &Figures, extra: Extra, key: MetricKey) -> Option<f64> {
    match key {
        MetricKey::ResponseAttainment => f.response.pct,
        MetricKey::ResolutionAttainment => f.resolution.pct,
        MetricKey::Csat => f.csat,
        MetricKey::MeanScore => f.mean_score,
        MetricKey::ResponseRate => f.response_rate,
        MetricKey::MedianResolutionHours => f.median_resolution_hours,
        MetricKey::P90ResolutionHours => f.p90_resolution_hours,
        MetricKey::ReassignmentRate => f.reassignment_rate,
        MetricKey::ReopenRate => f.reopen_rate,
        MetricKey::Volume => Some(f.volume as f64),
        MetricKey::ResolvedPerStaff => {
            (extra.resolvers > 0).then(|| f.resolved as f64 / extra.resolvers as f64)
        }
        MetricKey::Complaints => Some(extra.complaints as f64),
    }
}

/// Baseline against now: absolute and relative difference, and whether it is better.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Change {
    pub baseline: Option<f64>,
    pub current: Option<f64>,
    /// current − baseline (points for percentages).
    pub abs: Option<f64>,
    /// (current − baseline) ÷ baseline × 100; None when the baseline is 0 or missing.
    pub rel_pct: Option<f64>,
    /// Better (true), worse (false), unchanged or neutral (None).
    pub improved: Option<bool>,
}

pub fn change(key: MetricKey, baseline: Option<f64>, current: Option<f64>) -> Change {
    let abs = baseline.zip(current).map(|(b, c)| c - b);
    let rel_pct = baseline
        .zip(current)
        .and_then(|(b, c)| (b != 0.0).then(|| (c - b) / b.abs() * 100.0));
    let improved = match (abs, key.higher_is_better()) {
        (Some(d), Some(up)) if d != 0.0 => Some((d > 0.0) == up),
        _ => None,
    };
    Change {
        baseline,
        current,
        abs,
        rel_pct,
        improved,
    }
}

/// The programme's targets (the plan: delivery +20% more efficient, satisfaction +10%).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct ProgrammeTargets {
    /// Efficiency: the median resolution time must fall by at least this %.
    pub efficiency_pct: f64,
    /// Satisfaction: CSAT must rise by at least this % (relative).
    pub satisfaction_pct: f64,
}

impl Default for ProgrammeTargets {
    fn default() -> Self {
        ProgrammeTargets {
            efficiency_pct: crate::costbenefit::PLAN_EFFICIENCY_PCT,
            satisfaction_pct: crate::costbenefit::PLAN_SATISFACTION_PCT,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EvalRow {
    pub metric: MetricKey,
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TargetJudgement {
    /// The metric it is judged on.
    pub metric: MetricKey,
    /// The required relative change, % (efficiency: a fall of this much).
    pub target_pct: f64,
    pub change_pct: Option<f64>,
    pub met: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProgrammeEvaluation {
    pub baseline: Quarter,
    pub current: Quarter,
    pub targets: ProgrammeTargets,
    pub rows: Vec<EvalRow>,
    pub efficiency: TargetJudgement,
    pub satisfaction: TargetJudgement,
}

/// Every metric at the baseline and now, and the programme's two targets judged on them:
/// efficiency on the median resolution time (down by at least `efficiency_pct` %), satisfaction
/// on CSAT (up by at least `satisfaction_pct` %, relative).
pub fn programme_evaluation(
    baseline: (Quarter, &Figures, Extra),
    current: (Quarter, &Figures, Extra),
    targets: ProgrammeTargets,
) -> ProgrammeEvaluation {
    let rows: Vec<EvalRow> = MetricKey::ALL
        .into_iter()
        .map(|k| EvalRow {
            metric: k,
            change: change(
                k,
                value(baseline.1, baseline.2, k),
                value(current.1, current.2, k),
            ),
        })
        .collect();
    let rel = |k: MetricKey| {
        rows.iter()
            .find(|r| r.metric == k)
            .and_then(|r| r.change.rel_pct)
    };
    let eff = rel(MetricKey::MedianResolutionHours);
    let sat = rel(MetricKey::Csat);
    ProgrammeEvaluation {
        baseline: baseline.0,
        current: current.0,
        targets,
        efficiency: TargetJudgement {
            metric: MetricKey::MedianResolutionHours,
            target_pct: targets.efficiency_pct,
            change_pct: eff,
            met: eff.map(|c| c <= -targets.efficiency_pct + 1e-9),
        },
        satisfaction: TargetJudgement {
            metric: MetricKey::Csat,
            target_pct: targets.satisfaction_pct,
            change_pct: sat,
            met: sat.map(|c| c >= targets.satisfaction_pct - 1e-9),
        },
        rows,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct QuarterValue {
    pub quarter: Quarter,
    pub value: Option<f64>,
}

/// An action with what the data says about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ActionView {
    pub action: Action,
    /// Not done or cancelled, and its due date has passed.
    pub overdue: bool,
    /// The targeted metric in each complete quarter that started after the action was done.
    pub after: Vec<QuarterValue>,
    /// The latest of `after` (the measured value after), None until a quarter after it ends.
    pub measured: Option<QuarterValue>,
    /// The measured value reaches the target (≥ when higher is better, ≤ when lower is).
    pub achieved: Option<bool>,
    /// Baseline value against the measured value.
    pub change: Option<Change>,
}

/// Judges one action. `series` is the targeted metric per quarter (oldest first) for every
/// quarter with data up to `latest`, the last complete quarter; `today` decides "overdue".
pub fn action_view(a: &Action, series: &[QuarterValue], today: NaiveDate) -> ActionView {
    let overdue =
        matches!(a.status, ActionStatus::Open | ActionStatus::InProgress) && a.due_on < today;
    let after: Vec<QuarterValue> = match (a.status, a.done_on, a.metric) {
        (ActionStatus::Done, Some(done), Some(_)) => series
            .iter()
            .filter(|p| p.quarter.start_date() > done)
            .copied()
            .collect(),
        _ => Vec::new(),
    };
    let measured = after.iter().rev().find(|p| p.value.is_some()).copied();
    let achieved = match (a.metric, measured.and_then(|m| m.value), a.target_value) {
        (Some(k), Some(v), Some(t)) => {
            k.higher_is_better()
                .map(|up| if up { v >= t - 1e-9 } else { v <= t + 1e-9 })
        }
        _ => None,
    };
    let change = match (a.metric, measured) {
        (Some(k), Some(m)) => Some(change(k, a.baseline_value, m.value)),
        _ => None,
    };
    ActionView {
        action: a.clone(),
        overdue,
        after,
        measured,
        achieved,
        change,
    }
}

/// A quality standard the quarter missed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MissedStandard {
    pub service_id: i64,
    pub code: String,
    pub name: String,
    pub measure: Measure,
    pub required_pct: f64,
    pub actual_pct: Option<f64>,
}

/// A service whose figure got worse from the previous quarter to this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Falling {
    pub service_id: i64,
    pub code: String,
    pub name: String,
    pub metric: MetricKey,
    pub previous: f64,
    pub current: f64,
}

/// What a new review meeting starts with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MeetingPrefill {
    pub quarter: Quarter,
    pub standards_met: u32,
    pub standards_measured: u32,
    pub missed: Vec<MissedStandard>,
    pub falling: Vec<Falling>,
    /// Actions not done or cancelled, overdue first.
    pub open_actions: Vec<ActionView>,
}

/// Falling means: an attainment or CSAT down by at least 2 points, or the median resolution
/// time up by at least 10%, from the previous quarter to this one.
pub const FALL_POINTS: f64 = 2.0;
pub const FALL_HOURS_PCT: f64 = 10.0;

pub fn meeting_prefill(m: &QuarterMetrics, actions: &[ActionView]) -> MeetingPrefill {
    let mut missed = Vec::new();
    for s in &m.services {
        for c in &s.checks {
            if c.met == Some(false) {
                missed.push(MissedStandard {
                    service_id: s.service_id,
                    code: s.code.clone(),
                    name: s.name.clone(),
                    measure: c.measure,
                    required_pct: c.required_pct,
                    actual_pct: c.actual_pct,
                });
            }
        }
    }
    let mut falling = Vec::new();
    for t in &m.service_trends {
        let n = t.points.len();
        if n < 2 || t.points[n - 1].quarter != m.quarter {
            continue;
        }
        let (prev, cur) = (&t.points[n - 2].figures, &t.points[n - 1].figures);
        for k in [
            MetricKey::ResponseAttainment,
            MetricKey::ResolutionAttainment,
            MetricKey::Csat,
            MetricKey::MedianResolutionHours,
        ] {
            let (Some(p), Some(c)) = (
                value(prev, Extra::default(), k),
                value(cur, Extra::default(), k),
            ) else {
                continue;
            };
            let worse = if k == MetricKey::MedianResolutionHours {
                p > 0.0 && (c - p) / p * 100.0 >= FALL_HOURS_PCT - 1e-9
            } else {
                p - c >= FALL_POINTS - 1e-9
            };
            if worse {
                falling.push(Falling {
                    service_id: t.service_id,
                    code: t.code.clone(),
                    name: t.name.clone(),
                    metric: k,
                    previous: p,
                    current: c,
                });
            }
        }
    }
    let mut open_actions: Vec<ActionView> = actions
        .iter()
        .filter(|a| {
            matches!(
                a.action.status,
                ActionStatus::Open | ActionStatus::InProgress
            )
        })
        .cloned()
        .collect();
    open_actions.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then(a.action.due_on.cmp(&b.action.due_on))
            .then(a.action.code.cmp(&b.action.code))
    });
    MeetingPrefill {
        quarter: m.quarter,
        standards_met: m.standards_met,
        standards_measured: m.standards_measured,
        missed,
        falling,
        open_actions,
    }
}

/// Representative comments of one service: the lowest and the highest scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Excerpts {
    pub service_id: i64,
    pub lowest: Vec<Response>,
    pub highest: Vec<Response>,
}

/// The score placed on 0–1 of its scale, so 2 of 1–5 and 3 of 1–10 compare.
pub fn normalised(r: &Response) -> f64 {
    (r.score - f64::from(r.scale_min)) / f64::from(r.scale_max - r.scale_min)
}

/// Per service (in service-id order), up to `n` commented responses with the lowest normalised
/// score and up to `n` with the highest, never the same one twice. Ties go to the newer
/// response, then the higher id. Responses without a comment are never chosen.
pub fn excerpts(responses: &[Response], n: usize) -> Vec<Excerpts> {
    let mut by_service: std::collections::BTreeMap<i64, Vec<&Response>> = Default::default();
    for r in responses.iter().filter(|r| !r.comment.trim().is_empty()) {
        by_service.entry(r.service_id).or_default().push(r);
    }
    by_service
        .into_iter()
        .map(|(service_id, mut v)| {
            let newer = |a: &&Response, b: &&Response| {
                b.responded_on.cmp(&a.responded_on).then(b.id.cmp(&a.id))
            };
            v.sort_by(|a, b| normalised(a).total_cmp(&normalised(b)).then(newer(a, b)));
            let lowest: Vec<Response> = v.iter().take(n).map(|r| (*r).clone()).collect();
            let mut rest: Vec<&Response> = v
                .iter()
                .filter(|r| !lowest.iter().any(|l| l.id == r.id))
                .copied()
                .collect();
            rest.sort_by(|a, b| normalised(b).total_cmp(&normalised(a)).then(newer(a, b)));
            Excerpts {
                service_id,
                lowest,
                highest: rest.into_iter().take(n).cloned().collect(),
            }
        })
        .collect()
}

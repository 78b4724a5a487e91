//! Breach analysis (where the missed resolution targets are, and why) and drill-down (the
//! tickets behind any figure), on the same evaluation as the figures themselves.

use super::compute::MetricsInput;
use super::eval::{Eval, Evaluator, Outcome};
use super::facts::{OptIndex, TicketFacts};
use crate::domain::Quarter;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// Breaches of one group: resolution targets missed in the quarter ÷ resolution outcomes decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BreachCount {
    /// Service code, priority, category, group or assignee; `None`: tickets without one.
    pub key: Option<String>,
    pub breaches: u64,
    pub measured: u64,
    pub pct: Option<f64>,
}

/// Breaches whose longest wait (business time) was in `state`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WaitShare {
    pub state: String,
    pub breaches: u64,
    /// Share of the breaches that have a status history (0–100).
    pub pct: f64,
}

/// One of the longest tickets: resolved in the quarter, or still open at its end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LongTicket {
    pub ticket_id: i64,
    pub business_hours: f64,
    pub target_hours: Option<f64>,
    pub open: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BreachAnalysis {
    pub quarter: Quarter,
    pub response_breaches: u64,
    pub resolution_breaches: u64,
    pub resolution_measured: u64,
    pub by_service: Vec<BreachCount>,
    pub by_priority: Vec<BreachCount>,
    pub by_category: Vec<BreachCount>,
    pub by_group: Vec<BreachCount>,
    pub by_assignee: Vec<BreachCount>,
    /// The 20 tickets with the longest business resolution time, longest first.
    pub longest: Vec<LongTicket>,
    /// Breached tickets by the state they waited longest in, most first.
    pub waits: Vec<WaitShare>,
    /// Breached tickets without a status history (their waits are unknown).
    pub without_history: u64,
}

/// How many rows of each "by" list the analysis keeps (most breaches first).
pub const BREACH_TOP: usize = 15;
pub const LONGEST: usize = 20;

fn counts(map: BTreeMap<Option<String>, (u64, u64)>) -> Vec<BreachCount> {
    let mut v: Vec<BreachCount> = map
        .into_iter()
        .map(|(key, (breaches, measured))| BreachCount {
            key,
            breaches,
            measured,
            pct: (measured > 0).then(|| breaches as f64 * 100.0 / measured as f64),
        })
        .filter(|c| c.breaches > 0)
        .collect();
    v.sort_by(|a, b| b.breaches.cmp(&a.breaches).then_with(|| a.key.cmp(&b.key)));
    v.truncate(BREACH_TOP);
    v
}

pub fn breach_analysis(input: &MetricsInput, quarter: Quarter) -> BreachAnalysis {
    let ev = Evaluator::new(input);
    let (start, end) = (quarter.start_secs(), quarter.end_secs());
    let in_q = |s: i64| start <= s && s < end;
    let end_eff = end.min(input.as_of);
    let label = |i: OptIndex| input.label(i).map(str::to_string);
    let code: BTreeMap<i64, String> = input
        .services
        .iter()
        .map(|s| (s.id, s.code.clone()))
        .collect();
    let mut dims: [BTreeMap<Option<String>, (u64, u64)>; 5] = Default::default();
    let (mut response_breaches, mut resolution_breaches, mut measured) = (0, 0, 0);
    let mut longest: Vec<LongTicket> = Vec::new();
    let mut waits: BTreeMap<u32, u64> = BTreeMap::new();
    let (mut with_history, mut without_history) = (0u64, 0u64);
    for (i, t) in input.each() {
        let e = ev.evaluate_at(i, t);
        if e.response.is_some_and(|o| in_q(o.at) && !o.met) {
            response_breaches += 1;
        }
        if let Some(o) = e.resolution.filter(|o| in_q(o.at)) {
            measured += 1;
            let breached = u64::from(!o.met);
            resolution_breaches += breached;
            let keys = [
                code.get(&t.service_id).cloned(),
                label(t.priority),
                label(t.category),
                label(t.group),
                label(t.assignee),
            ];
            for (map, key) in dims.iter_mut().zip(keys) {
                let c = map.entry(key).or_default();
                c.0 += breached;
                c.1 += 1;
            }
            if !o.met {
                if t.history.is_empty() {
                    without_history += 1;
                } else {
                    with_history += 1;
                    let until = t.resolved.get().unwrap_or(o.at).min(end_eff.max(o.at));
                    if let Some((state, _)) = ev
                        .time_in_states(t, until)
                        .into_iter()
                        .max_by_key(|&(s, secs)| (secs, std::cmp::Reverse(s)))
                    {
                        *waits.entry(state).or_default() += 1;
                    }
                }
            }
        }
        // Longest: resolved in the quarter, or opened before its end and still open then.
        let (secs, open) = match t.resolved.get() {
            Some(r) if in_q(r) => (e.resolution_secs.unwrap_or(0), false),
            r if t.opened < end_eff && r.is_none_or(|r| r >= end_eff) => {
                let cal = ev.calendar_of(e.standard);
                let pauses = ev.pauses(t, e.standard);
                let z = input.zone;
                let from = z.to_utc(t.opened);
                (
                    cal.elapsed_excluding(from, z.to_utc(end_eff), &pauses),
                    true,
                )
            }
            _ => continue,
        };
        longest.push(LongTicket {
            ticket_id: t.id,
            business_hours: secs as f64 / 3600.0,
            target_hours: e.resolution_target_secs.map(|s| s as f64 / 3600.0),
            open,
        });
        if longest.len() > 4 * LONGEST {
            trim_longest(&mut longest);
        }
    }
    trim_longest(&mut longest);
    let mut waits: Vec<WaitShare> = waits
        .into_iter()
        .map(|(s, n)| WaitShare {
            state: input.labels.get(s as usize).cloned().unwrap_or_default(),
            breaches: n,
            pct: n as f64 * 100.0 / with_history.max(1) as f64,
        })
        .collect();
    waits.sort_by(|a, b| {
        b.breaches
            .cmp(&a.breaches)
            .then_with(|| a.state.cmp(&b.state))
    });
    let [by_service, by_priority, by_category, by_group, by_assignee] = dims.map(counts);
    BreachAnalysis {
        quarter,
        response_breaches,
        resolution_breaches,
        resolution_measured: measured,
        by_service,
        by_priority,
        by_category,
        by_group,
        by_assignee,
        longest,
        waits,
        without_history,
    }
}

fn trim_longest(v: &mut Vec<LongTicket>) {
    v.sort_by(|a, b| {
        b.business_hours
            .total_cmp(&a.business_hours)
            .then(a.ticket_id.cmp(&b.ticket_id))
    });
    v.truncate(LONGEST);
}

/// Which figure to drill into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DrillMeasure {
    /// Opened in the period.
    Volume,
    /// Resolved in the period.
    Resolved,
    ResponseMet,
    ResponseBreached,
    ResponseRunning,
    ResolutionMet,
    ResolutionBreached,
    ResolutionRunning,
}

/// Whose tickets: everyone's, one service's, one priority's, or one group of a dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum DrillScope {
    Overall,
    Service(i64),
    /// `None`: tickets without a priority.
    Priority(Option<String>),
    Category(Option<String>),
    Group(Option<String>),
    Assignee(Option<String>),
}

/// A ticket behind a figure, with what the metrics made of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Drilled<'a> {
    pub ticket: &'a TicketFacts,
    pub eval: Eval<'a>,
}

/// The tickets behind `measure` for `scope` in local `[start, end)`, in ticket order.
pub fn drill<'a>(
    input: &'a MetricsInput<'a>,
    start: i64,
    end: i64,
    scope: &DrillScope,
    measure: DrillMeasure,
) -> Vec<Drilled<'a>> {
    let ev = Evaluator::new(input);
    let in_p = |s: i64| start <= s && s < end;
    let end_eff = end.min(input.as_of);
    let running = |t: &TicketFacts, o: Option<Outcome>| {
        t.opened < end_eff && o.is_none_or(|o| o.at >= end_eff)
    };
    let mut out = Vec::new();
    for (i, t) in input.each() {
        let keep = match scope {
            DrillScope::Overall => true,
            DrillScope::Service(id) => t.service_id == *id,
            DrillScope::Priority(p) => input.label(t.priority) == p.as_deref(),
            DrillScope::Category(c) => input.label(t.category) == c.as_deref(),
            DrillScope::Group(g) => input.label(t.group) == g.as_deref(),
            DrillScope::Assignee(a) => input.label(t.assignee) == a.as_deref(),
        };
        if !keep {
            continue;
        }
        let e = ev.evaluate_at(i, t);
        let has_std = e.standard.is_some();
        let hit = match measure {
            DrillMeasure::Volume => in_p(t.opened),
            DrillMeasure::Resolved => t.resolved.get().is_some_and(in_p),
            DrillMeasure::ResponseMet => e.response.is_some_and(|o| o.met && in_p(o.at)),
            DrillMeasure::ResponseBreached => e.response.is_some_and(|o| !o.met && in_p(o.at)),
            DrillMeasure::ResponseRunning => {
                has_std && t.response_tracked && running(t, e.response)
            }
            DrillMeasure::ResolutionMet => e.resolution.is_some_and(|o| o.met && in_p(o.at)),
            DrillMeasure::ResolutionBreached => e.resolution.is_some_and(|o| !o.met && in_p(o.at)),
            DrillMeasure::ResolutionRunning => has_std && running(t, e.resolution),
        };
        if hit {
            out.push(Drilled { ticket: t, eval: e });
        }
    }
    out
}

/// A ticket as a drill-down or the breach analysis lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TicketRow {
    pub id: i64,
    pub source: String,
    pub key: String,
    pub service: String,
    pub priority: Option<String>,
    pub category: Option<String>,
    pub group: Option<String>,
    pub assignee: Option<String>,
    pub state: Option<String>,
    /// Local times, `YYYY-MM-DD HH:MM`.
    pub opened: String,
    pub first_response: Option<String>,
    pub resolved: Option<String>,
    /// Business hours from opening to resolution (pauses excluded); for open tickets, so far.
    pub business_hours: Option<f64>,
    pub target_hours: Option<f64>,
    /// `Some(true)` met, `Some(false)` breached, `None` undecided or not measured.
    pub response_met: Option<bool>,
    pub resolution_met: Option<bool>,
    /// The calendar the times were measured on, and the standard version (its effective date).
    pub calendar: String,
    pub standard_from: Option<String>,
    /// Hours paused (business time) in the pause states of the standard.
    pub paused_hours: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DrillResult {
    pub total: u64,
    pub rows: Vec<TicketRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BreachReport {
    pub analysis: BreachAnalysis,
    /// The longest tickets, in the analysis' order.
    pub longest: Vec<TicketRow>,
}

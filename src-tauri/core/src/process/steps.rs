//! The request process measured step by step: step times, the bottleneck of tickets that
//! missed their resolution target, and feedback coverage.

use super::model::{BottleneckShare, Milestone, SopStep, StepFigures, StepTimes, TicketMilestones};
use crate::metrics::percentile_inc;

/// Business seconds of ticket `i` from `a` to `b`; 0 when `b` is before `a`.
fn span(business: &dyn Fn(usize, i64, i64) -> i64, i: usize, a: i64, b: i64) -> i64 {
    if b <= a {
        0
    } else {
        business(i, a, b)
    }
}

/// The two milestones of a step timed from tickets.
fn bounds(step: &SopStep) -> Option<(Milestone, Milestone)> {
    Some((step.from?, step.to?))
}

/// `business(i, from, to)`: business seconds of ticket `i` between two local moments (its
/// service's calendar, minus its pauses), `from <= to`.
///
/// Per step: the tickets carrying both its milestones are measured; a later milestone before the
/// earlier one counts 0. Median and P90 are Excel PERCENTILE.INC over the tickets' business
/// hours; within target = time ≤ target. A step bound to fewer than two milestones, or whose
/// milestones no ticket carries, is not measured (None, never zero).
///
/// Bottleneck: over tickets that missed the resolution target and were resolved, each measured
/// step's time clipped to [opened, resolved], summed, as a share of their summed business time
/// from opened to resolved; the unaccounted share is 100 − the shares' sum (at least 0).
pub fn step_times(
    steps: &[SopStep],
    tickets: &[TicketMilestones],
    business: &dyn Fn(usize, i64, i64) -> i64,
) -> StepTimes {
    let opened = Milestone::Opened.index();
    let resolved = Milestone::Resolved.index();
    let feedback = Milestone::Feedback.index();

    let mut figures = Vec::with_capacity(steps.len());
    for (pos, step) in steps.iter().enumerate() {
        let mut secs: Vec<i64> = Vec::new();
        if let Some((from, to)) = bounds(step) {
            for (i, t) in tickets.iter().enumerate() {
                if let (Some(a), Some(b)) = (t.at[from.index()], t.at[to.index()]) {
                    secs.push(span(business, i, a, b));
                }
            }
        }
        let measured = !secs.is_empty();
        let mut hours: Vec<f64> = secs.iter().map(|&s| s as f64 / 3600.0).collect();
        hours.sort_by(f64::total_cmp);
        let within_target_pct = match step.target_hours {
            Some(target) if measured => {
                let limit = target * 3600.0;
                let within = secs.iter().filter(|&&s| s as f64 <= limit).count();
                Some(within as f64 / secs.len() as f64 * 100.0)
            }
            _ => None,
        };
        figures.push(StepFigures {
            pos,
            name_zh: step.name_zh.clone(),
            name_en: step.name_en.clone(),
            from: step.from,
            to: step.to,
            target_hours: step.target_hours,
            measured,
            tickets: secs.len() as u64,
            median_hours: percentile_inc(&hours, 0.5),
            p90_hours: percentile_inc(&hours, 0.9),
            within_target_pct,
        });
    }

    // The bottleneck of the tickets that missed their resolution target.
    let missed: Vec<(usize, i64, i64)> = tickets
        .iter()
        .enumerate()
        .filter(|(_, t)| t.resolution_missed == Some(true))
        .filter_map(|(i, t)| Some((i, t.at[opened]?, t.at[resolved]?)))
        .collect();
    let base: i64 = missed
        .iter()
        .map(|&(i, o, r)| span(business, i, o, r))
        .sum();
    let mut bottleneck = Vec::with_capacity(steps.len());
    let mut shares_sum = 0.0;
    for (step, fig) in steps.iter().zip(&figures) {
        let mut secs: i64 = 0;
        let measured = fig.measured;
        if let (true, Some((from, to))) = (measured, bounds(step)) {
            for &(i, o, r) in &missed {
                let t = &tickets[i];
                if let (Some(a), Some(b)) = (t.at[from.index()], t.at[to.index()]) {
                    // Clipped to [opened, resolved]; out of order (b < a) stays 0.
                    secs += span(business, i, a.max(o), b.min(r));
                }
            }
        }
        let share_pct = if measured && base > 0 {
            let s = secs as f64 / base as f64 * 100.0;
            shares_sum += s;
            Some(s)
        } else {
            None
        };
        bottleneck.push(BottleneckShare {
            pos: fig.pos,
            name_zh: step.name_zh.clone(),
            name_en: step.name_en.clone(),
            share_pct,
            hours: secs as f64 / 3600.0,
        });
    }
    let unaccounted_pct = (base > 0).then(|| (100.0 - shares_sum).max(0.0));

    let resolved_tickets = tickets.iter().filter(|t| t.at[resolved].is_some()).count() as u64;
    let with_feedback = tickets
        .iter()
        .filter(|t| t.at[resolved].is_some() && t.at[feedback].is_some())
        .count();
    let feedback_coverage_pct =
        (resolved_tickets > 0).then(|| with_feedback as f64 / resolved_tickets as f64 * 100.0);

    StepTimes {
        steps: figures,
        missed_tickets: missed.len() as u64,
        bottleneck,
        unaccounted_pct,
        feedback_coverage_pct,
        resolved_tickets,
    }
}

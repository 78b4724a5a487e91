//! The request process measured step by step: step times, the bottleneck of tickets that
//! missed their resolution target, and feedback coverage.

use super::model::{SopStep, StepTimes, TicketMilestones};

/// `business(i, from, to)`: business seconds of ticket `i` between two local moments (its
/// service's calendar, minus its pauses), `from <= to`.
pub fn step_times(
    steps: &[SopStep],
    tickets: &[TicketMilestones],
    business: &dyn Fn(usize, i64, i64) -> i64,
) -> StepTimes {
    let _ = (steps, tickets, business);
    todo!()
}

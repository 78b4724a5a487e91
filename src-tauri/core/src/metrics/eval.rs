//! One ticket against the standard in force at its opening: business durations, deadlines and
//! outcomes, on the standard's calendar (or an override) with the standard's pause states.

use super::compute::MetricsInput;
use super::facts::{OptSecs, TicketFacts};
use crate::calendar::{Calendar, CalendarDef};
use crate::domain::QualityStandard;
use std::collections::HashMap;

/// Outcome of one ticket against one target: decided at `at` (local seconds), met or breached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub at: i64,
    pub met: bool,
}

/// What the metrics know about one ticket once evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct Eval<'a> {
    pub standard: Option<&'a QualityStandard>,
    /// Response outcome (`None`: undecided at `as_of`, not tracked, or no standard).
    pub response: Option<Outcome>,
    pub resolution: Option<Outcome>,
    /// Business seconds from opening to resolution, pauses excluded.
    pub resolution_secs: Option<i64>,
    /// The resolution target of the standard in force, in business seconds.
    pub resolution_target_secs: Option<i64>,
}

/// A ticket judged against its standard, independent of the moment it is looked at: the
/// standard in force, the deadlines and whether each target was met. `Judged::eval` turns it into
/// the outcomes as of a moment. The workspace keeps one per loaded ticket (`judge_all`), so a
/// ticket is judged once however many figures, periods and reports count it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judged {
    /// Index into `MetricsInput::standards` of the standard in force (`NONE`: none).
    standard: u32,
    response: Due,
    resolution: Due,
    resolution_secs: OptSecs,
}

/// One target's deadline (local seconds; none: the target is not measured) and, when it was
/// met, the moment it was.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Due {
    deadline: OptSecs,
    met_at: OptSecs,
}

impl Due {
    const NONE: Due = Due {
        deadline: OptSecs::NONE,
        met_at: OptSecs::NONE,
    };

    /// Met when done by the deadline; breached at the deadline once that has passed `as_of`;
    /// otherwise undecided.
    fn outcome(self, as_of: i64) -> Option<Outcome> {
        let deadline = self.deadline.get()?;
        match self.met_at.get() {
            Some(at) => Some(Outcome { at, met: true }),
            None => (deadline <= as_of).then_some(Outcome {
                at: deadline,
                met: false,
            }),
        }
    }
}

const NONE: u32 = u32::MAX;

impl Judged {
    /// What a ticket is before it is judged (filled in by `judge_all`).
    const UNJUDGED: Judged = Judged {
        standard: NONE,
        response: Due::NONE,
        resolution: Due::NONE,
        resolution_secs: OptSecs::NONE,
    };

    /// The moments at which this judgement's outcomes may change with the moment they are looked
    /// at, or be compared with it: each target's deadline and when it was met.
    pub(super) fn moments(&self) -> impl Iterator<Item = i64> {
        [
            self.response.deadline,
            self.response.met_at,
            self.resolution.deadline,
            self.resolution.met_at,
        ]
        .into_iter()
        .filter_map(OptSecs::get)
    }

    /// The outcomes as of `as_of` (local seconds), with `standards` the slice the ticket was
    /// judged against.
    pub fn eval<'a>(&self, standards: &'a [QualityStandard], as_of: i64) -> Eval<'a> {
        let standard = standards.get(self.standard as usize);
        Eval {
            standard,
            response: self.response.outcome(as_of),
            resolution: self.resolution.outcome(as_of),
            resolution_secs: self.resolution_secs.get(),
            resolution_target_secs: standard.map(|s| s.resolution_minutes * 60),
        }
    }
}

/// Everything `evaluate` needs besides the ticket, prepared once per metrics run.
pub struct Evaluator<'a> {
    input: &'a MetricsInput<'a>,
    /// Per service, the indexes into `input.standards` of its standards.
    by_service: HashMap<i64, Vec<usize>>,
    /// Per standard, the local second its effective day starts.
    effective_secs: Vec<i64>,
    /// Per standard id: for each label index, whether that state pauses the clock.
    paused: HashMap<i64, Vec<bool>>,
    twenty_four_seven: Calendar,
    /// Business time measured on this calendar for every standard (`--calendar`).
    pub calendar_override: Option<&'a Calendar>,
}

impl<'a> Evaluator<'a> {
    pub fn new(input: &'a MetricsInput<'a>) -> Self {
        let mut by_service: HashMap<i64, Vec<usize>> = HashMap::new();
        let mut paused = HashMap::new();
        for (i, s) in input.standards.iter().enumerate() {
            by_service.entry(s.service_id).or_default().push(i);
            paused.insert(s.id, input.labels.iter().map(|l| s.pauses_in(l)).collect());
        }
        Evaluator {
            input,
            by_service,
            effective_secs: input
                .standards
                .iter()
                .map(|s| crate::domain::to_secs(s.effective_from.and_time(chrono::NaiveTime::MIN)))
                .collect(),
            paused,
            twenty_four_seven: Calendar::compile(&CalendarDef::twenty_four_seven())
                .expect("the 24x7 calendar is valid"),
            calendar_override: input
                .options
                .calendar
                .as_deref()
                .and_then(|name| input.calendars.get(name)),
        }
    }

    /// Every ticket of `input.tickets` judged, in order; large sets are split across the cores.
    pub fn judge_all(&self) -> Vec<Judged> {
        const MIN_CHUNK: usize = 20_000;
        let tickets = self.input.tickets;
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(tickets.len() / MIN_CHUNK)
            .clamp(1, 8);
        if threads == 1 {
            return tickets.iter().map(|t| self.judge(t)).collect();
        }
        // Each thread fills its part of the result in place: nothing is copied afterwards.
        let chunk = tickets.len().div_ceil(threads);
        let mut all = vec![Judged::UNJUDGED; tickets.len()];
        std::thread::scope(|scope| {
            for (part, out) in tickets.chunks(chunk).zip(all.chunks_mut(chunk)) {
                scope.spawn(move || {
                    for (t, j) in part.iter().zip(out) {
                        *j = self.judge(t);
                    }
                });
            }
        });
        all
    }

    /// The ticket at `index` in `input.tickets` evaluated: from `input.judged` when the
    /// workspace has judged the tickets already, else now.
    pub fn evaluate_at(&self, index: usize, t: &TicketFacts) -> Eval<'a> {
        match self.input.judged.and_then(|j| j.get(index)) {
            Some(j) => j.eval(self.input.standards, self.input.as_of),
            None => self.evaluate(t),
        }
    }

    /// The standard in force for the ticket: latest version effective on or before the opening
    /// day, for its priority if there is one, else for the whole service.
    pub fn standard_for(&self, t: &TicketFacts) -> Option<&'a QualityStandard> {
        self.standard_index(t).map(|i| &self.input.standards[i])
    }

    fn standard_index(&self, t: &TicketFacts) -> Option<usize> {
        let list = self.by_service.get(&t.service_id)?;
        let standards = self.input.standards;
        // In force on the opening day: effective on or before it.
        let latest = |want: Option<&str>| {
            list.iter()
                .copied()
                .filter(|&i| {
                    standards[i].priority.as_deref() == want && self.effective_secs[i] <= t.opened
                })
                .max_by_key(|&i| standards[i].effective_from)
        };
        self.input
            .label(t.priority)
            .and_then(|p| latest(Some(p)))
            .or_else(|| latest(None))
    }

    pub fn calendar_of(&self, std: Option<&QualityStandard>) -> &Calendar {
        if let Some(c) = self.calendar_override {
            return c;
        }
        std.and_then(|s| self.input.calendars.get(&s.calendar))
            .unwrap_or(&self.twenty_four_seven)
    }

    /// Pause intervals (UTC instants) from the status history under `std`'s pause states.
    pub fn pauses(&self, t: &TicketFacts, std: Option<&QualityStandard>) -> Vec<(i64, i64)> {
        if !self.input.options.pauses || t.history.is_empty() {
            return Vec::new();
        }
        let Some(flags) = std.and_then(|s| self.paused.get(&s.id)) else {
            return Vec::new();
        };
        let zone = self.input.zone;
        let mut out = Vec::new();
        for (i, &(at, state)) in t.history.iter().enumerate() {
            if flags.get(state as usize).copied().unwrap_or(false) {
                let until = t
                    .history
                    .get(i + 1)
                    .map(|&(next, _)| zone.to_utc(next))
                    .unwrap_or(i64::MAX / 4);
                out.push((zone.to_utc(at), until));
            }
        }
        out
    }

    /// The ticket evaluated as of `input.as_of`.
    pub fn evaluate(&self, t: &TicketFacts) -> Eval<'a> {
        self.judge(t).eval(self.input.standards, self.input.as_of)
    }

    /// The ticket against the standard in force at its opening, on that standard's calendar (or
    /// the override) less its pauses: deadlines and durations, whatever the moment.
    pub fn judge(&self, t: &TicketFacts) -> Judged {
        let index = self.standard_index(t);
        let std = index.map(|i| &self.input.standards[i]);
        let cal = self.calendar_of(std);
        let pauses = self.pauses(t, std);
        let zone = self.input.zone;
        let opened = zone.to_utc(t.opened);
        let resolved = t.resolved.get().map(|r| zone.to_utc(r).max(opened));
        let resolution_secs = resolved.map(|r| cal.elapsed_excluding(opened, r, &pauses));
        let due = |done: Option<i64>, target_secs: i64| -> Due {
            let deadline = cal.add_excluding(opened, target_secs, &pauses);
            Due {
                deadline: OptSecs::new(Some(zone.to_local(deadline))),
                met_at: done
                    .filter(|&d| d <= deadline)
                    .map(|d| zone.to_local(d))
                    .into(),
            }
        };
        let (Some(i), Some(s)) = (index, std) else {
            return Judged {
                standard: NONE,
                response: Due::NONE,
                resolution: Due::NONE,
                resolution_secs: resolution_secs.into(),
            };
        };
        // A resolution without (or before) a recorded first response is the response.
        let responded = match (t.first_response.get(), t.resolved.get()) {
            (Some(f), Some(r)) => Some(f.min(r)),
            (f, r) => f.or(r),
        }
        .map(|x| zone.to_utc(x).max(opened));
        Judged {
            standard: u32::try_from(i).unwrap_or(NONE),
            response: if t.response_tracked {
                due(responded, s.response_minutes * 60)
            } else {
                Due::NONE
            },
            resolution: due(resolved, s.resolution_minutes * 60),
            resolution_secs: resolution_secs.into(),
        }
    }

    /// Business seconds spent in each state of the history, from opening until `until` (local).
    pub fn time_in_states(&self, t: &TicketFacts, until: i64) -> Vec<(u32, i64)> {
        let std = self.standard_for(t);
        let cal = self.calendar_of(std);
        let zone = self.input.zone;
        let mut out: Vec<(u32, i64)> = Vec::new();
        for (i, &(at, state)) in t.history.iter().enumerate() {
            let from = at.max(t.opened).min(until);
            let to = t
                .history
                .get(i + 1)
                .map(|&(n, _)| n)
                .unwrap_or(until)
                .min(until);
            let secs = cal.elapsed(zone.to_utc(from), zone.to_utc(to.max(from)));
            match out.iter_mut().find(|(s, _)| *s == state) {
                Some(e) => e.1 += secs,
                None => out.push((state, secs)),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_judgement_takes_at_most_48_bytes() {
        // Was 72 with `Option`s: the workspace keeps one per ticket of the window it measures.
        assert!(std::mem::size_of::<Judged>() <= 48);
    }
}

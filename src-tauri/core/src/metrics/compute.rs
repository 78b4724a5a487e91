//! One pass over the tickets and responses of a 4-quarter window fills every figure.

use super::model::*;
use super::percentile::percentile_inc;
use crate::domain::{from_secs, QualityStandard, Quarter, Scale, Service};
use std::collections::{BTreeMap, HashMap};

/// What the metrics need of a ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketFacts {
    pub service_id: i64,
    pub priority: Option<String>,
    pub opened: i64,
    pub first_response: Option<i64>,
    pub resolved: Option<i64>,
    pub reassignment_count: i64,
    pub reopen_count: i64,
    /// False when the source carries no first responses: response is not measured.
    pub response_tracked: bool,
}

/// What the metrics need of a satisfaction response.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseFacts {
    pub service_id: i64,
    pub responded_at: i64,
    pub score: f64,
    pub scale: Scale,
}

pub struct MetricsInput<'a> {
    pub services: &'a [Service],
    pub standards: &'a [QualityStandard],
    pub tickets: &'a [TicketFacts],
    pub responses: &'a [ResponseFacts],
    pub targets: Targets,
    /// Outcomes not decided by this moment are not measured (local seconds).
    pub as_of: i64,
}

#[derive(Default)]
struct Acc {
    volume: u64,
    resolved: u64,
    resp: Attainment,
    resol: Attainment,
    hours: Vec<f64>,
    reassigned: u64,
    reopened: u64,
    responses: u64,
    satisfied: u64,
    score_sum: f64,
    /// Satisfaction responses are attributed to this scope (overall and services, not priorities).
    rated: bool,
}

impl Acc {
    fn figures(mut self) -> Figures {
        let pct = |num: u64, den: u64| (den > 0).then(|| num as f64 * 100.0 / den as f64);
        self.hours.sort_by(f64::total_cmp);
        let att = |a: Attainment| Attainment {
            pct: pct(a.met, a.measured),
            ..a
        };
        Figures {
            volume: self.volume,
            resolved: self.resolved,
            response: att(self.resp),
            resolution: att(self.resol),
            csat: pct(self.satisfied, self.responses),
            responses: self.responses,
            mean_score: (self.responses > 0).then(|| self.score_sum / self.responses as f64),
            response_rate: if self.rated {
                pct(self.responses, self.resolved)
            } else {
                None
            },
            median_resolution_hours: percentile_inc(&self.hours, 0.5),
            p90_resolution_hours: percentile_inc(&self.hours, 0.9),
            reassignment_rate: pct(self.reassigned, self.resolved),
            reopen_rate: pct(self.reopened, self.resolved),
        }
    }
}

/// Where a figure goes: overall, one service, or one priority, in one of the window's quarters.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Overall,
    Service(i64),
    Priority(Option<String>),
}

/// Outcome of one ticket against one target: `Some((decided_at, met))`, or `None` if undecided.
fn outcome(opened: i64, done: Option<i64>, target_secs: i64, as_of: i64) -> Option<(i64, bool)> {
    let deadline = opened.saturating_add(target_secs);
    match done {
        Some(t) if t <= deadline => Some((t.max(opened), true)),
        _ if deadline <= as_of => Some((deadline, false)),
        _ => None,
    }
}

pub fn compute_quarter(input: &MetricsInput, quarter: Quarter) -> QuarterMetrics {
    let window = quarter.trailing(4);
    let (w_start, w_end) = (window[0].start_secs(), quarter.end_secs());
    let slot = |secs: i64| -> Option<usize> {
        if secs < w_start || secs >= w_end {
            return None;
        }
        window.iter().position(|q| q.contains(secs))
    };

    let mut by_service: HashMap<i64, Vec<&QualityStandard>> = HashMap::new();
    for s in input.standards {
        by_service.entry(s.service_id).or_default().push(s);
    }
    let standard_for = |t: &TicketFacts| -> Option<&QualityStandard> {
        let list = by_service.get(&t.service_id)?;
        let day = from_secs(t.opened).date();
        let latest = |want: Option<&str>| {
            list.iter()
                .filter(|s| s.priority.as_deref() == want && s.effective_from <= day)
                .max_by_key(|s| s.effective_from)
                .copied()
        };
        t.priority
            .as_deref()
            .and_then(|p| latest(Some(p)))
            .or_else(|| latest(None))
    };

    let mut acc: BTreeMap<(usize, Key), Acc> = BTreeMap::new();
    let mut add = |qi: usize, t: &TicketFacts, f: &mut dyn FnMut(&mut Acc)| {
        for key in [
            Key::Overall,
            Key::Service(t.service_id),
            Key::Priority(t.priority.clone()),
        ] {
            let rated = !matches!(key, Key::Priority(_));
            let a = acc.entry((qi, key)).or_insert_with(|| Acc {
                rated,
                ..Acc::default()
            });
            f(a);
        }
    };

    for t in input.tickets {
        if let Some(qi) = slot(t.opened) {
            add(qi, t, &mut |a| a.volume += 1);
        }
        if let Some(qi) = t.resolved.and_then(slot) {
            let hours = (t.resolved.unwrap_or(t.opened) - t.opened).max(0) as f64 / 3600.0;
            let (re, ro) = (t.reassignment_count > 0, t.reopen_count > 0);
            add(qi, t, &mut |a| {
                a.resolved += 1;
                a.hours.push(hours);
                a.reassigned += u64::from(re);
                a.reopened += u64::from(ro);
            });
        }
        let Some(std) = standard_for(t) else { continue };
        // A resolution without (or before) a recorded first response is the response.
        let responded = match (t.first_response, t.resolved) {
            (Some(f), Some(r)) => Some(f.min(r)),
            (f, r) => f.or(r),
        };
        let response = outcome(t.opened, responded, std.response_minutes * 60, input.as_of);
        if let Some((at, met)) = response.filter(|_| t.response_tracked) {
            if let Some(qi) = slot(at) {
                add(qi, t, &mut |a| {
                    a.resp.measured += 1;
                    a.resp.met += u64::from(met);
                });
            }
        }
        if let Some((at, met)) = outcome(
            t.opened,
            t.resolved,
            std.resolution_minutes * 60,
            input.as_of,
        ) {
            if let Some(qi) = slot(at) {
                add(qi, t, &mut |a| {
                    a.resol.measured += 1;
                    a.resol.met += u64::from(met);
                });
            }
        }
    }

    for r in input.responses {
        let Some(qi) = slot(r.responded_at) else {
            continue;
        };
        let satisfied = r.scale.is_satisfied(r.score);
        let span = f64::from((r.scale.max - r.scale.min).max(1));
        let normalised = 1.0 + (r.score - f64::from(r.scale.min)) / span * 4.0;
        for key in [Key::Overall, Key::Service(r.service_id)] {
            let a = acc.entry((qi, key)).or_insert_with(|| Acc {
                rated: true,
                ..Acc::default()
            });
            a.responses += 1;
            a.satisfied += u64::from(satisfied);
            a.score_sum += normalised;
        }
    }

    let mut figures: BTreeMap<(usize, Key), Figures> =
        acc.into_iter().map(|(k, a)| (k, a.figures())).collect();
    let cur = window.len() - 1;
    let priority_keys: Vec<Option<String>> = figures
        .keys()
        .filter_map(|(qi, k)| match k {
            Key::Priority(p) if *qi == cur => Some(p.clone()),
            _ => None,
        })
        .collect();
    let mut take = |qi: usize, key: Key| figures.remove(&(qi, key)).unwrap_or_default();

    let overall = take(cur, Key::Overall);
    let t = input.targets;
    let overall_checks = vec![
        check(
            Measure::Response,
            t.response_required_pct,
            Some(t.response_minutes),
            overall.response.pct,
        ),
        check(
            Measure::Resolution,
            t.resolution_required_pct,
            Some(t.resolution_minutes),
            overall.resolution.pct,
        ),
        check(
            Measure::Satisfaction,
            t.satisfaction_target_pct,
            None,
            overall.csat,
        ),
    ];

    let last_day = from_secs(quarter.end_secs() - 1).date();
    let mut services = Vec::new();
    let mut service_trends = Vec::new();
    let (mut standards_met, mut standards_measured) = (0u32, 0u32);
    for s in input.services {
        let f = take(cur, Key::Service(s.id));
        let checks = match QualityStandard::in_force(input.standards, s.id, None, last_day) {
            Some(st) => vec![
                check(
                    Measure::Response,
                    st.response_required_pct,
                    Some(st.response_minutes),
                    f.response.pct,
                ),
                check(
                    Measure::Resolution,
                    st.resolution_required_pct,
                    Some(st.resolution_minutes),
                    f.resolution.pct,
                ),
                check(
                    Measure::Satisfaction,
                    st.satisfaction_target_pct,
                    None,
                    f.csat,
                ),
            ],
            None => Vec::new(),
        };
        for c in &checks {
            if let Some(met) = c.met {
                standards_measured += 1;
                standards_met += u32::from(met);
            }
        }
        let points = (0..cur)
            .map(|qi| TrendPoint {
                quarter: window[qi],
                figures: take(qi, Key::Service(s.id)),
            })
            .chain(std::iter::once(TrendPoint {
                quarter,
                figures: f.clone(),
            }))
            .collect();
        service_trends.push(ServiceTrend {
            service_id: s.id,
            code: s.code.clone(),
            name: s.name.clone(),
            points,
        });
        services.push(ServiceRow {
            service_id: s.id,
            code: s.code.clone(),
            name: s.name.clone(),
            figures: f,
            checks,
        });
    }

    let mut priorities: Vec<PriorityRow> = priority_keys
        .into_iter()
        .map(|p| PriorityRow {
            figures: take(cur, Key::Priority(p.clone())),
            priority: p,
        })
        .collect();
    // Named priorities first (P1, P2, …), tickets without one last.
    priorities.sort_by(|a, b| {
        (a.priority.is_none(), &a.priority).cmp(&(b.priority.is_none(), &b.priority))
    });

    let mut trend: Vec<TrendPoint> = (0..cur)
        .map(|qi| TrendPoint {
            quarter: window[qi],
            figures: take(qi, Key::Overall),
        })
        .collect();
    trend.push(TrendPoint {
        quarter,
        figures: overall.clone(),
    });

    QuarterMetrics {
        quarter,
        overall,
        overall_checks,
        services,
        priorities,
        trend,
        service_trends,
        standards_met,
        standards_measured,
    }
}

fn check(
    measure: Measure,
    required_pct: f64,
    target_minutes: Option<i64>,
    actual: Option<f64>,
) -> Check {
    let met = actual.map(|a| a + 1e-9 >= required_pct);
    let light = match actual {
        None => Light::Grey,
        Some(a) if a + 1e-9 >= required_pct => Light::Green,
        Some(a) if required_pct - a < 5.0 => Light::Amber,
        Some(_) => Light::Red,
    };
    Check {
        measure,
        required_pct,
        target_minutes,
        actual_pct: actual,
        met,
        light,
    }
}

//! One pass over the tickets and responses of a window fills every figure: each ticket is
//! evaluated once (business time, pauses, standard in force) and tallied into its slots and keys.

use super::eval::{Evaluator, Judged};
use super::facts::{OptIndex, TicketFacts};
use super::model::*;
use super::percentile::percentile_inc_select;
use crate::calendar::{Calendar, LocalZone};
use crate::domain::{from_secs, QualityStandard, Quarter, Scale, Service};
use std::collections::{BTreeMap, HashMap};

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
    /// Interned strings the tickets refer to (categories, groups, assignees, states).
    pub labels: &'a [String],
    /// The workspace's calendars by name.
    pub calendars: &'a HashMap<String, Calendar>,
    /// The time zone the stored (local) times are in.
    pub zone: &'a LocalZone,
    pub options: MeasureOptions,
    /// Every ticket of `tickets` already judged (`Evaluator::judge_all`), in the same order; `None`:
    /// judged as they are counted.
    pub judged: Option<&'a [Judged]>,
    /// `Some((start, end))`: `tickets` holds a wider window, and only the tickets a read of
    /// `[start, end)` would give count (`MetricsInput::each`).
    pub window: Option<(i64, i64)>,
}

/// How far back a window looks for tickets whose outcome may fall in it: the longest target a
/// standard may realistically have.
pub const LOOKBACK_SECS: i64 = 120 * 24 * 3600;

/// Whether a read of the window `[start, end)` gives the ticket: opened in it; opened before it
/// and resolved in or after it; or opened in the lookback before it with its outcome still open
/// at its start (unresolved, or first responded only after it). The same three conditions as
/// the store's read (`store::ticket_facts`).
pub fn in_window(t: &TicketFacts, start: i64, end: i64) -> bool {
    window_holds(
        t.opened,
        t.first_response.get(),
        t.resolved.get(),
        (start, end),
        LOOKBACK_SECS,
    )
}

/// `in_window` on a ticket's times, with a lookback of `lookback` seconds.
pub fn window_holds(
    opened: i64,
    first_response: Option<i64>,
    resolved: Option<i64>,
    (start, end): (i64, i64),
    lookback: i64,
) -> bool {
    (opened >= start && opened < end)
        || (opened < start && resolved.is_some_and(|r| r >= start))
        || (opened >= start - lookback
            && opened < start
            && match resolved {
                None => true,
                Some(r) => r < start && first_response.is_some_and(|f| f >= start),
            })
}

impl<'a> MetricsInput<'a> {
    /// The label a ticket's index names (`None`: no value).
    pub fn label(&self, i: OptIndex) -> Option<&'a str> {
        i.name_in(self.labels)
    }

    /// The tickets that count, with their index in `tickets`.
    pub fn each(&self) -> impl Iterator<Item = (usize, &'a TicketFacts)> + use<'a> {
        self.each_in(0..self.tickets.len())
    }

    /// The tickets of `tickets[part]` that count, with their index in `tickets`.
    fn each_in(
        &self,
        part: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (usize, &'a TicketFacts)> + use<'a> {
        let window = self.window;
        let first = part.start;
        let tickets: &'a [TicketFacts] = self.tickets;
        tickets[part]
            .iter()
            .enumerate()
            .map(move |(k, t)| (first + k, t))
            .filter(move |(_, t)| window.is_none_or(|(s, e)| in_window(t, s, e)))
    }
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
    reassign_sum: i64,
    reopen_sum: i64,
    within: u64,
    within_measured: u64,
    responses: u64,
    satisfied: u64,
    score_sum: f64,
    /// Satisfaction responses are attributed to this scope (overall and services, not priorities).
    rated: bool,
}

impl Acc {
    /// Adds another part's counts of the same key and slot.
    fn absorb(&mut self, o: Acc) {
        let att = |a: &mut Attainment, o: Attainment| {
            a.measured += o.measured;
            a.met += o.met;
            a.running += o.running;
        };
        self.volume += o.volume;
        self.resolved += o.resolved;
        att(&mut self.resp, o.resp);
        att(&mut self.resol, o.resol);
        self.hours.extend(o.hours);
        self.reassigned += o.reassigned;
        self.reopened += o.reopened;
        self.reassign_sum += o.reassign_sum;
        self.reopen_sum += o.reopen_sum;
        self.within += o.within;
        self.within_measured += o.within_measured;
        self.responses += o.responses;
        self.satisfied += o.satisfied;
        self.score_sum += o.score_sum;
    }

    fn figures(mut self) -> Figures {
        let pct = |num: u64, den: u64| (den > 0).then(|| num as f64 * 100.0 / den as f64);
        let mean = |sum: i64, den: u64| (den > 0).then(|| sum as f64 / den as f64);
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
            median_resolution_hours: percentile_inc_select(&mut self.hours, 0.5),
            p90_resolution_hours: percentile_inc_select(&mut self.hours, 0.9),
            reassignment_rate: pct(self.reassigned, self.resolved),
            reopen_rate: pct(self.reopened, self.resolved),
            resolved_within_target_pct: pct(self.within, self.within_measured),
            mean_reassignments: mean(self.reassign_sum, self.resolved),
            mean_reopens: mean(self.reopen_sum, self.resolved),
        }
    }
}

/// Where a figure goes: overall, one service, one priority or one group, in one slot.
/// Borrowed from the tickets: keying a ticket copies nothing (a shared priority's reference
/// count, touched by both tally threads for every ticket, was a tenth of the tally).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Key<'a> {
    Overall,
    Service(i64),
    Priority(Option<&'a str>),
    /// An index into the names of the grouping (`Names`).
    Group(Option<u32>),
}

/// Tallies every ticket and response into `slots` (local `[start, end)` periods) under the keys
/// `keys_of` gives it; `rkeys_of` gives a satisfaction response's keys.
struct Tally<'a> {
    acc: BTreeMap<(usize, Key<'a>), Acc>,
    /// Per standard id, tickets with an outcome in the last slot.
    applied: BTreeMap<i64, u64>,
}

fn tally<'a>(
    input: &MetricsInput<'a>,
    slots: &[(i64, i64)],
    keys_of: &KeysOf<'a>,
    rkeys_of: &dyn Fn(&ResponseFacts) -> Vec<Key<'a>>,
) -> Tally<'a> {
    let mut judged_now = Vec::new();
    let judged = judgements(input, &mut judged_now);
    // Large sets are tallied in parts on all cores, and the parts added up.
    const MIN_PART: usize = 100_000;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(input.tickets.len() / MIN_PART)
        .clamp(1, 8);
    tally_in_parts(input, judged, slots, keys_of, rkeys_of, threads)
}

/// The tickets' judgements: the workspace's when it judged them already, else judged here (on
/// all cores) into `now`.
fn judgements<'j>(input: &'j MetricsInput<'_>, now: &'j mut Vec<Judged>) -> &'j [Judged] {
    match input.judged {
        Some(j) => j,
        None => {
            *now = Evaluator::new(input).judge_all();
            now
        }
    }
}

/// `tally` with the tickets split in `threads` parts, one thread each.
fn tally_in_parts<'a>(
    input: &MetricsInput<'a>,
    judged: &[Judged],
    slots: &[(i64, i64)],
    keys_of: &KeysOf<'a>,
    rkeys_of: &dyn Fn(&ResponseFacts) -> Vec<Key<'a>>,
    threads: usize,
) -> Tally<'a> {
    let len = input.tickets.len();
    let size = len.div_ceil(threads).max(1);
    let parts: Vec<std::ops::Range<usize>> = (0..threads)
        .map(|p| p * size..((p + 1) * size).min(len))
        .collect();
    let (mut cells, applied) = if threads == 1 {
        tally_part(input, judged, slots, keys_of, 0..len)
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = parts
                .into_iter()
                .map(|part| scope.spawn(move || tally_part(input, judged, slots, keys_of, part)))
                .collect();
            let mut done = handles
                .into_iter()
                .map(|h| h.join().expect("tally thread panicked"));
            let (mut cells, mut applied) = done.next().expect("one part at least");
            for (c, a) in done {
                cells.absorb(c);
                for (std, n) in a {
                    *applied.entry(std).or_default() += n;
                }
            }
            (cells, applied)
        })
    };
    let (lo, hi) = (slots[0].0, slots[slots.len() - 1].1);
    let slot = |secs: i64| -> Option<usize> {
        if secs < lo || secs >= hi {
            return None;
        }
        slots.iter().position(|&(a, b)| a <= secs && secs < b)
    };
    for r in input.responses {
        let Some(qi) = slot(r.responded_at) else {
            continue;
        };
        let satisfied = r.scale.is_satisfied(r.score);
        let span = f64::from((r.scale.max - r.scale.min).max(1));
        let normalised = 1.0 + (r.score - f64::from(r.scale.min)) / span * 4.0;
        for key in rkeys_of(r) {
            let k = cells.key(key);
            let a = cells.at(k, qi);
            a.responses += 1;
            a.satisfied += u64::from(satisfied);
            a.score_sum += normalised;
        }
    }
    Tally {
        acc: cells.into_map(),
        applied,
    }
}

/// What a ticket is counted under (overall, its service, …), written into the vector.
type KeysOf<'a> = dyn Fn(&'a TicketFacts, &mut Vec<Key<'a>>) + Sync + 'a;

/// The tickets of `input.tickets[part]` that count, tallied into fresh cells.
fn tally_part<'a>(
    input: &MetricsInput<'a>,
    judged: &[Judged],
    slots: &[(i64, i64)],
    keys_of: &KeysOf<'a>,
    part: std::ops::Range<usize>,
) -> (Cells<'a>, BTreeMap<i64, u64>) {
    let (lo, hi) = (slots[0].0, slots[slots.len() - 1].1);
    let slot = |secs: i64| -> Option<usize> {
        if secs < lo || secs >= hi {
            return None;
        }
        slots.iter().position(|&(a, b)| a <= secs && secs < b)
    };
    let last = slots.len() - 1;
    // Accumulators live in one dense vector, `n` slots per key; each ticket looks its keys up
    // once instead of once per figure.
    let mut cells = Cells {
        index: Default::default(),
        keys: Vec::new(),
        accs: Vec::new(),
        touched: Vec::new(),
        n: slots.len(),
    };
    let mut applied: BTreeMap<i64, u64> = BTreeMap::new();
    let mut idx: Vec<usize> = Vec::with_capacity(4);
    let mut keys: Vec<Key<'a>> = Vec::with_capacity(4);
    for (i, t) in input.each_in(part) {
        let e = judged[i].eval(input.standards, input.as_of);
        idx.clear();
        keys.clear();
        keys_of(t, &mut keys);
        for key in keys.drain(..) {
            idx.push(cells.key(key));
        }
        let mut add = |qi: usize, f: &mut dyn FnMut(&mut Acc)| {
            for &k in &idx {
                f(cells.at(k, qi));
            }
        };
        if let Some(qi) = slot(t.opened) {
            add(qi, &mut |a| a.volume += 1);
        }
        if let Some(qi) = t.resolved.get().and_then(slot) {
            let hours = e.resolution_secs.unwrap_or(0) as f64 / 3600.0;
            let within = e
                .resolution_target_secs
                .zip(e.resolution_secs)
                .map(|(target, secs)| secs <= target);
            let (ra, ro) = (i64::from(t.reassignment_count), i64::from(t.reopen_count));
            add(qi, &mut |a| {
                a.resolved += 1;
                a.hours.push(hours);
                a.reassigned += u64::from(ra > 0);
                a.reopened += u64::from(ro > 0);
                a.reassign_sum += ra;
                a.reopen_sum += ro;
                if let Some(w) = within {
                    a.within_measured += 1;
                    a.within += u64::from(w);
                }
            });
        }
        let Some(std) = e.standard else { continue };
        let mut counted_last = false;
        for (outcome, tracked, is_resp) in [
            (e.response, t.response_tracked, true),
            (e.resolution, true, false),
        ] {
            if !tracked {
                continue;
            }
            if let Some(o) = outcome {
                if let Some(qi) = slot(o.at) {
                    counted_last |= qi == last;
                    add(qi, &mut |a| {
                        let att = if is_resp { &mut a.resp } else { &mut a.resol };
                        att.measured += 1;
                        att.met += u64::from(o.met);
                    });
                }
            }
            // Still running at the end of a slot: opened before it, decided after it (or not yet).
            for (qi, &(_, end)) in slots.iter().enumerate() {
                let end = end.min(input.as_of);
                if t.opened < end && outcome.is_none_or(|o| o.at >= end) {
                    add(qi, &mut |a| {
                        let att = if is_resp { &mut a.resp } else { &mut a.resol };
                        att.running += 1;
                    });
                }
            }
        }
        if counted_last {
            *applied.entry(std.id).or_default() += 1;
        }
    }
    (cells, applied)
}

/// Dense accumulators: `accs[key * n + slot]`.
struct Cells<'a> {
    /// Fx hashing: the keys are our own short values, hashed once or twice per ticket.
    index: rustc_hash::FxHashMap<Key<'a>, usize>,
    keys: Vec<Key<'a>>,
    accs: Vec<Acc>,
    touched: Vec<bool>,
    n: usize,
}

impl<'a> Cells<'a> {
    fn key(&mut self, key: Key<'a>) -> usize {
        if let Some(&k) = self.index.get(&key) {
            return k;
        }
        let k = self.keys.len();
        // Satisfaction responses are attributed to overall and services, not to priorities.
        let rated = !matches!(key, Key::Priority(_));
        self.accs.extend((0..self.n).map(|_| Acc {
            rated,
            ..Acc::default()
        }));
        self.touched.extend((0..self.n).map(|_| false));
        self.index.insert(key, k);
        self.keys.push(key);
        k
    }

    /// Adds another part's cells to these.
    fn absorb(&mut self, other: Cells<'a>) {
        let n = other.n;
        for (i, (acc, touched)) in other.accs.into_iter().zip(other.touched).enumerate() {
            if touched {
                let k = self.key(other.keys[i / n]);
                self.at(k, i % n).absorb(acc);
            }
        }
    }

    fn at(&mut self, key: usize, slot: usize) -> &mut Acc {
        let i = key * self.n + slot;
        self.touched[i] = true;
        &mut self.accs[i]
    }

    /// The touched accumulators by (slot, key).
    fn into_map(self) -> BTreeMap<(usize, Key<'a>), Acc> {
        let n = self.n;
        let keys = self.keys;
        self.accs
            .into_iter()
            .zip(self.touched)
            .enumerate()
            .filter(|(_, (_, touched))| *touched)
            .map(|(i, (acc, _))| ((i % n, keys[i / n]), acc))
            .collect()
    }
}

pub fn compute_quarter(input: &MetricsInput, quarter: Quarter) -> QuarterMetrics {
    compute_quarter_trend(input, quarter, 4)
}

/// The first moment after `input.as_of` at which `compute_quarter` may give other figures than
/// it gives at `as_of` (`i64::MAX`: never, the data unchanged). The moment only enters the
/// figures where an outcome is undecided until its deadline passes (`Judged::eval`) and where a
/// ticket counts as still running at the end of a quarter not yet over (`tally_part`): both
/// compare it with a counted ticket's opening, its targets' deadlines and the moments they were
/// met, or a quarter's end. Until the first of those after `as_of`, the figures stay the same.
pub fn quarter_stable_until(input: &MetricsInput, quarter: Quarter) -> i64 {
    let mut judged_now = Vec::new();
    let judged = judgements(input, &mut judged_now);
    let as_of = input.as_of;
    let mut next = i64::MAX;
    let mut see = |m: i64| {
        if m > as_of && m < next {
            next = m;
        }
    };
    for q in quarter.trailing(4) {
        see(q.end_secs());
    }
    for (i, t) in input.each() {
        see(t.opened);
        judged[i].moments().for_each(&mut see);
    }
    next
}

/// The quarter's figures with a trend of the `quarters` quarters ending with it (1: the quarter
/// alone).
pub fn compute_quarter_trend<'a>(
    input: &MetricsInput<'a>,
    quarter: Quarter,
    quarters: usize,
) -> QuarterMetrics {
    let window = quarter.trailing(quarters);
    let slots: Vec<(i64, i64)> = window
        .iter()
        .map(|q| (q.start_secs(), q.end_secs()))
        .collect();
    let labels: &'a [String] = input.labels;
    let Tally { acc, applied } = tally(
        input,
        &slots,
        &move |t, keys| {
            keys.extend([
                Key::Overall,
                Key::Service(t.service_id),
                Key::Priority(t.priority.name_in(labels)),
            ])
        },
        &|r| vec![Key::Overall, Key::Service(r.service_id)],
    );

    let mut figures: BTreeMap<(usize, Key<'a>), Figures> =
        acc.into_iter().map(|(k, a)| (k, a.figures())).collect();
    let cur = window.len() - 1;
    let priority_keys: Vec<Option<&'a str>> = figures
        .keys()
        .filter_map(|(qi, k)| match k {
            Key::Priority(p) if *qi == cur => Some(*p),
            _ => None,
        })
        .collect();
    let mut take = |qi: usize, key: Key<'a>| figures.remove(&(qi, key)).unwrap_or_default();

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
            figures: take(cur, Key::Priority(p)),
            priority: p.map(str::to_string),
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
        applied: applied
            .into_iter()
            .map(|(standard_id, tickets)| AppliedStandard {
                standard_id,
                tickets,
            })
            .collect(),
        options: input.options.clone(),
    }
}

/// Figures for local dates `[from, to)`, overall and grouped by `by` (`sqm metrics --by`).
pub fn compute_period(
    input: &MetricsInput,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    by: GroupBy,
) -> PeriodMetrics {
    compute_period_named(input, from, to, by, input.labels)
}

/// As `compute_period`, with the team, assignee and category of a ticket named by `names` (the
/// labels' indexes, other names: several spellings of one person given one name count as one).
pub fn compute_period_named(
    input: &MetricsInput,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    by: GroupBy,
    names: &[String],
) -> PeriodMetrics {
    let secs = |d: chrono::NaiveDate| crate::domain::to_secs(d.and_time(chrono::NaiveTime::MIN));
    let slots = [(secs(from), secs(to).max(secs(from) + 1))];
    // Each distinct group name gets a number once; tickets are keyed by number (priorities by
    // their own key, named at the end).
    let mut groups = Names::default();
    let code: HashMap<i64, u32> = input
        .services
        .iter()
        .map(|s| (s.id, groups.id(&s.code)))
        .collect();
    let by_label: Vec<u32> = names.iter().map(|n| groups.id(n)).collect();
    let label = |i: OptIndex| by_label.get(i.get()? as usize).copied();
    let Tally { acc, .. } = tally(
        input,
        &slots,
        &|t, keys| {
            let g = match by {
                GroupBy::Service => Key::Group(code.get(&t.service_id).copied()),
                GroupBy::Priority => Key::Priority(input.label(t.priority)),
                GroupBy::Team => Key::Group(label(t.group)),
                GroupBy::Assignee => Key::Group(label(t.assignee)),
                GroupBy::Category => Key::Group(label(t.category)),
            };
            keys.extend([Key::Overall, g]);
        },
        &|r| match by {
            GroupBy::Service => vec![Key::Overall, Key::Group(code.get(&r.service_id).copied())],
            _ => vec![Key::Overall],
        },
    );
    let names_of = groups.names;
    let mut overall = Figures::default();
    let mut rows = Vec::new();
    for ((_, key), a) in acc {
        let rated = by == GroupBy::Service;
        match key {
            Key::Overall => overall = a.figures(),
            Key::Group(_) | Key::Priority(_) => {
                let mut f = a.figures();
                if !rated {
                    f.response_rate = None;
                }
                let key = match key {
                    Key::Group(k) => k.map(|k| names_of[k as usize].clone()),
                    Key::Priority(p) => p.map(str::to_string),
                    _ => None,
                };
                rows.push(GroupRow { key, figures: f });
            }
            Key::Service(_) => {}
        }
    }
    // Named groups first in key order, tickets without a value last.
    rows.sort_by(|a, b| (a.key.is_none(), &a.key).cmp(&(b.key.is_none(), &b.key)));
    PeriodMetrics {
        from,
        to,
        by,
        options: input.options.clone(),
        overall,
        groups: rows,
    }
}

/// Distinct names, numbered in the order first seen.
#[derive(Default)]
struct Names {
    index: HashMap<String, u32>,
    names: Vec<String>,
}

impl Names {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.index.insert(name.to_string(), i);
        self.names.push(name.to_string());
        i
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::CalendarDef;

    /// Tallied in one part or in several, the figures are the same.
    #[test]
    fn parts_add_up_to_the_whole() {
        let services: Vec<Service> = (1..=3)
            .map(|id| Service {
                id,
                code: format!("S{id}"),
                name: format!("service {id}"),
                owner: String::new(),
                team: String::new(),
            })
            .collect();
        let standards: Vec<QualityStandard> = (1..=3)
            .map(|id| QualityStandard {
                id,
                service_id: id,
                priority: None,
                effective_from: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
                response_minutes: 30,
                response_required_pct: 90.0,
                resolution_minutes: 8 * 60,
                resolution_required_pct: 90.0,
                satisfaction_target_pct: 80.0,
                calendar: "24x7".into(),
                pause_states: Vec::new(),
            })
            .collect();
        let quarter = Quarter { year: 2026, q: 2 };
        let start = quarter.trailing(4)[0].start_secs();
        let span = quarter.end_secs() - start;
        // A fixed pseudo-random spread of openings, durations, services and priorities.
        let mut x: u64 = 42;
        let mut next = |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % m
        };
        let tickets: Vec<TicketFacts> = (0..3000)
            .map(|id| {
                let opened = start + next(span as u64) as i64;
                let resolved = (next(10) > 0).then(|| opened + next(20 * 3600) as i64);
                TicketFacts {
                    id,
                    service_id: 1 + next(3) as i64,
                    // Labels 4 and 5: the priorities P1 and P2.
                    priority: (next(5) > 0).then(|| 4 + next(2) as u32).into(),
                    opened,
                    first_response: resolved.map(|r| opened + (r - opened) / 4).into(),
                    resolved: resolved.into(),
                    reassignment_count: next(3) as u32,
                    reopen_count: next(2) as u32,
                    response_tracked: true,
                    assignee: Some(next(4) as u32).into(),
                    ..TicketFacts::default()
                }
            })
            .collect();
        let calendars: HashMap<String, Calendar> = [(
            "24x7".to_string(),
            Calendar::compile(&CalendarDef::twenty_four_seven()).unwrap(),
        )]
        .into();
        let zone = LocalZone::new("Asia/Shanghai").unwrap();
        let labels: Vec<String> = (0..4)
            .map(|i| format!("person {i}"))
            .chain(["P1".into(), "P2".into()])
            .collect();
        let input = MetricsInput {
            services: &services,
            standards: &standards,
            tickets: &tickets,
            responses: &[],
            targets: Targets::default(),
            as_of: quarter.end_secs() - 86_400,
            labels: &labels,
            calendars: &calendars,
            zone: &zone,
            options: MeasureOptions::default(),
            judged: None,
            window: Some((quarter.trailing(2)[0].start_secs(), quarter.end_secs())),
        };
        let judged = Evaluator::new(&input).judge_all();
        let slots: Vec<(i64, i64)> = quarter
            .trailing(4)
            .iter()
            .map(|q| (q.start_secs(), q.end_secs()))
            .collect();
        fn keys_in<'a>(names: &'a [String]) -> impl Fn(&'a TicketFacts, &mut Vec<Key<'a>>) + Sync {
            move |t, keys| {
                keys.extend([
                    Key::Overall,
                    Key::Service(t.service_id),
                    Key::Priority(t.priority.name_in(names)),
                    Key::Group(t.assignee.get()),
                ])
            }
        }
        let keys = keys_in(&labels);
        let figures = |parts: usize| -> Vec<((usize, Key), Figures)> {
            let t = tally_in_parts(&input, &judged, &slots, &keys, &|_| Vec::new(), parts);
            assert!(!t.applied.is_empty());
            t.acc.into_iter().map(|(k, a)| (k, a.figures())).collect()
        };
        let whole = figures(1);
        assert!(whole.len() > 20, "{} cells", whole.len());
        for parts in [2, 3, 7] {
            assert!(figures(parts) == whole, "{parts} parts");
        }
    }
}

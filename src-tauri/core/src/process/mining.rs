//! The process map (directly-follows), variants and conformance from status history.

use std::collections::HashMap;

use super::model::{ProcessMap, Transition, Variant};
use crate::metrics::percentile_inc_select;

/// A ticket's state path: its events (local seconds, state) in event order with consecutive
/// repeats merged into one run, each run keeping the moment of its first event.
pub fn state_path<'a>(events: &[(i64, &'a str)]) -> Vec<(i64, &'a str)> {
    let mut out: Vec<(i64, &'a str)> = Vec::with_capacity(events.len());
    for &(at, state) in events {
        match out.last() {
            Some(&(_, last)) if last == state => {}
            _ => out.push((at, state)),
        }
    }
    out
}

/// Whether `path` (states of the runs, in order) follows `expected`: side states (not in
/// `expected`) are ignored; the expected positions of the remaining states must start at the
/// first expected state and each next one must be the same position or the next (no skip,
/// no return to an earlier state). An empty `expected` conforms nothing.
///
/// A path made only of side states (no expected state at all) does not conform either: it does
/// not start at the first expected state. A path that stops early (e.g. a ticket still open)
/// conforms as far as it goes.
pub fn conforms(path: &[&str], expected: &[String]) -> bool {
    if expected.is_empty() {
        return false;
    }
    let mut prev: Option<usize> = None;
    for state in path {
        let Some(pos) = expected.iter().position(|e| e == state) else {
            continue;
        };
        match prev {
            None if pos != 0 => return false,
            Some(p) if pos != p && pos != p + 1 => return false,
            _ => {}
        }
        prev = Some(pos);
    }
    prev.is_some()
}

/// One directly-follows edge while the cases are read.
struct Edge {
    count: u64,
    cases: u64,
    /// The index of the last case counted in `cases`.
    last_case: usize,
    hours: Vec<f64>,
}

/// The directly-follows map, variants and conformance over tickets' event lists (each in event
/// order; tickets with no events are left out).
pub fn process_map(cases: &[Vec<(i64, &str)>], expected: &[String]) -> ProcessMap {
    // States are interned: every per-event operation works on small integers.
    let mut names: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut pos_sum: Vec<u64> = Vec::new();
    let mut pos_n: Vec<u64> = Vec::new();
    let mut starts: Vec<u64> = Vec::new();
    let mut ends: Vec<u64> = Vec::new();
    let mut edges: HashMap<(u32, u32), Edge> = HashMap::new();
    let mut variants: HashMap<Vec<u32>, u64> = HashMap::new();
    let mut n_cases: u64 = 0;
    let mut events: u64 = 0;
    let mut path: Vec<(i64, u32)> = Vec::new();
    let mut ids: Vec<u32> = Vec::new();

    for (ci, case) in cases.iter().enumerate() {
        events += case.len() as u64;
        if case.is_empty() {
            continue;
        }
        n_cases += 1;
        path.clear();
        for &(at, state) in case {
            let id = match index.get(state) {
                Some(&id) => id,
                None => {
                    let id = names.len() as u32;
                    names.push(state);
                    index.insert(state, id);
                    pos_sum.push(0);
                    pos_n.push(0);
                    starts.push(0);
                    ends.push(0);
                    id
                }
            };
            match path.last() {
                Some(&(_, last)) if last == id => {}
                _ => path.push((at, id)),
            }
        }
        for (k, &(_, id)) in path.iter().enumerate() {
            pos_sum[id as usize] += k as u64;
            pos_n[id as usize] += 1;
        }
        starts[path[0].1 as usize] += 1;
        ends[path[path.len() - 1].1 as usize] += 1;
        for w in path.windows(2) {
            let (a_at, a) = w[0];
            let (b_at, b) = w[1];
            let edge = edges.entry((a, b)).or_insert_with(|| Edge {
                count: 0,
                cases: 0,
                last_case: usize::MAX,
                hours: Vec::new(),
            });
            edge.count += 1;
            if edge.last_case != ci {
                edge.last_case = ci;
                edge.cases += 1;
            }
            edge.hours.push((b_at - a_at) as f64 / 3600.0);
        }
        ids.clear();
        ids.extend(path.iter().map(|&(_, id)| id));
        match variants.get_mut(ids.as_slice()) {
            Some(n) => *n += 1,
            None => {
                variants.insert(ids.clone(), 1);
            }
        }
    }

    // Node order: the expected states seen, in expected order; each other state (a waiting
    // state, say) goes after the last expected state whose mean position in the paths is not
    // above its own, so it sits where tickets pass through it; several in one gap by mean
    // position, ties by name.
    let mean = |id: u32| pos_sum[id as usize] as f64 / pos_n[id as usize] as f64;
    let mut placed = vec![false; names.len()];
    let mut spine: Vec<u32> = Vec::new();
    for e in expected {
        if let Some(&id) = index.get(e.as_str()) {
            if !placed[id as usize] {
                placed[id as usize] = true;
                spine.push(id);
            }
        }
    }
    // The spine's mean positions made non-decreasing, so the gaps are well ordered.
    let anchors: Vec<f64> = spine
        .iter()
        .scan(f64::NEG_INFINITY, |m, &id| {
            *m = m.max(mean(id));
            Some(*m)
        })
        .collect();
    let mut gaps: Vec<Vec<(f64, &str, u32)>> = vec![Vec::new(); spine.len() + 1];
    for id in (0..names.len() as u32).filter(|&id| !placed[id as usize]) {
        let p = mean(id);
        gaps[anchors.partition_point(|a| *a <= p)].push((p, names[id as usize], id));
    }
    let mut order: Vec<u32> = Vec::with_capacity(names.len());
    for (k, gap) in gaps.iter_mut().enumerate() {
        gap.sort_by(|x, y| x.0.total_cmp(&y.0).then_with(|| x.1.cmp(y.1)));
        if k > 0 {
            order.push(spine[k - 1]);
        }
        order.extend(gap.iter().map(|&(_, _, id)| id));
    }

    let mut transitions: Vec<Transition> = edges
        .into_iter()
        .map(|((a, b), mut e)| Transition {
            from: names[a as usize].to_string(),
            to: names[b as usize].to_string(),
            count: e.count,
            cases: e.cases,
            median_hours: percentile_inc_select(&mut e.hours, 0.5),
        })
        .collect();
    transitions.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| x.from.cmp(&y.from))
            .then_with(|| x.to.cmp(&y.to))
    });

    let mut conforming_cases: u64 = 0;
    let mut variants: Vec<Variant> = variants
        .into_iter()
        .map(|(ids, cases)| {
            let states: Vec<&str> = ids.iter().map(|&id| names[id as usize]).collect();
            let ok = conforms(&states, expected);
            if ok {
                conforming_cases += cases;
            }
            Variant {
                path: states.into_iter().map(str::to_string).collect(),
                cases,
                share_pct: cases as f64 / n_cases as f64 * 100.0,
                conforms: ok,
            }
        })
        .collect();
    variants.sort_by(|x, y| y.cases.cmp(&x.cases).then_with(|| x.path.cmp(&y.path)));

    let conformance_pct = if expected.is_empty() || n_cases == 0 {
        None
    } else {
        Some(conforming_cases as f64 / n_cases as f64 * 100.0)
    };

    ProcessMap {
        cases: n_cases,
        events,
        states: order
            .iter()
            .map(|&id| names[id as usize].to_string())
            .collect(),
        starts: order.iter().map(|&id| starts[id as usize]).collect(),
        ends: order.iter().map(|&id| ends[id as usize]).collect(),
        transitions,
        variants,
        conformance_pct,
        conforming_cases,
        expected: expected.to_vec(),
    }
}

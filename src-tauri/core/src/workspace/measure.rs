//! Measuring: the window of tickets loaded once, evaluated in business time, and the figures,
//! breach analysis and drill-downs built from it.

use super::Workspace;
use crate::calendar::{Calendar, LocalZone};
use crate::clock::Clock;
use crate::domain::{from_secs, to_secs, QualityStandard, Quarter, Service};
use crate::metrics::{
    self, BreachReport, DrillMeasure, DrillResult, DrillScope, Drilled, GroupBy, MeasureOptions,
    MetricsInput, PeriodMetrics, QuarterMetrics, ResponseFacts, Targets, TicketFacts, TicketRow,
};
use crate::store::{self, Labels};
use crate::{Error, Result};
use chrono::NaiveDate;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// Longest target a standard may realistically have; bounds how far back the metrics look for
/// tickets whose deadline may fall in the reported window.
const LOOKBACK_SECS: i64 = 120 * 24 * 3600;

/// How many tickets a drill-down returns (the total is always given).
pub const DRILL_LIMIT: usize = 500;

/// The tickets, responses and labels of one window, as loaded from the store.
struct Facts {
    tickets: Vec<TicketFacts>,
    responses: Vec<ResponseFacts>,
    labels: Vec<String>,
}

impl Facts {
    /// The facts a read of `[start, end)` would give (`store::ticket_facts`' three ranges, the
    /// responses in the window), cut from the facts of a window that contains it.
    fn within(&self, start: i64, end: i64) -> Facts {
        let from = start - LOOKBACK_SECS;
        let keep = |t: &&TicketFacts| {
            (t.opened >= start && t.opened < end)
                || (t.opened < start && t.resolved.is_some_and(|r| r >= start))
                || (t.opened >= from
                    && t.opened < start
                    && match t.resolved {
                        None => true,
                        Some(r) => r < start && t.first_response.is_some_and(|f| f >= start),
                    })
        };
        Facts {
            tickets: self.tickets.iter().filter(keep).cloned().collect(),
            responses: self
                .responses
                .iter()
                .filter(|r| r.responded_at >= start && r.responded_at < end)
                .cloned()
                .collect(),
            labels: self.labels.clone(),
        }
    }
}

/// The last window's facts, with what identifies the data they came from: the window, the
/// latest import (every import, even one that only updates, adds an import run), the ticket and
/// response counts and the highest ticket id (deletes), and SQLite's `data_version` (changes by
/// other connections, e.g. a CLI import while the app is open). Standards, calendars and settings
/// are always read afresh: they are small, and a changed standard is exactly when the figures
/// must be recomputed quickly.
#[derive(Default)]
pub struct FactsCache(RefCell<Option<(FactsKey, Arc<Facts>)>>);

#[derive(Clone, Copy, PartialEq, Eq)]
struct FactsKey {
    start: i64,
    end: i64,
    data: store::DataStamp,
    data_version: i64,
}

/// Everything the metrics read, loaded once for a window.
struct Loaded {
    services: Vec<Service>,
    standards: Vec<QualityStandard>,
    facts: Arc<Facts>,
    calendars: HashMap<String, Calendar>,
    zone: LocalZone,
    targets: Targets,
    as_of: i64,
    options: MeasureOptions,
}

impl Loaded {
    fn input(&self) -> MetricsInput<'_> {
        MetricsInput {
            services: &self.services,
            standards: &self.standards,
            tickets: &self.facts.tickets,
            responses: &self.facts.responses,
            targets: self.targets,
            as_of: self.as_of,
            labels: &self.facts.labels,
            calendars: &self.calendars,
            zone: &self.zone,
            options: self.options.clone(),
        }
    }
}

/// The window measured for a quarter: the quarter and the three before it (its trend). The
/// dashboard, the breach analysis, the drill-downs and the pack all load this same window, so
/// they count the same tickets and share the cached load.
fn window(quarter: Quarter) -> (i64, i64) {
    (quarter.trailing(4)[0].start_secs(), quarter.end_secs())
}

fn fmt_local(secs: i64) -> String {
    from_secs(secs).format("%Y-%m-%d %H:%M").to_string()
}

impl Workspace {
    /// Loads the window `[start, end)` (local seconds) with everything needed to measure it.
    fn load(
        &self,
        start: i64,
        end: i64,
        options: &MeasureOptions,
        clock: &dyn Clock,
    ) -> Result<Loaded> {
        let settings = self.settings()?;
        let zone = LocalZone::new(&settings.time_zone)?;
        let standards = store::list_standards(&self.conn)?;
        let mut names: Vec<&str> = standards.iter().map(|s| s.calendar.as_str()).collect();
        if let Some(c) = options.calendar.as_deref() {
            names.push(c);
        }
        names.sort_unstable();
        names.dedup();
        let mut calendars = HashMap::new();
        for name in names {
            let stored = store::calendar_by_name(&self.conn, name)?;
            calendars.insert(name.to_string(), Calendar::compile(&stored.def)?);
        }
        Ok(Loaded {
            services: store::list_services(&self.conn)?,
            standards,
            facts: self.facts(start, end)?,
            calendars,
            zone,
            targets: settings.targets,
            as_of: to_secs(clock.now()),
            options: options.clone(),
        })
    }

    /// The facts of the window `[start, end)`. The cache keeps the widest window read since the
    /// data last changed; a window inside it is cut from it (`Facts::within`) instead of being
    /// read again, and one outside it reads the union once.
    fn facts(&self, start: i64, end: i64) -> Result<Arc<Facts>> {
        let data = store::data_stamp(&self.conn)?;
        let data_version = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let cached = self
            .facts
            .0
            .borrow()
            .clone()
            .filter(|(k, _)| k.data == data && k.data_version == data_version);
        let (lo, hi) = match &cached {
            Some((k, all)) if k.start <= start && end <= k.end => {
                return Ok(if (k.start, k.end) == (start, end) {
                    all.clone()
                } else {
                    Arc::new(all.within(start, end))
                });
            }
            Some((k, _)) => (k.start.min(start), k.end.max(end)),
            None => (start, end),
        };
        let mut labels = Labels::default();
        let tickets = store::ticket_facts(
            &self.conn,
            Some(&self.path),
            lo,
            hi,
            LOOKBACK_SECS,
            &mut labels,
        )?;
        let all = Arc::new(Facts {
            tickets,
            responses: store::response_facts(&self.conn, lo, hi)?,
            labels: labels.names,
        });
        let key = FactsKey {
            start: lo,
            end: hi,
            data,
            data_version,
        };
        *self.facts.0.borrow_mut() = Some((key, all.clone()));
        Ok(if (lo, hi) == (start, end) {
            all
        } else {
            Arc::new(all.within(start, end))
        })
    }

    /// Every figure for `quarter` and the three before it, on each standard's calendar.
    pub fn metrics(&self, quarter: Quarter, clock: &dyn Clock) -> Result<QuarterMetrics> {
        self.metrics_with(quarter, &MeasureOptions::default(), clock)
    }

    pub fn metrics_with(
        &self,
        quarter: Quarter,
        options: &MeasureOptions,
        clock: &dyn Clock,
    ) -> Result<QuarterMetrics> {
        let (start, end) = window(quarter);
        let loaded = self.load(start, end, options, clock)?;
        Ok(metrics::compute_quarter(&loaded.input(), quarter))
    }

    /// The quarter's own figures, without the trend of the quarters before it (what `make bench`
    /// times as "the quarter's metrics"): only the quarter's tickets are loaded.
    pub fn quarter_figures(
        &self,
        quarter: Quarter,
        options: &MeasureOptions,
        clock: &dyn Clock,
    ) -> Result<QuarterMetrics> {
        let loaded = self.load(quarter.start_secs(), quarter.end_secs(), options, clock)?;
        Ok(metrics::compute_quarter_trend(&loaded.input(), quarter, 1))
    }

    /// Reads the tickets of every quarter up to `quarter` once, so that the windows measured
    /// next (the pack's trend, baselines and actions' after-quarters) are cut from them.
    pub(super) fn warm_up_to(&self, quarter: Quarter) -> Result<()> {
        if let Some(first) = self.quarters()?.last() {
            self.facts(window(*first).0.min(window(quarter).0), quarter.end_secs())?;
        }
        Ok(())
    }

    /// The window `[start, end)` (local seconds) loaded as for the figures (cached tickets,
    /// default options) and handed to `f` as the metrics' input, so a caller evaluates its
    /// tickets with the same `metrics::Evaluator` (the process screen's step times).
    pub(super) fn with_window<R>(
        &self,
        start: i64,
        end: i64,
        clock: &dyn Clock,
        f: impl FnOnce(&MetricsInput<'_>) -> Result<R>,
    ) -> Result<R> {
        let loaded = self.load(start, end, &MeasureOptions::default(), clock)?;
        f(&loaded.input())
    }

    /// Reads the tickets of the window `[start, end)` once, so that the windows inside it
    /// measured next are cut from them.
    pub(super) fn warm_window(&self, start: i64, end: i64) -> Result<()> {
        self.facts(start, end).map(|_| ())
    }

    /// Forgets the loaded tickets, so the next figures read them again (benchmarks).
    pub fn drop_caches(&self) {
        *self.facts.0.borrow_mut() = None;
    }

    /// Figures for the local dates `[from, to)`, grouped by `by` (`sqm metrics --period`).
    pub fn period_metrics(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        by: GroupBy,
        options: &MeasureOptions,
        clock: &dyn Clock,
    ) -> Result<PeriodMetrics> {
        if to <= from {
            return Err(Error::Invalid(format!(
                "the period {from}..{to} is empty: the end must be after the start"
            )));
        }
        let secs = |d: NaiveDate| to_secs(d.and_time(chrono::NaiveTime::MIN));
        let loaded = self.load(secs(from), secs(to), options, clock)?;
        Ok(metrics::compute_period(&loaded.input(), from, to, by))
    }

    /// The quarter's figures grouped by team or assignee, with each ticket's group or assignee
    /// name first put through `canonical` (so several spellings of one person count once).
    pub(super) fn quarter_by_canonical(
        &self,
        quarter: Quarter,
        by: GroupBy,
        canonical: &dyn Fn(&str) -> String,
        clock: &dyn Clock,
    ) -> Result<PeriodMetrics> {
        let (start, end) = window(quarter);
        let loaded = self.load(start, end, &MeasureOptions::default(), clock)?;
        let mut labels = loaded.facts.labels.clone();
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut remap = |i: Option<u32>| -> Option<u32> {
            let name = canonical(loaded.facts.labels.get(i? as usize)?);
            Some(*index.entry(name).or_insert_with_key(|name| {
                labels.push(name.clone());
                (labels.len() - 1) as u32
            }))
        };
        let tickets: Vec<TicketFacts> = loaded
            .facts
            .tickets
            .iter()
            .map(|t| {
                let mut t = t.clone();
                match by {
                    GroupBy::Assignee => t.assignee = remap(t.assignee),
                    _ => t.group = remap(t.group),
                }
                t
            })
            .collect();
        let mut input = loaded.input();
        input.tickets = &tickets;
        input.labels = &labels;
        Ok(metrics::compute_period(
            &input,
            quarter.start_date(),
            quarter.next().start_date(),
            by,
        ))
    }

    /// Where the quarter's breaches are and why, with the longest tickets.
    pub fn breaches(
        &self,
        quarter: Option<Quarter>,
        options: &MeasureOptions,
        clock: &dyn Clock,
    ) -> Result<BreachReport> {
        let quarter = self.default_quarter(quarter)?;
        let (start, end) = window(quarter);
        let loaded = self.load(start, end, options, clock)?;
        let input = loaded.input();
        let analysis = metrics::breach_analysis(&input, quarter);
        let ev = metrics::Evaluator::new(&input);
        let tickets = &loaded.facts.tickets; // ordered by id
        let mut longest = Vec::new();
        for l in &analysis.longest {
            let Ok(i) = tickets.binary_search_by_key(&l.ticket_id, |t| t.id) else {
                continue;
            };
            let t = &tickets[i];
            let d = Drilled {
                ticket: t,
                eval: ev.evaluate(t),
            };
            let mut row = self.ticket_row(&input, &ev, &d, quarter.end_secs())?;
            row.business_hours = Some(l.business_hours);
            longest.push(row);
        }
        Ok(BreachReport { analysis, longest })
    }

    /// The tickets behind one figure of `quarter` (at most `DRILL_LIMIT`, with the total).
    pub fn drill(
        &self,
        quarter: Option<Quarter>,
        scope: &DrillScope,
        measure: DrillMeasure,
        options: &MeasureOptions,
        clock: &dyn Clock,
    ) -> Result<DrillResult> {
        let quarter = self.default_quarter(quarter)?;
        let (start, end) = (quarter.start_secs(), quarter.end_secs());
        let (w_start, w_end) = window(quarter);
        let loaded = self.load(w_start, w_end, options, clock)?;
        let input = loaded.input();
        let hits = metrics::drill(&input, start, end, scope, measure);
        let ev = metrics::Evaluator::new(&input);
        let rows = hits
            .iter()
            .take(DRILL_LIMIT)
            .map(|d| self.ticket_row(&input, &ev, d, end))
            .collect::<Result<_>>()?;
        Ok(DrillResult {
            total: hits.len() as u64,
            rows,
        })
    }

    fn ticket_row(
        &self,
        input: &MetricsInput,
        ev: &metrics::Evaluator,
        d: &Drilled,
        period_end: i64,
    ) -> Result<TicketRow> {
        let t = d.ticket;
        let (source, key, state, first_response): (String, String, Option<String>, Option<i64>) =
            self.conn
                .prepare_cached(
                    "SELECT source, external_key, state, first_response FROM tickets WHERE id = ?1",
                )?
                .query_row([t.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        let label = |i: Option<u32>| i.and_then(|i| input.labels.get(i as usize)).cloned();
        let service = input
            .services
            .iter()
            .find(|s| s.id == t.service_id)
            .map(|s| s.code.clone())
            .unwrap_or_default();
        let std = d.eval.standard;
        let cal = ev.calendar_of(std);
        let pauses = ev.pauses(t, std);
        let z = input.zone;
        let opened = z.to_utc(t.opened);
        let until = z.to_utc(
            t.resolved
                .unwrap_or(period_end.min(input.as_of))
                .max(t.opened),
        );
        let total = cal.elapsed(opened, until);
        let active = cal.elapsed_excluding(opened, until, &pauses);
        Ok(TicketRow {
            id: t.id,
            source,
            key,
            service,
            priority: t.priority.clone(),
            category: label(t.category),
            group: label(t.group),
            assignee: label(t.assignee),
            state,
            opened: fmt_local(t.opened),
            first_response: first_response.map(fmt_local),
            resolved: t.resolved.map(fmt_local),
            business_hours: Some(d.eval.resolution_secs.unwrap_or(active) as f64 / 3600.0),
            target_hours: d.eval.resolution_target_secs.map(|s| s as f64 / 3600.0),
            response_met: d.eval.response.map(|o| o.met),
            resolution_met: d.eval.resolution.map(|o| o.met),
            calendar: cal.def().name.clone(),
            standard_from: std.map(|s| s.effective_from.to_string()),
            paused_hours: (total - active).max(0) as f64 / 3600.0,
        })
    }
}

//! Measuring: the window of tickets loaded once, evaluated in business time, and the figures,
//! breach analysis and drill-downs built from it.

use super::Workspace;
use crate::calendar::{Calendar, CalendarDef, LocalZone};
use crate::clock::Clock;
use crate::domain::{from_secs, to_secs, QualityStandard, Quarter, Service};
use crate::metrics::{
    self, BreachReport, DrillMeasure, DrillResult, DrillScope, Drilled, GroupBy, Judged,
    MeasureOptions, MetricsInput, OptIndex, PeriodMetrics, QuarterMetrics, ResponseFacts, Targets,
    TicketFacts, TicketRow, LOOKBACK_SECS,
};
use crate::store::{self, Labels};
use crate::{Error, Result};
use chrono::NaiveDate;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// How many tickets a drill-down returns (the total is always given).
pub const DRILL_LIMIT: usize = 500;

/// Part of the key of the kept dashboard figures (`Workspace::figures_key`): raised when what
/// they hold or how they are keyed changes, so older ones are measured again.
const FIGURES_MEMO_FORMAT: u32 = 1;

/// The tickets, responses and labels of one window, as loaded from the store, and the tickets
/// judged under each way of measuring asked for since (`Evaluator::judge_all`).
struct Facts {
    tickets: Vec<TicketFacts>,
    responses: Vec<ResponseFacts>,
    labels: Vec<String>,
    judged: Mutex<Vec<(JudgedKey, Arc<Vec<Judged>>)>>,
}

/// What a ticket's judgement depends on besides the ticket: the standards (in order: the
/// judgement refers to them by index), the calendars' definitions, the time zone and the options.
#[derive(PartialEq)]
struct JudgedKey {
    standards: Vec<QualityStandard>,
    calendars: Vec<CalendarDef>,
    zone: String,
    options: MeasureOptions,
}

/// The last window's facts, with what identifies the data they came from: the window, the data
/// version (`store::data_version`: the latest import — every import, even one that only updates,
/// adds an import run —, the highest ticket id, the trigger-kept counts of removed tickets and
/// changed responses), and SQLite's `data_version` (changes by other connections, e.g. a CLI
/// import while the app is open). Standards, calendars and settings
/// are always read afresh (they are small) and the judgements are kept per their values, so a
/// changed standard is judged again.
#[derive(Default)]
pub struct FactsCache(RefCell<Option<(FactsKey, Arc<Facts>)>>);

/// While a report is built (`Workspace::remembering_figures`), the quarters' figures measured so
/// far, by quarter, options and moment.
#[derive(Default)]
pub struct FiguresMemo(RefCell<Option<FiguresList>>);

type FiguresList = Vec<((Quarter, MeasureOptions, i64), QuarterMetrics)>;

#[derive(Clone, PartialEq, Eq)]
struct FactsKey {
    start: i64,
    end: i64,
    data: String,
    data_version: i64,
}

/// `Some((start, end))`: the window asked for, when the facts hold a wider one.
type Window = Option<(i64, i64)>;

/// Everything the metrics read, loaded once for a window.
struct Loaded {
    services: Vec<Service>,
    standards: Vec<QualityStandard>,
    /// The cached facts: the window asked for, or a wider one (`window`).
    facts: Arc<Facts>,
    window: Window,
    responses: Vec<ResponseFacts>,
    judged: Arc<Vec<Judged>>,
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
            responses: &self.responses,
            targets: self.targets,
            as_of: self.as_of,
            labels: &self.facts.labels,
            calendars: &self.calendars,
            zone: &self.zone,
            options: self.options.clone(),
            judged: Some(&self.judged),
            window: self.window,
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
        let mut defs = Vec::new();
        for name in names {
            let stored = store::calendar_by_name(&self.conn, name)?;
            calendars.insert(name.to_string(), Calendar::compile(&stored.def)?);
            defs.push(stored.def);
        }
        let (facts, window) = self.facts(start, end)?;
        let responses = match window {
            None => facts.responses.clone(),
            Some((s, e)) => facts
                .responses
                .iter()
                .filter(|r| r.responded_at >= s && r.responded_at < e)
                .cloned()
                .collect(),
        };
        let mut loaded = Loaded {
            services: store::list_services(&self.conn)?,
            standards,
            facts,
            window,
            responses,
            judged: Arc::default(),
            calendars,
            zone,
            targets: settings.targets,
            as_of: to_secs(clock.now()),
            options: options.clone(),
        };
        let key = JudgedKey {
            standards: loaded.standards.clone(),
            calendars: defs,
            zone: settings.time_zone,
            options: options.clone(),
        };
        let known = loaded
            .facts
            .judged
            .lock()
            .map_err(|_| Error::Invalid("the measured tickets are unavailable".into()))?
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, j)| j.clone());
        loaded.judged = match known {
            Some(j) => j,
            None => {
                let mut input = loaded.input();
                input.judged = None;
                let j = Arc::new(metrics::Evaluator::new(&input).judge_all());
                let mut kept =
                    loaded.facts.judged.lock().map_err(|_| {
                        Error::Invalid("the measured tickets are unavailable".into())
                    })?;
                // The ways of measuring asked for lately (each standard calendar, 24×7, …).
                if kept.len() >= 4 {
                    kept.remove(0);
                }
                kept.push((key, j.clone()));
                j
            }
        };
        Ok(loaded)
    }

    /// The facts holding the window `[start, end)`, and the window when they hold a wider one.
    /// The cache keeps the widest window read since the data last changed; a window inside it is
    /// counted from it (`MetricsInput::window`) instead of being read again, and one outside it
    /// reads the union once.
    fn facts(&self, start: i64, end: i64) -> Result<(Arc<Facts>, Window)> {
        let data = store::data_version(&self.conn)?;
        let data_version = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let cached = self
            .facts
            .0
            .borrow()
            .clone()
            .filter(|(k, _)| k.data == data && k.data_version == data_version);
        let inner = |lo: i64, hi: i64| ((lo, hi) != (start, end)).then_some((start, end));
        let (lo, hi) = match &cached {
            Some((k, all)) if k.start <= start && end <= k.end => {
                return Ok((all.clone(), inner(k.start, k.end)));
            }
            Some((k, _)) => (k.start.min(start), k.end.max(end)),
            None => (start, end),
        };
        // The old facts go first: two sets of a large window need not be held at once.
        *self.facts.0.borrow_mut() = None;
        drop(cached);
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
            judged: Mutex::default(),
        });
        let key = FactsKey {
            start: lo,
            end: hi,
            data,
            data_version,
        };
        *self.facts.0.borrow_mut() = Some((key, all.clone()));
        Ok((all, inner(lo, hi)))
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
        let key = (quarter, options.clone(), to_secs(clock.now()));
        if let Some(memo) = self.figures.0.borrow().as_ref() {
            if let Some((_, m)) = memo.iter().find(|(k, _)| *k == key) {
                return Ok(m.clone());
            }
        }
        let (start, end) = window(quarter);
        let loaded = self.load(start, end, options, clock)?;
        let m = metrics::compute_quarter(&loaded.input(), quarter);
        if let Some(memo) = self.figures.0.borrow_mut().as_mut() {
            memo.push((key, m.clone()));
        }
        Ok(m)
    }

    /// Runs `f` with every quarter's figures computed once: a report that needs the same
    /// quarter in several sections (the pack: the summary, feedback, the programme evaluation,
    /// cost-benefit) measures it once. Nothing may change the data meanwhile.
    pub(super) fn remembering_figures<R>(&self, f: impl FnOnce() -> Result<R>) -> Result<R> {
        *self.figures.0.borrow_mut() = Some(Vec::new());
        let out = f();
        *self.figures.0.borrow_mut() = None;
        out
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

    /// Per quarter, the people (distinct assignees) who resolved a ticket in it, overall (`None`)
    /// and per service: one pass over the loaded tickets (every ticket resolved in a window is
    /// among the tickets loaded for it).
    pub fn resolvers(&self, quarters: &[Quarter]) -> Result<HashMap<(Quarter, Option<i64>), u64>> {
        let mut out = HashMap::new();
        let (Some(lo), Some(hi)) = (
            quarters.iter().map(|q| q.start_secs()).min(),
            quarters.iter().map(|q| q.end_secs()).max(),
        ) else {
            return Ok(out);
        };
        let (facts, _) = self.facts(lo, hi)?;
        // Per quarter and service (index 0: all services), which assignees resolved a ticket.
        let services: Vec<i64> = store::list_services(&self.conn)?
            .iter()
            .map(|s| s.id)
            .collect();
        let width = facts.labels.len();
        let mut seen = vec![false; quarters.len() * (services.len() + 1) * width];
        let bounds: Vec<(i64, i64)> = quarters
            .iter()
            .map(|q| (q.start_secs(), q.end_secs()))
            .collect();
        for t in &facts.tickets {
            let (Some(r), Some(a)) = (t.resolved.get(), t.assignee.get()) else {
                continue;
            };
            if r < lo || r >= hi || facts.labels[a as usize].is_empty() {
                continue;
            }
            let Some(svc) = services.iter().position(|&s| s == t.service_id) else {
                continue;
            };
            for (qi, &(start, end)) in bounds.iter().enumerate() {
                if start <= r && r < end {
                    let row = qi * (services.len() + 1);
                    seen[row * width + a as usize] = true;
                    seen[(row + 1 + svc) * width + a as usize] = true;
                }
            }
        }
        let mut rows = seen.chunks(width.max(1));
        for q in quarters {
            for svc in std::iter::once(None).chain(services.iter().copied().map(Some)) {
                let n = rows.next().map_or(0, |r| r.iter().filter(|&&b| b).count());
                out.insert((*q, svc), n as u64);
            }
        }
        Ok(out)
    }

    /// Readies the latest quarter's dashboard ahead of time (the app does it while its window
    /// starts): its figures kept from an earlier start when they still hold
    /// (`dashboard_figures`), else measured now and kept.
    pub fn prepare_dashboard(&self, clock: &dyn Clock) -> Result<()> {
        let quarter = self.default_quarter(None)?;
        self.dashboard_figures(quarter, clock).map(|_| ())
    }

    /// Reads and judges the tickets of the latest quarter's window, so what the user opens next
    /// (breaches, drill-downs, another quarter) only counts them: the app does it once its first
    /// dashboard is drawn, when that came from the kept figures.
    pub fn warm_dashboard_window(&self, clock: &dyn Clock) -> Result<()> {
        let quarter = self.default_quarter(None)?;
        let (start, end) = window(quarter);
        self.load(start, end, &MeasureOptions::default(), clock)
            .map(|_| ())
    }

    /// What a quarter's figures are measured from besides the tickets' moments and the clock,
    /// as one digest: the data (tickets, status histories, responses), the services, the
    /// standards and their calendars, the settings, the options, and the code that measures.
    fn figures_key(&self, quarter: Quarter, options: &MeasureOptions) -> Result<String> {
        use sha2::{Digest, Sha256};
        let standards = store::list_standards(&self.conn)?;
        let mut names: Vec<&str> = standards.iter().map(|s| s.calendar.as_str()).collect();
        names.extend(options.calendar.as_deref());
        names.sort_unstable();
        names.dedup();
        let calendars = names
            .iter()
            .map(|n| store::calendar_by_name(&self.conn, n).map(|c| c.def))
            .collect::<Result<Vec<_>>>()?;
        let what = serde_json::json!({
            "format": FIGURES_MEMO_FORMAT,
            "code": env!("SQM_CORE_SOURCE_DIGEST"),
            "quarter": quarter,
            "options": options,
            "services": store::list_services(&self.conn)?,
            "standards": standards,
            "calendars": calendars,
            "settings": self.settings()?,
            "data": store::data_version(&self.conn)?,
        });
        let digest = Sha256::digest(what.to_string().as_bytes());
        Ok(crate::import::hex(&digest))
    }

    /// The quarter's figures as the dashboard shows them (default options), kept in the workspace
    /// between starts (`store::FiguresMemo`): a start on an unchanged workspace reads them
    /// instead of reading and judging every ticket of the window. They are read back only while
    /// their key is that of what they would be measured from now (`figures_key`) and the moment
    /// lies in `[as_of, until)`, where measuring again gives the same figures
    /// (`metrics::quarter_stable_until`); else they are measured and kept anew.
    pub(super) fn dashboard_figures(
        &self,
        quarter: Quarter,
        clock: &dyn Clock,
    ) -> Result<QuarterMetrics> {
        let options = MeasureOptions::default();
        let key = self.figures_key(quarter, &options)?;
        let name = quarter.to_string();
        let now = to_secs(clock.now());
        if let Some(kept) = store::read_figures_memo(&self.conn, &name)? {
            if kept.key == key && kept.as_of <= now && now < kept.until {
                if let Ok(figures) = postcard::from_bytes::<QuarterMetrics>(&kept.figures) {
                    return Ok(figures);
                }
            }
        }
        let (start, end) = window(quarter);
        let loaded = self.load(start, end, &options, clock)?;
        let input = loaded.input();
        let figures = metrics::compute_quarter(&input, quarter);
        let memo = store::FiguresMemo {
            key,
            as_of: loaded.as_of,
            until: metrics::quarter_stable_until(&input, quarter),
            figures: postcard::to_allocvec(&figures)
                .map_err(|e| Error::Invalid(format!("cannot keep the figures: {e}")))?,
        };
        // Derived data: a workspace that cannot be written (read-only, busy) measures again.
        let _ = store::write_figures_memo(&self.conn, &name, &memo);
        Ok(figures)
    }

    /// Reads the tickets of `quarter` as its figures do, and nothing else: no judging, no
    /// counting (benchmarks: what reading alone costs). Gives the tickets read.
    pub fn read_quarter_tickets(&self, quarter: Quarter) -> Result<usize> {
        Ok(self
            .facts(quarter.start_secs(), quarter.end_secs())?
            .0
            .tickets
            .len())
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
        let names: Vec<String> = loaded.facts.labels.iter().map(|l| canonical(l)).collect();
        Ok(metrics::compute_period_named(
            &loaded.input(),
            quarter.start_date(),
            quarter.next().start_date(),
            by,
            &names,
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
                eval: ev.evaluate_at(i, t),
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
        let label = |i: OptIndex| input.label(i).map(str::to_string);
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
                .get()
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
            priority: label(t.priority),
            category: label(t.category),
            group: label(t.group),
            assignee: label(t.assignee),
            state,
            opened: fmt_local(t.opened),
            first_response: first_response.map(fmt_local),
            resolved: t.resolved.get().map(fmt_local),
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

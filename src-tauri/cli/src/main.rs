//! `sqm`: the scripting and CI face of the SQM engine. Every subcommand is a thin call into
//! `sqm_core`; errors go to stderr with a non-zero exit code.

/// `println!` for command output: a closed pipe (`sqm metrics | head`) ends the program quietly
/// instead of panicking; any other write error is reported.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::write_out(format_args!($($arg)*))
    };
}

mod output;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use sqm_core::clock::SystemClock;
use sqm_core::domain::Quarter;
use sqm_core::domain::StandardInput;
use sqm_core::import::{Format, ImportOptions};
use sqm_core::metrics::{GroupBy, MeasureOptions};
use sqm_core::process::ProcessQuery;
use sqm_core::report::Lang;
use sqm_core::workspace::Workspace;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "sqm",
    version,
    about = "IT service quality management (SQM) from the command line"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a realistic demo workspace (8 services, 5 quarters, ~24,000 tickets).
    Demo {
        #[arg(long)]
        out: PathBuf,
        /// Overwrite the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Import a ServiceNow or Jira CSV export into a workspace (created if missing).
    Import {
        file: PathBuf,
        #[arg(long)]
        db: PathBuf,
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// Date field order when the values cannot decide it: YMD, DMY or MDY.
        #[arg(long)]
        date_format: Option<String>,
        /// Import the valid rows even if some rows are bad (they are listed on stderr).
        #[arg(long)]
        valid_rows_only: bool,
    },
    /// Print figures: a quarter's (default), or any period's grouped by a dimension.
    Metrics {
        #[arg(long)]
        db: PathBuf,
        /// e.g. 2026Q3; default: the latest quarter with data.
        #[arg(long, conflicts_with = "period")]
        quarter: Option<Quarter>,
        /// Local dates FROM..TO, both included, e.g. 2026-01-01..2026-03-31.
        #[arg(long)]
        period: Option<String>,
        /// Group the tickets: service, priority, team, assignee or category.
        #[arg(long)]
        by: Option<String>,
        /// Measure every standard on this calendar (a calendar name, or 24x7).
        #[arg(long)]
        calendar: Option<String>,
        /// Do not stop the clock in pause states.
        #[arg(long)]
        no_pauses: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: OutFormat,
    },
    /// The request process of a period: the process map from the status history (transitions,
    /// variants, conformance to the SOP) and the step times with the bottleneck. `--format csv`
    /// prints the transitions table only (from,to,count,cases,median_hours); `table` prints every
    /// section; `json` an object with transitions, variants, conformance_pct, cases, steps,
    /// bottleneck and feedback_coverage_pct.
    Process {
        #[arg(long)]
        db: PathBuf,
        /// A quarter (2026Q3), two quarters (2026Q1..2026Q2) or two dates, both included
        /// (2026-01-01..2026-03-31); default: the latest quarter with data.
        #[arg(long)]
        period: Option<String>,
        /// A service, by code or name.
        #[arg(long)]
        service: Option<String>,
        /// A priority, e.g. P2.
        #[arg(long)]
        priority: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: OutFormat,
    },
    /// People and competence: import staff or attendance lists, print the figures.
    People {
        #[command(subcommand)]
        action: PeopleAction,
    },
    /// Feedback and improvement for a quarter as JSON: satisfaction per service, complaints,
    /// the CSI register with measured results, the meeting pre-fill, the programme evaluation.
    Feedback {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        quarter: Option<Quarter>,
    },
    /// Satisfaction surveys: import a survey export into a workspace.
    Survey {
        #[command(subcommand)]
        action: SurveyAction,
    },
    /// Write the quarterly review pack (PDF), the cost-benefit report (PDF, or its tables
    /// as XLSX when --out ends in .xlsx), or the SOPs (PDF: all in force, or one version).
    Report {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, value_enum, default_value = "pack")]
        kind: ReportKind,
        #[arg(long)]
        quarter: Option<Quarter>,
        #[arg(long, default_value = "zh")]
        lang: String,
        #[arg(long)]
        out: PathBuf,
        /// With --kind sop: this SOP version only (its id); default every SOP in force.
        #[arg(long)]
        version_id: Option<i64>,
    },
    /// Benchmark harness (`make bench`): in one process, the quarter's metrics cold, then
    /// recomputed after each change of a standard's resolution target; prints JSON timings.
    #[command(hide = true)]
    BenchRecompute(BenchArgs),
    /// Benchmark harness (`make bench`): opening the workspace, the quarter's own figures (cold,
    /// then recomputed with the loaded tickets dropped each run), and the dashboard's quarter
    /// switch (previous quarter, then this one, caches kept as the app keeps them); prints JSON.
    #[command(hide = true)]
    BenchQuarter(BenchArgs),
    /// Benchmark harness (`make bench`): SQLite's floor of an import — the tickets of --from
    /// inserted row by row into the new workspace --to, nothing parsed or bound; prints JSON.
    #[command(hide = true)]
    BenchFloor {
        #[arg(long)]
        from: PathBuf,
        #[arg(long)]
        to: PathBuf,
    },
    /// Write the TypeScript IPC bindings (for the UI) into a directory.
    #[command(hide = true)]
    Bindings { dir: PathBuf },
}

/// What the benchmark harnesses are given.
#[derive(clap::Args)]
struct BenchArgs {
    #[arg(long)]
    db: PathBuf,
    #[arg(long)]
    quarter: Option<Quarter>,
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Measure every standard on this calendar (e.g. china, 24x7) during the benchmark.
    #[arg(long)]
    calendar: Option<String>,
}

#[derive(Subcommand)]
enum PeopleAction {
    /// Import a staff list or a training attendance list (CSV/XLSX); all rows or none.
    Import {
        file: PathBuf,
        #[arg(long)]
        db: PathBuf,
        #[arg(long, value_enum)]
        kind: PeopleKindArg,
    },
    /// Print the competence matrix totals, training effectiveness, who is due, as JSON.
    Show {
        #[arg(long)]
        db: PathBuf,
        /// Figures as of this date (YYYY-MM-DD); default today.
        #[arg(long)]
        as_of: Option<NaiveDate>,
    },
    /// Print performance per team and person for a quarter, as JSON.
    Performance {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        quarter: Option<Quarter>,
    },
}

#[derive(Subcommand)]
enum SurveyAction {
    /// Import a survey export (CSV/XLSX/XLS/ODS) of date, service, score and optional comment,
    /// ticket, id and channel columns; all rows or none.
    Import {
        file: PathBuf,
        #[arg(long)]
        db: PathBuf,
        /// The score scale LOW-HIGH, e.g. 1-5, 1-10, or 0-1 (also `yes-no`) for yes/no answers.
        #[arg(long, default_value = "1-5")]
        scale: String,
        /// The channel of responses the file gives none for.
        #[arg(long, default_value = "survey")]
        channel: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportKind {
    Pack,
    CostBenefit,
    /// The SOPs in force (or one version, --version-id) with their flow diagrams.
    Sop,
}

#[derive(Clone, Copy, ValueEnum)]
enum PeopleKindArg {
    Staff,
    Attendance,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Servicenow,
    Jira,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OutFormat {
    Table,
    Csv,
    Json,
}

fn write_out(args: std::fmt::Arguments) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_fmt(args)
        .and_then(|()| stdout.write_all(b"\n"))
    {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("sqm: writing the output: {e}");
        std::process::exit(1);
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sqm: {e}");
            if let sqm_core::Error::RejectedRows(rows) = &e {
                for r in rows {
                    eprintln!("{r}");
                }
            }
            ExitCode::FAILURE
        }
    }
}

/// See `Command::BenchQuarter`.
fn bench_quarter(
    db: &std::path::Path,
    quarter: Option<Quarter>,
    runs: usize,
    calendar: Option<String>,
) -> sqm_core::Result<()> {
    use std::time::Instant;
    let clock = SystemClock;
    let timed = |f: &mut dyn FnMut() -> sqm_core::Result<()>| -> sqm_core::Result<f64> {
        let started = Instant::now();
        f()?;
        Ok(started.elapsed().as_secs_f64())
    };
    let started = Instant::now();
    let ws = Workspace::open(db)?;
    let open_s = started.elapsed().as_secs_f64();
    let q = ws.default_quarter(quarter)?;
    let calendar_name = calendar.clone().unwrap_or_else(|| "standards".into());
    let options = MeasureOptions {
        calendar,
        pauses: true,
    };
    let mut tickets = 0;
    let first_s = timed(&mut || {
        tickets = ws.quarter_figures(q, &options, &clock)?.overall.volume;
        Ok(())
    })?;
    let mut runs_s = Vec::new();
    for _ in 0..runs {
        ws.drop_caches();
        runs_s.push(timed(&mut || {
            let m = ws.quarter_figures(q, &options, &clock)?;
            if m.overall.volume != tickets {
                return Err(sqm_core::Error::Invalid(
                    "volume changed between runs".into(),
                ));
            }
            Ok(())
        })?);
    }
    // The read alone, as the figures above read: no judging, no counting.
    let mut read_runs_s = Vec::new();
    for _ in 0..runs {
        ws.drop_caches();
        read_runs_s.push(timed(&mut || ws.read_quarter_tickets(q).map(|_| ()))?);
    }
    ws.drop_caches();
    let mut switch_runs_s = Vec::new();
    for _ in 0..runs {
        for shown in [q.prev(), q] {
            switch_runs_s.push(timed(&mut || {
                ws.metrics_with(shown, &options, &clock).map(|_| ())
            })?);
        }
    }
    let median = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    out!(
        "{}",
        serde_json::json!({
            "quarter": q.to_string(),
            "calendar": calendar_name,
            "tickets": tickets,
            "open_s": open_s,
            "first_s": first_s,
            "runs_s": runs_s,
            "median_s": median(&runs_s),
            "read_runs_s": read_runs_s,
            "read_median_s": median(&read_runs_s),
            "switch_runs_s": switch_runs_s,
            "switch_median_s": median(&switch_runs_s),
        })
    );
    Ok(())
}

/// See `Command::BenchRecompute`. Every standard's resolution target moves by a minute per run
/// (and back at the end), so each recompute follows a real change of the standards.
fn bench_recompute(
    db: &std::path::Path,
    quarter: Option<Quarter>,
    runs: usize,
    calendar: Option<String>,
) -> sqm_core::Result<()> {
    use std::time::Instant;
    let clock = SystemClock;
    let ws = Workspace::open(db)?;
    let q = ws.default_quarter(quarter)?;
    let options = MeasureOptions {
        calendar,
        pauses: true,
    };
    let started = Instant::now();
    let m = ws.metrics_with(q, &options, &clock)?;
    let cold = started.elapsed().as_secs_f64();
    let standards: Vec<_> = ws
        .services()?
        .into_iter()
        .flat_map(|d| d.standards)
        .collect();
    let input = |s: &sqm_core::domain::QualityStandard, delta: i64| StandardInput {
        service_id: s.service_id,
        priority: s.priority.clone(),
        effective_from: s.effective_from,
        response_minutes: s.response_minutes,
        response_required_pct: s.response_required_pct,
        resolution_minutes: (s.resolution_minutes + delta).max(1),
        resolution_required_pct: s.resolution_required_pct,
        satisfaction_target_pct: s.satisfaction_target_pct,
        calendar: s.calendar.clone(),
        pause_states: s.pause_states.clone(),
    };
    let mut recompute = Vec::new();
    for run in 1..=runs {
        for s in &standards {
            ws.update_standard(s.id, &input(s, -(run as i64)))?;
        }
        let started = Instant::now();
        let again = ws.metrics_with(q, &options, &clock)?;
        recompute.push(started.elapsed().as_secs_f64());
        if again.overall.volume != m.overall.volume {
            return Err(sqm_core::Error::Invalid(
                "volume changed between runs".into(),
            ));
        }
    }
    for s in &standards {
        ws.update_standard(s.id, &input(s, 0))?;
    }
    out!(
        "{}",
        serde_json::json!({
            "quarter": q.to_string(),
            "tickets_in_quarter": m.overall.volume,
            "cold_s": cold,
            "recompute_s": recompute,
        })
    );
    Ok(())
}

fn people(action: PeopleAction, clock: &SystemClock) -> sqm_core::Result<()> {
    use sqm_core::clock::Clock;
    use sqm_core::workspace::PeopleImportKind;
    let json =
        |v: serde_json::Value| out!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    match action {
        PeopleAction::Import { file, db, kind } => {
            let mut ws = Workspace::open_or_create(&db)?;
            let kind = match kind {
                PeopleKindArg::Staff => PeopleImportKind::Staff,
                PeopleKindArg::Attendance => PeopleImportKind::Attendance,
            };
            let r = ws.import_people(kind, &file, clock)?;
            out!(
                "{}: {} rows — staff {} added, {} updated, {} role assignments; sessions {} added; attendance {} added, {} updated",
                r.file,
                r.rows,
                r.staff_added,
                r.staff_updated,
                r.assignments_added,
                r.sessions_added,
                r.attendance_added,
                r.attendance_updated
            );
        }
        PeopleAction::Show { db, as_of } => {
            let ws = Workspace::open(&db)?;
            let p = ws.people(as_of.unwrap_or_else(|| clock.now().date()))?;
            let m = &p.matrix;
            json(serde_json::json!({
                "as_of": p.as_of,
                "staff": p.staff.len(),
                "active": p.staff.iter().filter(|s| s.active).count(),
                "matrix": {
                    "competences": m.competences,
                    "people": m.rows.len(),
                    "required": m.required,
                    "met": m.met,
                    "gaps": m.gaps,
                    "not_assessed": m.not_assessed,
                    "by_role": m.by_role,
                },
                "courses": p.courses.iter().map(|c| serde_json::json!({
                    "code": c.code,
                    "topic": c.topic,
                    "sessions": c.sessions.len(),
                    "effectiveness": c.effectiveness,
                })).collect::<Vec<_>>(),
                "training": p.training,
                "due": p.due,
                "rewards": p.rewards.len(),
            }));
        }
        PeopleAction::Performance { db, quarter } => {
            let ws = Workspace::open(&db)?;
            let p = ws.performance(quarter, clock)?;
            json(serde_json::to_value(&p).map_err(|e| sqm_core::Error::Invalid(e.to_string()))?);
        }
    }
    Ok(())
}

fn survey(action: SurveyAction, clock: &SystemClock) -> sqm_core::Result<()> {
    use sqm_core::workspace::SurveyImportOptions;
    match action {
        SurveyAction::Import {
            file,
            db,
            scale,
            channel,
        } => {
            let (scale_min, scale_max) = parse_scale(&scale)?;
            let mut ws = Workspace::open(&db)?;
            let options = SurveyImportOptions {
                scale_min,
                scale_max,
                channel,
            };
            let r = ws.import_survey(&file, &options, clock)?;
            out!(
                "{}: {} rows — {} responses added, {} updated",
                r.file,
                r.rows,
                r.inserted,
                r.updated
            );
        }
    }
    Ok(())
}

/// `LOW-HIGH` (e.g. `1-5`; an en dash works too), or `yes-no` for 0–1.
fn parse_scale(s: &str) -> sqm_core::Result<(i32, i32)> {
    let t = s.trim().to_ascii_lowercase();
    if matches!(t.as_str(), "yes-no" | "yes/no" | "yesno") {
        return Ok((0, 1));
    }
    let bad = || {
        sqm_core::Error::Invalid(format!(
            "--scale {s}: expected LOW-HIGH, e.g. 1-5, 1-10 or 0-1 (yes-no)"
        ))
    };
    let (low, high) = t
        .split_once(['-', '–'])
        .filter(|(low, _)| !low.is_empty())
        .ok_or_else(bad)?;
    let num = |x: &str| x.trim().parse::<i32>().map_err(|_| bad());
    Ok((num(low)?, num(high)?))
}

/// `FROM..TO` with both dates included; returns `[from, to + 1 day)`.
fn parse_period(p: &str) -> sqm_core::Result<(NaiveDate, NaiveDate)> {
    let bad = |why: &str| sqm_core::Error::Invalid(format!("--period {p}: {why}"));
    let (a, b) = p
        .split_once("..")
        .ok_or_else(|| bad("expected FROM..TO, e.g. 2026-01-01..2026-03-31"))?;
    let date = |s: &str| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| bad(&format!("'{}' is not a date YYYY-MM-DD", s.trim())))
    };
    let (from, to) = (date(a)?, date(b)?);
    if to < from {
        return Err(bad("the end is before the start"));
    }
    Ok((from, to.succ_opt().ok_or_else(|| bad("date out of range"))?))
}

/// `--period` of `sqm process`: a quarter (`2026Q3`), or `FROM..TO` where each end is a quarter
/// or a date (`2026Q1..2026Q2`, `2026-01-01..2026-03-31`); returns the first and the last day,
/// both included.
fn parse_span(p: &str) -> sqm_core::Result<(NaiveDate, NaiveDate)> {
    let bad = |why: String| {
        sqm_core::Error::Invalid(format!(
            "--period {p}: {why}; expected a quarter (2026Q3), two quarters (2026Q1..2026Q2) \
             or two dates (2026-01-01..2026-03-31)"
        ))
    };
    let end_of = |s: &str, first: bool| -> sqm_core::Result<NaiveDate> {
        let s = s.trim();
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(d);
        }
        match s.parse::<Quarter>() {
            Ok(q) if first => Ok(q.start_date()),
            Ok(q) => Ok(q.end_secs_date()),
            Err(_) => Err(bad(format!("'{s}' is neither a quarter nor a date"))),
        }
    };
    let (start, end) = match p.split_once("..") {
        Some((a, b)) => (end_of(a, true)?, end_of(b, false)?),
        None => {
            let q = p
                .trim()
                .parse::<Quarter>()
                .map_err(|_| bad(format!("'{}' is not a quarter", p.trim())))?;
            (q.start_date(), q.end_secs_date())
        }
    };
    if end < start {
        return Err(bad("the end is before the start".into()));
    }
    Ok((start, end))
}

/// A service by code (any case) or name.
fn find_service(ws: &Workspace, s: &str) -> sqm_core::Result<i64> {
    let services = ws.services()?;
    let wanted = s.trim();
    services
        .iter()
        .find(|d| d.service.code.eq_ignore_ascii_case(wanted))
        .or_else(|| services.iter().find(|d| d.service.name == wanted))
        .map(|d| d.service.id)
        .ok_or_else(|| {
            let known: Vec<&str> = services.iter().map(|d| d.service.code.as_str()).collect();
            sqm_core::Error::NotFound(format!(
                "service '{wanted}' (by code or name; the workspace has: {})",
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            ))
        })
}

fn run(cli: Cli) -> sqm_core::Result<()> {
    let clock = SystemClock;
    match cli.command {
        Command::Demo { out, force } => {
            if force && out.exists() {
                std::fs::remove_file(&out).map_err(|e| sqm_core::Error::io(&out, e))?;
            }
            let ws = Workspace::create(&out)?;
            let summary = sqm_core::demo::populate(&ws, &sqm_core::demo::DemoSpec::default())?;
            out!(
                "demo workspace {}: {} services, {} tickets, {} satisfaction responses, {} to {}",
                out.display(),
                summary.services,
                summary.tickets,
                summary.responses,
                summary.first_quarter,
                summary.last_quarter
            );
        }
        Command::Import {
            file,
            db,
            format,
            date_format,
            valid_rows_only,
        } => {
            let mut ws = Workspace::open_or_create(&db)?;
            let opts = ImportOptions {
                format: format.map(|f| match f {
                    FormatArg::Servicenow => Format::ServiceNow,
                    FormatArg::Jira => Format::Jira,
                }),
                date_format,
                mapping: None,
                valid_rows_only,
            };
            let is_tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
            let report = ws.import_file(&file, &opts, &clock, &mut |p| {
                if is_tty {
                    eprint!(
                        "\r{:?}: {} rows, {:.0} rows/s   ",
                        p.phase, p.rows, p.rows_per_sec
                    );
                    let _ = std::io::stderr().flush();
                }
            })?;
            if is_tty {
                eprintln!();
            }
            for e in &report.errors {
                eprintln!("{e}");
            }
            if let Some(d) = &report.date {
                out!("dates read as {} ({})", d.label, d.evidence);
            }
            out!(
                "{}: {} — {} added, {} updated, {} rejected, {} satisfaction responses{}",
                report.run.file_name,
                report.format_label,
                report.run.rows_added,
                report.run.rows_updated,
                report.run.rows_rejected,
                report.satisfaction_added,
                if report.services_created.is_empty() {
                    String::new()
                } else {
                    format!("; new services: {}", report.services_created.join(", "))
                }
            );
        }
        Command::Metrics {
            db,
            quarter,
            period,
            by,
            calendar,
            no_pauses,
            format,
        } => {
            let ws = Workspace::open(&db)?;
            let options = MeasureOptions {
                calendar,
                pauses: !no_pauses,
            };
            let by = by
                .map(|b| {
                    GroupBy::parse(&b).ok_or_else(|| {
                        sqm_core::Error::Invalid(format!(
                            "--by {b}: expected service, priority, team, assignee or category"
                        ))
                    })
                })
                .transpose()?;
            if period.is_none() && by.is_none() {
                let q = ws.default_quarter(quarter)?;
                let m = ws.metrics_with(q, &options, &clock)?;
                output::print_metrics(&m, format)?;
            } else {
                let (from, to) = match period {
                    Some(p) => parse_period(&p)?,
                    None => {
                        let q = ws.default_quarter(quarter)?;
                        (q.start_date(), q.next().start_date())
                    }
                };
                let by = by.unwrap_or(GroupBy::Service);
                let m = ws.period_metrics(from, to, by, &options, &clock)?;
                output::print_period(&m, format)?;
            }
        }
        Command::Process {
            db,
            period,
            service,
            priority,
            format,
        } => {
            let ws = Workspace::open(&db)?;
            let (start, end) = match period {
                Some(p) => parse_span(&p)?,
                None => {
                    let q = ws.default_quarter(None)?;
                    (q.start_date(), q.end_secs_date())
                }
            };
            let service_id = service.map(|s| find_service(&ws, &s)).transpose()?;
            let query = ProcessQuery {
                start,
                end,
                service_id,
                priority,
            };
            let view = ws.process_view(&query, &clock)?;
            output::print_process(&view, format)?;
        }
        Command::People { action } => people(action, &clock)?,
        Command::Survey { action } => survey(action, &clock)?,
        Command::Feedback { db, quarter } => {
            let ws = Workspace::open(&db)?;
            let f = ws.feedback(quarter, &clock)?;
            let mut v =
                serde_json::to_value(&f).map_err(|e| sqm_core::Error::Invalid(e.to_string()))?;
            // The response list is for the screen; the figures above it count them all.
            if let Some(o) = v.as_object_mut() {
                o.remove("responses");
            }
            out!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        Command::Report {
            db,
            kind,
            quarter,
            lang,
            out,
            version_id,
        } => {
            let lang = Lang::parse(&lang).ok_or_else(|| {
                sqm_core::Error::Invalid(format!("--lang {lang}: expected zh or en"))
            })?;
            if version_id.is_some() && !matches!(kind, ReportKind::Sop) {
                return Err(sqm_core::Error::Invalid(
                    "--version-id goes with --kind sop".into(),
                ));
            }
            let ws = Workspace::open(&db)?;
            let pdf = match kind {
                ReportKind::Pack => ws.quarterly_pack(quarter, lang, &clock)?,
                ReportKind::CostBenefit => ws.cost_benefit_file(&out, lang, &clock)?,
                ReportKind::Sop => ws.sop_pdf(version_id, lang, &clock)?,
            };
            sqm_core::atomic::write(&out, &pdf)?;
            out!("wrote {} ({} bytes)", out.display(), pdf.len());
        }
        Command::BenchRecompute(a) => bench_recompute(&a.db, a.quarter, a.runs, a.calendar)?,
        Command::BenchQuarter(a) => bench_quarter(&a.db, a.quarter, a.runs, a.calendar)?,
        Command::BenchFloor { from, to } => {
            let mut ws = Workspace::create(&to)?;
            let started = std::time::Instant::now();
            let rows = ws.copy_tickets_row_by_row(&from)?;
            drop(ws);
            let seconds = started.elapsed().as_secs_f64();
            out!(
                "{}",
                serde_json::json!({ "rows": rows, "seconds": seconds })
            );
        }
        Command::Bindings { dir } => {
            sqm_core::ipc::export_bindings(&dir)
                .map_err(|e| sqm_core::Error::Invalid(e.to_string()))?;
        }
    }
    Ok(())
}

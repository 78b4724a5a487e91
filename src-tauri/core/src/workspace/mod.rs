//! A workspace: one SQLite file and everything the app does with it. The shell's commands and the
//! CLI's subcommands are thin calls into this type.

use crate::clock::Clock;
use crate::domain::{ImportRun, QualityStandard, Quarter, Service, ServiceInput, StandardInput};
use crate::import::{
    self, ColumnMapping, Format, ImportOptions, ImportPreview, ImportReport, Progress,
};
use crate::metrics::{QuarterMetrics, Targets};
use crate::report::{self, Lang, PackInput};
use crate::store::{self, ServiceUsage};
use crate::{Error, Result};
use rusqlite::Connection;

mod calendars;
mod costbenefit;
mod feedback;
pub use crate::feedback::{Feedback, Programme, SatisfactionRow};
mod measure;
mod people;
mod process;
mod survey;
pub use calendars::CalendarDay;
pub use measure::DRILL_LIMIT;
pub use people::{
    People, PeopleImportKind, PeopleImportReport, Performance, UnmatchedName, TRAINING_QUARTERS,
};
pub use process::{AssessmentImportPreview, AssessmentImportReport, AssessmentMapping};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
pub use survey::{SurveyImportOptions, SurveyImportReport};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Settings {
    pub organisation: String,
    pub lang: Lang,
    pub targets: Targets,
    /// IANA time zone of the times in the imported exports (they carry none).
    pub time_zone: String,
    /// The pack's "People and competence" section names people (performance per person);
    /// off by default: teams only.
    pub pack_names_people: bool,
}

/// Exports from Chinese organisations' ITSM tools are in China Standard Time.
pub const DEFAULT_TIME_ZONE: &str = "Asia/Shanghai";

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WorkspaceInfo {
    pub path: String,
    pub settings: Settings,
    /// Quarters that have tickets, newest first.
    pub quarters: Vec<Quarter>,
    pub latest_quarter: Option<Quarter>,
    pub tickets: i64,
    pub services: i64,
    pub responses: i64,
    pub imports: Vec<ImportRun>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ServiceDetail {
    pub service: Service,
    pub standards: Vec<QualityStandard>,
    pub usage: ServiceUsage,
}

/// One chart for the dashboard, as SVG text from the same drawing code as the PDF.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ChartSvg {
    pub id: String,
    pub title: String,
    pub svg: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Dashboard {
    pub metrics: QuarterMetrics,
    pub targets: Targets,
    pub charts: Vec<ChartSvg>,
}

pub struct Workspace {
    conn: Connection,
    path: PathBuf,
    /// The tickets last loaded for measuring, reused while the data has not changed.
    facts: measure::FactsCache,
    /// The figures already measured while a report is built.
    figures: measure::FiguresMemo,
}

impl Workspace {
    /// Opens an existing workspace (migrating it if it is older).
    pub fn open(path: &Path) -> Result<Self> {
        if !path.exists() {
            return Err(Error::NotFound(format!("workspace {}", path.display())));
        }
        Ok(Workspace {
            conn: store::open(path)?,
            path: path.to_path_buf(),
            facts: Default::default(),
            figures: Default::default(),
        })
    }

    /// Creates a new, empty workspace; refuses to overwrite an existing file.
    pub fn create(path: &Path) -> Result<Self> {
        if path.exists() {
            return Err(Error::Invalid(format!("{} already exists", path.display())));
        }
        Ok(Workspace {
            conn: store::open(path)?,
            path: path.to_path_buf(),
            facts: Default::default(),
            figures: Default::default(),
        })
    }

    /// Opens the workspace, creating it when the file does not exist yet.
    pub fn open_or_create(path: &Path) -> Result<Self> {
        Ok(Workspace {
            conn: store::open(path)?,
            path: path.to_path_buf(),
            facts: Default::default(),
            figures: Default::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Writes a consistent copy of the whole workspace to `dest` (File → Save a copy).
    pub fn save_copy(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            std::fs::remove_file(dest).map_err(|e| Error::io(dest, e))?;
        }
        self.conn
            .execute("VACUUM INTO ?1", [dest.to_string_lossy()])?;
        Ok(())
    }

    /// A backup before an import, when there is anything to lose.
    pub(crate) fn backup_before_import(&self, clock: &dyn Clock) -> Result<()> {
        let has_data: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM ticket_rows) OR EXISTS (SELECT 1 FROM staff)
                 OR EXISTS (SELECT 1 FROM satisfaction_responses)",
            [],
            |r| r.get(0),
        )?;
        if has_data {
            crate::backup::take(
                &self.conn,
                &self.path,
                crate::backup::Reason::Import,
                clock.now(),
            )?;
        }
        Ok(())
    }

    /// The audit trail, newest first: `limit` entries older than `before_id`, of one record
    /// type (table name) or all.
    pub fn audit(
        &self,
        record: Option<&str>,
        before_id: Option<i64>,
        limit: u32,
    ) -> Result<Vec<store::AuditEntry>> {
        store::audit_entries(&self.conn, record, before_id, limit.clamp(1, 10_000))
    }

    /// Undoes a deletion: the row comes back from its audit entry (the trash).
    pub fn restore_deleted(&self, audit_id: i64) -> Result<()> {
        store::restore_deleted(&self.conn, audit_id)
    }

    /// The whole audit trail as CSV (or XLSX when `path` ends in .xlsx), for auditors.
    pub fn audit_file(&self, path: &Path) -> Result<Vec<u8>> {
        let all = self.audit(None, None, u32::MAX)?;
        let head = [
            "id", "at", "user", "action", "record", "key", "field", "old", "new",
        ];
        let mut rows: Vec<[String; 9]> = Vec::new();
        for e in &all {
            let base = |f: &str, o: &str, n: &str| {
                [
                    e.id.to_string(),
                    e.at.clone(),
                    e.user.clone(),
                    e.action.clone(),
                    e.record.clone(),
                    e.record_key.clone(),
                    f.to_string(),
                    o.to_string(),
                    n.to_string(),
                ]
            };
            if e.changes.is_empty() {
                rows.push(base("", "", ""));
            }
            for c in &e.changes {
                rows.push(base(
                    &c.field,
                    c.old.as_deref().unwrap_or(""),
                    c.new.as_deref().unwrap_or(""),
                ));
            }
        }
        let xlsx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        if xlsx {
            let err = |e: rust_xlsxwriter::XlsxError| Error::Report(format!("xlsx: {e}"));
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            ws.set_name("audit").map_err(err)?;
            for (k, h) in head.iter().enumerate() {
                ws.write_string(0, k as u16, *h).map_err(err)?;
            }
            for (i, r) in rows.iter().enumerate() {
                for (k, v) in r.iter().enumerate() {
                    ws.write_string(i as u32 + 1, k as u16, v).map_err(err)?;
                }
            }
            return wb.save_to_buffer().map_err(err);
        }
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(head)
            .map_err(|e| Error::Report(e.to_string()))?;
        for r in &rows {
            w.write_record(r)
                .map_err(|e| Error::Report(e.to_string()))?;
        }
        w.into_inner().map_err(|e| Error::Report(e.to_string()))
    }

    /// The workspace's backups, newest first.
    pub fn backups(&self) -> Result<Vec<crate::backup::BackupInfo>> {
        crate::backup::list(&self.path)
    }

    /// A backup now, by hand.
    pub fn backup_now(&self, clock: &dyn Clock) -> Result<crate::backup::BackupInfo> {
        crate::backup::take(
            &self.conn,
            &self.path,
            crate::backup::Reason::Manual,
            clock.now(),
        )
    }

    /// Replaces the workspace's content with the backup `name`, after backing up the current
    /// state (returned: restoring it undoes this); an older backup is migrated as it is opened
    /// again.
    pub fn restore_backup(
        &mut self,
        name: &str,
        clock: &dyn Clock,
    ) -> Result<crate::backup::BackupInfo> {
        let src_path = crate::backup::path_of(&self.path, name)?;
        let src = Connection::open_with_flags(
            &src_path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let check: String = src
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| Error::Unopenable(format!("backup {name} is damaged: {e}")))?;
        if check != "ok" {
            return Err(Error::Unopenable(format!(
                "backup {name} is damaged: {check}"
            )));
        }
        let before = crate::backup::take(
            &self.conn,
            &self.path,
            crate::backup::Reason::BeforeRestore,
            clock.now(),
        )?;
        {
            let backup = rusqlite::backup::Backup::new(&src, &mut self.conn)?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        }
        drop(src);
        // Reopen: migrations for an older backup, fresh caches.
        self.conn = store::open(&self.path)?;
        self.facts = Default::default();
        Ok(before)
    }

    pub fn settings(&self) -> Result<Settings> {
        let get = |k: &str| store::get_setting(&self.conn, k);
        let targets = match get("targets")? {
            Some(json) => {
                serde_json::from_str(&json).map_err(|e| Error::Invalid(format!("targets: {e}")))?
            }
            None => Targets::default(),
        };
        Ok(Settings {
            organisation: get("organisation")?.unwrap_or_default(),
            lang: get("lang")?
                .and_then(|l| Lang::parse(&l))
                .unwrap_or_default(),
            targets,
            time_zone: get("time_zone")?.unwrap_or_else(|| DEFAULT_TIME_ZONE.into()),
            pack_names_people: get("pack_names_people")?.as_deref() == Some("1"),
        })
    }

    pub fn set_settings(&self, s: &Settings) -> Result<()> {
        let json = serde_json::to_string(&s.targets).map_err(|e| Error::Invalid(e.to_string()))?;
        crate::calendar::LocalZone::new(&s.time_zone)?;
        store::set_setting(&self.conn, "organisation", s.organisation.trim())?;
        store::set_setting(
            &self.conn,
            "lang",
            if s.lang == Lang::En { "en" } else { "zh" },
        )?;
        store::set_setting(&self.conn, "targets", &json)?;
        store::set_setting(&self.conn, "time_zone", s.time_zone.trim())?;
        store::set_setting(
            &self.conn,
            "pack_names_people",
            if s.pack_names_people { "1" } else { "0" },
        )?;
        Ok(())
    }

    /// Quarters that have tickets, newest first.
    pub fn quarters(&self) -> Result<Vec<Quarter>> {
        let Some((lo, hi)) = store::opened_range(&self.conn)? else {
            return Ok(Vec::new());
        };
        let (first, mut q) = (Quarter::containing_secs(lo), Quarter::containing_secs(hi));
        let mut v = vec![q];
        while q > first {
            q = q.prev();
            v.push(q);
        }
        Ok(v)
    }

    pub fn info(&self) -> Result<WorkspaceInfo> {
        let quarters = self.quarters()?;
        Ok(WorkspaceInfo {
            path: self.path.display().to_string(),
            settings: self.settings()?,
            latest_quarter: quarters.first().copied(),
            quarters,
            tickets: store::ticket_count(&self.conn)?,
            services: store::list_services(&self.conn)?.len() as i64,
            responses: store::response_count(&self.conn)?,
            imports: store::list_import_runs(&self.conn)?,
        })
    }

    /// The quarter to show when none is asked for: the latest with data.
    pub fn default_quarter(&self, asked: Option<Quarter>) -> Result<Quarter> {
        match asked {
            Some(q) => Ok(q),
            None => self.quarters()?.first().copied().ok_or_else(|| {
                Error::NotFound(
                    "tickets: the workspace has none yet; import an export first".into(),
                )
            }),
        }
    }

    pub fn dashboard(
        &self,
        quarter: Option<Quarter>,
        lang: Lang,
        clock: &dyn Clock,
    ) -> Result<Dashboard> {
        let quarter = self.default_quarter(quarter)?;
        let metrics = self.dashboard_figures(quarter, clock)?;
        let targets = self.settings()?.targets;
        let charts = dashboard_charts(&metrics, &targets, lang);
        Ok(Dashboard {
            metrics,
            targets,
            charts,
        })
    }

    pub fn services(&self) -> Result<Vec<ServiceDetail>> {
        let standards = store::list_standards(&self.conn)?;
        store::list_services(&self.conn)?
            .into_iter()
            .map(|service| {
                Ok(ServiceDetail {
                    standards: standards
                        .iter()
                        .filter(|s| s.service_id == service.id)
                        .cloned()
                        .collect(),
                    usage: store::service_usage(&self.conn, service.id)?,
                    service,
                })
            })
            .collect()
    }

    /// Creates a service with the plan's default standard, effective from `effective_from`.
    pub fn create_service(
        &self,
        input: &ServiceInput,
        effective_from: chrono::NaiveDate,
    ) -> Result<Service> {
        let tx = self.conn.unchecked_transaction()?;
        let s = store::insert_service(&tx, input)?;
        store::insert_standard(&tx, &StandardInput::plan_default(s.id, effective_from))?;
        tx.commit()?;
        Ok(s)
    }

    pub fn update_service(&self, id: i64, input: &ServiceInput) -> Result<Service> {
        store::update_service(&self.conn, id, input)
    }

    pub fn service_usage(&self, id: i64) -> Result<ServiceUsage> {
        store::service_usage(&self.conn, id)
    }

    pub fn delete_service(&self, id: i64, cascade: bool) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        store::delete_service(&tx, id, cascade)?;
        tx.commit()?;
        Ok(())
    }

    pub fn create_standard(&self, input: &StandardInput) -> Result<QualityStandard> {
        store::insert_standard(&self.conn, input)
    }

    pub fn update_standard(&self, id: i64, input: &StandardInput) -> Result<QualityStandard> {
        store::update_standard(&self.conn, id, input)
    }

    pub fn delete_standard(&self, id: i64) -> Result<()> {
        store::delete_standard(&self.conn, id)
    }

    pub fn import_preview(&self, file: &Path, opts: &ImportOptions) -> Result<ImportPreview> {
        import::preview(&self.conn, file, opts)
    }

    pub fn import_file(
        &mut self,
        file: &Path,
        opts: &ImportOptions,
        clock: &dyn Clock,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportReport> {
        self.backup_before_import(clock)?;
        import::run(&mut self.conn, file, opts, clock, progress)
    }

    /// For the benchmark (`sqm bench-floor`): what SQLite alone costs an import — every ticket of
    /// the workspace `from` inserted into this empty one, as an import writes them, with nothing
    /// parsed or bound (`store::copy_tickets_row_by_row`). Gives the rows copied.
    pub fn copy_tickets_row_by_row(&mut self, from: &Path) -> Result<i64> {
        if store::ticket_count(&self.conn)? != 0 {
            return Err(Error::Invalid(format!(
                "{} already has tickets: the floor is measured into an empty workspace",
                self.path.display()
            )));
        }
        store::copy_tickets_row_by_row(&mut self.conn, from)
    }

    /// Saves a column mapping for files with exactly these headers, reused on the next import.
    pub fn save_mapping(
        &self,
        headers: &[String],
        format: Format,
        mapping: &ColumnMapping,
        clock: &dyn Clock,
    ) -> Result<()> {
        let at = clock.now().format("%Y-%m-%d %H:%M:%S").to_string();
        store::save_mapping(
            &self.conn,
            &import::headers_sha256(headers),
            import::format_name(format),
            mapping,
            &at,
        )
    }

    /// The quarterly review pack as PDF bytes.
    pub fn quarterly_pack(
        &self,
        quarter: Option<Quarter>,
        lang: Lang,
        clock: &dyn Clock,
    ) -> Result<Vec<u8>> {
        let quarter = self.default_quarter(quarter)?;
        // One moment for the whole pack: every section measures as of it (and a quarter's
        // figures are computed once, not again because the clock moved on).
        let clock = crate::clock::FixedClock(clock.now());
        self.remembering_figures(|| self.build_pack(quarter, lang, &clock))
    }

    fn build_pack(&self, quarter: Quarter, lang: Lang, clock: &dyn Clock) -> Result<Vec<u8>> {
        let settings = self.settings()?;
        self.warm_up_to(quarter)?;
        let metrics = self.metrics(quarter, clock)?;
        let breaches = self.breaches(
            Some(quarter),
            &crate::metrics::MeasureOptions::default(),
            clock,
        )?;
        let last_day = crate::domain::from_secs(quarter.end_secs() - 1).date();
        let all = store::list_standards(&self.conn)?;
        let standards = store::list_services(&self.conn)?
            .into_iter()
            .map(|service| {
                // The versions the quarter's outcomes used, service-wide first, then by
                // priority and date; else the service-wide version in force at the end.
                let mut versions: Vec<report::AppliedVersion> = metrics
                    .applied
                    .iter()
                    .filter_map(|a| {
                        let standard = all
                            .iter()
                            .find(|s| s.id == a.standard_id && s.service_id == service.id)?;
                        Some(report::AppliedVersion {
                            standard: standard.clone(),
                            tickets: a.tickets,
                        })
                    })
                    .collect();
                versions.sort_by_key(|v| {
                    let s = &v.standard;
                    (s.priority.clone(), s.effective_from, s.id)
                });
                if versions.is_empty() {
                    versions.extend(
                        QualityStandard::in_force(&all, service.id, None, last_day).map(|s| {
                            report::AppliedVersion {
                                standard: s.clone(),
                                tickets: 0,
                            }
                        }),
                    );
                }
                report::ServiceStandards { service, versions }
            })
            .collect();
        let organisation = if settings.organisation.is_empty() {
            match lang {
                Lang::Zh => "本组织".to_string(),
                Lang::En => "Our organisation".to_string(),
            }
        } else {
            settings.organisation
        };
        let feedback = self.pack_feedback(quarter, settings.pack_names_people, clock)?;
        report::quarterly_pack(&PackInput {
            organisation,
            lang,
            generated_at: clock.now(),
            metrics,
            targets: settings.targets,
            standards,
            breaches,
            sources: store::list_import_runs(&self.conn)?,
            people: self.pack_people(quarter, settings.pack_names_people, clock)?,
            cost_benefit: Some(self.cost_benefit(clock)?),
            process: Some(self.process_input(quarter, lang, clock, &feedback.data)?),
            feedback: Some(feedback),
        })
    }
}

/// The dashboard's charts: the same charts as the pack, drawn as SVG for the webview.
fn dashboard_charts(m: &QuarterMetrics, targets: &Targets, lang: Lang) -> Vec<ChartSvg> {
    let c = crate::charts::pack_charts(m, targets, lang);
    let trend = |id: &str, chart: &crate::charts::TrendChart| ChartSvg {
        id: id.into(),
        title: chart.title.clone(),
        svg: crate::charts::trend_svg(chart, 520, 300),
    };
    vec![
        trend("response", &c.response),
        trend("resolution", &c.resolution),
        trend("satisfaction", &c.satisfaction),
        ChartSvg {
            id: "volume".into(),
            title: c.volume.title.clone(),
            svg: crate::charts::bars_svg(&c.volume, 520, 300),
        },
    ]
}

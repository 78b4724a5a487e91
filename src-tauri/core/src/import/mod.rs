//! Importers: ServiceNow and Jira exports (and any CSV through a saved column mapping) into the
//! workspace. Files are streamed twice: once to decide the date format and hash the file, once to
//! parse and write every row inside one transaction (all or nothing unless the user chose
//! "import the valid rows").

mod dates;
mod headers;
mod lines;
mod model;
pub mod people_rows;
mod row;
pub mod sheet;
pub mod survey_rows;

pub use dates::{parse as parse_date, DateOrder, OrderEvidence};
pub use headers::{expected_columns, norm as normalise_header};
pub use model::*;

use crate::clock::Clock;
use crate::domain::{ImportRun, SatisfactionResponse, Scale, ServiceInput, StandardInput, Ticket};
use crate::store::{self, ResponseWriter, StatusWriter, TicketWriter, Upsert};
use crate::{Error, Result};
use row::{ParsedRow, RowReader};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::time::Instant;

/// Service code for tickets whose export names no service.
pub const UNASSIGNED_SERVICE: &str = "UNASSIGNED";

/// Everything decided about a file before its rows are read.
struct Plan {
    format: Format,
    label: String,
    mapping: ColumnMapping,
    saved: bool,
    headers: Vec<String>,
}

impl Plan {
    fn event_log(&self) -> bool {
        self.format == Format::ServiceNow && self.mapping.get(Field::ModCount).is_some()
    }
}

pub fn format_name(f: Format) -> &'static str {
    match f {
        Format::ServiceNow => "servicenow",
        Format::Jira => "jira",
    }
}

pub fn headers_sha256(headers: &[String]) -> String {
    let mut h = Sha256::new();
    for col in headers {
        h.update(headers::norm(col).as_bytes());
        h.update([0u8]);
    }
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

type Decoded = encoding_rs_io::DecodeReaderBytes<File, Vec<u8>>;

/// The file's text encoding: UTF-8 (with or without BOM) or UTF-16 by BOM; otherwise, when the
/// first 64 KiB are not valid UTF-8, GB18030 (what Excel on Chinese Windows saves CSV as).
fn encoding_of(path: &Path) -> Result<Option<&'static encoding_rs::Encoding>> {
    let mut head = vec![0u8; 1 << 16];
    let mut f = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut n = 0;
    while n < head.len() {
        let k = f.read(&mut head[n..]).map_err(|e| Error::io(path, e))?;
        if k == 0 {
            break;
        }
        n += k;
    }
    let head = &head[..n];
    if encoding_rs::Encoding::for_bom(head).is_some() {
        return Ok(None); // the decoder follows the BOM
    }
    // A multi-byte character cut at the 64 KiB boundary is still UTF-8.
    let valid = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    Ok(if valid {
        None
    } else {
        Some(encoding_rs::GB18030)
    })
}

type CsvReader = csv::Reader<BufReader<lines::Counting<Decoded>>>;

fn csv_reader(path: &Path) -> Result<CsvReader> {
    Ok(csv_reader_with_lines(path)?.0)
}

/// The field delimiter: of comma, semicolon (European Excel) and tab, the one the header line
/// holds most of outside quotes; comma when none.
fn delimiter_of(path: &Path, encoding: Option<&'static encoding_rs::Encoding>) -> Result<u8> {
    let mut head = vec![0u8; 1 << 14];
    let mut f = File::open(path).map_err(|e| Error::io(path, e))?;
    let n = f.read(&mut head).map_err(|e| Error::io(path, e))?;
    let (text, _, _) = encoding.unwrap_or(encoding_rs::UTF_8).decode(&head[..n]);
    Ok(sniff_delimiter(&text))
}

/// Of comma, semicolon and tab, the one the first line holds most of outside quotes (comma
/// when none): Excel in many European locales saves CSV with semicolons.
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], i == 0)).unwrap_or(0);
    [b',', b';', b'\t'][if counts[best] == 0 { 0 } else { best }]
}

/// A CSV reader and the line tracker that gives each record's true line number.
fn csv_reader_with_lines(path: &Path) -> Result<(CsvReader, lines::Tracker)> {
    let encoding = encoding_of(path)?;
    let delimiter = delimiter_of(path, encoding)?;
    let f = File::open(path).map_err(|e| Error::io(path, e))?;
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(encoding)
        .bom_sniffing(true)
        .build(f);
    let (counting, tracker) = lines::Counting::new(decoded);
    Ok((
        csv::ReaderBuilder::new()
            .flexible(false)
            .delimiter(delimiter)
            .from_reader(BufReader::with_capacity(1 << 16, counting)),
        tracker,
    ))
}

fn read_headers(path: &Path) -> Result<Vec<String>> {
    let mut rdr = csv_reader(path)?;
    let h = rdr.headers().map_err(|e| {
        Error::Import(format!(
            "{}:1: cannot read the header line: {e}",
            file_name(path)
        ))
    })?;
    let headers: Vec<String> = h
        .iter()
        .map(|s| s.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    if headers.iter().all(|h| h.is_empty()) {
        return Err(Error::Import(format!(
            "{}: the file is empty (no header line)",
            file_name(path)
        )));
    }
    Ok(headers)
}

fn plan(conn: &Connection, path: &Path, opts: &ImportOptions) -> Result<Plan> {
    let headers = read_headers(path)?;
    if let Some(m) = &opts.mapping {
        let format = opts.format.unwrap_or(Format::ServiceNow);
        check_mapping(path, m, &headers)?;
        return Ok(Plan {
            format,
            label: "column mapping".into(),
            mapping: m.clone(),
            saved: false,
            headers,
        });
    }
    if let Some((format, m)) = store::load_mapping(conn, &headers_sha256(&headers))? {
        let format = Format::parse(&format).unwrap_or(Format::ServiceNow);
        if opts.format.is_none_or(|f| f == format) && check_mapping(path, &m, &headers).is_ok() {
            return Ok(Plan {
                format,
                label: "saved column mapping".into(),
                mapping: m,
                saved: true,
                headers,
            });
        }
    }
    match headers::detect(&headers, opts.format) {
        Some((set, mapping)) => {
            let label = match encoding_of(path)? {
                Some(enc) => format!("{} · {}", set.label, enc.name()),
                None => set.label.to_string(),
            };
            Ok(Plan { format: set.format, label, mapping, saved: false, headers })
        }
        None => Err(Error::Import(format!(
            "{}: not a known export. Expected columns — {}. The file has: {}. Choose the columns in a column mapping.",
            file_name(path),
            headers::expected_columns(),
            headers.join(", ")
        ))),
    }
}

fn check_mapping(path: &Path, m: &ColumnMapping, headers: &[String]) -> Result<()> {
    let normed: Vec<String> = headers.iter().map(|h| headers::norm(h)).collect();
    for fc in &m.columns {
        if let Some(col) = &fc.column {
            if !normed.contains(&headers::norm(col)) {
                return Err(Error::Import(format!(
                    "{}: the mapping reads {} from column '{col}', which the file does not have",
                    file_name(path),
                    fc.field.name()
                )));
            }
        }
    }
    for f in Field::ALL.iter().filter(|f| f.required()) {
        if m.get(*f).is_none() {
            return Err(Error::Import(format!(
                "the mapping must name a column for {}",
                f.name()
            )));
        }
    }
    Ok(())
}

/// First pass: hash the file and decide the date order from every date value.
fn scan(
    path: &Path,
    plan: &Plan,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<(String, Option<(DateOrder, DateAssumption)>)> {
    let mut hasher = Sha256::new();
    let mut f = File::open(path).map_err(|e| Error::io(path, e))?;
    let total_bytes = f.metadata().map(|m| m.len()).unwrap_or(0);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    let sha = hex(&hasher.finalize());

    let date_cols: Vec<usize> = {
        let rr = RowReader::new(&plan.headers, &plan.mapping);
        Field::ALL
            .iter()
            .filter(|f| f.is_date())
            .flat_map(|f| rr.columns(*f).to_vec())
            .collect()
    };
    if let Some(forced) = &opts.date_format {
        let order = DateOrder::parse(forced).ok_or_else(|| {
            Error::Invalid(format!("date format '{forced}': expected YMD, DMY or MDY"))
        })?;
        let mut rdr = csv_reader(path)?;
        let sample = rdr
            .records()
            .next()
            .and_then(|r| r.ok())
            .and_then(|r| date_cols.iter().find_map(|&i| r.get(i).map(str::to_string)))
            .unwrap_or_default();
        return Ok((
            sha,
            Some((
                order,
                dates::assumption(order, &sample, false, "chosen by the user".into()),
            )),
        ));
    }
    if date_cols.is_empty() {
        return Ok((sha, None));
    }
    let mut ev = OrderEvidence::default();
    let mut rdr = csv_reader(path)?;
    let mut rec = csv::StringRecord::new();
    let started = Instant::now();
    let mut rows = 0u64;
    while rdr.read_record(&mut rec).unwrap_or(false) {
        for &i in &date_cols {
            if let Some(v) = rec.get(i) {
                ev.observe(v);
            }
        }
        rows += 1;
        if rows.is_multiple_of(20_000) {
            let bytes = rec.position().map(|p| p.byte()).unwrap_or(0);
            progress(Progress::at(Phase::Scan, rows, bytes, total_bytes, started));
        }
    }
    let decided = ev
        .decide()
        .map_err(|e| Error::Import(format!("{}: {e}", file_name(path))))?;
    Ok((sha, Some(decided)))
}

/// Reads the headers and the first rows and says how the file would be imported.
pub fn preview(conn: &Connection, path: &Path, opts: &ImportOptions) -> Result<ImportPreview> {
    let plan = match plan(conn, path, opts) {
        Ok(p) => p,
        // Not a known layout (or an incomplete mapping): show the headers so the user can map them.
        Err(Error::Import(problem)) => {
            let headers = read_headers(path)?;
            let mut mapping = opts.mapping.clone().unwrap_or_default();
            for f in Field::ALL {
                if mapping.columns.iter().all(|c| c.field != f) {
                    mapping.set(f, None);
                }
            }
            return Ok(ImportPreview {
                file_name: file_name(path),
                format: opts.format.unwrap_or(Format::ServiceNow),
                format_label: "column mapping needed".into(),
                recognised: false,
                problem: Some(problem),
                event_log: false,
                headers,
                mapping,
                saved_mapping: false,
                date: None,
                sample: Vec::new(),
                sample_fields: Vec::new(),
                file_bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            });
        }
        Err(e) => return Err(e),
    };
    let (_, date) = scan(path, &plan, opts, &mut |_| {})?;
    let rr = RowReader::new(&plan.headers, &plan.mapping);
    let sample_fields: Vec<Field> = Field::ALL
        .iter()
        .copied()
        .filter(|f| plan.mapping.get(*f).is_some())
        .collect();
    let mut rdr = csv_reader(path)?;
    let mut sample = Vec::new();
    for rec in rdr.records().take(5) {
        let rec = rec.map_err(|e| Error::Import(format!("{}: {e}", file_name(path))))?;
        sample.push(
            sample_fields
                .iter()
                .map(|f| rr.raw(&rec, *f).unwrap_or("").to_string())
                .collect(),
        );
    }
    Ok(ImportPreview {
        file_name: file_name(path),
        format: plan.format,
        format_label: plan.label.clone(),
        recognised: true,
        problem: None,
        event_log: plan.event_log(),
        mapping: plan.mapping.clone(),
        saved_mapping: plan.saved,
        date: date.map(|(_, a)| a),
        sample,
        sample_fields,
        file_bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        headers: plan.headers,
    })
}

/// Resolves service names to ids, creating services (with the plan's default standard) on demand.
struct Services {
    by_code: HashMap<String, i64>,
    created: Vec<String>,
}

impl Services {
    fn load(conn: &Connection) -> Result<Self> {
        let by_code = store::list_services(conn)?
            .into_iter()
            .map(|s| (s.code.to_lowercase(), s.id))
            .collect();
        Ok(Services {
            by_code,
            created: Vec::new(),
        })
    }

    fn id(&mut self, conn: &Connection, name: Option<&str>) -> Result<i64> {
        let name = name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or(UNASSIGNED_SERVICE);
        if let Some(id) = self.by_code.get(&name.to_lowercase()) {
            return Ok(*id);
        }
        let display = if name == UNASSIGNED_SERVICE {
            "未指定服务 Unassigned"
        } else {
            name
        };
        let s = store::insert_service(
            conn,
            &ServiceInput {
                code: name.to_string(),
                name: display.to_string(),
                owner: String::new(),
                team: String::new(),
            },
        )?;
        // The default standard applies from long before any export, so old tickets are measured.
        let from = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date");
        store::insert_standard(conn, &StandardInput::plan_default(s.id, from))?;
        self.by_code.insert(name.to_lowercase(), s.id);
        self.created.push(name.to_string());
        Ok(s.id)
    }
}

/// For event logs: the incident's latest row, the first moment it left the `New` state, and
/// every (update counter, moment, state) seen, from which its status history is built.
struct EventFold {
    last_mod: i64,
    row: ParsedRow,
    first_response: Option<i64>,
    events: Vec<(i64, i64, String)>,
}

impl EventFold {
    /// The state changes in update order: consecutive updates in the same state collapse.
    fn history(&mut self) -> Vec<(i64, String)> {
        self.events.sort_by_key(|e| (e.0, e.1));
        let mut out: Vec<(i64, String)> = Vec::new();
        for (_, at, state) in self.events.drain(..) {
            if out.last().is_none_or(|(_, s)| *s != state) {
                out.push((at, state));
            }
        }
        out
    }
}

/// Imports one file. On any bad row nothing is written (the error lists every bad row) unless
/// `opts.valid_rows_only` is set, in which case the valid rows are written and the bad ones listed.
pub fn run(
    conn: &mut Connection,
    path: &Path,
    opts: &ImportOptions,
    clock: &dyn Clock,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport> {
    // A large import touches many pages: give SQLite room to keep them instead of spilling
    // them to the WAL and reading them back (restored to the default afterwards).
    conn.pragma_update(None, "cache_size", IMPORT_CACHE_KIB)?;
    let result = run_with_cache(conn, path, opts, clock, progress);
    conn.pragma_update(None, "cache_size", -2000)?;
    result
}

/// Page cache during an import, in KiB (negative: SQLite's "KiB" form).
const IMPORT_CACHE_KIB: i64 = -64 * 1024;

fn run_with_cache(
    conn: &mut Connection,
    path: &Path,
    opts: &ImportOptions,
    clock: &dyn Clock,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport> {
    let started = Instant::now();
    let name = file_name(path);
    let plan = plan(conn, path, opts)?;
    let (sha, date) = scan(path, &plan, opts, progress)?;
    let order = date.as_ref().map(|(o, _)| *o).unwrap_or(DateOrder::Ymd);
    let source = plan.format.source();
    let rr = RowReader::new(&plan.headers, &plan.mapping);
    let total_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);

    let tx = conn.transaction()?;
    let mut services = Services::load(&tx)?;
    let imported_at = clock.now().format("%Y-%m-%d %H:%M:%S").to_string();
    let run_id = store::insert_import_run(
        &tx,
        &ImportRun {
            id: 0,
            file_name: name.clone(),
            sha256: sha.clone(),
            source,
            imported_at: imported_at.clone(),
            rows_added: 0,
            rows_updated: 0,
            rows_rejected: 0,
        },
    )?;
    let mut errors: Vec<RowError> = Vec::new();
    let mut folds: HashMap<String, EventFold> = HashMap::new();
    let mut fold_order: Vec<String> = Vec::new();
    let (added, updated, satisfaction_added) = {
        let mut tickets = TicketWriter::new(&tx)?;
        let mut responses = ResponseWriter::new(&tx)?;
        let mut write = |row: &ParsedRow,
                         first_response: Option<i64>,
                         services: &mut Services,
                         counts: &mut (i64, i64, u64)|
         -> Result<()> {
            let service_id = services.id(&tx, row.service.as_deref())?;
            let t = Ticket {
                source,
                external_key: row.key.clone(),
                service_id,
                priority: row.priority.clone(),
                category: row.category.clone(),
                channel: row.channel.clone(),
                opened: row.opened,
                first_response,
                resolved: row.resolved,
                closed: row.closed,
                assignee: row.assignee.clone(),
                assignment_group: row.assignment_group.clone(),
                reassignment_count: row.reassignment_count,
                reopen_count: row.reopen_count,
                state: row.state.clone(),
                response_tracked: row.response_tracked,
            };
            match tickets.upsert(&t, Some(run_id))? {
                Upsert::Added => counts.0 += 1,
                Upsert::Updated => counts.1 += 1,
                Upsert::Unchanged => {}
            }
            if let Some(score) = row.satisfaction {
                let r = SatisfactionResponse {
                    service_id,
                    ticket_key: Some(row.key.clone()),
                    responded_at: row.resolved.or(row.closed).unwrap_or(row.opened),
                    score,
                    scale: Scale::FIVE,
                    comment: None,
                    channel: "ticket".into(),
                };
                responses.upsert(source, &row.key, &r, Some(run_id))?;
                counts.2 += 1;
            }
            Ok(())
        };

        let (mut rdr, tracker) = csv_reader_with_lines(path)?;
        let mut seen: rustc_hash::FxHashMap<String, u64> = Default::default();
        let mut rec = csv::StringRecord::new();
        let mut rows = 0u64;
        let mut counts = (0i64, 0i64, 0u64);
        loop {
            match rdr.read_record(&mut rec) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map(|p| tracker.line_of(p.byte())).unwrap_or(0);
                    errors.push(RowError {
                        file: name.clone(),
                        line,
                        column: 1,
                        reason: csv_reason(&e),
                    });
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        break;
                    }
                    continue;
                }
            }
            rows += 1;
            let line = rec
                .position()
                .map(|p| tracker.line_of(p.byte()))
                .unwrap_or(rows + 1);
            match rr.parse(&rec, order, &name, line) {
                Err(e) => errors.push(e),
                Ok(row) if plan.event_log() => {
                    let left_new = row
                        .state
                        .as_deref()
                        .is_some_and(|s| !s.eq_ignore_ascii_case("new"));
                    let at = row.updated_at.filter(|_| left_new);
                    let event = row
                        .updated_at
                        .zip(row.state.clone())
                        .map(|(when, state)| (row.mod_count.unwrap_or(0), when, state));
                    match folds.get_mut(&row.key) {
                        Some(f) => {
                            f.events.extend(event);
                            f.first_response = match (f.first_response, at) {
                                (Some(a), Some(b)) => Some(a.min(b)),
                                (a, b) => a.or(b),
                            };
                            // Ties in sys_mod_count keep the later row (file order).
                            if row.mod_count.unwrap_or(0) >= f.last_mod {
                                f.last_mod = row.mod_count.unwrap_or(0);
                                f.row = row;
                            }
                        }
                        None => {
                            fold_order.push(row.key.clone());
                            folds.insert(
                                row.key.clone(),
                                EventFold {
                                    last_mod: row.mod_count.unwrap_or(0),
                                    first_response: at,
                                    events: event.into_iter().collect(),
                                    row,
                                },
                            );
                        }
                    }
                }
                Ok(row) => {
                    // A list export has one row per ticket: a key seen twice is a broken or
                    // concatenated file (event logs repeat keys by design and are folded above).
                    if let Some(first) = seen.get(row.key.as_str()) {
                        let col = rr.columns(Field::Key).first().copied().unwrap_or(0);
                        errors.push(RowError {
                            file: name.clone(),
                            line,
                            column: col as u32 + 1,
                            reason: format!(
                                "{}: '{}' is already on line {first}",
                                plan.headers.get(col).map_or("key", |h| h.as_str()),
                                row.key
                            ),
                        });
                        continue;
                    }
                    seen.insert(row.key.clone(), line);
                    write(&row, row.first_response, &mut services, &mut counts)?
                }
            }
            if rows.is_multiple_of(5_000) {
                let bytes = rec.position().map(|p| p.byte()).unwrap_or(0);
                progress(Progress::at(
                    Phase::Write,
                    rows,
                    bytes,
                    total_bytes,
                    started,
                ));
            }
        }
        let mut history = StatusWriter::new(&tx)?;
        for key in &fold_order {
            let Some(mut f) = folds.remove(key) else {
                continue;
            };
            f.row.response_tracked = true;
            // The first move out of New is the response; a resolution before it also counts.
            write(&f.row, f.first_response, &mut services, &mut counts)?;
            if let Some(id) = store::ticket_id(&tx, source, key)? {
                history.replace(id, &f.history())?;
            }
        }
        progress(Progress::at(
            Phase::Write,
            rows,
            total_bytes,
            total_bytes,
            started,
        ));
        counts
    };

    if !errors.is_empty() && !opts.valid_rows_only {
        // Dropping the transaction rolls back everything, the import run record included.
        drop(tx);
        return Err(Error::RejectedRows(errors));
    }
    store::update_import_counts(&tx, run_id, added, updated, errors.len() as i64)?;
    tx.commit()?;
    Ok(ImportReport {
        run: ImportRun {
            id: run_id,
            file_name: name,
            sha256: sha,
            source,
            imported_at,
            rows_added: added,
            rows_updated: updated,
            rows_rejected: errors.len() as i64,
        },
        format_label: plan.label,
        date: date.map(|(_, a)| a),
        errors,
        services_created: services.created,
        satisfaction_added,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text: save the export as UTF-8 CSV".into(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("the row has {len} fields, the header has {expected_len}")
        }
        _ => e.to_string(),
    }
}

//! Importers: ServiceNow and Jira exports (and any CSV through a saved column mapping) into the
//! workspace. Files are streamed twice: once to decide the date format and hash the file, once to
//! parse and write every row inside one transaction (all or nothing unless the user chose
//! "import the valid rows").

mod dates;
mod headers;
mod lines;
mod model;
pub mod people_rows;
mod pipeline;
mod row;
pub mod sheet;
pub mod survey_rows;

pub use dates::{parse as parse_date, DateOrder, OrderEvidence};
pub use headers::{expected_columns, norm as normalise_header};
pub use model::*;

use crate::clock::Clock;
use crate::domain::{ImportRun, SatisfactionResponse, Scale, ServiceInput, StandardInput};
use crate::store::{self, ResponseWriter, StatusWriter, TicketLabels, TicketRow, TicketWriter};
use crate::{Error, Result};
use row::RowReader;
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};
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

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

type Decoded = encoding_rs_io::DecodeReaderBytes<Hashing, Vec<u8>>;

/// The file's bytes as read, fed to a SHA-256 when one is given (the import run records it).
struct Hashing {
    file: File,
    hasher: Option<Arc<Mutex<Sha256>>>,
}

impl Read for Hashing {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        if let Some(h) = &self.hasher {
            if let Ok(mut h) = h.lock() {
                h.update(&buf[..n]);
            }
        }
        Ok(n)
    }
}

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

type CsvReader = csv::Reader<lines::Counting<Decoded>>;

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
    csv_reader_hashed(path, None)
}

/// The same, hashing every byte of the file as it is read.
fn csv_reader_hashed(
    path: &Path,
    hasher: Option<Arc<Mutex<Sha256>>>,
) -> Result<(CsvReader, lines::Tracker)> {
    let encoding = encoding_of(path)?;
    let delimiter = delimiter_of(path, encoding)?;
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let f = Hashing { file, hasher };
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(encoding)
        .bom_sniffing(true)
        .build(f);
    let (counting, tracker) = lines::Counting::new(decoded);
    // The CSV reader buffers: one buffer (a second in front of it copied every byte once more).
    Ok((
        csv::ReaderBuilder::new()
            .flexible(false)
            .delimiter(delimiter)
            .buffer_capacity(1 << 16)
            .from_reader(counting),
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

/// The date order from every date value of the file (or the user's choice), for the preview.
fn scan(
    path: &Path,
    plan: &Plan,
    opts: &ImportOptions,
) -> Result<Option<(DateOrder, DateAssumption)>> {
    if let Some(forced) = forced_order(path, plan, opts)? {
        return Ok(Some(forced));
    }
    let ev = pipeline::head_evidence(path, plan, usize::MAX)?;
    decide(path, plan, &ev)
}

/// The date columns the mapping reads.
fn date_columns(plan: &Plan) -> Vec<usize> {
    let rr = RowReader::new(&plan.headers, &plan.mapping);
    Field::ALL
        .iter()
        .filter(|f| f.is_date())
        .flat_map(|f| rr.columns(*f).to_vec())
        .collect()
}

/// The order the user chose (`--date-format`), described with the file's first date value.
fn forced_order(
    path: &Path,
    plan: &Plan,
    opts: &ImportOptions,
) -> Result<Option<(DateOrder, DateAssumption)>> {
    let Some(forced) = &opts.date_format else {
        return Ok(None);
    };
    let order = DateOrder::parse(forced).ok_or_else(|| {
        Error::Invalid(format!("date format '{forced}': expected YMD, DMY or MDY"))
    })?;
    let date_cols = date_columns(plan);
    let mut rdr = csv_reader(path)?;
    let sample = rdr
        .records()
        .next()
        .and_then(|r| r.ok())
        .and_then(|r| date_cols.iter().find_map(|&i| r.get(i).map(str::to_string)))
        .unwrap_or_default();
    Ok(Some((
        order,
        dates::assumption(order, &sample, false, "chosen by the user".into()),
    )))
}

/// The order the evidence decides (`None` when the mapping reads no dates).
fn decide(
    path: &Path,
    plan: &Plan,
    ev: &OrderEvidence,
) -> Result<Option<(DateOrder, DateAssumption)>> {
    if date_columns(plan).is_empty() {
        return Ok(None);
    }
    ev.decide()
        .map(Some)
        .map_err(|e| Error::Import(format!("{}: {e}", file_name(path))))
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
    let date = scan(path, &plan, opts)?;
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

/// Imports one file. On any bad row nothing is written (the error lists every bad row) unless
/// `opts.valid_rows_only` is set, in which case the valid rows are written and the bad ones listed.
pub fn run(
    conn: &mut Connection,
    path: &Path,
    opts: &ImportOptions,
    clock: &dyn Clock,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport> {
    // A large page cache, foreign keys off and a rollback journal, restored afterwards.
    store::bulk_write(conn, |conn| {
        run_with_cache(conn, path, opts, clock, progress)
    })
}

/// Records read to decide the date order before the rows are written; every later value is
/// still checked, and a file whose later rows decide otherwise is imported again in that order.
const HEAD_ROWS: usize = 2000;

fn run_with_cache(
    conn: &mut Connection,
    path: &Path,
    opts: &ImportOptions,
    clock: &dyn Clock,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport> {
    let started = Instant::now();
    let plan = plan(conn, path, opts)?;
    let (mut date, mut settled) = match forced_order(path, &plan, opts)? {
        Some(forced) => (Some(forced), true),
        None => (
            decide(
                path,
                &plan,
                &pipeline::head_evidence(path, &plan, HEAD_ROWS)?,
            )?,
            false,
        ),
    };
    loop {
        match pass(
            conn,
            path,
            &plan,
            date.clone(),
            settled,
            opts,
            clock,
            progress,
            started,
        )? {
            Pass::Done(report) => return Ok(report),
            Pass::Redo(decided) => {
                date = Some(decided);
                settled = true;
            }
        }
    }
}

enum Pass {
    Done(ImportReport),
    /// The whole file decides another date order than its first rows did: import again.
    Redo((DateOrder, DateAssumption)),
}

/// One pass: a reader thread parses the file while this thread writes the rows, all in one
/// transaction. With `settled` false the order came from the first rows only and is checked
/// against every value at the end.
#[allow(clippy::too_many_arguments)]
fn pass(
    conn: &mut Connection,
    path: &Path,
    plan: &Plan,
    mut date: Option<(DateOrder, DateAssumption)>,
    settled: bool,
    opts: &ImportOptions,
    clock: &dyn Clock,
    progress: &mut dyn FnMut(Progress),
    started: Instant,
) -> Result<Pass> {
    let name = file_name(path);
    let order = date.as_ref().map(|(o, _)| *o).unwrap_or(DateOrder::Ymd);
    let source = plan.format.source();
    let total_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);

    let tx = conn.transaction()?;
    let mut services = Services::load(&tx)?;
    let imported_at = clock.now().format("%Y-%m-%d %H:%M:%S").to_string();
    let run_id = store::insert_import_run(
        &tx,
        &ImportRun {
            id: 0,
            file_name: name.clone(),
            sha256: String::new(),
            source,
            imported_at: imported_at.clone(),
            rows_added: 0,
            rows_updated: 0,
            rows_rejected: 0,
        },
    )?;
    let (counts, end) = std::thread::scope(|scope| -> Result<_> {
        let (send, receive) = std::sync::mpsc::sync_channel::<pipeline::Batch>(8);
        // Written batches go back to the reader to be freed where they were allocated.
        let (spent, returned) = std::sync::mpsc::channel::<pipeline::Batch>();
        let reader = scope.spawn(|| pipeline::read_all(path, &name, plan, order, send, returned));
        let written = write_rows(
            &tx,
            source,
            run_id,
            &mut services,
            receive,
            spent,
            &mut |read, bytes| {
                progress(Progress::at(
                    Phase::Write,
                    read,
                    bytes,
                    total_bytes,
                    started,
                ))
            },
        );
        let end = reader
            .join()
            .map_err(|_| Error::Invalid("the import's reader stopped unexpectedly".into()))?;
        Ok((written?, end?))
    })?;
    let (added, updated, satisfaction_added) = counts;

    if !settled {
        match decide(path, plan, &end.evidence)? {
            Some(decided) if decided.0 != order => {
                drop(tx); // rolls back
                return Ok(Pass::Redo(decided));
            }
            decided => date = decided,
        }
    }
    let errors = end.errors;
    if !errors.is_empty() && !opts.valid_rows_only {
        // Dropping the transaction rolls back everything, the import run record included.
        drop(tx);
        return Err(Error::RejectedRows(errors));
    }
    if !end.histories.is_empty() {
        let mut history = StatusWriter::new(&tx)?;
        for (key, states) in &end.histories {
            if let Some(id) = store::ticket_id(&tx, source, key)? {
                history.replace(id, states)?;
            }
        }
    }
    progress(Progress::at(
        Phase::Write,
        end.rows,
        total_bytes,
        total_bytes,
        started,
    ));
    store::update_import_run(
        &tx,
        run_id,
        &end.sha256,
        added,
        updated,
        errors.len() as i64,
    )?;
    tx.commit()?;
    Ok(Pass::Done(ImportReport {
        run: ImportRun {
            id: run_id,
            file_name: name,
            sha256: end.sha256,
            source,
            imported_at,
            rows_added: added,
            rows_updated: updated,
            rows_rejected: errors.len() as i64,
        },
        format_label: plan.label.clone(),
        date: date.map(|(_, a)| a),
        errors,
        services_created: services.created,
        satisfaction_added,
        seconds: started.elapsed().as_secs_f64(),
    }))
}

/// Writes the rows the reader sends until it is done: (added, updated, satisfaction responses).
/// A workspace without tickets of this source takes plain inserts (the reader has refused
/// repeated keys); otherwise each row is an upsert that leaves unchanged tickets alone.
fn write_rows(
    tx: &Connection,
    source: crate::domain::Source,
    run_id: i64,
    services: &mut Services,
    batches: std::sync::mpsc::Receiver<pipeline::Batch>,
    spent: std::sync::mpsc::Sender<pipeline::Batch>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(i64, i64, u64)> {
    let fresh: bool = tx.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM ticket_rows
                            WHERE source = (SELECT id FROM ticket_labels WHERE name = ?1))",
        [source.as_str()],
        |r| r.get(0),
    )?;
    let mut tickets = if fresh {
        TicketWriter::fresh(tx)?
    } else {
        TicketWriter::new(tx)?
    };
    let mut responses = ResponseWriter::new(tx)?;
    let (mut added, mut updated, mut rated) = (0i64, 0i64, 0u64);
    let mut last_service: Option<(Option<row::Text>, i64)> = None;
    let mut service_ids: Vec<i64> = Vec::new();
    let mut numbers = Numbers::default();
    let mut labels: Vec<TicketLabels> = Vec::new();
    let source_id = tickets.label_ids().id(source.as_str())?;
    for mut batch in batches {
        numbers.add(std::mem::take(&mut batch.numbered));
        labels.clear();
        let ids = tickets.label_ids();
        for row in &batch.rows {
            labels.push(TicketLabels {
                source: source_id,
                priority: numbers.id(ids, &row.priority)?,
                category: numbers.id(ids, &row.category)?,
                channel: numbers.id(ids, &row.channel)?,
                assignee: numbers.id(ids, &row.assignee)?,
                assignment_group: numbers.id(ids, &row.assignment_group)?,
                state: numbers.id(ids, &row.state)?,
            });
        }
        service_ids.clear();
        for row in &batch.rows {
            let id = match &last_service {
                Some((name, id)) if *name == row.service => *id,
                _ => {
                    let id = services.id(tx, row.service.as_deref())?;
                    last_service = Some((row.service.clone(), id));
                    id
                }
            };
            service_ids.push(id);
        }
        let rows: Vec<TicketRow> = batch
            .rows
            .iter()
            .zip(&service_ids)
            .map(|(row, &service_id)| TicketRow {
                source,
                external_key: &row.key,
                service_id,
                priority: row.priority.as_deref(),
                category: row.category.as_deref(),
                channel: row.channel.as_deref(),
                opened: row.opened,
                first_response: row.first_response,
                first_assigned: row.first_assigned,
                resolved: row.resolved,
                closed: row.closed,
                assignee: row.assignee.as_deref(),
                assignment_group: row.assignment_group.as_deref(),
                reassignment_count: row.reassignment_count,
                reopen_count: row.reopen_count,
                state: row.state.as_deref(),
                response_tracked: row.response_tracked,
            })
            .collect();
        let (a, u) = tickets.write_all(&rows, &labels, Some(run_id))?;
        added += a;
        updated += u;
        drop(rows);
        // Ticket ratings, after their tickets (a response links to its ticket by key).
        for (row, &service_id) in batch.rows.iter().zip(&service_ids) {
            if let Some(score) = row.satisfaction {
                let r = SatisfactionResponse {
                    service_id,
                    ticket_key: Some(row.key.to_string()),
                    responded_at: row.resolved.or(row.closed).unwrap_or(row.opened),
                    score,
                    scale: Scale::FIVE,
                    comment: None,
                    channel: "ticket".into(),
                };
                responses.upsert(source, &row.key, &r, Some(run_id))?;
                rated += 1;
            }
        }
        progress(batch.read, batch.bytes);
        let _ = spent.send(batch);
    }
    Ok((added, updated, rated))
}

/// The workspace's label ids of the reader's label numbers (`row::Label`), each looked up when
/// first used: the texts of the numbers handed out so far, and the ids found for them.
#[derive(Default)]
struct Numbers {
    texts: Vec<row::Text>,
    ids: Vec<Option<i64>>,
}

impl Numbers {
    /// The texts of the next numbers, in their order (`Interner::take_numbered`).
    fn add(&mut self, numbered: Vec<row::Text>) {
        self.texts.extend(numbered);
        self.ids.resize(self.texts.len(), None);
    }

    fn id(&mut self, ids: &mut store::LabelIds, label: &Option<row::Label>) -> Result<Option<i64>> {
        let Some(label) = label else {
            return Ok(None);
        };
        let n = label.number as usize;
        match self.ids.get(n) {
            Some(&Some(id)) => Ok(Some(id)),
            Some(None) => {
                let id = ids.id(&self.texts[n])?;
                self.ids[n] = Some(id);
                Ok(Some(id))
            }
            // Past the reader's limit: looked up by its text.
            None => Ok(Some(ids.id(label)?)),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::row::{Interner, Label};
    use super::Numbers;

    /// A reader's label numbers give the workspace's label ids of their texts: numbered texts
    /// once looked up by text, unnumbered ones (past the reader's limit) by text every time, none
    /// as none; a text the workspace already has keeps its id.
    #[test]
    fn label_numbers_give_the_label_ids_of_their_texts() {
        let conn = crate::store::open_in_memory().unwrap();
        conn.execute(
            "INSERT INTO ticket_labels(id, name) VALUES (7, 'Closed')",
            [],
        )
        .unwrap();
        let mut ids = crate::store::LabelIds::new(&conn).unwrap();
        let mut interner = Interner::default();
        let mut numbers = Numbers::default();
        let values = ["Li Na", "Closed", "Li Na", "网络组", "Closed"];
        let labels: Vec<Label> = values.iter().map(|v| interner.label(v)).collect();
        numbers.add(interner.take_numbered());
        assert_eq!(numbers.texts.len(), 3);
        let unnumbered = Label {
            text: "Wang Lei".into(),
            number: Label::UNNUMBERED,
        };
        let mut got = Vec::new();
        for l in labels.iter().chain([&unnumbered, &labels[0], &unnumbered]) {
            got.push(numbers.id(&mut ids, &Some(l.clone())).unwrap().unwrap());
        }
        assert_eq!(numbers.id(&mut ids, &None).unwrap(), None);
        let name = |id: i64| -> String {
            conn.query_row("SELECT name FROM ticket_labels WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap()
        };
        let names: Vec<String> = got.iter().map(|&id| name(id)).collect();
        assert_eq!(
            names,
            [
                "Li Na",
                "Closed",
                "Li Na",
                "网络组",
                "Closed",
                "Wang Lei",
                "Li Na",
                "Wang Lei"
            ]
        );
        assert_eq!(got[1], 7);
        assert_eq!(got[0], got[2]);
        assert_eq!(got[5], got[7]);
        let n: i64 = conn
            .query_row("SELECT count(*) FROM ticket_labels", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 4);
    }
}

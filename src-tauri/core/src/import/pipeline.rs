//! The reading half of an import, run on its own thread while the caller writes: one pass over
//! the file that hashes its bytes, parses and checks every row, refuses repeated keys in list
//! exports, folds event logs into one row per incident with its status history, and gathers the
//! date-order evidence from every date value (the caller decides the order from the first rows
//! and redoes the import in the rare file whose later rows decide otherwise).

use super::dates::{DateOrder, OrderEvidence};
use super::model::{Field, RowError};
use super::row::{Interner, ParsedRow, RowReader, Text};
use super::{csv_reader_hashed, csv_reason, date_columns, Plan};
use crate::Result;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender};
use std::sync::{Arc, Mutex};

/// Rows parsed, in file order, sent to the writer a few thousand at a time.
pub(super) struct Batch {
    pub rows: Vec<ParsedRow>,
    /// The label values numbered since the batch before (`Interner::take_numbered`): with
    /// those of the batches before, the text of every number in these rows.
    pub numbered: Vec<Text>,
    /// Records read so far and the byte offset reached, for progress.
    pub read: u64,
    pub bytes: u64,
}

/// What the reader knows once the whole file is read.
pub(super) struct ParseEnd {
    pub errors: Vec<RowError>,
    pub evidence: OrderEvidence,
    pub sha256: String,
    pub rows: u64,
    /// Event logs: each incident's state changes, (moment, state) in order.
    pub histories: Vec<(String, Vec<(i64, String)>)>,
}

const BATCH: usize = 4096;

/// For event logs: the incident's latest row, the first moment it left the `New` state, its
/// first assignment, and every (update counter, moment, state) seen in file order, from which
/// its status history is built.
struct EventFold {
    last_mod: i64,
    row: ParsedRow,
    first_response: Option<i64>,
    /// (update counter, moment) of the first row, in event order, that names an assignee.
    first_assigned: Option<(i64, i64)>,
    events: Vec<(i64, i64, Text)>,
}

impl EventFold {
    fn new(row: ParsedRow) -> Self {
        let (event, left_new) = event_of(&row);
        EventFold {
            last_mod: row.mod_count.unwrap_or(0),
            first_response: left_new,
            first_assigned: assigned_of(&row),
            events: event.into_iter().collect(),
            row,
        }
    }

    /// The state changes in event order — by update counter only, ties in file order (a stable
    /// sort of the events as read) — with consecutive updates in the same state collapsed.
    fn history(&mut self) -> Vec<(i64, String)> {
        self.events.sort_by_key(|e| e.0);
        let mut out: Vec<(i64, String)> = Vec::new();
        for (_, at, state) in self.events.drain(..) {
            if out.last().is_none_or(|(_, s)| **s != *state) {
                out.push((at, state.to_string()));
            }
        }
        out
    }

    fn add(&mut self, row: ParsedRow) {
        let (event, left_new) = event_of(&row);
        self.events.extend(event);
        // The first in event order: a lower update counter, or the same one earlier in the file.
        if let Some(a) = assigned_of(&row) {
            if self.first_assigned.is_none_or(|f| a.0 < f.0) {
                self.first_assigned = Some(a);
            }
        }
        self.first_response = match (self.first_response, left_new) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        // Ties in sys_mod_count keep the later row (file order).
        if row.mod_count.unwrap_or(0) >= self.last_mod {
            self.last_mod = row.mod_count.unwrap_or(0);
            self.row = row;
        }
    }
}

/// The row's (update counter, moment) when it names an assignee (`assigned_to` present, not
/// `?`) and has an update time.
fn assigned_of(row: &ParsedRow) -> Option<(i64, i64)> {
    row.assignee.as_ref()?;
    Some((row.mod_count.unwrap_or(0), row.updated_at?))
}

/// The row's (update counter, moment, state) event, and the moment it shows the incident out of
/// `New` (its first response, if it is the earliest).
fn event_of(row: &ParsedRow) -> (Option<(i64, i64, Text)>, Option<i64>) {
    let left_new = row
        .state
        .as_deref()
        .is_some_and(|s| !s.eq_ignore_ascii_case("new"));
    let event = row
        .updated_at
        .zip(row.state.as_ref().map(|l| l.text.clone()))
        .map(|(when, state)| (row.mod_count.unwrap_or(0), when, state));
    (event, row.updated_at.filter(|_| left_new))
}

/// The keys of a list export seen so far, each with the line it was first seen on: one text
/// buffer holding every key, the longest run of keys that came in order, and a hash table for
/// the others. (A map of shared strings took one allocation per key, and freeing a million of
/// them at the end of a large import was about 0.2 s in which the writer waited.)
///
/// Exports are usually sorted by their key, ascending or descending: a key beyond the end of the
/// run is new without a look anywhere, and the run is searched by halving. Only keys out of
/// order go to the hash table, whose probes miss the processor's caches once it is large (in a
/// sorted 1M-row file they were ~13% of the reading).
struct KeySet {
    text: String,
    /// (end of the key in `text`, line); a key starts where the one before it ends.
    keys: Vec<(usize, u64)>,
    /// Indexes of keys in strictly monotone order, in the direction `ascending` says (decided
    /// by the first two keys).
    run: Vec<u32>,
    ascending: Option<bool>,
    /// Indexes of the other keys; room for `capacity` made when the first one comes.
    table: hashbrown::HashTable<u32>,
    capacity: usize,
}

impl KeySet {
    fn with_capacity(keys: usize) -> Self {
        KeySet {
            text: String::with_capacity(keys * 12),
            keys: Vec::with_capacity(keys),
            run: Vec::with_capacity(keys),
            ascending: None,
            table: hashbrown::HashTable::new(),
            capacity: keys,
        }
    }

    fn key<'k>(text: &'k str, keys: &[(usize, u64)], i: u32) -> &'k str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { keys[i - 1].0 };
        &text[start..keys[i].0]
    }

    fn hash(key: &str) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(key)
    }

    /// Adds `key`, first seen on `line`; if it was there already, leaves it and gives the line
    /// it was first seen on.
    fn insert(&mut self, key: &str, line: u64) -> Option<u64> {
        use std::cmp::Ordering::{Equal, Greater, Less};
        // Past four billion rows the check stops rather than the import.
        let i = u32::try_from(self.keys.len()).ok()?;
        let Self {
            text,
            keys,
            run,
            ascending,
            table,
            capacity,
        } = self;
        // Where the key stands to the end of the run, in the run's direction: Greater = beyond.
        let beyond = match run.last() {
            None => Greater,
            Some(&last) => {
                let c = key.cmp(Self::key(text, keys, last));
                match (*ascending, c) {
                    (_, Equal) => Equal,
                    (None, c) => {
                        *ascending = Some(c == Greater);
                        Greater
                    }
                    (Some(true), c) => c,
                    (Some(false), c) => c.reverse(),
                }
            }
        };
        // `Some(hash)`: the key is out of order and new, for the hash table.
        let hash = match beyond {
            // Every key of the table was inside the run's end when it came, and the end has
            // only moved outwards since: a key beyond it is new.
            Greater => None,
            Equal => return run.last().map(|&l| keys[l as usize].1),
            Less => {
                let up = ascending.unwrap_or(true);
                let found = run.binary_search_by(|&j| {
                    let c = Self::key(text, keys, j).cmp(key);
                    if up {
                        c
                    } else {
                        c.reverse()
                    }
                });
                if let Ok(at) = found {
                    return Some(keys[run[at] as usize].1);
                }
                let hash = Self::hash(key);
                if let Some(&j) = table.find(hash, |&j| Self::key(text, keys, j) == key) {
                    return Some(keys[j as usize].1);
                }
                Some(hash)
            }
        };
        // Stored before the table takes its index (rehashing reads the keys by index).
        text.push_str(key);
        keys.push((text.len(), line));
        match hash {
            None => run.push(i),
            Some(hash) => {
                if table.capacity() == 0 {
                    table.reserve(capacity.saturating_sub(run.len()).max(16), |&j| {
                        Self::hash(Self::key(text, keys, j))
                    });
                }
                table.insert_unique(hash, i, |&j| Self::hash(Self::key(text, keys, j)));
            }
        }
        None
    }
}

/// Reads `path` to the end, sending parsed rows to `out`. Stops early (without error) when the
/// writer hangs up.
pub(super) fn read_all(
    path: &Path,
    name: &str,
    plan: &Plan,
    order: DateOrder,
    out: SyncSender<Batch>,
    spent: Receiver<Batch>,
) -> Result<ParseEnd> {
    let hasher = Arc::new(Mutex::new(Sha256::new()));
    let (mut rdr, tracker) = csv_reader_hashed(path, Some(hasher.clone()))?;
    let rr = RowReader::new(&plan.headers, &plan.mapping);
    let event_log = plan.event_log();
    let date_cols = date_columns(plan);
    let mut evidence = OrderEvidence::default();
    let mut errors = Vec::new();
    let mut interner = Interner::default();
    // Room for the keys up front rather than rehashing as they come: rows of a ticket export
    // take 150-250 bytes, so a row per 160 bytes is rarely too few (a 1M-row file then never
    // grows the set, which cost a rehash of ~900k keys).
    let file_bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    let mut seen = KeySet::with_capacity(
        usize::try_from(file_bytes / 160)
            .unwrap_or(0)
            .min(4_000_000),
    );
    let mut folds: rustc_hash::FxHashMap<Text, EventFold> = Default::default();
    let mut fold_order: Vec<Text> = Vec::new();
    let mut rec = csv::StringRecord::new();
    let mut batch = Vec::with_capacity(BATCH);
    let mut rows = 0u64;
    // The writer hands back each batch once written: its rows' strings are freed here, on the
    // thread that allocated them (cheaper for the allocator), and the vector is reused.
    let send = |batch: &mut Vec<ParsedRow>, numbered: Vec<Text>, read: u64, bytes: u64| -> bool {
        let fresh = match spent.try_recv() {
            Ok(old) => {
                let mut rows = old.rows;
                rows.clear();
                rows
            }
            Err(_) => Vec::with_capacity(BATCH),
        };
        let rows = std::mem::replace(batch, fresh);
        out.send(Batch {
            rows,
            numbered,
            read,
            bytes,
        })
        .is_ok()
    };
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| tracker.line_of(p.byte())).unwrap_or(0);
                errors.push(RowError {
                    file: name.to_string(),
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
        for &i in &date_cols {
            if let Some(v) = rec.get(i) {
                evidence.observe(v);
            }
        }
        let line = rec
            .position()
            .map(|p| tracker.line_of(p.byte()))
            .unwrap_or(rows + 1);
        match rr.parse(&rec, order, name, line, &mut interner) {
            Err(e) => errors.push(e),
            Ok(row) if event_log => match folds.get_mut(&row.key) {
                Some(f) => f.add(row),
                None => {
                    fold_order.push(row.key.clone());
                    folds.insert(row.key.clone(), EventFold::new(row));
                }
            },
            Ok(row) => {
                // A list export has one row per ticket: a key seen twice is a broken or
                // concatenated file (event logs repeat keys by design and are folded above).
                if let Some(first) = seen.insert(&row.key, line) {
                    let col = rr.columns(Field::Key).first().copied().unwrap_or(0);
                    errors.push(RowError {
                        file: name.to_string(),
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
                batch.push(row);
                if batch.len() == BATCH {
                    let bytes = rec.position().map(|p| p.byte()).unwrap_or(0);
                    if !send(&mut batch, interner.take_numbered(), rows, bytes) {
                        break;
                    }
                }
            }
        }
    }
    let bytes = rec.position().map(|p| p.byte()).unwrap_or(0);
    let mut histories = Vec::with_capacity(fold_order.len());
    for key in fold_order {
        let Some(mut f) = folds.remove(&key) else {
            continue;
        };
        // The first move out of New is the response; a resolution before it also counts.
        f.row.first_response = f.first_response;
        f.row.response_tracked = true;
        f.row.first_assigned = f.first_assigned.map(|(_, at)| at);
        histories.push((key.to_string(), f.history()));
        batch.push(f.row);
        if batch.len() == BATCH && !send(&mut batch, interner.take_numbered(), rows, bytes) {
            break;
        }
    }
    if !batch.is_empty() {
        send(&mut batch, interner.take_numbered(), rows, bytes);
    }
    drop(rdr);
    let sha256 = {
        let h = hasher
            .lock()
            .map_err(|_| crate::Error::Invalid("hash lock".into()))?;
        super::hex(&h.clone().finalize())
    };
    Ok(ParseEnd {
        errors,
        evidence,
        sha256,
        rows,
        histories,
    })
}

/// The date-order evidence of the first `rows` records: enough to decide nearly every file.
pub(super) fn head_evidence(path: &Path, plan: &Plan, rows: usize) -> Result<OrderEvidence> {
    let (mut rdr, _) = csv_reader_hashed(path, None)?;
    let date_cols = date_columns(plan);
    let mut ev = OrderEvidence::default();
    let mut rec = csv::StringRecord::new();
    let mut n = 0;
    while n < rows && rdr.read_record(&mut rec).unwrap_or(false) {
        for &i in &date_cols {
            if let Some(v) = rec.get(i) {
                ev.observe(v);
            }
        }
        n += 1;
    }
    Ok(ev)
}

#[cfg(test)]
mod tests {
    use super::KeySet;
    use std::collections::HashMap;

    /// The key set answers as a map from key to first line would, past its initial capacity,
    /// for keys that are prefixes of one another, empty, non-ASCII or repeated many times.
    #[test]
    fn the_key_set_gives_the_first_line_of_every_repeated_key() {
        let mut keys: Vec<String> = vec![
            "".into(),
            "INC1".into(),
            "INC10".into(),
            "INC1".into(),
            "工单-1".into(),
            "工单-1".into(),
            "".into(),
        ];
        // Deterministic pseudo-random keys with many repeats.
        let mut x: u64 = 12345;
        for _ in 0..20_000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            keys.push(format!("INC{:07}", (x >> 33) % 15_000));
        }
        // Files sorted by key, ascending or descending from the first row, with repeats and
        // keys out of order later; and the mixed list above.
        let up: Vec<String> = (0..3000).map(|i| format!("INC{i:07}")).collect();
        let mut sorted_up = up.clone();
        sorted_up.extend(up.iter().rev().step_by(7).cloned());
        sorted_up.extend(
            ["INC0000000", "ZZZ", "A", "INC0003000", "INC0002999", "ZZZ"].map(String::from),
        );
        let mut sorted_down: Vec<String> = up.iter().rev().cloned().collect();
        sorted_down.extend(up.iter().step_by(13).cloned());
        sorted_down.extend(["INC0002999", "", "ZZZ", "A", "", "INC", "ZZZ"].map(String::from));
        let mut mixed = keys.clone();
        mixed.extend(sorted_down.iter().cloned());
        for keys in [&keys, &sorted_up, &sorted_down, &mixed] {
            for capacity in [0, 16, 40_000] {
                let mut set = KeySet::with_capacity(capacity);
                let mut model: HashMap<&str, u64> = HashMap::new();
                for (line, key) in keys.iter().enumerate() {
                    let line = line as u64 + 2;
                    let want = model.get(key.as_str()).copied();
                    model.entry(key).or_insert(line);
                    assert_eq!(set.insert(key, line), want, "{key:?} on line {line}");
                }
                assert_eq!(set.keys.len(), model.len());
            }
        }
    }
}

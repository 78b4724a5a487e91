//! tickets table: upserted by (source, external_key), read back as slim facts for the metrics.

use super::blocks;
use crate::domain::{Source, Ticket};
use crate::metrics::{count, OptIndex, TicketFacts};
use crate::Result;
use rusqlite::{params, Connection, OptionalExtension, Statement};

/// Whether an upsert added a ticket, changed an existing one, or found it unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    Added,
    Updated,
    Unchanged,
}

/// A ticket's stored columns, borrowed.
pub struct TicketRow<'a> {
    pub source: Source,
    pub external_key: &'a str,
    pub service_id: i64,
    pub priority: Option<&'a str>,
    pub category: Option<&'a str>,
    pub channel: Option<&'a str>,
    pub opened: i64,
    pub first_response: Option<i64>,
    /// First assignment to a person (event logs); None when the source does not carry it.
    pub first_assigned: Option<i64>,
    pub resolved: Option<i64>,
    pub closed: Option<i64>,
    pub assignee: Option<&'a str>,
    pub assignment_group: Option<&'a str>,
    pub reassignment_count: i64,
    pub reopen_count: i64,
    pub state: Option<&'a str>,
    pub response_tracked: bool,
}

impl<'a> TicketRow<'a> {
    pub fn of(t: &'a Ticket) -> Self {
        TicketRow {
            source: t.source,
            external_key: &t.external_key,
            service_id: t.service_id,
            priority: t.priority.as_deref(),
            category: t.category.as_deref(),
            channel: t.channel.as_deref(),
            opened: t.opened,
            first_response: t.first_response,
            first_assigned: t.first_assigned,
            resolved: t.resolved,
            closed: t.closed,
            assignee: t.assignee.as_deref(),
            assignment_group: t.assignment_group.as_deref(),
            reassignment_count: t.reassignment_count,
            reopen_count: t.reopen_count,
            state: t.state.as_deref(),
            response_tracked: t.response_tracked,
        }
    }
}

/// The ids of the tickets' label texts (`ticket_labels`: sources, priorities, categories,
/// channels, assignees, groups, states) for one writer: the workspace's, read once, and each new
/// text added when it first comes. Lives within the writer's transaction, as the labels it adds.
pub struct LabelIds<'c> {
    ids: rustc_hash::FxHashMap<Box<str>, i64>,
    add: Statement<'c>,
}

impl<'c> LabelIds<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self> {
        let mut ids = rustc_hash::FxHashMap::default();
        let mut stmt = conn.prepare("SELECT name, id FROM ticket_labels")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            ids.insert(r.get::<_, String>(0)?.into_boxed_str(), r.get(1)?);
        }
        Ok(LabelIds {
            ids,
            add: conn.prepare("INSERT INTO ticket_labels(name) VALUES (?1) RETURNING id")?,
        })
    }

    pub fn id(&mut self, name: &str) -> Result<i64> {
        if let Some(&id) = self.ids.get(name) {
            return Ok(id);
        }
        let id: i64 = self.add.query_row([name], |r| r.get(0))?;
        self.ids.insert(name.into(), id);
        Ok(id)
    }

    fn opt(&mut self, name: Option<&str>) -> Result<Option<i64>> {
        name.map(|n| self.id(n)).transpose()
    }

    /// The label ids of a row's texts.
    pub fn of(&mut self, t: &TicketRow) -> Result<TicketLabels> {
        Ok(TicketLabels {
            source: self.id(t.source.as_str())?,
            priority: self.opt(t.priority)?,
            category: self.opt(t.category)?,
            channel: self.opt(t.channel)?,
            assignee: self.opt(t.assignee)?,
            assignment_group: self.opt(t.assignment_group)?,
            state: self.opt(t.state)?,
        })
    }
}

/// A row's label texts as the label ids the table stores (`LabelIds`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TicketLabels {
    pub source: i64,
    pub priority: Option<i64>,
    pub category: Option<i64>,
    pub channel: Option<i64>,
    pub assignee: Option<i64>,
    pub assignment_group: Option<i64>,
    pub state: Option<i64>,
}

/// A prepared upsert for one import: re-importing the same export never duplicates.
pub struct TicketWriter<'c> {
    stmt: Statement<'c>,
    /// The same statement for `MANY` rows, to pay its fixed cost once for many rows.
    many: Statement<'c>,
    labels: LabelIds<'c>,
    max_id_before: i64,
    /// No ticket of the source exists yet: plain inserts (the caller guarantees unique keys).
    fresh: bool,
}

const TICKET_COLUMNS: usize = 18;
/// Rows per multi-row insert (18 × 32 = 576 parameters, well under SQLite's limit).
const MANY: usize = 32;

/// Binds one ticket's columns (`c`: its label ids) at parameters `offset + 1 ..= offset + 18`,
/// in `INSERT_TICKET` order, except those equal in `before`: the row bound at the same
/// parameters for the statement's last run in the same call (hence of the same import run, which
/// stays bound). SQLite keeps a binding until it is replaced, and binding text copies it into an
/// allocation of its own; in an export sorted by time the rows at the same place of two runs
/// often share their service, priority, state or group.
fn bind_row(
    stmt: &mut Statement,
    offset: usize,
    (t, c): (&TicketRow, &TicketLabels),
    import_run_id: Option<i64>,
    before: Option<(&TicketRow, &TicketLabels)>,
) -> Result<()> {
    let at = |k: usize| offset + k;
    macro_rules! bind {
        ($k:expr, $field:ident) => {
            if before.is_none_or(|(b, _)| b.$field != t.$field) {
                stmt.raw_bind_parameter(at($k), t.$field)?;
            }
        };
        ($k:expr, label $field:ident) => {
            if before.is_none_or(|(_, b)| b.$field != c.$field) {
                stmt.raw_bind_parameter(at($k), c.$field)?;
            }
        };
    }
    bind!(1, label source);
    bind!(2, external_key);
    bind!(3, service_id);
    bind!(4, label priority);
    bind!(5, label category);
    bind!(6, label channel);
    bind!(7, opened);
    bind!(8, first_response);
    bind!(9, resolved);
    bind!(10, closed);
    bind!(11, label assignee);
    bind!(12, label assignment_group);
    bind!(13, reassignment_count);
    bind!(14, reopen_count);
    bind!(15, label state);
    if before.is_none() {
        stmt.raw_bind_parameter(at(16), import_run_id)?;
    }
    bind!(17, response_tracked);
    bind!(18, first_assigned);
    Ok(())
}

const INSERT_TICKET: &str =
    "INSERT INTO ticket_rows(source, external_key, service_id, priority, category, channel,
        opened, first_response, resolved, closed, assignee, assignment_group, reassignment_count,
        reopen_count, state, import_run_id, response_tracked, first_assigned)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";

/// What makes `INSERT_TICKET` an upsert: a row whose key is stored already updates it, unless
/// nothing but its import run differs; RETURNING gives the id of each row added or changed.
const UPSERT_TAIL: &str = "ON CONFLICT(source, external_key) DO UPDATE SET
        service_id = excluded.service_id, priority = excluded.priority,
        category = excluded.category, channel = excluded.channel, opened = excluded.opened,
        first_response = excluded.first_response, resolved = excluded.resolved,
        closed = excluded.closed, assignee = excluded.assignee,
        assignment_group = excluded.assignment_group,
        reassignment_count = excluded.reassignment_count,
        reopen_count = excluded.reopen_count, state = excluded.state,
        response_tracked = excluded.response_tracked,
        first_assigned = excluded.first_assigned,
        import_run_id = excluded.import_run_id
     WHERE (ticket_rows.service_id, ticket_rows.priority, ticket_rows.category,
            ticket_rows.channel, ticket_rows.opened, ticket_rows.first_response,
            ticket_rows.resolved, ticket_rows.closed, ticket_rows.assignee,
            ticket_rows.assignment_group, ticket_rows.reassignment_count,
            ticket_rows.reopen_count, ticket_rows.state, ticket_rows.response_tracked,
            ticket_rows.first_assigned)
        IS NOT (excluded.service_id, excluded.priority, excluded.category, excluded.channel,
            excluded.opened, excluded.first_response, excluded.resolved, excluded.closed,
            excluded.assignee, excluded.assignment_group, excluded.reassignment_count,
            excluded.reopen_count, excluded.state, excluded.response_tracked,
            excluded.first_assigned)
     RETURNING id";

/// `INSERT_TICKET` for `MANY` rows at once, with `verb` ("INSERT" or "INSERT OR FAIL") and
/// `tail` after the values.
fn insert_many(verb: &str, tail: &str) -> String {
    let row = format!("({})", vec!["?"; TICKET_COLUMNS].join(", "));
    let values = vec![row.as_str(); MANY].join(", ");
    let head = &INSERT_TICKET[..INSERT_TICKET.find("VALUES").unwrap_or(0)];
    format!(
        "{} VALUES {values} {tail}",
        head.replacen("INSERT", verb, 1)
    )
}

impl<'c> TicketWriter<'c> {
    /// For a source with no tickets yet, whose keys the caller has checked are unique: every
    /// row is a plain insert (no conflict to resolve, no statement journal), several times
    /// faster than the upsert on a large first import.
    pub fn fresh(conn: &'c Connection) -> Result<Self> {
        Ok(TicketWriter {
            stmt: conn.prepare(INSERT_TICKET)?,
            // OR FAIL: no statement journal for the multi-row insert (a failure rolls back the
            // whole import anyway, and the caller has refused repeated keys).
            many: conn.prepare(&insert_many("INSERT OR FAIL", ""))?,
            labels: LabelIds::new(conn)?,
            max_id_before: 0,
            fresh: true,
        })
    }

    /// The upsert, for a source that has tickets already: each row added, updated or left
    /// as it is.
    pub fn new(conn: &'c Connection) -> Result<Self> {
        let max_id_before =
            conn.query_row("SELECT coalesce(max(id), 0) FROM ticket_rows", [], |r| {
                r.get(0)
            })?;
        Ok(TicketWriter {
            stmt: conn.prepare(&format!("{INSERT_TICKET} {UPSERT_TAIL}"))?,
            many: conn.prepare(&insert_many("INSERT", UPSERT_TAIL))?,
            labels: LabelIds::new(conn)?,
            max_id_before,
            fresh: false,
        })
    }

    /// Writes `rows`, whose label ids are `labels`, `MANY` at a time (a fresh writer inserts
    /// them, the other upserts them; in a batch of one import the keys are distinct), and
    /// gives (added, updated).
    pub fn write_all(
        &mut self,
        rows: &[TicketRow],
        labels: &[TicketLabels],
        import_run_id: Option<i64>,
    ) -> Result<(i64, i64)> {
        debug_assert_eq!(rows.len(), labels.len());
        let (mut added, mut updated) = (0i64, 0i64);
        let (fresh, max_id_before) = (self.fresh, self.max_id_before);
        let mut chunks = rows.chunks_exact(MANY);
        // The rows of the chunk before are what the parameters hold (the first chunk binds
        // all: what a statement held before this call is not known here).
        let mut before: Option<(&[TicketRow], &[TicketLabels])> = None;
        for (chunk, codes) in chunks.by_ref().zip(labels.chunks_exact(MANY)) {
            for (i, t) in chunk.iter().enumerate() {
                let held = before.map(|(b, c)| (&b[i], &c[i]));
                bind_row(
                    &mut self.many,
                    i * TICKET_COLUMNS,
                    (t, &codes[i]),
                    import_run_id,
                    held,
                )?;
            }
            if fresh {
                self.many.raw_execute()?;
                added += MANY as i64;
            } else {
                // The ids of the rows added or changed; unchanged rows give none.
                let mut ids = self.many.raw_query();
                while let Some(r) = ids.next()? {
                    if r.get::<_, i64>(0)? > max_id_before {
                        added += 1;
                    } else {
                        updated += 1;
                    }
                }
            }
            before = Some((chunk, codes));
        }
        let done = rows.len() - chunks.remainder().len();
        for (t, c) in rows[done..].iter().zip(&labels[done..]) {
            match self.upsert_row(t, c, import_run_id)? {
                Upsert::Added => added += 1,
                Upsert::Updated => updated += 1,
                Upsert::Unchanged => {}
            }
        }
        Ok((added, updated))
    }

    /// The label ids this writer stores, to give `write_all` theirs.
    pub fn label_ids(&mut self) -> &mut LabelIds<'c> {
        &mut self.labels
    }

    pub fn upsert(&mut self, t: &Ticket, import_run_id: Option<i64>) -> Result<Upsert> {
        let t = TicketRow::of(t);
        let labels = self.labels.of(&t)?;
        self.upsert_row(&t, &labels, import_run_id)
    }

    /// One row from borrowed values and their label ids, with its own statement (`upsert`, and
    /// the rows of `write_all` past its last whole `MANY`).
    fn upsert_row(
        &mut self,
        t: &TicketRow,
        labels: &TicketLabels,
        import_run_id: Option<i64>,
    ) -> Result<Upsert> {
        bind_row(&mut self.stmt, 0, (t, labels), import_run_id, None)?;
        if self.fresh {
            self.stmt.raw_execute()?;
            return Ok(Upsert::Added);
        }
        // RETURNING gives the id of an inserted or changed row, nothing for an unchanged one.
        let id: Option<i64> = match self.stmt.raw_query().next()? {
            Some(r) => Some(r.get(0)?),
            None => None,
        };
        Ok(match id {
            None => Upsert::Unchanged,
            Some(id) if id > self.max_id_before => Upsert::Added,
            Some(_) => Upsert::Updated,
        })
    }
}

/// The ticket id for a (source, key), e.g. to link a satisfaction response.
pub fn ticket_id(conn: &Connection, source: Source, key: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM ticket_rows
                 WHERE source = (SELECT id FROM ticket_labels WHERE name = ?1) AND external_key = ?2")?
        .query_row(params![source.as_str(), key], |r| r.get(0))
        .optional()?)
}

/// Strings interned while loading facts: categories, groups, assignees and states.
#[derive(Default)]
pub struct Labels {
    pub names: Vec<String>,
    index: rustc_hash::FxHashMap<String, u32>,
}

impl Labels {
    pub fn intern(&mut self, s: Option<&str>) -> Option<u32> {
        let s = s?;
        if let Some(&i) = self.index.get(s) {
            return Some(i);
        }
        let i = self.names.len() as u32;
        self.index.insert(s.to_string(), i);
        self.names.push(s.to_string());
        Some(i)
    }

    /// Appends `theirs`, whose label indexes refer to `their_labels`, to `v`, their indexes
    /// turned into indexes of these labels (a reader thread interns in labels of its own).
    pub(super) fn adopt(
        &mut self,
        v: &mut Vec<TicketFacts>,
        theirs: Vec<TicketFacts>,
        their_labels: &Labels,
    ) {
        let remap: Vec<u32> = their_labels
            .names
            .iter()
            .map(|n| self.intern(Some(n)).unwrap_or(0))
            .collect();
        let map = |i: OptIndex| OptIndex::new(i.get().map(|i| remap[i as usize]));
        v.reserve(theirs.len());
        v.extend(theirs.into_iter().map(|mut t| {
            t.priority = map(t.priority);
            t.category = map(t.category);
            t.group = map(t.group);
            t.assignee = map(t.assignee);
            for (_, state) in t.history.iter_mut() {
                *state = remap[*state as usize];
            }
            t
        }));
    }

    /// These labels' indexes of the workspace's ticket labels, by label id (`ticket_labels`):
    /// the tickets table holds label ids, turned into fact labels with one look each.
    fn of_table(&mut self, conn: &Connection) -> Result<Vec<OptIndex>> {
        let mut by_id = Vec::new();
        let mut stmt = conn.prepare_cached("SELECT id, name FROM ticket_labels ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id = usize::try_from(r.get::<_, i64>(0)?).unwrap_or(0);
            if by_id.len() <= id {
                by_id.resize(id + 1, OptIndex::NONE);
            }
            by_id[id] = self.column(r, 1)?;
        }
        Ok(by_id)
    }

    /// Interns a text column without copying it first (NULL gives `None`).
    fn column(&mut self, r: &rusqlite::Row, i: usize) -> rusqlite::Result<OptIndex> {
        let v = r.get_ref(i)?;
        Ok(self
            .intern(v.as_str_or_null().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(i, v.data_type(), Box::new(e))
            })?)
            .into())
    }
}

/// The tickets that can matter for periods in `[?1, ?2)`: those opened in it; those opened
/// before it and resolved in or after it; and those opened in the lookback `[?3, ?1)` whose
/// outcome is still open at its start (unresolved, or a first response only after it). Three
/// disjoint index ranges, so a quarter of a large workspace reads its own tickets, not the table.
const WINDOW_SELECT: [&str; 3] = [
    "WHERE t.opened >= ?1 AND t.opened < ?2",
    "WHERE t.resolved >= ?1 AND t.opened < ?1",
    "WHERE t.opened >= ?3 AND t.opened < ?1
       AND (t.resolved IS NULL OR (t.resolved < ?1 AND t.first_response >= ?1))",
];

/// Tickets that can matter for periods in `[start, end)`, with their status histories, ordered
/// by id: those opened in it; opened before it and resolved in or after it; and opened in the
/// `lookback` seconds before it with their outcome still open at its start
/// (`metrics::window_holds`).
///
/// They are read from the fact blocks (`blocks.rs`) when these were written from the current
/// data. Otherwise every ticket is read from the table once, the blocks are written from them
/// (unless the workspace cannot be written now: read-only, busy, full) and the window is cut
/// from them. Inside a transaction the window is read from the table.
pub fn ticket_facts(
    conn: &Connection,
    path: Option<&std::path::Path>,
    start: i64,
    end: i64,
    lookback: i64,
    labels: &mut Labels,
) -> Result<Vec<TicketFacts>> {
    if !conn.is_autocommit() {
        return read_table(conn, path, start, end, lookback, labels);
    }
    let stamp = blocks::stamp(conn)?;
    if let Some(v) = blocks::read(conn, &stamp, (start, end), lookback, labels)? {
        return Ok(v);
    }
    let mut all = read_table(conn, path, i64::MIN / 4, i64::MAX / 4, 0, labels)?;
    if let Err(e) = blocks::write(conn, &stamp, &all, &labels.names) {
        use rusqlite::ErrorCode::*;
        let cannot_write = matches!(&e, crate::Error::Db(d) if matches!(
            d.sqlite_error_code(),
            Some(ReadOnly | DatabaseBusy | DatabaseLocked | DiskFull | CannotOpen | PermissionDenied)
        ));
        if !cannot_write {
            return Err(e);
        }
    }
    all.retain(|t| {
        crate::metrics::window_holds(
            t.opened,
            t.first_response.get(),
            t.resolved.get(),
            (start, end),
            lookback,
        )
    });
    Ok(all)
}

/// `ticket_facts` read from the tickets table. A window holding a large share of the table is
/// read by a scan in id order, any other through the indexes (`WINDOW_SELECT`). With `path` (the
/// workspace file) the reading is split in two, the second half read by another thread on its
/// own read-only connection.
fn read_table(
    conn: &Connection,
    path: Option<&std::path::Path>,
    start: i64,
    end: i64,
    lookback: i64,
    labels: &mut Labels,
) -> Result<Vec<TicketFacts>> {
    let from = start - lookback;
    let (in_window, max_id): (i64, i64) = conn.query_row(
        "SELECT (SELECT count(*) FROM ticket_rows WHERE opened >= ?1 AND opened < ?2),
                (SELECT coalesce(max(id), 0) FROM ticket_rows)",
        params![start, end],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // (range, parameters) read here, and those read by the helper thread.
    type Jobs = Vec<(String, Vec<i64>)>;
    let (mut mine, theirs): (Jobs, Jobs) = if in_window * 2 > max_id {
        let all = format!(
            "NOT INDEXED WHERE t.id > ?4 AND t.id <= ?5
             AND (({}) OR ({}) OR ({}))",
            &WINDOW_SELECT[0][6..],
            &WINDOW_SELECT[1][6..],
            &WINDOW_SELECT[2][6..]
        );
        let mid = max_id / 2;
        (
            vec![(all.clone(), vec![start, end, from, 0, mid])],
            vec![(all, vec![start, end, from, mid, max_id])],
        )
    } else {
        let mid = start + (end - start) / 2;
        let (w, p) = (
            |i: usize| WINDOW_SELECT[i].to_string(),
            vec![start, end, from],
        );
        (
            vec![(w(0), vec![start, mid]), (w(1), p.clone())],
            vec![(w(0), vec![mid, end]), (w(2), p)],
        )
    };
    // A second, read-only connection for the other thread. Uncommitted changes are visible to
    // `conn` only: within a transaction everything is read there.
    let reader = || {
        let p = path.filter(|_| conn.is_autocommit())?;
        let c = Connection::open_with_flags(
            p,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .ok()?;
        c.busy_timeout(std::time::Duration::from_secs(5)).ok()?;
        Some(c)
    };
    let helper = reader();
    // This thread reads on a connection of its own too, closed when done: the workspace's
    // connection, open as long as the app, does not keep the pages of a large read cached.
    let own = helper.as_ref().and_then(|_| reader());
    let here = own.as_ref().unwrap_or(conn);
    // Room for the tickets opened in the window (each thread reads about half), so the vectors
    // are not copied as they grow.
    let half = usize::try_from(in_window / 2).unwrap_or(0) + 1024;
    // Each thread reads its ranges, then the status histories of its own tickets.
    let read_jobs = |c: &Connection, jobs: &Jobs, labels: &mut Labels| -> Result<_> {
        let mut v = Vec::with_capacity(half);
        let mut with_history = Vec::new();
        let codes = labels.of_table(c)?;
        for (range, params) in jobs {
            read_range(c, range, params, &codes, &mut v, &mut with_history)?;
        }
        v.sort_unstable_by_key(|t| t.id);
        with_history.sort_unstable();
        read_histories(c, &mut v, &with_history, labels)?;
        Ok(v)
    };
    let mut v = match helper {
        Some(other) => {
            let (here, there) = std::thread::scope(|scope| {
                let read_jobs = &read_jobs;
                let there = scope.spawn(move || {
                    let mut their_labels = Labels::default();
                    read_jobs(&other, &theirs, &mut their_labels).map(|v| (v, their_labels))
                });
                (read_jobs(here, &mine, labels), there.join())
            });
            let mut v = here?;
            let (theirs, their_labels) = there.map_err(|_| {
                crate::Error::Invalid("a ticket reader stopped unexpectedly".into())
            })??;
            labels.adopt(&mut v, theirs, &their_labels);
            v
        }
        None => {
            mine.extend(theirs);
            read_jobs(conn, &mine, labels)?
        }
    };
    v.sort_unstable_by_key(|t| t.id);
    Ok(v)
}

/// Fills in the status histories of `v` (ordered by id) whose ids are `with_history` (sorted):
/// one query per run of nearby ids, merged with the tickets, instead of one a ticket.
fn read_histories(
    conn: &Connection,
    v: &mut [TicketFacts],
    with_history: &[i64],
    labels: &mut Labels,
) -> Result<()> {
    /// Ids further apart than this start another query (fewer rows of other tickets read).
    const GAP: i64 = 4096;
    let mut stmt = conn.prepare_cached(
        "SELECT ticket_id, at, state FROM ticket_status WHERE ticket_id BETWEEN ?1 AND ?2
         ORDER BY ticket_id, seq",
    )?;
    let mut i = 0usize;
    let mut rest = with_history;
    while let Some(&lo) = rest.first() {
        let run = rest
            .windows(2)
            .position(|w| w[1] - w[0] > GAP)
            .map_or(rest.len(), |p| p + 1);
        let hi = rest[run - 1];
        rest = &rest[run..];
        let mut rows = stmt.query(params![lo, hi])?;
        // The changes of the ticket at `i` so far, given to it when the next ticket's come.
        let mut changes: Vec<(i64, u32)> = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if v.get(i).is_some_and(|t| t.id < id) {
                if !changes.is_empty() {
                    v[i].history = std::mem::take(&mut changes).into_boxed_slice();
                }
                while i < v.len() && v[i].id < id {
                    i += 1;
                }
            }
            if v.get(i).is_some_and(|t| t.id == id) {
                let state = labels.column(r, 2)?.get().unwrap_or(0);
                changes.push((r.get(1)?, state));
            }
        }
        if !changes.is_empty() {
            v[i].history = changes.into_boxed_slice();
        }
    }
    Ok(())
}

/// Appends the tickets of one range (`range` names parameters ?1.. from `params`) to `v`, and
/// the ids of those with a status history to `with_history`.
fn read_range(
    conn: &Connection,
    range: &str,
    params: &[i64],
    codes: &[OptIndex],
    v: &mut Vec<TicketFacts>,
    with_history: &mut Vec<i64>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.id, t.service_id, t.priority, t.opened, t.first_response, t.resolved,
                t.reassignment_count, t.reopen_count, t.response_tracked, t.category,
                t.assignment_group, t.assignee, t.has_history, t.first_assigned, t.closed
         FROM ticket_rows t {range}"
    ))?;
    // Each range names the parameters it needs, up to the highest.
    let n = stmt.parameter_count().min(params.len());
    let mut rows = stmt.query(rusqlite::params_from_iter(&params[..n]))?;
    // A label id the labels table does not have (none: labels are never removed) reads as none.
    let label = |r: &rusqlite::Row, i: usize| -> rusqlite::Result<OptIndex> {
        Ok(match r.get::<_, Option<i64>>(i)? {
            Some(id) => usize::try_from(id)
                .ok()
                .and_then(|id| codes.get(id).copied())
                .unwrap_or(OptIndex::NONE),
            None => OptIndex::NONE,
        })
    };
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if r.get::<_, bool>(12)? {
            with_history.push(id);
        }
        v.push(TicketFacts {
            id,
            service_id: r.get(1)?,
            priority: label(r, 2)?,
            opened: r.get(3)?,
            first_response: r.get::<_, Option<i64>>(4)?.into(),
            resolved: r.get::<_, Option<i64>>(5)?.into(),
            first_assigned: r.get::<_, Option<i64>>(13)?.into(),
            closed: r.get::<_, Option<i64>>(14)?.into(),
            reassignment_count: count(r.get(6)?),
            reopen_count: count(r.get(7)?),
            response_tracked: r.get(8)?,
            category: label(r, 9)?,
            group: label(r, 10)?,
            assignee: label(r, 11)?,
            history: Box::default(),
        });
    }
    Ok(())
}

/// The benchmark's SQLite floor of an import (`sqm bench-floor`): copies every ticket of the
/// workspace `from` into this (empty) one in one transaction, as an import writes them — the same
/// table and indexes, journal, page cache and foreign keys off — but with nothing parsed or
/// bound. The `WHERE` makes SQLite insert row by row: a bare `SELECT *` between identical
/// tables takes its bulk-transfer path, which copies B-tree records and is no import's cost.
/// Gives the rows copied.
pub fn copy_tickets_row_by_row(conn: &mut Connection, from: &std::path::Path) -> Result<i64> {
    let from = from
        .to_str()
        .ok_or_else(|| crate::Error::Invalid("workspace path is not UTF-8".into()))?;
    conn.execute("ATTACH DATABASE ?1 AS floor_src", [from])?;
    let copied = super::bulk_write(conn, |conn| {
        let tx = conn.transaction()?;
        let n = tx.execute(
            "INSERT INTO main.ticket_rows SELECT * FROM floor_src.ticket_rows WHERE id > 0",
            [],
        )?;
        tx.commit()?;
        Ok(n as i64)
    });
    conn.execute("DETACH DATABASE floor_src", [])?;
    copied
}

/// Earliest and latest opening time of any ticket, or `None` for an empty workspace.
pub fn opened_range(conn: &Connection) -> Result<Option<(i64, i64)>> {
    // Two sub-queries: SQLite answers a lone min() or max() from the index's first or last
    // entry, but both in one SELECT by scanning the table.
    let (lo, hi): (Option<i64>, Option<i64>) = conn.query_row(
        "SELECT (SELECT min(opened) FROM ticket_rows), (SELECT max(opened) FROM ticket_rows)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(lo.zip(hi))
}

/// How many tickets the workspace holds. Counting a million reads their whole index (a tenth of
/// a second at every start when the disk is cold), so the count is kept with the data version it
/// was made at (`data_version`) and made again once that changed.
pub fn ticket_count(conn: &Connection) -> Result<i64> {
    let version = data_version(conn)?;
    let kept: Option<i64> = conn
        .prepare_cached("SELECT tickets FROM ticket_count_memo WHERE id = 1 AND version = ?1")?
        .query_row([&version], |r| r.get(0))
        .optional()?;
    if let Some(n) = kept {
        return Ok(n);
    }
    let n = conn.query_row("SELECT count(*) FROM ticket_rows", [], |r| r.get(0))?;
    // Derived data: a workspace that cannot be written counts again next time.
    let _ = conn.execute(
        "INSERT OR REPLACE INTO ticket_count_memo(id, version, tickets) VALUES (1, ?1, ?2)",
        params![version, n],
    );
    Ok(n)
}

/// Replaces the status history of event-log tickets: one row per change of state.
pub struct StatusWriter<'c> {
    delete: Statement<'c>,
    insert: Statement<'c>,
    flag: Statement<'c>,
}

impl<'c> StatusWriter<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self> {
        Ok(StatusWriter {
            delete: conn.prepare("DELETE FROM ticket_status WHERE ticket_id = ?1")?,
            insert: conn.prepare(
                "INSERT INTO ticket_status(ticket_id, seq, at, state) VALUES (?1, ?2, ?3, ?4)",
            )?,
            flag: conn.prepare("UPDATE ticket_rows SET has_history = ?2 WHERE id = ?1")?,
        })
    }

    /// `history`: (moment, state) in the order they happened.
    pub fn replace(&mut self, ticket_id: i64, history: &[(i64, String)]) -> Result<()> {
        self.delete.execute([ticket_id])?;
        for (seq, (at, state)) in history.iter().enumerate() {
            self.insert
                .execute(params![ticket_id, seq as i64, at, state])?;
        }
        self.flag.execute(params![ticket_id, !history.is_empty()])?;
        Ok(())
    }
}

/// One ticket's status history, oldest first.
pub fn status_history(conn: &Connection, ticket_id: i64) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn
        .prepare_cached("SELECT at, state FROM ticket_status WHERE ticket_id = ?1 ORDER BY seq")?;
    let v = stmt
        .query_map([ticket_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// What identifies the tickets, their status histories and the responses, read without counting
/// rows (a million tickets take a while to count when the disk is cold): the latest import run
/// (id, time, file digest; every import adds one), the highest ticket id (tickets added), and
/// the changes the triggers of migration 0011 count (tickets removed; responses added, changed
/// or removed).
pub fn data_version(conn: &Connection) -> Result<String> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce((SELECT id || ',' || imported_at || ',' || sha256
                              FROM import_runs ORDER BY id DESC LIMIT 1), '')
                    || ':' || (SELECT coalesce(max(id), 0) FROM ticket_rows)
                    || ':' || (SELECT group_concat(what || '=' || n, ',') FROM data_changes)",
        )?
        .query_row([], |r| r.get(0))?)
}

//! tickets table: upserted by (source, external_key), read back as slim facts for the metrics.

use crate::domain::{Source, Ticket};
use crate::metrics::TicketFacts;
use crate::Result;
use rusqlite::{params, Connection, OptionalExtension, Statement};

/// Whether an upsert added a ticket, changed an existing one, or found it unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    Added,
    Updated,
    Unchanged,
}

/// A prepared upsert for one import: re-importing the same export never duplicates.
pub struct TicketWriter<'c> {
    stmt: Statement<'c>,
    max_id_before: i64,
}

impl<'c> TicketWriter<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self> {
        let max_id_before =
            conn.query_row("SELECT coalesce(max(id), 0) FROM tickets", [], |r| r.get(0))?;
        let stmt = conn.prepare(
            "INSERT INTO tickets(source, external_key, service_id, priority, category, channel, opened,
                first_response, resolved, closed, assignee, assignment_group, reassignment_count,
                reopen_count, state, import_run_id, response_tracked)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
             ON CONFLICT(source, external_key) DO UPDATE SET
                service_id = excluded.service_id, priority = excluded.priority,
                category = excluded.category, channel = excluded.channel, opened = excluded.opened,
                first_response = excluded.first_response, resolved = excluded.resolved,
                closed = excluded.closed, assignee = excluded.assignee,
                assignment_group = excluded.assignment_group,
                reassignment_count = excluded.reassignment_count,
                reopen_count = excluded.reopen_count, state = excluded.state,
                response_tracked = excluded.response_tracked,
                import_run_id = excluded.import_run_id
             WHERE (tickets.service_id, tickets.priority, tickets.category, tickets.channel,
                    tickets.opened, tickets.first_response, tickets.resolved, tickets.closed,
                    tickets.assignee, tickets.assignment_group, tickets.reassignment_count,
                    tickets.reopen_count, tickets.state, tickets.response_tracked)
                IS NOT (excluded.service_id, excluded.priority, excluded.category, excluded.channel,
                    excluded.opened, excluded.first_response, excluded.resolved, excluded.closed,
                    excluded.assignee, excluded.assignment_group, excluded.reassignment_count,
                    excluded.reopen_count, excluded.state, excluded.response_tracked)
             RETURNING id",
        )?;
        Ok(TicketWriter {
            stmt,
            max_id_before,
        })
    }

    pub fn upsert(&mut self, t: &Ticket, import_run_id: Option<i64>) -> Result<Upsert> {
        let id: Option<i64> = self
            .stmt
            .query_row(
                params![
                    t.source.as_str(),
                    t.external_key,
                    t.service_id,
                    t.priority,
                    t.category,
                    t.channel,
                    t.opened,
                    t.first_response,
                    t.resolved,
                    t.closed,
                    t.assignee,
                    t.assignment_group,
                    t.reassignment_count,
                    t.reopen_count,
                    t.state,
                    import_run_id,
                    t.response_tracked
                ],
                |r| r.get(0),
            )
            .optional()?;
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
        .prepare_cached("SELECT id FROM tickets WHERE source = ?1 AND external_key = ?2")?
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

    /// Interns a text column without copying it first (NULL gives `None`).
    fn column(&mut self, r: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<u32>> {
        let v = r.get_ref(i)?;
        Ok(self.intern(v.as_str_or_null().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, v.data_type(), Box::new(e))
        })?))
    }
}

/// The condition for tickets that can matter for periods in `[?1, ?2)`: opened before the end,
/// and either opened after `?3` = start − lookback (their outcome may be decided in the window)
/// or resolved in it.
const WINDOW: &str = "t.opened < ?2 AND (t.opened >= ?3 OR t.resolved >= ?1)";

/// Tickets that can matter for periods in `[start, end)`, with their status histories.
pub fn ticket_facts(
    conn: &Connection,
    start: i64,
    end: i64,
    lookback: i64,
    labels: &mut Labels,
) -> Result<Vec<TicketFacts>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.id, t.service_id, t.priority, t.opened, t.first_response, t.resolved,
                t.reassignment_count, t.reopen_count, t.response_tracked, t.category,
                t.assignment_group, t.assignee
         FROM tickets t WHERE {WINDOW} ORDER BY t.id"
    ))?;
    let mut rows = stmt.query(params![start, end, start - lookback])?;
    let mut v = Vec::new();
    while let Some(r) = rows.next()? {
        v.push(TicketFacts {
            id: r.get(0)?,
            service_id: r.get(1)?,
            priority: r.get(2)?,
            opened: r.get(3)?,
            first_response: r.get(4)?,
            resolved: r.get(5)?,
            reassignment_count: r.get(6)?,
            reopen_count: r.get(7)?,
            response_tracked: r.get(8)?,
            category: labels.column(r, 9)?,
            group: labels.column(r, 10)?,
            assignee: labels.column(r, 11)?,
            history: Vec::new(),
        });
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.ticket_id, s.at, s.state FROM ticket_status s JOIN tickets t ON t.id = s.ticket_id
         WHERE t.has_history AND {WINDOW} ORDER BY s.ticket_id, s.seq"
    ))?;
    let mut rows = stmt.query(params![start, end, start - lookback])?;
    let mut i = 0usize;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        // Both queries are ordered by ticket id: walk forward.
        while i < v.len() && v[i].id < id {
            i += 1;
        }
        if let Some(t) = v.get_mut(i).filter(|t| t.id == id) {
            let state = labels.column(r, 2)?.unwrap_or(0);
            t.history.push((r.get(1)?, state));
        }
    }
    Ok(v)
}

/// Earliest and latest opening time of any ticket, or `None` for an empty workspace.
pub fn opened_range(conn: &Connection) -> Result<Option<(i64, i64)>> {
    let (lo, hi): (Option<i64>, Option<i64>) =
        conn.query_row("SELECT min(opened), max(opened) FROM tickets", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(lo.zip(hi))
}

pub fn ticket_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))?)
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
            flag: conn.prepare("UPDATE tickets SET has_history = ?2 WHERE id = ?1")?,
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

/// What changes whenever tickets or responses do: the latest import run, the ticket and
/// response counts, the highest ticket id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataStamp([i64; 4]);

pub fn data_stamp(conn: &Connection) -> Result<DataStamp> {
    Ok(DataStamp(conn.prepare_cached(
        "SELECT (SELECT coalesce(max(id), 0) FROM import_runs), (SELECT count(*) FROM tickets),
                (SELECT coalesce(max(id), 0) FROM tickets), (SELECT count(*) FROM satisfaction_responses)",
    )?
    .query_row([], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]))?))
}

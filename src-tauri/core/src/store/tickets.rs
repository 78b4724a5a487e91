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
        .query_row(
            "SELECT id FROM tickets WHERE source = ?1 AND external_key = ?2",
            params![source.as_str(), key],
            |r| r.get(0),
        )
        .optional()?)
}

/// Tickets that can matter for periods in `[start, end)`: opened before `end`, and either opened
/// after `start - lookback` (their outcome may be decided in the window) or resolved in it.
pub fn ticket_facts(
    conn: &Connection,
    start: i64,
    end: i64,
    lookback: i64,
) -> Result<Vec<TicketFacts>> {
    let mut stmt = conn.prepare_cached(
        "SELECT service_id, priority, opened, first_response, resolved, reassignment_count, reopen_count,
                response_tracked
         FROM tickets WHERE opened < ?2 AND (opened >= ?3 OR resolved >= ?1)",
    )?;
    let v = stmt
        .query_map(params![start, end, start - lookback], |r| {
            Ok(TicketFacts {
                service_id: r.get(0)?,
                priority: r.get(1)?,
                opened: r.get(2)?,
                first_response: r.get(3)?,
                resolved: r.get(4)?,
                reassignment_count: r.get(5)?,
                reopen_count: r.get(6)?,
                response_tracked: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
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

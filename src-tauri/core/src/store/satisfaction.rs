//! satisfaction_responses table.

use super::Upsert;
use crate::domain::{SatisfactionResponse, Scale, Source};
use crate::metrics::ResponseFacts;
use crate::Result;
use rusqlite::{params, Connection, Statement};

pub struct ResponseWriter<'c> {
    stmt: Statement<'c>,
}

impl<'c> ResponseWriter<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self> {
        let stmt = conn.prepare(
            "INSERT INTO satisfaction_responses(service_id, ticket_id, source, external_key,
                responded_at, score, scale_min, scale_max, comment, channel, import_run_id)
             VALUES (?1, (SELECT id FROM ticket_rows WHERE external_key = ?10
                          AND source = (SELECT id FROM ticket_labels WHERE name = ?2)), ?2, ?3,
                ?4, ?5, ?6, ?7, ?8, ?9, ?11)
             ON CONFLICT(source, external_key) DO UPDATE SET
                service_id = excluded.service_id, ticket_id = excluded.ticket_id,
                responded_at = excluded.responded_at, score = excluded.score,
                scale_min = excluded.scale_min, scale_max = excluded.scale_max,
                comment = excluded.comment, channel = excluded.channel,
                import_run_id = excluded.import_run_id",
        )?;
        Ok(ResponseWriter { stmt })
    }

    /// `key` identifies the response within `source` (a ticket-linked rating uses the ticket key).
    pub fn upsert(
        &mut self,
        source: Source,
        key: &str,
        r: &SatisfactionResponse,
        run: Option<i64>,
    ) -> Result<()> {
        self.stmt.execute(params![
            r.service_id,
            source.as_str(),
            key,
            r.responded_at,
            r.score,
            r.scale.min,
            r.scale.max,
            r.comment,
            r.channel,
            r.ticket_key.as_deref().unwrap_or(""),
            run
        ])?;
        Ok(())
    }
}

/// The `source` of responses imported from survey exports (`Workspace::import_survey`).
pub const SURVEY_SOURCE: &str = "survey";

/// A prepared upsert of survey responses for one import, keyed by (`survey`, key): importing
/// the same file again updates the responses, never duplicates them.
pub struct SurveyWriter<'c> {
    exists: Statement<'c>,
    upsert: Statement<'c>,
}

impl<'c> SurveyWriter<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self> {
        let exists = conn.prepare(
            "SELECT EXISTS (SELECT 1 FROM satisfaction_responses
                            WHERE source = ?1 AND external_key = ?2)",
        )?;
        let upsert = conn.prepare(
            "INSERT INTO satisfaction_responses(service_id, ticket_id, source, external_key,
                responded_at, score, scale_min, scale_max, comment, channel, import_run_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL)
             ON CONFLICT(source, external_key) DO UPDATE SET
                service_id = excluded.service_id, ticket_id = excluded.ticket_id,
                responded_at = excluded.responded_at, score = excluded.score,
                scale_min = excluded.scale_min, scale_max = excluded.scale_max,
                comment = excluded.comment, channel = excluded.channel",
        )?;
        Ok(SurveyWriter { exists, upsert })
    }

    /// Adds the response `key` or updates it (`Upsert::Updated` even when nothing changed).
    /// `ticket_id` is the linked ticket's row id (see [`TicketFinder`]).
    pub fn upsert(
        &mut self,
        key: &str,
        r: &SatisfactionResponse,
        ticket_id: Option<i64>,
    ) -> Result<Upsert> {
        let existed: bool = self
            .exists
            .query_row(params![SURVEY_SOURCE, key], |row| row.get(0))?;
        self.upsert.execute(params![
            r.service_id,
            ticket_id,
            SURVEY_SOURCE,
            key,
            r.responded_at,
            r.score,
            r.scale.min,
            r.scale.max,
            r.comment,
            r.channel,
        ])?;
        Ok(if existed {
            Upsert::Updated
        } else {
            Upsert::Added
        })
    }
}

/// Finds tickets by their key in any source (a survey names a ticket by its number alone).
pub struct TicketFinder<'c> {
    /// (name, label id) of each source, by name.
    sources: Vec<(String, i64)>,
    stmt: Statement<'c>,
}

impl<'c> TicketFinder<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self> {
        // The distinct sources by skipping along the (source, external_key) index: a few
        // lookups, not a scan of every ticket.
        let sources = conn
            .prepare(
                "WITH RECURSIVE s(source) AS (
                    SELECT min(source) FROM ticket_rows
                    UNION ALL
                    SELECT (SELECT min(source) FROM ticket_rows WHERE source > s.source)
                    FROM s WHERE s.source IS NOT NULL)
                 SELECT l.name, l.id FROM s JOIN ticket_labels l ON l.id = s.source
                 ORDER BY l.name",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let stmt =
            conn.prepare("SELECT id FROM ticket_rows WHERE source = ?1 AND external_key = ?2")?;
        Ok(TicketFinder { sources, stmt })
    }

    /// The ids of the tickets whose key is `key`, one per source that has it.
    pub fn find(&mut self, key: &str) -> Result<Vec<(String, i64)>> {
        let mut found = Vec::new();
        for (source, label) in &self.sources {
            let mut rows = self.stmt.query(params![label, key])?;
            if let Some(row) = rows.next()? {
                found.push((source.clone(), row.get(0)?));
            }
        }
        Ok(found)
    }
}

pub fn response_facts(conn: &Connection, start: i64, end: i64) -> Result<Vec<ResponseFacts>> {
    let mut stmt = conn.prepare_cached(
        "SELECT service_id, responded_at, score, scale_min, scale_max FROM satisfaction_responses
         WHERE responded_at >= ?1 AND responded_at < ?2",
    )?;
    let v = stmt
        .query_map(params![start, end], |r| {
            Ok(ResponseFacts {
                service_id: r.get(0)?,
                responded_at: r.get(1)?,
                score: r.get(2)?,
                scale: Scale {
                    min: r.get(3)?,
                    max: r.get(4)?,
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

pub fn response_count(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT count(*) FROM satisfaction_responses", [], |r| {
            r.get(0)
        })?,
    )
}

//! satisfaction_responses table.

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
             VALUES (?1, (SELECT id FROM tickets WHERE source = ?2 AND external_key = ?10), ?2, ?3,
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

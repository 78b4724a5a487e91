//! Satisfaction survey exports (CSV or XLSX/XLS/ODS) into `satisfaction_responses`, all rows or
//! none, like the people imports.

use super::Workspace;
use crate::clock::Clock;
use crate::domain::{to_secs, SatisfactionResponse, Scale, Service};
use crate::import::survey_rows::survey_rows;
use crate::import::{sheet, RowError};
use crate::store::{self, SurveyWriter, TicketFinder, Upsert};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

/// How to read a survey export's scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SurveyImportOptions {
    /// The scale's lowest and highest score, e.g. 1–5, 1–10, or 0–1 for yes/no answers
    /// (是/否, 满意/不满意, yes/no are read as 1/0 on a two-point scale).
    pub scale_min: i32,
    pub scale_max: i32,
    /// The responses' channel when the file has no channel column (or the cell is empty);
    /// "survey" when empty.
    pub channel: String,
}

impl Default for SurveyImportOptions {
    fn default() -> Self {
        SurveyImportOptions {
            scale_min: 1,
            scale_max: 5,
            channel: DEFAULT_CHANNEL.into(),
        }
    }
}

/// The channel of survey responses unless the options or the file say otherwise.
pub const DEFAULT_CHANNEL: &str = "survey";

/// What a survey import did; all rows are written or none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SurveyImportReport {
    pub file: String,
    pub rows: u32,
    pub inserted: u32,
    pub updated: u32,
}

impl Workspace {
    /// Reads a survey export and writes its responses in one transaction: every row or none.
    /// The service is matched by code or name (case-insensitive), the ticket by its key in any
    /// imported export. A response is keyed by its id column when the file has one, else by a
    /// hash of (date, service, score, comment, ticket) and its occurrence among identical rows,
    /// so importing the same file again updates the responses and never duplicates them.
    pub fn import_survey(
        &mut self,
        file: &Path,
        options: &SurveyImportOptions,
        clock: &dyn Clock,
    ) -> Result<SurveyImportReport> {
        if options.scale_max <= options.scale_min {
            return Err(Error::Invalid(format!(
                "scale {}–{}: the highest score must be above the lowest",
                options.scale_min, options.scale_max
            )));
        }
        let scale = Scale {
            min: options.scale_min,
            max: options.scale_max,
        };
        let channel = match options.channel.trim() {
            "" => DEFAULT_CHANNEL,
            c => c,
        };
        self.backup_before_import(clock)?;
        let sheet = sheet::read_sheet(file).map_err(|e| match e {
            sheet::SheetError::Cell(row) => Error::RejectedRows(vec![row]),
            sheet::SheetError::Io { path, source } => Error::io(path, source),
            e => Error::Import(e.to_string()),
        })?;
        let rows = survey_rows(&sheet, scale).map_err(Error::RejectedRows)?;
        let mut report = SurveyImportReport {
            file: sheet.file.clone(),
            rows: sheet.rows.len() as u32,
            ..Default::default()
        };
        let tx = self.conn.transaction()?;
        let services = store::list_services(&tx)?;
        let mut errors = Vec::new();
        let err = |line: u64, column: u32, reason: String| RowError {
            file: sheet.file.clone(),
            line,
            column,
            reason,
        };
        {
            let mut tickets = TicketFinder::new(&tx)?;
            let mut writer = SurveyWriter::new(&tx)?;
            let mut occurrences: HashMap<String, u32> = HashMap::new();
            for row in &rows {
                let Some(service) = find_service(&services, &row.service) else {
                    errors.push(err(
                        row.line,
                        row.service_column,
                        format!(
                            "service: '{}' is not a service here ({})",
                            row.service,
                            known_services(&services)
                        ),
                    ));
                    continue;
                };
                let ticket_id = match row.ticket.as_deref() {
                    None => None,
                    Some(key) => match tickets.find(key)?.as_slice() {
                        [(_, id)] => Some(*id),
                        [] => {
                            errors.push(err(
                                row.line,
                                row.ticket_column,
                                format!(
                                    "ticket: '{key}' is not a ticket here (import its ticket \
                                     export first)"
                                ),
                            ));
                            continue;
                        }
                        several => {
                            let sources: Vec<&str> =
                                several.iter().map(|(s, _)| s.as_str()).collect();
                            errors.push(err(
                                row.line,
                                row.ticket_column,
                                format!(
                                    "ticket: '{key}' is a ticket in more than one export ({})",
                                    sources.join(", ")
                                ),
                            ));
                            continue;
                        }
                    },
                };
                let response = SatisfactionResponse {
                    service_id: service.id,
                    ticket_key: row.ticket.clone(),
                    responded_at: to_secs(row.responded_at),
                    score: row.score,
                    scale,
                    comment: row.comment.clone(),
                    channel: row.channel.as_deref().unwrap_or(channel).to_string(),
                };
                let key = match &row.id {
                    Some(id) => id.clone(),
                    None => {
                        let content = content_key(&response);
                        let n = occurrences.entry(content.clone()).or_default();
                        *n += 1;
                        hashed_key(&content, *n)
                    }
                };
                if errors.is_empty() {
                    match writer.upsert(&key, &response, ticket_id)? {
                        Upsert::Added => report.inserted += 1,
                        Upsert::Updated | Upsert::Unchanged => report.updated += 1,
                    }
                }
            }
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| (e.line, e.column));
            return Err(Error::RejectedRows(errors)); // the transaction rolls back on drop
        }
        tx.commit()?;
        Ok(report)
    }
}

/// The service named `text`: by code, else by name; case-insensitive.
fn find_service<'s>(services: &'s [Service], text: &str) -> Option<&'s Service> {
    let t = text.trim().to_lowercase();
    let same = |s: &str| s.trim().to_lowercase() == t;
    services
        .iter()
        .find(|s| same(&s.code))
        .or_else(|| services.iter().find(|s| same(&s.name)))
}

/// "DESK (服务台), NET (网络)" for messages about an unknown service.
fn known_services(services: &[Service]) -> String {
    if services.is_empty() {
        return "there are none yet: add the services or import tickets first".into();
    }
    services
        .iter()
        .map(|s| {
            if s.name.trim().is_empty() || s.name == s.code {
                s.code.clone()
            } else {
                format!("{} ({})", s.code, s.name)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What identifies a response without an id: date, service, score, comment, ticket.
fn content_key(r: &SatisfactionResponse) -> String {
    format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
        r.responded_at,
        r.service_id,
        r.score,
        r.comment.as_deref().unwrap_or(""),
        r.ticket_key.as_deref().unwrap_or("")
    )
}

/// The `n`-th (from 1) response with `content` in a file: two people who answered alike on the
/// same day are two responses, and stay two when the file is imported again.
fn hashed_key(content: &str, n: u32) -> String {
    let digest = Sha256::new()
        .chain_update(content.as_bytes())
        .chain_update([0x1e])
        .chain_update(n.to_string().as_bytes())
        .finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_keys_are_stable_and_count_occurrences() {
        let r = SatisfactionResponse {
            service_id: 3,
            ticket_key: None,
            responded_at: 1_784_073_600,
            score: 5.0,
            scale: Scale::FIVE,
            comment: Some("好".into()),
            channel: "survey".into(),
        };
        let content = content_key(&r);
        assert_eq!(content, "1784073600\u{1f}3\u{1f}5\u{1f}好\u{1f}");
        assert_eq!(hashed_key(&content, 1), hashed_key(&content, 1));
        assert_ne!(hashed_key(&content, 1), hashed_key(&content, 2));
        assert_eq!(hashed_key(&content, 1).len(), "sha256:".len() + 32);
        // The channel is not part of a response's identity.
        let other = SatisfactionResponse {
            channel: "email".into(),
            ..r.clone()
        };
        assert_eq!(content_key(&other), content);
    }

    #[test]
    fn services_by_code_then_name() {
        let s = |id, code: &str, name: &str| Service {
            id,
            code: code.into(),
            name: name.into(),
            owner: String::new(),
            team: String::new(),
        };
        let services = [s(1, "DESK", "服务台"), s(2, "NET", "desk")];
        assert_eq!(find_service(&services, " desk ").map(|s| s.id), Some(1));
        assert_eq!(find_service(&services, "服务台").map(|s| s.id), Some(1));
        assert_eq!(find_service(&services, "Net").map(|s| s.id), Some(2));
        assert_eq!(find_service(&services, "mail"), None);
        assert_eq!(known_services(&services), "DESK (服务台), NET (desk)");
    }
}

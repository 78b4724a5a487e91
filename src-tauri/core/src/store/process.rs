//! The process and assessment tables (migration 0007): processes, sop_versions (+ sop_steps),
//! assessment_dimensions (+ assessment_items), assessments, assessment_respondents (+
//! assessment_answers); the default library and questionnaire, offered once to every
//! workspace; and the ticket milestones the request process is measured on.

use super::people::{all, date, unique, ymd};
use crate::process::{
    defaults, Assessment, Dimension, Evidence, Group, Item, Milestone, Process, ProcessKind,
    Questionnaire, Respondent, SopStep, SopVersion,
};
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::{HashMap, HashSet};

/// Set once the default library and questionnaire have been offered to the workspace: what a
/// manager deletes afterwards does not come back.
pub const PROCESS_DEFAULTS_KEY: &str = "process_defaults_seeded";

/// Runs `f` in a savepoint: all of it lands or none (also inside a caller's transaction).
fn in_savepoint<T>(conn: &Connection, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT sqm_process")?;
    match f(conn) {
        Ok(v) => {
            conn.execute_batch("RELEASE sqm_process")?;
            Ok(v)
        }
        Err(e) => {
            conn.execute_batch("ROLLBACK TO sqm_process; RELEASE sqm_process")?;
            Err(e)
        }
    }
}

/// A record's Chinese and English names, trimmed: one may be empty (the other then serves
/// both languages); both empty is refused.
fn names(what: &str, zh: &str, en: &str) -> Result<(String, String)> {
    let (zh, en) = (zh.trim(), en.trim());
    match (zh.is_empty(), en.is_empty()) {
        (true, true) => Err(Error::Invalid(format!(
            "{what}: the name is empty — give it a Chinese or an English name"
        ))),
        (true, false) => Ok((en.to_string(), en.to_string())),
        (false, true) => Ok((zh.to_string(), zh.to_string())),
        (false, false) => Ok((zh.to_string(), en.to_string())),
    }
}

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn bad_value(col: usize, what: &str, v: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        format!("{what} '{v}'").into(),
    )
}

fn deleted(n: usize, what: impl FnOnce() -> String) -> Result<()> {
    if n == 0 {
        Err(Error::NotFound(what()))
    } else {
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Processes and their SOP versions

fn process_row(r: &Row) -> rusqlite::Result<Process> {
    let kind: String = r.get(2)?;
    Ok(Process {
        id: Some(r.get(0)?),
        code: r.get(1)?,
        kind: ProcessKind::parse(&kind).ok_or_else(|| bad_value(2, "process kind", &kind))?,
        name_zh: r.get(3)?,
        name_en: r.get(4)?,
        description: r.get(5)?,
    })
}

/// Every process, in the order they were added.
pub fn list_processes(conn: &Connection) -> Result<Vec<Process>> {
    all(
        conn,
        "SELECT id, code, kind, name_zh, name_en, description FROM processes ORDER BY id",
        process_row,
    )
}

fn milestone(col: usize, s: Option<String>) -> rusqlite::Result<Option<Milestone>> {
    s.map(|s| Milestone::parse(&s).ok_or_else(|| bad_value(col, "milestone", &s)))
        .transpose()
}

/// Every SOP version with its steps, by process, newest `effective_from` first.
pub fn list_sop_versions(conn: &Connection) -> Result<Vec<SopVersion>> {
    let mut steps: HashMap<i64, Vec<SopStep>> = HashMap::new();
    for (version, step) in all(
        conn,
        "SELECT version_id, name_zh, name_en, owner_role_id, owner_text, inputs, outputs,
                checklist, target_hours, from_milestone, to_milestone
         FROM sop_steps ORDER BY version_id, pos",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                SopStep {
                    name_zh: r.get(1)?,
                    name_en: r.get(2)?,
                    owner_role_id: r.get(3)?,
                    owner_text: r.get(4)?,
                    inputs: r.get(5)?,
                    outputs: r.get(6)?,
                    checklist: lines(&r.get::<_, String>(7)?),
                    target_hours: r.get(8)?,
                    from: milestone(9, r.get(9)?)?,
                    to: milestone(10, r.get(10)?)?,
                },
            ))
        },
    )? {
        steps.entry(version).or_default().push(step);
    }
    let versions = all(
        conn,
        "SELECT id, process_id, version, effective_from, approver, approved_on, notes,
                expected_states
         FROM sop_versions ORDER BY process_id, effective_from DESC, id DESC",
        |r| {
            Ok(SopVersion {
                id: Some(r.get(0)?),
                process_id: r.get(1)?,
                version: r.get(2)?,
                effective_from: date(r.get(3)?)?,
                approver: r.get(4)?,
                approved_on: r.get::<_, Option<String>>(5)?.map(date).transpose()?,
                notes: r.get(6)?,
                expected_states: lines(&r.get::<_, String>(7)?),
                steps: Vec::new(),
            })
        },
    )?;
    Ok(versions
        .into_iter()
        .map(|mut v| {
            v.steps = v.id.and_then(|id| steps.remove(&id)).unwrap_or_default();
            v
        })
        .collect())
}

/// One SOP version with its steps.
pub fn sop_version(conn: &Connection, id: i64) -> Result<SopVersion> {
    list_sop_versions(conn)?
        .into_iter()
        .find(|v| v.id == Some(id))
        .ok_or_else(|| Error::NotFound(format!("SOP version {id}")))
}

/// Creates (`id` None) or updates a process; returns its id. The code must be unique.
pub fn save_process(conn: &Connection, p: &Process) -> Result<i64> {
    let code = p.code.trim();
    if code.is_empty() {
        return Err(Error::Invalid(
            "process code: empty — give the process a short unique code, e.g. REQ".into(),
        ));
    }
    let (zh, en) = names("process name", &p.name_zh, &p.name_en)?;
    let what = || format!("a process with code '{code}'");
    let values = params![code, p.kind.as_str(), zh, en, p.description.trim(), p.id];
    match p.id {
        None => conn
            .query_row(
                "INSERT INTO processes(code, kind, name_zh, name_en, description)
                 VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                &values[..5],
                |r| r.get(0),
            )
            .map_err(|e| unique(e, what)),
        Some(id) => conn
            .query_row(
                "UPDATE processes SET code = ?1, kind = ?2, name_zh = ?3, name_en = ?4,
                    description = ?5
                 WHERE id = ?6 RETURNING id",
                values,
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| unique(e, what))?
            .ok_or_else(|| Error::NotFound(format!("process {id}"))),
    }
}

/// Deletes a process with all its versions and their steps.
pub fn delete_process(conn: &Connection, id: i64) -> Result<()> {
    let n = conn.execute("DELETE FROM processes WHERE id = ?1", [id])?;
    deleted(n, || format!("process {id}"))
}

/// Checks a version's fields; returns its trimmed version label and expected states.
fn check_version(v: &SopVersion) -> Result<(String, Vec<String>)> {
    let version = v.version.trim();
    if version.is_empty() {
        return Err(Error::Invalid(
            "version: empty — give the SOP version a label, e.g. 1.0".into(),
        ));
    }
    let mut seen = HashSet::new();
    let mut states = Vec::new();
    for s in &v.expected_states {
        let s = s.trim();
        if s.is_empty() {
            continue;
        }
        if !seen.insert(s.to_lowercase()) {
            return Err(Error::Invalid(format!(
                "expected states: '{s}' is listed twice — list each state once, in order"
            )));
        }
        states.push(s.to_string());
    }
    for (i, s) in v.steps.iter().enumerate() {
        let what = format!("step {} name", i + 1);
        names(&what, &s.name_zh, &s.name_en)?;
        if let Some(h) = s.target_hours {
            if !h.is_finite() || h <= 0.0 {
                return Err(Error::Invalid(format!(
                    "step {} target hours: {h} — a target must be more than 0 hours (leave it \
                     empty for none)",
                    i + 1
                )));
            }
        }
        match (s.from, s.to) {
            (Some(_), None) => {
                return Err(Error::Invalid(format!(
                    "step {} milestones: 'from' is set without 'to' — set both to time the \
                     step from tickets, or neither",
                    i + 1
                )))
            }
            (Some(a), Some(b)) if a >= b => {
                return Err(Error::Invalid(format!(
                    "step {} milestones: '{}' → '{}' — the step must end at a later milestone \
                     than it starts",
                    i + 1,
                    a.as_str(),
                    b.as_str()
                )))
            }
            // Both (timed), neither, or only 'to': a point (e.g. "submitted" = opened).
            _ => {}
        }
    }
    Ok((version.to_string(), states))
}

/// Creates (`id` None) or updates a version with its steps (replaced as a whole, in order);
/// returns its id. The version label must be unique within its process.
pub fn save_sop_version(conn: &Connection, v: &SopVersion) -> Result<i64> {
    let (version, states) = check_version(v)?;
    in_savepoint(conn, |conn| {
        let what = || format!("version '{version}' of process {}", v.process_id);
        let values = params![
            v.process_id,
            version,
            ymd(v.effective_from),
            v.approver.trim(),
            v.approved_on.map(ymd),
            v.notes.trim(),
            states.join("\n"),
            v.id
        ];
        let id: i64 = match v.id {
            None => conn
                .query_row(
                    "INSERT INTO sop_versions(process_id, version, effective_from, approver,
                        approved_on, notes, expected_states)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
                    &values[..7],
                    |r| r.get(0),
                )
                .map_err(|e| unique(e, what))?,
            Some(id) => conn
                .query_row(
                    "UPDATE sop_versions SET process_id = ?1, version = ?2, effective_from = ?3,
                        approver = ?4, approved_on = ?5, notes = ?6, expected_states = ?7
                     WHERE id = ?8 RETURNING id",
                    values,
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| unique(e, what))?
                .ok_or_else(|| Error::NotFound(format!("SOP version {id}")))?,
        };
        // Steps by position: changed ones are updated in place (the audit trail shows what
        // changed), new positions inserted, positions past the end deleted.
        let mut put = conn.prepare_cached(
            "INSERT INTO sop_steps(version_id, pos, name_zh, name_en, owner_role_id, owner_text,
                inputs, outputs, checklist, target_hours, from_milestone, to_milestone)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT(version_id, pos) DO UPDATE SET
                name_zh = excluded.name_zh, name_en = excluded.name_en,
                owner_role_id = excluded.owner_role_id, owner_text = excluded.owner_text,
                inputs = excluded.inputs, outputs = excluded.outputs,
                checklist = excluded.checklist, target_hours = excluded.target_hours,
                from_milestone = excluded.from_milestone, to_milestone = excluded.to_milestone",
        )?;
        for (pos, s) in v.steps.iter().enumerate() {
            let (zh, en) = names("step name", &s.name_zh, &s.name_en)?;
            let checklist: Vec<&str> = s
                .checklist
                .iter()
                .flat_map(|c| c.lines())
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            put.execute(params![
                id,
                pos as i64,
                zh,
                en,
                s.owner_role_id,
                s.owner_text.trim(),
                s.inputs.trim(),
                s.outputs.trim(),
                checklist.join("\n"),
                s.target_hours,
                s.from.map(Milestone::as_str),
                s.to.map(Milestone::as_str),
            ])
            .map_err(|e| unique(e, || format!("step {} owner role", pos + 1)))?;
        }
        conn.execute(
            "DELETE FROM sop_steps WHERE version_id = ?1 AND pos >= ?2",
            params![id, v.steps.len() as i64],
        )?;
        Ok(id)
    })
}

/// A copy of version `id` (steps, expected states, notes, approver) as a new version of the
/// same process, not yet approved; returns the new id.
pub fn duplicate_sop_version(
    conn: &Connection,
    id: i64,
    version: &str,
    effective_from: NaiveDate,
) -> Result<i64> {
    let mut v = sop_version(conn, id)?;
    v.id = None;
    v.version = version.to_string();
    v.effective_from = effective_from;
    v.approved_on = None;
    save_sop_version(conn, &v)
}

pub fn delete_sop_version(conn: &Connection, id: i64) -> Result<()> {
    let n = conn.execute("DELETE FROM sop_versions WHERE id = ?1", [id])?;
    deleted(n, || format!("SOP version {id}"))
}

/// Role names by id, in `zh` or English, for the SOP owners.
pub fn role_names(conn: &Connection, zh: bool) -> Result<HashMap<i64, String>> {
    Ok(all(conn, "SELECT id, name_zh, name_en FROM roles", |r| {
        let (id, name_zh, name_en): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        Ok((id, if zh { name_zh } else { name_en }))
    })?
    .into_iter()
    .collect())
}

// ---------------------------------------------------------------------------------------------
// The questionnaire

pub fn load_questionnaire(conn: &Connection) -> Result<Questionnaire> {
    let mut items: HashMap<i64, Vec<Item>> = HashMap::new();
    for (dim, item) in all(
        conn,
        "SELECT dimension_id, id, code, text_zh, text_en, reverse FROM assessment_items
         ORDER BY dimension_id, pos, id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Item {
                    id: Some(r.get(1)?),
                    code: r.get(2)?,
                    text_zh: r.get(3)?,
                    text_en: r.get(4)?,
                    reverse: r.get(5)?,
                },
            ))
        },
    )? {
        items.entry(dim).or_default().push(item);
    }
    let dimensions = all(
        conn,
        "SELECT id, code, name_zh, name_en, evidence FROM assessment_dimensions
         ORDER BY pos, id",
        |r| {
            let id: i64 = r.get(0)?;
            let evidence: String = r.get(4)?;
            Ok(Dimension {
                id: Some(id),
                code: r.get(1)?,
                name_zh: r.get(2)?,
                name_en: r.get(3)?,
                evidence: Evidence::parse(&evidence)
                    .ok_or_else(|| bad_value(4, "evidence", &evidence))?,
                items: Vec::new(),
            })
        },
    )?
    .into_iter()
    .map(|mut d| {
        d.items = d.id.and_then(|id| items.remove(&id)).unwrap_or_default();
        d
    })
    .collect();
    Ok(Questionnaire { dimensions })
}

/// Checks codes (non-empty, unique) and names of the whole questionnaire.
fn check_questionnaire(q: &Questionnaire) -> Result<()> {
    let mut dims = HashSet::new();
    let mut items = HashSet::new();
    for (i, d) in q.dimensions.iter().enumerate() {
        let code = d.code.trim();
        if code.is_empty() {
            return Err(Error::Invalid(format!(
                "dimension {} code: empty — give it a unique code, e.g. D{}",
                i + 1,
                i + 1
            )));
        }
        if !dims.insert(code) {
            return Err(Error::Invalid(format!(
                "dimension code '{code}' is used twice — each dimension needs its own code"
            )));
        }
        names(&format!("dimension {code} name"), &d.name_zh, &d.name_en)?;
        for (k, item) in d.items.iter().enumerate() {
            let ic = item.code.trim();
            if ic.is_empty() {
                return Err(Error::Invalid(format!(
                    "dimension {code}, item {} code: empty — give it a unique code, e.g. Q{}-{}",
                    k + 1,
                    i + 1,
                    k + 1
                )));
            }
            if !items.insert(ic) {
                return Err(Error::Invalid(format!(
                    "item code '{ic}' is used twice — each item needs its own code"
                )));
            }
            names(&format!("item {ic} text"), &item.text_zh, &item.text_en)?;
        }
    }
    Ok(())
}

fn ids(conn: &Connection, table: &str) -> Result<Vec<(i64, String)>> {
    all(conn, &format!("SELECT id, code FROM {table}"), |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
}

/// Saves the questionnaire: dimensions and items updated by id or inserted (id None), in the
/// order given; the ones no longer listed are deleted with their answers.
pub fn save_questionnaire(conn: &Connection, q: &Questionnaire) -> Result<()> {
    check_questionnaire(q)?;
    in_savepoint(conn, |conn| {
        let keep_dims: HashSet<i64> = q.dimensions.iter().filter_map(|d| d.id).collect();
        let keep_items: HashSet<i64> = q
            .dimensions
            .iter()
            .flat_map(|d| d.items.iter().filter_map(|i| i.id))
            .collect();
        let new_dim_codes: HashMap<i64, &str> = q
            .dimensions
            .iter()
            .filter_map(|d| Some((d.id?, d.code.trim())))
            .collect();
        let new_item_codes: HashMap<i64, &str> = q
            .dimensions
            .iter()
            .flat_map(|d| d.items.iter().filter_map(|i| Some((i.id?, i.code.trim()))))
            .collect();
        for (table, keep, codes) in [
            ("assessment_items", &keep_items, &new_item_codes),
            ("assessment_dimensions", &keep_dims, &new_dim_codes),
        ] {
            for (id, code) in ids(conn, table)? {
                if !keep.contains(&id) {
                    conn.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
                } else if codes.get(&id).is_some_and(|c| *c != code) {
                    // A code that changes may be taken by another row that changes too (two
                    // codes swapped): park it first.
                    conn.execute(
                        &format!("UPDATE {table} SET code = ?2 WHERE id = ?1"),
                        params![id, format!("\u{1}{id}")],
                    )?;
                }
            }
        }
        for (pos, d) in q.dimensions.iter().enumerate() {
            let (zh, en) = names("dimension name", &d.name_zh, &d.name_en)?;
            let code = d.code.trim();
            let what = || format!("a dimension with code '{code}'");
            let values = params![code, pos as i64, zh, en, d.evidence.as_str(), d.id];
            let dim_id: i64 = match d.id {
                None => conn
                    .query_row(
                        "INSERT INTO assessment_dimensions(code, pos, name_zh, name_en, evidence)
                         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                        &values[..5],
                        |r| r.get(0),
                    )
                    .map_err(|e| unique(e, what))?,
                Some(id) => conn
                    .query_row(
                        "UPDATE assessment_dimensions SET code = ?1, pos = ?2, name_zh = ?3,
                            name_en = ?4, evidence = ?5
                         WHERE id = ?6 RETURNING id",
                        values,
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(|e| unique(e, what))?
                    .ok_or_else(|| Error::NotFound(format!("assessment dimension {id}")))?,
            };
            for (k, item) in d.items.iter().enumerate() {
                let (zh, en) = names("item text", &item.text_zh, &item.text_en)?;
                let code = item.code.trim();
                let what = || format!("an item with code '{code}'");
                let values = params![dim_id, code, k as i64, zh, en, item.reverse, item.id];
                match item.id {
                    None => conn
                        .execute(
                            "INSERT INTO assessment_items(dimension_id, code, pos, text_zh,
                                text_en, reverse)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            &values[..6],
                        )
                        .map_err(|e| unique(e, what))?,
                    Some(id) => {
                        let n = conn
                            .execute(
                                "UPDATE assessment_items SET dimension_id = ?1, code = ?2,
                                    pos = ?3, text_zh = ?4, text_en = ?5, reverse = ?6
                                 WHERE id = ?7",
                                values,
                            )
                            .map_err(|e| unique(e, what))?;
                        deleted(n, || format!("assessment item {id}"))?;
                        n
                    }
                };
            }
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// Assessments and respondents

/// Every assessment, oldest first.
pub fn list_assessments(conn: &Connection) -> Result<Vec<Assessment>> {
    all(
        conn,
        "SELECT id, title, held_on, notes FROM assessments ORDER BY held_on, id",
        |r| {
            Ok(Assessment {
                id: Some(r.get(0)?),
                title: r.get(1)?,
                held_on: date(r.get(2)?)?,
                notes: r.get(3)?,
            })
        },
    )
}

/// Respondents per assessment: (IT staff, business users).
pub fn respondent_counts(conn: &Connection) -> Result<HashMap<i64, (u64, u64)>> {
    let mut out: HashMap<i64, (u64, u64)> = HashMap::new();
    for (a, grp, n) in all(
        conn,
        "SELECT assessment_id, grp, count(*) FROM assessment_respondents GROUP BY 1, 2",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        },
    )? {
        let e = out.entry(a).or_default();
        if grp == "it" {
            e.0 += n as u64;
        } else {
            e.1 += n as u64;
        }
    }
    Ok(out)
}

pub fn save_assessment(conn: &Connection, a: &Assessment) -> Result<i64> {
    let title = a.title.trim();
    if title.is_empty() {
        return Err(Error::Invalid(
            "assessment title: empty — e.g. 2026 年现状评估 / 2026 baseline".into(),
        ));
    }
    let values = params![title, ymd(a.held_on), a.notes.trim(), a.id];
    match a.id {
        None => Ok(conn.query_row(
            "INSERT INTO assessments(title, held_on, notes) VALUES (?1, ?2, ?3) RETURNING id",
            &values[..3],
            |r| r.get(0),
        )?),
        Some(id) => conn
            .query_row(
                "UPDATE assessments SET title = ?1, held_on = ?2, notes = ?3 WHERE id = ?4
                 RETURNING id",
                values,
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("assessment {id}"))),
    }
}

/// Deletes an assessment with its respondents and their answers.
pub fn delete_assessment(conn: &Connection, id: i64) -> Result<()> {
    let n = conn.execute("DELETE FROM assessments WHERE id = ?1", [id])?;
    deleted(n, || format!("assessment {id}"))
}

fn group_str(g: Group) -> &'static str {
    match g {
        Group::It => "it",
        Group::Business => "business",
    }
}

/// The respondents of an assessment with their answers, in the order they were added.
pub fn list_respondents(conn: &Connection, assessment_id: i64) -> Result<Vec<Respondent>> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM assessments WHERE id = ?1)",
        [assessment_id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(Error::NotFound(format!("assessment {assessment_id}")));
    }
    let mut answers: HashMap<i64, Vec<(i64, u8)>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT a.respondent_id, a.item_id, a.score FROM assessment_answers a
           JOIN assessment_respondents r ON r.id = a.respondent_id
         WHERE r.assessment_id = ?1 ORDER BY a.respondent_id, a.item_id",
    )?;
    let mut rows = stmt.query([assessment_id])?;
    while let Some(r) = rows.next()? {
        answers
            .entry(r.get(0)?)
            .or_default()
            .push((r.get(1)?, r.get(2)?));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, ref, grp FROM assessment_respondents WHERE assessment_id = ?1 ORDER BY id",
    )?;
    let v = stmt
        .query_map([assessment_id], |r| {
            let id: i64 = r.get(0)?;
            let grp: String = r.get(2)?;
            Ok(Respondent {
                id: Some(id),
                r#ref: r.get(1)?,
                group: match grp.as_str() {
                    "it" => Group::It,
                    "business" => Group::Business,
                    _ => return Err(bad_value(2, "group", &grp)),
                },
                answers: answers.remove(&id).unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// The id of the respondent with reference `r#ref` in an assessment.
pub fn respondent_by_ref(
    conn: &Connection,
    assessment_id: i64,
    r#ref: &str,
) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM assessment_respondents WHERE assessment_id = ?1 AND ref = ?2",
        )?
        .query_row(params![assessment_id, r#ref.trim()], |r| r.get(0))
        .optional()?)
}

/// Creates (`id` None) or updates a respondent of an assessment with all their answers
/// (replaced as a whole); returns the id. The reference must be unique within the assessment,
/// scores 1–5, one per item.
pub fn save_respondent(conn: &Connection, assessment_id: i64, r: &Respondent) -> Result<i64> {
    let rf = r.r#ref.trim();
    if rf.is_empty() {
        return Err(Error::Invalid(
            "respondent reference: empty — give a name or the survey's row number".into(),
        ));
    }
    let mut seen = HashSet::new();
    for &(item, score) in &r.answers {
        if !(1..=5).contains(&score) {
            return Err(Error::Invalid(format!(
                "respondent '{rf}', item {item}: score {score} — scores are whole numbers 1–5"
            )));
        }
        if !seen.insert(item) {
            return Err(Error::Invalid(format!(
                "respondent '{rf}', item {item}: answered twice"
            )));
        }
    }
    in_savepoint(conn, |conn| {
        let what = || format!("a respondent '{rf}' in assessment {assessment_id}");
        let id: i64 = match r.id {
            None => conn
                .query_row(
                    "INSERT INTO assessment_respondents(assessment_id, ref, grp)
                     VALUES (?1, ?2, ?3) RETURNING id",
                    params![assessment_id, rf, group_str(r.group)],
                    |r| r.get(0),
                )
                .map_err(|e| unique(e, what))?,
            Some(id) => conn
                .query_row(
                    "UPDATE assessment_respondents SET assessment_id = ?1, ref = ?2, grp = ?3
                     WHERE id = ?4 RETURNING id",
                    params![assessment_id, rf, group_str(r.group), id],
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| unique(e, what))?
                .ok_or_else(|| Error::NotFound(format!("respondent {id}")))?,
        };
        conn.execute(
            "DELETE FROM assessment_answers WHERE respondent_id = ?1",
            [id],
        )?;
        let mut ins = conn.prepare_cached(
            "INSERT INTO assessment_answers(respondent_id, item_id, score) VALUES (?1, ?2, ?3)",
        )?;
        for &(item, score) in &r.answers {
            ins.execute(params![id, item, score])
                .map_err(|e| unique(e, || format!("an answer of '{rf}' to item {item}")))?;
        }
        Ok(id)
    })
}

pub fn delete_respondent(conn: &Connection, id: i64) -> Result<()> {
    let n = conn.execute("DELETE FROM assessment_respondents WHERE id = ?1", [id])?;
    deleted(n, || format!("respondent {id}"))
}

// ---------------------------------------------------------------------------------------------
// The defaults, offered once

/// Puts the default SOP library and questionnaire into a workspace that has never had them
/// (a new one, or one made before processes existed): each only when its tables are empty,
/// and only once — a manager who deletes them does not get them back.
pub fn ensure_process_defaults(conn: &Connection) -> Result<()> {
    if super::get_setting(conn, PROCESS_DEFAULTS_KEY)?.is_some() {
        return Ok(());
    }
    in_savepoint(conn, |conn| {
        let empty = |table: &str| -> Result<bool> {
            Ok(conn.query_row(
                &format!("SELECT NOT EXISTS (SELECT 1 FROM {table})"),
                [],
                |r| r.get(0),
            )?)
        };
        if empty("processes")? {
            for (p, v) in defaults::library() {
                let process_id = save_process(conn, &p)?;
                save_sop_version(conn, &SopVersion { process_id, ..v })?;
            }
        }
        if empty("assessment_dimensions")? {
            save_questionnaire(conn, &defaults::questionnaire())?;
        }
        super::set_setting(conn, PROCESS_DEFAULTS_KEY, "1")
    })
}

// ---------------------------------------------------------------------------------------------
// Ticket milestones

/// The feedback milestone of the tickets with a satisfaction response linked to them: (ticket
/// id, the earliest response's moment in local seconds), by ticket id. (Their other milestones
/// are in `TicketFacts`.)
pub fn first_feedback(conn: &Connection) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ticket_id, min(responded_at) FROM satisfaction_responses
         WHERE ticket_id IS NOT NULL GROUP BY ticket_id ORDER BY ticket_id",
    )?;
    let v = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

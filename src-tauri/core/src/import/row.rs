//! Reading one CSV record into ticket fields, with `file:line:column: reason` for anything bad.

use super::dates::{self, DateOrder};
use super::headers::norm;
use super::model::{ColumnMapping, Field, RowError};
use crate::domain::{normalize_priority, to_secs};
use std::sync::Arc;

/// Text read from a file: shared, since most values (service, priority, group, state…) repeat
/// on every row and are stored once per import (see `Interner`).
pub type Text = Arc<str>;

/// Hands out one shared copy of each distinct value, so a million rows do not make a million
/// copies of the same few hundred names, and numbers the values of label columns (`Label`) in
/// the order they first come. Past `LIMIT` distinct values (a column of unique text) it stops
/// remembering and copies.
#[derive(Default)]
pub struct Interner {
    seen: rustc_hash::FxHashMap<Text, u32>,
    priorities: rustc_hash::FxHashMap<Box<str>, Option<Label>>,
    /// The values numbered since the last `take_numbered`, in their numbers' order.
    numbered: Vec<Text>,
}

/// A value of a label column (priority, category, channel, assignee, group, state) with its
/// number: its place among the distinct values in the order the import first met them, or
/// `Label::UNNUMBERED` past the interner's limit. The writer turns numbers into the workspace's
/// label ids with one look into a vector instead of hashing the text again.
#[derive(Debug, Clone)]
pub struct Label {
    pub text: Text,
    pub number: u32,
}

impl Label {
    pub const UNNUMBERED: u32 = u32::MAX;
}

impl std::ops::Deref for Label {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl Interner {
    const LIMIT: usize = 200_000;

    /// The shared copy of `s` with its number (given now if `s` is new).
    pub fn label(&mut self, s: &str) -> Label {
        if let Some((t, &number)) = self.seen.get_key_value(s) {
            return Label {
                text: t.clone(),
                number,
            };
        }
        let text: Text = s.into();
        if self.seen.len() >= Self::LIMIT {
            return Label {
                text,
                number: Label::UNNUMBERED,
            };
        }
        let number = self.seen.len() as u32;
        self.seen.insert(text.clone(), number);
        self.numbered.push(text.clone());
        Label { text, number }
    }

    /// The values numbered since the last call, in their numbers' order (the numbers of the
    /// first are the count handed out before).
    pub fn take_numbered(&mut self) -> Vec<Text> {
        std::mem::take(&mut self.numbered)
    }

    /// The normalised priority of a raw value, worked out once per distinct value.
    fn priority(&mut self, raw: &str) -> Option<Label> {
        if let Some(p) = self.priorities.get(raw) {
            return p.clone();
        }
        let p = normalize_priority(raw).map(|p| self.label(&p));
        if self.priorities.len() < Self::LIMIT {
            self.priorities.insert(raw.into(), p.clone());
        }
        p
    }
}

/// One row's values, parsed and checked.
#[derive(Debug, Clone)]
pub struct ParsedRow {
    pub key: Text,
    pub opened: i64,
    pub first_response: Option<i64>,
    /// First assignment to a person: event logs only (set when the incident's rows are folded).
    pub first_assigned: Option<i64>,
    pub resolved: Option<i64>,
    pub closed: Option<i64>,
    pub priority: Option<Label>,
    pub service: Option<Text>,
    pub category: Option<Label>,
    pub channel: Option<Label>,
    pub assignee: Option<Label>,
    pub assignment_group: Option<Label>,
    pub state: Option<Label>,
    pub reassignment_count: i64,
    pub reopen_count: i64,
    pub satisfaction: Option<f64>,
    pub mod_count: Option<i64>,
    pub updated_at: Option<i64>,
    /// The export carries first responses at all (else response attainment is "not measured").
    pub response_tracked: bool,
}

/// Column positions of each mapped field. A header may repeat (Jira): all its positions are kept
/// and the first non-empty value wins.
pub struct RowReader {
    /// Indexed by `Field as usize`.
    cols: Vec<Vec<usize>>,
    headers: Vec<String>,
}

/// `v.trim()`, without looking at the characters when the value starts and ends with a visible
/// ASCII character, as nearly every cell does (trimming looks for Unicode white space, and was
/// ~8% of reading a large export, each cell being trimmed several times).
pub(super) fn trim(v: &str) -> &str {
    match (v.as_bytes().first(), v.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => v,
        _ => v.trim(),
    }
}

fn missing(v: &str) -> bool {
    let t = trim(v);
    t.is_empty() || t == "?" || t.eq_ignore_ascii_case("null")
}

impl RowReader {
    pub fn new(headers: &[String], m: &ColumnMapping) -> Self {
        let normed: Vec<String> = headers.iter().map(|h| norm(h)).collect();
        let cols = Field::ALL
            .iter()
            .map(|f| {
                let idx = m
                    .get(*f)
                    .map(|c| {
                        let c = norm(c);
                        normed
                            .iter()
                            .enumerate()
                            .filter(|(_, h)| **h == c)
                            .map(|(i, _)| i)
                            .collect()
                    })
                    .unwrap_or_default();
                idx
            })
            .collect();
        RowReader {
            cols,
            headers: headers.to_vec(),
        }
    }

    pub fn columns(&self, f: Field) -> &[usize] {
        // `cols` follows `Field::ALL`, whose order is the declaration order.
        self.cols.get(f as usize).map_or(&[], |v| v.as_slice())
    }

    /// The field's value as written (first non-missing among its columns) and its column index.
    fn cell<'r>(&self, rec: &'r csv::StringRecord, f: Field) -> Option<(&'r str, usize)> {
        self.columns(f)
            .iter()
            .find_map(|&i| rec.get(i).filter(|v| !missing(v)).map(|v| (trim(v), i)))
    }

    pub fn raw<'r>(&self, rec: &'r csv::StringRecord, f: Field) -> Option<&'r str> {
        self.cell(rec, f).map(|(v, _)| v)
    }

    pub fn parse(
        &self,
        rec: &csv::StringRecord,
        order: DateOrder,
        file: &str,
        line: u64,
        interner: &mut Interner,
    ) -> Result<ParsedRow, RowError> {
        let err = |col: usize, reason: String| RowError {
            file: file.to_string(),
            line,
            column: col as u32 + 1,
            reason,
        };
        let first_col = |f: Field| self.columns(f).first().copied().unwrap_or(0);
        let header = |i: usize| self.headers.get(i).cloned().unwrap_or_default();
        // Names (service, group, assignee, …) longer than this are a wrong column or a broken
        // file, not data: refused rather than stored.
        const MAX_TEXT: usize = 500;
        let mut text = |f: Field| -> Result<Option<Label>, RowError> {
            match self.cell(rec, f) {
                None => Ok(None),
                Some((v, i)) => {
                    // Bytes bound characters from above: count only the long ones.
                    let n = if v.len() > MAX_TEXT {
                        v.chars().count()
                    } else {
                        0
                    };
                    if n > MAX_TEXT {
                        return Err(err(
                            i,
                            format!(
                                "{}: {n} characters, more than {MAX_TEXT} — is this the right column?",
                                header(i)
                            ),
                        ));
                    }
                    Ok(Some(interner.label(v)))
                }
            }
        };
        let date = |f: Field| -> Result<Option<i64>, RowError> {
            match self.cell(rec, f) {
                None => Ok(None),
                Some((v, i)) => dates::parse(v, order)
                    .map(|d| Some(to_secs(d)))
                    .ok_or_else(|| {
                        err(
                            i,
                            format!(
                                "{}: '{v}' is not a date in the file's format ({})",
                                header(i),
                                order.id()
                            ),
                        )
                    }),
            }
        };
        let count = |f: Field| -> Result<i64, RowError> {
            match self.cell(rec, f) {
                None => Ok(0),
                Some((v, i)) => match trim(v).parse::<i64>() {
                    Ok(n) if n >= 0 => Ok(n),
                    Ok(_) => Err(err(
                        i,
                        format!("{}: '{v}' is negative; a count cannot be", header(i)),
                    )),
                    Err(_) => Err(err(
                        i,
                        format!("{}: '{v}' is not a whole number", header(i)),
                    )),
                },
            }
        };

        let key: Text = self
            .raw(rec, Field::Key)
            .ok_or_else(|| {
                err(
                    first_col(Field::Key),
                    format!("{}: the ticket key is empty", header(first_col(Field::Key))),
                )
            })?
            .into();
        let opened = date(Field::Opened)?.ok_or_else(|| {
            err(
                first_col(Field::Opened),
                format!(
                    "{}: the opening time is empty",
                    header(first_col(Field::Opened))
                ),
            )
        })?;
        let first_response = date(Field::FirstResponse)?;
        let resolved = date(Field::Resolved)?;
        let closed = date(Field::Closed)?;
        for (f, t) in [
            (Field::FirstResponse, first_response),
            (Field::Resolved, resolved),
            (Field::Closed, closed),
        ] {
            if let Some(t) = t.filter(|t| *t < opened) {
                let i = self.cell(rec, f).map(|(_, i)| i).unwrap_or(0);
                let _ = t;
                return Err(err(
                    i,
                    format!("{}: before the ticket was opened", header(i)),
                ));
            }
        }
        let satisfaction = match self.cell(rec, Field::Satisfaction) {
            None => None,
            Some((v, i)) => {
                let n: f64 = v
                    .parse()
                    .ok()
                    .or_else(|| {
                        v.chars()
                            .filter(|c| *c == '★' || *c == '⭐')
                            .count()
                            .try_into()
                            .ok()
                            .filter(|n: &u32| *n > 0)
                            .map(f64::from)
                    })
                    .ok_or_else(|| err(i, format!("{}: '{v}' is not a score", header(i))))?;
                if !(1.0..=5.0).contains(&n) {
                    return Err(err(
                        i,
                        format!("{}: {v} is outside the 1–5 scale", header(i)),
                    ));
                }
                Some(n)
            }
        };
        let mod_count = match self.cell(rec, Field::ModCount) {
            None => None,
            Some(_) => Some(count(Field::ModCount)?),
        };
        Ok(ParsedRow {
            key,
            opened,
            first_response,
            first_assigned: None,
            resolved,
            closed,
            service: text(Field::Service)?.map(|l| l.text),
            category: text(Field::Category)?,
            channel: text(Field::Channel)?,
            assignee: text(Field::Assignee)?,
            assignment_group: text(Field::AssignmentGroup)?,
            state: text(Field::State)?,
            priority: self
                .raw(rec, Field::Priority)
                .and_then(|p| interner.priority(p)),
            reassignment_count: count(Field::ReassignmentCount)?,
            reopen_count: count(Field::ReopenCount)?,
            satisfaction,
            mod_count,
            updated_at: date(Field::UpdatedAt)?,
            response_tracked: !self.columns(Field::FirstResponse).is_empty(),
        })
    }
}

#[cfg(test)]
mod tests {
    /// The quick trim gives what `str::trim` gives, for the values it answers without looking
    /// and for those it hands on (ASCII and Unicode white space, non-ASCII ends).
    #[test]
    fn trim_is_str_trim() {
        for v in [
            "",
            " ",
            "a",
            "?",
            "INC0000001",
            " INC1",
            "INC1 ",
            "\tP1\r",
            "\u{3000}网络\u{3000}",
            "\u{a0}x",
            "x\u{a0}",
            "工单",
            "工单 ",
            " 工单",
            "a b",
            "\u{2003}",
            "a\u{85}",
        ] {
            assert_eq!(super::trim(v), v.trim(), "{v:?}");
        }
    }
}

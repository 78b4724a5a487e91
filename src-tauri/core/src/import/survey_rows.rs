//! Satisfaction survey responses from a [`Sheet`], validated all-or-nothing like the people
//! lists (`people_rows`): columns found by Chinese or English header, every bad cell reported as
//! `file:line:column: reason`, the rows returned only when there is no error at all.
//!
//! Services and tickets are only read here as text; the workspace matches them against its
//! services and tickets (`Workspace::import_survey`).
//!
//! Dates take every form the ticket importer reads (`import::dates`): year first
//! (`2026-07-15`, `2026/7/15 9:30`, ISO with `T`), `2026年7月15日`, Jira's `15/Mar/26 10:30 AM`,
//! and day- or month-first numbers (`15/07/2026`, `07/15/2026`). As for a ticket export the
//! day/month order is decided once for the file from its values; a file whose values disagree,
//! or whose day-first/month-first dates all have both fields ≤ 12, is refused at those cells
//! (a survey import has no preview in which to confirm a guess).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;

use super::dates::{self, DateOrder, OrderEvidence};
use super::people_rows::{finish, Col, Columns, RowCheck};
use super::sheet::Sheet;
use crate::domain::Scale;
use crate::import::RowError;

/// One response of a survey export.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyRow {
    pub line: u64,
    /// Local wall-clock time; midnight when the file gives a date only.
    pub responded_at: NaiveDateTime,
    /// The service's code or name, as written.
    pub service: String,
    /// On the chosen scale; a yes/no answer is the scale's top (yes) or bottom (no).
    pub score: f64,
    pub comment: Option<String>,
    /// The ticket key, as written.
    pub ticket: Option<String>,
    /// The response's own id in the survey tool.
    pub id: Option<String>,
    pub channel: Option<String>,
    /// 1-based sheet columns of the service and the ticket (for messages about unknown ones);
    /// 0 when the column is absent.
    pub service_column: u32,
    pub ticket_column: u32,
}

const DATE: Col = Col {
    name: "date",
    aliases: &[
        "日期",
        "提交时间",
        "填写时间",
        "date",
        "submitted",
        "response date",
    ],
    required: true,
};
const SERVICE: Col = Col {
    name: "service",
    aliases: &["服务", "服务名称", "service"],
    required: true,
};
const SCORE: Col = Col {
    name: "score",
    aliases: &["评分", "得分", "满意度", "score", "rating"],
    required: true,
};
const COMMENT: Col = Col {
    name: "comment",
    aliases: &[
        "意见", "评论", "建议", "备注", "comment", "comments", "feedback",
    ],
    required: false,
};
const TICKET: Col = Col {
    name: "ticket",
    aliases: &["工单", "工单号", "ticket", "ticket key", "incident"],
    required: false,
};
const ID: Col = Col {
    name: "id",
    aliases: &["编号", "序号", "response id", "id"],
    required: false,
};
const CHANNEL: Col = Col {
    name: "channel",
    aliases: &["渠道", "channel"],
    required: false,
};

/// Answers read as yes (the top of a two-point scale) and no (its bottom), case-insensitive.
/// `1` and `0` are numbers, the same answers on a 0–1 scale.
const YES: &[&str] = &["是", "满意", "yes", "y", "true"];
const NO: &[&str] = &["否", "不满意", "no", "n", "false"];

const DATE_FORMS: &str =
    "e.g. 2026-07-15, 2026/7/15 9:30, 2026年7月15日, 15/07/2026 or 15/Jul/26 9:30 AM";

/// The rows of a survey export with scores on `scale`; `Err` holds every error, in line and
/// column order. A yes/no answer is accepted on a two-point scale (e.g. 0–1) only.
pub fn survey_rows(sheet: &Sheet, scale: Scale) -> Result<Vec<SurveyRow>, Vec<RowError>> {
    let cols = Columns::find(
        sheet,
        &[&DATE, &SERVICE, &SCORE, &COMMENT, &TICKET, &ID, &CHANNEL],
    )?;
    let [date, service, score, comment, ticket, id, channel] = cols.at;
    let column = |c: Option<usize>| c.map_or(0, |c| c as u32 + 1);
    let (service_column, ticket_column) = (column(service), column(ticket));
    let mut errors = Vec::new();
    let (order, undecided) = match date {
        Some(c) => date_order(sheet, c, &mut errors),
        None => (DateOrder::Ymd, HashSet::new()),
    };
    let mut out = Vec::new();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    for row in &sheet.rows {
        // A date the order check reported is not read (nor reported) again.
        let date_reported = undecided.contains(&row.line);
        let mut r = RowCheck::new(sheet, row, &mut errors);
        let date_value = match date {
            Some(c) if !date_reported => read_date(&mut r, c, order),
            _ => None,
        };
        let service_text = r.required(&SERVICE, service);
        let score_value = read_score(&mut r, score, scale);
        let id_text = Some(r.text(id)).filter(|s| !s.is_empty());
        if let (Some(i), Some(col)) = (id_text, id) {
            if let Some(first) = first_line.get(i) {
                r.error(
                    col,
                    format!("{}: '{i}' is already on line {first}", ID.name),
                );
            } else {
                first_line.insert(i.to_string(), row.line);
            }
        }
        let text = |c| Some(r.text(c)).filter(|s| !s.is_empty()).map(String::from);
        let (comment, ticket, channel) = (text(comment), text(ticket), text(channel));
        if let (Some(responded_at), Some(service), Some(score)) =
            (date_value, service_text, score_value)
        {
            if r.ok && !date_reported {
                out.push(SurveyRow {
                    line: row.line,
                    responded_at,
                    service,
                    score,
                    comment,
                    ticket,
                    id: id_text.map(String::from),
                    channel,
                    service_column,
                    ticket_column,
                });
            }
        }
    }
    finish(out, errors)
}

/// The date cell of `r`: `None` (and an error) when empty or not a date in `order`.
fn read_date(r: &mut RowCheck<'_>, col: usize, order: DateOrder) -> Option<NaiveDateTime> {
    let text = r.text(Some(col));
    if text.is_empty() {
        r.error(col, format!("{}: empty", DATE.name));
        return None;
    }
    let parsed = dates::parse(&year_month_day(text), order);
    if parsed.is_none() {
        r.error(
            col,
            format!("{}: '{text}' is not a date ({DATE_FORMS})", DATE.name),
        );
    }
    parsed
}

/// `2026年7月15日 …` as `2026-7-15 …`, which `dates::parse` reads; anything else unchanged.
fn year_month_day(text: &str) -> String {
    match text.split_once('日') {
        Some((date, time)) if date.contains('年') && date.contains('月') => {
            format!("{}{time}", date.replace(['年', '月'], "-"))
        }
        _ => text.to_string(),
    }
}

/// How one date value orders its day and month.
#[derive(Clone, Copy, PartialEq)]
enum Fields {
    /// Year first, or a month name: no order to decide.
    Fixed,
    DayFirst,
    MonthFirst,
    /// Day and month both ≤ 12.
    Either,
}

fn fields(text: &str) -> Fields {
    let mut e = OrderEvidence::default();
    e.observe(&year_month_day(text));
    match e.decide() {
        Ok((DateOrder::Dmy, a)) if a.ambiguous => {
            // 05/05/2026 reads the same either way; 13/13/2026 is no date either way.
            let text = year_month_day(text);
            match (
                dates::parse(&text, DateOrder::Dmy),
                dates::parse(&text, DateOrder::Mdy),
            ) {
                (Some(a), Some(b)) if a != b => Fields::Either,
                _ => Fields::Fixed,
            }
        }
        Ok((DateOrder::Dmy, _)) => Fields::DayFirst,
        Ok((DateOrder::Mdy, _)) => Fields::MonthFirst,
        _ => Fields::Fixed,
    }
}

/// The day/month order of the file's dates in column `col`, decided from all of them as for a
/// ticket export, and the lines of the date cells reported: each that contradicts the first
/// deciding value or, when no value decides, each that could be read either way.
fn date_order(sheet: &Sheet, col: usize, errors: &mut Vec<RowError>) -> (DateOrder, HashSet<u64>) {
    let cells: Vec<(u64, &str, Fields)> = sheet
        .rows
        .iter()
        .filter_map(|row| {
            let text = row.cells.get(col).map_or("", |s| s.trim());
            (!text.is_empty()).then(|| (row.line, text, fields(text)))
        })
        .collect();
    let first = cells
        .iter()
        .find(|c| matches!(c.2, Fields::DayFirst | Fields::MonthFirst));
    let (order, bad) = match first.map(|c| c.2) {
        None => (DateOrder::Ymd, Fields::Either),
        Some(Fields::DayFirst) => (DateOrder::Dmy, Fields::MonthFirst),
        Some(_) => (DateOrder::Mdy, Fields::DayFirst),
    };
    let reason = |text: &str| match first {
        None => format!(
            "'{text}' could be day-first or month-first, and no date in the file has a day \
             above 12 to tell; write it as YYYY-MM-DD"
        ),
        Some(&(line, first, decided)) => {
            let (is, contrary_is) = match decided {
                Fields::DayFirst => ("first", "second"),
                _ => ("second", "first"),
            };
            format!(
                "'{text}' has the day {contrary_is}, but '{first}' on line {line} has it {is}; \
                 write dates as YYYY-MM-DD"
            )
        }
    };
    let mut lines = HashSet::new();
    for &(line, text, f) in &cells {
        if f == bad {
            lines.insert(line);
            errors.push(RowError {
                file: sheet.file.clone(),
                line,
                column: col as u32 + 1,
                reason: format!("{}: {}", DATE.name, reason(text)),
            });
        }
    }
    (order, lines)
}

/// The score cell: a number on `scale`, or on a two-point scale a yes/no answer. `None` (and an
/// error) when empty, not a score, or outside the scale.
fn read_score(r: &mut RowCheck<'_>, col: Option<usize>, scale: Scale) -> Option<f64> {
    let c = col?;
    let text = r.text(col);
    if text.is_empty() {
        r.error(c, format!("{}: empty", SCORE.name));
        return None;
    }
    let (min, max) = (f64::from(scale.min), f64::from(scale.max));
    let two_point = scale.max - scale.min == 1;
    match text.parse::<f64>() {
        Ok(v) if (min..=max).contains(&v) => return Some(v),
        Ok(v) if v.is_finite() => {
            r.error(
                c,
                format!(
                    "{}: '{text}' is outside the {}–{} scale",
                    SCORE.name, scale.min, scale.max
                ),
            );
            return None;
        }
        _ => {}
    }
    let word = text.to_lowercase();
    if two_point && YES.contains(&word.as_str()) {
        return Some(max);
    }
    if two_point && NO.contains(&word.as_str()) {
        return Some(min);
    }
    let what = if two_point {
        "yes/no (是/否, 满意/不满意)".to_string()
    } else {
        format!("a number on the {}–{} scale", scale.min, scale.max)
    };
    r.error(c, format!("{}: '{text}' is not {what}", SCORE.name));
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sheet::SheetRow;
    use chrono::NaiveDate;

    /// A sheet from `|`-separated lines; the rows are on lines 2, 3, …
    fn sheet(headers: &str, rows: &[&str]) -> Sheet {
        let cells = |line: &str| line.split('|').map(String::from).collect();
        Sheet {
            file: "s.csv".into(),
            headers: cells(headers),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, row)| SheetRow {
                    line: i as u64 + 2,
                    cells: cells(row),
                })
                .collect(),
        }
    }

    fn at(y: i32, m: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    fn messages(errors: Vec<RowError>) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    const FIVE: Scale = Scale { min: 1, max: 5 };
    const YES_NO: Scale = Scale { min: 0, max: 1 };

    #[test]
    fn headers_in_chinese_and_english() {
        let cases = [
            "日期|服务|评分|意见|工单|编号|渠道",
            "提交时间|服务名称|得分|评论|工单号|序号|渠道",
            "填写时间|服务|满意度|建议|工单|编号|渠道",
            "Date|Service|Score|Comment|Ticket|ID|Channel",
            "submitted|SERVICE|rating|comments|ticket key|response id|channel",
            "Response_Date| service |Rating|Feedback|Incident|Response ID|Channel",
            "\u{feff}date|service|score|备注|ticket|id|channel",
        ];
        for headers in cases {
            let s = sheet(headers, &["2026-07-15 09:30|服务台|4|很好|INC001|R1|email"]);
            let want = SurveyRow {
                line: 2,
                responded_at: at(2026, 7, 15, 9, 30),
                service: "服务台".into(),
                score: 4.0,
                comment: Some("很好".into()),
                ticket: Some("INC001".into()),
                id: Some("R1".into()),
                channel: Some("email".into()),
                service_column: 2,
                ticket_column: 5,
            };
            assert_eq!(survey_rows(&s, FIVE), Ok(vec![want]), "{headers}");
        }
    }

    #[test]
    fn optional_columns_absent_or_empty() {
        let s = sheet(
            "评分|服务|日期",
            &["5|DESK|2026/7/15", "3|DESK|2026/7/16||"],
        );
        let rows = survey_rows(&s, FIVE).unwrap();
        assert_eq!(
            rows[0],
            SurveyRow {
                line: 2,
                responded_at: at(2026, 7, 15, 0, 0),
                service: "DESK".into(),
                score: 5.0,
                comment: None,
                ticket: None,
                id: None,
                channel: None,
                service_column: 2,
                ticket_column: 0,
            }
        );
        assert_eq!(rows[1].score, 3.0);
    }

    #[test]
    fn date_forms() {
        let cases: &[(&str, NaiveDateTime)] = &[
            ("2026-07-15", at(2026, 7, 15, 0, 0)),
            (
                "2026-07-15 13:45:10",
                at(2026, 7, 15, 13, 45) + chrono::Duration::seconds(10),
            ),
            ("2026/7/5 9:30", at(2026, 7, 5, 9, 30)),
            ("2026.07.15", at(2026, 7, 15, 0, 0)),
            ("2026年7月15日", at(2026, 7, 15, 0, 0)),
            ("2026年7月15日 14:05", at(2026, 7, 15, 14, 5)),
            ("2026-07-15T08:00:00+08:00", at(2026, 7, 15, 8, 0)),
            ("15/Jul/26 9:30 PM", at(2026, 7, 15, 21, 30)),
        ];
        for (text, want) in cases {
            let s = sheet("date|service|score", &[&format!("{text}|DESK|5")]);
            let got = survey_rows(&s, FIVE).map(|r| r[0].responded_at);
            assert_eq!(got, Ok(*want), "{text}");
        }
    }

    #[test]
    fn day_month_order_decided_per_file() {
        // A day above 12 first: every numeric date of the file is day-first.
        let s = sheet(
            "date|service|score",
            &[
                "03/04/2026|DESK|5",
                "15/04/2026 10:00|DESK|4",
                "2026-05-01|DESK|3",
            ],
        );
        let got: Vec<_> = survey_rows(&s, FIVE)
            .unwrap()
            .iter()
            .map(|r| r.responded_at)
            .collect();
        assert_eq!(
            got,
            [
                at(2026, 4, 3, 0, 0),
                at(2026, 4, 15, 10, 0),
                at(2026, 5, 1, 0, 0)
            ]
        );
        // A day above 12 second: month-first.
        let s = sheet(
            "date|service|score",
            &["03/04/2026|DESK|5", "04/15/2026|DESK|4"],
        );
        assert_eq!(
            survey_rows(&s, FIVE).unwrap()[0].responded_at,
            at(2026, 3, 4, 0, 0)
        );
    }

    #[test]
    fn day_month_order_undecided_or_contradicted() {
        let s = sheet(
            "date|service|score",
            &[
                "03/04/2026|DESK|5",
                "2026-05-01|DESK|3",
                "05/06/2026|DESK|9",
            ],
        );
        assert_eq!(
            messages(survey_rows(&s, FIVE).unwrap_err()),
            [
                "s.csv:2:1: date: '03/04/2026' could be day-first or month-first, and no date \
                 in the file has a day above 12 to tell; write it as YYYY-MM-DD",
                "s.csv:4:1: date: '05/06/2026' could be day-first or month-first, and no date \
                 in the file has a day above 12 to tell; write it as YYYY-MM-DD",
                "s.csv:4:3: score: '9' is outside the 1–5 scale",
            ]
        );
        let s = sheet(
            "date|service|score",
            &[
                "15/04/2026|DESK|5",
                "04/16/2026|DESK|3",
                "04/17/2026|DESK|3",
            ],
        );
        assert_eq!(
            messages(survey_rows(&s, FIVE).unwrap_err()),
            [
                "s.csv:3:1: date: '04/16/2026' has the day second, but '15/04/2026' on line 2 \
                 has it first; write dates as YYYY-MM-DD",
                "s.csv:4:1: date: '04/17/2026' has the day second, but '15/04/2026' on line 2 \
                 has it first; write dates as YYYY-MM-DD",
            ]
        );
    }

    #[test]
    fn scores_on_each_scale() {
        let cases: &[(Scale, &str, Result<f64, &str>)] = &[
            (FIVE, "1", Ok(1.0)),
            (FIVE, "5", Ok(5.0)),
            (FIVE, "4.5", Ok(4.5)),
            (FIVE, " 3 ", Ok(3.0)),
            (
                FIVE,
                "0",
                Err("s.csv:2:3: score: '0' is outside the 1–5 scale"),
            ),
            (
                FIVE,
                "6",
                Err("s.csv:2:3: score: '6' is outside the 1–5 scale"),
            ),
            (
                FIVE,
                "-1",
                Err("s.csv:2:3: score: '-1' is outside the 1–5 scale"),
            ),
            (
                FIVE,
                "yes",
                Err("s.csv:2:3: score: 'yes' is not a number on the 1–5 scale"),
            ),
            (
                FIVE,
                "NaN",
                Err("s.csv:2:3: score: 'NaN' is not a number on the 1–5 scale"),
            ),
            (FIVE, "", Err("s.csv:2:3: score: empty")),
            (Scale { min: 1, max: 10 }, "10", Ok(10.0)),
            (
                Scale { min: 1, max: 10 },
                "11",
                Err("s.csv:2:3: score: '11' is outside the 1–10 scale"),
            ),
            (YES_NO, "是", Ok(1.0)),
            (YES_NO, "满意", Ok(1.0)),
            (YES_NO, "Yes", Ok(1.0)),
            (YES_NO, "Y", Ok(1.0)),
            (YES_NO, "TRUE", Ok(1.0)),
            (YES_NO, "1", Ok(1.0)),
            (YES_NO, "否", Ok(0.0)),
            (YES_NO, "不满意", Ok(0.0)),
            (YES_NO, "no", Ok(0.0)),
            (YES_NO, "n", Ok(0.0)),
            (YES_NO, "false", Ok(0.0)),
            (YES_NO, "0", Ok(0.0)),
            (
                YES_NO,
                "2",
                Err("s.csv:2:3: score: '2' is outside the 0–1 scale"),
            ),
            (
                YES_NO,
                "maybe",
                Err("s.csv:2:3: score: 'maybe' is not yes/no (是/否, 满意/不满意)"),
            ),
            (Scale { min: 1, max: 2 }, "yes", Ok(2.0)),
            (Scale { min: 1, max: 2 }, "否", Ok(1.0)),
        ];
        for (scale, text, want) in cases {
            let s = sheet("date|service|score", &[&format!("2026-07-15|DESK|{text}")]);
            let got = survey_rows(&s, *scale)
                .map(|rows| rows[0].score)
                .map_err(|e| messages(e).join("\n"));
            assert_eq!(got, want.map_err(String::from), "{text} on {scale:?}");
        }
    }

    #[test]
    fn every_error_with_line_and_column() {
        let s = sheet(
            "编号|日期|服务|评分|意见",
            &[
                "1|2026-07-15|DESK|5|好",     // line 2
                "2||DESK|5|",                 // line 3
                "3|2026-13-01||abc|",         // line 4
                "1|July 15|DESK|5|",          // line 5
                "4|2026-07-15 25:00|DESK|4|", // line 6
            ],
        );
        assert_eq!(
            messages(survey_rows(&s, FIVE).unwrap_err()),
            [
                "s.csv:3:2: date: empty".to_string(),
                format!("s.csv:4:2: date: '2026-13-01' is not a date ({DATE_FORMS})"),
                "s.csv:4:3: service: empty".into(),
                "s.csv:4:4: score: 'abc' is not a number on the 1–5 scale".into(),
                "s.csv:5:1: id: '1' is already on line 2".into(),
                format!("s.csv:5:2: date: 'July 15' is not a date ({DATE_FORMS})"),
                format!("s.csv:6:2: date: '2026-07-15 25:00' is not a date ({DATE_FORMS})"),
            ]
        );
    }

    #[test]
    fn missing_required_columns() {
        let got = messages(survey_rows(&sheet("评论|工单", &[]), FIVE).unwrap_err());
        assert_eq!(
            got,
            [
                "s.csv:1:1: missing column 'date': no header is one of \
                 日期, 提交时间, 填写时间, date, submitted, response date",
                "s.csv:1:1: missing column 'service': no header is one of 服务, 服务名称, service",
                "s.csv:1:1: missing column 'score': no header is one of \
                 评分, 得分, 满意度, score, rating",
            ]
        );
        assert_eq!(survey_rows(&sheet("日期|服务|评分", &[]), FIVE), Ok(vec![]));
    }
}

//! Staff lists and training attendance from a [`Sheet`], validated all-or-nothing.
//!
//! Columns are found by header, Chinese or English, case-insensitive; unknown columns are
//! ignored. Every bad cell of every row is reported as `file:line:column: reason`, the column
//! counting from 1 in the sheet; the rows are returned only when there is no error at all.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::sheet::{Sheet, SheetRow};
use crate::import::RowError;

/// One person of a staff list.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffRow {
    pub line: u64,
    /// The employee number (工号), as written.
    pub code: String,
    pub name: String,
    /// "" when the list has no team column or the cell is empty.
    pub team: String,
    pub contact: String,
    /// True unless the list says otherwise.
    pub active: bool,
    pub role: Option<String>,
    pub role_from: Option<NaiveDate>,
    /// 1-based sheet column of the role (for messages about an unknown role); 0 if absent.
    pub role_column: u32,
}

/// One person at one session of a course.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceRow {
    pub line: u64,
    pub course: String,
    pub date: NaiveDate,
    /// The staff code or name, as written.
    pub staff: String,
    pub trainer: String,
    pub place: String,
    /// False for a planned session that is not yet attended.
    pub attended: bool,
    /// Pre-assessment score, 0–100.
    pub pre: Option<f64>,
    /// Post-assessment score, 0–100.
    pub post: Option<f64>,
    /// 1-based sheet columns of the course and the person (for messages about unknown ones).
    pub course_column: u32,
    pub staff_column: u32,
}

/// A column to look for: its name in messages, its accepted headers (in order of preference).
pub(super) struct Col {
    pub(super) name: &'static str,
    pub(super) aliases: &'static [&'static str],
    pub(super) required: bool,
}

const STAFF_CODE: Col = Col {
    name: "code",
    aliases: &[
        "工号",
        "员工编号",
        "编号",
        "employee id",
        "employee no",
        "staff id",
        "code",
    ],
    required: true,
};
const STAFF_NAME: Col = Col {
    name: "name",
    aliases: &["姓名", "名字", "name", "full name"],
    required: true,
};
const STAFF_TEAM: Col = Col {
    name: "team",
    aliases: &["团队", "部门", "小组", "team", "department", "group"],
    required: false,
};
const STAFF_CONTACT: Col = Col {
    name: "contact",
    aliases: &["联系方式", "电话", "邮箱", "contact", "email", "phone"],
    required: false,
};
const STAFF_ACTIVE: Col = Col {
    name: "active",
    aliases: &["在职", "状态", "active", "status"],
    required: false,
};
const STAFF_ROLE: Col = Col {
    name: "role",
    aliases: &["角色", "岗位", "role"],
    required: false,
};
const STAFF_ROLE_FROM: Col = Col {
    name: "role from",
    aliases: &["角色起始", "任职日期", "起始日期", "role from", "from"],
    required: false,
};

const ATT_COURSE: Col = Col {
    name: "course",
    aliases: &["课程", "课程编号", "课程名称", "course", "course code"],
    required: true,
};
const ATT_DATE: Col = Col {
    name: "date",
    aliases: &["日期", "培训日期", "场次日期", "date", "session date"],
    required: true,
};
const ATT_STAFF: Col = Col {
    name: "staff",
    aliases: &["工号", "员工编号", "姓名", "staff", "employee id", "name"],
    required: true,
};
const ATT_TRAINER: Col = Col {
    name: "trainer",
    aliases: &["讲师", "培训师", "trainer"],
    required: false,
};
const ATT_PLACE: Col = Col {
    name: "place",
    aliases: &["地点", "place", "location"],
    required: false,
};
const ATT_ATTENDED: Col = Col {
    name: "attended",
    aliases: &["出勤", "是否出勤", "attended"],
    required: false,
};
const ATT_PRE: Col = Col {
    name: "pre score",
    aliases: &[
        "前测",
        "培训前得分",
        "前测成绩",
        "pre",
        "pre score",
        "pre-assessment",
    ],
    required: false,
};
const ATT_POST: Col = Col {
    name: "post score",
    aliases: &[
        "后测",
        "培训后得分",
        "后测成绩",
        "post",
        "post score",
        "post-assessment",
    ],
    required: false,
};

const YES: &[&str] = &["是", "在职", "y", "yes", "true", "1", "active"];
const NO: &[&str] = &["否", "离职", "n", "no", "false", "0", "inactive", "left"];
const PLANNED: &[&str] = &["计划", "planned"];

const DATE_FORMS: &str = "YYYY-MM-DD, YYYY/MM/DD, YYYY/M/D, YYYY.MM.DD or YYYY年M月D日";

/// The rows of a staff list; `Err` holds every error, in line and column order.
pub fn staff_rows(sheet: &Sheet) -> Result<Vec<StaffRow>, Vec<RowError>> {
    let cols = Columns::find(
        sheet,
        &[
            &STAFF_CODE,
            &STAFF_NAME,
            &STAFF_TEAM,
            &STAFF_CONTACT,
            &STAFF_ACTIVE,
            &STAFF_ROLE,
            &STAFF_ROLE_FROM,
        ],
    )?;
    let [code, name, team, contact, active, role, role_from] = cols.at;
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    for row in &sheet.rows {
        let mut r = RowCheck::new(sheet, row, &mut errors);
        let code_text = r.required(&STAFF_CODE, code);
        let name_text = r.required(&STAFF_NAME, name);
        let active_value = r.yes_no(&STAFF_ACTIVE, active, false);
        let role_from_value = r.date(&STAFF_ROLE_FROM, role_from);
        if let (Some(c), Some(col)) = (&code_text, code) {
            if let Some(first) = first_line.get(&c.to_lowercase()) {
                r.error(
                    col,
                    format!("{}: '{c}' is already on line {first}", STAFF_CODE.name),
                );
            } else {
                first_line.insert(c.to_lowercase(), row.line);
            }
        }
        if let (Some(code), Some(name), Some(active), Some(role_from)) =
            (code_text, name_text, active_value, role_from_value)
        {
            if r.ok {
                out.push(StaffRow {
                    line: row.line,
                    code,
                    name,
                    team: r.text(team).to_string(),
                    contact: r.text(contact).to_string(),
                    active: active.unwrap_or(true),
                    role: Some(r.text(role))
                        .filter(|s| !s.is_empty())
                        .map(String::from),
                    role_from,
                    role_column: role.map_or(0, |c| c as u32 + 1),
                });
            }
        }
    }
    finish(out, errors)
}

/// The rows of a training attendance list; `Err` holds every error, in line and column order.
pub fn attendance_rows(sheet: &Sheet) -> Result<Vec<AttendanceRow>, Vec<RowError>> {
    let cols = Columns::find(
        sheet,
        &[
            &ATT_COURSE,
            &ATT_DATE,
            &ATT_STAFF,
            &ATT_TRAINER,
            &ATT_PLACE,
            &ATT_ATTENDED,
            &ATT_PRE,
            &ATT_POST,
        ],
    )?;
    let [course, date, staff, trainer, place, attended, pre, post] = cols.at;
    let column = |c: Option<usize>| c.map_or(0, |c| c as u32 + 1);
    let (course_column, staff_column) = (column(course), column(staff));
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut first_line: HashMap<(String, NaiveDate, String), u64> = HashMap::new();
    for row in &sheet.rows {
        let mut r = RowCheck::new(sheet, row, &mut errors);
        let course_text = r.required(&ATT_COURSE, course);
        let date_value = r.required_date(&ATT_DATE, date);
        let staff_text = r.required(&ATT_STAFF, staff);
        let attended_value = r.yes_no(&ATT_ATTENDED, attended, true);
        let pre_value = r.score(&ATT_PRE, pre);
        let post_value = r.score(&ATT_POST, post);
        if let (Some(c), Some(d), Some(s), Some(col)) =
            (&course_text, date_value, &staff_text, staff)
        {
            let key = (c.to_lowercase(), d, s.to_lowercase());
            if let Some(first) = first_line.get(&key) {
                r.error(
                    col,
                    format!(
                        "{}: '{s}' is already listed for {c} on {d} on line {first}",
                        ATT_STAFF.name
                    ),
                );
            } else {
                first_line.insert(key, row.line);
            }
        }
        if let (Some(course), Some(date), Some(staff), Some(attended), Some(pre), Some(post)) = (
            course_text,
            date_value,
            staff_text,
            attended_value,
            pre_value,
            post_value,
        ) {
            if r.ok {
                out.push(AttendanceRow {
                    line: row.line,
                    course,
                    date,
                    staff,
                    trainer: r.text(trainer).to_string(),
                    place: r.text(place).to_string(),
                    attended: attended.unwrap_or(true),
                    pre,
                    post,
                    course_column,
                    staff_column,
                });
            }
        }
    }
    finish(out, errors)
}

pub(super) fn finish<T>(rows: Vec<T>, mut errors: Vec<RowError>) -> Result<Vec<T>, Vec<RowError>> {
    if errors.is_empty() {
        Ok(rows)
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

/// A header as compared with the aliases: trimmed, lower case, `_` as a space, runs of
/// white space as one space.
fn normalise(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The 0-based index of each wanted column in the sheet, `None` for an optional one absent.
pub(super) struct Columns<const N: usize> {
    pub(super) at: [Option<usize>; N],
}

impl<const N: usize> Columns<N> {
    /// Each column is the leftmost header matching its most preferred alias present. A missing
    /// required column is an error at line 1, column 1.
    pub(super) fn find(sheet: &Sheet, wanted: &[&Col; N]) -> Result<Self, Vec<RowError>> {
        let headers: Vec<String> = sheet.headers.iter().map(|h| normalise(h)).collect();
        let mut at = [None; N];
        let mut errors = Vec::new();
        for (slot, col) in at.iter_mut().zip(wanted) {
            *slot = col
                .aliases
                .iter()
                .find_map(|alias| headers.iter().position(|h| h == alias));
            if slot.is_none() && col.required {
                errors.push(RowError {
                    file: sheet.file.clone(),
                    line: 1,
                    column: 1,
                    reason: format!(
                        "missing column '{}': no header is one of {}",
                        col.name,
                        col.aliases.join(", ")
                    ),
                });
            }
        }
        if errors.is_empty() {
            Ok(Columns { at })
        } else {
            Err(errors)
        }
    }
}

/// Reads and checks the cells of one row, recording errors as it goes.
pub(super) struct RowCheck<'a> {
    file: &'a str,
    row: &'a SheetRow,
    errors: &'a mut Vec<RowError>,
    /// No error on this row so far.
    pub(super) ok: bool,
}

impl<'a> RowCheck<'a> {
    pub(super) fn new(sheet: &'a Sheet, row: &'a SheetRow, errors: &'a mut Vec<RowError>) -> Self {
        RowCheck {
            file: &sheet.file,
            row,
            errors,
            ok: true,
        }
    }

    pub(super) fn error(&mut self, col: usize, reason: String) {
        self.ok = false;
        self.errors.push(RowError {
            file: self.file.to_string(),
            line: self.row.line,
            column: u32::try_from(col + 1).unwrap_or(u32::MAX),
            reason,
        });
    }

    /// The trimmed cell, "" when the column is absent or the row is short.
    pub(super) fn text(&self, col: Option<usize>) -> &'a str {
        col.and_then(|c| self.row.cells.get(c))
            .map_or("", |s| s.trim())
    }

    /// A required text: `None` (and an error) when empty.
    pub(super) fn required(&mut self, what: &Col, col: Option<usize>) -> Option<String> {
        let text = self.text(col);
        match col {
            Some(c) if text.is_empty() => {
                self.error(c, format!("{}: empty", what.name));
                None
            }
            Some(_) => Some(text.to_string()),
            None => None,
        }
    }

    /// A required date: `None` (and an error) when empty or not a date.
    fn required_date(&mut self, what: &Col, col: Option<usize>) -> Option<NaiveDate> {
        let c = col?;
        if self.text(col).is_empty() {
            self.error(c, format!("{}: empty", what.name));
            return None;
        }
        self.date(what, col).flatten()
    }

    /// An optional date: `Some(None)` when empty, `None` (and an error) when not a date.
    fn date(&mut self, what: &Col, col: Option<usize>) -> Option<Option<NaiveDate>> {
        let text = self.text(col);
        let Some(c) = col.filter(|_| !text.is_empty()) else {
            return Some(None);
        };
        match parse_date(text) {
            Some(d) => Some(Some(d)),
            None => {
                self.error(
                    c,
                    format!("{}: '{text}' is not a date ({DATE_FORMS})", what.name),
                );
                None
            }
        }
    }

    /// An optional yes/no: `Some(None)` when empty, `None` (and an error) when not a yes/no
    /// word. With `planned`, 计划/planned read as no (planned, not yet attended).
    fn yes_no(&mut self, what: &Col, col: Option<usize>, planned: bool) -> Option<Option<bool>> {
        let text = self.text(col);
        let Some(c) = col.filter(|_| !text.is_empty()) else {
            return Some(None);
        };
        match yes_no(text, planned) {
            Some(b) => Some(Some(b)),
            None => {
                let words = if planned {
                    "yes/no (是/否) or planned (计划)"
                } else {
                    "yes/no (是/否)"
                };
                self.error(c, format!("{}: '{text}' is not {words}", what.name));
                None
            }
        }
    }

    /// An optional score 0–100: `Some(None)` when empty, `None` (and an error) when bad.
    fn score(&mut self, what: &Col, col: Option<usize>) -> Option<Option<f64>> {
        let text = self.text(col);
        let Some(c) = col.filter(|_| !text.is_empty()) else {
            return Some(None);
        };
        match text.parse::<f64>() {
            Ok(v) if (0.0..=100.0).contains(&v) => Some(Some(v)),
            Ok(v) if v.is_finite() => {
                self.error(c, format!("{}: '{text}' is outside 0–100", what.name));
                None
            }
            _ => {
                self.error(c, format!("{}: '{text}' is not a number", what.name));
                None
            }
        }
    }
}

/// A yes/no word, case-insensitive; with `planned`, 计划/planned is no.
fn yes_no(text: &str, planned: bool) -> Option<bool> {
    let word = text.trim().to_lowercase();
    let word = word.as_str();
    if YES.contains(&word) {
        Some(true)
    } else if NO.contains(&word) || (planned && PLANNED.contains(&word)) {
        Some(false)
    } else {
        None
    }
}

/// A date as `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D` (month and day of one or two digits) or
/// `YYYY年M月D日`, optionally followed by a time `H:MM[:SS]`, which is ignored.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let date = match text.split_once(' ') {
        Some((date, time)) if is_time(time.trim()) => date,
        Some(_) => return None,
        None => text,
    };
    let parts: Vec<&str> = if let Some(rest) = date.strip_suffix('日') {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        vec![y, m, d]
    } else {
        let sep = ['-', '/', '.'].into_iter().find(|&s| date.contains(s))?;
        date.split(sep).collect()
    };
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, lens: std::ops::RangeInclusive<usize>| {
        (lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year = i32::try_from(digits(y, 4..=4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(m, 1..=2)?, digits(d, 1..=2)?)
}

/// `H:MM` or `H:MM:SS` (24-hour).
fn is_time(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    let num = |p: &str, max: u32| {
        (1..=2).contains(&p.len())
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|v| v <= max)
    };
    matches!(parts.len(), 2 | 3)
        && num(parts[0], 23)
        && parts[1..].iter().all(|p| p.len() == 2 && num(p, 59))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sheet from `|`-separated lines; the rows are on lines 2, 3, …
    fn sheet(headers: &str, rows: &[&str]) -> Sheet {
        let cells = |line: &str| line.split('|').map(String::from).collect();
        Sheet {
            file: "t.xlsx".into(),
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

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn messages(errors: Vec<RowError>) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    const NOT_A_DATE: &str =
        "is not a date (YYYY-MM-DD, YYYY/MM/DD, YYYY/M/D, YYYY.MM.DD or YYYY年M月D日)";

    #[test]
    fn date_forms() {
        let good: &[(&str, NaiveDate)] = &[
            ("2026-07-15", ymd(2026, 7, 15)),
            ("2026-7-5", ymd(2026, 7, 5)),
            ("2026/07/15", ymd(2026, 7, 15)),
            ("2026/7/5", ymd(2026, 7, 5)),
            ("2026.07.15", ymd(2026, 7, 15)),
            ("2026年7月15日", ymd(2026, 7, 15)),
            ("2026年07月05日", ymd(2026, 7, 5)),
            ("2026-07-15 00:00:00", ymd(2026, 7, 15)),
            ("2026-07-15 13:45:10", ymd(2026, 7, 15)),
            ("2026/7/15 9:30", ymd(2026, 7, 15)),
            (" 2024-02-29 ", ymd(2024, 2, 29)),
        ];
        for (text, want) in good {
            assert_eq!(parse_date(text), Some(*want), "{text}");
        }
        let bad = [
            "",
            "15/07/2026",
            "07/15/2026",
            "2026-13-01",
            "2025-02-29",
            "2026-07",
            "2026-07-15-01",
            "26-07-15",
            "2026-007-15",
            "2026/07-15",
            "2026-07-15 25:00:00",
            "2026-07-15 12:60",
            "2026-07-15 noon",
            "2026年7月15",
            "46218",
            "July 15, 2026",
            "２０２６-07-15",
        ];
        for text in bad {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn yes_no_words() {
        // (word, with planned, reading)
        let cases: &[(&str, bool, Option<bool>)] = &[
            ("是", false, Some(true)),
            ("在职", false, Some(true)),
            ("Y", false, Some(true)),
            ("yes", false, Some(true)),
            ("TRUE", false, Some(true)),
            ("1", false, Some(true)),
            ("Active", false, Some(true)),
            ("否", false, Some(false)),
            ("离职", false, Some(false)),
            ("n", false, Some(false)),
            ("No", false, Some(false)),
            ("false", false, Some(false)),
            ("0", false, Some(false)),
            ("inactive", false, Some(false)),
            ("left", false, Some(false)),
            ("planned", false, None),
            ("计划", false, None),
            ("planned", true, Some(false)),
            ("Planned", true, Some(false)),
            ("计划", true, Some(false)),
            ("是", true, Some(true)),
            ("maybe", true, None),
            ("2", false, None),
        ];
        for (text, planned, want) in cases {
            assert_eq!(yes_no(text, *planned), *want, "{text} planned={planned}");
        }
    }

    #[test]
    fn staff_headers_in_chinese_and_english() {
        let cases = [
            "工号|姓名|团队|联系方式|在职|角色|任职日期",
            "员工编号|名字|部门|电话|状态|岗位|角色起始",
            "编号|姓名|小组|邮箱|在职|角色|起始日期",
            "Employee ID|Name|Team|Contact|Active|Role|Role from",
            "employee no|FULL NAME|department|email|status|role|from",
            " staff_id |name|group|phone|Status|ROLE|From",
            "\u{feff}code|name|team|contact|active|role|from",
        ];
        for headers in cases {
            let s = sheet(
                headers,
                &["E001|张伟|服务台|zw@example.com|否|服务质量经理|2025/3/1"],
            );
            let want = StaffRow {
                line: 2,
                code: "E001".into(),
                name: "张伟".into(),
                team: "服务台".into(),
                contact: "zw@example.com".into(),
                active: false,
                role: Some("服务质量经理".into()),
                role_from: Some(ymd(2025, 3, 1)),
                role_column: 6,
            };
            assert_eq!(staff_rows(&s), Ok(vec![want]), "{headers}");
        }
    }

    #[test]
    fn staff_optional_columns_default_and_unknown_ignored() {
        let s = sheet(
            "备注|Name|工号",
            &["anything|李娜|E002", "|王芳|E003|extra", "|赵磊| E004 "],
        );
        let rows = staff_rows(&s).unwrap();
        assert_eq!(
            rows[0],
            StaffRow {
                line: 2,
                code: "E002".into(),
                name: "李娜".into(),
                team: String::new(),
                contact: String::new(),
                active: true,
                role: None,
                role_from: None,
                role_column: 0,
            }
        );
        assert_eq!(
            rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
            ["E002", "E003", "E004"]
        );
    }

    #[test]
    fn staff_role_empty_is_none_and_short_rows() {
        let s = sheet("工号|姓名|角色|在职", &["E001|张伟||", "E002|李娜"]);
        let rows = staff_rows(&s).unwrap();
        assert_eq!(
            rows.iter()
                .map(|r| (r.role.clone(), r.active))
                .collect::<Vec<_>>(),
            [(None, true), (None, true)]
        );
    }

    #[test]
    fn staff_errors_name_line_and_column() {
        let s = sheet(
            "工号|姓名|团队|在职|角色|任职日期",
            &[
                "E001|张伟|服务台|是|服务交付团队|2025-01-01", // line 2
                "E002||服务台|是||",                           // line 3
                "|李娜|服务台|maybe||2025-13-01",              // line 4
                "E001|王芳||1||1/2/2025",                      // line 5
                "e001|赵磊||||",                               // line 6
            ],
        );
        let want = [
            "t.xlsx:3:2: name: empty".to_string(),
            "t.xlsx:4:1: code: empty".into(),
            "t.xlsx:4:4: active: 'maybe' is not yes/no (是/否)".into(),
            format!("t.xlsx:4:6: role from: '2025-13-01' {NOT_A_DATE}"),
            "t.xlsx:5:1: code: 'E001' is already on line 2".into(),
            format!("t.xlsx:5:6: role from: '1/2/2025' {NOT_A_DATE}"),
            "t.xlsx:6:1: code: 'e001' is already on line 2".into(),
        ];
        assert_eq!(messages(staff_rows(&s).unwrap_err()), want);
    }

    #[test]
    fn missing_required_columns() {
        const CODE: &str = "t.xlsx:1:1: missing column 'code': no header is one of \
                            工号, 员工编号, 编号, employee id, employee no, staff id, code";
        const NAME: &str =
            "t.xlsx:1:1: missing column 'name': no header is one of 姓名, 名字, name, full name";
        const DATE: &str = "t.xlsx:1:1: missing column 'date': no header is one of \
                            日期, 培训日期, 场次日期, date, session date";
        let staff = |headers| messages(staff_rows(&sheet(headers, &[])).unwrap_err());
        let attendance = |headers| messages(attendance_rows(&sheet(headers, &[])).unwrap_err());
        assert_eq!(staff("姓名|团队"), [CODE]);
        assert_eq!(staff("team|employee|names"), [CODE, NAME]);
        assert_eq!(attendance("Course|Employee ID"), [DATE]);
        assert_eq!(attendance("Course|Session|Employee ID").len(), 1);
    }

    #[test]
    fn attendance_headers_in_chinese_and_english() {
        let cases = [
            "课程|日期|工号|讲师|地点|出勤|前测|后测",
            "课程编号|培训日期|员工编号|培训师|地点|是否出勤|培训前得分|培训后得分",
            "课程名称|场次日期|姓名|讲师|地点|出勤|前测成绩|后测成绩",
            "Course|Session date|Employee ID|Trainer|Place|Attended|Pre score|Post score",
            "course code|date|staff|trainer|location|attended|pre|post",
            "COURSE|DATE|NAME|TRAINER|PLACE|ATTENDED|Pre-assessment|Post-assessment",
        ];
        for headers in cases {
            let s = sheet(
                headers,
                &["ITSM-101|2026-07-15|E001|陈老师|3楼培训室|是|62.5|85"],
            );
            let want = AttendanceRow {
                line: 2,
                course: "ITSM-101".into(),
                date: ymd(2026, 7, 15),
                staff: "E001".into(),
                trainer: "陈老师".into(),
                place: "3楼培训室".into(),
                attended: true,
                pre: Some(62.5),
                post: Some(85.0),
                course_column: 1,
                staff_column: 3,
            };
            assert_eq!(attendance_rows(&s), Ok(vec![want]), "{headers}");
        }
    }

    #[test]
    fn attendance_staff_column_prefers_code_over_name() {
        let s = sheet("课程|日期|姓名|工号", &["ITSM-101|2026-07-15|张伟|E001"]);
        assert_eq!(attendance_rows(&s).unwrap()[0].staff, "E001");
        let s = sheet("课程|日期|姓名", &["ITSM-101|2026-07-15|张伟"]);
        assert_eq!(attendance_rows(&s).unwrap()[0].staff, "张伟");
    }

    #[test]
    fn number_cells() {
        let cases: &[(&str, Result<Option<f64>, &str>)] = &[
            ("", Ok(None)),
            ("0", Ok(Some(0.0))),
            ("100", Ok(Some(100.0))),
            ("85", Ok(Some(85.0))),
            ("72.5", Ok(Some(72.5))),
            (" 90 ", Ok(Some(90.0))),
            (
                "100.5",
                Err("t.xlsx:2:4: pre score: '100.5' is outside 0–100"),
            ),
            ("-1", Err("t.xlsx:2:4: pre score: '-1' is outside 0–100")),
            ("abc", Err("t.xlsx:2:4: pre score: 'abc' is not a number")),
            ("85%", Err("t.xlsx:2:4: pre score: '85%' is not a number")),
            ("NaN", Err("t.xlsx:2:4: pre score: 'NaN' is not a number")),
            ("inf", Err("t.xlsx:2:4: pre score: 'inf' is not a number")),
        ];
        for (text, want) in cases {
            let s = sheet(
                "course|date|staff|pre",
                &[&format!("ITSM-101|2026-07-15|E001|{text}")],
            );
            let got = attendance_rows(&s)
                .map(|rows| rows[0].pre)
                .map_err(|e| messages(e).join("\n"));
            assert_eq!(got, want.map_err(String::from), "{text}");
        }
    }

    #[test]
    fn attendance_errors_name_line_and_column() {
        let s = sheet(
            "Course|Session date|Employee ID|Attended|Pre score|Post score",
            &[
                "ITSM-101|2026-07-15|E001|yes|60|80", // line 2
                "|2026-07-15|E002|||",                // line 3
                "ITSM-101|||sometimes||101",          // line 4
                "ITSM-101|2026/7/15|E001|||",         // line 5
                "COMM-201|15.07.2026|E001|planned||", // line 6
                "PSM-301|2026-12-10|E003|计划||",     // line 7
                "itsm-101|2026年7月15日|e001|||",     // line 8
            ],
        );
        let want = [
            "t.xlsx:3:1: course: empty".to_string(),
            "t.xlsx:4:2: date: empty".into(),
            "t.xlsx:4:3: staff: empty".into(),
            "t.xlsx:4:4: attended: 'sometimes' is not yes/no (是/否) or planned (计划)".into(),
            "t.xlsx:4:6: post score: '101' is outside 0–100".into(),
            "t.xlsx:5:3: staff: 'E001' is already listed for ITSM-101 on 2026-07-15 on line 2"
                .into(),
            format!("t.xlsx:6:2: date: '15.07.2026' {NOT_A_DATE}"),
            "t.xlsx:8:3: staff: 'e001' is already listed for itsm-101 on 2026-07-15 on line 2"
                .into(),
        ];
        assert_eq!(messages(attendance_rows(&s).unwrap_err()), want);
    }

    #[test]
    fn attendance_planned_and_defaults() {
        let s = sheet(
            "课程|日期|工号|出勤",
            &[
                "PSM-301|2026年12月10日|E003|计划",
                "PSM-301|2026-12-10 00:00:00|E004|",
                "PSM-301|2026-12-10|E005|否",
            ],
        );
        let rows = attendance_rows(&s).unwrap();
        assert_eq!(
            rows.iter()
                .map(|r| (r.attended, r.date))
                .collect::<Vec<_>>(),
            [
                (false, ymd(2026, 12, 10)),
                (true, ymd(2026, 12, 10)),
                (false, ymd(2026, 12, 10))
            ]
        );
        assert_eq!((rows[0].trainer.as_str(), rows[0].pre), ("", None));
    }

    #[test]
    fn no_rows_is_ok_and_empty() {
        assert_eq!(staff_rows(&sheet("工号|姓名", &[])), Ok(vec![]));
        assert_eq!(attendance_rows(&sheet("课程|日期|工号", &[])), Ok(vec![]));
    }
}

//! `read_sheet` + `staff_rows` / `attendance_rows` on real files: the XLSX and CSV fixtures in
//! `tests/fixtures/people` (made by `make_fixtures.py` there) and CSV files written here in
//! each encoding.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate};
use sqm_core::import::people_rows::{attendance_rows, staff_rows, AttendanceRow, StaffRow};
use sqm_core::import::sheet::{read_sheet, Sheet, SheetError, SheetRow};

/// A fixture under `tests/fixtures/people`.
fn fixture(name: &str) -> PathBuf {
    crate::support::fixture(&format!("people/{name}"))
}

fn read(path: &Path) -> Sheet {
    read_sheet(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A file named `name` with `bytes`, in a directory of its own for this test.
fn scratch_file(test: &str, name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sheet-scratch-{}-{test}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn row(line: u64, cells: &[&str]) -> SheetRow {
    SheetRow {
        line,
        cells: cells.iter().map(|c| c.to_string()).collect(),
    }
}

// ---------------------------------------------------------------------------------------
// The XLSX fixtures
// ---------------------------------------------------------------------------------------

#[test]
fn staff_50_xlsx() {
    let sheet = read(&fixture("staff-50.xlsx"));
    assert_eq!(sheet.file, "staff-50.xlsx");
    assert_eq!(
        sheet.headers,
        [
            "工号",
            "姓名",
            "团队",
            "联系方式",
            "在职",
            "角色",
            "任职日期"
        ]
    );
    // Excel date cells read as text dates; an all-digit phone number stays text.
    assert_eq!(
        sheet.rows[2],
        row(
            4,
            &[
                "E003",
                "梁娜",
                "网络与基础设施",
                "13800000003",
                "是",
                "服务交付团队",
                "2019-09-13"
            ]
        )
    );

    let rows = staff_rows(&sheet).unwrap();
    assert_eq!(rows.len(), 50);
    assert_eq!(
        rows[0],
        StaffRow {
            line: 2,
            code: "E001".into(),
            name: "赵伟".into(),
            team: "服务台".into(),
            contact: "e001@example.com".into(),
            active: true,
            role: Some("服务质量经理".into()),
            role_from: Some(ymd(2019, 3, 31)),
            role_column: 6,
        }
    );
    assert_eq!(rows[49].name, "郑国庆");
    let teams = ["服务台", "桌面支持", "网络与基础设施", "应用支持"];
    for (i, r) in rows.iter().enumerate() {
        let n = i as i64 + 1;
        assert_eq!(r.line, n as u64 + 1);
        assert_eq!(r.code, format!("E{n:03}"));
        assert_eq!(r.team, teams[i % 4]);
        // As make_fixtures.py: 2019-01-07 + (n × 83) mod 2190 days.
        assert_eq!(
            r.role_from,
            Some(ymd(2019, 1, 7) + Duration::days(n * 83 % 2190)),
            "{}",
            r.code
        );
    }
    let count = |role: &str| {
        rows.iter()
            .filter(|r| r.role.as_deref() == Some(role))
            .count()
    };
    assert_eq!(
        (
            count("服务质量经理"),
            count("服务交付团队"),
            count("服务支持团队")
        ),
        (1, 20, 29)
    );
    let inactive: Vec<&str> = rows
        .iter()
        .filter(|r| !r.active)
        .map(|r| r.code.as_str())
        .collect();
    assert_eq!(inactive, ["E017", "E042"]);
}

/// Pre and post scores of attendance row i, as `scores` in make_fixtures.py.
fn scores(i: usize) -> (Option<f64>, Option<f64>) {
    let mut pre = 45.0 + ((i * 13) % 40) as f64;
    let mut post = (pre + 3.0 + ((i * 11) % 19) as f64).min(100.0);
    if i % 9 == 4 {
        pre += 0.5;
    }
    if i % 11 == 7 {
        post -= 0.5;
    }
    ((i % 17 != 5).then_some(pre), (i % 23 != 12).then_some(post))
}

#[test]
fn attendance_xlsx() {
    let sheet = read(&fixture("attendance.xlsx"));
    assert_eq!(
        sheet.headers,
        [
            "Course",
            "Session date",
            "Employee ID",
            "Trainer",
            "Place",
            "Attended",
            "Pre score",
            "Post score"
        ]
    );
    assert_eq!(
        sheet.rows[4],
        row(
            6,
            &[
                "ITSM-101",
                "2026-07-15",
                "E005",
                "陈静",
                "总部 3 楼培训室",
                "Yes",
                "57.5",
                "66"
            ]
        )
    );
    let rows = attendance_rows(&sheet).unwrap();
    assert_eq!(rows.len(), 62);
    assert_eq!(
        rows[0],
        AttendanceRow {
            line: 2,
            course: "ITSM-101".into(),
            date: ymd(2026, 7, 15),
            staff: "E001".into(),
            trainer: "陈静".into(),
            place: "总部 3 楼培训室".into(),
            attended: true,
            pre: Some(45.0),
            post: Some(48.0),
            course_column: 1,
            staff_column: 3,
        }
    );
    let sessions = [
        ("ITSM-101", ymd(2026, 7, 15), 1),
        ("COMM-201", ymd(2026, 8, 20), 16),
        ("PSM-301", ymd(2026, 9, 10), 31),
    ];
    for (i, r) in rows[..60].iter().enumerate() {
        let (course, date, first) = sessions[i / 20];
        assert_eq!(
            (
                r.line,
                r.course.as_str(),
                r.date,
                r.staff.clone(),
                r.attended
            ),
            (
                i as u64 + 2,
                course,
                date,
                format!("E{:03}", first + i % 20),
                true
            )
        );
        assert_eq!((r.pre, r.post), scores(i), "line {}", r.line);
    }
    for (r, staff) in rows[60..].iter().zip(["E001", "E002"]) {
        assert_eq!(
            (
                r.course.as_str(),
                r.date,
                r.staff.as_str(),
                r.attended,
                r.pre,
                r.post
            ),
            ("PSM-301", ymd(2026, 12, 10), staff, false, None, None)
        );
    }
    assert_eq!(rows.iter().filter(|r| r.pre.is_none()).count(), 6); // 4 empty + 2 planned
    assert_eq!(rows.iter().filter(|r| r.post.is_none()).count(), 5); // 3 empty + 2 planned
    assert_eq!(
        rows.iter()
            .filter(|r| r.pre.is_some_and(|p| p.fract() != 0.0))
            .count(),
        6
    );
}

#[test]
fn staff_bad_xlsx_reports_every_error() {
    let sheet = read(&fixture("staff-bad.xlsx"));
    assert_eq!(sheet.rows.len(), 8);
    let errors: Vec<String> = staff_rows(&sheet)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errors,
        [
            "staff-bad.xlsx:3:2: name: empty",
            "staff-bad.xlsx:4:5: active: 'maybe' is not yes/no (是/否)",
            "staff-bad.xlsx:5:7: role from: '2025/13/01' is not a date (YYYY-MM-DD, YYYY/MM/DD, YYYY/M/D, YYYY.MM.DD or YYYY年M月D日)",
            "staff-bad.xlsx:6:1: code: 'E002' is already on line 3",
        ]
    );
}

#[test]
fn cell_error_names_the_cell() {
    match read_sheet(&fixture("staff-na.xlsx")) {
        Err(SheetError::Cell(e)) => assert_eq!(e.to_string(), "staff-na.xlsx:3:5: cell error #N/A"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn workbook_extension_is_case_insensitive() {
    let bytes = fs::read(fixture("staff-50.xlsx")).unwrap();
    let path = scratch_file("upper", "STAFF.XLSX", &bytes);
    assert_eq!(staff_rows(&read(&path)).unwrap().len(), 50);
}

#[test]
fn unreadable_and_missing_files() {
    let path = scratch_file("bad", "staff.xlsx", b"code,name\nE001,x\n");
    match read_sheet(&path) {
        Err(SheetError::Unreadable(m)) => {
            assert!(m.starts_with("staff.xlsx: not an Excel workbook: "), "{m}")
        }
        other => panic!("{other:?}"),
    }
    let path = scratch_file("bad", "staff.ods", b"not a zip");
    match read_sheet(&path) {
        Err(SheetError::Unreadable(m)) => {
            assert!(
                m.starts_with("staff.ods: not an OpenDocument spreadsheet: "),
                "{m}"
            )
        }
        other => panic!("{other:?}"),
    }
    for name in ["missing.xlsx", "missing.csv"] {
        let path = std::env::temp_dir()
            .join("sheet-scratch-nowhere")
            .join(name);
        assert!(
            matches!(read_sheet(&path), Err(SheetError::Io { .. })),
            "{name}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------

#[test]
fn staff_csv_utf8_bom() {
    let sheet = read(&fixture("staff.csv"));
    assert_eq!(
        sheet.headers,
        ["code", "name", "team", "contact", "active", "role", "from"]
    );
    let rows = staff_rows(&sheet).unwrap();
    let s = |line,
             code: &str,
             name: &str,
             team: &str,
             contact: &str,
             active,
             role: Option<&str>,
             from| StaffRow {
        line,
        code: code.into(),
        name: name.into(),
        team: team.into(),
        contact: contact.into(),
        active,
        role: role.map(String::from),
        role_from: from,
        role_column: 6,
    };
    assert_eq!(
        rows,
        [
            s(
                2,
                "E001",
                "张伟",
                "服务台",
                "zhangwei@example.com",
                true,
                Some("服务质量经理"),
                Some(ymd(2024, 1, 15))
            ),
            s(
                3,
                "E002",
                "李娜",
                "桌面支持",
                "13800000002",
                true,
                Some("服务交付团队"),
                Some(ymd(2024, 3, 1))
            ),
            s(
                4,
                "E003",
                "王芳",
                "网络与基础设施",
                "",
                true,
                Some("服务支持团队"),
                Some(ymd(2024, 6, 30))
            ),
            s(
                5,
                "E004",
                "刘洋",
                "应用支持",
                "liuyang@example.com",
                false,
                None,
                None
            ),
            s(
                6,
                "E005",
                "陈静",
                "服务台",
                "chenjing@example.com, 13800000005",
                true,
                Some("服务支持团队"),
                Some(ymd(2025, 1, 2))
            ),
        ]
    );
}

#[test]
fn attendance_csv_gb18030() {
    let bytes = fs::read(fixture("attendance-gb18030.csv")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must not be UTF-8"
    );
    let rows = attendance_rows(&read(&fixture("attendance-gb18030.csv"))).unwrap();
    let a =
        |line, course: &str, date, staff: &str, trainer: &str, place: &str, attended, pre, post| {
            AttendanceRow {
                line,
                course: course.into(),
                date,
                staff: staff.into(),
                trainer: trainer.into(),
                place: place.into(),
                attended,
                pre,
                post,
                course_column: 1,
                staff_column: 3,
            }
        };
    assert_eq!(
        rows,
        [
            a(
                2,
                "ITSM-101",
                ymd(2026, 7, 15),
                "E001",
                "陈静",
                "总部3楼培训室",
                true,
                Some(60.0),
                Some(85.0)
            ),
            a(
                3,
                "ITSM-101",
                ymd(2026, 7, 15),
                "E002",
                "陈静",
                "总部3楼培训室",
                true,
                Some(72.5),
                None
            ),
            a(
                4,
                "COMM-201",
                ymd(2026, 8, 20),
                "E003",
                "刘洋",
                "线上",
                false,
                None,
                None
            ),
            a(
                5,
                "PSM-301",
                ymd(2026, 12, 10),
                "E004",
                "周敏",
                "总部5楼会议室",
                false,
                None,
                None
            ),
        ]
    );
}

const STAFF_TEXT: &str = "工号,姓名,在职\nE001,张伟,是\nE002,李娜,否\n";

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn csv_encodings() {
    let gb = encoding_rs::GB18030.encode(STAFF_TEXT).0.into_owned();
    let cases: [(&str, Vec<u8>); 5] = [
        ("utf8", STAFF_TEXT.as_bytes().to_vec()),
        (
            "utf8-bom",
            [b"\xEF\xBB\xBF".as_slice(), STAFF_TEXT.as_bytes()].concat(),
        ),
        ("utf16le", utf16(STAFF_TEXT, true)),
        ("utf16be", utf16(STAFF_TEXT, false)),
        ("gb18030", gb),
    ];
    for (name, bytes) in cases {
        let sheet = read(&scratch_file("enc", &format!("{name}.csv"), &bytes));
        assert_eq!(sheet.headers, ["工号", "姓名", "在职"], "{name}");
        assert_eq!(
            sheet.rows,
            [
                row(2, &["E001", "张伟", "是"]),
                row(3, &["E002", "李娜", "否"])
            ],
            "{name}"
        );
    }
}

#[test]
fn csv_lines_count_blank_and_quoted_lines() {
    let text = "\n code , name \n\nE001,\"张\n伟\"\n,,\nE002,李娜,extra\r\nE003\n";
    let sheet = read(&scratch_file("lines", "s.txt", text.as_bytes()));
    // The same with Windows line ends (as Excel saves CSV), but for the quoted line break.
    let crlf = text
        .replace("\r\n", "\n")
        .replace('\n', "\r\n")
        .replace("张\r\n伟", "张\n伟");
    assert_eq!(
        read(&scratch_file("lines", "s.txt", crlf.as_bytes())),
        sheet
    );
    assert_eq!(sheet.file, "s.txt");
    assert_eq!(sheet.headers, ["code", "name"]);
    assert_eq!(
        sheet.rows,
        [
            row(4, &["E001", "张\n伟"]),
            row(7, &["E002", "李娜", "extra"]),
            row(8, &["E003"]),
        ]
    );
    // A short row is a row with empty cells after it.
    let errors: Vec<String> = staff_rows(&sheet)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors, ["s.txt:8:2: name: empty"]);
}

#[test]
fn csv_without_header_is_empty() {
    for (name, text) in [("empty.csv", ""), ("blank.csv", "\n\n,,\n \n")] {
        match read_sheet(&scratch_file("empty", name, text.as_bytes())) {
            Err(SheetError::Empty(m)) => assert_eq!(m, format!("{name}: no header row")),
            other => panic!("{name}: {other:?}"),
        }
    }
}

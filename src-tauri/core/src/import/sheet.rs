//! A tabular file read into text cells: a worksheet (`.xlsx`, `.xlsm`, `.xls`, `.ods`, through
//! calamine) or a CSV file (UTF-8 with or without BOM, UTF-16 by BOM, GB18030 otherwise).
//!
//! Every cell becomes text the way a person reads it in Excel: numbers without a trailing
//! ".0", dates as `YYYY-MM-DD` (with ` HH:MM:SS` when the time is not midnight), booleans as
//! `true`/`false`. Fully empty rows are skipped but the rows keep their true line numbers, so
//! messages point at the line (CSV) or row (worksheet) a person sees.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Ods, Range, Reader, Sheets, Xls, Xlsx};

use crate::import::RowError;

/// A file read into text cells. The header is the first non-empty row.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The file name only, for messages.
    pub file: String,
    /// Trimmed, BOM stripped. In a worksheet, one entry per column from column A.
    pub headers: Vec<String>,
    /// The non-empty rows after the header, in file order.
    pub rows: Vec<SheetRow>,
}

/// One non-empty row after the header.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    /// 1-based line in the CSV file, or 1-based row number in the worksheet (the header is
    /// line 1 when it is the first line).
    pub line: u64,
    /// One entry per column (from column A in a worksheet); may be shorter or longer than
    /// the headers.
    pub cells: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    /// The file cannot be read as what its name says, e.g. "staff.xlsx: not an Excel workbook: …".
    #[error("{0}")]
    Unreadable(String),
    /// No header row, e.g. "staff.csv: no header row".
    #[error("{0}")]
    Empty(String),
    /// A cell holding an Excel error such as `#N/A`: "staff.xlsx:7:4: cell error #N/A".
    #[error("{0}")]
    Cell(RowError),
}

/// Reads `path` by its extension (case-insensitive): `.xlsx`, `.xlsm`, `.xls` and `.ods` as a
/// workbook (its first worksheet), anything else as CSV.
pub fn read_sheet(path: &Path) -> Result<Sheet, SheetError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(path, &ext),
        _ => read_csv(path),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn io_error(path: &Path, source: io::Error) -> SheetError {
    SheetError::Io {
        path: path.to_path_buf(),
        source,
    }
}

// ---------------------------------------------------------------------------------------
// Workbooks
// ---------------------------------------------------------------------------------------

fn read_workbook(path: &Path, ext: &str) -> Result<Sheet, SheetError> {
    let file = file_name(path);
    // Fail on a missing or unreadable file with the I/O error, not calamine's wording.
    File::open(path).map_err(|e| io_error(path, e))?;
    let unreadable = |what: &str, e: &dyn std::fmt::Display| {
        SheetError::Unreadable(format!("{file}: not {what}: {e}"))
    };
    // By the lower-cased extension (calamine's `open_workbook_auto` matches it case-sensitively).
    let mut book: Sheets<BufReader<File>> = match ext {
        "ods" => Sheets::Ods(
            open_workbook::<Ods<_>, _>(path)
                .map_err(|e| unreadable("an OpenDocument spreadsheet", &e))?,
        ),
        "xls" => Sheets::Xls(
            open_workbook::<Xls<_>, _>(path).map_err(|e| unreadable("an Excel workbook", &e))?,
        ),
        _ => Sheets::Xlsx(
            open_workbook::<Xlsx<_>, _>(path).map_err(|e| unreadable("an Excel workbook", &e))?,
        ),
    };
    let range = match book.worksheet_range_at(0) {
        Some(r) => r.map_err(|e| {
            SheetError::Unreadable(format!("{file}: cannot read the first worksheet: {e}"))
        })?,
        None => return Err(SheetError::Empty(format!("{file}: no worksheet"))),
    };
    sheet_of_range(file, &range)
}

/// The cells of a worksheet range as text, keeping worksheet row numbers and columns from A.
fn sheet_of_range(file: String, range: &Range<Data>) -> Result<Sheet, SheetError> {
    let Some((first_row, first_col)) = range.start() else {
        return Err(SheetError::Empty(format!("{file}: no header row")));
    };
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let line = u64::from(first_row) + i as u64 + 1;
        // Columns before the range's first are empty: pad so that cells[0] is column A.
        let mut cells = vec![String::new(); first_col as usize];
        cells.reserve(row.len());
        for (j, data) in row.iter().enumerate() {
            let column = first_col + j as u32 + 1;
            let text = cell_text(data).map_err(|e| {
                SheetError::Cell(RowError {
                    file: file.clone(),
                    line,
                    column,
                    reason: format!("cell error {e}"),
                })
            })?;
            cells.push(text);
        }
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if header.is_none() {
            header = Some(header_cells(cells));
        } else {
            rows.push(SheetRow { line, cells });
        }
    }
    let headers = header.ok_or_else(|| SheetError::Empty(format!("{file}: no header row")))?;
    Ok(Sheet {
        file,
        headers,
        rows,
    })
}

/// A worksheet cell as text; `Err` holds an Excel error such as `#N/A`.
fn cell_text(data: &Data) -> Result<String, String> {
    Ok(match data {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_duration() => duration_text(dt.as_f64()),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _ms) = dt.to_ymd_hms_milli();
            date_time_text(y, mo, d, h, mi, s)
        }
        Data::DateTimeIso(s) => iso_text(s.trim()),
        Data::DurationIso(s) => s.trim().to_string(),
        Data::Error(e) => return Err(e.to_string()),
    })
}

/// A number as Excel shows it in General format: at most 15 significant digits, no ".0".
fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    // Round to 15 significant digits so 0.1 + 0.2 reads "0.3", as in Excel.
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if rounded == 0.0 {
        return "0".to_string();
    }
    // `Display` for f64 prints 85.0 as "85" and 4.5 as "4.5", never in exponent form.
    rounded.to_string()
}

fn date_time_text(y: u16, mo: u8, d: u8, h: u8, mi: u8, s: u8) -> String {
    if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    }
}

/// An Excel duration (days as a fraction) as `H:MM:SS`.
fn duration_text(days: f64) -> String {
    let secs = (days * 86_400.0).round() as i64;
    let sign = if secs < 0 { "-" } else { "" };
    let secs = secs.abs();
    format!(
        "{sign}{}:{:02}:{:02}",
        secs / 3_600,
        secs / 60 % 60,
        secs % 60
    )
}

/// An ISO 8601 date or date-time (OpenDocument) as `YYYY-MM-DD[ HH:MM:SS]`: the `T` becomes a
/// space, fractions of a second and a midnight time are dropped. Anything else is kept as is.
fn iso_text(s: &str) -> String {
    let Some((date, time)) = s.split_once('T') else {
        return s.to_string();
    };
    let time = time.split(['.', '+', 'Z']).next().unwrap_or(time);
    if time.is_empty() || time == "00:00:00" || time == "00:00" {
        date.to_string()
    } else {
        format!("{date} {time}")
    }
}

fn header_cells(cells: Vec<String>) -> Vec<String> {
    cells
        .into_iter()
        .map(|c| c.trim_start_matches('\u{feff}').trim().to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------

/// The file's text encoding: UTF-8 (with or without BOM) or UTF-16 by BOM (`None`: the
/// decoder follows the BOM); otherwise, when the first 64 KiB are not valid UTF-8, GB18030
/// (what Excel on Chinese Windows saves CSV as).
fn csv_encoding(path: &Path) -> Result<Option<&'static encoding_rs::Encoding>, SheetError> {
    let mut head = Vec::with_capacity(1 << 16);
    File::open(path)
        .and_then(|f| f.take(1 << 16).read_to_end(&mut head))
        .map_err(|e| io_error(path, e))?;
    if encoding_rs::Encoding::for_bom(&head).is_some() {
        return Ok(None);
    }
    // A multi-byte character cut at the 64 KiB boundary is still UTF-8.
    let valid = match std::str::from_utf8(&head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    Ok(if valid {
        None
    } else {
        Some(encoding_rs::GB18030)
    })
}

fn read_csv(path: &Path) -> Result<Sheet, SheetError> {
    let file = file_name(path);
    let encoding = csv_encoding(path)?;
    let f = File::open(path).map_err(|e| io_error(path, e))?;
    // Staff and attendance lists are small: read the text whole, to number lines from it.
    let mut text = Vec::new();
    encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(encoding)
        .bom_sniffing(true)
        .build(f)
        .read_to_end(&mut text)
        .map_err(|e| io_error(path, e))?;
    let lines = LineStarts::new(&text);
    let head = &text[..text.len().min(1 << 14)];
    let delimiter = super::sniff_delimiter(&String::from_utf8_lossy(head));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_slice());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(path, &file, &lines, e)),
        }
        let line = record.position().map_or(0, |p| lines.line_of(p.byte()));
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if header.is_none() {
            header = Some(header_cells(cells));
        } else {
            rows.push(SheetRow { line, cells });
        }
    }
    let headers = header.ok_or_else(|| SheetError::Empty(format!("{file}: no header row")))?;
    Ok(Sheet {
        file,
        headers,
        rows,
    })
}

/// Line numbers of decoded CSV text. `csv::Position::line()` cannot serve: a record's position
/// is where the reader stopped after the previous record, before blank lines, and it counts
/// a CRLF line end only when the next record is read, so it falls behind the true line.
struct LineStarts<'a> {
    text: &'a [u8],
    /// The byte offset where each line starts; a line ends at LF, CRLF or a lone CR.
    starts: Vec<u64>,
}

impl<'a> LineStarts<'a> {
    fn new(text: &'a [u8]) -> Self {
        let mut starts = vec![0];
        for (i, &b) in text.iter().enumerate() {
            let ends = b == b'\n' || (b == b'\r' && text.get(i + 1) != Some(&b'\n'));
            if ends {
                starts.push(i as u64 + 1);
            }
        }
        LineStarts { text, starts }
    }

    /// The 1-based line of the record the reader started at `byte`: blank lines and the rest
    /// of the previous line end are skipped first, as the reader skips them.
    fn line_of(&self, byte: u64) -> u64 {
        let skipped = usize::try_from(byte)
            .ok()
            .and_then(|b| self.text.get(b..))
            .map_or(0, |rest| {
                rest.iter()
                    .take_while(|&&c| c == b'\r' || c == b'\n')
                    .count()
            });
        let start = byte + skipped as u64;
        self.starts.partition_point(|&s| s <= start) as u64
    }
}

fn csv_error(path: &Path, file: &str, lines: &LineStarts<'_>, e: csv::Error) -> SheetError {
    if e.is_io_error() {
        if let csv::ErrorKind::Io(source) = e.into_kind() {
            return io_error(path, source);
        }
        return SheetError::Unreadable(format!("{file}: cannot read the file"));
    }
    match e.position() {
        Some(pos) => SheetError::Unreadable(format!(
            "{file}:{}: not CSV text: {e}",
            lines.line_of(pos.byte())
        )),
        None => SheetError::Unreadable(format!("{file}: not CSV text: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    fn date(serial: f64) -> Data {
        Data::DateTime(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        ))
    }

    #[test]
    fn cells_as_text() {
        let cases: &[(Data, &str)] = &[
            (Data::Empty, ""),
            (Data::String("  张三 ".into()), "张三"),
            (Data::Int(42), "42"),
            (Data::Float(85.0), "85"),
            (Data::Float(4.5), "4.5"),
            (Data::Float(-3.0), "-3"),
            (Data::Float(0.1 + 0.2), "0.3"),
            (Data::Float(-0.0), "0"),
            (Data::Float(1e15), "1000000000000000"),
            (Data::Float(12_345_678.25), "12345678.25"),
            (Data::Bool(true), "true"),
            (Data::Bool(false), "false"),
            // 46218 = 2026-07-15; .5 = noon.
            (date(46_218.0), "2026-07-15"),
            (date(46_218.5), "2026-07-15 12:00:00"),
            (date(46_218.0 + 1.0 / 86_400.0), "2026-07-15 00:00:01"),
            (
                Data::DateTime(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false)),
                "36:00:00",
            ),
            (Data::DateTimeIso("2026-07-15".into()), "2026-07-15"),
            (
                Data::DateTimeIso("2026-07-15T00:00:00".into()),
                "2026-07-15",
            ),
            (
                Data::DateTimeIso("2026-07-15T09:30:00.000".into()),
                "2026-07-15 09:30:00",
            ),
            (Data::DurationIso("PT1H".into()), "PT1H"),
        ];
        for (data, want) in cases {
            assert_eq!(cell_text(data).as_deref(), Ok(*want), "{data:?}");
        }
        assert_eq!(
            cell_text(&Data::Error(CellErrorType::NA)),
            Err("#N/A".to_string())
        );
    }

    #[test]
    fn csv_record_lines() {
        // Each text and the true line of each record in it, as the csv reader returns them.
        let cases: &[(&str, &[u64])] = &[
            ("a\nb\nc\n", &[1, 2, 3]),
            ("a\nb\nc", &[1, 2, 3]),
            ("\na\nb\n", &[2, 3]),
            ("a\n\n\nb\n", &[1, 4]),
            ("a\r\nb\r\nc\r\n", &[1, 2, 3]),
            ("a\r\n\r\nb\r\n", &[1, 3]),
            ("a\rb\rc", &[1, 2, 3]),
            ("a\n\"x\ny\"\nb\n", &[1, 2, 4]),
            ("a\r\n\"x\r\ny\"\r\n\r\nb", &[1, 2, 5]),
            ("a\n,,\nb\n", &[1, 2, 3]),
        ];
        for (text, want) in cases {
            let lines = LineStarts::new(text.as_bytes());
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let got: Vec<u64> = reader
                .records()
                .map(|r| lines.line_of(r.unwrap().position().unwrap().byte()))
                .collect();
            assert_eq!(got, *want, "{text:?}");
        }
    }

    #[test]
    fn range_keeps_row_numbers_and_columns_from_a() {
        // Header in B3, an empty row 4, data in row 5; range starts at (2, 1).
        let mut range = Range::new((2, 1), (4, 2));
        range.set_value((2, 1), Data::String("\u{feff} 工号 ".into()));
        range.set_value((2, 2), Data::String("姓名".into()));
        range.set_value((4, 1), Data::String("E001".into()));
        range.set_value((4, 2), Data::String("张伟".into()));
        let sheet = sheet_of_range("s.xlsx".into(), &range).unwrap();
        assert_eq!(sheet.headers, ["", "工号", "姓名"]);
        assert_eq!(
            sheet.rows,
            [SheetRow {
                line: 5,
                cells: vec!["".into(), "E001".into(), "张伟".into()],
            }]
        );

        range.set_value((4, 2), Data::Error(CellErrorType::NA));
        match sheet_of_range("s.xlsx".into(), &range) {
            Err(SheetError::Cell(e)) => assert_eq!(e.to_string(), "s.xlsx:5:3: cell error #N/A"),
            other => panic!("{other:?}"),
        }

        let empty: Range<Data> = Range::new((0, 0), (1, 1));
        match sheet_of_range("e.xlsx".into(), &empty) {
            Err(SheetError::Empty(m)) => assert_eq!(m, "e.xlsx: no header row"),
            other => panic!("{other:?}"),
        }
    }
}

//! Exports of what a screen shows, for slides and spreadsheets: any table as CSV or XLSX, any
//! chart as SVG or PNG. The UI reads a table off the screen into [`TableData`]; the charts are the
//! SVG text the core drew (`charts::trend_svg`, `charts::bars_svg`). Like every output here, the
//! functions return bytes and the faces write them (`atomic::write`).
//!
//! PNG text is drawn with the bundled font only ([`crate::fonts`]), never the system's, so Chinese
//! labels render on any machine and the picture matches the screen and the PDF.

use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use ts_rs::TS;

/// A table as shown on a screen: a title (the sheet's name), column headings and rows of cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TableData {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<TableCell>>,
}

/// One cell: text, a number, or nothing (a figure shown as `—`, not measured).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TableCell {
    Text {
        value: String,
    },
    /// `value` as shown: a percent cell of 96.1 means 96.1% (written to XLSX as 0.961).
    Number {
        value: f64,
        #[serde(default)]
        #[ts(optional)]
        format: Option<NumberFormat>,
        /// Decimal places as shown (`12,000.00` → 2); by default 0 for a count, 1 for a
        /// percentage, and as many as the value needs for a decimal.
        #[serde(default)]
        #[ts(optional)]
        decimals: Option<u8>,
    },
    Empty,
}

/// How a number reads: a count (`1,234`), a decimal (`12.5`, `12,000.00`) or a percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NumberFormat {
    Integer,
    Decimal,
    Percent,
}

/// The table file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// The format a file name asks for: `.csv` or `.xlsx` (any case); anything else is `invalid`.
    pub fn of_path(path: &Path) -> Result<Format> {
        match lower_ext(path).as_deref() {
            Some("csv") => Ok(Format::Csv),
            Some("xlsx") => Ok(Format::Xlsx),
            _ => Err(Error::Invalid(format!(
                "{}: a table exports to .csv or .xlsx",
                path.display()
            ))),
        }
    }
}

/// The chart file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    Svg,
    Png,
}

impl ChartFormat {
    /// `.svg` or `.png` (any case); anything else is `invalid`.
    pub fn of_path(path: &Path) -> Result<ChartFormat> {
        match lower_ext(path).as_deref() {
            Some("svg") => Ok(ChartFormat::Svg),
            Some("png") => Ok(ChartFormat::Png),
            _ => Err(Error::Invalid(format!(
                "{}: a chart exports to .svg or .png",
                path.display()
            ))),
        }
    }
}

fn lower_ext(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// PNG exports are drawn at twice the chart's size: sharp on a projector and on a HiDPI screen.
pub const PNG_SCALE: f32 = 2.0;

/// The bytes of `table` as the file at `path` asks (CSV or XLSX by extension).
pub fn table_file(path: &Path, table: &TableData) -> Result<Vec<u8>> {
    table_bytes(table, Format::of_path(path)?)
}

/// The bytes of a chart as the file at `path` asks: the SVG text itself, or a PNG at
/// [`PNG_SCALE`].
pub fn chart_file(path: &Path, svg: &str) -> Result<Vec<u8>> {
    match ChartFormat::of_path(path)? {
        ChartFormat::Svg => {
            // Refuse what would not open as a picture, as the PNG path does.
            parse_svg(svg)?;
            Ok(svg.as_bytes().to_vec())
        }
        ChartFormat::Png => chart_png(svg, PNG_SCALE),
    }
}

pub fn table_bytes(table: &TableData, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Csv => table_csv(table),
        Format::Xlsx => table_xlsx(table),
    }
}

// ---- CSV ----------------------------------------------------------------------------------

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// UTF-8 with a byte-order mark (without it Excel on a Chinese Windows reads the file as GBK and
/// shows mojibake), CRLF line ends, the header first. Numbers are written plainly (no thousands
/// separators) with the decimals shown; a percentage keeps its `%` (`96.1%`), which Excel and
/// LibreOffice read as the number 0.961 formatted as a percentage.
fn table_csv(table: &TableData) -> Result<Vec<u8>> {
    let err = |e: csv::Error| Error::Report(format!("csv: {e}"));
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(UTF8_BOM.to_vec());
    w.write_record(&table.columns).map_err(err)?;
    for row in &table.rows {
        w.write_record(row.iter().map(csv_field)).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| Error::Report(format!("csv: {}", e.error())))
}

fn csv_field(cell: &TableCell) -> String {
    match cell {
        TableCell::Text { value } => value.clone(),
        TableCell::Empty => String::new(),
        TableCell::Number {
            value,
            format,
            decimals,
        } => {
            if !value.is_finite() {
                return String::new();
            }
            let d = usize::from(decimals_of(*value, *format, *decimals));
            match format {
                Some(NumberFormat::Percent) => format!("{value:.d$}%"),
                _ => format!("{value:.d$}"),
            }
        }
    }
}

/// The decimals a number is shown with: as given, else 0 for a count, 1 for a percentage, and
/// for a decimal (or no hint) as many as the value needs, at most 6.
fn decimals_of(value: f64, format: Option<NumberFormat>, decimals: Option<u8>) -> u8 {
    if let Some(d) = decimals {
        return d.min(10);
    }
    match format {
        Some(NumberFormat::Integer) => 0,
        Some(NumberFormat::Percent) => 1,
        Some(NumberFormat::Decimal) | None => {
            let mut d = 0u8;
            while d < 6 {
                let shown = format!("{value:.0$}", usize::from(d));
                if shown.parse::<f64>().is_ok_and(|s| s == value) {
                    break;
                }
                d += 1;
            }
            d
        }
    }
}

// ---- XLSX ---------------------------------------------------------------------------------

/// One sheet named after the title: a bold header row that stays in view, numbers as numbers
/// (counts `#,##0`, decimals `#,##0.0…`, percentages as fractions formatted `0.0%`), and each
/// column as wide as its longest text, Chinese characters counting double.
fn table_xlsx(table: &TableData) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format as XFormat, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| Error::Report(format!("xlsx: {e}"));
    let mut wb = Workbook::new();
    let bold = XFormat::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(&table.title)).map_err(err)?;

    let ncols = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.columns.len()])
        .max()
        .unwrap_or(0)
        .min(usize::from(u16::MAX));
    for (k, h) in table.columns.iter().enumerate().take(ncols) {
        ws.write_string_with_format(0, k as u16, h, &bold)
            .map_err(err)?;
    }
    let mut formats: Vec<((NumberFormat, u8), XFormat)> = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(i + 1).map_err(|_| Error::Invalid("too many rows".into()))?;
        for (k, cell) in row.iter().enumerate().take(ncols) {
            let c = k as u16;
            match cell {
                TableCell::Text { value } if !value.is_empty() => {
                    ws.write_string(r, c, value).map_err(err)?;
                }
                TableCell::Text { .. } | TableCell::Empty => {}
                TableCell::Number {
                    value,
                    format,
                    decimals,
                } => {
                    if !value.is_finite() {
                        continue;
                    }
                    let kind = format.unwrap_or(NumberFormat::Decimal);
                    let d = decimals_of(*value, *format, *decimals);
                    let at = match formats.iter().position(|(key, _)| *key == (kind, d)) {
                        Some(at) => at,
                        None => {
                            let f = XFormat::new().set_num_format(num_format(kind, d));
                            formats.push(((kind, d), f));
                            formats.len() - 1
                        }
                    };
                    let stored = if kind == NumberFormat::Percent {
                        percent_fraction(*value)
                    } else {
                        *value
                    };
                    ws.write_number_with_format(r, c, stored, &formats[at].1)
                        .map_err(err)?;
                }
            }
        }
    }
    for (k, width) in column_widths(table, ncols).into_iter().enumerate() {
        ws.set_column_width(k as u16, width).map_err(err)?;
    }
    if !table.columns.is_empty() {
        ws.set_freeze_panes(1, 0).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}

/// 96.1 → 0.961 exactly as written (plain `96.1 / 100.0` can give 0.9609999999999999).
fn percent_fraction(value: f64) -> f64 {
    format!("{value}e-2").parse().unwrap_or(value / 100.0)
}

/// Each column's width in characters of the default font: its widest text (header or cell, as
/// the sheet shows it) plus a little room, Chinese counting double; never hair-thin, never wider
/// than a screen.
fn column_widths(table: &TableData, ncols: usize) -> Vec<f64> {
    let mut widths = vec![0usize; ncols];
    for (k, h) in table.columns.iter().enumerate().take(ncols) {
        widths[k] = display_width(h);
    }
    for row in &table.rows {
        for (k, cell) in row.iter().enumerate().take(ncols) {
            widths[k] = widths[k].max(display_width(&csv_field(cell)) + thousands(cell));
        }
    }
    widths
        .into_iter()
        .map(|w| (w as f64 + 2.0).clamp(8.0, 60.0))
        .collect()
}

fn num_format(kind: NumberFormat, d: u8) -> String {
    let frac = if d == 0 {
        String::new()
    } else {
        format!(".{}", "0".repeat(usize::from(d)))
    };
    match kind {
        NumberFormat::Integer => "#,##0".to_string(),
        NumberFormat::Decimal => format!("#,##0{frac}"),
        NumberFormat::Percent => format!("0{frac}%"),
    }
}

/// The thousands separators a number gains in the sheet (`#,##0`).
fn thousands(cell: &TableCell) -> usize {
    match cell {
        TableCell::Number {
            value,
            format: Some(NumberFormat::Integer | NumberFormat::Decimal) | None,
            ..
        } if value.is_finite() => {
            let digits = value.abs().trunc().to_string().len();
            digits.saturating_sub(1) / 3
        }
        _ => 0,
    }
}

/// Width in columns of Excel's default font: East Asian wide and full-width characters take two.
fn display_width(s: &str) -> usize {
    s.lines()
        .map(|line| line.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum())
        .max()
        .unwrap_or(0)
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// A sheet name Excel accepts: without `[]:*?/\`, no apostrophe at either end, at most 31
/// characters, not empty and not the reserved "History".
pub fn sheet_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = collapsed.chars().take(31).collect();
    let name = short.trim().trim_matches('\'').trim().to_string();
    if name.is_empty() {
        "Sheet1".to_string()
    } else if name.eq_ignore_ascii_case("history") {
        format!("{name} 1")
    } else {
        name
    }
}

// ---- PNG ----------------------------------------------------------------------------------

/// The largest PNG side drawn, in pixels: a chart is a few hundred points wide.
const MAX_SIDE: u32 = 16_384;

/// The font database every PNG uses: the bundled font alone, standing in for every generic family
/// (the charts name "Noto Sans SC, sans-serif"). Built once; the font is not copied.
fn fontdb() -> Arc<resvg::usvg::fontdb::Database> {
    static DB: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        use resvg::usvg::fontdb::{Database, Source};
        let mut db = Database::new();
        db.load_font_source(Source::Binary(Arc::new(crate::fonts::NOTO_SANS_SC)));
        db.set_sans_serif_family(crate::fonts::FAMILY);
        db.set_serif_family(crate::fonts::FAMILY);
        db.set_monospace_family(crate::fonts::FAMILY);
        db.set_cursive_family(crate::fonts::FAMILY);
        db.set_fantasy_family(crate::fonts::FAMILY);
        Arc::new(db)
    })
    .clone()
}

fn parse_svg(svg: &str) -> Result<resvg::usvg::Tree> {
    let opt = resvg::usvg::Options {
        font_family: crate::fonts::FAMILY.to_string(),
        fontdb: fontdb(),
        // A chart links to nothing: no image is read from disk or decoded.
        image_href_resolver: resvg::usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..resvg::usvg::Options::default()
    };
    resvg::usvg::Tree::from_str(svg, &opt)
        .map_err(|e| Error::Invalid(format!("not a chart (SVG): {e}")))
}

/// The SVG drawn as a PNG `scale` times its size, on white (a slide's background may be any
/// colour), text in the bundled font.
pub fn chart_png(svg: &str, scale: f32) -> Result<Vec<u8>> {
    if !(scale.is_finite() && scale > 0.0 && scale <= 16.0) {
        return Err(Error::Invalid(format!(
            "PNG scale {scale}: must be above 0 and at most 16"
        )));
    }
    let tree = parse_svg(svg)?;
    let size = tree.size();
    let side = |v: f32| (v * scale).ceil();
    let (w, h) = (side(size.width()), side(size.height()));
    if !(w >= 1.0 && h >= 1.0 && w <= MAX_SIDE as f32 && h <= MAX_SIDE as f32) {
        return Err(Error::Invalid(format!(
            "a chart of {w}×{h} pixels: each side must be 1 to {MAX_SIDE}"
        )));
    }
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w as u32, h as u32)
        .ok_or_else(|| Error::Report(format!("png: no {w}×{h} canvas")))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Error::Report(format!("png: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_excel_accepts() {
        assert_eq!(sheet_name("服务 [Q3]: a/b"), "服务 Q3 a b");
        assert_eq!(sheet_name(""), "Sheet1");
        assert_eq!(sheet_name("'quoted'"), "quoted");
        assert_eq!(sheet_name("History"), "History 1");
        let long = "一".repeat(40);
        assert_eq!(sheet_name(&long).chars().count(), 31);
    }

    #[test]
    fn decimals_follow_the_hint_or_the_value() {
        assert_eq!(decimals_of(1234.0, Some(NumberFormat::Integer), None), 0);
        assert_eq!(decimals_of(96.1, Some(NumberFormat::Percent), None), 1);
        assert_eq!(decimals_of(12.25, Some(NumberFormat::Decimal), None), 2);
        assert_eq!(
            decimals_of(12000.0, Some(NumberFormat::Decimal), Some(2)),
            2
        );
        assert_eq!(num_format(NumberFormat::Percent, 1), "0.0%");
        assert_eq!(num_format(NumberFormat::Decimal, 2), "#,##0.00");
    }

    #[test]
    fn columns_fit_chinese_text() {
        let t = TableData {
            title: "t".into(),
            columns: vec!["服务名称".into(), "Volume".into(), "达成率".into()],
            rows: vec![vec![
                TableCell::Text {
                    value: "网络与远程接入服务".into(),
                },
                TableCell::Number {
                    value: 1234567.0,
                    format: Some(NumberFormat::Integer),
                    decimals: None,
                },
                TableCell::Number {
                    value: 96.1,
                    format: Some(NumberFormat::Percent),
                    decimals: None,
                },
            ]],
        };
        // 9 wide characters; 1,234,567 (9 characters) beside an 8 wide header; the minimum.
        assert_eq!(column_widths(&t, 3), [20.0, 11.0, 8.0]);
        assert_eq!(percent_fraction(96.1), 0.961);
        assert_eq!(percent_fraction(-3.5), -0.035);
    }

    #[test]
    fn chinese_counts_double() {
        assert_eq!(display_width("桌面支持"), 8);
        assert_eq!(display_width("Desk"), 4);
        assert_eq!(display_width("ＡＢ"), 4);
    }
}

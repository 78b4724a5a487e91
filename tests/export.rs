//! Exports of what a screen shows: tables to CSV (UTF-8 with BOM) and XLSX (numbers as numbers,
//! percentages as fractions), charts to SVG and PNG (2×, Chinese drawn in the bundled font).

use sqm_core::charts::{bars_svg, pack_charts, trend_svg};
use sqm_core::export::{
    chart_file, chart_png, table_bytes, table_file, Format, NumberFormat, TableCell, TableData,
    PNG_SCALE,
};
use sqm_core::metrics::Targets;
use sqm_core::report::Lang;
use std::path::Path;

fn text(s: &str) -> TableCell {
    TableCell::Text { value: s.into() }
}

fn num(value: f64, format: NumberFormat, decimals: Option<u8>) -> TableCell {
    TableCell::Number {
        value,
        format: Some(format),
        decimals,
    }
}

/// A table as the dashboard's service table reads: codes, Chinese names, counts, percentages,
/// a not-measured figure, money with two decimals, a date that stays text.
fn services() -> TableData {
    TableData {
        title: "服务 [2026 Q3]: 达成率/明细".into(),
        columns: vec![
            "代码".into(),
            "服务名称".into(),
            "工单量".into(),
            "响应达成率".into(),
            "满意度".into(),
            "成本".into(),
            "截止".into(),
        ],
        rows: vec![
            vec![
                text("DESK"),
                text("桌面支持"),
                num(1234.0, NumberFormat::Integer, None),
                num(96.1, NumberFormat::Percent, None),
                TableCell::Empty,
                num(12000.0, NumberFormat::Decimal, Some(2)),
                text("2026-09-30"),
            ],
            vec![
                text("NET"),
                text("网络与\"VPN\", 远程"),
                num(87.0, NumberFormat::Integer, None),
                num(-3.5, NumberFormat::Percent, None),
                num(4.25, NumberFormat::Decimal, None),
                TableCell::Empty,
                text(""),
            ],
        ],
    }
}

#[test]
fn csv_has_a_bom_and_reads_back() {
    let t = services();
    let bytes = table_bytes(&t, Format::Csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(&bytes[3..]);
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(head, t.columns);
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    let want = [
        [
            "DESK",
            "桌面支持",
            "1234",
            "96.1%",
            "",
            "12000.00",
            "2026-09-30",
        ],
        ["NET", "网络与\"VPN\", 远程", "87", "-3.5%", "4.25", "", ""],
    ];
    assert_eq!(rows, want.map(|r| r.map(String::from).to_vec()));
    // CRLF line ends, as Excel writes them.
    assert!(std::str::from_utf8(&bytes).unwrap().contains("\r\n"));
    // By the file's extension, any case.
    assert_eq!(table_file(Path::new("服务.CSV"), &t).unwrap(), bytes);
}

#[test]
fn xlsx_keeps_numbers_as_numbers() {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    let t = services();
    let bytes = table_file(Path::new("/tmp/services.xlsx"), &t).unwrap();
    // Chosen by the extension: the same workbook as asked for by format. (Not the same bytes:
    // the writer stamps the creation time, to the second, into docProps/core.xml.)
    let cells = |b: Vec<u8>| -> Vec<(String, Vec<Vec<String>>)> {
        let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(b)).unwrap();
        wb.sheet_names()
            .into_iter()
            .map(|name| {
                let range = wb.worksheet_range(&name).unwrap();
                let rows = range
                    .rows()
                    .map(|r| r.iter().map(|c| format!("{c:?}")).collect())
                    .collect();
                (name, rows)
            })
            .collect()
    };
    assert_eq!(
        cells(bytes.clone()),
        cells(table_bytes(&t, Format::Xlsx).unwrap())
    );
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    // Named after the title, without []:*?/\ and at most 31 characters.
    let sheets = wb.sheet_names();
    assert_eq!(sheets, ["服务 2026 Q3 达成率 明细"]);
    let range = wb.worksheet_range(&sheets[0]).unwrap();
    let at = |r: usize, c: usize| range.get((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(0, 0), Data::String("代码".into()));
    assert_eq!(at(0, 3), Data::String("响应达成率".into()));
    assert_eq!(at(1, 1), Data::String("桌面支持".into()));
    assert_eq!(at(1, 2), Data::Float(1234.0));
    // A percentage is stored as the fraction Excel shows as 96.1%.
    assert_eq!(at(1, 3), Data::Float(0.961));
    assert_eq!(at(2, 3), Data::Float(-0.035));
    assert_eq!(at(1, 4), Data::Empty, "not measured stays empty, never 0");
    assert_eq!(at(1, 5), Data::Float(12000.0));
    assert_eq!(at(2, 4), Data::Float(4.25));
    assert_eq!(at(1, 6), Data::String("2026-09-30".into()));
    assert_eq!(at(2, 6), Data::Empty);

    // A long or empty title still makes a name Excel accepts.
    let mut long = services();
    long.title = "一二三四五六七八九十".repeat(4);
    let bytes = table_bytes(&long, Format::Xlsx).unwrap();
    let wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(wb.sheet_names()[0].chars().count(), 31);
    let mut blank = services();
    blank.title = " / ".into();
    let bytes = table_bytes(&blank, Format::Xlsx).unwrap();
    let wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(wb.sheet_names(), ["Sheet1"]);
}

#[test]
fn xlsx_header_is_bold_and_numbers_carry_their_formats() {
    use calamine::{open_workbook_from_rs, Reader, Xlsx};
    let bytes = table_bytes(&services(), Format::Xlsx).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let name = wb.sheet_names()[0].clone();
    let styles = wb.worksheet_style(&name).unwrap();
    let format = |r: u32, c: u32| {
        styles
            .get((r, c))
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.clone())
    };
    let bold = |r: u32, c: u32| {
        styles
            .get((r, c))
            .and_then(|s| s.font.as_ref())
            .is_some_and(|f| f.is_bold())
    };
    assert!((0..7).all(|c| bold(0, c)), "bold header row");
    assert!(!bold(1, 1));
    assert_eq!(format(1, 2).as_deref(), Some("#,##0"));
    assert_eq!(format(1, 3).as_deref(), Some("0.0%"));
    assert_eq!(format(1, 5).as_deref(), Some("#,##0.00"));
    assert_eq!(
        format(2, 4).as_deref(),
        Some("#,##0.00"),
        "4.25: two decimals"
    );
}

/// The PNG's width and height from its IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
    (be(16), be(20))
}

/// RGBA pixels of a PNG.
fn pixels(png: &[u8]) -> (png::OutputInfo, Vec<u8>) {
    let mut dec = png::Decoder::new(std::io::Cursor::new(png));
    dec.set_transformations(png::Transformations::EXPAND);
    let mut reader = dec.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (info, buf)
}

fn non_white(info: &png::OutputInfo, buf: &[u8]) -> usize {
    let step = info.color_type.samples();
    buf.chunks(step)
        .filter(|p| p[..3].iter().any(|&c| c < 200))
        .count()
}

#[test]
fn a_chart_with_chinese_labels_exports_to_png_at_twice_its_size() {
    let m = crate::report::metrics();
    let charts = pack_charts(&m, &Targets::default(), Lang::Zh);
    for (svg, w, h) in [
        (trend_svg(&charts.response, 520, 300), 520, 300),
        (bars_svg(&charts.volume, 520, 300), 520, 300),
    ] {
        assert!(
            svg.contains("Noto Sans SC"),
            "the chart names the bundled font"
        );
        let png = chart_file(Path::new("/tmp/chart.PNG"), &svg).unwrap();
        assert_eq!(png_size(&png), (w * 2, h * 2));
        let (info, buf) = pixels(&png);
        assert_eq!((info.width, info.height), (w * 2, h * 2));
        let dark = non_white(&info, &buf);
        let total = (info.width * info.height) as usize;
        assert!(dark > total / 100, "{dark} of {total} pixels drawn");
        // Opaque: a white background, not a transparent one.
        if info.color_type == png::ColorType::Rgba {
            assert!(buf.chunks(4).all(|p| p[3] == 255));
        }
    }
    assert_eq!(PNG_SCALE, 2.0);
}

/// Chinese is drawn in the bundled font: two different words give different pixels (missing
/// glyphs would draw nothing, or the same boxes), and the generic family the charts fall back to
/// is the bundled font too.
#[test]
fn chinese_text_renders_in_the_bundled_font() {
    let word = |w: &str, family: &str| {
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"60\">\
             <text x=\"10\" y=\"40\" font-family=\"{family}\" font-size=\"28\">{w}</text></svg>"
        );
        let (info, buf) = pixels(&chart_png(&svg, 1.0).unwrap());
        assert!(
            non_white(&info, &buf) > 200,
            "{w} in {family} draws nothing"
        );
        buf
    };
    let desk = word("桌面支持", "Noto Sans SC, sans-serif");
    let net = word("网络服务", "Noto Sans SC, sans-serif");
    assert_ne!(desk, net);
    // The generic family and an unknown one fall back to the same font: the same pixels.
    assert_eq!(word("桌面支持", "sans-serif"), desk);
    assert_eq!(word("桌面支持", "Microsoft YaHei"), desk);
}

#[test]
fn svg_exports_as_it_is() {
    let m = crate::report::metrics();
    let svg = trend_svg(
        &pack_charts(&m, &Targets::default(), Lang::Zh).satisfaction,
        520,
        300,
    );
    assert_eq!(
        chart_file(Path::new("c.svg"), &svg).unwrap(),
        svg.as_bytes()
    );
    let err = chart_file(Path::new("c.svg"), "not an svg").unwrap_err();
    assert_eq!(err.code(), "invalid");
}

#[test]
fn files_are_written_atomically_like_the_shell_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("服务.xlsx");
    let bytes = table_file(&path, &services()).unwrap();
    sqm_core::atomic::write(&path, &bytes).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn other_extensions_are_refused_with_a_code() {
    let t = services();
    for name in ["t.pdf", "t.xls", "t", "t.csv.txt"] {
        let e = table_file(Path::new(name), &t).unwrap_err();
        assert_eq!(e.code(), "invalid", "{name}");
        assert_eq!(e.to_ipc().code, "invalid");
    }
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
    for name in ["c.jpg", "c.pdf", "c"] {
        assert_eq!(
            chart_file(Path::new(name), svg).unwrap_err().code(),
            "invalid"
        );
    }
    for scale in [0.0, -1.0, f32::NAN, 100.0] {
        assert_eq!(chart_png(svg, scale).unwrap_err().code(), "invalid");
    }
}

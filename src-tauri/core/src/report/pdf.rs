//! A4 page layout for the reports: printpdf ops per page, text wrapped by glyph advances, tables
//! that break across pages with their header repeated, charts placed through the PDF chart
//! backend, and running headers and page numbers added once the page count is known.

use crate::charts::pdf_backend::{
    self, circle_points, push_text, rgb, AlphaStates, PdfTarget, Placement,
};
use crate::charts::text::{face, text_width, ASCENT, DESCENT};
use crate::charts::{BarChart, TrendChart};
use printpdf::{
    FontId, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfPage, PdfSaveOptions, Point,
    Polygon, PolygonRing, Pt, Rect, TextMatrix, TextRenderingMode, WindingOrder,
};

pub(crate) const PAGE_W: f32 = 595.276;
pub(crate) const PAGE_H: f32 = 841.89;
pub(crate) const LEFT: f32 = 56.7;
pub(crate) const RIGHT: f32 = PAGE_W - 56.7;
pub(crate) const WIDTH: f32 = RIGHT - LEFT;
pub(crate) const CONTENT_TOP: f32 = PAGE_H - 72.0;
pub(crate) const CONTENT_BOTTOM: f32 = 64.0;

pub(crate) type Rgb8 = (u8, u8, u8);
pub(crate) const INK: Rgb8 = (0x1f, 0x29, 0x37);
pub(crate) const MUTED: Rgb8 = (0x6b, 0x72, 0x80);
pub(crate) const ACCENT: Rgb8 = (0x1e, 0x3a, 0x5f);
pub(crate) const ACCENT_LIGHT: Rgb8 = (0xe8, 0xee, 0xf6);
pub(crate) const RULE: Rgb8 = (0xd1, 0xd5, 0xdb);
pub(crate) const ZEBRA: Rgb8 = (0xf5, 0xf6, 0xf8);
pub(crate) const WHITE: Rgb8 = (0xff, 0xff, 0xff);

/// Width of `text` in points at `size` points.
pub(crate) fn width(text: &str, size: f32) -> f32 {
    text_width(text, f64::from(size)) as f32
}

/// Ideographs, kana, hangul and full-width forms: a line may break before or after any of them.
fn is_wide(c: char) -> bool {
    matches!(u32::from(c), 0x1100..=0x11FF | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFD)
}

/// Punctuation that must not start a line (it hangs at the end of the previous one instead).
fn no_line_start(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| "，。、；：？！）》」』】〕,.;:?!)%".contains(c))
}

/// Greedy line breaking by glyph advances: Latin words break at spaces, CJK between any two
/// characters; a word longer than the line is broken between characters.
pub(crate) fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        // Tokens: a run of Latin non-space characters, one space, or one wide character.
        let mut tokens: Vec<String> = Vec::new();
        for c in paragraph.chars() {
            let joins = !c.is_whitespace()
                && !is_wide(c)
                && tokens.last().is_some_and(|t| {
                    t.chars()
                        .last()
                        .is_some_and(|p| !p.is_whitespace() && !is_wide(p))
                });
            match tokens.last_mut() {
                Some(last) if joins => last.push(c),
                _ => tokens.push(c.to_string()),
            }
        }
        let mut line = String::new();
        let mut line_w = 0.0;
        for token in tokens {
            let w = width(&token, size);
            if line_w + w <= max || (no_line_start(&token) && !line.is_empty()) {
                if !(line.is_empty() && token.trim().is_empty()) {
                    line.push_str(&token);
                    line_w += w;
                }
                continue;
            }
            // An opening bracket must not end a line: it moves down with what it opens.
            let carried = match line.chars().last() {
                Some(c) if "（《「『【〔([".contains(c) && line.chars().count() > 1 => {
                    line.pop();
                    c.to_string()
                }
                _ => String::new(),
            };
            if !line.trim().is_empty() {
                lines.push(line.trim_end().to_string());
            }
            line_w = width(&carried, size);
            line = carried;
            if token.trim().is_empty() {
                continue;
            }
            if line_w + w <= max {
                line_w += w;
                line.push_str(&token);
                continue;
            }
            // A word wider than the line: break it between characters.
            for c in token.chars() {
                let cw = width(c.encode_utf8(&mut [0; 4]), size);
                if line_w + cw > max && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += cw;
            }
        }
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// `text` shortened with an ellipsis to fit `max` points.
pub(crate) fn ellipsize(text: &str, size: f32, max: f32) -> String {
    if width(text, size) <= max {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>() + "…";
        if width(&candidate, size) <= max {
            return candidate;
        }
    }
    "…".to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

pub(crate) struct Column {
    pub title: String,
    /// Relative width; the columns share the text width in proportion.
    pub weight: f32,
    pub align: Align,
    /// The cells' font size when not the table's (small text in a long column).
    pub size: Option<f32>,
}

impl Column {
    pub fn left(title: impl Into<String>, weight: f32) -> Self {
        Column {
            title: title.into(),
            weight,
            align: Align::Left,
            size: None,
        }
    }
    pub fn right(title: impl Into<String>, weight: f32) -> Self {
        Column {
            title: title.into(),
            weight,
            align: Align::Right,
            size: None,
        }
    }
    /// The cells in `size` points instead of the table's size.
    pub fn small(self, size: f32) -> Self {
        Column {
            size: Some(size),
            ..self
        }
    }
}

pub(crate) struct Cell {
    pub text: String,
    /// A coloured dot before the text (traffic lights).
    pub dot: Option<Rgb8>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            dot: None,
        }
    }
    pub fn dot(text: impl Into<String>, color: Rgb8) -> Self {
        Cell {
            text: text.into(),
            dot: Some(color),
        }
    }
}

pub(crate) struct Row {
    pub cells: Vec<Cell>,
    /// A totals row: tinted.
    pub strong: bool,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Self {
        Row {
            cells,
            strong: false,
        }
    }
}

pub(crate) struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub size: f32,
    /// Rows whose first cell is empty continue the group above: zebra stripes go by group, and
    /// after a page break the group's name is repeated.
    pub grouped: bool,
}

const CAPTION_SIZE: f32 = 10.5;
const NOTE_SIZE: f32 = 8.0;

/// A table with a caption above and an optional note below, for `Composer::side_by_side`.
pub(crate) struct Panel<'a> {
    pub caption: &'a str,
    pub table: &'a Table,
    /// Empty: no note.
    pub note: &'a str,
}

/// Height of a caption over a table placed side by side (see `Composer::caption`).
const CAPTION_H: f32 = 4.0 + (ASCENT - DESCENT) as f32 * CAPTION_SIZE + 6.0;

/// Where a table's columns go and how tall its header and rows are, at a given width.
struct TableLayout {
    widths: Vec<f32>,
    xs: Vec<f32>,
    /// Each column's cell font size.
    sizes: Vec<f32>,
    pad_x: f32,
    pad_y: f32,
    header: Vec<Vec<String>>,
    header_h: f32,
}

impl TableLayout {
    fn new(t: &Table, x0: f32, total_w: f32) -> Self {
        let total: f32 = t
            .columns
            .iter()
            .map(|c| c.weight)
            .sum::<f32>()
            .max(f32::EPSILON);
        let widths: Vec<f32> = t
            .columns
            .iter()
            .map(|c| c.weight / total * total_w)
            .collect();
        let xs: Vec<f32> = widths
            .iter()
            .scan(x0, |x, w| Some(std::mem::replace(x, *x + w)))
            .collect();
        let size = t.size;
        let pad_x = size * 0.42;
        let pad_y = 3.5;
        // Titles a touch smaller than the cells, so narrow figure columns keep whole words.
        let head_size = size - 0.5;
        let lh = size * 1.3;
        let header: Vec<Vec<String>> = t
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| wrap(&c.title, head_size, w - 2.0 * pad_x))
            .collect();
        let header_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad_y;
        TableLayout {
            sizes: t.columns.iter().map(|c| c.size.unwrap_or(size)).collect(),
            widths,
            xs,
            pad_x,
            pad_y,
            header,
            header_h,
        }
    }

    /// A row's lines per column and its height; `carry` fills an empty first cell (the group's
    /// name repeated after a page break).
    fn row(&self, t: &Table, row: &Row, carry: Option<&str>) -> (Vec<Vec<String>>, f32) {
        let dot_space = t.size * 0.36 * 2.0 + 4.0;
        let lines: Vec<Vec<String>> = (0..t.columns.len())
            .map(|i| {
                let cell = row.cells.get(i);
                let mut text = cell.map(|c| c.text.as_str()).unwrap_or("");
                if i == 0 && text.is_empty() {
                    text = carry.unwrap_or("");
                }
                let room = self.widths[i]
                    - 2.0 * self.pad_x
                    - if cell.is_some_and(|c| c.dot.is_some()) {
                        dot_space
                    } else {
                        0.0
                    };
                wrap(text, self.sizes[i], room)
            })
            .collect();
        let h = lines
            .iter()
            .zip(&self.sizes)
            .map(|(l, s)| l.len().max(1) as f32 * s * 1.3)
            .fold(0.0, f32::max)
            + 2.0 * self.pad_y;
        (lines, h)
    }

    fn first_row_h(&self, t: &Table) -> f32 {
        t.rows.first().map_or(0.0, |r| self.row(t, r, None).1)
    }

    /// Header and all rows, on one page.
    fn height(&self, t: &Table) -> f32 {
        self.header_h + t.rows.iter().map(|r| self.row(t, r, None).1).sum::<f32>()
    }
}

/// What every page carries besides its content.
pub(crate) struct Running {
    pub header_left: String,
    pub header_right: String,
    pub footer_left: String,
    pub page_label: Box<dyn Fn(usize, usize) -> String>,
}

pub(crate) struct Composer {
    doc: PdfDocument,
    font: FontId,
    alphas: AlphaStates,
    pages: Vec<Vec<Op>>,
    current: usize,
    /// Baseline cursor: the top of the free space on the current page, in pt from the bottom.
    pub y: f32,
}

impl Composer {
    pub fn new(title: &str, author: &str, created_unix: i64) -> Self {
        let mut doc = PdfDocument::new(title);
        doc.metadata.info.author = author.to_string();
        doc.metadata.info.creator = "SQM".to_string();
        if let Ok(t) = printpdf::OffsetDateTime::from_unix_timestamp(created_unix) {
            doc.metadata.info.creation_date = t;
            doc.metadata.info.modification_date = t;
            doc.metadata.info.metadata_date = t;
        }
        let font = doc.add_font(face());
        Composer {
            doc,
            font,
            alphas: AlphaStates::default(),
            pages: Vec::new(),
            current: 0,
            y: CONTENT_TOP,
        }
    }

    /// 1-based number of the page being written.
    pub fn page_no(&self) -> usize {
        self.current + 1
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.current = self.pages.len() - 1;
        self.y = CONTENT_TOP;
    }

    /// Returns to an earlier page (1-based) to fill it in, e.g. the contents.
    pub fn go_to_page(&mut self, page_no: usize) {
        if (1..=self.pages.len()).contains(&page_no) {
            self.current = page_no - 1;
            self.y = CONTENT_TOP;
        }
    }

    pub fn bookmark(&mut self, name: &str) {
        let page = self.page_no();
        self.doc.add_bookmark(name, page);
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.new_page();
        }
        &mut self.pages[self.current]
    }

    /// Starts a new page unless `h` points still fit (a block taller than a page starts at the top).
    pub fn ensure(&mut self, h: f32) {
        if self.y - h < CONTENT_BOTTOM && self.y < CONTENT_TOP - 1.0 {
            self.new_page();
        }
    }

    pub fn gap(&mut self, h: f32) {
        self.y -= h;
    }

    // ---- primitives (positions in pt from the page's lower-left corner) ----

    pub fn text_at(&mut self, x: f32, baseline: f32, size: f32, color: Rgb8, text: &str) {
        let font = self.font.clone();
        push_text(
            self.ops(),
            &font,
            size,
            rgb(color),
            TextMatrix::Translate(Pt(x), Pt(baseline)),
            text,
        );
    }

    /// Text drawn filled and thinly stroked: a bold look from the one regular face we embed.
    pub fn strong_text_at(&mut self, x: f32, baseline: f32, size: f32, color: Rgb8, text: &str) {
        let font = self.font.clone();
        let ops = self.ops();
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineColor { col: rgb(color) });
        ops.push(Op::SetOutlineThickness {
            pt: Pt(size * 0.035),
        });
        ops.push(Op::SetTextRenderingMode {
            mode: TextRenderingMode::FillStroke,
        });
        push_text(
            ops,
            &font,
            size,
            rgb(color),
            TextMatrix::Translate(Pt(x), Pt(baseline)),
            text,
        );
        ops.push(Op::RestoreGraphicsState);
    }

    pub fn rect(&mut self, x: f32, bottom: f32, w: f32, h: f32, fill: Rgb8) {
        let ops = self.ops();
        ops.push(Op::SetFillColor { col: rgb(fill) });
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(bottom),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
    }

    pub fn hline(&mut self, x0: f32, x1: f32, y: f32, thickness: f32, color: Rgb8) {
        let pt = |x: f32| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier: false,
        };
        let ops = self.ops();
        ops.push(Op::SetOutlineColor { col: rgb(color) });
        ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![pt(x0), pt(x1)],
                is_closed: false,
            },
        });
    }

    pub fn dot(&mut self, cx: f32, cy: f32, r: f32, color: Rgb8) {
        let ops = self.ops();
        ops.push(Op::SetFillColor { col: rgb(color) });
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing {
                    points: circle_points(cx, cy, r),
                }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    // ---- flowing content ----

    /// A section heading; kept with at least `keep` points of what follows.
    /// Returns the page the heading landed on (for the contents).
    pub fn heading1(&mut self, text: &str, keep: f32) -> usize {
        let size = 15.0;
        self.ensure(size * 2.2 + keep);
        if self.y < CONTENT_TOP - 1.0 {
            self.gap(10.0);
        }
        self.bookmark(text);
        let baseline = self.y - ASCENT as f32 * size;
        self.strong_text_at(LEFT, baseline, size, ACCENT, text);
        let rule_y = baseline - DESCENT as f32 * size - 5.0;
        self.hline(LEFT, RIGHT, rule_y, 0.8, ACCENT);
        self.y = rule_y - 12.0;
        self.page_no()
    }

    pub fn heading2(&mut self, text: &str, keep: f32) {
        let size = 11.5;
        self.ensure(size * 2.0 + keep);
        self.gap(4.0);
        let baseline = self.y - ASCENT as f32 * size;
        self.strong_text_at(LEFT, baseline, size, INK, text);
        self.y = baseline - DESCENT as f32 * size - 7.0;
    }

    /// How much height `paragraph` takes for `text` (for keeping blocks together).
    pub fn paragraph_height(text: &str, size: f32, indent: f32) -> f32 {
        wrap(text, size, WIDTH - indent).len() as f32 * size * 1.5 + size * 0.4
    }

    /// How much height `table` takes for `t` on one page, its bottom gap included.
    pub fn table_height(t: &Table) -> f32 {
        TableLayout::new(t, LEFT, WIDTH).height(t) + 10.0
    }

    /// A wrapped paragraph at `indent` from the left margin.
    pub fn paragraph(&mut self, text: &str, size: f32, color: Rgb8, indent: f32) {
        let leading = size * 1.5;
        for line in wrap(text, size, WIDTH - indent) {
            self.ensure(leading);
            let baseline = self.y - ASCENT as f32 * size - (leading - size) / 2.0;
            self.text_at(LEFT + indent, baseline, size, color, &line);
            self.y -= leading;
        }
        self.gap(size * 0.4);
    }

    /// A paragraph with a coloured dot (or a plain bullet) hanging in the left margin.
    pub fn bullet(&mut self, text: &str, size: f32, dot: Rgb8) {
        let leading = size * 1.5;
        let indent = 14.0;
        for (i, line) in wrap(text, size, WIDTH - indent).into_iter().enumerate() {
            self.ensure(leading);
            let baseline = self.y - ASCENT as f32 * size - (leading - size) / 2.0;
            if i == 0 {
                self.dot(
                    LEFT + 4.0,
                    baseline + (ASCENT - DESCENT) as f32 / 2.0 * size,
                    3.0,
                    dot,
                );
            }
            self.text_at(LEFT + indent, baseline, size, INK, &line);
            self.y -= leading;
        }
        self.gap(size * 0.2);
    }

    /// A table across the text width, breaking across pages with its header repeated.
    pub fn table(&mut self, t: &Table) {
        self.table_in(t, LEFT, WIDTH);
        self.gap(10.0);
    }

    /// Tables next to each other, each under its caption with its note below. A group that fits
    /// on the page is drawn whole; one that does not moves to a new page when little room is
    /// left here, else (or when taller than a page) the tables break together, each continuing
    /// with its header at the top of the next page.
    pub fn side_by_side(&mut self, panels: &[Panel]) {
        if panels.is_empty() {
            return;
        }
        let gutter = 14.0;
        let n = panels.len() as f32;
        let col_w = (WIDTH - gutter * (n - 1.0)) / n;
        let x_of = |i: usize| LEFT + i as f32 * (col_w + gutter);
        let layouts: Vec<TableLayout> = panels
            .iter()
            .enumerate()
            .map(|(i, p)| TableLayout::new(p.table, x_of(i), col_w))
            .collect();
        let note_h = |note: &str| {
            if note.is_empty() {
                0.0
            } else {
                4.0 + wrap(note, NOTE_SIZE, col_w).len() as f32 * NOTE_SIZE * 1.5
            }
        };
        let tallest = panels
            .iter()
            .zip(&layouts)
            .map(|(p, l)| CAPTION_H + l.height(p.table) + note_h(p.note))
            .fold(0.0, f32::max);
        let page = CONTENT_TOP - CONTENT_BOTTOM;
        let room = self.y - CONTENT_BOTTOM;
        if tallest > room && tallest <= page && room < page / 2.0 {
            self.new_page();
        }
        let start = panels
            .iter()
            .zip(&layouts)
            .map(|(p, l)| CAPTION_H + l.header_h + l.first_row_h(p.table))
            .fold(0.0, f32::max);
        self.ensure(start);

        // Per panel: the next row to draw, and whether its note is written.
        let mut next = vec![0usize; panels.len()];
        let mut noted: Vec<bool> = panels.iter().map(|p| p.note.is_empty()).collect();
        let mut first_page = true;
        loop {
            let top = self.y;
            let mut bottom = top;
            for (i, p) in panels.iter().enumerate() {
                self.y = top;
                if first_page {
                    self.caption(p.caption, x_of(i), col_w);
                }
                let rows = p.table.rows.len();
                if next[i] < rows || (rows == 0 && first_page) {
                    next[i] = self.table_rows(p.table, x_of(i), col_w, next[i], false);
                }
                if next[i] >= rows && !noted[i] && self.y - note_h(p.note) >= CONTENT_BOTTOM {
                    self.note(p.note, x_of(i), col_w);
                    noted[i] = true;
                }
                bottom = bottom.min(self.y);
            }
            self.y = bottom;
            first_page = false;
            let done = panels
                .iter()
                .enumerate()
                .all(|(i, p)| next[i] >= p.table.rows.len() && noted[i]);
            if done {
                break;
            }
            self.new_page();
        }
        self.gap(10.0);
    }

    /// Small muted text under a table, at `x`, `w` wide.
    fn note(&mut self, text: &str, x: f32, w: f32) {
        if text.is_empty() {
            return;
        }
        self.gap(4.0);
        let size = NOTE_SIZE;
        let leading = size * 1.5;
        for line in wrap(text, size, w) {
            self.ensure(leading);
            let baseline = self.y - ASCENT as f32 * size - (leading - size) / 2.0;
            self.text_at(x, baseline, size, MUTED, &line);
            self.y -= leading;
        }
    }

    /// A table's title within a column, at `x`, `w` wide (shortened if longer).
    fn caption(&mut self, text: &str, x: f32, w: f32) {
        let size = CAPTION_SIZE;
        self.gap(4.0);
        let baseline = self.y - ASCENT as f32 * size;
        let text = ellipsize(text, size, w);
        self.strong_text_at(x, baseline, size, INK, &text);
        self.y = baseline - DESCENT as f32 * size - 6.0;
    }

    /// Draws `t` from the cursor at `x0`, `total_w` wide; on a page break, continues at the top
    /// of the next page with the header repeated. Leaves the cursor under the last row.
    fn table_in(&mut self, t: &Table, x0: f32, total_w: f32) {
        self.table_rows(t, x0, total_w, 0, true);
    }

    /// Draws the header and the rows of `t` from row `from` on. With `break_pages`, a row that
    /// does not fit continues on a new page under the header; without, drawing stops there (at
    /// least one row is drawn). Returns the index of the first row not drawn.
    fn table_rows(
        &mut self,
        t: &Table,
        x0: f32,
        total_w: f32,
        from: usize,
        break_pages: bool,
    ) -> usize {
        let l = TableLayout::new(t, x0, total_w);
        let size = t.size;
        let head_size = size - 0.5;
        let lh = size * 1.3;
        let dot_r = size * 0.36;
        let dot_space = dot_r * 2.0 + 4.0;
        let right = x0 + total_w;

        let draw_header = |me: &mut Composer| {
            let top = me.y;
            me.rect(x0, top - l.header_h, total_w, l.header_h, ACCENT);
            let block_top = top
                - (l.header_h - l.header.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh) / 2.0;
            for (i, lines) in l.header.iter().enumerate() {
                for (k, line) in lines.iter().enumerate() {
                    let baseline = block_top
                        - k as f32 * lh
                        - ASCENT as f32 * head_size
                        - (lh - head_size) / 2.0;
                    let x = match t.columns[i].align {
                        Align::Left => l.xs[i] + l.pad_x,
                        Align::Right => l.xs[i] + l.widths[i] - l.pad_x - width(line, head_size),
                    };
                    me.text_at(x, baseline, head_size, WHITE, line);
                }
            }
            me.y = top - l.header_h;
        };

        let first_h = t.rows.get(from).map_or(0.0, |r| l.row(t, r, None).1);
        if break_pages {
            self.ensure(l.header_h + first_h);
        }
        draw_header(self);
        let mut group_name: Option<&str> = None;
        let mut group_index = 0usize;
        let mut drawn = 0usize;
        for (ri, row) in t.rows.iter().enumerate() {
            let starts_group = !t.grouped || row.cells.first().is_some_and(|c| !c.text.is_empty());
            if starts_group {
                if ri > 0 {
                    group_index += 1;
                }
                group_name = row.cells.first().map(|c| c.text.as_str());
            }
            if ri < from {
                continue;
            }
            // A group continued from an earlier page repeats its name.
            let carry = (drawn == 0 && ri > 0 && t.grouped && !starts_group)
                .then_some(group_name)
                .flatten();
            let (mut lines, mut h) = l.row(t, row, carry);
            if self.y - h < CONTENT_BOTTOM && drawn > 0 {
                if !break_pages {
                    return ri;
                }
                self.new_page();
                draw_header(self);
                if t.grouped && !starts_group {
                    (lines, h) = l.row(t, row, group_name);
                }
            }
            drawn += 1;
            let top = self.y;
            if row.strong {
                self.rect(x0, top - h, total_w, h, ACCENT_LIGHT);
            } else if group_index % 2 == 1 {
                self.rect(x0, top - h, total_w, h, ZEBRA);
            }
            for (i, cell_lines) in lines.iter().enumerate() {
                let cell = row.cells.get(i);
                let dot = cell.and_then(|c| c.dot);
                let cs = l.sizes[i];
                let clh = cs * 1.3;
                for (k, line) in cell_lines.iter().enumerate() {
                    let baseline =
                        top - l.pad_y - k as f32 * clh - ASCENT as f32 * cs - (clh - cs) / 2.0;
                    let text_w = width(line, cs) + if dot.is_some() { dot_space } else { 0.0 };
                    let x = match t.columns[i].align {
                        Align::Left => l.xs[i] + l.pad_x,
                        Align::Right => l.xs[i] + l.widths[i] - l.pad_x - text_w,
                    };
                    if let (Some(color), 0) = (dot, k) {
                        self.dot(
                            x + dot_r,
                            baseline + (ASCENT - DESCENT) as f32 / 2.0 * cs,
                            dot_r,
                            color,
                        );
                    }
                    let x = x + if dot.is_some() { dot_space } else { 0.0 };
                    if row.strong {
                        self.strong_text_at(x, baseline, cs, INK, line);
                    } else {
                        self.text_at(x, baseline, cs, INK, line);
                    }
                }
            }
            let next_starts_group = t
                .rows
                .get(ri + 1)
                .is_none_or(|r| r.cells.first().is_some_and(|c| !c.text.is_empty()));
            let (thickness, rule) = if t.grouped && next_starts_group {
                (0.6, MUTED)
            } else {
                (0.4, RULE)
            };
            self.hline(x0, right, top - h, thickness, rule);
            self.y = top - h;
        }
        t.rows.len()
    }

    fn chart_target(&mut self) -> PdfTarget<'_> {
        if self.pages.is_empty() {
            self.new_page();
        }
        PdfTarget {
            doc: &mut self.doc,
            font: &self.font,
            alphas: &mut self.alphas,
            ops: &mut self.pages[self.current],
        }
    }

    /// Room for a chart `height` tall at the cursor (new page if needed), cursor moved past it.
    fn chart_slot(&mut self, height: f32) -> Placement {
        self.ensure(height);
        let at = Placement {
            left: LEFT,
            top: self.y,
            width: WIDTH,
            height,
        };
        self.y -= height + 12.0;
        at
    }

    pub fn trend_chart(&mut self, chart: &TrendChart, height: f32) -> crate::Result<()> {
        let at = self.chart_slot(height);
        pdf_backend::trend_pdf(chart, self.chart_target(), at)
    }

    pub fn bar_chart(&mut self, chart: &BarChart, height: f32) -> crate::Result<()> {
        let at = self.chart_slot(height);
        pdf_backend::bars_pdf(chart, self.chart_target(), at)
    }

    pub fn map_chart(
        &mut self,
        chart: &crate::charts::process::MapChart,
        height: f32,
    ) -> crate::Result<()> {
        let at = self.chart_slot(height);
        crate::charts::process::map_pdf(chart, self.chart_target(), at)
    }

    pub fn radar_chart(
        &mut self,
        chart: &crate::charts::process::RadarChart,
        height: f32,
    ) -> crate::Result<()> {
        let at = self.chart_slot(height);
        crate::charts::process::radar_pdf(chart, self.chart_target(), at)
    }

    pub fn flow_chart(
        &mut self,
        chart: &crate::charts::process::FlowChart,
        height: f32,
    ) -> crate::Result<()> {
        let at = self.chart_slot(height);
        crate::charts::process::flow_pdf(chart, self.chart_target(), at)
    }

    /// Adds the running header (from page 2) and footer with page numbers (every page), then
    /// writes the document with the font subset to the glyphs used.
    pub fn finish(mut self, running: &Running) -> crate::Result<Vec<u8>> {
        let total = self.pages.len();
        for i in 0..total {
            self.current = i;
            let small = 8.0;
            if i > 0 {
                let base = PAGE_H - 42.0;
                let right_w = width(&running.header_right, small);
                let left = ellipsize(&running.header_left, small, WIDTH - right_w - 24.0);
                self.text_at(LEFT, base, small, MUTED, &left);
                self.text_at(RIGHT - right_w, base, small, MUTED, &running.header_right);
                self.hline(LEFT, RIGHT, base - 6.0, 0.5, RULE);
            }
            let base = 38.0;
            self.hline(LEFT, RIGHT, base + 12.0, 0.5, RULE);
            self.text_at(LEFT, base, small, MUTED, &running.footer_left);
            let label = (running.page_label)(i + 1, total);
            let label_w = width(&label, small);
            self.text_at(RIGHT - label_w, base, small, MUTED, &label);
        }
        let pages: Vec<PdfPage> = std::mem::take(&mut self.pages)
            .into_iter()
            .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
            .collect();
        let mut warnings = Vec::new();
        let bytes = self
            .doc
            .with_pages(pages)
            .save(&PdfSaveOptions::default(), &mut warnings);
        if bytes.is_empty() {
            return Err(crate::Error::Report(
                "the PDF writer produced no output".into(),
            ));
        }
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_cjk_and_latin_within_width() {
        let text = "响应达标率 = 达标工单数 ÷ 已判定工单数。Tickets still open past their deadline count as breached.";
        let lines = wrap(text, 10.0, 120.0);
        assert!(lines.len() > 2);
        for l in &lines {
            // Hanging punctuation may overflow by one glyph.
            assert!(width(l, 10.0) <= 130.0, "{l}");
        }
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        assert!(!lines
            .iter()
            .any(|l| l.starts_with('。') || l.starts_with('，')));
        assert_eq!(wrap("", 10.0, 100.0), vec![String::new()]);
        assert_eq!(
            wrap("a\nb", 10.0, 100.0),
            vec!["a".to_string(), "b".to_string()]
        );
    }

    #[test]
    fn an_opening_bracket_moves_down_with_what_it_opens() {
        let size = 10.0;
        let max = width("响应目标（", size) + 1.0;
        let lines = wrap("响应目标（小时）", size, max);
        assert_eq!(lines, vec!["响应目标".to_string(), "（小时）".to_string()]);
    }

    #[test]
    fn breaks_words_longer_than_a_line() {
        let lines = wrap("Supercalifragilisticexpialidocious", 10.0, 40.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, 10.0) <= 40.0));
    }
}

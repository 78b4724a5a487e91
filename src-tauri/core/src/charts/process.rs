//! The process charts, drawn with plotters for both the screen (SVG) and the PDF: the process
//! map (states left to right, arrows as wide as their counts), the radar of the assessment
//! (baseline and latest overlaid) and the SOP flow diagram (steps as boxes joined by arrows).
//!
//! Layout is computed in backend pixels (`u` pixels per point, as in `draw.rs`), text is measured
//! with the bundled font's advances, and every shape is a plain plotters element, so the SVG and
//! the PDF come from the same drawing code.

use super::draw::{
    header, DrawError, Ink, LegendItem, Marker, AXIS, GRID, INK, LEGEND_PT, MUTED, PAD, PALETTE,
    TICK_PT,
};
use super::pdf_backend::{AlphaStates, PdfBackend, PdfTarget, Placement, PX_PER_PT};
use super::svg;
use super::text::{face, text_width};
use crate::report::fmt_count;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::f64::consts::PI;

/// A directly-follows map ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct MapChart {
    pub title: String,
    /// Nodes, left to right, with their case counts shown under the name.
    pub nodes: Vec<(String, u64)>,
    /// (from node, to node, count, label e.g. "120 · 3.5 h"). Loops (from == to) do not occur.
    pub edges: Vec<(usize, usize, u64, String)>,
}

/// A radar: one axis per dimension, values 0–100.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarChart {
    pub title: String,
    pub axes: Vec<String>,
    /// (legend label, one value per axis; None = not scored).
    pub series: Vec<(String, Vec<Option<f64>>)>,
}

/// An SOP's steps as boxes left to right (wrapping to more rows when many).
#[derive(Debug, Clone, PartialEq)]
pub struct FlowChart {
    pub title: String,
    /// (step name, owner role, target text e.g. "≤ 1 h" or "").
    pub steps: Vec<(String, String, String)>,
}

pub fn map_svg(chart: &MapChart, width: u32, height: u32) -> String {
    svg::render(width, height, |root, u| map(root, chart, u))
}

pub fn map_pdf(chart: &MapChart, target: PdfTarget<'_>, at: Placement) -> crate::Result<()> {
    pdf(target, at, &chart.title, |root, u| map(root, chart, u))
}

pub fn radar_svg(chart: &RadarChart, width: u32, height: u32) -> String {
    svg::render(width, height, |root, u| radar(root, chart, u))
}

pub fn radar_pdf(chart: &RadarChart, target: PdfTarget<'_>, at: Placement) -> crate::Result<()> {
    pdf(target, at, &chart.title, |root, u| radar(root, chart, u))
}

pub fn flow_svg(chart: &FlowChart, width: u32, height: u32) -> String {
    svg::render(width, height, |root, u| flow(root, chart, u))
}

pub fn flow_pdf(chart: &FlowChart, target: PdfTarget<'_>, at: Placement) -> crate::Result<()> {
    pdf(target, at, &chart.title, |root, u| flow(root, chart, u))
}

/// The height in points the flow chart needs at `width_pt` (title, rows of boxes, padding), so
/// a PDF page can give it exactly its room. Drawn in a taller placement it is centred vertically.
pub fn flow_height_pt(chart: &FlowChart, width_pt: f32) -> f32 {
    let l = FlowLayout::new(chart, f64::from(width_pt.max(1.0)), 1.0);
    let title = PAD + super::draw::TITLE_PT;
    (title + FLOW_TITLE_GAP + l.block_h() + PAD) as f32
}

/// One chart alone on a page of its own size plus a 24 pt margin, e.g.
/// `chart_pdf_page("map", 482.0, 300.0, |t, at| map_pdf(&chart, t, at))`: for previews and tests.
pub fn chart_pdf_page(
    title: &str,
    width_pt: f32,
    height_pt: f32,
    draw: impl FnOnce(PdfTarget<'_>, Placement) -> crate::Result<()>,
) -> crate::Result<Vec<u8>> {
    const MARGIN: f32 = 24.0;
    let mut doc = printpdf::PdfDocument::new(title);
    let font = doc.add_font(face());
    let mut alphas = AlphaStates::default();
    let mut ops = Vec::new();
    draw(
        PdfTarget {
            doc: &mut doc,
            font: &font,
            alphas: &mut alphas,
            ops: &mut ops,
        },
        Placement {
            left: MARGIN,
            top: height_pt + MARGIN,
            width: width_pt,
            height: height_pt,
        },
    )?;
    let page = printpdf::PdfPage::new(
        printpdf::Pt(width_pt + 2.0 * MARGIN).into(),
        printpdf::Pt(height_pt + 2.0 * MARGIN).into(),
        ops,
    );
    let mut warnings = Vec::new();
    let bytes = doc
        .with_pages(vec![page])
        .save(&printpdf::PdfSaveOptions::default(), &mut warnings);
    if bytes.is_empty() {
        return Err(crate::Error::Report(
            "the PDF writer produced no output".into(),
        ));
    }
    Ok(bytes)
}

fn pdf<'a>(
    target: PdfTarget<'a>,
    at: Placement,
    title: &str,
    draw: impl FnOnce(&DrawingArea<PdfBackend<'a>, Shift>, f64) -> Result<(), DrawError<PdfBackend<'a>>>,
) -> crate::Result<()> {
    let root = PdfBackend::new(target, at).into_drawing_area();
    draw(&root, PX_PER_PT)
        .and_then(|()| root.present())
        .map_err(|e| crate::Error::Report(format!("chart '{title}': {e}")))
}

// ---------------------------------------------------------------------------------------------
// Colours and shared helpers

/// Forward flow (towards the end of the process).
const FORWARD: RGBColor = RGBColor(0x25, 0x63, 0xeb);
const FORWARD_TEXT: RGBColor = RGBColor(0x1e, 0x40, 0xaf);
/// Backward flow (reopens, returns to an earlier state): amber, so rework stands out.
const BACKWARD: RGBColor = RGBColor(0xd9, 0x77, 0x06);
const BACKWARD_TEXT: RGBColor = RGBColor(0x92, 0x40, 0x0e);
const BOX_FILL: RGBColor = RGBColor(0xf8, 0xfa, 0xfc);
const BOX_EDGE: RGBColor = RGBColor(0x94, 0xa3, 0xb8);
const ARROW: RGBColor = RGBColor(0x64, 0x74, 0x8b);
const BASELINE: RGBColor = RGBColor(0x6b, 0x72, 0x80);
const LATEST: RGBColor = FORWARD;

type P = (f64, f64);

/// Backend pixels, rounded; consecutive duplicates (after rounding) dropped.
fn ipts(points: &[P]) -> Vec<(i32, i32)> {
    let mut out: Vec<(i32, i32)> = Vec::with_capacity(points.len());
    for &(x, y) in points {
        let p = (x.round() as i32, y.round() as i32);
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    out
}

fn ipt((x, y): P) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

fn stroke<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    points: &[P],
    color: RGBAColor,
    width_px: f64,
) -> Result<(), DrawError<DB>> {
    let points = ipts(points);
    if points.len() < 2 {
        return Ok(());
    }
    root.draw(&PathElement::new(
        points,
        ShapeStyle {
            color,
            filled: false,
            stroke_width: (width_px.round() as u32).max(1),
        },
    ))
}

fn fill<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    points: &[P],
    color: RGBAColor,
) -> Result<(), DrawError<DB>> {
    let points = ipts(points);
    if points.len() < 3 {
        return Ok(());
    }
    root.draw(&Polygon::new(points, color.filled()))
}

fn cubic(p: [P; 4], t: f64) -> P {
    let s = 1.0 - t;
    let (a, b, c, d) = (s * s * s, 3.0 * s * s * t, 3.0 * s * t * t, t * t * t);
    (
        a * p[0].0 + b * p[1].0 + c * p[2].0 + d * p[3].0,
        a * p[0].1 + b * p[1].1 + c * p[2].1 + d * p[3].1,
    )
}

/// A rounded rectangle as a closed ring that starts and ends in the middle of the top side (so
/// a stroked outline has no visible seam at a corner).
fn rounded_rect(x0: f64, y0: f64, x1: f64, y1: f64, r: f64) -> Vec<P> {
    let r = r.min((x1 - x0) / 2.0).min((y1 - y0) / 2.0).max(0.0);
    let mut out = vec![((x0 + x1) / 2.0, y0)];
    // Corners clockwise on screen (y down): top-right, bottom-right, bottom-left, top-left.
    let corners = [
        (x1 - r, y0 + r, -PI / 2.0),
        (x1 - r, y1 - r, 0.0),
        (x0 + r, y1 - r, PI / 2.0),
        (x0 + r, y0 + r, PI),
    ];
    for (cx, cy, start) in corners {
        for k in 0..=6 {
            let a = start + PI / 2.0 * f64::from(k) / 6.0;
            out.push((cx + r * a.cos(), cy + r * a.sin()));
        }
    }
    out.push(((x0 + x1) / 2.0, y0));
    out
}

/// A polyline cut into dashes of `on` pixels with `off` pixel gaps.
fn dashes(points: &[P], on: f64, off: f64) -> Vec<Vec<P>> {
    let mut out = Vec::new();
    let mut current: Vec<P> = Vec::new();
    let mut drawing = true;
    let mut left = on;
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let mut done = 0.0;
        while done < len {
            let take = left.min(len - done);
            let at = |d: f64| (a.0 + (b.0 - a.0) * d / len, a.1 + (b.1 - a.1) * d / len);
            if drawing {
                if current.is_empty() {
                    current.push(at(done));
                }
                current.push(at(done + take));
            }
            done += take;
            left -= take;
            if left <= 1e-9 {
                if drawing {
                    out.push(std::mem::take(&mut current));
                }
                drawing = !drawing;
                left = if drawing { on } else { off };
            }
        }
    }
    if current.len() >= 2 {
        out.push(current);
    }
    out
}

/// Characters that break anywhere (CJK and other full-width scripts).
fn is_wide(c: char) -> bool {
    c >= '\u{2E80}'
}

/// Words and full-width characters, each with whether a space preceded it.
fn tokens(text: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut word_space = false;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !word.is_empty() {
                out.push((word_space, std::mem::take(&mut word)));
            }
            space = true;
        } else if is_wide(c) {
            if !word.is_empty() {
                out.push((word_space, std::mem::take(&mut word)));
            }
            out.push((space, c.to_string()));
            space = false;
        } else {
            if word.is_empty() {
                word_space = space;
                space = false;
            }
            word.push(c);
        }
    }
    if !word.is_empty() {
        out.push((word_space, word));
    }
    out
}

/// Greedy line breaking to `max` pixels at `size` pixels: words stay whole where they fit,
/// Chinese breaks between characters, an over-long word breaks by characters. More than
/// `max_lines` lines: the last one kept ends with an ellipsis.
fn wrap(text: &str, size: f64, max: f64, max_lines: usize) -> Vec<String> {
    let fits = |s: &str| text_width(s, size) <= max;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (space, tok) in tokens(text) {
        let candidate = if line.is_empty() {
            tok.clone()
        } else if space {
            format!("{line} {tok}")
        } else {
            format!("{line}{tok}")
        };
        if fits(&candidate) {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if fits(&tok) {
            line = tok;
        } else {
            for c in tok.chars() {
                let mut next = line.clone();
                next.push(c);
                if !line.is_empty() && !fits(&next) {
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                } else {
                    line = next;
                }
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    let max_lines = max_lines.max(1);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("at least one line");
        let mut chars: Vec<char> = last.chars().collect();
        loop {
            let candidate: String = chars.iter().collect::<String>() + "…";
            if chars.is_empty() || fits(&candidate) {
                *last = candidate;
                break;
            }
            chars.pop();
        }
    }
    lines
}

fn overlaps(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// A filled arrowhead whose tip is at `tip`, pointing along `dir` (a unit vector).
fn arrowhead(tip: P, dir: P, length: f64, half_width: f64) -> Vec<P> {
    let base = (tip.0 - dir.0 * length, tip.1 - dir.1 * length);
    let normal = (-dir.1, dir.0);
    vec![
        (
            base.0 + normal.0 * half_width,
            base.1 + normal.1 * half_width,
        ),
        tip,
        (
            base.0 - normal.0 * half_width,
            base.1 - normal.1 * half_width,
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// Process map

const NODE_PT: f64 = 8.0;
const COUNT_PT: f64 = 7.5;
const EDGE_LABEL_PT: f64 = 7.0;
/// Arrow widths in points: the rarest edge and the most frequent one.
const EDGE_MIN_PT: f64 = 0.75;
const EDGE_MAX_PT: f64 = 6.0;
/// Only the most frequent edges carry a label; the rest would bury the map in text.
const MAX_EDGE_LABELS: usize = 12;
const NODE_MAX_LINES: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Top,
    Bottom,
}

struct MapEdge<'a> {
    from: usize,
    to: usize,
    count: u64,
    label: &'a str,
    forward: bool,
    /// Stroke width, arrowhead length and half-width, pixels.
    width: f64,
    head_len: f64,
    head_half: f64,
    from_side: Side,
    to_side: Side,
    /// Level of a same-row arc (1 = lowest), 0 for an edge between rows.
    level: usize,
    start_x: f64,
    end_x: f64,
}

/// Arrow width by count: linear in √(count ÷ most frequent), so a flow of a quarter of the
/// largest is drawn half as wide (over the minimum).
fn edge_width_pt(count: u64, max: u64) -> f64 {
    let share = count as f64 / max.max(1) as f64;
    EDGE_MIN_PT + (EDGE_MAX_PT - EDGE_MIN_PT) * share.clamp(0.0, 1.0).sqrt()
}

fn map<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &MapChart,
    u: f64,
) -> Result<(), DrawError<DB>> {
    let ink = Ink { u };
    root.fill(&WHITE)?;
    let top = f64::from(header(root, &ink, &c.title, &[])?);
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (f64::from(w), f64::from(h));
    let n = c.nodes.len();
    if n == 0 {
        return Ok(());
    }
    let pad = PAD * u;
    let name_px = NODE_PT * u;
    let count_px = COUNT_PT * u;
    let inner_x = 4.0 * u;
    let inner_y = 5.0 * u;
    let name_lh = name_px * 1.2;
    let count_lh = count_px * 1.3;

    // Boxes per row: all in one row when the names fit (wrapped to at most three lines),
    // else two rows.
    let box_width = |k: usize| {
        let slot = (w - 2.0 * pad) / k as f64;
        let gap = (slot * 0.16).clamp(6.0 * u, 16.0 * u);
        ((slot - gap).min(120.0 * u), gap)
    };
    let longest_token = c
        .nodes
        .iter()
        .flat_map(|(name, count)| {
            tokens(name)
                .into_iter()
                .map(|(_, t)| text_width(&t, name_px))
                .chain(std::iter::once(text_width(&fmt_count(*count), count_px)))
        })
        .fold(0.0f64, f64::max);
    let fits = |k: usize| {
        let (bw, _) = box_width(k);
        bw >= (longest_token + 2.0 * inner_x).max(36.0 * u)
            && c.nodes.iter().all(|(name, _)| {
                wrap(name, name_px, bw - 2.0 * inner_x, usize::MAX).len() <= NODE_MAX_LINES
            })
    };
    let per_row = if n <= 3 || fits(n) { n } else { n.div_ceil(2) };
    let rows = n.div_ceil(per_row);
    let (box_w, gap) = box_width(per_row);
    let names: Vec<Vec<String>> = c
        .nodes
        .iter()
        .map(|(name, _)| wrap(name, name_px, box_w - 2.0 * inner_x, NODE_MAX_LINES))
        .collect();
    let most_lines = names.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let box_h = 2.0 * inner_y + most_lines as f64 * name_lh + count_lh;
    let row_w = per_row as f64 * box_w + (per_row - 1) as f64 * gap;
    let x_start = (w - row_w) / 2.0;
    let row_of = |i: usize| i / per_row;
    let node_x = |i: usize| x_start + (i % per_row) as f64 * (box_w + gap);

    // Edges: widths, sides, levels.
    let max_count = c.edges.iter().map(|e| e.2).max().unwrap_or(1).max(1);
    let mut edges: Vec<MapEdge> = c
        .edges
        .iter()
        .filter(|e| e.0 < n && e.1 < n && e.0 != e.1)
        .map(|(from, to, count, label)| {
            let width = (edge_width_pt(*count, max_count) * u).round().max(1.0);
            let forward = to > from;
            let (from_side, to_side) = match row_of(*from).cmp(&row_of(*to)) {
                std::cmp::Ordering::Equal if forward => (Side::Top, Side::Top),
                std::cmp::Ordering::Equal => (Side::Bottom, Side::Bottom),
                std::cmp::Ordering::Less => (Side::Bottom, Side::Top),
                std::cmp::Ordering::Greater => (Side::Top, Side::Bottom),
            };
            MapEdge {
                from: *from,
                to: *to,
                count: *count,
                label,
                forward,
                width,
                head_len: 3.5 * u + 0.9 * width,
                head_half: width / 2.0 + 2.5 * u,
                from_side,
                to_side,
                level: 0,
                start_x: 0.0,
                end_x: 0.0,
            }
        })
        .collect();
    // Levels per (row, side): the shortest span lowest, each distinct span a level higher, so
    // arcs nest instead of crossing where they can.
    let mut levels = vec![[0usize; 2]; rows];
    for (r, level) in levels.iter_mut().enumerate() {
        for (s, side) in [Side::Top, Side::Bottom].into_iter().enumerate() {
            let mut spans: Vec<usize> = edges
                .iter()
                .filter(|e| row_of(e.from) == r && row_of(e.to) == r && e.from_side == side)
                .map(|e| e.from.abs_diff(e.to))
                .collect();
            spans.sort_unstable();
            spans.dedup();
            for e in edges.iter_mut() {
                if row_of(e.from) == r && row_of(e.to) == r && e.from_side == side {
                    let span = e.from.abs_diff(e.to);
                    e.level = spans.iter().position(|s| *s == span).unwrap_or(0) + 1;
                }
            }
            level[s] = spans.len();
        }
    }
    let cross = edges.iter().any(|e| row_of(e.from) != row_of(e.to));

    // Vertical layout: bands of arcs above, between and below the rows of boxes.
    let label_h = EDGE_LABEL_PT * u + 4.0 * u;
    let first = top + 6.0 * u;
    let avail = h - first - pad;
    let top_extra = if levels[0][0] > 0 {
        label_h / 2.0 + 2.0 * u
    } else {
        0.0
    };
    let bottom_extra = if levels[rows - 1][1] > 0 {
        label_h / 2.0 + 2.0 * u
    } else {
        0.0
    };
    let between_levels: Vec<f64> = (0..rows.saturating_sub(1))
        .map(|r| (levels[r][1] + levels[r + 1][0]) as f64 + if cross { 2.0 } else { 0.0 })
        .collect();
    let total_levels =
        levels[0][0] as f64 + levels[rows - 1][1] as f64 + between_levels.iter().sum::<f64>();
    let fixed =
        rows as f64 * box_h + top_extra + bottom_extra + between_levels.len() as f64 * label_h;
    let step = if total_levels > 0.0 {
        ((avail - fixed) / total_levels).clamp(9.0 * u, 26.0 * u)
    } else {
        0.0
    };
    let content = fixed + total_levels * step;
    let y0 = first + ((avail - content) / 2.0).max(0.0);
    let mut row_top = vec![y0 + top_extra + levels[0][0] as f64 * step];
    for r in 1..rows {
        let prev = row_top[r - 1];
        row_top.push(prev + box_h + between_levels[r - 1] * step + label_h);
    }
    let node_box = |i: usize| {
        let (x, y) = (node_x(i), row_top[row_of(i)]);
        (x, y, x + box_w, y + box_h)
    };
    let side_y = |i: usize, side: Side| {
        let b = node_box(i);
        match side {
            Side::Top => b.1,
            Side::Bottom => b.3,
        }
    };

    // Anchors: the ends on one side of a box, ordered by the other end's position, so arcs to
    // far nodes sit outside those to near ones.
    for i in 0..n {
        for side in [Side::Top, Side::Bottom] {
            // (edge, is the start, slot width, other end's x)
            let mut ends: Vec<(usize, bool, f64, f64)> = Vec::new();
            for (k, e) in edges.iter().enumerate() {
                if e.from == i && e.from_side == side {
                    ends.push((k, true, e.width + 2.5 * u, node_x(e.to) + box_w / 2.0));
                }
                if e.to == i && e.to_side == side {
                    ends.push((
                        k,
                        false,
                        2.0 * e.head_half + 2.0 * u,
                        node_x(e.from) + box_w / 2.0,
                    ));
                }
            }
            ends.sort_by(|a, b| a.3.total_cmp(&b.3).then(a.0.cmp(&b.0)));
            let total: f64 = ends.iter().map(|e| e.2).sum();
            let scale = if total > box_w * 0.92 {
                box_w * 0.92 / total
            } else {
                1.0
            };
            let mut x = node_x(i) + box_w / 2.0 - total * scale / 2.0;
            for (k, start, slot, _) in ends {
                let centre = x + slot * scale / 2.0;
                if start {
                    edges[k].start_x = centre;
                } else {
                    edges[k].end_x = centre;
                }
                x += slot * scale;
            }
        }
    }

    // Curves: a cubic Bézier leaving and entering the boxes vertically.
    let curve = |e: &MapEdge| -> [P; 4] {
        let sy = side_y(e.from, e.from_side);
        let tip = side_y(e.to, e.to_side);
        let ey = match e.to_side {
            Side::Top => tip - e.head_len,
            Side::Bottom => tip + e.head_len,
        };
        if e.level == 0 {
            let my = (sy + ey) / 2.0;
            return [
                (e.start_x, sy),
                (e.start_x, my),
                (e.end_x, my),
                (e.end_x, ey),
            ];
        }
        let height = e.level as f64 * step;
        let dir = if e.from_side == Side::Top { -1.0 } else { 1.0 };
        let ctrl = (4.0 / 3.0 * height).max(e.head_len + 3.0 * u);
        let cy = sy + dir * ctrl;
        [
            (e.start_x, sy),
            (e.start_x, cy),
            (e.end_x, cy),
            (e.end_x, ey),
        ]
    };

    // Widest first, so thin arrows stay visible on top of the main flow.
    let mut order: Vec<usize> = (0..edges.len()).collect();
    order.sort_by(|&a, &b| edges[b].count.cmp(&edges[a].count).then(a.cmp(&b)));
    for &k in &order {
        let e = &edges[k];
        // Rare flows lighter as well as thinner, so the main path reads first.
        let share = (e.count as f64 / max_count as f64).clamp(0.0, 1.0).sqrt();
        let (color, alpha) = if e.forward {
            (FORWARD, 0.5 + 0.3 * share)
        } else {
            (BACKWARD, 0.62 + 0.3 * share)
        };
        let bez = curve(e);
        let points: Vec<P> = (0..=48).map(|s| cubic(bez, f64::from(s) / 48.0)).collect();
        stroke(root, &points, color.mix(alpha), e.width)?;
        let tip_y = side_y(e.to, e.to_side);
        let dir = if e.to_side == Side::Top {
            (0.0, 1.0)
        } else {
            (0.0, -1.0)
        };
        fill(
            root,
            &arrowhead((e.end_x, tip_y), dir, e.head_len, e.head_half),
            color.mix(alpha),
        )?;
    }

    // Nodes.
    let count_style = ink.font(COUNT_PT, &MUTED, HPos::Center, VPos::Top);
    let name_style = ink.font(NODE_PT, &INK, HPos::Center, VPos::Top);
    for (i, (_, count)) in c.nodes.iter().enumerate() {
        let (x0, y0, x1, y1) = node_box(i);
        let ring = rounded_rect(x0, y0, x1, y1, 4.0 * u);
        fill(root, &ring, BOX_FILL.to_rgba())?;
        stroke(root, &ring, BOX_EDGE.to_rgba(), 0.75 * u)?;
        let lines = &names[i];
        // Names centred in the space above the count.
        let text_h = lines.len() as f64 * name_lh;
        let area = box_h - 2.0 * inner_y - count_lh;
        let mut y = y0 + inner_y + (area - text_h) / 2.0;
        let cx = (x0 + x1) / 2.0;
        for line in lines {
            root.draw_text(line, &name_style, ipt((cx, y)))?;
            y += name_lh;
        }
        root.draw_text(
            &fmt_count(*count),
            &count_style,
            ipt((cx, y1 - inner_y - count_lh + 0.15 * count_px)),
        )?;
    }

    // Labels of the most frequent edges, at the arc's apex or, where that spot is taken, the
    // nearest free place along the arc; on white so they read over crossing arrows.
    let boxes: Vec<(f64, f64, f64, f64)> = (0..n).map(node_box).collect();
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
    for &k in order.iter().take(MAX_EDGE_LABELS) {
        let e = &edges[k];
        if e.label.is_empty() {
            continue;
        }
        let lw = text_width(e.label, EDGE_LABEL_PT * u) + 6.0 * u;
        let bez = curve(e);
        let rect_at = |t: f64| {
            let (x, y) = cubic(bez, t);
            (
                x - lw / 2.0,
                y - label_h / 2.0,
                x + lw / 2.0,
                y + label_h / 2.0,
            )
        };
        let free = |r: (f64, f64, f64, f64)| {
            r.0 >= 0.0
                && r.2 <= w
                && r.1 >= top
                && r.3 <= h
                && !placed.iter().any(|p| overlaps(*p, r))
                && !boxes.iter().any(|b| overlaps(*b, r))
        };
        let spot = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78]
            .into_iter()
            .map(rect_at)
            .find(|r| free(*r))
            .unwrap_or_else(|| rect_at(0.5));
        placed.push(spot);
        let (x0, y0, x1, y1) = spot;
        fill(
            root,
            &rounded_rect(x0, y0, x1, y1, 2.0 * u),
            WHITE.mix(0.92),
        )?;
        let color = if e.forward {
            FORWARD_TEXT
        } else {
            BACKWARD_TEXT
        };
        root.draw_text(
            e.label,
            &ink.font(EDGE_LABEL_PT, &color, HPos::Center, VPos::Center),
            ipt(((x0 + x1) / 2.0, (y0 + y1) / 2.0)),
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Radar

const RADAR_LABEL_MAX_LINES: usize = 2;

/// How series look: the first of several is the baseline (grey, dashed, faint fill), the last
/// the latest (blue, solid), any between take the palette's other colours (solid).
fn radar_style(i: usize, count: usize) -> (RGBColor, bool, f64) {
    if count <= 1 || i + 1 == count {
        (LATEST, false, 0.18)
    } else if i == 0 {
        (BASELINE, true, 0.08)
    } else {
        (PALETTE[1 + (i - 1) % (PALETTE.len() - 1)], false, 0.12)
    }
}

/// The radar. A value that is `None` (not scored) sits at the centre, like 0, so the fill stays
/// one shape, but it gets no point marker and the outline is broken on both sides of it: an
/// unscored dimension never reads as a score of 0 (which has both).
fn radar<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &RadarChart,
    u: f64,
) -> Result<(), DrawError<DB>> {
    let ink = Ink { u };
    root.fill(&WHITE)?;
    let count = c.series.len();
    let legend: Vec<LegendItem> = c
        .series
        .iter()
        .enumerate()
        .map(|(i, (label, _))| {
            let (color, dashed, _) = radar_style(i, count);
            LegendItem {
                label,
                marker: if dashed {
                    Marker::Dashed(color)
                } else {
                    Marker::Line(color)
                },
            }
        })
        .collect();
    let top = f64::from(header(root, &ink, &c.title, &legend)?);
    let n = c.axes.len();
    if n == 0 {
        return Ok(());
    }
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (f64::from(w), f64::from(h));
    let pad = PAD * u;
    let (x0, y0, x1, y1) = (pad, top + 8.0 * u, w - pad, h - pad);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let label_px = LEGEND_PT * u;
    let label_lh = label_px * 1.25;
    let gap = 7.0 * u;
    let dir = |i: usize| {
        let a = 2.0 * PI * i as f64 / n as f64;
        (a.sin(), -a.cos())
    };
    let labels: Vec<Vec<String>> = c
        .axes
        .iter()
        .map(|a| wrap(a, label_px, (w * 0.3).max(60.0 * u), RADAR_LABEL_MAX_LINES))
        .collect();
    // A label's box relative to its anchor: left of / right of / centred on it, and above /
    // below / centred, by the axis' direction.
    let extent = |i: usize| {
        let (dx, dy) = dir(i);
        let lw = labels[i]
            .iter()
            .map(|l| text_width(l, label_px))
            .fold(0.0, f64::max);
        let lh = labels[i].len() as f64 * label_lh;
        let (a, b) = if dx > 0.2 {
            (0.0, lw)
        } else if dx < -0.2 {
            (-lw, 0.0)
        } else {
            (-lw / 2.0, lw / 2.0)
        };
        let (t, bt) = if dy < -0.2 {
            (-lh, 0.0)
        } else if dy > 0.2 {
            (0.0, lh)
        } else {
            (-lh / 2.0, lh / 2.0)
        };
        (a, t, b, bt)
    };
    // The largest radius at which every label stays inside the chart.
    let mut radius = ((x1 - x0) / 2.0).min((y1 - y0) / 2.0);
    for i in 0..n {
        let (dx, dy) = dir(i);
        let (a, t, b, bt) = extent(i);
        for (d, centre, lo, hi, off_lo, off_hi) in [(dx, cx, x0, x1, a, b), (dy, cy, y0, y1, t, bt)]
        {
            if d > 1e-9 {
                radius = radius.min((hi - off_hi - centre) / d - gap);
            } else if d < -1e-9 {
                radius = radius.min((lo - off_lo - centre) / d - gap);
            }
        }
    }
    let radius = radius.max(12.0 * u);
    let at = |i: usize, v: f64| {
        let (dx, dy) = dir(i);
        let r = radius * v.clamp(0.0, 100.0) / 100.0;
        (cx + r * dx, cy + r * dy)
    };

    // Grid: rings at 25/50/75/100 (0 is the centre), spokes, tick values up the first axis.
    for ring in [25.0, 50.0, 75.0, 100.0] {
        let points = ring_from_mid(&(0..n).map(|i| at(i, ring)).collect::<Vec<_>>());
        let color = if ring >= 100.0 { AXIS } else { GRID };
        stroke(root, &points, color.to_rgba(), 0.75 * u)?;
    }
    for i in 0..n {
        stroke(root, &[(cx, cy), at(i, 100.0)], GRID.to_rgba(), 0.75 * u)?;
    }

    // Series, baseline first so the latest is on top.
    for (si, (_, values)) in c.series.iter().enumerate() {
        let (color, dashed, alpha) = radar_style(si, count);
        let value = |i: usize| values.get(i).copied().flatten().filter(|v| v.is_finite());
        if (0..n).all(|i| value(i).is_none()) {
            continue;
        }
        let points: Vec<P> = (0..n).map(|i| at(i, value(i).unwrap_or(0.0))).collect();
        fill(root, &points, color.mix(alpha))?;
        let width = if dashed { 1.25 * u } else { 1.75 * u };
        let runs: Vec<Vec<P>> = if (0..n).all(|i| value(i).is_some()) {
            vec![ring_from_mid(&points)]
        } else {
            // Runs of scored axes, read around the circle from just after an unscored one.
            let gap_at = (0..n).find(|&i| value(i).is_none()).unwrap_or(0);
            let mut runs = Vec::new();
            let mut run: Vec<P> = Vec::new();
            for k in 1..=n {
                let i = (gap_at + k) % n;
                if value(i).is_some() {
                    run.push(points[i]);
                } else if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
            if !run.is_empty() {
                runs.push(run);
            }
            runs
        };
        for run in runs {
            if dashed {
                for dash in dashes(&run, 4.0 * u, 3.0 * u) {
                    stroke(root, &dash, color.to_rgba(), width)?;
                }
            } else {
                stroke(root, &run, color.to_rgba(), width)?;
            }
        }
        for (i, &(x, y)) in points.iter().enumerate() {
            if value(i).is_some() {
                root.draw(&Circle::new(
                    ipt((x, y)),
                    (2.3 * u).round().max(1.0) as i32,
                    color.filled(),
                ))?;
            }
        }
    }

    // Tick values up the first axis, over the series on a veil of white so they stay legible.
    let tick_px = (TICK_PT - 1.0) * u;
    let tick_style = ink.font(TICK_PT - 1.0, &MUTED, HPos::Left, VPos::Center);
    for v in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let (x, y) = at(0, v);
        let text = format!("{v:.0}");
        let (lx, rx) = (
            x + 2.0 * u,
            x + 4.0 * u + text_width(&text, tick_px) + 1.5 * u,
        );
        fill(
            root,
            &rounded_rect(lx, y - tick_px * 0.6, rx, y + tick_px * 0.6, 1.5 * u),
            WHITE.mix(0.85),
        )?;
        root.draw_text(&text, &tick_style, ipt((x + 3.5 * u, y)))?;
    }

    // Axis labels outside the outer ring.
    for (i, lines) in labels.iter().enumerate() {
        let (dx, dy) = dir(i);
        let (ax, ay) = (cx + (radius + gap) * dx, cy + (radius + gap) * dy);
        let (_, t, _, _) = extent(i);
        let hpos = if dx > 0.2 {
            HPos::Left
        } else if dx < -0.2 {
            HPos::Right
        } else {
            HPos::Center
        };
        let style = ink.font(LEGEND_PT, &INK, hpos, VPos::Top);
        let mut y = ay + t;
        for line in lines {
            root.draw_text(line, &style, ipt((ax, y)))?;
            y += label_lh;
        }
    }
    Ok(())
}

/// A closed ring through `points` that starts and ends halfway along the first edge, so the
/// outline's two ends meet on a straight stretch rather than at a corner.
fn ring_from_mid(points: &[P]) -> Vec<P> {
    if points.len() < 2 {
        return points.to_vec();
    }
    let mid = (
        (points[0].0 + points[1].0) / 2.0,
        (points[0].1 + points[1].1) / 2.0,
    );
    let mut out = vec![mid];
    out.extend_from_slice(&points[1..]);
    out.push(points[0]);
    out.push(mid);
    out
}

// ---------------------------------------------------------------------------------------------
// SOP flow

const STEP_TITLE_PT: f64 = 9.0;
const STEP_SMALL_PT: f64 = 7.5;
/// Narrowest box before the steps wrap to another row: five fit the PDF's 482 pt width.
const STEP_MIN_W_PT: f64 = 72.0;
const STEP_MAX_W_PT: f64 = 150.0;
const STEP_GAP_X_PT: f64 = 22.0;
const STEP_GAP_Y_PT: f64 = 26.0;
const FLOW_TITLE_GAP: f64 = 10.0;

struct FlowLayout {
    u: f64,
    per_row: usize,
    rows: usize,
    box_w: f64,
    box_h: f64,
    gap_x: f64,
    gap_y: f64,
    x_start: f64,
    titles: Vec<Vec<String>>,
    owners: Vec<Vec<String>>,
    targets: Vec<Vec<String>>,
    /// Heights of the title block and the owner block shared by all boxes, so the parts line up.
    title_h: f64,
    owner_h: f64,
    footer: bool,
}

impl FlowLayout {
    fn pad(&self) -> f64 {
        6.0 * self.u
    }
    fn badge_r(&self) -> f64 {
        6.5 * self.u
    }

    fn new(c: &FlowChart, w: f64, u: f64) -> FlowLayout {
        let n = c.steps.len().max(1);
        let pad = PAD * u;
        let gap_x = STEP_GAP_X_PT * u;
        let inner = w - 2.0 * pad;
        let fit = (((inner + gap_x) / (STEP_MIN_W_PT * u + gap_x)).floor() as usize).max(1);
        let rows = n.div_ceil(fit);
        // Balanced rows: six steps at five a row become two rows of three.
        let per_row = n.div_ceil(rows);
        let box_w = ((inner - (per_row - 1) as f64 * gap_x) / per_row as f64)
            .min(STEP_MAX_W_PT * u)
            .max(1.0);
        let row_w = per_row as f64 * box_w + (per_row - 1) as f64 * gap_x;
        let mut l = FlowLayout {
            u,
            per_row,
            rows,
            box_w,
            box_h: 0.0,
            gap_x,
            gap_y: STEP_GAP_Y_PT * u,
            x_start: (w - row_w) / 2.0,
            titles: Vec::new(),
            owners: Vec::new(),
            targets: Vec::new(),
            title_h: 0.0,
            owner_h: 0.0,
            footer: c.steps.iter().any(|s| !s.2.trim().is_empty()),
        };
        let text_w = box_w - 2.0 * l.pad();
        let title_w = text_w - 2.0 * l.badge_r() - 4.0 * u;
        let title_px = STEP_TITLE_PT * u;
        let small_px = STEP_SMALL_PT * u;
        l.titles = c
            .steps
            .iter()
            .map(|s| wrap(&s.0, title_px, title_w, 3))
            .collect();
        l.owners = c
            .steps
            .iter()
            .map(|s| wrap(&s.1, small_px, text_w, 2))
            .collect();
        l.targets = c
            .steps
            .iter()
            .map(|s| wrap(&s.2, small_px, text_w, 2))
            .collect();
        let most = |v: &[Vec<String>]| v.iter().map(Vec::len).max().unwrap_or(0) as f64;
        l.title_h = (most(&l.titles) * title_px * 1.25).max(2.0 * l.badge_r());
        l.owner_h = most(&l.owners) * small_px * 1.3;
        let footer_h = if l.footer {
            6.0 * u + most(&l.targets) * small_px * 1.3
        } else {
            0.0
        };
        l.box_h = 2.0 * l.pad() + l.title_h + 4.0 * u + l.owner_h + footer_h;
        l
    }

    fn block_h(&self) -> f64 {
        self.rows as f64 * self.box_h + (self.rows - 1) as f64 * self.gap_y
    }

    fn origin(&self, i: usize, y0: f64) -> P {
        let (r, col) = (i / self.per_row, i % self.per_row);
        (
            self.x_start + col as f64 * (self.box_w + self.gap_x),
            y0 + r as f64 * (self.box_h + self.gap_y),
        )
    }
}

fn flow<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &FlowChart,
    u: f64,
) -> Result<(), DrawError<DB>> {
    let ink = Ink { u };
    root.fill(&WHITE)?;
    let top = f64::from(header(root, &ink, &c.title, &[])?);
    if c.steps.is_empty() {
        return Ok(());
    }
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (f64::from(w), f64::from(h));
    let first = top + FLOW_TITLE_GAP * u;
    let avail = h - first - PAD * u;
    // Too tall for the space given: the boxes are drawn smaller (text too) until they fit, so
    // nothing is cut off; `flow_height_pt` tells a caller the height that needs no shrinking.
    let mut l = FlowLayout::new(c, w, u);
    for _ in 0..4 {
        if l.block_h() <= avail || l.u <= 0.35 * u {
            break;
        }
        let smaller = (l.u * avail.max(1.0) / l.block_h()).max(0.35 * u);
        l = FlowLayout::new(c, w, smaller);
    }
    let u = l.u;
    let ink = Ink { u };
    let y0 = first + ((avail - l.block_h()) / 2.0).max(0.0);
    let pad = l.pad();
    let title_px = STEP_TITLE_PT * u;
    let small_px = STEP_SMALL_PT * u;

    // Arrows first: along a row in the gap between boxes, and from a row's last box down and
    // back to the next row's first.
    let arrow_w = 1.25 * u;
    let head_len = 6.0 * u;
    let head_half = 3.5 * u;
    for i in 0..c.steps.len().saturating_sub(1) {
        let (ax, ay) = l.origin(i, y0);
        let (bx, by) = l.origin(i + 1, y0);
        if (i + 1) % l.per_row != 0 {
            let y = ay + l.box_h / 2.0;
            let (from, tip) = (ax + l.box_w + 2.0 * u, bx - 1.0 * u);
            stroke(
                root,
                &[(from, y), (tip - head_len, y)],
                ARROW.to_rgba(),
                arrow_w,
            )?;
            fill(
                root,
                &arrowhead((tip, y), (1.0, 0.0), head_len, head_half),
                ARROW.to_rgba(),
            )?;
        } else {
            let (sx, sy) = (ax + l.box_w / 2.0, ay + l.box_h + 1.0 * u);
            let (tx, ty) = (bx + l.box_w / 2.0, by - 1.0 * u);
            let my = (sy + ty) / 2.0;
            stroke(
                root,
                &[(sx, sy), (sx, my), (tx, my), (tx, ty - head_len)],
                ARROW.to_rgba(),
                arrow_w,
            )?;
            fill(
                root,
                &arrowhead((tx, ty), (0.0, 1.0), head_len, head_half),
                ARROW.to_rgba(),
            )?;
        }
    }

    let title_style = ink.font(STEP_TITLE_PT, &INK, HPos::Left, VPos::Top);
    let owner_style = ink.font(STEP_SMALL_PT, &MUTED, HPos::Left, VPos::Top);
    let target_style = ink.font(STEP_SMALL_PT, &FORWARD_TEXT, HPos::Left, VPos::Top);
    let badge_style = ink.font(STEP_SMALL_PT, &WHITE, HPos::Center, VPos::Center);
    for i in 0..c.steps.len() {
        let (x0, y0) = l.origin(i, y0);
        let (x1, y1) = (x0 + l.box_w, y0 + l.box_h);
        let ring = rounded_rect(x0, y0, x1, y1, 5.0 * u);
        fill(root, &ring, WHITE.to_rgba())?;
        stroke(root, &ring, BOX_EDGE.to_rgba(), 0.9 * u)?;

        // Number badge, title beside it (first line level with the badge's centre).
        let r = l.badge_r();
        let (bx, by) = (x0 + pad + r, y0 + pad + r);
        root.draw(&Circle::new(
            ipt((bx, by)),
            r.round() as i32,
            FORWARD.filled(),
        ))?;
        root.draw_text(&(i + 1).to_string(), &badge_style, ipt((bx, by)))?;
        let tx = x0 + pad + 2.0 * r + 4.0 * u;
        let mut y = by - title_px / 2.0;
        for line in &l.titles[i] {
            root.draw_text(line, &title_style, ipt((tx, y)))?;
            y += title_px * 1.25;
        }
        let mut y = y0 + pad + l.title_h + 4.0 * u;
        for line in &l.owners[i] {
            root.draw_text(line, &owner_style, ipt((x0 + pad, y)))?;
            y += small_px * 1.3;
        }
        if l.footer && !l.targets[i].is_empty() {
            let fy = y0 + pad + l.title_h + 4.0 * u + l.owner_h + 2.0 * u;
            stroke(
                root,
                &[(x0 + pad, fy), (x1 - pad, fy)],
                GRID.to_rgba(),
                0.75 * u,
            )?;
            let mut y = fy + 4.0 * u;
            for line in &l.targets[i] {
                root.draw_text(line, &target_style, ipt((x0 + pad, y)))?;
                y += small_px * 1.3;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_and_breaks_chinese() {
        let size = 10.0;
        let lines = wrap(
            "Awaiting User Info",
            size,
            text_width("Awaiting", size) + 1.0,
            3,
        );
        assert_eq!(lines, ["Awaiting", "User", "Info"]);
        let lines = wrap(
            "Awaiting User Info",
            size,
            text_width("User Info", size) + 1.0,
            3,
        );
        assert_eq!(lines, ["Awaiting", "User Info"]);
        let lines = wrap("确认并分配", size, 2.5 * size, 3);
        assert_eq!(lines, ["确认", "并分", "配"]);
        let lines = wrap("确认并分配", size, 2.5 * size, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(wrap("", size, 50.0, 2).is_empty());
    }

    #[test]
    fn dashes_cover_the_path_in_steps() {
        let d = dashes(&[(0.0, 0.0), (20.0, 0.0)], 4.0, 3.0);
        let starts: Vec<f64> = d.iter().map(|s| s[0].0).collect();
        assert_eq!(starts, [0.0, 7.0, 14.0]);
        assert_eq!(d[2].last().copied(), Some((18.0, 0.0)));
    }

    #[test]
    fn edge_widths_grow_with_count() {
        assert_eq!(edge_width_pt(0, 800), EDGE_MIN_PT);
        assert_eq!(edge_width_pt(800, 800), EDGE_MAX_PT);
        assert!((edge_width_pt(200, 800) - (EDGE_MIN_PT + 5.25 * 0.5)).abs() < 1e-9);
    }
}

//! The process charts (issue 11) as drawn: the process map's arrows (width by count, amber for
//! backward flow), the radar's geometry (100 on the outer ring, 0 at the centre, an unscored
//! dimension without a point), the SOP flow's rows, nothing outside the canvas, and the same
//! drawings as PDF pages read back with pdftotext.

use crate::report::{read_back, squash};
use sqm_core::charts::process::{
    chart_pdf_page, flow_height_pt, flow_pdf, flow_svg, map_pdf, map_svg, radar_pdf, radar_svg,
    FlowChart, MapChart, RadarChart,
};
use sqm_core::charts::text::text_width;

const FORWARD: &str = "#2563EB";
const BACKWARD: &str = "#D97706";
const BOX_EDGE: &str = "#94A3B8";
const OUTER_RING: &str = "#9CA3AF";

// ---- SVG reading -------------------------------------------------------------------------------

/// The attribute `name` of one tag's text.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn num(tag: &str, name: &str) -> f64 {
    attr(tag, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no numeric {name} in {tag}"))
}

/// Every `<name …>` opening tag, in document order.
fn tags<'a>(svg: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find(&open) {
        let end = rest[i..].find('>').expect("tag closes") + i;
        out.push(&rest[i..=end]);
        rest = &rest[end..];
    }
    out
}

fn points(tag: &str) -> Vec<(f64, f64)> {
    attr(tag, "points")
        .expect("points")
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').expect("x,y");
            (x.parse().expect("x"), y.parse().expect("y"))
        })
        .collect()
}

struct Text {
    x: f64,
    y: f64,
    anchor: String,
    size: f64,
    fill: String,
    content: String,
}

fn texts(svg: &str) -> Vec<Text> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find("<text ") {
        let open_end = rest[i..].find('>').expect("text tag closes") + i;
        let close = rest[open_end..].find("</text>").expect("</text>") + open_end;
        let tag = &rest[i..=open_end];
        let content = rest[open_end + 1..close]
            .trim()
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        out.push(Text {
            x: num(tag, "x"),
            y: num(tag, "y"),
            anchor: attr(tag, "text-anchor").unwrap_or("start").to_string(),
            size: num(tag, "font-size"),
            fill: attr(tag, "fill").unwrap_or("").to_string(),
            content,
        });
        rest = &rest[close..];
    }
    out
}

/// All text of the drawing in order, whitespace removed: a phrase wrapped over lines still reads.
fn all_text(svg: &str) -> String {
    squash(
        &texts(svg)
            .iter()
            .map(|t| t.content.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn svg_size(svg: &str) -> (f64, f64) {
    let tag = tags(svg, "svg")[0];
    (num(tag, "width"), num(tag, "height"))
}

/// Every text's horizontal extent (by the bundled font's advances) lies inside the canvas.
fn assert_texts_inside(svg: &str) {
    let (w, h) = svg_size(svg);
    for t in texts(svg) {
        let tw = text_width(&t.content, t.size);
        let (x0, x1) = match t.anchor.as_str() {
            "middle" => (t.x - tw / 2.0, t.x + tw / 2.0),
            "end" => (t.x - tw, t.x),
            _ => (t.x, t.x + tw),
        };
        assert!(
            x0 >= -0.5 && x1 <= w + 0.5,
            "{:?} spans x {x0:.1}..{x1:.1} outside 0..{w}",
            t.content
        );
        assert!(
            t.y >= 0.0 && t.y <= h,
            "{:?} at y {} outside 0..{h}",
            t.content,
            t.y
        );
    }
}

// ---- Data ----------------------------------------------------------------------------------------

const STATES: [&str; 8] = [
    "New",
    "Active",
    "Awaiting User Info",
    "Awaiting Problem",
    "Awaiting Vendor",
    "Awaiting Evidence",
    "Resolved",
    "Closed",
];

/// The ServiceNow incident log's shape: the main path New → Active → Resolved → Closed, side
/// trips to the awaiting states and back, a few reopens.
pub fn servicenow_map() -> MapChart {
    let counts = [1000, 985, 160, 42, 36, 26, 722, 694];
    let edges: [(usize, usize, u64, f64); 25] = [
        (0, 1, 800, 0.4),
        (1, 6, 700, 18.5),
        (6, 7, 690, 40.0),
        (1, 2, 150, 2.1),
        (2, 1, 140, 26.3),
        (1, 3, 40, 1.2),
        (3, 1, 38, 70.5),
        (1, 4, 35, 3.0),
        (4, 1, 33, 55.0),
        (6, 1, 30, 12.2),
        (1, 5, 25, 2.4),
        (5, 1, 24, 31.0),
        (0, 6, 20, 0.8),
        (2, 6, 8, 5.5),
        (1, 7, 6, 96.0),
        (0, 2, 6, 0.3),
        (1, 0, 5, 1.0),
        (3, 6, 5, 4.0),
        (0, 7, 4, 120.0),
        (4, 6, 4, 9.0),
        (7, 1, 3, 8.0),
        (6, 2, 3, 2.0),
        (2, 0, 2, 6.0),
        (4, 3, 2, 3.5),
        (5, 2, 2, 11.0),
    ];
    MapChart {
        title: "流程图（直接跟随关系） 2026 Q2".into(),
        nodes: STATES
            .iter()
            .zip(counts)
            .map(|(s, c)| (s.to_string(), c))
            .collect(),
        edges: edges
            .iter()
            .map(|&(f, t, c, hours)| (f, t, c, format!("{c} · {hours:.1} h")))
            .collect(),
    }
}

pub fn assessment_radar() -> RadarChart {
    RadarChart {
        title: "现状评估（0–100）".into(),
        axes: vec![
            "服务质量不稳定".into(),
            "缺乏标准化流程".into(),
            "用户需求未充分理解".into(),
            "缺乏持续改进机制".into(),
        ],
        series: vec![
            (
                "基线 2025 Q3".into(),
                vec![Some(42.0), Some(35.0), Some(48.0), Some(30.0)],
            ),
            (
                "最新 2026 Q2".into(),
                vec![Some(61.0), Some(66.0), Some(57.0), Some(58.0)],
            ),
        ],
    }
}

pub fn request_flow() -> FlowChart {
    let step = |name: &str, owner: &str, target: &str| {
        (name.to_string(), owner.to_string(), target.to_string())
    };
    FlowChart {
        title: "服务请求流程 REQ v1.0".into(),
        steps: vec![
            step("提交", "用户 / 服务台", ""),
            step("确认并分配", "服务支持团队", "目标 ≤ 0.5 h"),
            step("响应", "服务支持团队", "目标 ≤ 0.5 h"),
            step("解决并确认", "服务交付团队", "目标 ≤ 24 h"),
            step("反馈记录", "服务质量经理", "目标 ≤ 40 h"),
        ],
    }
}

// ---- Process map -------------------------------------------------------------------------------

/// Node boxes (x0, y0, x1, y1) from the rounded outlines, in node order.
fn node_boxes(svg: &str) -> Vec<(f64, f64, f64, f64)> {
    tags(svg, "polyline")
        .into_iter()
        .filter(|t| attr(t, "stroke") == Some(BOX_EDGE))
        .map(|t| {
            let p = points(t);
            let fold = |f: fn(f64, f64) -> f64, init: f64, pick: fn(&(f64, f64)) -> f64| {
                p.iter().map(pick).fold(init, f)
            };
            (
                fold(f64::min, f64::MAX, |p| p.0),
                fold(f64::min, f64::MAX, |p| p.1),
                fold(f64::max, f64::MIN, |p| p.0),
                fold(f64::max, f64::MIN, |p| p.1),
            )
        })
        .collect()
}

struct Arrow {
    from: usize,
    to: usize,
    color: String,
    width: f64,
}

/// The map's arrows, each tied to its two nodes: it starts on the source box's top or bottom
/// side and ends, an arrowhead short, just above or below the target box.
fn arrows(svg: &str) -> Vec<Arrow> {
    let boxes = node_boxes(svg);
    let near = |(x, y): (f64, f64), reach: f64| -> usize {
        let hits: Vec<usize> = (0..boxes.len())
            .filter(|&i| {
                let b = boxes[i];
                x >= b.0 && x <= b.2 && ((y - b.1).abs() <= reach || (y - b.3).abs() <= reach)
            })
            .collect();
        assert_eq!(hits.len(), 1, "point {x},{y} touches boxes {hits:?}");
        hits[0]
    };
    tags(svg, "polyline")
        .into_iter()
        .filter(|t| matches!(attr(t, "stroke"), Some(FORWARD | BACKWARD)))
        .map(|t| {
            let p = points(t);
            Arrow {
                from: near(p[0], 1.0),
                to: near(*p.last().expect("points"), 30.0),
                color: attr(t, "stroke").expect("stroke").to_string(),
                width: num(t, "stroke-width"),
            }
        })
        .collect()
}

#[test]
fn map_shows_every_state_count_and_top_label() {
    let chart = servicenow_map();
    let svg = map_svg(&chart, 960, 600);
    let text = all_text(&svg);
    assert!(svg.contains("Noto Sans SC"));
    assert!(text.contains(&squash(&chart.title)));
    for (name, count) in &chart.nodes {
        assert!(text.contains(&squash(name)), "node {name} in {text}");
        assert!(
            text.contains(&sqm_core::report::fmt_count(*count)),
            "count of {name}"
        );
    }
    // 25 edges: only the 12 most frequent carry a label.
    let mut by_count = chart.edges.clone();
    by_count.sort_by_key(|e| std::cmp::Reverse(e.2));
    for (i, (_, _, _, label)) in by_count.iter().enumerate() {
        let shown = texts(&svg).iter().any(|t| &t.content == label);
        assert_eq!(shown, i < 12, "label {label} (rank {i})");
    }
    assert_texts_inside(&svg);
}

#[test]
fn map_labels_do_not_overlap_each_other_or_the_boxes() {
    let chart = servicenow_map();
    for (w, h) in [(960, 600), (720, 420), (1200, 560)] {
        let svg = map_svg(&chart, w, h);
        let labels: Vec<String> = chart.edges.iter().map(|e| e.3.clone()).collect();
        let rects: Vec<(f64, f64, f64, f64, String)> = texts(&svg)
            .into_iter()
            .filter(|t| labels.contains(&t.content))
            .map(|t| {
                let tw = text_width(&t.content, t.size);
                (
                    t.x - tw / 2.0,
                    t.y - t.size / 2.0,
                    t.x + tw / 2.0,
                    t.y + t.size / 2.0,
                    t.content,
                )
            })
            .collect();
        assert_eq!(rects.len(), 12);
        let boxes = node_boxes(&svg);
        assert_eq!(boxes.len(), 8);
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                let apart = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
                assert!(apart, "{w}x{h}: labels {} and {} overlap", a.4, b.4);
            }
            for (k, b) in boxes.iter().enumerate() {
                let apart = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
                assert!(apart, "{w}x{h}: label {} over node {k}", a.4);
            }
        }
    }
}

#[test]
fn arrows_widen_with_count_and_backward_flow_is_amber() {
    // Counts far enough apart that each one gets a wider stroke in whole pixels.
    let chart = MapChart {
        title: "map".into(),
        nodes: vec![
            ("New".into(), 900),
            ("Active".into(), 880),
            ("Awaiting User Info".into(), 160),
            ("Resolved".into(), 840),
            ("Closed".into(), 800),
        ],
        edges: vec![
            (0, 1, 800, "800 · 0.4 h".into()),
            (1, 3, 400, "400 · 18.5 h".into()),
            (1, 2, 150, "150 · 2.1 h".into()),
            (2, 1, 30, "30 · 26.3 h".into()),
            (3, 1, 5, "5 · 12.0 h".into()),
            (3, 4, 250, "250 · 40.0 h".into()),
        ],
    };
    let svg = map_svg(&chart, 960, 480);
    let arrows = arrows(&svg);
    assert_eq!(arrows.len(), chart.edges.len());
    for (from, to, count, label) in &chart.edges {
        let a = arrows
            .iter()
            .find(|a| a.from == *from && a.to == *to)
            .unwrap_or_else(|| panic!("no arrow for {label}"));
        let expected = if to < from { BACKWARD } else { FORWARD };
        assert_eq!(a.color, expected, "{label} ({count})");
    }
    let mut by_count: Vec<(u64, f64)> = chart
        .edges
        .iter()
        .map(|(f, t, c, _)| {
            let a = arrows.iter().find(|a| a.from == *f && a.to == *t).unwrap();
            (*c, a.width)
        })
        .collect();
    by_count.sort_by_key(|p| p.0);
    for pair in by_count.windows(2) {
        assert!(
            pair[1].1 > pair[0].1,
            "count {} drawn {} px, count {} drawn {} px",
            pair[0].0,
            pair[0].1,
            pair[1].0,
            pair[1].1
        );
    }
    // 0.75 pt to 6 pt at 960 px wide (about 2 px per point).
    let widths: Vec<f64> = by_count.iter().map(|p| p.1).collect();
    assert_eq!(widths.first(), Some(&2.0));
    assert_eq!(widths.last(), Some(&12.0));
}

#[test]
fn many_states_wrap_into_two_rows() {
    let svg = map_svg(&two_row_map(), 960, 640);
    let boxes = node_boxes(&svg);
    assert_eq!(boxes.len(), 14);
    let mut tops: Vec<i64> = boxes.iter().map(|b| b.1.round() as i64).collect();
    tops.dedup();
    assert_eq!(tops.len(), 2, "two rows: {tops:?}");
    assert!(boxes[7].1 > boxes[6].3, "the second row is below the first");
    // Every arrow still joins its two states; the one from row 2 back to row 1 is amber.
    let arrows = arrows(&svg);
    assert_eq!(arrows.len(), 14);
    let back = arrows
        .iter()
        .find(|a| a.from == 9 && a.to == 2)
        .expect("backward arrow");
    assert_eq!(back.color, BACKWARD);
    assert!(arrows
        .iter()
        .filter(|a| a.to > a.from)
        .all(|a| a.color == FORWARD));
    assert_texts_inside(&svg);
}

// ---- Radar -------------------------------------------------------------------------------------

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

#[test]
fn radar_puts_100_on_the_outer_ring_and_0_at_the_centre() {
    let chart = RadarChart {
        title: "radar".into(),
        axes: vec!["A".into(), "B".into(), "C".into(), "D".into()],
        series: vec![(
            "latest".into(),
            vec![Some(100.0), Some(20.0), Some(50.0), None],
        )],
    };
    let svg = radar_svg(&chart, 960, 600);
    // The outer ring: the one polyline in the axis grey, corners between its mid-edge ends.
    let rings: Vec<&str> = tags(&svg, "polyline")
        .into_iter()
        .filter(|t| attr(t, "stroke") == Some(OUTER_RING))
        .collect();
    assert_eq!(rings.len(), 1);
    let ring = points(rings[0]);
    let corners = &ring[1..ring.len() - 1];
    assert_eq!(corners.len(), 4);
    let centre = (
        corners.iter().map(|p| p.0).sum::<f64>() / 4.0,
        corners.iter().map(|p| p.1).sum::<f64>() / 4.0,
    );
    let radius = dist(corners[3], centre);
    assert!(radius > 100.0, "radius {radius}");
    // The first axis points up: its corner is the last of the ring (the ring starts mid-edge).
    assert!((corners[3].0 - centre.0).abs() <= 1.0);

    let fills: Vec<&str> = tags(&svg, "polygon")
        .into_iter()
        .filter(|t| attr(t, "fill") == Some(FORWARD))
        .collect();
    assert_eq!(fills.len(), 1, "one series fill");
    assert!(num(fills[0], "opacity") < 1.0, "the fill is translucent");
    let v = points(fills[0]);
    assert_eq!(v.len(), 4);
    // 100 on the ring, straight up; 20 a fifth of the way out to the right; 50 halfway down;
    // the unscored axis at the centre.
    assert!(dist(v[0], (centre.0, centre.1 - radius)) <= 1.5, "{v:?}");
    assert!(
        dist(v[1], (centre.0 + radius * 0.2, centre.1)) <= 1.5,
        "{v:?}"
    );
    assert!(
        dist(v[2], (centre.0, centre.1 + radius * 0.5)) <= 1.5,
        "{v:?}"
    );
    assert!(dist(v[3], centre) <= 1.5, "{v:?}");

    // Points for the three scored axes only (the legend's dot is above the chart).
    let dots = tags(&svg, "circle")
        .into_iter()
        .filter(|t| attr(t, "fill") == Some(FORWARD))
        .filter(|t| dist((num(t, "cx"), num(t, "cy")), centre) <= radius + 2.0)
        .count();
    assert_eq!(dots, 3);
    // The outline is broken at the unscored axis: no outline reaches the centre.
    for t in tags(&svg, "polyline")
        .into_iter()
        .filter(|t| attr(t, "stroke") == Some(FORWARD))
    {
        for p in points(t) {
            assert!(dist(p, centre) > 3.0, "outline through the centre: {t}");
        }
    }
}

#[test]
fn radar_baseline_is_dashed_grey_and_labels_fit() {
    let chart = assessment_radar();
    for (w, h) in [(960, 600), (640, 420), (482, 300)] {
        let svg = radar_svg(&chart, w, h);
        let text = all_text(&svg);
        for label in chart.axes.iter().chain(chart.series.iter().map(|s| &s.0)) {
            assert!(text.contains(&squash(label)), "{label} at {w}x{h}");
        }
        for tick in ["0", "25", "50", "75", "100"] {
            assert!(texts(&svg).iter().any(|t| t.content == tick), "tick {tick}");
        }
        assert_texts_inside(&svg);
        // The baseline's outline is drawn in dashes (many short pieces), the latest in one.
        let pieces = |color: &str| {
            tags(&svg, "polyline")
                .into_iter()
                .filter(|t| attr(t, "stroke") == Some(color))
                .count()
        };
        assert!(pieces("#6B7280") > 20, "dashed baseline at {w}x{h}");
        // Latest: the closed outline plus the legend's line.
        assert_eq!(pieces(FORWARD), 2, "solid latest at {w}x{h}");
    }
    // Axis labels in Chinese are not cut: each lies wholly inside the canvas (checked above) and
    // none is shortened with an ellipsis at the usual size.
    assert!(!radar_svg(&chart, 960, 600).contains('…'));
}

// ---- SOP flow ----------------------------------------------------------------------------------

#[test]
fn flow_boxes_carry_number_title_owner_and_target() {
    let chart = request_flow();
    let svg = flow_svg(&chart, 960, 260);
    let text = all_text(&svg);
    for (i, (name, owner, target)) in chart.steps.iter().enumerate() {
        assert!(
            texts(&svg).iter().any(|t| t.content == (i + 1).to_string()),
            "number {}",
            i + 1
        );
        for part in [name, owner, target] {
            assert!(text.contains(&squash(part)), "{part}");
        }
    }
    let boxes = node_boxes(&svg);
    assert_eq!(boxes.len(), 5);
    let mut tops: Vec<i64> = boxes.iter().map(|b| b.1.round() as i64).collect();
    tops.dedup();
    assert_eq!(tops.len(), 1, "five steps in one row at full width");
    // Left to right, apart, joined by four arrows.
    for pair in boxes.windows(2) {
        assert!(pair[1].0 > pair[0].2 + 10.0);
    }
    let arrows = tags(&svg, "polyline")
        .into_iter()
        .filter(|t| attr(t, "stroke") == Some("#64748B"))
        .count();
    assert_eq!(arrows, 4);
    // Owners in the muted grey, under the titles.
    let owner = texts(&svg)
        .into_iter()
        .find(|t| t.content == "服务交付团队")
        .expect("owner");
    assert_eq!(owner.fill, "#6B7280");
    assert_texts_inside(&svg);
}

#[test]
fn flow_wraps_long_sops_into_rows() {
    let steps: Vec<(String, String, String)> = (1..=7)
        .map(|i| (format!("步骤{i}"), "服务支持团队".into(), "≤ 1 h".into()))
        .collect();
    let chart = FlowChart {
        title: "长流程".into(),
        steps,
    };
    // The height it asks for is enough: the boxes end above the bottom edge.
    let height_pt = flow_height_pt(&chart, 482.0);
    let svg = flow_svg(&chart, 964, (height_pt * 2.0).ceil() as u32);
    let boxes = node_boxes(&svg);
    assert_eq!(boxes.len(), 7);
    let (_, h) = svg_size(&svg);
    assert!(boxes.iter().all(|b| b.3 < h - 8.0), "fits its own height");
    let first_row = boxes
        .iter()
        .filter(|b| (b.1 - boxes[0].1).abs() < 1.0)
        .count();
    assert_eq!(first_row, 4, "seven steps: rows of four and three");
    assert!(
        boxes[4].1 > boxes[3].3,
        "the fifth step starts the second row"
    );
    // Six arrows: five along rows, one turning from the first row to the second.
    let arrows = tags(&svg, "polyline")
        .into_iter()
        .filter(|t| attr(t, "stroke") == Some("#64748B"))
        .count();
    assert_eq!(arrows, 6);
    assert_texts_inside(&svg);

    // Given less height than it asks for, the boxes shrink rather than run off the canvas.
    let squeezed = flow_svg(&chart, 964, (height_pt * 1.4) as u32);
    let (_, h) = svg_size(&squeezed);
    let boxes = node_boxes(&squeezed);
    assert_eq!(boxes.len(), 7);
    assert!(boxes.iter().all(|b| b.3 <= h), "{boxes:?} within {h}");
    assert_texts_inside(&squeezed);
}

// ---- PDF ---------------------------------------------------------------------------------------

#[test]
fn charts_render_to_pdf_with_their_labels() {
    let map = servicenow_map();
    let radar = assessment_radar();
    let flow = request_flow();
    let pages: [(&str, Vec<u8>, Vec<String>); 3] = [
        (
            "map.pdf",
            chart_pdf_page("map", 482.0, 300.0, |t, at| map_pdf(&map, t, at)).expect("map"),
            map.nodes
                .iter()
                .map(|n| n.0.clone())
                .chain(["800 · 0.4 h".into(), "30 · 12.2 h".into()])
                .collect(),
        ),
        (
            "radar.pdf",
            chart_pdf_page("radar", 482.0, 300.0, |t, at| radar_pdf(&radar, t, at)).expect("radar"),
            radar
                .axes
                .iter()
                .cloned()
                .chain(radar.series.iter().map(|s| s.0.clone()))
                .chain(["100".into()])
                .collect(),
        ),
        (
            "flow.pdf",
            chart_pdf_page("flow", 482.0, flow_height_pt(&flow, 482.0), |t, at| {
                flow_pdf(&flow, t, at)
            })
            .expect("flow"),
            flow.steps
                .iter()
                .flat_map(|s| [s.0.clone(), s.1.clone(), s.2.clone()])
                .collect(),
        ),
    ];
    for (name, pdf, phrases) in pages {
        assert!(pdf.starts_with(b"%PDF"), "{name}");
        let Some((text, count)) = read_back(&pdf, name) else {
            return;
        };
        assert_eq!(count, 1, "{name}");
        let flat = squash(&text);
        for phrase in phrases.iter().filter(|p| !p.is_empty()) {
            assert!(
                flat.contains(&squash(phrase)),
                "{name}: {phrase:?} in\n{text}"
            );
        }
    }
}

/// Writes the example charts as SVG and PNG into the directory named by SQM_CHART_PREVIEW
/// (for looking at them); does nothing without it.
#[test]
fn preview_when_asked() {
    let Ok(dir) = std::env::var("SQM_CHART_PREVIEW") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("preview dir");
    let charts = [
        ("map", map_svg(&servicenow_map(), 964, 600)),
        ("map_small", map_svg(&servicenow_map(), 720, 420)),
        ("radar", radar_svg(&assessment_radar(), 964, 560)),
        ("flow", flow_svg(&request_flow(), 964, 240)),
        ("map_two_rows", map_svg(&two_row_map(), 964, 640)),
        ("map_simple", map_svg(&simple_map(), 964, 420)),
        ("radar_six", radar_svg(&six_axis_radar(), 720, 480)),
        ("flow_seven", flow_svg(&seven_step_flow(), 964, 360)),
    ];
    for (name, svg) in charts {
        std::fs::write(dir.join(format!("{name}.svg")), &svg).expect("svg");
        let png = sqm_core::export::chart_png(&svg, 1.0).expect("png");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("png");
    }
    let pdf = chart_pdf_page("map", 482.0, 300.0, |t, at| {
        map_pdf(&servicenow_map(), t, at)
    })
    .expect("pdf");
    std::fs::write(dir.join("map.pdf"), pdf).expect("pdf");
}

fn two_row_map() -> MapChart {
    let nodes: Vec<(String, u64)> = (0..14)
        .map(|i| (format!("Awaiting state number {i}"), 100 - i as u64))
        .collect();
    let edges: Vec<(usize, usize, u64, String)> = (0..13)
        .map(|i| (i, i + 1, 90 - i as u64, format!("e{i}")))
        .chain([(9, 2, 7, "back".to_string())])
        .collect();
    MapChart {
        title: "wide".into(),
        nodes,
        edges,
    }
}

fn simple_map() -> MapChart {
    MapChart {
        title: "Process map".into(),
        nodes: vec![
            ("New".into(), 1000),
            ("Active".into(), 985),
            ("Resolved".into(), 722),
            ("Closed".into(), 694),
        ],
        edges: vec![
            (0, 1, 800, "800 · 0.4 h".into()),
            (1, 2, 700, "700 · 18.5 h".into()),
            (2, 3, 690, "690 · 40.0 h".into()),
            (2, 1, 30, "30 · 12.2 h".into()),
            (0, 2, 20, "20 · 0.8 h".into()),
        ],
    }
}

fn six_axis_radar() -> RadarChart {
    RadarChart {
        title: "Six dimensions".into(),
        axes: [
            "Unstable service quality",
            "No standard process",
            "User needs not understood",
            "No continual-improvement mechanism",
            "Tooling",
            "Skills",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        series: vec![
            (
                "Baseline".into(),
                vec![
                    Some(42.0),
                    Some(35.0),
                    Some(48.0),
                    Some(30.0),
                    None,
                    Some(55.0),
                ],
            ),
            (
                "Mid-year".into(),
                vec![
                    Some(50.0),
                    Some(52.0),
                    Some(50.0),
                    Some(45.0),
                    Some(40.0),
                    Some(60.0),
                ],
            ),
            (
                "Latest".into(),
                vec![
                    Some(61.0),
                    Some(66.0),
                    Some(57.0),
                    Some(58.0),
                    None,
                    Some(100.0),
                ],
            ),
        ],
    }
}

fn seven_step_flow() -> FlowChart {
    FlowChart {
        title: "Service delivery process DLV v2.0".into(),
        steps: [
            ("Request received and logged", "Service desk", ""),
            ("Triage", "Service support team", "Target ≤ 0.5 h"),
            ("Plan", "Delivery lead", "Target ≤ 4 h"),
            (
                "Build and configure",
                "Service delivery team",
                "Target ≤ 24 h",
            ),
            ("Verify", "Quality manager", "Target ≤ 8 h"),
            ("Hand over", "Service delivery team", ""),
            (
                "Close and review",
                "Service quality manager",
                "Target ≤ 40 h",
            ),
        ]
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect(),
    }
}

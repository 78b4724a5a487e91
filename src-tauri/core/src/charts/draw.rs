//! Drawing trend and bar charts on any plotters backend: SVG for the UI, PDF ops for the pack.
//! Sizes are in points times `u` backend pixels per point, so both outputs have the same look.

use super::model::{BarChart, TrendChart};
use crate::fonts::FAMILY;
use crate::report::{fmt_count_f64, fmt_pct};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub(crate) type DrawError<DB> = DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>;

pub(crate) const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
pub(crate) const MUTED: RGBColor = RGBColor(0x6b, 0x72, 0x80);
// Solid light greys rather than alpha: they look the same on white and need no transparency.
pub(crate) const GRID: RGBColor = RGBColor(0xe5, 0xe7, 0xeb);
pub(crate) const AXIS: RGBColor = RGBColor(0x9c, 0xa3, 0xaf);
const TARGET: RGBColor = RGBColor(0xdc, 0x26, 0x26);
const BAR: RGBColor = RGBColor(0x3b, 0x82, 0xf6);
pub(crate) const PALETTE: [RGBColor; 4] = [
    RGBColor(0x25, 0x63, 0xeb),
    RGBColor(0x0d, 0x94, 0x88),
    RGBColor(0xd9, 0x77, 0x06),
    RGBColor(0x7c, 0x3a, 0xed),
];

/// Outer padding of a chart, in points.
pub(crate) const PAD: f64 = 8.0;
pub(crate) const TITLE_PT: f64 = 11.0;
pub(crate) const LEGEND_PT: f64 = 8.5;
pub(crate) const TICK_PT: f64 = 8.0;
pub(crate) const VALUE_PT: f64 = 7.5;

/// Converts the chart's point sizes to backend pixels.
pub(crate) struct Ink {
    pub(crate) u: f64,
}

impl Ink {
    pub(crate) fn px(&self, pt: f64) -> i32 {
        (pt * self.u).round() as i32
    }
    pub(crate) fn stroke(&self, pt: f64) -> u32 {
        ((pt * self.u).round() as u32).max(1)
    }
    pub(crate) fn font(&self, pt: f64, color: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
        (FAMILY, pt * self.u)
            .into_font()
            .color(color)
            .pos(Pos::new(h, v))
    }
}

pub(crate) enum Marker {
    Line(RGBColor),
    Dashed(RGBColor),
}

pub(crate) struct LegendItem<'a> {
    pub(crate) label: &'a str,
    pub(crate) marker: Marker,
}

/// Title and legend across the top; returns the y where the plot may start. The legend is drawn
/// here rather than by plotters because plotters sizes its legend box with a byte-count
/// estimate that is far off for Chinese labels.
pub(crate) fn header<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    ink: &Ink,
    title: &str,
    legend: &[LegendItem],
) -> Result<i32, DrawError<DB>> {
    let (w, _) = root.dim_in_pixel();
    let pad = ink.px(PAD);
    root.draw_text(
        title,
        &ink.font(TITLE_PT, &INK, HPos::Left, VPos::Top),
        (pad, pad),
    )?;
    let mut bottom = pad + ink.px(TITLE_PT);
    if legend.is_empty() {
        return Ok(bottom);
    }
    let row_h = ink.px(12.0);
    let mut cy = bottom + ink.px(6.0) + row_h / 2;
    let mut x = pad;
    let label_style = ink.font(LEGEND_PT, &INK, HPos::Left, VPos::Center);
    for item in legend {
        let (tw, _) = root.estimate_text_size(item.label, &label_style)?;
        let item_w = ink.px(18.0 + 5.0) + tw as i32;
        if x > pad && x + item_w > w as i32 - pad {
            x = pad;
            cy += row_h;
        }
        let (x0, x1) = (x, x + ink.px(18.0));
        match item.marker {
            Marker::Line(c) => {
                root.draw(&PathElement::new(
                    vec![(x0, cy), (x1, cy)],
                    c.stroke_width(ink.stroke(1.5)),
                ))?;
                root.draw(&Circle::new(((x0 + x1) / 2, cy), ink.px(2.5), c.filled()))?;
            }
            Marker::Dashed(c) => {
                for k in 0..3 {
                    let s = x0 + ink.px(7.0 * f64::from(k));
                    root.draw(&PathElement::new(
                        vec![(s, cy), (s + ink.px(4.0), cy)],
                        c.stroke_width(ink.stroke(1.0)),
                    ))?;
                }
            }
        }
        root.draw_text(item.label, &label_style, (x1 + ink.px(5.0), cy))?;
        x += item_w + ink.px(14.0);
    }
    bottom = cy + row_h / 2;
    Ok(bottom)
}

/// The smallest step of 1, 2 or 5 × 10ⁿ that divides `span` into at most `max_steps` steps.
fn nice_step(span: f64, max_steps: f64) -> f64 {
    let span = if span > 0.0 { span } else { 1.0 };
    let mut step = 10f64.powf((span / max_steps).log10().floor());
    loop {
        for m in [1.0, 2.0, 5.0] {
            if span / (step * m) <= max_steps + 1e-9 {
                return step * m;
            }
        }
        step *= 10.0;
    }
}

/// Value axis range and step: percentages end at 100 and start a little below the lowest value
/// or target; counts start at 0.
fn value_range(values: &[f64], target: Option<f64>, percent: bool) -> (f64, f64, f64) {
    let all = values
        .iter()
        .copied()
        .chain(target)
        .filter(|v| v.is_finite());
    if percent {
        let low = all.fold(100.0f64, f64::min).clamp(0.0, 100.0);
        let low = (low - 5.0).max(0.0);
        let step = nice_step(100.0 - low, 5.0);
        ((low / step).floor() * step, 100.0, step)
    } else {
        let high = all.fold(0.0f64, f64::max).max(1.0);
        // Counts are whole: never a step below one.
        let step = nice_step(high, 5.0).max(1.0);
        (0.0, (high / step).ceil() * step, step)
    }
}

fn axis_label(v: f64, percent: bool) -> String {
    let whole = (v - v.round()).abs() < 1e-6;
    match (percent, whole) {
        (true, true) => format!("{v:.0}%"),
        (true, false) => format!("{v:.1}%"),
        (false, true) => fmt_count_f64(Some(v)),
        (false, false) => format!("{v:.1}"),
    }
}

fn value_label(v: f64, percent: bool) -> String {
    if percent {
        fmt_pct(Some(v))
    } else {
        fmt_count_f64(Some(v))
    }
}

pub(crate) fn trend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &TrendChart,
    u: f64,
) -> Result<(), DrawError<DB>> {
    let ink = Ink { u };
    root.fill(&WHITE)?;
    let mut legend: Vec<LegendItem> = c
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| LegendItem {
            label: &s.label,
            marker: Marker::Line(PALETTE[i % PALETTE.len()]),
        })
        .collect();
    if let Some((label, _)) = &c.target {
        legend.push(LegendItem {
            label,
            marker: Marker::Dashed(TARGET),
        });
    }
    let top = header(root, &ink, &c.title, &legend)?;

    let n = c
        .x_labels
        .len()
        .max(c.series.iter().map(|s| s.values.len()).max().unwrap_or(0))
        .max(1);
    let values: Vec<f64> = c
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .filter(|v| v.is_finite())
        .collect();
    let target = c.target.as_ref().map(|(_, v)| *v).filter(|v| v.is_finite());
    let (lo, hi, step) = value_range(&values, target, c.percent);

    let tick_style = ink.font(TICK_PT, &MUTED, HPos::Right, VPos::Center);
    let mut widest = 0;
    let mut v = lo;
    while v <= hi + step * 1e-6 {
        widest = widest.max(
            root.estimate_text_size(&axis_label(v, c.percent), &tick_style)?
                .0,
        );
        v += step;
    }
    // Room for the rotated axis description, a gap, the tick labels and the tick marks.
    let y_area = ink.px(LEGEND_PT + 8.0 + 6.0) + widest as i32;
    let x_area = ink.px(TICK_PT + 8.0);
    let pad = ink.px(PAD);
    // Value labels over the highest points need a little room above the plot.
    let plot = root.margin(top + ink.px(12.0), pad, pad, pad + ink.px(6.0));
    let mut chart = ChartBuilder::on(&plot)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), lo..hi)?;
    let steps = ((hi - lo) / step).round() as usize + 1;
    let percent = c.percent;
    let y_fmt = move |v: &f64| axis_label(*v, percent);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(steps)
        .y_max_light_lines(0)
        .y_label_formatter(&y_fmt)
        .bold_line_style(GRID.stroke_width(ink.stroke(0.5)))
        .axis_style(AXIS.stroke_width(ink.stroke(0.5)))
        .label_style(ink.font(TICK_PT, &MUTED, HPos::Right, VPos::Center))
        .y_desc(c.y_label.as_str())
        .axis_desc_style(ink.font(LEGEND_PT, &MUTED, HPos::Center, VPos::Top))
        .set_tick_mark_size(LabelAreaPosition::Left, ink.px(3.0))
        .set_tick_mark_size(LabelAreaPosition::Bottom, 0)
        .draw()?;

    // Quarter labels under their points; drawn here because plotters picks its own key points
    // on a continuous axis.
    let x_style = ink.font(TICK_PT, &MUTED, HPos::Center, VPos::Top);
    for (i, label) in c.x_labels.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(i as f64, lo));
        root.draw_text(label, &x_style, (px, py + ink.px(5.0)))?;
    }

    if let Some(t) = target {
        chart.draw_series(DashedLineSeries::new(
            vec![(-0.5, t), (n as f64 - 0.5, t)],
            ink.px(4.0),
            ink.px(3.0),
            TARGET.stroke_width(ink.stroke(1.0)),
        ))?;
    }

    let label_values = c.series.len() == 1;
    let target_y = target.map(|t| chart.backend_coord(&(0.0, t)).1);
    for (si, s) in c.series.iter().enumerate() {
        let color = PALETTE[si % PALETTE.len()];
        let points: Vec<Option<(f64, f64)>> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.filter(|v| v.is_finite())
                    .map(|v| (i as f64, v.clamp(lo, hi)))
            })
            .collect();
        // A quarter without data splits the line: each run of measured quarters is drawn alone.
        for run in points.split(Option::is_none) {
            let run: Vec<(f64, f64)> = run.iter().flatten().copied().collect();
            if run.len() >= 2 {
                chart.draw_series(LineSeries::new(run, color.stroke_width(ink.stroke(1.5))))?;
            }
        }
        for (i, p) in points.iter().enumerate() {
            let Some(p) = *p else { continue };
            chart.draw_series(std::iter::once(Circle::new(p, ink.px(2.5), color.filled())))?;
            if label_values {
                let raw = s.values[i].unwrap_or(p.1);
                let (px, py) = chart.backend_coord(&p);
                let gap = ink.px(5.0);
                // Above the point, unless the target line runs through that spot: then below.
                let above = (py - gap - ink.px(VALUE_PT + 2.0), py - gap + ink.px(2.0));
                let crosses = target_y.is_some_and(|ty| ty >= above.0 && ty <= above.1);
                let (v_pos, y) = if crosses {
                    (VPos::Top, py + gap)
                } else {
                    (VPos::Bottom, py - gap)
                };
                root.draw_text(
                    &value_label(raw, c.percent),
                    &ink.font(VALUE_PT, &color, HPos::Center, v_pos),
                    (px, y),
                )?;
            }
        }
    }
    Ok(())
}

/// Shortens `text` with an ellipsis until it fits `max` pixels.
fn fit<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max: u32,
) -> Result<String, DrawError<DB>> {
    if root.estimate_text_size(text, style)?.0 <= max {
        return Ok(text.to_string());
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>() + "…";
        if root.estimate_text_size(&candidate, style)?.0 <= max {
            return Ok(candidate);
        }
    }
    Ok("…".to_string())
}

pub(crate) fn bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &BarChart,
    u: f64,
) -> Result<(), DrawError<DB>> {
    let ink = Ink { u };
    root.fill(&WHITE)?;
    let legend: Vec<LegendItem> = c
        .target
        .iter()
        .map(|(label, _)| LegendItem {
            label,
            marker: Marker::Dashed(TARGET),
        })
        .collect();
    let top = header(root, &ink, &c.title, &legend)?;
    let (w, _) = root.dim_in_pixel();
    let pad = ink.px(PAD);
    let n = c.labels.len().max(c.values.len()).max(1);

    let values: Vec<f64> = c
        .values
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    let target = c.target.as_ref().map(|(_, v)| *v).filter(|v| v.is_finite());
    let (lo, hi, step) = if c.percent {
        let step = nice_step(100.0, 5.0);
        (0.0, 100.0, step)
    } else {
        value_range(&values, target, false)
    };

    // Category names on the left, shortened if they would take more than 38% of the width.
    let name_style = ink.font(LEGEND_PT, &INK, HPos::Right, VPos::Center);
    let max_name = (f64::from(w) * 0.38) as u32;
    let mut names = Vec::with_capacity(n);
    let mut widest_name = 0;
    for i in 0..n {
        let name = fit(
            root,
            c.labels.get(i).map(String::as_str).unwrap_or(""),
            &name_style,
            max_name,
        )?;
        widest_name = widest_name.max(root.estimate_text_size(&name, &name_style)?.0);
        names.push(name);
    }
    let value_style = ink.font(VALUE_PT, &INK, HPos::Left, VPos::Center);
    let value_texts: Vec<String> = (0..n)
        .map(
            |i| match c.values.get(i).copied().flatten().filter(|v| v.is_finite()) {
                Some(v) => value_label(v, c.percent),
                None => crate::report::NOT_MEASURED.to_string(),
            },
        )
        .collect();
    let mut widest_value = 0;
    for t in &value_texts {
        widest_value = widest_value.max(root.estimate_text_size(t, &value_style)?.0);
    }

    let plot = root.margin(
        top + ink.px(8.0),
        pad,
        pad,
        pad + ink.px(6.0) + widest_value as i32,
    );
    let mut chart = ChartBuilder::on(&plot)
        .x_label_area_size(ink.px(TICK_PT + LEGEND_PT + 14.0))
        .y_label_area_size(widest_name as i32 + ink.px(8.0))
        .build_cartesian_2d(lo..hi, 0f64..n as f64)?;
    let steps = ((hi - lo) / step).round() as usize + 1;
    let percent = c.percent;
    let x_fmt = move |v: &f64| axis_label(*v, percent);
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(steps)
        .x_max_light_lines(0)
        .x_label_formatter(&x_fmt)
        .bold_line_style(GRID.stroke_width(ink.stroke(0.5)))
        .axis_style(AXIS.stroke_width(ink.stroke(0.5)))
        .label_style(ink.font(TICK_PT, &MUTED, HPos::Center, VPos::Top))
        .x_desc(c.value_label.as_str())
        .axis_desc_style(ink.font(LEGEND_PT, &MUTED, HPos::Center, VPos::Bottom))
        .set_tick_mark_size(LabelAreaPosition::Bottom, ink.px(3.0))
        .set_tick_mark_size(LabelAreaPosition::Left, 0)
        .draw()?;

    for i in 0..n {
        // The first category at the top, as a table reads.
        let yc = (n - 1 - i) as f64 + 0.5;
        let value = c.values.get(i).copied().flatten().filter(|v| v.is_finite());
        if let Some(v) = value {
            let v = v.clamp(lo, hi);
            chart.draw_series(std::iter::once(Rectangle::new(
                [(lo, yc - 0.3), (v, yc + 0.3)],
                BAR.filled(),
            )))?;
        }
        let (x0, py) = chart.backend_coord(&(lo, yc));
        let (x_end, _) = chart.backend_coord(&(value.unwrap_or(lo).clamp(lo, hi), yc));
        root.draw_text(&names[i], &name_style, (x0 - ink.px(6.0), py))?;
        root.draw_text(&value_texts[i], &value_style, (x_end + ink.px(4.0), py))?;
    }
    if let Some(t) = target {
        chart.draw_series(DashedLineSeries::new(
            vec![(t.clamp(lo, hi), 0.0), (t.clamp(lo, hi), n as f64)],
            ink.px(4.0),
            ink.px(3.0),
            TARGET.stroke_width(ink.stroke(1.0)),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_and_ranges() {
        assert_eq!(nice_step(16.0, 5.0), 5.0);
        assert_eq!(nice_step(10.0, 5.0), 2.0);
        assert_eq!(nice_step(65.0, 5.0), 20.0);
        assert_eq!(nice_step(1234.0, 5.0), 500.0);
        assert_eq!(
            value_range(&[89.0, 97.0], Some(95.0), true),
            (80.0, 100.0, 5.0)
        );
        assert_eq!(value_range(&[], Some(95.0), true), (90.0, 100.0, 2.0));
        assert_eq!(value_range(&[812.0], None, false), (0.0, 1000.0, 200.0));
        assert_eq!(value_range(&[], None, false), (0.0, 1.0, 1.0));
    }
}

//! The chart model shared by the UI (SVG) and the PDF, and the pack's charts built from the
//! quarter's metrics, so a figure on screen and on paper come from the same numbers.

use crate::metrics::{Figures, QuarterMetrics, Targets};
use crate::report::i18n::{self, words};
use crate::report::{fmt_pct, Lang};

/// One line of a trend chart. `None` is a quarter with nothing measured: drawn as a gap.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

/// Values over periods (x: one label per period, oldest first).
#[derive(Debug, Clone, PartialEq)]
pub struct TrendChart {
    pub title: String,
    pub y_label: String,
    pub x_labels: Vec<String>,
    pub series: Vec<Series>,
    /// A horizontal target line: its legend label (e.g. "目标 95.0%") and value.
    pub target: Option<(String, f64)>,
    /// Values are percentages (0–100): the axis stops at 100 and labels carry `%`.
    pub percent: bool,
}

/// One value per category, drawn as horizontal bars (long service names stay readable).
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub title: String,
    /// What the value axis measures, e.g. "工单数（件）".
    pub value_label: String,
    pub labels: Vec<String>,
    /// `None`: not measured for that category; no bar, marked `—`.
    pub values: Vec<Option<f64>>,
    /// A vertical target line: its legend label and value.
    pub target: Option<(String, f64)>,
    pub percent: bool,
}

/// The charts of the quarterly pack and the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct PackCharts {
    pub response: TrendChart,
    pub resolution: TrendChart,
    pub satisfaction: TrendChart,
    pub volume: BarChart,
}

impl PackCharts {
    pub fn trends(&self) -> [&TrendChart; 3] {
        [&self.response, &self.resolution, &self.satisfaction]
    }
}

pub fn pack_charts(m: &QuarterMetrics, targets: &Targets, lang: Lang) -> PackCharts {
    let w = words(lang);
    let x_labels: Vec<String> = m
        .trend
        .iter()
        .map(|p| i18n::quarter_short(p.quarter))
        .collect();
    let trend =
        |title: &str, axis: &str, series: &str, target: f64, pick: fn(&Figures) -> Option<f64>| {
            TrendChart {
                title: title.to_string(),
                y_label: axis.to_string(),
                x_labels: x_labels.clone(),
                series: vec![Series {
                    label: series.to_string(),
                    values: m.trend.iter().map(|p| pick(&p.figures)).collect(),
                }],
                target: Some((
                    i18n::chart_target_label(&fmt_pct(Some(target)), lang),
                    target,
                )),
                percent: true,
            }
        };
    PackCharts {
        response: trend(
            w.chart_response_title,
            w.chart_attainment_axis,
            w.kpi_response,
            targets.response_required_pct,
            |f| f.response.pct,
        ),
        resolution: trend(
            w.chart_resolution_title,
            w.chart_attainment_axis,
            w.kpi_resolution,
            targets.resolution_required_pct,
            |f| f.resolution.pct,
        ),
        satisfaction: trend(
            w.chart_csat_title,
            w.chart_csat_axis,
            w.kpi_csat,
            targets.satisfaction_target_pct,
            |f| f.csat,
        ),
        volume: BarChart {
            title: i18n::volume_chart_title(m.quarter, lang),
            value_label: w.chart_volume_axis.to_string(),
            labels: m.services.iter().map(|s| s.name.clone()).collect(),
            // A service row exists because it had tickets or standards; its volume is a count,
            // so zero is a real zero here, not a missing measurement.
            values: m
                .services
                .iter()
                .map(|s| Some(s.figures.volume as f64))
                .collect(),
            target: None,
            percent: false,
        },
    }
}
